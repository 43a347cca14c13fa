import ExcelJS from 'exceljs';
import { parseGlobalId } from '../../src/common/global-id';
import { EscalationLevel, Problem, ProblemState } from '../../src/domain/problem/problem.entity';
import { dayNumber, formatDate, today } from '../../src/metrics/dates';
import { gql, GraphQLResponse, startTestServer, TestServer } from '../utils/test-server';

/**
 * The office's view of problems (问题清单, issue 14): `problems(filter, first, after, orderBy)` filtered and paged by
 * the database, narrowed for screen tokens; `Metrics.overdueProblemCount` and `problemClosureRate` (销号率); and
 * GET /exports/problems.xlsx. Against the demo data: six problems placed by hand on 鄂州's projects (seed 001: 市卫健委
 * carries the 公共卫生体系补短板工程 projects, 市住建局 the 城市补短板工程 ones) and one on 大同's (seed 002).
 */

const EZHOU_DOC = '鄂州政发〔2020〕10号';
const DATONG_DOC = '同政辦發〔2019〕49號';
const day = (offset: number) => formatDate(new Date((dayNumber(today()) + offset) * 86_400_000));

describe('problems: the office view (问题清单)', () => {
  let server: TestServer;
  let ezhou: { id: string; dbId: number };
  let datong: { id: string; dbId: number };
  let health: { id: string; dbId: number }; // subgroup 公共卫生体系补短板工程
  let unitW: { id: string; dbId: number; name: string }; // 市卫健委
  let unitZ: { id: string; dbId: number; name: string }; // 市住建局
  const ids: Record<string, string> = {};

  async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token = server.adminToken): Promise<T> {
    const result = await gql<T>(server.url, query, variables, token);
    if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  const listQuery = `query($filter: ProblemFilter, $first: Int, $after: String, $orderBy: ProblemOrder) {
    problems(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } } nodes { title state overdue deadline }
    } }`;

  async function titles(filter: Record<string, unknown>, token = server.adminToken): Promise<{ total: number; titles: string[] }> {
    const data = await ok(listQuery, { filter, first: 100 }, token);
    return { total: data.problems.totalCount, titles: data.problems.nodes.map((n: any) => n.title).sort() };
  }

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const { taskForces } = await ok('{ taskForces { id documentNumber projects(first: 1) { nodes { id unit { id } } } subgroups { id name projects(first: 2) { nodes { id unit { id name } } } } } }');
    const node = (globalId: string) => ({ id: globalId, dbId: parseGlobalId(globalId)!.id });
    const ez = taskForces.find((tf: any) => tf.documentNumber === EZHOU_DOC);
    const wz = taskForces.find((tf: any) => tf.documentNumber === DATONG_DOC);
    ezhou = node(ez.id);
    datong = node(wz.id);
    const healthGroup = ez.subgroups.find((s: any) => s.name === '公共卫生体系补短板工程');
    const cityGroup = ez.subgroups.find((s: any) => s.name === '城市补短板工程');
    health = node(healthGroup.id);
    const [w1, w2] = healthGroup.projects.nodes;
    const [z1] = cityGroup.projects.nodes;
    unitW = { ...node(w1.unit.id), name: w1.unit.name };
    unitZ = { ...node(z1.unit.id), name: z1.unit.name };
    expect([unitW.name, unitZ.name]).toEqual(['市卫健委', '市住建局']);
    const wzProject = wz.projects.nodes[0];
    const project = (p: any) => parseGlobalId(p.id)!.id;

    // Placed by hand: raised dates in 2020, deadlines around today.
    const rows: Array<Partial<Problem>> = [
      { title: 'P1 设备采购滞后', projectId: project(w1), unitId: unitW.dbId, subgroupId: health.dbId, responsibleUnitId: unitW.dbId, state: ProblemState.IN_PROGRESS, deadline: day(-10), escalationLevel: EscalationLevel.UNIT, createdAt: new Date('2020-05-10T02:00:00Z') },
      { title: 'P2 用地报批', projectId: project(w1), unitId: unitW.dbId, subgroupId: health.dbId, responsibleUnitId: unitW.dbId, state: ProblemState.CLOSED, deadline: day(-30), escalationLevel: EscalationLevel.UNIT, createdAt: new Date('2020-06-01T09:00:00Z'), closedAt: new Date('2020-06-20T08:00:00Z'), closingNote: '已取得用地批复' },
      { title: 'P3 资金缺口', projectId: project(w2), unitId: unitW.dbId, subgroupId: health.dbId, responsibleUnitId: unitZ.dbId, state: ProblemState.ASSIGNED, deadline: day(10), escalationLevel: EscalationLevel.SUBGROUP, createdAt: new Date('2020-06-15T03:00:00Z') },
      { title: 'P4 管线迁改', projectId: project(z1), unitId: unitZ.dbId, subgroupId: parseGlobalId(cityGroup.id)!.id, responsibleUnitId: unitZ.dbId, state: ProblemState.RESOLUTION_REQUESTED, deadline: day(-1), escalationLevel: EscalationLevel.TASK_FORCE, createdAt: new Date('2020-07-01T15:00:00Z') },
      { title: 'P5 施工许可', projectId: null, unitId: unitZ.dbId, subgroupId: null, responsibleUnitId: null, state: ProblemState.REPORTED, deadline: null, escalationLevel: EscalationLevel.UNIT, createdAt: new Date('2020-07-20T01:00:00Z') },
    ];
    for (const row of rows) await server.dataSource.manager.insert(Problem, { ...row, taskForceId: ezhou.dbId });
    await server.dataSource.manager.insert(Problem, { title: 'P6 大同的问题', projectId: project(wzProject), unitId: parseGlobalId(wzProject.unit.id)!.id, taskForceId: datong.dbId, state: ProblemState.REPORTED, deadline: day(-5), createdAt: new Date('2021-03-01T00:00:00Z') });
    for (const problem of await server.dataSource.manager.find(Problem)) ids[problem.title.slice(0, 2)] = problem.id;
  }, 120_000);
  afterAll(() => server?.close());

  it('filters by task force, subgroup, unit, responsible unit, state, overdue, escalation and date ranges', async () => {
    const tf = { taskForceId: ezhou.id };
    expect(await titles(tf)).toEqual({ total: 5, titles: ['P1 设备采购滞后', 'P2 用地报批', 'P3 资金缺口', 'P4 管线迁改', 'P5 施工许可'] });
    // Overdue: open and the deadline before today (P1 ten days ago, P4 yesterday); P2 is closed, P3 due in 10 days, P5 has none.
    expect((await titles({ ...tf, overdue: true })).titles).toEqual(['P1 设备采购滞后', 'P4 管线迁改']);
    expect((await titles({ ...tf, overdue: false })).titles).toEqual(['P2 用地报批', 'P3 资金缺口', 'P5 施工许可']);
    expect((await titles({ subgroupId: health.id })).titles).toEqual(['P1 设备采购滞后', 'P2 用地报批', 'P3 资金缺口']);
    expect((await titles({ unitId: unitZ.id })).titles).toEqual(['P4 管线迁改', 'P5 施工许可']);
    expect((await titles({ responsibleUnitId: unitZ.id })).titles).toEqual(['P3 资金缺口', 'P4 管线迁改']);
    expect((await titles({ ...tf, state: ['CLOSED'] })).titles).toEqual(['P2 用地报批']);
    expect((await titles({ ...tf, escalationLevel: ['SUBGROUP', 'TASK_FORCE'] })).titles).toEqual(['P3 资金缺口', 'P4 管线迁改']);
    // Raised 2020-06-01 … 2020-07-01, both days included (UTC days): P2, P3 and P4 (raised 2020-07-01T15:00Z).
    expect((await titles({ ...tf, raisedFrom: '2020-06-01', raisedTo: '2020-07-01' })).titles).toEqual(['P2 用地报批', 'P3 资金缺口', 'P4 管线迁改']);
    expect((await titles({ ...tf, deadlineFrom: day(-10), deadlineTo: day(-1) })).titles).toEqual(['P1 设备采购滞后', 'P4 管线迁改']);
    expect(await titles({ ...tf, unitId: unitW.id, overdue: true, state: ['IN_PROGRESS', 'ASSIGNED'] })).toEqual({ total: 1, titles: ['P1 设备采购滞后'] });
    // Without a filter: every problem, both task forces.
    expect((await titles({})).total).toBe(6);
  });

  it('pages with a keyset cursor, newest first or by deadline (none last)', async () => {
    const walk = async (orderBy: string) => {
      const seen: string[][] = [];
      let after: string | null = null;
      let more = true;
      while (more) {
        const data: any = await ok(listQuery, { filter: { taskForceId: ezhou.id }, first: 2, after, orderBy });
        expect(data.problems.totalCount).toBe(5);
        seen.push(data.problems.edges.map((e: any) => e.node.title.slice(0, 2)));
        more = data.problems.pageInfo.hasNextPage;
        after = data.problems.pageInfo.endCursor;
      }
      return seen;
    };
    expect(await walk('RAISED_DESC')).toEqual([['P5', 'P4'], ['P3', 'P2'], ['P1']]);
    // Deadlines: P2 −30, P1 −10, P4 −1, P3 +10 days; P5 has none.
    expect(await walk('DEADLINE_ASC')).toEqual([['P2', 'P1'], ['P4', 'P3'], ['P5']]);

    // Backward (last/before) from the end: the same list, pages ending where the next one began.
    const back = `query($filter: ProblemFilter, $last: Int, $before: String, $orderBy: ProblemOrder) {
      problems(filter: $filter, last: $last, before: $before, orderBy: $orderBy) { pageInfo { hasPreviousPage hasNextPage startCursor } nodes { title } } }`;
    const walkBack = async (orderBy: string) => {
      const seen: string[][] = [];
      let before: string | null = null;
      let more = true;
      while (more) {
        const data: any = await ok(back, { filter: { taskForceId: ezhou.id }, last: 2, before, orderBy });
        expect(data.problems.pageInfo.hasNextPage).toBe(before !== null);
        seen.unshift(data.problems.nodes.map((n: any) => n.title.slice(0, 2)));
        more = data.problems.pageInfo.hasPreviousPage;
        before = data.problems.pageInfo.startCursor;
      }
      return seen;
    };
    expect(await walkBack('RAISED_DESC')).toEqual([['P5'], ['P4', 'P3'], ['P2', 'P1']]);
    expect(await walkBack('DEADLINE_ASC')).toEqual([['P2'], ['P1', 'P4'], ['P3', 'P5']]);
  });

  it('refuses bad input with the argument named', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ filter: { raisedFrom: '2020-13-01' } }, 'filter.raisedFrom'],
      [{ filter: { deadlineFrom: '2021-05-01', deadlineTo: '2021-04-30' } }, 'filter.deadlineTo'],
      [{ filter: { taskForceId: unitW.id } }, 'filter.taskForceId'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ first: 501 }, 'first'],
    ];
    for (const [variables, field] of cases) {
      const result: GraphQLResponse = await gql(server.url, listQuery, variables, server.adminToken);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      if (field !== 'first') expect(result.errors?.[0].extensions?.field).toBe(field);
    }
    // Paging backward: a bad cursor, or both directions at once.
    for (const [args, field] of [['last: 2, before: "not-a-cursor"', 'before'], ['first: 2, last: 2', 'last']]) {
      const result: GraphQLResponse = await gql(server.url, `{ problems(${args}) { totalCount } }`, {}, server.adminToken);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // A cursor of one order is not a cursor of the other.
    const page = await ok(listQuery, { filter: { taskForceId: ezhou.id }, first: 1, orderBy: 'RAISED_DESC' });
    const crossed = await gql(server.url, listQuery, { first: 1, after: page.problems.pageInfo.endCursor, orderBy: 'DEADLINE_ASC' }, server.adminToken);
    expect(crossed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('narrows a screen token to its scope', async () => {
    const token = async (scope: string) =>
      (await ok('mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token } }', { i: { name: `大屏 ${scope}`, scope } })).screenTokenCreate.token as string;
    const taskForceToken = await token(ezhou.id);
    expect((await titles({}, taskForceToken)).total).toBe(5); // not 大同's P6
    expect((await titles({ overdue: true }, taskForceToken)).titles).toEqual(['P1 设备采购滞后', 'P4 管线迁改']);
    const subgroupToken = await token(health.id);
    expect((await titles({}, subgroupToken)).titles).toEqual(['P1 设备采购滞后', 'P2 用地报批', 'P3 资金缺口']);
    const unitToken = await token(unitZ.id);
    expect((await titles({}, unitToken)).titles).toEqual(['P4 管线迁改', 'P5 施工许可']);
    const outside = await gql(server.url, listQuery, { filter: { taskForceId: datong.id } }, taskForceToken);
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherUnit = await gql(server.url, listQuery, { filter: { unitId: unitW.id } }, unitToken);
    expect(otherUnit.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('counts overdue problems and the 销号率 on every node', async () => {
    const fields = 'openProblemCount overdueProblemCount problemClosureRate';
    const data = await ok(
      `query($tf: ID!, $sg: ID!, $w: ID!, $z: ID!) {
        tf: node(id: $tf) { ... on TaskForce { metrics { ${fields} } } }
        sg: node(id: $sg) { ... on Subgroup { metrics { ${fields} } } }
        w: node(id: $w) { ... on Unit { metrics(taskForceId: $tf) { ${fields} } } }
        z: node(id: $z) { ... on Unit { metrics(taskForceId: $tf) { ${fields} } } }
        dashboard: taskForce(id: $tf) { subgroups { id metrics { ${fields} } } }
      }`,
      { tf: ezhou.id, sg: health.id, w: unitW.id, z: unitZ.id },
    );
    // 鄂州: P1–P5; open P1 P3 P4 P5, overdue P1 P4, closed P2: 1 of 5.
    expect(data.tf.metrics).toEqual({ openProblemCount: 4, overdueProblemCount: 2, problemClosureRate: 0.2 });
    // 公共卫生 and 市卫健委: P1 P2 P3; open P1 P3, overdue P1, closed P2: 1 of 3.
    expect(data.sg.metrics).toEqual({ openProblemCount: 2, overdueProblemCount: 1, problemClosureRate: 1 / 3 });
    expect(data.w.metrics).toEqual({ openProblemCount: 2, overdueProblemCount: 1, problemClosureRate: 1 / 3 });
    // 市住建局: P4 P5, both open, P4 overdue, none closed.
    expect(data.z.metrics).toEqual({ openProblemCount: 2, overdueProblemCount: 1, problemClosureRate: 0 });
    // The same from the task force's own statement (the dashboard's path); a subgroup without problems has no rate.
    const fromRollup = data.dashboard.subgroups.find((s: any) => s.id === health.id).metrics;
    expect(fromRollup).toEqual(data.sg.metrics);
    const quiet = data.dashboard.subgroups.find((s: any) => s.id !== health.id && s.metrics.problemClosureRate === null);
    expect(quiet.metrics).toEqual({ openProblemCount: 0, overdueProblemCount: 0, problemClosureRate: null });
  });

  // Last: it assigns P5 through the API (交办时间 is kept from then on).
  it('exports the 问题清单 in the office layout, earliest deadline first', async () => {
    const p5 = await ok(`query($id: ID!) { node(id: $id) { ... on Problem { version assignedAt } } }`, { id: ids.P5 });
    expect(p5.node.assignedAt).toBeNull();
    const assigned = await ok(
      'mutation($i: ProblemAssignInput!) { problemAssign(input: $i) { problem { state assignedAt responsibleUnit { name } } } }',
      { i: { id: ids.P5, responsibleUnitId: unitZ.id, expectedVersion: p5.node.version } },
    );
    expect(assigned.problemAssign.problem).toMatchObject({ state: 'ASSIGNED', responsibleUnit: { name: '市住建局' } });
    const assignedDay = today(new Date(assigned.problemAssign.problem.assignedAt));
    expect(assignedDay).toBe(today());

    const get = async (query: string, token = server.adminToken) => {
      const response = await fetch(`http://127.0.0.1:${server.port}/exports/problems.xlsx?${query}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, type: response.headers.get('content-type') ?? '', body: Buffer.from(await response.arrayBuffer()) };
    };
    const rowsOf = async (body: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('问题清单')!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const all = await get(`scope=${encodeURIComponent(ezhou.id)}`);
    expect(all.status).toBe(200);
    expect(all.type).toContain('spreadsheetml');
    const rows = await rowsOf(all.body);
    expect(rows[0][0]).toContain('问题清单');
    expect(rows[1][0]).toBe(`截至 ${today()}　共 5 个问题，已销号 1 个，未销号 4 个`);
    expect(rows[2]).toEqual(['序号', '问题', '项目', '责任单位', '交办时间', '办理时限', '状态', '销号情况']);
    const lines = rows.slice(3).map((r) => [r[0], r[1], r[3] ?? '', r[4] ?? '', r[5] ?? '', r[6], r[7]]);
    // Deadlines −30 (P2), −10 (P1), −1 (P4), +10 (P3) days; P5 has none. 销号 2020-06-20T08:00Z is 2020-06-20 in UTC+8.
    expect(lines).toEqual([
      [1, 'P2 用地报批', '市卫健委', '', day(-30), '已销号', '已销号 2020-06-20：已取得用地批复'],
      [2, 'P1 设备采购滞后', '市卫健委', '', day(-10), '办理中（超期10天）', '未销号'],
      [3, 'P4 管线迁改', '市住建局', '', day(-1), '申请销号（超期1天）', '未销号'],
      [4, 'P3 资金缺口', '市住建局', '', day(10), '已交办', '未销号'],
      [5, 'P5 施工许可', '市住建局', today(), '', '已交办', '未销号'],
    ]);
    // The project column names the project; P5 is raised against its unit, without one.
    expect(rows[3][2]).toMatch(/^公共卫生体系补短板工程/);
    expect(rows[7][2] ?? '').toBe('');

    const overdue = await rowsOf((await get(`scope=${encodeURIComponent(ezhou.id)}&overdue=true`)).body);
    expect(overdue.slice(3).map((r) => r[1])).toEqual(['P1 设备采购滞后', 'P4 管线迁改']);
    const ofUnit = await rowsOf((await get(`scope=${encodeURIComponent(unitZ.id)}`)).body);
    expect(ofUnit.slice(3).map((r) => r[1])).toEqual(['P4 管线迁改', 'P5 施工许可']);

    expect((await get('scope=nonsense')).status).toBe(400);
    expect((await get(`scope=${encodeURIComponent(ezhou.id)}&overdue=maybe`)).status).toBe(400);
    const datongToken = (await ok('mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token } }', { i: { name: '大同大屏', scope: datong.id } })).screenTokenCreate.token;
    expect((await get(`scope=${encodeURIComponent(ezhou.id)}`, datongToken)).status).toBe(403);
  });
});
