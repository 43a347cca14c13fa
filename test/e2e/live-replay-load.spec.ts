import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import { IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { decodeId } from '../../src/common/global-id';
import { ChangeEntry, recordChanges } from '../../src/domain/change/change-log';
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
const METRICS = `subscription($scope: ID!) { metricsChanged(scope: $scope) { metrics { investmentCompletionRate } } }`;
type Change = { changes: { cursor: string; entityId: string } };

/** Events written for the load; one in four lies in task force B, the rest in task force A (project A1). */
const eventCount = 20_000;
/** Sockets × replaying subscriptions on each (the most a socket takes): every one replays subgroup A2 from the start. */
const sockets = 5;
const perSocket = 20;

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

  const ids = () => ({
    projectA1: decodeId(fixture.projectA1, ['Project'], 'fixture').id,
    projectA2: decodeId(fixture.projectA2, ['Project'], 'fixture').id,
    projectB: decodeId(fixture.projectB, ['Project'], 'fixture').id,
    taskForceA: decodeId(fixture.taskForceA, ['TaskForce'], 'fixture').id,
    taskForceB: decodeId(fixture.taskForceB, ['TaskForce'], 'fixture').id,
    subgroupA1: decodeId(fixture.subgroupA1, ['Subgroup'], 'fixture').id,
    subgroupA2: decodeId(fixture.subgroupA2, ['Subgroup'], 'fixture').id,
    unit: decodeId(fixture.unit, ['Unit'], 'fixture').id,
  });

  /** Writes events after the current end of the log, the i-th (from 0) into `place(i)`; returns their sequence numbers. */
  const writeEventsWhere = async (count: number, place: (i: number) => 'A1' | 'A2' | 'B'): Promise<number[]> => {
    const first = (await latestSeq(db.dataSource.manager)) + 1;
    const id = ids();
    const scopes = {
      A1: { taskForceId: id.taskForceA, subgroupId: id.subgroupA1, unitId: id.unit, projectId: id.projectA1 },
      A2: { taskForceId: id.taskForceA, subgroupId: id.subgroupA2, unitId: id.unit, projectId: id.projectA2 },
      B: { taskForceId: id.taskForceB, unitId: id.unit, projectId: id.projectB },
    };
    const entries: ChangeEntry[] = Array.from({ length: count }, (_, i) => ({
      entity: 'Project',
      entityId: scopes[place(i)].projectId,
      action: 'UPDATE',
      changes: { ytdCompletedInvestment: { before: i, after: i + 1 } },
      scope: scopes[place(i)],
    }));
    await db.dataSource.transaction((manager) => recordChanges(manager, null, entries));
    return entries.map((_, i) => first + i);
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

  /** Sequence numbers of task force A's events, and of subgroup A2's among them. */
  let inA: number[] = [];
  let inA2: number[] = [];
  let screen: string;

  beforeAll(async () => {
    db = await sharedDatabase();
    fixture = await createLiveFixture(db.dataSource);
    // One event in four lies in task force B, one in twenty in subgroup A2, the rest in subgroup A1.
    const place = (i: number) => (i % 4 === 3 ? 'B' : i % 20 === 1 ? 'A2' : 'A1');
    const written = await writeEventsWhere(eventCount, place);
    inA = written.filter((_, i) => place(i) !== 'B');
    inA2 = written.filter((_, i) => place(i) === 'A2');
    server = await startLiveServer(db, { jwtSecret: randomBytes(32).toString('hex'), env: { LIVE_REPLAY_PAGE_SIZE: '200', LIVE_MAX_REPLAYS_PER_TOKEN: '100', LIVE_MAX_SUBSCRIPTIONS_PER_TOKEN: '100' } });
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

  it(`${sockets * perSocket} screens replaying a subgroup's 1,000 events out of 20,000 from nearby cursors: each gets them in order, the log is read once per page, and the event-loop delay is printed`, async () => {
    // Hand count: of i = 0 … 19,999, i % 4 = 3 is task force B (5,000); i % 20 = 1 (never i % 4 = 3) is subgroup A2 (1,000).
    expect(inA.length).toBe(15_000);
    expect(inA2.length).toBe(1_000);
    // The first event of A2 is i = 1, seq 2: cursors 0 and 1 lie before it, and the first page after 0 serves both.
    expect(inA2[0]).toBe(2);
    const subscriptions = Array.from({ length: sockets * perSocket }, (_, i) => {
      const after = i % 2;
      return { scope: fixture.subgroupA2, after: String(after), expect: inA2.length };
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
      `replay load: ${subscriptions.length} replays × ${inA2.length} events in ${result.elapsedMs} ms; event-loop delay max ${maxDelayMs.toFixed(1)} ms, ` +
        `p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms; /healthz slowest ${slowest.toFixed(1)} ms over ${count} probes; ${reads} log reads\n`,
    );

    for (let i = 0; i < subscriptions.length; i += 1) {
      expect(result.errors[i]).toEqual([]);
      expect(result.cursors[i]).toEqual(inA2);
    }
    // 1,000 events in pages of 200: 5 full pages and the short one that ends the log. Unshared, 100 replays would
    // read 100 × 6; replays a little ahead of others may cost a few more, never double.
    expect(reads).toBeGreaterThanOrEqual(6);
    expect(reads).toBeLessThanOrEqual(2 * 6);
    // The event-loop delay and /healthz figures above are printed, not asserted: on a shared machine a timed bound
    // fails for other reasons. They are goals of `npm run bench:dashboard` (BENCHMARKS.md).
  }, 300_000);

  it('bounds replays and subscriptions per token: past LIVE_MAX_REPLAYS_PER_TOKEN (2 here) and LIVE_MAX_SUBSCRIPTIONS_PER_TOKEN (3 here) a subscription is refused naming the variable, another token is not held back, and places free up again', async () => {
    const capped = await startLiveServer(db, { jwtSecret: randomBytes(32).toString('hex'), env: { LIVE_MAX_REPLAYS_PER_TOKEN: '2', LIVE_MAX_SUBSCRIPTIONS_PER_TOKEN: '3', LIVE_REPLAY_PAGE_SIZE: '10' } });
    try {
      const limits = capped.app.services.live.limits;
      const first = await screenToken(fixture.taskForceA, '限额大屏一');
      const second = await screenToken(fixture.taskForceA, '限额大屏二');
      const [a, b, c] = [connectLive(capped.url, first), connectLive(capped.url, first), connectLive(capped.url, second)];
      clients.push(a, b, c);
      await Promise.all([a.connected, b.connected, c.connected]);

      // Two replays of the first token, and a third right behind them (one socket: the server takes them in order).
      const replay1 = a.subscribe<Change>(CHANGES, { scope: fixture.taskForceA, after: '0' });
      const replay2 = a.subscribe<Change>(CHANGES, { scope: fixture.taskForceA, after: '0' });
      const replay3 = a.subscribe<Change>(CHANGES, { scope: fixture.taskForceA, after: '0' });
      await replay3.until((s) => s.errors.length > 0, 10_000, 'the third replay refused');
      // 15,000 events in pages of 10 (1,500 reads) take the first two far longer than the third's refusal, even on a
      // loaded machine (pages of 50 let both finish first once in CI, and the third was then rightly accepted).
      expect(replay1.data.length).toBeLessThan(inA.length);
      expect(replay2.data.length).toBeLessThan(inA.length);
      expect(replay3.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_REPLAYS', limit: 2, variable: 'LIVE_MAX_REPLAYS_PER_TOKEN' });
      expect(replay3.errors[0].message).toContain('LIVE_MAX_REPLAYS_PER_TOKEN');
      expect(replay3.data).toEqual([]);

      // Another token replays meanwhile; the first token's third subscription (live only, no replay) is accepted …
      const other = c.subscribe<Change>(CHANGES, { scope: fixture.taskForceA, after: '0' });
      const live = b.subscribe<Change>(CHANGES, { scope: fixture.taskForceA });
      await waitUntil(() => limits.totals.subscriptions === 4, 5_000, 'both tokens\' subscriptions to be open');
      // … and its fourth, of any kind and on any of its sockets, is not.
      const fourth = a.subscribe(METRICS, { scope: fixture.taskForceA });
      await fourth.until((s) => s.errors.length > 0, 10_000, 'the fourth subscription refused');
      expect(fourth.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_SUBSCRIPTIONS', limit: 3, variable: 'LIVE_MAX_SUBSCRIPTIONS_PER_TOKEN' });
      expect(fourth.errors[0].message).toContain('LIVE_MAX_SUBSCRIPTIONS_PER_TOKEN');

      for (const sub of [replay1, replay2, other]) await sub.until((s) => s.data.length >= inA.length || s.completed, 120_000, 'a replay to finish');
      await sleep(300);
      for (const sub of [replay1, replay2, other]) {
        expect(sub.errors).toEqual([]);
        expect(sub.data.map((d) => Number(d.changes.cursor))).toEqual(inA);
      }
      expect(live.errors).toEqual([]);
      expect(live.data).toEqual([]);
      // Caught up: no replay is counted any more; the first token holds 3 subscriptions, the second 1.
      await waitUntil(() => limits.totals.replays === 0, 5_000, 'the replays to be released');
      expect(limits.totals.subscriptions).toBe(4);

      // Closing one frees its place: a new replay of the last 10 events of A is accepted and delivers them.
      live.unsubscribe();
      await waitUntil(() => limits.totals.subscriptions === 3, 5_000, 'the live subscription to be released');
      const again = a.subscribe<Change>(CHANGES, { scope: fixture.taskForceA, after: String(inA[inA.length - 11]) });
      await again.until((s) => s.data.length >= 10 || s.completed, 10_000, 'the last 10 events');
      await sleep(200);
      expect(again.errors).toEqual([]);
      expect(again.data.map((d) => Number(d.changes.cursor))).toEqual(inA.slice(-10));
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.dispose()));
      await capped.close();
    }
  }, 180_000);

  it('a replay behind a busy log (more live events than LIVE_MAX_QUEUED_EVENTS wait) reads them from the log instead: every event once, in order', async () => {
    // Queue bound 50 and pages of 20: the 5,000 events of task force B take 250 pages, while 300 more commit.
    const busy = await startLiveServer(db, { jwtSecret: randomBytes(32).toString('hex'), env: { LIVE_MAX_QUEUED_EVENTS: '50', LIVE_REPLAY_PAGE_SIZE: '20' } });
    try {
      const token = await login(busy.url);
      const client = connectLive(busy.url, token);
      clients.push(client);
      await client.connected;
      const replayed: number[] = [];
      const latest = await latestSeq(db.dataSource.manager);
      // Hand count: of events 1 … 20,000, those with (seq - 1) % 4 = 3 are task force B's: seq 4, 8, …, 20,000.
      for (let seq = 4; seq <= latest; seq += 4) replayed.push(seq);
      expect(replayed.length).toBe(5_000);
      const sub = client.subscribe<Change>(CHANGES, { scope: fixture.taskForceB, after: '0' });
      await sub.until((s) => s.data.length >= 100, 30_000, 'the replay to be under way');
      const written: number[] = [];
      for (let round = 0; round < 30; round += 1) {
        written.push(...(await writeEventsWhere(10, () => 'B')));
        busy.app.services.live.notifier.notifyCommitted();
      }
      expect(written.length).toBe(300);
      await sub.until((s) => s.data.length >= 5_300 || s.completed, 120_000, 'the replay and the live events');
      await sleep(300);
      expect(sub.errors).toEqual([]);
      expect(sub.data.map((d) => Number(d.changes.cursor))).toEqual([...replayed, ...written]);
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.dispose()));
      await busy.close();
    }
  }, 180_000);
});
