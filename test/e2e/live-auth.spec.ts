import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { gql } from '../utils/test-server';
import { createLiveFixture, LiveFixture } from '../utils/live-fixtures';
import { LiveServer, login, SharedDatabase, sharedDatabase, startLiveServer } from '../utils/live-server';
import { connectLive, LiveClient, waitUntil, wsUrl } from '../utils/ws-client';

/** Who may open a socket, what a screen token may watch, when sockets close, and the per-process bounds. */

const CHANGES = `subscription($scope: ID!) { changes(scope: $scope) { cursor entityId } }`;
const METRICS = `subscription($scope: ID!) { metricsChanged(scope: $scope) { metrics { investmentCompletionRate } } }`;
const UPDATE = `mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }`;
type Change = { changes: { cursor: string; entityId: string } };

describe('live: authentication, screen-token scope and bounds', () => {
  let db: SharedDatabase;
  let fixture: LiveFixture;
  let server: LiveServer;
  let admin: string;
  const clients: LiveClient[] = [];
  const open = (token: string | null, target = server) => {
    const client = connectLive(target.url, token);
    clients.push(client);
    return client;
  };
  const screenToken = async (scope: string, name = '大屏') => {
    const created = await gql<{ screenTokenCreate: { token: string; screenToken: { id: string } } }>(
      server.url,
      'mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token screenToken { id } } }',
      { i: { name, scope } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    return created.data!.screenTokenCreate;
  };
  const versions = new Map<string, number>();
  const bump = async (project: string) => {
    const version = versions.get(project) ?? 1;
    const result = await gql(server.url, UPDATE, { i: { id: project, expectedVersion: version, ytdCompletedInvestment: version * 10 } }, admin);
    expect(result.errors).toBeUndefined();
    versions.set(project, version + 1);
  };

  beforeAll(async () => {
    db = await sharedDatabase();
    fixture = await createLiveFixture(db.dataSource);
    server = await startLiveServer(db, { jwtSecret: randomBytes(32).toString('hex') });
    admin = await login(server.url);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('refuses a socket without a token, with a malformed token or a wrong one (4403)', async () => {
    const missing = open(null);
    const garbage = open('not-a-token');
    const forged = open('scr_' + randomBytes(32).toString('base64url'));
    for (const client of [missing, garbage, forged]) expect((await client.closed).code).toBe(4403);
  });

  it('a VIEWER screen token of one subgroup receives only that subgroup\'s events, never another task force\'s', async () => {
    const { token } = await screenToken(fixture.subgroupA1);
    const screen = open(token);
    await screen.connected;
    const own = screen.subscribe<Change>(CHANGES, { scope: fixture.subgroupA1 });
    const otherTaskForce = screen.subscribe<Change>(CHANGES, { scope: fixture.taskForceB });
    const otherProject = screen.subscribe<Change>(CHANGES, { scope: fixture.projectB });
    const parent = screen.subscribe<Change>(CHANGES, { scope: fixture.taskForceA });
    await waitUntil(() => [otherTaskForce, otherProject, parent].every((s) => s.errors.length > 0), 5_000, 'three refusals');
    for (const refused of [otherTaskForce, otherProject, parent]) expect(refused.errors[0].extensions?.code).toBe('FORBIDDEN');
    const otherMetrics = screen.subscribe(METRICS, { scope: fixture.taskForceB });
    await otherMetrics.until((s) => s.errors.length > 0, 5_000, 'the metrics refusal');
    expect(otherMetrics.errors[0].extensions?.code).toBe('FORBIDDEN');

    // An admin watching task force B proves its events were flowing while the screen saw none of them.
    const office = open(admin);
    const watchB = office.subscribe<Change>(CHANGES, { scope: fixture.taskForceB });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await bump(fixture.projectB);
    await bump(fixture.projectA2);
    await bump(fixture.projectA1);
    await bump(fixture.projectB);
    await watchB.until((s) => s.data.length >= 2, 5_000, 'task force B events for the admin');
    await own.until((s) => s.data.length >= 1, 5_000, 'the subgroup event for the screen');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(own.data.map((d) => d.changes.entityId)).toEqual([fixture.projectA1]);
    expect(watchB.data.map((d) => d.changes.entityId)).toEqual([fixture.projectB, fixture.projectB]);
    expect(own.errors).toEqual([]);
  });

  it('closes a screen token\'s socket within a second of its revocation, and refuses the token afterwards', async () => {
    const { token, screenToken: row } = await screenToken(fixture.taskForceA, 'revoked');
    const screen = open(token);
    await screen.connected;
    const sub = screen.subscribe<Change>(CHANGES, { scope: fixture.taskForceA });
    const revoked = await gql(server.url, 'mutation($i: ScreenTokenRevokeInput!) { screenTokenRevoke(input: $i) { screenToken { id } } }', { i: { id: row.id } }, admin);
    expect(revoked.errors).toBeUndefined();
    const at = Date.now();
    const closed = await Promise.race([screen.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000))]);
    expect(closed?.code).toBe(4403);
    expect(Date.now() - at).toBeLessThan(1_000);
    await bump(fixture.projectA1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sub.data).toEqual([]);
    expect((await open(token).closed).code).toBe(4403);
  });

  it('closes the socket when its JWT expires', async () => {
    const short = await startLiveServer(db, { jwtSecret: randomBytes(32).toString('hex'), env: { JWT_TTL_SECONDS: '2' } });
    try {
      const token = await login(short.url);
      const started = Date.now();
      const client = open(token, short);
      await client.connected;
      const { code } = await client.closed;
      expect(code).toBe(4403);
      // exp is in whole seconds: the socket lives at most the 2 s, and closes within a second of expiry.
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(Date.now() - started).toBeGreaterThan(900);
    } finally {
      await short.close();
    }
  });

  it('bounds operations per connection (3 here) and connections per process (2 here)', async () => {
    const capped = await startLiveServer(db, { jwtSecret: randomBytes(32).toString('hex'), env: { LIVE_MAX_CONNECTIONS: '2', LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3' } });
    try {
      const token = await login(capped.url);
      const first = open(token, capped);
      const second = open(token, capped);
      await Promise.all([first.connected, second.connected]);
      const subs = [fixture.taskForceA, fixture.taskForceB, fixture.subgroupA1, fixture.subgroupA2].map((scope) => first.subscribe<Change>(CHANGES, { scope }));
      await subs[3].until((s) => s.errors.length > 0, 5_000, 'the fourth subscription refused');
      expect(subs[3].errors[0].message).toContain('At most 3 operations');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(subs.slice(0, 3).map((s) => [s.errors, s.completed])).toEqual([[[], false], [[], false], [[], false]]);

      const status = await new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(wsUrl(capped.url), 'graphql-transport-ws');
        socket.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          socket.terminate();
        });
        socket.on('open', () => reject(new Error('a third socket was accepted')));
        socket.on('error', () => {});
      });
      expect(status).toBe(503);
    } finally {
      await capped.close();
    }
  });
});
