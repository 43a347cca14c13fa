/**
 * Fan-out benchmark: N graphql-ws subscribers of changes(scope) on one service process, time from a commit to
 * each subscriber's receipt, against a bare `ws` broadcast of the same payload to N sockets, in the same run.
 *
 *   npm run bench:fanout                 # 2,000 clients, 30 rounds
 *   npm run bench:fanout -- 500 10       # N clients, R rounds
 *
 * Each side is its own process (bench/fanout-server.ts); the clients and the clock live in this process. A round's
 * clock starts when the trigger is sent (the projectUpdate mutation; the bare POST /broadcast), so the GraphQL
 * figures include the mutation's own work before its commit; its round trip is reported beside them.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { serviceNodeOptions } from './node-options';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const clients = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 30);
const now = () => performance.now();

interface Side {
  child: ChildProcess;
  ready: Record<string, string>;
  ask(command: string): Promise<Record<string, any>>;
  stop(): Promise<void>;
}

async function startSide(kind: 'graphql' | 'bare'): Promise<Side> {
  const root = path.join(__dirname, '..');
  // Both sides run with the node options `npm start` gives the service.
  const child = spawn(process.execPath, [...serviceNodeOptions(), '--expose-gc', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'fanout-server.ts'), kind], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', TEST_DB: 'sqlite', LOG_LEVEL: 'error' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting: Array<(value: Record<string, any>) => void> = [];
  lines.on('line', (line) => {
    try {
      const message = JSON.parse(line) as Record<string, any>;
      waiting.shift()?.(message);
    } catch {
      // not ours
    }
  });
  const next = () => new Promise<Record<string, any>>((resolve) => waiting.push(resolve));
  const ready = await next();
  return {
    child,
    ready: ready as Record<string, string>,
    ask: (command) => {
      const answer = next();
      child.stdin!.write(`${command}\n`);
      return answer;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.write('quit\n');
      await exited;
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Opens `count` sockets, 100 at a time; `onOpen` does the protocol's start and resolves when the socket is ready. */
async function openSockets(count: number, url: string, protocol: string | undefined, onOpen: (socket: WebSocket) => Promise<void>): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let start = 0; start < count; start += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, count - start) }, () =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = protocol ? new WebSocket(url, protocol) : new WebSocket(url);
          socket.once('error', reject);
          socket.once('open', () => onOpen(socket).then(() => resolve(socket), reject));
        }),
      ),
    );
    sockets.push(...batch);
  }
  return sockets;
}

interface RunResult {
  latencies: number[];
  triggerMs: number[];
  lost: number;
}

/** Runs `rounds` rounds: start the clock, trigger, wait for every socket's message. */
async function measure(sockets: WebSocket[], isPayload: (data: string) => boolean, trigger: (round: number) => Promise<void>): Promise<RunResult> {
  const latencies: number[] = [];
  const triggerMs: number[] = [];
  let lost = 0;
  let started = 0;
  let received = 0;
  let done: (() => void) | null = null;
  for (const socket of sockets) {
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      JSON.parse(text); // every receiver decodes, on both sides
      if (!isPayload(text)) return;
      latencies.push(now() - started);
      received += 1;
      if (received === sockets.length) done?.();
    });
  }
  for (let round = 0; round < rounds; round += 1) {
    received = 0;
    const all = new Promise<void>((resolve) => (done = resolve));
    started = now();
    await trigger(round);
    triggerMs.push(now() - started);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000));
    if ((await Promise.race([all, timeout])) === 'timeout') lost += sockets.length - received;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { latencies, triggerMs, lost };
}

const fmt = (ms: number) => ms.toFixed(1);
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main() {
  process.stdout.write(`fan-out to ${clients} clients, ${rounds} rounds (node ${process.version}, ${require('node:os').cpus().length} CPUs)\n`);

  // --- graphql-ws ---
  const graphql = await startSide('graphql');
  const { url, token, scope, project } = graphql.ready;
  const memBefore = (await graphql.ask('mem')).mem;
  const query = 'subscription($scope: ID!) { changes(scope: $scope) { cursor entity entityId action changes at actor } }';
  let sample = '';
  const gqlSockets = await openSockets(clients, url.replace(/^http/, 'ws'), 'graphql-transport-ws', (socket) =>
    new Promise<void>((resolve) => {
      socket.on('message', function first(data: Buffer) {
        const message = JSON.parse(data.toString()) as { type: string };
        if (message.type === 'connection_ack') {
          socket.off('message', first);
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: { scope } } }));
          resolve();
        }
      });
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    }),
  );
  let version = 1;
  const commit = async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }', variables: { i: { id: project, expectedVersion: version, ytdCompletedInvestment: version } } }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    version += 1;
  };
  // Warm-up: one commit every socket must receive proves every subscription is in place.
  const isNext = (text: string) => {
    if (!text.includes('"type":"next"')) return false;
    sample = text;
    return true;
  };
  const warm = await measure(gqlSockets, isNext, commit).then(() => undefined);
  void warm;
  const memIdle = (await graphql.ask('mem')).mem;
  const statsBefore = (await graphql.ask('stats')).stats;
  for (const socket of gqlSockets) socket.removeAllListeners('message');
  const gql = await measure(gqlSockets, isNext, commit);
  const statsAfter = (await graphql.ask('stats')).stats;
  for (const socket of gqlSockets) socket.terminate();
  await graphql.stop();

  // --- bare ws, same payload ---
  const bare = await startSide('bare');
  const bareSockets = await openSockets(clients, bare.ready.ws, undefined, async () => {});
  const bareMemIdle = (await bare.ask('mem')).mem;
  const broadcast = async () => {
    const response = await fetch(bare.ready.url, { method: 'POST', body: sample });
    if (response.status !== 204) throw new Error(`broadcast answered ${response.status}`);
  };
  const bareRun = await measure(bareSockets, () => true, broadcast);
  for (const socket of bareSockets) socket.terminate();
  await bare.stop();

  const report = (name: string, run: RunResult) => {
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const trigger = [...run.triggerMs].sort((a, b) => a - b);
    return { name, samples: sorted.length, lost: run.lost, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1], trigger50: percentile(trigger, 50) };
  };
  const a = report('graphql-ws changes()', gql);
  const b = report('bare ws broadcast', bareRun);
  const perConnection = (memIdle.heapUsed + memIdle.external - memBefore.heapUsed - memBefore.external) / clients;
  const rssPerConnection = (memIdle.rss - memBefore.rss) / clients;

  process.stdout.write(`\npayload: ${Buffer.byteLength(sample)} bytes per message\n`);
  process.stdout.write(`| path | receipts | lost | p50 ms | p99 ms | max ms | trigger round trip p50 ms |\n|---|---|---|---|---|---|---|\n`);
  for (const r of [a, b]) process.stdout.write(`| ${r.name} | ${r.samples} | ${r.lost} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.trigger50)} |\n`);
  process.stdout.write(`\np99 ratio graphql-ws / bare: ${(a.p99 / b.p99).toFixed(2)} (goal ≤ 3); p50 ratio ${(a.p50 / b.p50).toFixed(2)}\n`);
  process.stdout.write(
    `memory per idle graphql-ws connection with one subscription (server, after GC): heap+external ${(perConnection / 1024).toFixed(1)} KiB, RSS ${(rssPerConnection / 1024).toFixed(1)} KiB` +
      ` (server RSS ${mib(memBefore.rss)} → ${mib(memIdle.rss)} MiB); bare ws server RSS with ${clients} sockets: ${mib(bareMemIdle.rss)} MiB\n`,
  );
  process.stdout.write(`change-log reads during the ${rounds} measured rounds: ${statsAfter.feedReads - statsBefore.feedReads} (one per commit and poll, not per subscriber); feed listeners: ${statsAfter.listeners}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
