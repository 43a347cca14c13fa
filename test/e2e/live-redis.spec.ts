import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { latestSeq } from '../../src/live/change-feed';
import { gql } from '../utils/test-server';
import { createLiveFixture, LiveFixture } from '../utils/live-fixtures';
import { LiveServer, login, redisUrl, requireRedis, SharedDatabase, sharedDatabase, startLiveServer, uniquePrefix } from '../utils/live-server';
import { connectLive, LiveClient, waitUntil } from '../utils/ws-client';

/**
 * Redis carries only wake-ups: when B's subscribed connection is killed mid-stream (CLIENT KILL TYPE pubsub),
 * what A commits meanwhile is published to nobody, and B must still deliver it once it is back — from the log.
 * The safety-net poll is set to a minute, so only the re-read on reconnection can deliver within seconds.
 */

const CHANGES = `subscription($scope: ID!) { changes(scope: $scope) { cursor } }`;
const UPDATE = `mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }`;

describe('live: Redis pub/sub connection killed mid-stream', () => {
  let db: SharedDatabase;
  let fixture: LiveFixture;
  let a: LiveServer;
  let b: LiveServer;
  let admin: Redis;
  let prefix: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    await requireRedis();
    db = await sharedDatabase();
    fixture = await createLiveFixture(db.dataSource);
    prefix = uniquePrefix();
    const jwtSecret = randomBytes(32).toString('hex');
    a = await startLiveServer(db, { jwtSecret, redisPrefix: prefix, env: { LIVE_POLL_MS: '60000' } });
    // B reconnects to Redis 1.5 s after a loss, so the commits below fall inside the gap (checked, not assumed).
    b = await startLiveServer(db, { jwtSecret, redisPrefix: prefix, env: { LIVE_POLL_MS: '60000', LIVE_REDIS_RETRY_MS: '1500' } });
    admin = new Redis(redisUrl);
  });

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await a?.close();
    await b?.close();
    admin?.disconnect();
    await db?.close();
  });

  /** Ids of B's subscribed Redis connection (named `<prefix>:sub`; A's has the same name, so B's is told apart by elimination). */
  async function pubsubClientIds(): Promise<string[]> {
    const list = (await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    return list
      .split('\n')
      .filter((line) => line.includes(` name=${prefix}:sub `))
      .map((line) => /\bid=(\d+)/.exec(line)![1]);
  }

  it('loses no event: B re-reads the log once resubscribed and delivers every sequence number in order', async () => {
    const token = await login(a.url);
    const live = connectLive(b.url, token);
    clients.push(live);
    await live.connected;
    const sub = live.subscribe<{ changes: { cursor: string } }>(CHANGES, { scope: fixture.taskForceA });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = await latestSeq(db.dataSource.manager);
    const expected = Array.from({ length: 20 }, (_, i) => before + 1 + i);

    let version = 1;
    const update = async () => {
      const result = await gql(a.url, UPDATE, { i: { id: fixture.projectA1, expectedVersion: version, ytdCompletedInvestment: version } }, token);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      version += 1;
    };
    for (let i = 0; i < 10; i += 1) await update();
    await sub.until((s) => s.data.length >= 10, 5_000, 'the first 10 events through Redis');

    // Both processes' subscribed connections carry this suite's prefix; kill them (only them) mid-stream.
    const ids = await pubsubClientIds();
    expect(ids).toHaveLength(2);
    const recoveriesBefore = b.app.services.live.notifier.redisRecoveries;
    for (const id of ids) expect(await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub', 'ID', id)).toBe(1);
    // Commit at once, while the subscriptions are down: these wake-ups are published to no one.
    await waitUntil(() => b.app.services.live.notifier.crossProcess === 'disconnected', 2_000, 'B to notice the loss');
    for (let i = 0; i < 10; i += 1) await update();
    expect(b.app.services.live.notifier.crossProcess).toBe('disconnected');
    expect(sub.data.length).toBe(10);
    await waitUntil(() => b.app.services.live.notifier.redisRecoveries > recoveriesBefore, 10_000, 'B to resubscribe');
    // No commit after recovery: nothing but B's re-read of the log can deliver what was committed in the gap.
    await sub.until((s) => s.data.length >= 20, 5_000, 'all 20 events on B');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sub.errors).toEqual([]);
    expect(sub.data.map((d) => Number(d.changes.cursor))).toEqual(expected);
    const idsAfter = await pubsubClientIds();
    expect(idsAfter).toHaveLength(2);
    expect(idsAfter.filter((id) => ids.includes(id))).toEqual([]);
  });
});
