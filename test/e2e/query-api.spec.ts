import jwt from 'jsonwebtoken';
import { parseGlobalId, toGlobalId } from '../../src/common/global-id';
import { Project, ProjectStage } from '../../src/domain/project/project.entity';
import { Role } from '../../src/domain/user/user.entity';
import { ensureFrontEndBuilt } from '../utils/front-end-build';
import { gql, GraphQLResponse, startTestServer, TestServer } from '../utils/test-server';

/**
 * The read API end to end: sign-in, error shapes and bounds, node(id:), the projects connection (paging,
 * orders, filters), aggregates, rankings, and the plain HTTP endpoints. Expected figures come from the seed
 * documents in /work/shared/seeds or are computed by hand in the comments.
 */

// ---- figures from the source documents ----

// Seed 001, title and 文号.
const EZHOU_NAME = '鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)';
const EZHOU_DOC = '鄂州政发〔2020〕10号';
// Seed 002, 文号.
const DATONG_DOC = '同政辦發〔2019〕49號';

interface EngineeringPlan {
  name: string;
  projects: number;
  /** 估算总投资, 亿元 × 10,000 = 万元. */
  total: number;
  /** 2020年估算投资, 万元. */
  plan2020: number;
}

// Seed 001, "3. 重大项目及投资测算" of each 工程. (九)新一轮高标准农田建设 states no projects.
const ezhouPlans: EngineeringPlan[] = [
  { name: '公共卫生体系补短板工程', projects: 28, total: 467_100, plan2020: 58_000 }, // 28个, 46.71亿元, 5.8亿元
  { name: '交通补短板工程', projects: 24, total: 5_499_000, plan2020: 652_000 }, // 24个, 549.9亿元, 65.2亿元
  { name: '水利补短板工程', projects: 9, total: 583_000, plan2020: 59_000 }, // 9个, 58.3亿元, 5.9亿元
  { name: '能源提升工程', projects: 8, total: 200_000, plan2020: 10_000 }, // 8个, 20亿元, 1亿元
  { name: '新基建工程', projects: 50, total: 8_281_000, plan2020: 496_000 }, // 50个, 828.1亿元, 49.6亿元
  { name: '冷链物流和应急储备设施补短板工程', projects: 4, total: 283_000, plan2020: 8_000 }, // 4个, 28.3亿元, 0.8亿元
  { name: '城市补短板工程', projects: 61, total: 2_546_000, plan2020: 243_000 }, // 61个, 254.6亿元, 24.3亿元
  { name: '产业园区提升工程', projects: 12, total: 3_330_000, plan2020: 215_000 }, // 12个, 333亿元, 21.5亿元
  { name: '生态环境补短板工程', projects: 10, total: 59_000, plan2020: 10_000 }, // 10个, 5.9亿元, 1亿元
];
const FARMLAND = '新一轮高标准农田建设';
// 28 + 24 + 9 + 8 + 50 + 4 + 61 + 12 + 10 = 206.
const EZHOU_PROJECTS = 206;
// Seed 002 task 13: 新興產業項目79個 … 傳統產業項目21個 → 100.
const DATONG_NEW_INDUSTRY = 79;
const DATONG_PROJECTS = 79 + 21;
// Seed 003 states counts without amounts: 109 下半年新開工 + 23 進展緩慢和未開工 (前期), 194 在建招商引資 (在建),
// 20 重點簽約 (前期) and 860 意向性 (謀劃) → 1,206 projects without amounts.
const WUZHONG_PROJECTS = 109 + 23 + 194 + 20 + 860;
// The demo data holds only these generated example projects (README, "Demo data"): 206 + 100 + 1,206.
const ALL_PROJECTS = EZHOU_PROJECTS + DATONG_PROJECTS + WUZHONG_PROJECTS;

// ---- arranged figures (set directly in the database in beforeAll) ----

/**
 * 年初至今完成投资 set on the first project(s) of each 工程 (万元), chosen so that every 投资完成率 is round:
 * Σ ytd ÷ the 工程's 2020 plan from the document.
 */
const arrangedYtd: Record<string, number[]> = {
  水利补短板工程: [47_200], // 47,200 ÷ 59,000 = 0.8
  能源提升工程: [4_000, 3_000], // 7,000 ÷ 10,000 = 0.7
  交通补短板工程: [200_000, 126_000], // 326,000 ÷ 652,000 = 0.5
  公共卫生体系补短板工程: [29_000], // 29,000 ÷ 58,000 = 0.5 — ties 交通 with less completed investment
  城市补短板工程: [97_200], // 97,200 ÷ 243,000 = 0.4
  产业园区提升工程: [64_500], // 64,500 ÷ 215,000 = 0.3
  新基建工程: [99_200], // 99,200 ÷ 496,000 = 0.2
  冷链物流和应急储备设施补短板工程: [800], // 800 ÷ 8,000 = 0.1
  生态环境补短板工程: [500], // 500 ÷ 10,000 = 0.05
};

const ERROR_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INTERNAL_SERVER_ERROR']);
/** SQL text, driver error names or stack frames must never reach a client. */
const LEAK = /\b(SELECT|INSERT|UPDATE|DELETE|DROP|WHERE)\b|SQLITE_|\bER_[A-Z_]+|QueryFailedError|\n\s*at\s|\.(ts|js):\d+/;

function todayUtc8(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function dbId(globalId: string): number {
  const parsed = parseGlobalId(globalId);
  if (!parsed) throw new Error(`not a global ID: ${globalId}`);
  return parsed.id;
}

describe('read API', () => {
  let server: TestServer;
  let ezhouId: string;
  let datongId: string;
  /** Subgroup name → global ID, for 鄂州. */
  const ezhouSubgroups = new Map<string, string>();
  let healthUnitId: string; // 市卫健委
  let ndrcUnitId: string; // 市发改委
  let redCode: string;
  let yellowCode: string;
  let underConstruction: string[] = [];

  /** Posts as admin (or with the given token) and checks that any error is well-formed and leaks nothing. */
  async function q<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token: string | null = server.adminToken): Promise<GraphQLResponse<T>> {
    const result = await gql<T>(server.url, query, variables, token ?? undefined);
    for (const error of result.errors ?? []) {
      expect(ERROR_CODES).toContain(error.extensions?.code);
      expect(error.message).not.toMatch(LEAK);
      expect(error.extensions).not.toHaveProperty('stacktrace');
      expect(error.extensions).not.toHaveProperty('exception');
    }
    return result;
  }

  async function data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await q<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  function expectCode(result: GraphQLResponse, code: string): void {
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.errors!.map((e) => e.extensions?.code)).toContain(code);
  }

  beforeAll(async () => {
    // The documents only: the figures below are counted by hand on top of what they state (no example reports).
    server = await startTestServer({ demo: true, exampleReports: false });
    const { taskForces } = await data<{ taskForces: Array<{ id: string; documentNumber: string | null }> }>('{ taskForces { id documentNumber } }');
    ezhouId = taskForces.find((tf) => tf.documentNumber === EZHOU_DOC)!.id;
    datongId = taskForces.find((tf) => tf.documentNumber === DATONG_DOC)!.id;
    const { taskForce } = await data('query($id: ID!) { taskForce(id: $id) { subgroups { id name leadUnit { id name } } } }', { id: ezhouId });
    for (const s of taskForce.subgroups) ezhouSubgroups.set(s.name, s.id);
    // (一)公共卫生体系补短板工程 … 牵头部门:市卫健委; (四)能源提升工程 … 牵头部门:市发改委.
    healthUnitId = taskForce.subgroups.find((s: any) => s.name === '公共卫生体系补短板工程').leadUnit.id;
    ndrcUnitId = taskForce.subgroups.find((s: any) => s.name === '能源提升工程').leadUnit.id;

    const projects = server.dataSource.getRepository(Project);
    const ofSubgroup = (name: string) => projects.find({ where: { subgroupId: dbId(ezhouSubgroups.get(name)!) }, order: { dbId: 'ASC' } });

    // Ranking figures: 年初至今完成投资 on the first projects of each 工程 (undated, so they count for any asOf).
    for (const [name, amounts] of Object.entries(arrangedYtd)) {
      const rows = await ofSubgroup(name);
      for (const [i, amount] of amounts.entries()) await projects.update({ dbId: rows[i].dbId }, { ytdCompletedInvestment: amount });
    }
    // Starts and finishes for WEIGHTED_SCORE (plan year 2020):
    // 水利: two planned starts, one started → 开工率 1/2; one planned finish, none finished → 竣工率 0.
    const water = await ofSubgroup('水利补短板工程');
    await projects.update({ dbId: water[0].dbId }, { plannedStart: '2020-03-01', actualStart: '2020-04-01', plannedEnd: '2020-10-01' });
    await projects.update({ dbId: water[1].dbId }, { plannedStart: '2020-05-01' });
    // 能源: one planned start, started; one planned finish, finished → 开工率 1, 竣工率 1.
    const energy = await ofSubgroup('能源提升工程');
    await projects.update({ dbId: energy[0].dbId }, { plannedStart: '2020-02-01', actualStart: '2020-02-15', plannedEnd: '2020-11-30', actualEnd: '2020-11-20' });

    // Two projects under construction (every generated project starts as PLANNING).
    const ecology = await ofSubgroup('生态环境补短板工程');
    for (const row of ecology.slice(1, 3)) await projects.update({ dbId: row.dbId }, { stage: ProjectStage.UNDER_CONSTRUCTION });
    underConstruction = ecology.slice(1, 3).map((r) => r.code).sort();

    // Lights in seed 002 (no annual plan → no 进度差 → NO_DATA by the gap). Its period, 2019, has ended, so its
    // projects' lights stand at 2019-12-31: a planned start three months before and not started is RED; one planned
    // ten days before and not started is YELLOW.
    const datong = await projects.find({ where: { taskForceId: dbId(datongId) }, order: { dbId: 'ASC' } });
    await projects.update({ dbId: datong[0].dbId }, { plannedStart: '2019-09-01' });
    await projects.update({ dbId: datong[1].dbId }, { plannedStart: '2019-12-21' });
    redCode = datong[0].code;
    yellowCode = datong[1].code;
  });
  afterAll(() => server?.close());

  describe('sign-in', () => {
    it('refuses an operation without a token with UNAUTHENTICATED and HTTP 401', async () => {
      const result = await q('{ taskForces { id } }', {}, null);
      expect(result.status).toBe(401);
      expectCode(result, 'UNAUTHENTICATED');
      expect(result.data?.taskForces).toBeUndefined();
    });

    it('refuses garbage, wrongly signed, unsigned and tampered tokens', async () => {
      const [, payload] = server.adminToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      const wronglySigned = jwt.sign({ tv: claims.tv }, 'not-the-server-secret-but-long-enough-123456', {
        algorithm: 'HS256',
        subject: claims.sub,
        issuer: claims.iss,
        expiresIn: 3600,
      });
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      // The admin token's signature over a payload naming another user.
      const [header, , signature] = server.adminToken.split('.');
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: String(Number(claims.sub) + 1) })).toString('base64url')}.${signature}`;
      for (const token of ['garbage', 'a.b.c', wronglySigned, unsigned, tampered]) {
        const result = await q('{ taskForces { id } }', {}, token);
        expect(result.status).toBe(401);
        expectCode(result, 'UNAUTHENTICATED');
      }
    });

    it('answers a wrong password exactly like an unknown user', async () => {
      await server.userToken('qa-wrong-password', Role.VIEWER);
      const login = 'mutation($i: LoginInput!) { login(input: $i) { token } }';
      const wrong = await q(login, { i: { username: 'qa-wrong-password', password: 'not-the-password' } }, null);
      const unknown = await q(login, { i: { username: 'qa-nobody-by-this-name', password: 'not-the-password' } }, null);
      expectCode(wrong, 'UNAUTHENTICATED');
      expectCode(unknown, 'UNAUTHENTICATED');
      expect(wrong.data?.login ?? null).toBeNull();
      expect(wrong.errors!.map((e) => e.message)).toEqual(unknown.errors!.map((e) => e.message));
    });

    it('serves introspection to a signed-in caller; without a token it is refused (GRAPHQL_PUBLIC_INTROSPECTION is off), alone or mixed with data', async () => {
      const result = await q('{ __schema { queryType { name } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expectCode(await q('{ __schema { queryType { name } } }', {}, null), 'UNAUTHENTICATED');
      const mixed = await q('{ __schema { queryType { name } } taskForces { id } }', {}, null);
      expectCode(mixed, 'UNAUTHENTICATED');
    });

    it('returns the signed-in user as viewer', async () => {
      const admin = await q('{ viewer { username role unit { id } } }');
      expect(admin.data).toEqual({ viewer: { username: 'admin', role: 'ADMIN', unit: null } });
      const reporterToken = await server.userToken('qa-reporter', Role.REPORTER, dbId(healthUnitId));
      const reporter = await q('{ viewer { username role unit { id name } } }', {}, reporterToken);
      expect(reporter.errors).toBeUndefined();
      expect(reporter.data).toEqual({ viewer: { username: 'qa-reporter', role: 'REPORTER', unit: { id: healthUnitId, name: '市卫健委' } } });
    });
  });

  describe('errors', () => {
    it('reports a syntax error and an unknown field as BAD_USER_INPUT', async () => {
      expectCode(await q('{ taskForces { id '), 'BAD_USER_INPUT');
      expectCode(await q('{ taskForces { id noSuchField } }'), 'BAD_USER_INPUT');
      expectCode(await q('{ noSuchRoot }'), 'BAD_USER_INPUT');
    });

    it('refuses an impossible asOf date as BAD_USER_INPUT naming asOf', async () => {
      const queries = [
        ['query($id: ID!) { taskForce(id: $id) { metrics(asOf: "2021-02-30") { projectCount } } }', { id: ezhouId }],
        ['query($id: ID!) { projectAggregate(filter: { taskForceId: $id }, groupBy: [SUBGROUP], asOf: "2021-02-30") { key } }', { id: ezhouId }],
        ['query($id: ID!) { ranking(taskForceId: $id, level: SUBGROUP, by: INVESTMENT_COMPLETION_RATE, asOf: "2021-02-30") { rank } }', { id: ezhouId }],
      ] as const;
      for (const [query, variables] of queries) {
        const result = await q(query, variables);
        expectCode(result, 'BAD_USER_INPUT');
        const error = result.errors!.find((e) => e.extensions?.code === 'BAD_USER_INPUT')!;
        expect(error.message).toContain('asOf');
        expect(error.extensions?.field).toBe('asOf');
      }
    });

    it('refuses a Unit ID given as filter.taskForceId', async () => {
      for (const query of [
        'query($f: ProjectFilter) { projects(filter: $f) { totalCount } }',
        'query($f: ProjectFilter) { projectAggregate(filter: $f, groupBy: [UNIT]) { key } }',
      ]) {
        const result = await q(query, { f: { taskForceId: healthUnitId } });
        expectCode(result, 'BAD_USER_INPUT');
        expect(JSON.stringify(result.errors)).toContain('taskForceId');
      }
    });

    it('refuses a page larger than the bound and a negative one', async () => {
      expectCode(await q('{ projects(first: 100000) { totalCount } }'), 'BAD_USER_INPUT');
      expectCode(await q('{ projects(first: -1) { totalCount } }'), 'BAD_USER_INPUT');
      const inner = await q('query($id: ID!) { taskForce(id: $id) { projects(first: 100000) { totalCount } } }', { id: ezhouId });
      expectCode(inner, 'BAD_USER_INPUT');
    });

    /** A chain of `depth` nested fields, all single objects or one-element pages, so execution stays cheap. */
    function nestedSelection(depth: number): string {
      const cycle = ['projects(first: 1)', 'nodes', 'subgroup', 'taskForce'];
      const objects = Array.from({ length: depth - 1 }, (_, i) => cycle[i % cycle.length]);
      return `${objects.map((f) => `${f} { `).join('')}id${' }'.repeat(objects.length)}`;
    }

    it('refuses a query deeper than 12 levels and answers one of 12', async () => {
      const ok = await q(`{ ${nestedSelection(12)} }`);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.projects.nodes).toHaveLength(1);
      expectCode(await q(`{ ${nestedSelection(13)} }`), 'BAD_USER_INPUT');
      // The same depth hidden behind a fragment.
      expectCode(await q(`query { ...Deep } fragment Deep on Query { ${nestedSelection(13)} }`), 'BAD_USER_INPUT');
    });

    it('refuses more than 30 aliases and answers 30', async () => {
      const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { username }`).join(' ')} }`;
      const ok = await q(aliased(30));
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.a29).toEqual({ username: 'admin' });
      const refused = await q(aliased(31));
      expectCode(refused, 'BAD_USER_INPUT');
      expect(refused.data?.a0).toBeUndefined();
    });

    it('keeps SQL and stack traces out of every error, whatever the input', async () => {
      const hostile: Array<[string, Record<string, unknown>]> = [
        ['query($f: ProjectFilter) { projects(filter: $f) { totalCount } }', { f: { search: "'; DROP TABLE project; --" } }],
        ['query($f: ProjectFilter) { projects(filter: $f) { totalCount } }', { f: { sector: ["' OR 1=1 --"] } }],
        ['query($f: ProjectFilter) { projects(filter: $f) { totalCount } }', { f: { search: 'x'.repeat(5000) } }],
        ['query($f: ProjectFilter) { projects(filter: $f) { totalCount } }', { f: { subgroupId: "1 OR 1=1" } }],
        ['query($a: String) { projects(after: $a) { totalCount } }', { a: Buffer.from(JSON.stringify([{ x: 1 }, 1])).toString('base64url') }],
        ['query($a: String) { projects(after: $a, orderBy: TOTAL_INVESTMENT_DESC) { totalCount nodes { code } } }', { a: Buffer.from(JSON.stringify(["' OR 1=1 --", 1])).toString('base64url') }],
        ['query($a: String) { projects(after: $a, orderBy: UPDATED_AT_DESC) { totalCount nodes { code } } }', { a: Buffer.from(JSON.stringify(['not a date', 1])).toString('base64url') }],
        ['query($id: ID!) { node(id: $id) { id } }', { id: Buffer.from('Project:99999999999999999').toString('base64url') }],
        ['query($id: ID!) { taskForce(id: $id) { id } }', { id: "1' OR '1'='1" }],
        ['query($id: ID!) { ranking(taskForceId: $id, level: UNIT, by: START_RATE) { rank } }', { id: toGlobalId('TaskForce', 999999) }],
        ['{ units(search: "%_!\\\\") { id } }', {}],
      ];
      for (const [query, variables] of hostile) {
        const result = await q(query, variables); // q checks every error's code and text
        expect(result.data !== undefined || result.errors !== undefined).toBe(true);
      }
      // Nothing was dropped.
      expect((await data('{ projects(first: 0) { totalCount } }')).projects.totalCount).toBe(ALL_PROJECTS);
    });
  });

  describe('node(id:)', () => {
    it('returns the same object for a task force, subgroup, unit, person, project, target and task', async () => {
      const { taskForce } = await data(
        `query($id: ID!) { taskForce(id: $id) {
          id name
          subgroups { id name leader { id name } leadUnit { id name } }
          targets { id name source }
          tasks { id title }
          projects(first: 1, orderBy: TOTAL_INVESTMENT_DESC) { nodes { id code } }
        } }`,
        { id: ezhouId },
      );
      expect(taskForce.name).toBe(EZHOU_NAME);
      const health = taskForce.subgroups.find((s: any) => s.name === '公共卫生体系补短板工程');
      // (一)公共卫生体系补短板工程(分管领导:程少云;牵头部门:市卫健委)
      expect(health.leader.name).toBe('程少云');
      expect(health.leadUnit.name).toBe('市卫健委');
      const target = taskForce.targets.find((t: any) => (t.source ?? '').includes('可转换病区床位从疫情前的不足200张增加到1600张'));
      const task = taskForce.tasks.find((t: any) => t.title === '加强疾病预防控制体系建设');
      expect(target).toBeDefined();
      expect(task).toBeDefined();
      const project = taskForce.projects.nodes[0];

      const expected: Array<[string, string, Record<string, string>]> = [
        [taskForce.id, 'TaskForce', { name: EZHOU_NAME }],
        [health.id, 'Subgroup', { name: '公共卫生体系补短板工程' }],
        [health.leadUnit.id, 'Unit', { name: '市卫健委' }],
        [health.leader.id, 'Person', { name: '程少云' }],
        [project.id, 'Project', { code: project.code }],
        [target.id, 'Target', { name: target.name }],
        [task.id, 'Task', { title: '加强疾病预防控制体系建设' }],
      ];
      const fragments = `__typename id
        ... on TaskForce { name } ... on Subgroup { name } ... on Unit { name } ... on Person { name }
        ... on Project { code } ... on Target { name } ... on Task { title }`;
      const query = `query(${expected.map((_, i) => `$i${i}: ID!`).join(', ')}) { ${expected.map((_, i) => `n${i}: node(id: $i${i}) { ${fragments} }`).join(' ')} }`;
      const nodes = await data(query, Object.fromEntries(expected.map(([id], i) => [`i${i}`, id])));
      expected.forEach(([id, typename, fields], i) => {
        expect(nodes[`n${i}`]).toEqual({ __typename: typename, id, ...fields });
      });
    });

    it('returns null for an unknown or malformed ID', async () => {
      const ids = [
        toGlobalId('Project', 999_999),
        toGlobalId('TaskForce', 999_999),
        'not-an-id',
        Buffer.from('Bogus:1').toString('base64url'),
        Buffer.from('Project:abc').toString('base64url'),
        Buffer.from('Project:0').toString('base64url'),
        '',
      ];
      for (const id of ids) {
        const result = await q('query($id: ID!) { node(id: $id) { id } }', { id });
        expect(result.errors).toBeUndefined();
        expect(result.data).toEqual({ node: null });
      }
    });
  });

  describe('projects connection', () => {
    const pageQuery = `query($first: Int, $after: String, $order: ProjectOrder, $filter: ProjectFilter) {
      projects(first: $first, after: $after, orderBy: $order, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor }
        nodes { code totalInvestment annualPlanInvestment ytdCompletedInvestment updatedAt metrics { light investmentCompletionRate } }
      }
    }`;

    interface PageNode {
      code: string;
      totalInvestment: number | null;
      annualPlanInvestment: number | null;
      ytdCompletedInvestment: number | null;
      updatedAt: string;
      metrics: { light: string; investmentCompletionRate: number | null };
    }

    async function pageThrough(order: string | null, filter: Record<string, unknown> | null, size: number): Promise<{ nodes: PageNode[]; totalCount: number }> {
      const nodes: PageNode[] = [];
      let after: string | null = null;
      let totalCount = -1;
      for (let page = 0; page < 1000; page += 1) {
        const { projects }: Record<string, any> = await data(pageQuery, { first: size, after, order, filter });
        if (totalCount === -1) totalCount = projects.totalCount;
        expect(projects.totalCount).toBe(totalCount);
        expect(projects.nodes.length).toBeLessThanOrEqual(size);
        expect(projects.edges).toHaveLength(projects.nodes.length);
        if (projects.nodes.length) expect(projects.pageInfo.endCursor).toBe(projects.edges.at(-1).cursor);
        nodes.push(...projects.nodes);
        if (!projects.pageInfo.hasNextPage) {
          // The last page really is the last.
          if (projects.pageInfo.endCursor) {
            const beyond = await data(pageQuery, { first: size, after: projects.pageInfo.endCursor, order, filter });
            expect(beyond.projects.nodes).toEqual([]);
            expect(beyond.projects.pageInfo.hasNextPage).toBe(false);
          }
          return { nodes, totalCount };
        }
        expect(projects.nodes).toHaveLength(size);
        after = projects.pageInfo.endCursor;
      }
      throw new Error('paging did not end');
    }

    async function expectConsistentPaging(order: string | null, filter: Record<string, unknown> | null, expectedTotal: number): Promise<PageNode[]> {
      const { nodes, totalCount } = await pageThrough(order, filter, 7);
      const codes = nodes.map((n) => n.code);
      expect(totalCount).toBe(expectedTotal);
      expect(codes).toHaveLength(totalCount);
      expect(new Set(codes).size).toBe(codes.length);
      // The same list in pages of 500 (the largest page): same projects, in the same order: no gaps, no duplicates,
      // no reordering across pages.
      const large = await pageThrough(order, filter, 500);
      expect(large.totalCount).toBe(expectedTotal);
      expect(codes).toEqual(large.nodes.map((n: PageNode) => n.code));
      return nodes;
    }

    it('pages by 7 through every project without gaps or duplicates (default order)', async () => {
      await expectConsistentPaging(null, null, ALL_PROJECTS);
    });

    it('pages NAME the same way', async () => {
      await expectConsistentPaging('NAME', null, ALL_PROJECTS);
    });

    it('pages TOTAL_INVESTMENT_DESC the same way, largest first', async () => {
      const nodes = await expectConsistentPaging('TOTAL_INVESTMENT_DESC', null, ALL_PROJECTS);
      // Projects without an amount (seed 003's 1,206) come last.
      const amount = (n: PageNode) => n.totalInvestment ?? -1;
      for (let i = 1; i < nodes.length; i += 1) expect(amount(nodes[i])).toBeLessThanOrEqual(amount(nodes[i - 1]));
      expect(nodes.slice(-WUZHONG_PROJECTS).every((n) => n.totalInvestment === null)).toBe(true);
      // The largest amount of each group is at least its mean, so the first one is at least the largest mean:
      // 新興產業 1065亿元 ÷ 79 ≈ 134,810 万元 (seed 002), 新基建 828.1亿元 ÷ 50 = 165,620 万元, 产业园区 333亿元 ÷ 12 = 277,500 万元.
      expect(nodes[0].totalInvestment!).toBeGreaterThanOrEqual(277_500);
    });

    it('pages COMPLETION_RATE_ASC the same way, lowest rate first and projects without a plan last', async () => {
      // The order is by the rate each project's own metrics show without asOf: 鄂州's document plans 2020, and its
      // projects are read at 2022-12-31, so only what this file wrote gives a rate (office-years-and-trends.spec.ts
      // checks the order by hand).
      const nodes = await expectConsistentPaging('COMPLETION_RATE_ASC', null, ALL_PROJECTS);
      const rate = (n: PageNode) => n.metrics.investmentCompletionRate ?? Infinity;
      for (let i = 1; i < nodes.length; i += 1) {
        const [a, b] = [rate(nodes[i - 1]), rate(nodes[i])];
        if (b !== Infinity) expect(b).toBeGreaterThanOrEqual(a - 1e-6);
        else expect(b).toBeGreaterThanOrEqual(a);
      }
      // Seeds 002 and 003 state no annual plan: their projects are among those without a rate, at the end.
      const withoutRate = nodes.filter((n) => rate(n) === Infinity).length;
      expect(withoutRate).toBeGreaterThanOrEqual(DATONG_PROJECTS + WUZHONG_PROJECTS);
      expect(nodes.slice(-withoutRate).every((n) => rate(n) === Infinity)).toBe(true);
    });

    it('pages UPDATED_AT_DESC the same way, latest change first', async () => {
      const nodes = await expectConsistentPaging('UPDATED_AT_DESC', null, ALL_PROJECTS);
      for (let i = 1; i < nodes.length; i += 1) expect(nodes[i].updatedAt <= nodes[i - 1].updatedAt).toBe(true);
    });

    it('pages a filtered list the same way (light, paged in memory; task force, paged in SQL)', async () => {
      const red = await data(pageQuery, { first: 0, filter: { light: ['RED'] } });
      await expectConsistentPaging('TOTAL_INVESTMENT_DESC', { light: ['RED'] }, red.projects.totalCount);
      await expectConsistentPaging('NAME', { light: ['GREEN', 'YELLOW', 'NO_DATA'] }, ALL_PROJECTS - red.projects.totalCount);
      await expectConsistentPaging('COMPLETION_RATE_ASC', { taskForceId: ezhouId }, EZHOU_PROJECTS);
    });

    it('gives first: 0 an empty page with the full count', async () => {
      const { projects } = await data(pageQuery, { first: 0 });
      expect(projects.nodes).toEqual([]);
      expect(projects.totalCount).toBe(ALL_PROJECTS);
    });

    const backQuery = `query($last: Int, $before: String, $order: ProjectOrder, $filter: ProjectFilter) {
      projects(last: $last, before: $before, orderBy: $order, filter: $filter) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { code }
      }
    }`;

    /** Pages backward from the list's end by `size` (last/before) and returns the codes in the list's order. */
    async function pageBackward(order: string | null, filter: Record<string, unknown> | null, size: number): Promise<string[]> {
      const codes: string[] = [];
      let before: string | null = null;
      for (let page = 0; page < 1000; page += 1) {
        const { projects }: Record<string, any> = await data(backQuery, { last: size, before, order, filter });
        codes.unshift(...projects.nodes.map((n: { code: string }) => n.code));
        // Paging backward, a page after a cursor has items after it; the list's last page has none.
        expect(projects.pageInfo.hasNextPage).toBe(before !== null);
        if (!projects.pageInfo.hasPreviousPage) return codes;
        expect(projects.nodes).toHaveLength(size);
        before = projects.pageInfo.startCursor;
      }
      throw new Error('paging did not end');
    }

    it('pages backward (last/before) through the same list as forward, in every order, on SQL and in-memory paths', async () => {
      const cases: Array<[string | null, Record<string, unknown> | null, number]> = [
        [null, { taskForceId: ezhouId }, EZHOU_PROJECTS],
        ['TOTAL_INVESTMENT_DESC', null, ALL_PROJECTS],
        ['COMPLETION_RATE_ASC', { taskForceId: ezhouId }, EZHOU_PROJECTS],
        ['UPDATED_AT_DESC', { taskForceId: datongId }, DATONG_PROJECTS],
        // A light filter pages in memory.
        ['NAME', { taskForceId: datongId, light: ['NO_DATA', 'RED', 'YELLOW', 'GREEN'] }, DATONG_PROJECTS],
      ];
      for (const [order, filter, total] of cases) {
        const forward = (await pageThrough(order, filter, 500)).nodes.map((n) => n.code);
        expect(forward).toHaveLength(total);
        expect(await pageBackward(order, filter, 37)).toEqual(forward);
      }
    });

    it('gives last N before a cursor in the list\'s order, and says what lies on each side', async () => {
      const forward = await data(pageQuery, { first: 10, order: 'NAME', filter: { taskForceId: ezhouId } });
      const codes = forward.projects.nodes.map((n: { code: string }) => n.code);
      const cursors = forward.projects.edges.map((e: { cursor: string }) => e.cursor);
      // The three before the 8th: the 5th, 6th and 7th; more before them (4), and the 8th after.
      const { projects } = await data(backQuery, { last: 3, before: cursors[7], order: 'NAME', filter: { taskForceId: ezhouId } });
      expect(projects.nodes.map((n: { code: string }) => n.code)).toEqual(codes.slice(4, 7));
      expect(projects.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true, startCursor: cursors[4], endCursor: cursors[6] });
      // The three before the 3rd: only two exist.
      const start = await data(backQuery, { last: 3, before: cursors[2], order: 'NAME', filter: { taskForceId: ezhouId } });
      expect(start.projects.nodes.map((n: { code: string }) => n.code)).toEqual(codes.slice(0, 2));
      expect(start.projects.pageInfo.hasPreviousPage).toBe(false);
      // Forward after a cursor: something precedes the page.
      const next = await data(`query($after: String) { projects(first: 2, after: $after, orderBy: NAME, filter: { taskForceId: "${ezhouId}" }) { pageInfo { hasPreviousPage } } }`, { after: cursors[0] });
      expect(next.projects.pageInfo.hasPreviousPage).toBe(true);
      // Mixing directions is refused naming the argument.
      for (const [args, field] of [
        ['first: 2, last: 2', 'last'],
        [`after: "${cursors[0]}", before: "${cursors[1]}"`, 'before'],
        [`first: 2, before: "${cursors[1]}"`, 'first'],
        [`last: 2, after: "${cursors[1]}"`, 'after'],
        ['last: 501', 'last'],
        ['last: 2, before: "zzz"', 'before'],
      ] as const) {
        const result = await q(`{ projects(${args}) { totalCount } }`);
        expectCode(result, 'BAD_USER_INPUT');
        expect([args, result.errors?.[0].extensions?.field]).toEqual([args, field]);
      }
    });

    it('refuses a bad after cursor as BAD_USER_INPUT', async () => {
      for (const after of ['zzz', 'not a cursor!', Buffer.from('[1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
        const result = await q(pageQuery, { first: 5, after });
        expectCode(result, 'BAD_USER_INPUT');
      }
    });

    const countQuery = `query($filter: ProjectFilter) {
      projects(first: 500, filter: $filter, orderBy: TOTAL_INVESTMENT_DESC) {
        totalCount nodes { code name sector stage taskForce { id } subgroup { id } unit { id } }
      }
    }`;
    async function filtered(filter: Record<string, unknown>) {
      const { projects } = await data(countQuery, { filter });
      expect(projects.nodes).toHaveLength(projects.totalCount);
      return projects as { totalCount: number; nodes: any[] };
    }

    it('filters by task force, subgroup and unit', async () => {
      const ezhou = await filtered({ taskForceId: ezhouId });
      expect(ezhou.totalCount).toBe(EZHOU_PROJECTS);
      expect(ezhou.nodes.every((n) => n.taskForce.id === ezhouId)).toBe(true);
      const datong = await filtered({ taskForceId: datongId });
      expect(datong.totalCount).toBe(DATONG_PROJECTS);

      for (const plan of ezhouPlans) {
        const subgroupId = ezhouSubgroups.get(plan.name)!;
        const list = await filtered({ subgroupId });
        expect([plan.name, list.totalCount]).toEqual([plan.name, plan.projects]);
        expect(list.nodes.every((n) => n.subgroup?.id === subgroupId)).toBe(true);
      }
      expect((await filtered({ subgroupId: ezhouSubgroups.get(FARMLAND)! })).totalCount).toBe(0);

      // The generated projects of a 工程 are carried by its 牵头部门: 市卫健委 leads 公共卫生 (28); 市发改委 leads
      // 能源 (8), 新基建 (50), 冷链物流 (4, with 市应急局) and 产业园区 (12) → 74.
      const health = await filtered({ unitId: healthUnitId });
      expect(health.totalCount).toBe(28);
      expect(health.nodes.every((n) => n.unit.id === healthUnitId)).toBe(true);
      expect((await filtered({ unitId: ndrcUnitId, taskForceId: ezhouId })).totalCount).toBe(8 + 50 + 4 + 12);
      expect((await filtered({ unitId: ndrcUnitId, subgroupId: ezhouSubgroups.get('新基建工程')! })).totalCount).toBe(50);
      expect((await filtered({ unitId: healthUnitId, taskForceId: datongId })).totalCount).toBe(0);
    });

    it('filters by sector, stage and isExample', async () => {
      // Sectors of the generated projects are named after their 工程 (交通补短板工程 → 交通, 水利补短板工程 → 水利).
      const traffic = await filtered({ sector: ['交通'] });
      expect(traffic.totalCount).toBe(24);
      expect(traffic.nodes.every((n) => n.sector === '交通')).toBe(true);
      expect((await filtered({ sector: ['交通', '水利'] })).totalCount).toBe(24 + 9);
      expect((await filtered({ sector: ['交'] })).totalCount).toBe(0);

      // 在建: the two set above in 鄂州, seed 002's 100 重點推進 and seed 003's 194 在建招商引資 (296); 前期: seed
      // 003's 109 + 23 + 20 (152); 謀劃: the other 204 of 鄂州 and seed 003's 860 意向性 (1,064).
      const count = async (filter: Record<string, unknown>) => (await data(countQuery.replace('first: 500', 'first: 0'), { filter })).projects.totalCount as number;
      const building = await filtered({ stage: ['UNDER_CONSTRUCTION'], taskForceId: ezhouId });
      expect(building.nodes.map((n) => n.code).sort()).toEqual(underConstruction);
      expect(await count({ stage: ['UNDER_CONSTRUCTION'] })).toBe(2 + DATONG_PROJECTS + 194);
      expect(await count({ stage: ['PREPARING'] })).toBe(109 + 23 + 20);
      expect(await count({ stage: ['PLANNING'] })).toBe(EZHOU_PROJECTS - 2 + 860);
      expect(await count({ stage: ['PLANNING', 'UNDER_CONSTRUCTION', 'PREPARING'] })).toBe(ALL_PROJECTS);
      expect(await count({ stage: ['COMPLETED'] })).toBe(0);
      expect(await count({ stage: ['UNDER_CONSTRUCTION'], taskForceId: datongId })).toBe(DATONG_PROJECTS);

      expect(await count({ isExample: true })).toBe(ALL_PROJECTS);
      expect((await filtered({ isExample: false })).totalCount).toBe(0);
    });

    it('searches ignoring 简/繁, case and spaces, and treats wildcards literally', async () => {
      // Traditional 衛生 finds the 28 Simplified 公共卫生体系补短板工程示例项目NN.
      const health = await filtered({ search: '衛生' });
      expect(health.totalCount).toBe(28);
      expect(health.nodes.every((n) => n.name.startsWith('公共卫生体系补短板工程示例项目'))).toBe(true);
      // Simplified 新兴产业 finds the 79 Traditional 新興產業… projects of seed 002.
      const industry = await filtered({ search: '新兴产业' });
      expect(industry.totalCount).toBe(DATONG_NEW_INDUSTRY);
      expect(industry.nodes.every((n) => n.name.startsWith('新興產業'))).toBe(true);
      // Several words must all match; surrounding spaces are ignored.
      expect((await filtered({ search: '  交通   示例 ' })).totalCount).toBe(24);
      expect((await filtered({ search: '交通 衛生' })).totalCount).toBe(0);
      // LIKE wildcards match only themselves (no name contains them).
      expect((await filtered({ search: '%' })).totalCount).toBe(0);
      expect((await filtered({ search: '_' })).totalCount).toBe(0);
      // Search combines with the other conditions.
      expect((await filtered({ search: '衛生', taskForceId: datongId })).totalCount).toBe(0);
    });

    it('filters by light: only projects whose light is listed', async () => {
      // Seed 002: one project RED, one YELLOW (arranged), the other 98 NO_DATA (no annual plan, nothing to judge).
      const red = await filtered({ taskForceId: datongId, light: ['RED'] });
      expect(red.nodes.map((n) => n.code)).toEqual([redCode]);
      const yellow = await filtered({ taskForceId: datongId, light: ['YELLOW'] });
      expect(yellow.nodes.map((n) => n.code)).toEqual([yellowCode]);
      expect((await filtered({ taskForceId: datongId, light: ['NO_DATA'] })).totalCount).toBe(DATONG_PROJECTS - 2);
      expect((await filtered({ taskForceId: datongId, light: ['GREEN'] })).totalCount).toBe(0);
      expect((await filtered({ taskForceId: datongId, light: ['RED', 'YELLOW'] })).nodes.map((n) => n.code).sort()).toEqual([redCode, yellowCode].sort());

      // Over every project: each list holds exactly the projects whose own metrics show that light.
      const all = await pageThrough(null, null, 500);
      const lightOf = new Map<string, string>(all.nodes.map((n: PageNode) => [n.code, n.metrics.light]));
      expect(lightOf.get(redCode)).toBe('RED');
      expect(lightOf.get(yellowCode)).toBe('YELLOW');
      let sum = 0;
      for (const light of ['GREEN', 'YELLOW', 'RED', 'NO_DATA']) {
        const projects = await pageThrough(null, { light: [light] }, 500);
        expect(projects.nodes.every((n: PageNode) => n.metrics.light === light)).toBe(true);
        const expected = [...lightOf].filter(([, l]) => l === light).map(([code]) => code).sort();
        expect(projects.nodes.map((n: PageNode) => n.code).sort()).toEqual(expected);
        expect(projects.totalCount).toBe(expected.length);
        sum += projects.totalCount;
      }
      expect(sum).toBe(ALL_PROJECTS);
    });

    it('answers nested connections in one request, each parent with its own projects', async () => {
      const { taskForces } = await data(`{ taskForces { id documentNumber
        projects(first: 3, orderBy: TOTAL_INVESTMENT_DESC) { totalCount pageInfo { hasNextPage } nodes { code taskForce { id } } } } }`);
      expect(taskForces).toHaveLength(5);
      const expectedCounts = new Map<string | null, number>([
        [EZHOU_DOC, EZHOU_PROJECTS],
        [DATONG_DOC, DATONG_PROJECTS],
        [null, WUZHONG_PROJECTS], // seed 003 gives no 文号
      ]);
      for (const tf of taskForces) {
        const count = expectedCounts.get(tf.documentNumber) ?? 0;
        expect(tf.projects.totalCount).toBe(count);
        expect(tf.projects.nodes).toHaveLength(Math.min(3, count));
        expect(tf.projects.pageInfo.hasNextPage).toBe(count > 3);
        expect(tf.projects.nodes.every((n: any) => n.taskForce.id === tf.id)).toBe(true);
        // The same page as asking for that task force alone.
        const alone = await data('query($id: ID!) { taskForce(id: $id) { projects(first: 3, orderBy: TOTAL_INVESTMENT_DESC) { nodes { code } } } }', { id: tf.id });
        expect(tf.projects.nodes.map((n: any) => n.code)).toEqual(alone.taskForce.projects.nodes.map((n: any) => n.code));
      }

      // Subgroups of one task force, nested: each 工程's own count from the document.
      const { taskForce } = await data('query($id: ID!) { taskForce(id: $id) { subgroups { name projects(first: 2) { totalCount nodes { subgroup { name } } } } } }', { id: ezhouId });
      for (const subgroup of taskForce.subgroups) {
        const plan = ezhouPlans.find((p) => p.name === subgroup.name);
        expect([subgroup.name, subgroup.projects.totalCount]).toEqual([subgroup.name, plan?.projects ?? 0]);
        expect(subgroup.projects.nodes.every((n: any) => n.subgroup.name === subgroup.name)).toBe(true);
      }
    });
  });

  describe('projectAggregate', () => {
    it('groups 鄂州 by subgroup: nine 工程 with the document\'s counts and amounts', async () => {
      const { projectAggregate } = await data(
        `query($id: ID!) { projectAggregate(filter: { taskForceId: $id }, groupBy: [SUBGROUP], asOf: "2020-12-31") {
          key labels metrics { projectCount totalInvestment annualPlanInvestment ytdCompletedInvestment investmentCompletionRate } } }`,
        { id: ezhouId },
      );
      expect(projectAggregate).toHaveLength(9);
      expect(projectAggregate.reduce((sum: number, g: any) => sum + g.metrics.projectCount, 0)).toBe(EZHOU_PROJECTS);
      for (const plan of ezhouPlans) {
        const group = projectAggregate.find((g: any) => g.labels[0] === plan.name);
        expect(group).toBeDefined();
        expect(group.key).toEqual([ezhouSubgroups.get(plan.name)]);
        const ytd = arrangedYtd[plan.name].reduce((a, b) => a + b, 0);
        expect({ name: plan.name, ...group.metrics, investmentCompletionRate: undefined }).toEqual({
          name: plan.name,
          projectCount: plan.projects,
          totalInvestment: plan.total,
          annualPlanInvestment: plan.plan2020,
          ytdCompletedInvestment: ytd,
          investmentCompletionRate: undefined,
        });
        expect(group.metrics.investmentCompletionRate).toBeCloseTo(ytd / plan.plan2020, 10);
      }
    });

    it('groups by [TASK_FORCE, SECTOR] with two-part keys and labels that name them', async () => {
      const { projectAggregate } = await data('{ projectAggregate(groupBy: [TASK_FORCE, SECTOR]) { key labels metrics { projectCount } } }');
      const names = new Map<string, string>((await data('{ taskForces { id name } }')).taskForces.map((tf: any) => [tf.id, tf.name]));
      const wuzhongId = [...names].find(([, name]) => name.includes('吳忠市'))![0];
      expect(projectAggregate.reduce((sum: number, g: any) => sum + g.metrics.projectCount, 0)).toBe(ALL_PROJECTS);
      for (const group of projectAggregate) {
        expect(group.key).toHaveLength(2);
        expect(group.labels).toHaveLength(2);
        expect([ezhouId, datongId, wuzhongId]).toContain(group.key[0]);
        expect(group.labels[0]).toBe(names.get(group.key[0]));
        expect(group.labels[1]).toBe(group.key[1]);
      }
      // Seed 002: 新興產業 79 and 傳統產業 21, both in the 大同 task force.
      const datong = projectAggregate.filter((g: any) => g.key[0] === datongId).map((g: any) => g.metrics.projectCount).sort((a: number, b: number) => a - b);
      expect(datong).toEqual([21, 79]);
      const ezhou = projectAggregate.filter((g: any) => g.key[0] === ezhouId);
      expect(ezhou.every((g: any) => g.labels[0] === EZHOU_NAME)).toBe(true);
      // 鄂州's nine 工程 each have their own sector: the same nine counts as by subgroup.
      expect(ezhou.map((g: any) => g.metrics.projectCount).sort((a: number, b: number) => a - b)).toEqual(ezhouPlans.map((p) => p.projects).sort((a, b) => a - b));
    });
  });

  describe('ranking', () => {
    const rankingQuery = `query($id: ID!, $level: RankingLevel!, $by: RankingIndicator!) {
      ranking(taskForceId: $id, level: $level, by: $by, asOf: "2020-12-31") {
        rank value node { id ... on Subgroup { name } ... on Unit { name } } metrics { ytdCompletedInvestment }
      }
    }`;

    it('ranks 鄂州\'s subgroups by 投资完成率, a tie going to the larger completed investment', async () => {
      const { ranking } = await data(rankingQuery, { id: ezhouId, level: 'SUBGROUP', by: 'INVESTMENT_COMPLETION_RATE' });
      // Rates from the arranged figures (see arrangedYtd); 交通 and 公共卫生 both 0.5, 交通 completed 326,000 > 29,000.
      const expected: Array<[string, number | null]> = [
        ['水利补短板工程', 0.8],
        ['能源提升工程', 0.7],
        ['交通补短板工程', 0.5],
        ['公共卫生体系补短板工程', 0.5],
        ['城市补短板工程', 0.4],
        ['产业园区提升工程', 0.3],
        ['新基建工程', 0.2],
        ['冷链物流和应急储备设施补短板工程', 0.1],
        ['生态环境补短板工程', 0.05],
        [FARMLAND, null], // no projects, no plan: no rate, ranked last
      ];
      expect(ranking.map((r: any) => r.node.name)).toEqual(expected.map(([name]) => name));
      expect(ranking.map((r: any) => r.rank)).toEqual(expected.map((_, i) => i + 1));
      ranking.forEach((r: any, i: number) => {
        const value = expected[i][1];
        if (value === null) expect(r.value).toBeNull();
        else expect(r.value).toBeCloseTo(value, 10);
        expect(r.node.id).toBe(ezhouSubgroups.get(r.node.name));
      });
      const traffic = ranking.find((r: any) => r.node.name === '交通补短板工程');
      const health = ranking.find((r: any) => r.node.name === '公共卫生体系补短板工程');
      expect([traffic.metrics.ytdCompletedInvestment, health.metrics.ytdCompletedInvestment]).toEqual([326_000, 29_000]);
    });

    it('ranks 鄂州\'s units by the money-weighted rate, equal places sharing a rank', async () => {
      const { ranking } = await data(rankingQuery, { id: ezhouId, level: 'UNIT', by: 'INVESTMENT_COMPLETION_RATE' });
      // 市发改委 carries 能源, 新基建, 冷链物流 and 产业园区:
      // (7,000 + 99,200 + 800 + 64,500) ÷ (10,000 + 496,000 + 8,000 + 215,000) = 171,500 ÷ 729,000 ≈ 0.23525
      // (the plain average of 0.7, 0.2, 0.1 and 0.3 would be 0.325).
      // 市应急局 (covered by 冷链物流) and 市农业农村局 (covered by 农田) carry nothing: no rate, equal last place.
      const expected: Array<[string, number | null]> = [
        ['市水利局', 0.8],
        ['市交通运输局', 0.5],
        ['市卫健委', 0.5],
        ['市住建局', 0.4],
        ['市发改委', 171_500 / 729_000],
        ['市生态环境局', 0.05],
      ];
      expect(ranking).toHaveLength(8);
      expect(ranking.slice(0, 6).map((r: any) => r.node.name)).toEqual(expected.map(([name]) => name));
      ranking.slice(0, 6).forEach((r: any, i: number) => {
        expect(r.rank).toBe(i + 1);
        expect(r.value).toBeCloseTo(expected[i][1]!, 10);
      });
      expect(ranking.slice(6).map((r: any) => r.node.name).sort()).toEqual(['市农业农村局', '市应急局'].sort());
      expect(ranking.slice(6).map((r: any) => [r.rank, r.value])).toEqual([
        [7, null],
        [7, null],
      ]);
    });

    it('ranks by WEIGHTED_SCORE with the default weights 0.2 开工率 + 0.5 投资完成率 + 0.3 竣工率', async () => {
      const { ranking } = await data(rankingQuery, { id: ezhouId, level: 'SUBGROUP', by: 'WEIGHTED_SCORE' });
      // 能源: 0.2 × 1 + 0.5 × 0.7 + 0.3 × 1 = 0.85
      // 水利: 0.2 × 0.5 + 0.5 × 0.8 + 0.3 × 0 = 0.5
      // the rest plan no starts or finishes in 2020: 0.5 × 投资完成率.
      const expected: Array<[string, number]> = [
        ['能源提升工程', 0.85],
        ['水利补短板工程', 0.5],
        ['交通补短板工程', 0.25],
        ['公共卫生体系补短板工程', 0.25], // tie with 交通, less completed investment
        ['城市补短板工程', 0.2],
        ['产业园区提升工程', 0.15],
        ['新基建工程', 0.1],
        ['冷链物流和应急储备设施补短板工程', 0.05],
        ['生态环境补短板工程', 0.025],
      ];
      expect(ranking).toHaveLength(10);
      expect(ranking.slice(0, 9).map((r: any) => r.node.name)).toEqual(expected.map(([name]) => name));
      ranking.slice(0, 9).forEach((r: any, i: number) => expect(r.value).toBeCloseTo(expected[i][1], 10));
      expect(ranking[9].node.name).toBe(FARMLAND);
      expect(ranking.map((r: any) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });
  });

  describe('HTTP endpoints', () => {
    const base = () => server.url.replace(/\/graphql$/, '');

    it('answers /healthz and /readyz', async () => {
      const health = await fetch(`${base()}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${base()}/readyz`);
      expect(ready.status).toBe(200);
    });

    it('serves a self-contained query page to browsers at GET /graphql', async () => {
      // A fresh clone has not built the page (GraphiQL, ide/): build it first.
      ensureFrontEndBuilt('build:ide', 'dist/ide');
      const response = await fetch(server.url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('GraphQL');
      // No script, stylesheet, font or image from elsewhere.
      expect(html).not.toMatch(/<script[^>]*\ssrc\s*=\s*["']?\s*(https?:)?\/\//i);
      expect(html).not.toMatch(/<link[^>]*\shref\s*=\s*["']?\s*(https?:)?\/\//i);
      expect(html).not.toMatch(/@import\s+(url\()?\s*["']?\s*(https?:)?\/\//i);
      expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
      expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?\s*https?:/i);
    }, 300_000);
  });
});
