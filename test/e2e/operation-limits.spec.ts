import { gql, startTestServer, TestServer } from '../utils/test-server';
import { connectLive, LiveClient } from '../utils/ws-client';

/**
 * The bounds hold on both transports: a variable of the wrong type is the client's error (400, not a masked 500),
 * an over-cost query is refused before any work, and the socket runs subscriptions only (queries and mutations
 * over it would skip sign-in checks, the cost bound and idempotency keys).
 */
describe('operation limits over HTTP and the socket', () => {
  let server: TestServer;
  let live: LiveClient | null = null;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await live?.dispose();
    live = null;
  });
  afterAll(() => server?.close());

  test('a variable that does not fit its type is BAD_USER_INPUT with HTTP 400', async () => {
    const missingField = await gql(server.url, 'mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }', { i: { name: '缺少结束日期', periodStart: '2021-01-01' } }, server.adminToken);
    expect(missingField.status).toBe(400);
    expect(missingField.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const notAnInt = await gql(server.url, 'query($f: Int) { changeLog(first: $f) { totalCount } }', { f: 'abc' }, server.adminToken);
    expect(notAnInt.status).toBe(400);
    expect(notAnInt.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  test('an over-cost query is refused over HTTP', async () => {
    // taskForces (plain list, 20) × projects(first: 500) × nodes × unit × projects(first: 500): far above 50,000.
    const heavy = '{ taskForces { projects(first: 500) { nodes { unit { name } subgroup { projects(first: 500) { nodes { id name } } } } } } }';
    const result = await gql(server.url, heavy, {}, server.adminToken);
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/estimated cost/);
  });

  test('the socket refuses queries and mutations, and runs subscriptions', async () => {
    live = connectLive(server.url, server.adminToken);
    await live.connected;
    const query = live.subscribe('{ taskForces { id } }');
    await query.until((s) => s.errors.length > 0 || s.data.length > 0, 5_000, 'an answer to the query');
    expect(query.data).toEqual([]);
    expect(query.errors[0].message).toMatch(/only subscriptions/);
    const mutation = live.subscribe('mutation { taskForceCreate(input: { name: "经由套接字", periodStart: "2021-01-01", periodEnd: "2021-12-31" }) { taskForce { id } } }');
    await mutation.until((s) => s.errors.length > 0 || s.data.length > 0, 5_000, 'an answer to the mutation');
    expect(mutation.data).toEqual([]);
    const created = await gql(server.url, '{ taskForces { name } }', {}, server.adminToken);
    expect(created.data!.taskForces).toEqual([]);

    const created2 = await gql(server.url, 'mutation { taskForceCreate(input: { name: "经由HTTP", periodStart: "2021-01-01", periodEnd: "2021-12-31" }) { taskForce { id } } }', {}, server.adminToken);
    const scope = created2.data!.taskForceCreate.taskForce.id;
    const subscription = live.subscribe('subscription($s: ID!) { metricsChanged(scope: $s) { metrics { projectCount } } }', { s: scope });
    // A new task force has no projects: the first push is the current state, 0 projects.
    await subscription.until((s) => s.data.length > 0, 5_000, 'the first metrics push');
    expect(subscription.errors).toEqual([]);
    expect(subscription.data[0]).toEqual({ metricsChanged: { metrics: { projectCount: 0 } } });
  });
});
