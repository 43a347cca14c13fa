import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import { IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { decodeId } from '../../src/common/global-id';
import { ChangeEntry, recordChanges } from '../../src/live/change-log';
import { latestSeq } from '../../src/live/change-feed';
import { gql } from '../utils/test-server';
import { createLiveFixture, LiveFixture } from '../utils/live-fixtures';
import { LiveServer, login, SharedDatabase, sharedDatabase, startLiveServer } from '../utils/live-server';
import { replayInWorker } from '../utils/live-load-clients';
import { connectLive, LiveClient, Subscription, waitUntil } from '../utils/ws-client';

/**
 * README "Live updates": replaying a long change log keeps the process responsive. 20,000 events are written
 * straight into the log; screens replay it from the start while the test samples the server's event-loop delay
 * (the server runs in this process) and GET /healthz.
 */

const CHANGES = `subscription($scope: ID!, $after: String) { changes(scope: $scope, after: $after) { cursor entityId } }`;
type Change = { changes: { cursor: string; entityId: string } };

/** Events written for the load; one in four lies in task force B, the rest in task force A (project A1). */
const eventCount = 20_000;
/** Sockets × replaying subscriptions on each: every one replays task force A from the start of the log. */
const sockets = 4;
const perSocket = 5;
/** Event-loop delay a request may see on a shared 2-core machine (the goal is about 50 ms per slice). */
const maxLoopDelayMs = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One GET on a connection of its own (no keep-alive socket that the server may close meanwhile). */
function getOnce(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`GET ${url}: ${response.statusCode}`))));
    });
    request.on('error', reject);
  });
}

describe('live: replaying a long change log keeps the process responsive', () => {
  let db: SharedDatabase;
  let fixture: LiveFixture;
  let server: LiveServer;
  let admin: string;
  const clients: LiveClient[] = [];
  const open = (token: string) => {
    const client = connectLive(server.url, token);
    clients.push(client);
    return client;
  };
  const screenToken = async (scope: string, name: string) => {
    const created = await gql<{ screenTokenCreate: { token: string } }>(
      server.url,
      'mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token } }',
      { i: { name, scope } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    return created.data!.screenTokenCreate.token;
  };

  /** Writes `count` events after the current end of the log; returns the sequence numbers that fall in task force A. */
  const writeEvents = async (count: number): Promise<number[]> => {
    const first = (await latestSeq(db.dataSource.manager)) + 1;
    const projectA1 = decodeId(fixture.projectA1, ['Project'], 'fixture').id;
    const projectB = decodeId(fixture.projectB, ['Project'], 'fixture').id;
    const taskForceA = decodeId(fixture.taskForceA, ['TaskForce'], 'fixture').id;
    const taskForceB = decodeId(fixture.taskForceB, ['TaskForce'], 'fixture').id;
    const subgroupA1 = decodeId(fixture.subgroupA1, ['Subgroup'], 'fixture').id;
    const unit = decodeId(fixture.unit, ['Unit'], 'fixture').id;
    const entries: ChangeEntry[] = [];
    const inA: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const inB = i % 4 === 3;
      if (!inB) inA.push(first + i);
      entries.push({
        entity: 'Project',
        entityId: inB ? projectB : projectA1,
        action: 'UPDATE',
        changes: { ytdCompletedInvestment: { before: i, after: i + 1 } },
        scope: inB ? { taskForceId: taskForceB, unitId: unit, projectId: projectB } : { taskForceId: taskForceA, subgroupId: subgroupA1, unitId: unit, projectId: projectA1 },
      });
    }
    await db.dataSource.transaction((manager) => recordChanges(manager, null, entries));
    return inA;
  };

  /** Samples GET /healthz one request after another until `stop()`; returns the slowest answer in ms. */
  const probeHealth = () => {
    let running = true;
    let slowest = 0;
    let count = 0;
    const healthz = server.url.replace(/\/graphql$/, '/healthz');
    const done = (async () => {
      while (running) {
        const started = performance.now();
        await getOnce(healthz);
        slowest = Math.max(slowest, performance.now() - started);
        count += 1;
        await sleep(20);
      }
    })();
    return {
      async stop() {
        running = false;
        await done;
        return { slowest, count };
      },
    };
  };

  let inA: number[] = [];
  let screen: string;

  beforeAll(async () => {
    db = await sharedDatabase();
    fixture = await createLiveFixture(db.dataSource);
    inA = await writeEvents(eventCount);
    server = await startLiveServer(db, { jwtSecret: randomBytes(32).toString('hex'), env: { LIVE_REPLAY_PAGE_SIZE: '200' } });
    admin = await login(server.url);
    screen = await screenToken(fixture.taskForceA, '回放大屏');
  }, 120_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it(`${sockets * perSocket} screens replaying 20,000 events from nearby cursors: each gets its task force's events in order, the log is read once per page, and the event loop never stalls ${maxLoopDelayMs} ms`, async () => {
    // Hand count: events i = 0 … 19,999 with i % 4 = 3 lie in task force B (5,000), the other 15,000 in A.
    expect(inA.length).toBe(15_000);
    // Cursors 0 … 4: the first page after 0 (the first 200 events of A) serves them all.
    const subscriptions = Array.from({ length: sockets * perSocket }, (_, i) => {
      const after = i % 5;
      return { scope: fixture.taskForceA, after: String(after), expect: inA.filter((seq) => seq > after).length };
    });
    const readsBefore = server.app.services.live.replays.reads;

    const loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const health = probeHealth();
    const result = await replayInWorker(server.url, screen, sockets, subscriptions);
    loop.disable();
    const { slowest, count } = await health.stop();
    const maxDelayMs = loop.max / 1e6;
    const reads = server.app.services.live.replays.reads - readsBefore;
    process.stderr.write(
      `replay load: ${subscriptions.length} replays × ~${inA.length} events in ${result.elapsedMs} ms; event-loop delay max ${maxDelayMs.toFixed(1)} ms, ` +
        `p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms; /healthz slowest ${slowest.toFixed(1)} ms over ${count} probes; ${reads} log reads\n`,
    );

    subscriptions.forEach((sub, i) => {
      expect(result.errors[i]).toEqual([]);
      expect(result.cursors[i]).toEqual(inA.filter((seq) => seq > Number(sub.after)));
    });
    // 15,000 events in pages of 200: 75 full pages and the short one that ends the log. Unshared, 20 replays
    // would read 20 × 76; nearby cursors and replays a little ahead of others may cost a few more, never double.
    expect(reads).toBeGreaterThanOrEqual(76);
    expect(reads).toBeLessThanOrEqual(2 * 76);
    expect(maxDelayMs).toBeLessThan(maxLoopDelayMs);
    expect(slowest).toBeLessThan(2 * maxLoopDelayMs);
  }, 300_000);
});
