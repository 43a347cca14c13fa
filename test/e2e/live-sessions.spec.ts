import WebSocket from 'ws';
import { gql, startTestServer, TestServer } from '../utils/test-server';
import { connectLive, LiveClient, Subscription, waitUntil, wsUrl } from '../utils/ws-client';

/**
 * README "Live updates": a user's socket is closed with 4403 when its sessions end (userUpdate disabling the user,
 * passwordChange, passwordReset), within a second; and the keep-alive pings follow config.live.keepAliveMs.
 * A bad token in connectionParams (refused with 4403) is covered by live-auth.spec.ts.
 */

const CHANGES = `subscription($scope: ID!) { changes(scope: $scope) { cursor entity entityId action } }`;
type Change = { changes: { cursor: string; entity: string; entityId: string; action: string } };

/** The rule: a revoked session's socket closes within one second. */
const closeWithinMs = 1_000;

/** Resolves with `promise`, or fails after `ms` naming `what`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live: sockets close when the user\'s sessions end', () => {
  let server: TestServer;
  let taskForceId: string;
  const clients: LiveClient[] = [];
  let names = 0;

  const run = async <T = Record<string, any>>(query: string, variables: Record<string, unknown>, token = server.adminToken) => {
    const result = await gql<T>(server.url, query, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };

  /** A VIEWER made through the API (userCreate as ADMIN), signed in. */
  const newUser = async () => {
    const username = `live_user_${++names}`;
    const password = `pw-${username}-secret`;
    const created = await run<{ userCreate: { user: { id: string; version: number } } }>(
      'mutation($i: UserCreateInput!) { userCreate(input: $i) { user { id version } } }',
      { i: { username, password, role: 'VIEWER' } },
    );
    const token = await server.login(username, password);
    return { ...created.userCreate.user, username, password, token };
  };

  /** A change under the task force (a new subgroup), made by the ADMIN. */
  const touchTaskForce = async () => {
    const result = await run<{ subgroupCreate: { subgroup: { id: string } } }>(
      'mutation($i: SubgroupCreateInput!) { subgroupCreate(input: $i) { subgroup { id } } }',
      { i: { taskForceId, name: `实时会话组${++names}` } },
    );
    return result.subgroupCreate.subgroup.id;
  };

  /** A connected socket for `token` whose changes(scope: task force) subscription is shown to be live by one event. */
  const watching = async (token: string) => {
    const client = connectLive(server.url, token);
    clients.push(client);
    const closedAt = client.closed.then((event) => ({ ...event, at: Date.now() }));
    await within(client.connected, 5_000, 'connection_ack');
    const sub = client.subscribe<Change>(CHANGES, { scope: taskForceId });
    // The subscription may not be registered yet when the first change commits: touch until one arrives.
    const deadline = Date.now() + 5_000;
    while (sub.data.length === 0 && Date.now() < deadline && !sub.completed) {
      await touchTaskForce();
      await waitUntil(() => sub.data.length > 0 || sub.completed, 1_000, 'an event').catch(() => undefined);
    }
    expect(sub.errors).toEqual([]);
    expect(sub.data.length).toBeGreaterThan(0);
    return { client, sub, closedAt };
  };

  /** The socket closed with 4403 no earlier than `sentAt` and no later than a second after `doneAt` (the mutation's answer). */
  const expectClosedForAuth = async (
    target: { closedAt: Promise<{ code: number; at: number }>; sub: Subscription<Change> },
    sentAt: number,
    doneAt: number,
  ) => {
    const closed = await within(target.closedAt, Math.max(0, doneAt + closeWithinMs - Date.now()) + 50, 'the socket to close');
    expect(closed.code).toBe(4403);
    expect(closed.at).toBeGreaterThanOrEqual(sentAt);
    expect(closed.at - doneAt).toBeLessThanOrEqual(closeWithinMs);
    await waitUntil(() => target.sub.completed, 1_000, 'the subscription to end');
    expect(target.sub.closeCode).toBe(4403);
  };

  /** A socket opened with `token` is refused with 4403. */
  const expectRefused = async (token: string) => {
    const client = connectLive(server.url, token);
    clients.push(client);
    expect((await within(client.closed, 5_000, 'the refusal')).code).toBe(4403);
  };

  /** Another user's socket is still open: it receives the next change. */
  const expectStillLive = async (other: { client: LiveClient; sub: Subscription<Change> }) => {
    const before = other.sub.data.length;
    const subgroup = await touchTaskForce();
    await other.sub.until((s) => s.data.some((d, i) => i >= before && d.changes.entityId === subgroup), 5_000, 'the bystander\'s event');
    expect(other.sub.closeCode).toBeNull();
    expect(other.sub.errors).toEqual([]);
  };

  beforeAll(async () => {
    server = await startTestServer();
    const created = await run<{ taskForceCreate: { taskForce: { id: string } } }>(
      'mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }',
      { i: { name: '实时会话测试行动', periodStart: '2024-01-01', periodEnd: '2030-12-31' } },
    );
    taskForceId = created.taskForceCreate.taskForce.id;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await server?.close();
  });

  it('closes a user\'s socket with 4403 within a second of an ADMIN disabling the user', async () => {
    const user = await newUser();
    const bystander = await watching((await newUser()).token);
    const target = await watching(user.token);

    const sentAt = Date.now();
    await run('mutation($i: UserUpdateInput!) { userUpdate(input: $i) { user { id } } }', { i: { id: user.id, expectedVersion: user.version, disabled: true } });
    await expectClosedForAuth(target, sentAt, Date.now());

    await expectRefused(user.token);
    await expectStillLive(bystander);
  });

  it('closes the old token\'s socket with 4403 within a second of passwordChange; the returned token connects', async () => {
    const user = await newUser();
    const bystander = await watching((await newUser()).token);
    const target = await watching(user.token);

    const sentAt = Date.now();
    const changed = await run<{ passwordChange: { token: string } }>(
      'mutation($i: PasswordChangeInput!) { passwordChange(input: $i) { token } }',
      { i: { currentPassword: user.password, newPassword: `${user.password}-new` } },
      user.token,
    );
    await expectClosedForAuth(target, sentAt, Date.now());

    expect(changed.passwordChange.token).not.toBe(user.token);
    const renewed = await watching(changed.passwordChange.token);
    expect(renewed.sub.closeCode).toBeNull();
    await expectRefused(user.token);
    await expectStillLive(bystander);
  });

  it('closes a user\'s socket with 4403 within a second of an ADMIN\'s passwordReset', async () => {
    const user = await newUser();
    const bystander = await watching((await newUser()).token);
    const target = await watching(user.token);

    const sentAt = Date.now();
    await run('mutation($i: PasswordResetInput!) { passwordReset(input: $i) { user { id } } }', { i: { userId: user.id, newPassword: `${user.password}-reset` } });
    await expectClosedForAuth(target, sentAt, Date.now());

    await expectRefused(user.token);
    await expectStillLive(bystander);
  });
});

describe('live: keep-alive pings follow config.live.keepAliveMs', () => {
  const servers: TestServer[] = [];
  const sockets: WebSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  /**
   * A raw graphql-transport-ws client: connection_init with the bearer token, then it counts the server's pings
   * over `windowMs` from connection_ack, answering each with a pong. graphql-ws's `ws` server sends its keep-alive
   * as WebSocket ping frames (and ends a socket that does not pong in time); a protocol `{"type":"ping"}` message
   * is answered with `{"type":"pong"}` too.
   */
  const countPings = async (server: TestServer, windowMs: number) => {
    const socket = new WebSocket(wsUrl(server.url), 'graphql-transport-ws', { autoPong: false });
    sockets.push(socket);
    const messages: Array<{ type: string }> = [];
    let pingFrames = 0;
    let pingMessages = 0;
    let counting = false;
    let closeCode: number | null = null;
    socket.on('ping', (data) => {
      if (counting) pingFrames += 1;
      socket.pong(data);
    });
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string };
      messages.push(message);
      if (message.type === 'ping') {
        if (counting) pingMessages += 1;
        socket.send(JSON.stringify({ type: 'pong' }));
      }
    });
    socket.on('close', (code) => (closeCode = code));
    socket.on('error', () => {});
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${server.adminToken}` } })));

    await waitUntil(() => messages.some((m) => m.type === 'connection_ack') || closeCode !== null, 5_000, 'connection_ack');
    expect(messages[0]).toEqual({ type: 'connection_ack' });
    counting = true;
    await sleep(windowMs);
    counting = false;
    return { pingFrames, pingMessages, open: socket.readyState === WebSocket.OPEN, closeCode };
  };

  it('with keepAliveMs 200, pings at least 3 times within 1.5 s, and the socket answering them stays open', async () => {
    const server = await startTestServer({ configure: (config) => ({ ...config, live: { ...config.live, keepAliveMs: 200 } }) });
    servers.push(server);
    expect(server.config.live.keepAliveMs).toBe(200);
    const seen = await countPings(server, 1_500);
    expect(seen.pingFrames + seen.pingMessages).toBeGreaterThanOrEqual(3);
    expect(seen).toMatchObject({ open: true, closeCode: null });
  });

  it('with the default setting (12,000 ms), does not ping within 1 s', async () => {
    const server = await startTestServer();
    servers.push(server);
    expect(server.config.live.keepAliveMs).toBe(12_000);
    const seen = await countPings(server, 1_000);
    expect(seen).toEqual({ pingFrames: 0, pingMessages: 0, open: true, closeCode: null });
  });
});
