/**
 * One side of the fan-out benchmark, run as its own process by bench/fanout.ts:
 *   graphql — the service (startApp) on a fresh SQLite file with the live fixture, no Redis;
 *   bare    — a plain `ws` server that sends one given string to every socket on POST /broadcast.
 * Speaks JSON lines: prints {"ready": …} once listening; on stdin "mem" prints the memory after a full GC,
 * "stats" the change-feed counters.
 */
import 'reflect-metadata';
import * as http from 'node:http';
import * as readline from 'node:readline';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import { createLiveFixture } from '../test/utils/live-fixtures';
import { login, sharedDatabase, startLiveServer } from '../test/utils/live-server';

const gc = (globalThis as { gc?: () => void }).gc;
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

function memory() {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

async function graphqlSide() {
  const db = await sharedDatabase();
  const fixture = await createLiveFixture(db.dataSource);
  const server = await startLiveServer(db, { jwtSecret: randomBytes(32).toString('hex'), env: { LIVE_MAX_CONNECTIONS: '100000', LOG_LEVEL: 'error' } });
  const token = await login(server.url);
  say({ ready: true, url: server.url, token, scope: fixture.taskForceA, project: fixture.projectA1 });
  return {
    stats: () => ({ feedReads: server.app.services.live.feed.reads, listeners: server.app.services.live.feed.listenerCount }),
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}

async function bareSide() {
  const httpServer = http.createServer();
  const wss = new WebSocketServer({ server: httpServer, path: '/ws' });
  httpServer.on('request', (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      for (const socket of wss.clients) if (socket.readyState === WebSocket.OPEN) socket.send(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as { port: number }).port;
  say({ ready: true, url: `http://127.0.0.1:${port}/broadcast`, ws: `ws://127.0.0.1:${port}/ws` });
  return {
    stats: () => ({ sockets: wss.clients.size }),
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => httpServer.close(() => resolve())));
    },
  };
}

async function main() {
  const side = process.argv[2] === 'bare' ? await bareSide() : await graphqlSide();
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line === 'mem') say({ mem: memory() });
    else if (line === 'stats') say({ stats: side.stats() });
    else if (line === 'quit') break;
  }
  await side.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
