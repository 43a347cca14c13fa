import { getIntrospectionQuery } from 'graphql';
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

  test("graphql-js' full introspection query (what Codegen, GraphiQL and Apollo Sandbox send) is answered, not refused by the cost bound", async () => {
    const result = await gql<{ __schema: { queryType: { name: string }; types: Array<{ name: string }> } }>(server.url, getIntrospectionQuery(), {}, server.adminToken);
    expect(result.errors).toBeUndefined();
    expect(result.status).toBe(200);
    expect(result.data!.__schema.queryType.name).toBe('Query');
    expect(result.data!.__schema.types.map((t) => t.name)).toEqual(expect.arrayContaining(['TaskForce', 'Metrics', 'Light']));
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

  test('long Chinese texts fit the database: custom fields have a byte budget, the change log shortens long values', async () => {
    const run = (query: string, variables: Record<string, unknown>) => gql(server.url, query, variables, server.adminToken);
    const tf = await run('mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }', { i: { name: '长文本', periodStart: '2021-01-01', periodEnd: '2021-12-31' } });
    const unit = await run('mutation($i: UnitCreateInput!) { unitCreate(input: $i) { unit { id } } }', { i: { name: '长文本县', region: '测试市', kind: 'COUNTY' } });
    const created = await run('mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id version } } }', {
      i: { taskForceId: tf.data!.taskForceCreate.taskForce.id, code: 'L-1', name: '长文本项目', unitId: unit.data!.unitCreate.unit.id },
    });
    const projectId = created.data!.projectCreate.project.id;

    // 20 custom columns of 300 Chinese characters: 20 × 300 × 3 = 18,000 bytes > 16,000.
    const custom = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`自定义${i}`, '字'.repeat(300)]));
    const tooMuch = await run('mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }', { i: { id: projectId, expectedVersion: 1, customFields: custom } });
    expect(tooMuch.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.customFields' });

    // Four texts of 4,000 Chinese characters, then four others: before + after = 8 × 12,000 bytes = 96,000 bytes.
    const texts = (c: string) => ({ scope: c.repeat(4000), problemsText: c.repeat(4000), nextSteps: c.repeat(4000), remarks: c.repeat(4000) });
    const first = await run('mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }', { i: { id: projectId, expectedVersion: 1, ...texts('甲') } });
    expect(first.errors).toBeUndefined();
    const second = await run('mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version scope } } }', { i: { id: projectId, expectedVersion: 2, ...texts('乙') } });
    expect(second.errors).toBeUndefined();
    expect(second.data!.projectUpdate.project).toEqual({ version: 3, scope: '乙'.repeat(4000) });

    const log = await run('query($f: ChangeLogFilter) { changeLog(filter: $f, first: 1) { nodes { fields { field before after } } } }', { f: { entityId: projectId, action: 'UPDATE' } });
    const scope = log.data!.changeLog.nodes[0].fields.find((f: { field: string }) => f.field === 'scope');
    // The project keeps the whole text; the log keeps the first 1,000 characters and says how long it was.
    expect(JSON.parse(scope.before)).toBe(`${'甲'.repeat(1000)}… [4000 characters in all]`);
    expect(JSON.parse(scope.after)).toBe(`${'乙'.repeat(1000)}… [4000 characters in all]`);
  });

  test('an idempotent mutation whose response is too large to keep still answers; its retry says it succeeded and writes nothing', async () => {
    const run = (query: string, variables: Record<string, unknown>) => gql(server.url, query, variables, server.adminToken);
    const tf = await run('mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }', { i: { name: '大回应', periodStart: '2021-01-01', periodEnd: '2021-12-31' } });
    const unit = await run('mutation($i: UnitCreateInput!) { unitCreate(input: $i) { unit { id } } }', { i: { name: '大回应县', region: '测试市', kind: 'COUNTY' } });
    const created = await run('mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id } } }', {
      i: { taskForceId: tf.data!.taskForceCreate.taskForce.id, code: 'B-1', name: '大回应项目', unitId: unit.data!.unitCreate.unit.id, scope: '丙'.repeat(4000) },
    });
    const projectId = created.data!.projectCreate.project.id;
    // Six copies of a 4,000-character Chinese text: 6 × 12,000 = 72,000 bytes of response, over the 60,000 kept.
    const mutation = 'mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version a: scope b: scope c: scope d: scope e: scope f: scope } } }';
    const send = () =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}`, 'idempotency-key': 'large-response-0001' },
        body: JSON.stringify({ query: mutation, variables: { i: { id: projectId, expectedVersion: 1, stage: 'UNDER_CONSTRUCTION' } } }),
      });
    const first = await send();
    expect(first.status).toBe(200);
    const firstBody = (await first.json()) as { data: { projectUpdate: { project: { version: number; a: string } } } };
    expect(firstBody.data.projectUpdate.project.version).toBe(2);
    expect(firstBody.data.projectUpdate.project.a).toBe('丙'.repeat(4000));

    const retry = await send();
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const retryBody = (await retry.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(retryBody.errors[0].extensions).toMatchObject({ code: 'CONFLICT', firstRequestSucceeded: true });
    const now = await run('query($id: ID!) { node(id: $id) { ... on Project { version } } }', { id: projectId });
    expect(now.data!.node.version).toBe(2);
  });
});
