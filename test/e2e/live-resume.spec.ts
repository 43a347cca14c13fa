import { randomBytes } from 'node:crypto';
import { ChangeEvent } from '../../src/domain/change/change-event.entity';
import { latestSeq } from '../../src/live/change-feed';
import { gql } from '../utils/test-server';
import { createLiveFixture, LiveFixture } from '../utils/live-fixtures';
import { LiveServer, login, SharedDatabase, sharedDatabase, startLiveServer } from '../utils/live-server';
import { connectLive, LiveClient, waitUntil } from '../utils/ws-client';

/** changes(scope, after): replay from a cursor, then live, with nothing lost and nothing twice across a cut. */

const CHANGES = `subscription($scope: ID!, $after: String) { changes(scope: $scope, after: $after) { cursor entityId action } }`;
const UPDATE = `mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }`;
type Change = { changes: { cursor: string; entityId: string; action: string } };

describe('live: resuming changes() from a cursor', () => {
  let db: SharedDatabase;
  let server: LiveServer;
  let fixture: LiveFixture;
  let token: string;
  const clients: LiveClient[] = [];
  const open = (t = token) => {
    const client = connectLive(server.url, t);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    db = await sharedDatabase();
    fixture = await createLiveFixture(db.dataSource);
    server = await startLiveServer(db, { jwtSecret: randomBytes(32).toString('hex') });
    token = await login(server.url);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('a subscriber cut off during 100 updates resumes with its last cursor and ends with exactly the 100 sequence numbers, in order', async () => {
    const before = await latestSeq(db.dataSource.manager);
    // Each projectUpdate writes one change event, and nothing else writes: the updates are before+1 … before+100.
    const expected = Array.from({ length: 100 }, (_, i) => before + 1 + i);

    const first = open();
    await first.connected;
    const sub1 = first.subscribe<Change>(CHANGES, { scope: fixture.taskForceA });
    await new Promise((resolve) => setTimeout(resolve, 200));

    let committed = 0;
    const writer = (async () => {
      for (let version = 1; version <= 100; version += 1) {
        const result = await gql(server.url, UPDATE, { i: { id: fixture.projectA1, expectedVersion: version, ytdCompletedInvestment: version } }, token);
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        committed = version;
      }
    })();

    await sub1.until((s) => s.data.length >= 25, 20_000, '25 events before the cut');
    first.terminate();
    await first.closed;
    const seenBeforeCut = sub1.data.map((d) => Number(d.changes.cursor));
    const cutAt = committed;
    // Let updates go on while the subscriber is away.
    await waitUntil(() => committed >= Math.min(100, cutAt + 20), 20_000, '20 more commits during the cut');

    const second = open();
    await second.connected;
    const lastCursor = String(seenBeforeCut[seenBeforeCut.length - 1]);
    const sub2 = second.subscribe<Change>(CHANGES, { scope: fixture.taskForceA, after: lastCursor });
    await writer;
    await sub2.until((s) => seenBeforeCut.length + s.data.length >= 100, 20_000, 'the rest of the 100 events');
    // Anything extra (a duplicate at the seam) would arrive right behind; give it the chance to.
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(sub1.errors).toEqual([]);
    expect(sub1.closeCode).toBe(1006); // the abrupt cut, seen by the client
    expect(sub2.errors).toEqual([]);
    expect(seenBeforeCut.length).toBeLessThan(100);
    const all = [...seenBeforeCut, ...sub2.data.map((d) => Number(d.changes.cursor))];
    expect(all).toEqual(expected);
    expect(new Set([...sub1.data, ...sub2.data].map((d) => d.changes.entityId))).toEqual(new Set([fixture.projectA1]));
  });

  it('replays only the events under the scope, then goes live', async () => {
    const before = await latestSeq(db.dataSource.manager);
    const versionOf = async (id: string) =>
      (await gql<{ node: { version: number } }>(server.url, 'query($id: ID!) { node(id: $id) { ... on Project { version } } }', { id }, token)).data!.node.version;
    const bump = async (id: string, ytd: number) => {
      const result = await gql(server.url, UPDATE, { i: { id, expectedVersion: await versionOf(id), ytdCompletedInvestment: ytd } }, token);
      expect(result.errors).toBeUndefined();
    };
    await bump(fixture.projectA2, 1); // before+1, subgroup A2
    await bump(fixture.projectB, 1); // before+2, task force B
    await bump(fixture.projectA1, 7); // before+3, subgroup A1

    const client = open();
    const sub = client.subscribe<Change>(CHANGES, { scope: fixture.subgroupA2, after: String(before) });
    await sub.until((s) => s.data.length >= 1, 10_000, 'the replayed event');
    await bump(fixture.projectA2, 2); // before+4, live
    await sub.until((s) => s.data.length >= 2, 10_000, 'the live event');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sub.data.map((d) => Number(d.changes.cursor))).toEqual([before + 1, before + 4]);
    expect(sub.data.map((d) => d.changes.entityId)).toEqual([fixture.projectA2, fixture.projectA2]);
  });

  it('refuses a cursor that is not one of this log\'s, or older than the log keeps, with BAD_USER_INPUT', async () => {
    const latest = await latestSeq(db.dataSource.manager);
    const client = open();
    const notANumber = client.subscribe<Change>(CHANGES, { scope: fixture.taskForceA, after: 'abc' });
    const future = client.subscribe<Change>(CHANGES, { scope: fixture.taskForceA, after: String(latest + 1) });
    await notANumber.until((s) => s.errors.length > 0, 5_000, 'an error for "abc"');
    await future.until((s) => s.errors.length > 0, 5_000, 'an error for a future cursor');
    expect(notANumber.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(future.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(future.errors[0].message).toContain(`the latest is ${latest}`);

    // A log trimmed up to seq 3 no longer holds what followed cursors 0, 1 and 2 … but still what follows 2.
    await db.dataSource.manager.delete(ChangeEvent, { seq: 1 });
    await db.dataSource.manager.delete(ChangeEvent, { seq: 2 });
    const tooOld = client.subscribe<Change>(CHANGES, { scope: fixture.taskForceA, after: '1' });
    const oldest = client.subscribe<Change>(CHANGES, { scope: fixture.taskForceA, after: '2' });
    await tooOld.until((s) => s.errors.length > 0, 5_000, 'an error for a trimmed cursor');
    expect(tooOld.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(oldest.errors).toEqual([]);
    expect(oldest.completed).toBe(false);
  });
});
