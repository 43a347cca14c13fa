import { randomBytes } from 'node:crypto';
import { gql } from '../utils/test-server';
import { createLiveFixture, LiveFixture } from '../utils/live-fixtures';
import { login, requireRedis, ServerProcess, SharedDatabase, sharedDatabase, spawnServer, uniquePrefix } from '../utils/live-server';
import { connectLive, LiveClient } from '../utils/ws-client';

/**
 * Two API processes (real operating-system processes running src/main.ts) on one database and one Redis.
 * Their safety-net poll is set to a minute, so an event that arrives within seconds came through Redis.
 * On the SQLite project both processes open the same database file (WAL), which SQLite supports.
 */

const CHANGES = `subscription($scope: ID!, $after: String) { changes(scope: $scope, after: $after) { cursor entity entityId action changes } }`;
const UPDATE = `mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { id version } } }`;

describe('live: several processes behind one database and one Redis', () => {
  let db: SharedDatabase;
  let fixture: LiveFixture;
  let a: ServerProcess;
  let b: ServerProcess;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    await requireRedis();
    db = await sharedDatabase();
    fixture = await createLiveFixture(db.dataSource);
    const env = { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', LIVE_REDIS_PREFIX: uniquePrefix(), LIVE_POLL_MS: '60000', JWT_SECRET: randomBytes(32).toString('hex') };
    [a, b] = await Promise.all([spawnServer(db, env), spawnServer(db, env)]);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
  });

  it('a subscriber on B receives, within seconds, each change committed through A, in order', async () => {
    const tokenA = await login(a.url);
    const tokenB = await login(b.url);
    const live = connectLive(b.url, tokenB);
    clients.push(live);
    await live.connected;
    const sub = live.subscribe<{ changes: { cursor: string; entityId: string; action: string; changes: string } }>(CHANGES, { scope: fixture.taskForceA });
    // The subscription is in place once B answers a second operation on the same socket after it.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const started = Date.now();
    for (const [version, ytd] of [[1, 100], [2, 250], [3, 400]]) {
      const result = await gql(a.url, UPDATE, { i: { id: fixture.projectA1, expectedVersion: version, ytdCompletedInvestment: ytd } }, tokenA);
      expect(result.errors).toBeUndefined();
    }
    await sub.until((s) => s.data.length >= 3, 5_000, 'three events on B');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sub.errors).toEqual([]);
    const received = sub.data.map((d) => d.changes);
    expect(received.map((e) => e.entityId)).toEqual([fixture.projectA1, fixture.projectA1, fixture.projectA1]);
    expect(received.map((e) => JSON.parse(e.changes).ytdCompletedInvestment.after)).toEqual([100, 250, 400]);
    const cursors = received.map((e) => Number(e.cursor));
    expect(cursors).toEqual([cursors[0], cursors[0] + 1, cursors[0] + 2]);
  });

  it('a revocation through A closes the screen token\'s socket on B within a second', async () => {
    const tokenA = await login(a.url);
    const created = await gql<{ screenTokenCreate: { token: string; screenToken: { id: string } } }>(
      a.url,
      'mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token screenToken { id } } }',
      { i: { name: '大屏 B', scope: fixture.subgroupA1 } },
      tokenA,
    );
    expect(created.errors).toBeUndefined();
    const screen = connectLive(b.url, created.data!.screenTokenCreate.token);
    clients.push(screen);
    await screen.connected;
    const revoked = await gql(a.url, 'mutation($i: ScreenTokenRevokeInput!) { screenTokenRevoke(input: $i) { screenToken { id } } }', { i: { id: created.data!.screenTokenCreate.screenToken.id } }, tokenA);
    expect(revoked.errors).toBeUndefined();
    const revokedAt = Date.now();
    const closed = await Promise.race([screen.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000))]);
    expect(closed?.code).toBe(4403);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
  });
});
