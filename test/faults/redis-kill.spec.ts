import { connectLive, LiveClient } from '../utils/ws-client';
import { PrivateMariaDb, sleep } from './support/private-mariadb';
import { PrivateRedis } from './support/private-redis';
import { ServiceProcess } from './support/service-process';
import { dataOf, graphql, login, ProjectRow, projectUpdate } from './support/client';

/**
 * Issue 12: Redis killed with SIGKILL, and started again, between two service processes. Writes go to process A; a
 * screen subscribed on process B gets every change, in order, with no gap: while Redis is down B falls back to
 * reading the change log, and resubscribes when it is back.
 */
const writes = 60;
const writePauseMs = 100;

describe('Redis killed (SIGKILL) under two processes', () => {
  const db = new PrivateMariaDb();
  const redis = new PrivateRedis();
  let a: ServiceProcess;
  let b: ServiceProcess;
  let live: LiveClient | null = null;

  beforeAll(async () => {
    await db.install();
    await redis.start();
    const env = { DATABASE_URL: db.url, REDIS_URL: redis.url, LIVE_POLL_MS: '500' };
    a = new ServiceProcess(env);
    await a.start();
    // The second process finds the database migrated and seeded by the first.
    b = new ServiceProcess({ ...env, SEED_DEMO: 'false' });
    await b.start();
  }, 240_000);

  afterAll(async () => {
    await live?.dispose();
    await a?.dispose();
    await b?.dispose();
    await redis.dispose();
    await db.dispose();
  }, 30_000);

  test('every change reaches the other process in order across the kill and the restart', async () => {
    const token = await login(a.url);
    const project = dataOf<{ projects: { nodes: Array<ProjectRow & { taskForce: { id: string } }> } }>(
      await graphql(a.url, token, '{ projects(first: 1) { nodes { id version contact taskForce { id } } } }'),
    )!.projects.nodes[0];
    live = connectLive(`${b.url}/graphql`, token);
    await Promise.race([
      live.connected,
      sleep(10_000).then(() => {
        throw new Error(`B did not accept the socket:\n${b.logs.slice(-3000)}`);
      }),
    ]);
    const sub = live.subscribe<{ changes: { cursor: string; entityId: string } }>('subscription($scope: ID!) { changes(scope: $scope) { cursor entityId } }', {
      scope: project.taskForce.id,
    });
    await sleep(500);
    const [{ before }] = await db.query<Array<{ before: number }>>('SELECT MAX(seq) AS `before` FROM change_event');

    let version = project.version;
    const acknowledged: number[] = [];
    let killedAt = 0;
    let backAt = 0;
    for (let n = 0; n < writes; n++) {
      if (n === 20) {
        await redis.kill();
        killedAt = Date.now();
      }
      if (n === 40) backAt = await redis.start();
      const outcome = await graphql(a.url, token, projectUpdate, { id: project.id, v: version, c: `redis fault ${n}` });
      const row = dataOf<{ projectUpdate: { project: ProjectRow } }>(outcome)?.projectUpdate?.project;
      expect(outcome.code).toBeNull();
      version = row!.version;
      acknowledged.push(n);
      await sleep(writePauseMs);
    }
    const [{ after }] = await db.query<Array<{ after: number }>>('SELECT MAX(seq) AS `after` FROM change_event');
    const expected = Array.from({ length: Number(after) - Number(before) }, (_, i) => Number(before) + 1 + i);
    await sub.until((s) => s.data.length >= expected.length, 15_000, `all ${expected.length} events on B`);
    await sleep(300);
    console.log(`redis kill: ${JSON.stringify({ writes: acknowledged.length, events: sub.data.length, redisDownMs: backAt - killedAt })}`);
    expect(acknowledged).toHaveLength(writes);
    expect(expected).toHaveLength(writes);
    expect(sub.errors).toEqual([]);
    expect(sub.data.map((d) => Number(d.changes.cursor))).toEqual(expected);
  }, 180_000);
});
