import * as net from 'node:net';

/**
 * A TCP proxy in front of MariaDB that loses the answer to some COMMITs: it forwards a client's `COMMIT` to the
 * server (which commits), drops everything the server sends back, and closes both sides — what a network cut or a
 * `KILL CONNECTION` at the wrong moment does. The client cannot tell whether its transaction committed.
 * `cutEvery` = n cuts every n-th COMMIT seen (0 cuts none). `dropEvery` = m closes the connection instead of
 * forwarding every m-th COMMIT (one that is not cut): the server never gets it and rolls the transaction back.
 */
export class CommitCuttingProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  commitsSeen = 0;
  commitsCut = 0;
  commitsDropped = 0;

  constructor(
    private readonly targetPort: number,
    public cutEvery = 0,
    public dropEvery = 0,
  ) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    let cutting = false;
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (cutting) return;
      const commit = isCommit(chunk);
      if (commit) this.commitsSeen += 1;
      const cut = commit && this.cutEvery > 0 && this.commitsSeen % this.cutEvery === 0;
      if (commit && !cut && this.dropEvery > 0 && this.commitsSeen % this.dropEvery === 0) {
        this.commitsDropped += 1;
        cutting = true;
        closeBoth();
        return;
      }
      upstream.write(chunk);
      if (commit) {
        if (cut) {
          this.commitsCut += 1;
          cutting = true;
          // The COMMIT has been handed to the server; its answer is never passed on.
          setTimeout(closeBoth, 200);
        }
      }
    });
    upstream.on('data', (chunk) => {
      if (!cutting) client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on('error', closeBoth);
      socket.on('close', () => {
        this.sockets.delete(socket);
        closeBoth();
      });
    }
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A MySQL COM_QUERY packet (3-byte length, sequence, 0x03) whose text is COMMIT. */
function isCommit(chunk: Buffer): boolean {
  if (chunk.length < 5 || chunk[4] !== 0x03) return false;
  const length = chunk.readUIntLE(0, 3);
  return chunk.subarray(5, 4 + length).toString('utf8').trim().toUpperCase() === 'COMMIT';
}
