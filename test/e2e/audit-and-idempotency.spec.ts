import { createHash } from 'node:crypto';
import { parseGlobalId, toGlobalId } from '../../src/common/global-id';
import { ChangeEvent } from '../../src/domain/change/change-event.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Role } from '../../src/domain/user/user.entity';
import { gql, GraphQLResponse, startTestServer, TestServer } from '../utils/test-server';

/**
 * The audit trail (changeLog: who, what, before/after, filters, paging, visibility), safe retries with the
 * Idempotency-Key header, and input validation that refuses bad writes without touching the database.
 */

const EZHOU_DOC = '鄂州政发〔2020〕10号';

const changeLogQuery = `query($filter: ChangeLogFilter, $first: Int, $after: String, $order: ChangeLogOrder) {
  changeLog(filter: $filter, first: $first, after: $after, order: $order) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor }
    nodes { cursor actor entity entityId action at fields { field before after } }
  }
}`;
const projectUpdate = 'mutation($input: ProjectUpdateInput!) { projectUpdate(input: $input) { project { id version ytdCompletedInvestment remarks } } }';
const progressReport = 'mutation($input: ProgressReportInput!) { progressReport(input: $input) { report { id period ytdCompletedInvestment } } }';
const problemRaise = 'mutation($input: ProblemRaiseInput!) { problemRaise(input: $input) { problem { id state } } }';
const projectQuery = 'query($id: ID!) { node(id: $id) { ... on Project { version ytdCompletedInvestment remarks } } }';

interface LogNode {
  cursor: string;
  actor: string | null;
  entity: string;
  entityId: string;
  action: string;
  at: string;
  fields: Array<{ field: string; before: string | null; after: string | null }>;
}

function currentMonthUtc8(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}
function dateUtc8(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('audit trail and idempotency', () => {
  let server: TestServer;
  let healthUnitId: number; // 市卫健委
  /** Four 公共卫生 projects of 市卫健委: audited, idempotency, validation, untouched. */
  let auditProject: string;
  let idemProject: string;
  let checkProject: string;
  let quietProject: string;
  let reporter: string; // qa-audit, REPORTER of 市卫健委

  async function ok(query: string, variables: Record<string, unknown> = {}, token = server.adminToken): Promise<Record<string, any>> {
    const result = await gql(server.url, query, variables, token);
    if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  function expectError(result: GraphQLResponse, code: string) {
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe(code);
    return result.errors![0];
  }

  async function log(filter: Record<string, unknown> | null, options: { first?: number; after?: string; order?: string } = {}, token = server.adminToken) {
    return (await ok(changeLogQuery, { filter, ...options }, token)).changeLog as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ cursor: string }>;
      nodes: LogNode[];
    };
  }

  /** Every event of a filter, page by page; checks the page invariants on the way. */
  async function pageThrough(filter: Record<string, unknown> | null, size: number, token = server.adminToken, order?: string): Promise<{ nodes: LogNode[]; totalCount: number }> {
    const nodes: LogNode[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10_000; page += 1) {
      const result = await log(filter, { first: size, after, order }, token);
      expect(result.nodes.length).toBeLessThanOrEqual(size);
      expect(result.edges.map((e) => e.cursor)).toEqual(result.nodes.map((n) => n.cursor));
      nodes.push(...result.nodes);
      if (!result.pageInfo.hasNextPage) return { nodes, totalCount: result.totalCount };
      expect(result.nodes).toHaveLength(size);
      after = result.pageInfo.endCursor!;
    }
    throw new Error('paging did not end');
  }

  async function version(id: string): Promise<number> {
    return (await ok(projectQuery, { id })).node.version;
  }

  function eventsOf(id: string): Promise<number> {
    return server.dataSource.getRepository(ChangeEvent).count({ where: { entityId: id } });
  }

  /** A digest of the project and change_event tables. */
  async function checksum(): Promise<string> {
    const projects = await server.dataSource.query('SELECT * FROM project ORDER BY id');
    const events = await server.dataSource.query('SELECT * FROM change_event ORDER BY seq');
    return createHash('sha256').update(JSON.stringify([projects, events])).digest('hex');
  }

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const { taskForces } = await ok('{ taskForces { documentNumber subgroups { name leadUnit { id name } projects(first: 4) { nodes { id unit { name } } } } } }');
    const health = taskForces.find((tf: any) => tf.documentNumber === EZHOU_DOC).subgroups.find((s: any) => s.name === '公共卫生体系补短板工程');
    expect(health.leadUnit.name).toBe('市卫健委');
    healthUnitId = parseGlobalId(health.leadUnit.id)!.id;
    const ids = health.projects.nodes.map((n: any) => n.id);
    expect(health.projects.nodes.every((n: any) => n.unit.name === '市卫健委')).toBe(true);
    [auditProject, idemProject, checkProject, quietProject] = ids;
    reporter = await server.userToken('qa-audit', Role.REPORTER, healthUnitId);
  });
  afterAll(() => server?.close());

  describe('changeLog', () => {
    let t0: Date;
    let reportId: string;
    let problemId: string;
    let period: string;

    beforeAll(async () => {
      // Known figures before the writes, set directly (no audit entry of their own).
      await server.dataSource.getRepository(Project).update({ dbId: parseGlobalId(auditProject)!.id }, { plannedFunds: 1000, visualProgress: '基础施工' });
      // Start just after a second turns, so the first write lands within the same second as t0: an event
      // stored to the second must still count as after t0.
      while (Date.now() % 1000 > 300) await sleep(20);
      t0 = new Date();

      const v = await version(auditProject);
      await ok(projectUpdate, { input: { id: auditProject, expectedVersion: v, plannedFunds: 1200, visualProgress: '主体结构封顶' } }, reporter);
      period = currentMonthUtc8();
      reportId = (await ok(progressReport, { input: { projectId: auditProject, period, ytdCompletedInvestment: 300 } }, reporter)).progressReport.report.id;
      problemId = (await ok(problemRaise, { input: { projectId: auditProject, title: '征地拆迁滞后' } }, reporter)).problemRaise.problem.id;
    });

    it('shows who changed what, newest first, with each field before and after', async () => {
      const result = await log({ actor: 'qa-audit' });
      // projectUpdate (1) + progressReport (the report, and the project whose ledger figures it updates: 2) + problemRaise (1).
      expect(result.totalCount).toBe(4);
      expect(result.pageInfo.hasNextPage).toBe(false);
      const [problem, second, third, update] = result.nodes;
      const seqs = result.nodes.map((n) => Number(n.cursor));
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      expect(new Set(seqs).size).toBe(4);
      expect(result.nodes.every((n) => n.actor === 'qa-audit')).toBe(true);

      // The projectUpdate: exactly the two fields written, as JSON text.
      expect(update).toMatchObject({ entity: 'Project', entityId: auditProject, action: 'UPDATE' });
      expect([...update.fields].sort((a, b) => a.field.localeCompare(b.field))).toEqual([
        { field: 'plannedFunds', before: '1000', after: '1200' },
        { field: 'visualProgress', before: '"基础施工"', after: '"主体结构封顶"' },
      ]);

      // The progress report, and the project's ledger figure it carries (the latest figure is the report's).
      const middle = [second, third].sort((a, b) => a.entity.localeCompare(b.entity));
      expect(middle[0]).toMatchObject({ entity: 'ProgressReport', entityId: reportId, action: 'CREATE' });
      expect(middle[0].fields).toEqual(expect.arrayContaining([
        { field: 'period', before: null, after: JSON.stringify(period) },
        { field: 'ytdCompletedInvestment', before: null, after: '300' },
      ]));
      expect(middle[1]).toMatchObject({ entity: 'Project', entityId: auditProject, action: 'UPDATE' });
      expect(middle[1].fields.find((f) => f.field === 'ytdCompletedInvestment')?.after).toBe('300');
      expect((await ok(projectQuery, { id: auditProject })).node.ytdCompletedInvestment).toBe(300);

      expect(problem).toMatchObject({ entity: 'Problem', entityId: problemId, action: 'CREATE' });
      expect(problem.fields).toEqual(expect.arrayContaining([
        { field: 'title', before: null, after: '"征地拆迁滞后"' },
        { field: 'state', before: null, after: '"REPORTED"' },
      ]));

      const oldest = await log({ actor: 'qa-audit' }, { order: 'OLDEST_FIRST' });
      expect(oldest.nodes).toEqual([...result.nodes].reverse());
    });

    it('filters by scope, entity, entityId, actor and action', async () => {
      const count = async (filter: Record<string, unknown>) => {
        const result = await log(filter, { first: 500 });
        expect(result.nodes).toHaveLength(result.totalCount);
        return result;
      };
      expect((await count({ actor: 'qa-audit', entity: 'Project' })).totalCount).toBe(2);
      expect((await count({ entityId: auditProject })).totalCount).toBe(2);
      expect((await count({ entityId: reportId })).nodes.map((n) => n.entity)).toEqual(['ProgressReport']);
      expect((await count({ actor: 'qa-audit', entity: 'Problem' })).nodes.map((n) => n.entityId)).toEqual([problemId]);
      expect((await count({ actor: 'qa-audit', action: 'CREATE' })).nodes.map((n) => n.entity).sort()).toEqual(['Problem', 'ProgressReport']);
      // Everything happened under the project: the update, the report, its ledger figure and the problem.
      expect((await count({ scope: auditProject })).totalCount).toBe(4);
      expect((await count({ scope: auditProject, entity: 'ProgressReport' })).totalCount).toBe(1);
      expect((await count({ scope: toGlobalId('Unit', healthUnitId), actor: 'qa-audit' })).totalCount).toBe(4);
      expect((await count({ scope: quietProject })).totalCount).toBe(0);
      expect((await count({ scope: auditProject, actor: 'admin' })).totalCount).toBe(0);
      expect((await count({ actor: 'nobody-by-this-name' })).totalCount).toBe(0);
    });

    it('filters by since and until', async () => {
      const count = async (filter: Record<string, unknown>) => (await log({ actor: 'qa-audit', ...filter })).totalCount;
      const [newest] = (await log({ actor: 'qa-audit' })).nodes;
      const cursors = async (filter: Record<string, unknown>) => (await log({ actor: 'qa-audit', ...filter })).nodes.map((n) => n.cursor);
      // All four writes came after t0 (the first within the same second), and today (UTC+8).
      expect({
        sinceT0: await count({ since: t0.toISOString() }),
        untilT0: await count({ until: t0.toISOString() }),
        sinceYesterday: await count({ since: dateUtc8(-1) }),
        sinceTomorrow: await count({ since: dateUtc8(1) }),
        untilTomorrow: await count({ until: dateUtc8(1) }),
        // Inclusive since, exclusive until, at an event's own time.
        sinceNewestHasIt: (await cursors({ since: newest.at })).includes(newest.cursor),
        untilNewestHasIt: (await cursors({ until: newest.at })).includes(newest.cursor),
      }).toEqual({ sinceT0: 4, untilT0: 0, sinceYesterday: 4, sinceTomorrow: 0, untilTomorrow: 4, sinceNewestHasIt: true, untilNewestHasIt: false });
    });

    it('pages with first/after through every event exactly once, with the right totalCount', async () => {
      const all = Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM change_event'))[0].n);
      for (const [filter, size, expected] of [[{ actor: 'qa-audit' }, 1, 4], [{ actor: 'qa-audit' }, 3, 4], [null, 3, all]] as const) {
        const single = await log(filter, { first: 500 });
        expect(single.totalCount).toBe(expected);
        for (const order of ['NEWEST_FIRST', 'OLDEST_FIRST']) {
          const { nodes, totalCount } = await pageThrough(filter, size, server.adminToken, order);
          expect(totalCount).toBe(expected);
          const cursors = nodes.map((n) => n.cursor);
          expect(new Set(cursors).size).toBe(expected);
          const expectedOrder = single.nodes.map((n) => n.cursor);
          expect(cursors).toEqual(order === 'NEWEST_FIRST' ? expectedOrder : [...expectedOrder].reverse());
        }
      }
    });

    it('hides User and ScreenToken events from everyone but an ADMIN', async () => {
      await ok('mutation($input: UserCreateInput!) { userCreate(input: $input) { user { id } } }', { input: { username: 'qa-audited-user', password: 'long-enough-1', role: 'VIEWER' } });
      await ok('mutation($input: ScreenTokenCreateInput!) { screenTokenCreate(input: $input) { token } }', { input: { name: '审计大屏' } });
      const adminUsers = await log({ entity: 'User' });
      const adminTokens = await log({ entity: 'ScreenToken' });
      expect(adminUsers.totalCount).toBeGreaterThanOrEqual(1);
      expect(adminTokens.totalCount).toBeGreaterThanOrEqual(1);

      expect((await log({ entity: 'User' }, {}, reporter)).totalCount).toBe(0);
      expect((await log({ entity: 'ScreenToken' }, {}, reporter)).totalCount).toBe(0);
      const adminAll = (await log(null)).totalCount;
      const { nodes, totalCount } = await pageThrough(null, 50, reporter);
      expect(totalCount).toBe(adminAll - adminUsers.totalCount - adminTokens.totalCount);
      expect(nodes).toHaveLength(totalCount);
      expect(nodes.filter((n) => n.entity === 'User' || n.entity === 'ScreenToken')).toEqual([]);
    });
  });

  describe('Idempotency-Key', () => {
    async function post(query: string, variables: Record<string, unknown>, key?: string) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}`, ...(key !== undefined ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      return { status: response.status, replayed: response.headers.get('idempotent-replayed'), text, body: JSON.parse(text) as GraphQLResponse };
    }

    it('replays the first response for the same request and key, and writes once', async () => {
      const v = await version(idemProject);
      const events = await eventsOf(idemProject);
      const request = { input: { id: idemProject, expectedVersion: v, remarks: '第一次提交' } };
      const first = await post(projectUpdate, request, 'qa-key-replay-0001');
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data!.projectUpdate.project).toMatchObject({ version: v + 1, remarks: '第一次提交' });
      expect(first.replayed).not.toBe('true');

      const second = await post(projectUpdate, request, 'qa-key-replay-0001');
      expect(second.status).toBe(first.status);
      expect(second.replayed).toBe('true');
      expect(second.text).toBe(first.text);
      expect(await version(idemProject)).toBe(v + 1);
      expect(await eventsOf(idemProject)).toBe(events + 1);
    });

    it('refuses the same key with a different request as BAD_USER_INPUT and writes nothing', async () => {
      const v = await version(idemProject);
      const first = await post(projectUpdate, { input: { id: idemProject, expectedVersion: v, remarks: '键A' } }, 'qa-key-different-01');
      expect(first.body.errors).toBeUndefined();
      const before = { version: await version(idemProject), events: await eventsOf(idemProject) };
      const other = await post(projectUpdate, { input: { id: idemProject, expectedVersion: v + 1, remarks: '键A换了内容' } }, 'qa-key-different-01');
      expectError(other.body, 'BAD_USER_INPUT');
      expect(other.replayed).not.toBe('true');
      expect({ version: await version(idemProject), events: await eventsOf(idemProject) }).toEqual(before);
      expect((await ok(projectQuery, { id: idemProject })).node.remarks).toBe('键A');
    });

    it('writes exactly once for 10 concurrent requests with one key', async () => {
      const v = await version(idemProject);
      const events = await eventsOf(idemProject);
      const request = { input: { id: idemProject, expectedVersion: v, remarks: '并发提交' } };
      const answers = await Promise.all(Array.from({ length: 10 }, () => post(projectUpdate, request, 'qa-key-concurrent-1')));
      const successes = answers.filter((a) => a.body.data?.projectUpdate);
      expect(successes.length).toBeGreaterThanOrEqual(1);
      // Every success is the one write (the first, or its replay); any other answer says the key is in use.
      for (const success of successes) expect(success.text).toBe(successes[0].text);
      expect(successes[0].body.data!.projectUpdate.project).toMatchObject({ version: v + 1, remarks: '并发提交' });
      for (const answer of answers.filter((a) => !a.body.data?.projectUpdate)) expectError(answer.body, 'CONFLICT');
      expect(await version(idemProject)).toBe(v + 1);
      expect(await eventsOf(idemProject)).toBe(events + 1);
    });

    it('after an unexpected failure, keeps the key when an earlier mutation of the document committed, and releases it when none did', async () => {
      // The problem table moved aside: problemRaise fails inside the database (a masked INTERNAL_SERVER_ERROR).
      const moveProblems = (from: string, to: string) => server.dataSource.query(`ALTER TABLE ${from} RENAME TO ${to}`);
      const both = 'mutation($u: ProjectUpdateInput!, $p: ProblemRaiseInput!) { a: projectUpdate(input: $u) { project { version } } b: problemRaise(input: $p) { problem { id } } }';
      const v = await version(idemProject);
      const events = await eventsOf(idemProject);
      const request = { u: { id: idemProject, expectedVersion: v, remarks: '先写成功' }, p: { projectId: idemProject, title: '随后失败' } };
      await moveProblems('problem', 'problem_moved_aside');
      let first: Awaited<ReturnType<typeof post>>;
      let alone: Awaited<ReturnType<typeof post>>;
      try {
        first = await post(both, request, 'qa-key-partial-0001');
        alone = await post(problemRaise, { input: request.p }, 'qa-key-nothing-001');
      } finally {
        await moveProblems('problem_moved_aside', 'problem');
      }
      // The first mutation committed (version + 1, one change); the second failed, and as its payload is non-null the
      // answer's data is null: the response alone does not say that anything was written.
      expect(first.body.data ?? null).toBeNull();
      expect(first.body.errors!.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(await version(idemProject)).toBe(v + 1);
      expect(await eventsOf(idemProject)).toBe(events + 1);
      // The retry replays that response and writes nothing again.
      const retry = await post(both, request, 'qa-key-partial-0001');
      expect(retry.replayed).toBe('true');
      expect(retry.text).toBe(first.text);
      expect(await version(idemProject)).toBe(v + 1);
      expect(await eventsOf(idemProject)).toBe(events + 1);
      // Nothing committed: the key was released, and the retry (the table back in place) runs and raises the problem.
      expectError(alone.body, 'INTERNAL_SERVER_ERROR');
      const again = await post(problemRaise, { input: request.p }, 'qa-key-nothing-001');
      expect(again.replayed).not.toBe('true');
      expect(again.body.errors).toBeUndefined();
      expect(again.body.data!.problemRaise.problem.id).toEqual(expect.any(String));
    });

    it('takes keys of 8 to 100 characters and refuses others as BAD_USER_INPUT without writing', async () => {
      for (const key of ['k'.repeat(7), 'k'.repeat(101)]) {
        const before = await checksum();
        const v = await version(idemProject);
        const result = await post(projectUpdate, { input: { id: idemProject, expectedVersion: v, remarks: `key ${key.length}` } }, key);
        expectError(result.body, 'BAD_USER_INPUT');
        expect(await checksum()).toBe(before);
      }
      for (const key of ['k'.repeat(8), 'm'.repeat(100)]) {
        const v = await version(idemProject);
        const result = await post(projectUpdate, { input: { id: idemProject, expectedVersion: v, remarks: `key ${key.length}` } }, key);
        expect(result.body.errors).toBeUndefined();
        expect(result.body.data!.projectUpdate.project.version).toBe(v + 1);
      }
    });
  });

  describe('validation', () => {
    const overlong = '进'.repeat(2001);

    beforeAll(async () => {
      // A stored start, so a lone actualEnd before it is refused too.
      await server.dataSource.getRepository(Project).update({ dbId: parseGlobalId(checkProject)!.id }, { actualStart: '2021-05-01', actualEnd: null });
    });

    /** Sends a bad write and checks the code, the named field, and that project and change_event are untouched. */
    async function refused(query: string, input: Record<string, unknown>, code: string, field?: string | RegExp) {
      const before = await checksum();
      const result = await gql(server.url, query, { input }, server.adminToken);
      const error = expectError(result, code);
      expect(result.data ?? null).toBeNull();
      if (typeof field === 'string') expect(error.extensions?.field).toBe(field);
      else if (field) expect(`${error.extensions?.field} ${error.message}`).toMatch(field);
      expect(await checksum()).toBe(before);
      return error;
    }

    it('refuses negative and out-of-range amounts, naming the field', async () => {
      const v = await version(checkProject);
      for (const value of [-1, 1e20]) {
        await refused(projectUpdate, { id: checkProject, expectedVersion: v, ytdCompletedInvestment: value }, 'BAD_USER_INPUT', 'input.ytdCompletedInvestment');
        await refused(projectUpdate, { id: checkProject, expectedVersion: v, fundsInPlace: value }, 'BAD_USER_INPUT', 'input.fundsInPlace');
        await refused(projectUpdate, { id: checkProject, expectedVersion: v, totalInvestment: value }, 'BAD_USER_INPUT', 'input.totalInvestment');
        await refused(progressReport, { projectId: checkProject, period: currentMonthUtc8(), ytdCompletedInvestment: value }, 'BAD_USER_INPUT', 'input.ytdCompletedInvestment');
        await refused(progressReport, { projectId: checkProject, period: currentMonthUtc8(), ytdCompletedInvestment: 1, periodInvestment: value }, 'BAD_USER_INPUT', 'input.periodInvestment');
      }
    });

    it('refuses an actualEnd before actualStart, naming input.actualEnd', async () => {
      const v = await version(checkProject);
      await refused(projectUpdate, { id: checkProject, expectedVersion: v, actualStart: '2021-06-01', actualEnd: '2021-05-31' }, 'BAD_USER_INPUT', 'input.actualEnd');
      // Against the stored actualStart 2021-05-01.
      await refused(projectUpdate, { id: checkProject, expectedVersion: v, actualEnd: '2021-04-30' }, 'BAD_USER_INPUT', 'input.actualEnd');
    });

    it('refuses impossible dates', async () => {
      const v = await version(checkProject);
      for (const date of ['2021-02-30', '2021-02-29', '2021-04-31', '2021-13-01']) {
        await refused(projectUpdate, { id: checkProject, expectedVersion: v, plannedStart: date }, 'BAD_USER_INPUT', 'input.plannedStart');
        await refused(problemRaise, { projectId: checkProject, title: '日期', deadline: date }, 'BAD_USER_INPUT', 'input.deadline');
      }
    });

    it('refuses malformed report periods', async () => {
      for (const period of ['2021-13', '2021-Q5', '2021-W54', '2021-00', '2021-Q0', '2021-W00']) {
        await refused(progressReport, { projectId: checkProject, period, ytdCompletedInvestment: 1 }, 'BAD_USER_INPUT', 'input.period');
      }
    });

    it('refuses a visualProgress of 2,001 characters', async () => {
      const v = await version(checkProject);
      await refused(projectUpdate, { id: checkProject, expectedVersion: v, visualProgress: overlong }, 'BAD_USER_INPUT', /visualProgress/);
      await refused(progressReport, { projectId: checkProject, period: currentMonthUtc8(), ytdCompletedInvestment: 1, visualProgress: overlong }, 'BAD_USER_INPUT', /visualProgress/);
    });

    it('answers NOT_FOUND for a well-formed ID of a project that does not exist', async () => {
      const missing = toGlobalId('Project', 999_999);
      await refused(projectUpdate, { id: missing, expectedVersion: 1, remarks: '无此项目' }, 'NOT_FOUND');
      await refused(progressReport, { projectId: missing, period: currentMonthUtc8(), ytdCompletedInvestment: 1 }, 'NOT_FOUND');
      await refused(problemRaise, { projectId: missing, title: '无此项目' }, 'NOT_FOUND');
    });
  });
});
