import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { toGlobalId } from '../../src/common/global-id';
import { createDataSource } from '../../src/db/data-source';
import { TaskForce, TimeProgressMode } from '../../src/domain/campaign/task-force.entity';
import { PeriodType, ProgressReport } from '../../src/domain/progress/progress-report.entity';
import { AnnualPlan } from '../../src/domain/project/annual-plan.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { Role } from '../../src/domain/user/user.entity';
import { today } from '../../src/metrics/dates';
import { freshDatabase, gql, startTestServer, TestServer, testDb } from '../utils/test-server';

/**
 * Issue 14, yearly plans, dated imports and trends, against the demo data and a small campaign built here:
 *  - 鄂州 (seed 001) carries 2020's plan (175.1 亿元): read at 2020-12-31 it is there, at 2021-06-30 there is no
 *    plan (NO_DATA), and a plan written for 2021 counts only in 2021;
 *  - an import dates its figures by asOf, a 统计截止日期 column or its title, and says so; its 年度计划投资 is the plan
 *    of that date's year; the CLI's --as-of does the same;
 *  - metricsSeries gives month, 旬 and week points with 环比, in as many statements for 3 points as for 12.
 * Every expected figure is worked out by hand in the comments.
 */

const run = promisify(execFile);

describe('yearly plans, dated imports and metricsSeries', () => {
  let server: TestServer;
  let ezhou: TaskForce;
  let trend: TaskForce;
  const trendProjects = new Map<string, number>();

  const admin = async <T = any>(query: string, variables: Record<string, unknown> = {}) => gql<T>(server.url, query, variables, server.adminToken);
  const ok = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await admin(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };

  beforeAll(async () => {
    // The documents only: the figures below are counted by hand on top of what they state (no example reports).
    server = await startTestServer({ demo: true, exampleReports: false });
    const manager = server.dataSource.manager;
    ezhou = await manager.findOneByOrFail(TaskForce, { name: '鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)' });

    // A small campaign of 2021 for the trend: T1 plans 1,200 for 2021 (and 9,999 for 2020, which 2021 must not
    // read), T2 plans 800. Monthly reports (year to date): T1 Jan 100, Feb 250, Mar 400; T2 Feb 100, Mar 300.
    trend = await manager.save(
      manager.create(TaskForce, { name: '趋势测试专班', region: '测试市', timeProgressMode: TimeProgressMode.MONTH, periodStart: '2021-01-01', periodEnd: '2021-12-31', greenMinGap: -10, yellowMinGap: -30 }),
    );
    const unit = await manager.save(manager.create(Unit, { name: '趋势测试局', region: '测试市', kind: UnitKind.DEPARTMENT, searchText: '趋势测试局' }));
    for (const [code, total] of [['T1', 5000], ['T2', 3000]] as const) {
      const saved = await manager.save(manager.create(Project, { code, name: `趋势项目${code}`, taskForceId: trend.dbId, unitId: unit.dbId, searchText: code.toLowerCase(), totalInvestment: total }));
      trendProjects.set(code, saved.dbId);
    }
    await manager.insert(AnnualPlan, [
      { projectId: trendProjects.get('T1')!, year: 2021, amount: 1200 },
      { projectId: trendProjects.get('T1')!, year: 2020, amount: 9999 },
      { projectId: trendProjects.get('T2')!, year: 2021, amount: 800 },
    ]);
    const report = (code: string, month: number, ytd: number) => {
      const mm = String(month).padStart(2, '0');
      const end = new Date(Date.UTC(2021, month, 0)).toISOString().slice(0, 10);
      return { projectId: trendProjects.get(code)!, period: `2021-${mm}`, periodType: PeriodType.MONTH, periodStart: `2021-${mm}-01`, periodEnd: end, asOfDate: end, ytdCompletedInvestment: ytd, submittedAt: new Date(`${end}T10:00:00Z`) };
    };
    await manager.insert(ProgressReport, [report('T1', 1, 100), report('T1', 2, 250), report('T1', 3, 400), report('T2', 2, 100), report('T2', 3, 300)]);
  }, 120_000);

  afterAll(() => server?.close());

  describe('yearly plans', () => {
    it('reads 鄂州\'s 2020 plan (1,751,000 万元) in 2020 only: in 2021 there is no plan, so no rate and NO_DATA', async () => {
      const data = await ok(
        `query($id: ID!) { taskForce(id: $id) {
          y2020: metrics(asOf: "2020-12-31") { annualPlanInvestment investmentCompletionRate }
          y2021: metrics(asOf: "2021-06-30") { annualPlanInvestment investmentCompletionRate light }
          projects(first: 1) { nodes { annualPlanInvestment annualPlans { year amount } } }
        } }`,
        { id: toGlobalId('TaskForce', ezhou.dbId) },
      );
      expect(data.taskForce.y2020.annualPlanInvestment).toBe(1_751_000);
      expect(data.taskForce.y2021).toEqual({ annualPlanInvestment: 0, investmentCompletionRate: null, light: 'NO_DATA' });
      const [first] = data.taskForce.projects.nodes;
      expect(first.annualPlans).toEqual([{ year: 2020, amount: first.annualPlanInvestment }]);
    });

    it('projectUpdate sets the plan of named years; metrics of each year read that year\'s plan', async () => {
      const id = toGlobalId('Project', trendProjects.get('T2')!);
      const { node } = await ok('query($id: ID!) { node(id: $id) { ... on Project { version } } }', { id });
      const updated = await ok(
        `mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { annualPlanInvestment annualPlans { year amount } version
          y2022: metrics(asOf: "2022-03-31") { annualPlanInvestment } y2021: metrics(asOf: "2021-03-31") { annualPlanInvestment } } } }`,
        { i: { id, expectedVersion: node.version, annualPlans: [{ year: 2022, amount: 500 }] } },
      );
      // 2022 added beside 2021; the project's own figure is its latest year's plan (2022: 500).
      expect(updated.projectUpdate.project).toMatchObject({
        annualPlanInvestment: 500,
        annualPlans: [{ year: 2021, amount: 800 }, { year: 2022, amount: 500 }],
        version: node.version + 1,
        y2022: { annualPlanInvestment: 500 },
        y2021: { annualPlanInvestment: 800 },
      });
      // null removes a year's plan; the latest is 2021's again.
      const removed = await ok('mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { annualPlanInvestment annualPlans { year } } } }', {
        i: { id, expectedVersion: node.version + 1, annualPlans: [{ year: 2022, amount: null }] },
      });
      expect(removed.projectUpdate.project).toEqual({ annualPlanInvestment: 800, annualPlans: [{ year: 2021 }] });
    });

    it('annualPlanInvestment without a year is the plan of the figures\' year: an undated project of a finished campaign plans its last year', async () => {
      // 鄂州 ended 2022-12-31 (seed 001's period), so its default asOf, and the plan year of an undated project, is 2022.
      const { taskForce } = await ok('query($id: ID!) { taskForce(id: $id) { periodEnd projects(first: 1) { nodes { id version statsDate annualPlans { year } } } } }', {
        id: toGlobalId('TaskForce', ezhou.dbId),
      });
      const [project] = taskForce.projects.nodes;
      expect(project.statsDate).toBeNull();
      const planYear = Number((taskForce.periodEnd < today() ? taskForce.periodEnd : today()).slice(0, 4));
      const result = await ok('mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { annualPlans { year amount } } } }', {
        i: { id: project.id, expectedVersion: project.version, annualPlanInvestment: 123.456 },
      });
      expect(result.projectUpdate.project.annualPlans).toEqual([...project.annualPlans.map((p: any) => ({ ...p, amount: expect.any(Number) })), { year: planYear, amount: 123.46 }]);
    });

    it('orders projects by COMPLETION_RATE_ASC at their default date, against the plan of that year', async () => {
      // A campaign of 2021 (ended: its projects are read at 2021-12-31 without asOf). Stored figures and plans:
      //   S1 plans 2021 1,000 and 2022 50 (its latest), 300 done by 2021-09-30: 300 ÷ 1,000 = 0.3 (not 300 ÷ 50);
      //   S2 plans 1,200, 400 done: 0.333…;  S3 plans 800, 300 done: 0.375;
      //   S4 plans only 2020 (9,999), 100 done by 2020-12-31: no 2021 plan, so no rate — last (not 0.01, first);
      //   S5 plans 500 for 2021 but its figures (450) are of 2020-12-31: nothing done in 2021, rate 0 — first;
      //   S6 plans 1,000 for 2021; its stored figures (900) are of 2022-03-31, after the campaign, so its latest report
      //      on or before 2021-12-31 counts: June 2021's 700, rate 0.7 (the stored figures, of 2022, would give 0).
      // And a campaign that has not begun (it starts next year): U1 plans 1,000 for this year with 500 done, but
      // before the period nothing stands — no rate, last (not 0.5).
      const manager = server.dataSource.manager;
      const tf = await manager.save(
        manager.create(TaskForce, { name: '排序测试专班', region: '测试市', timeProgressMode: TimeProgressMode.MONTH, periodStart: '2021-01-01', periodEnd: '2021-12-31' }),
      );
      const thisYear = Number(today().slice(0, 4));
      const later = await manager.save(
        manager.create(TaskForce, { name: '未开始专班', region: '测试市', periodStart: `${thisYear + 1}-01-01`, periodEnd: `${thisYear + 1}-12-31` }),
      );
      const unit = await manager.findOneByOrFail(Unit, { name: '趋势测试局' });
      const rows: Array<[string, TaskForce, number, string, Array<[number, number]>]> = [
        ['S1', tf, 300, '2021-09-30', [[2021, 1000], [2022, 50]]],
        ['S2', tf, 400, '2021-09-30', [[2021, 1200]]],
        ['S3', tf, 300, '2021-09-30', [[2021, 800]]],
        ['S4', tf, 100, '2020-12-31', [[2020, 9999]]],
        ['S5', tf, 450, '2020-12-31', [[2021, 500]]],
        ['S6', tf, 900, '2022-03-31', [[2021, 1000]]],
        ['U1', later, 500, today(), [[thisYear, 1000]]],
      ];
      const ids = new Map<string, number>();
      for (const [code, taskForce, ytd, statsDate, plans] of rows) {
        const latest = plans.reduce((a, b) => (b[0] > a[0] ? b : a))[1];
        const saved = await manager.save(
          manager.create(Project, { code, name: `排序项目${code}`, taskForceId: taskForce.dbId, unitId: unit.dbId, searchText: `sortcase ${code.toLowerCase()}`, ytdCompletedInvestment: ytd, statsDate, annualPlanInvestment: latest }),
        );
        ids.set(code, saved.dbId);
        await manager.insert(AnnualPlan, plans.map(([year, amount]) => ({ projectId: saved.dbId, year, amount })));
      }
      const report = (period: string, end: string, ytd: number) => ({
        projectId: ids.get('S6')!, period, periodType: PeriodType.MONTH, periodStart: `${period}-01`, periodEnd: end, asOfDate: end, ytdCompletedInvestment: ytd, submittedAt: new Date(`${end}T10:00:00Z`),
      });
      await manager.insert(ProgressReport, [report('2021-06', '2021-06-30', 700), report('2022-03', '2022-03-31', 900)]);

      const query = `query($first: Int, $after: String) { projects(filter: { search: "sortcase" }, orderBy: COMPLETION_RATE_ASC, first: $first, after: $after) {
        nodes { code metrics { asOf investmentCompletionRate } } pageInfo { endCursor } } }`;
      const all = await ok(query, { first: 10 });
      const nodes = all.projects.nodes;
      const expected = ['S5', 'S1', 'S2', 'S3', 'S6', 'S4', 'U1'];
      expect(nodes.map((n: any) => n.code)).toEqual(expected);
      // The order is the one each project's own metrics show.
      expect(nodes.slice(0, 6).map((n: any) => n.metrics.asOf)).toEqual(Array(6).fill('2021-12-31'));
      const rates = nodes.map((n: any) => n.metrics.investmentCompletionRate);
      [0, 0.3, 400 / 1200, 0.375, 0.7].forEach((rate, i) => expect(rates[i]).toBeCloseTo(rate, 9));
      expect(rates.slice(5)).toEqual([null, null]);
      // Paged by two through the keyset: the same order.
      const paged: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 4; page++) {
        const result: any = await ok(query, { first: 2, after });
        paged.push(...result.projects.nodes.map((n: any) => n.code));
        after = result.projects.pageInfo.endCursor;
      }
      expect(paged).toEqual(expected);
    });

    it('refuses a reporter\'s plan and a bad year, writing nothing', async () => {
      const id = toGlobalId('Project', trendProjects.get('T1')!);
      const { node } = await ok('query($id: ID!) { node(id: $id) { ... on Project { version unit { id } } } }', { id });
      const reporter = await server.userToken('trend-reporter', Role.REPORTER, (await server.dataSource.manager.findOneByOrFail(Unit, { name: '趋势测试局' })).dbId);
      const mutation = 'mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }';
      const refused = await gql(server.url, mutation, { i: { id, expectedVersion: node.version, annualPlans: [{ year: 2021, amount: 1 }] } }, reporter);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0].message).toMatch(/年度计划投资/);
      const bad = await admin(mutation, { i: { id, expectedVersion: node.version, annualPlans: [{ year: 21, amount: 1 }] } });
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.annualPlans[0].year' });
      const twice = await admin(mutation, { i: { id, expectedVersion: node.version, annualPlans: [{ year: 2021, amount: 1 }, { year: 2021, amount: 2 }] } });
      expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.annualPlans[1].year' });
      const plans = await server.dataSource.manager.find(AnnualPlan, { where: { projectId: trendProjects.get('T1')! }, order: { year: 'ASC' } });
      expect(plans.map((p) => [p.year, p.amount])).toEqual([[2020, 9999], [2021, 1200]]);
    });
  });

  describe('dated imports', () => {
    const post = async (body: string, query: string) => {
      const response = await fetch(`http://127.0.0.1:${server.port}/imports?taskForce=${toGlobalId('TaskForce', trend.dbId)}&${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${server.adminToken}` },
        body: Buffer.from(body, 'utf8'),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const header = '项目代码,项目名称,责任单位,年度计划投资（万元）,年初至今完成投资（万元）';
    const project = (code: string) => server.dataSource.manager.findOneByOrFail(Project, { code, taskForceId: trend.dbId });
    const plansOf = async (code: string) =>
      (await server.dataSource.manager.find(AnnualPlan, { where: { projectId: (await project(code)).dbId }, order: { year: 'ASC' } })).map((p) => [p.year, p.amount]);

    it('asOf dates the figures and makes 年度计划投资 the plan of that year; the report says why', async () => {
      const { status, body } = await post(`${header}\nD1,导入项目一,趋势测试局,600,150\n`, 'asOf=2021-09-30&name=台账');
      expect(status).toBe(200);
      expect(body).toMatchObject({ committed: true, created: 1 });
      expect(body.figuresDated).toEqual([{ date: '2021-09-30', source: 'AS_OF', reason: 'the asOf parameter of the import', rows: 1 }]);
      expect((await project('D1')).statsDate).toBe('2021-09-30');
      expect(await plansOf('D1')).toEqual([[2021, 600]]);
      // In the campaign at 2021-12-31: T1 400 + T2 300 + D1 150 = 850 of 1,200 + 800 + 600 = 2,600.
      const { taskForce } = await ok('query($id: ID!) { taskForce(id: $id) { metrics(asOf: "2021-12-31") { ytdCompletedInvestment annualPlanInvestment } } }', {
        id: toGlobalId('TaskForce', trend.dbId),
      });
      expect(taskForce.metrics).toEqual({ ytdCompletedInvestment: 850, annualPlanInvestment: 2600 });
    });

    it('a title (2021年) dates the figures at the year end; a 统计截止日期 column dates each row', async () => {
      const titled = await post(`趋势测试台账（2021年）\n${header}\nD2,导入项目二,趋势测试局,700,70\n`, 'name=台账');
      expect(titled.status).toBe(200);
      expect(titled.body.figuresDated).toEqual([{ date: '2021-12-31', source: 'TITLE', reason: 'the title of sheet "台账" (row 1: "(2021年)")', rows: 1 }]);
      expect((await project('D2')).statsDate).toBe('2021-12-31');
      expect(await plansOf('D2')).toEqual([[2021, 700]]);

      const columned = await post(`${header},统计截止日期\nD3,导入项目三,趋势测试局,300,30,2021-06-30\nD4,导入项目四,趋势测试局,400,40,2021-03-31\n`, 'name=台账');
      expect(columned.status).toBe(200);
      expect(columned.body.figuresDated).toEqual([
        { date: '2021-06-30', source: 'COLUMN', reason: 'the 统计截止日期 column (F) of sheet "台账"', rows: 1 },
        { date: '2021-03-31', source: 'COLUMN', reason: 'the 统计截止日期 column (F) of sheet "台账"', rows: 1 },
      ]);
      expect([(await project('D3')).statsDate, (await project('D4')).statsDate]).toEqual(['2021-06-30', '2021-03-31']);
    });

    it('re-dating the same figures with asOf moves them to that date; the plan moves to that year', async () => {
      // D2's 2021 plan and figures, imported again as of 2020-12-31: the figures are re-dated, 2020 gets the plan.
      const { body } = await post(`${header}\nD2,导入项目二,趋势测试局,700,70\n`, 'asOf=2020-12-31&name=台账');
      expect(body).toMatchObject({ committed: true, updated: 1 });
      expect(body.rows[0].changes).toMatchObject({ statsDate: { before: '2021-12-31', after: '2020-12-31' }, annualPlans: { before: { 2020: null }, after: { 2020: 700 } } });
      expect(await plansOf('D2')).toEqual([[2020, 700], [2021, 700]]);
    });

    it('an earlier year\'s plan alone is one more plan, and the project keeps its latest year\'s 年度计划投资', async () => {
      // D1 plans 2021 (600). A 2019 ledger with only 年度计划投资 adds 2019's plan: no column of the row changes.
      const before = await project('D1');
      const { status, body } = await post(`项目代码,项目名称,责任单位,年度计划投资（万元）\nD1,导入项目一,趋势测试局,250\n`, 'asOf=2019-12-31&name=台账');
      expect(status).toBe(200);
      expect(body).toMatchObject({ committed: true, updated: 1 });
      expect(body.rows[0].changes).toEqual({ annualPlans: { before: { 2019: null }, after: { 2019: 250 } } });
      expect(await plansOf('D1')).toEqual([[2019, 250], [2021, 600]]);
      const after = await project('D1');
      expect([after.annualPlanInvestment, after.statsDate, after.version]).toEqual([600, before.statsDate, before.version + 1]);
    });

    it('refuses an asOf that is not a date or lies after today, before reading the file', async () => {
      for (const asOf of ['2021-02-30', 'yesterday', '2999-01-01']) {
        const { status, body } = await post(`${header}\nD9,不应写入,趋势测试局,1,1\n`, `asOf=${asOf}`);
        expect({ asOf, status, code: body.error?.code, field: body.error?.field ?? body.error?.details?.field }).toEqual({ asOf, status: 400, code: 'BAD_USER_INPUT', field: 'asOf' });
      }
      expect(await server.dataSource.manager.countBy(Project, { code: 'D9' })).toBe(0);
    });

    it('the CLI\'s --as-of dates the figures the same way', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'as-of-cli-'));
      const file = path.join(dir, '台账.csv');
      fs.writeFileSync(file, `${header}\nD5,命令行项目,趋势测试局,900,90\n`);
      const database = server.config.database;
      const url = database.type === 'sqlite' ? `sqlite:${database.file}` : database.url;
      const args = ['-r', 'ts-node/register/transpile-only', 'scripts/import.ts', file, '--task-force', String(trend.dbId), '--as-of', '2021-08-31', '--user', 'admin'];
      const { stdout, stderr } = await run(process.execPath, args, { env: { ...process.env, DATABASE_URL: url }, cwd: path.join(__dirname, '..', '..') });
      expect(JSON.parse(stdout).figuresDated).toEqual([{ date: '2021-08-31', source: 'AS_OF', reason: 'the asOf parameter of the import', rows: 1 }]);
      expect(stderr).toMatch(/figures of 1 row\(s\) dated 2021-08-31/);
      expect((await project('D5')).statsDate).toBe('2021-08-31');
      expect(await plansOf('D5')).toEqual([[2021, 900]]);
      const refused = await run(process.execPath, [...args.slice(0, -4), '--as-of', '2021-13-01', '--user', 'admin'], { env: { ...process.env, DATABASE_URL: url }, cwd: path.join(__dirname, '..', '..') }).catch((error) => error);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--as-of must be an ISO date/);
      fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);
  });

  describe('metricsSeries', () => {
    const series = (variables: Record<string, unknown>, token = server.adminToken) =>
      gql(
        server.url,
        `query($scope: ID!, $from: String!, $to: String!, $interval: SeriesInterval!) { metricsSeries(scope: $scope, from: $from, to: $to, interval: $interval) {
          asOf metrics { ytdCompletedInvestment annualPlanInvestment investmentCompletionRate progressGap light }
          change { previousAsOf investmentCompletionRate progressGap ytdCompletedInvestment } } }`,
        variables,
        token,
      );
    // The two projects T1 and T2 only: their subgroup-less unit within the campaign is the whole campaign before the
    // imports above, so the series reads the projects one by one and adds them up by hand.
    const t = (code: string) => toGlobalId('Project', trendProjects.get(code)!);

    it('gives month ends with 环比: T1 at Jan, Feb, Mar 2021 against its 2021 plan of 1,200 (not 2020\'s 9,999)', async () => {
      const result = await series({ scope: t('T1'), from: '2021-01-01', to: '2021-03-31', interval: 'MONTH' });
      expect(result.errors).toBeUndefined();
      const points = result.data!.metricsSeries;
      // ytd 100, 250, 400 of 1,200: rates 1/12, 5/24, 1/3; 时序进度 (MONTH) 1/12, 2/12, 3/12: gaps 0, +4.1667, +8.3333.
      expect(points.map((p: any) => p.asOf)).toEqual(['2021-01-31', '2021-02-28', '2021-03-31']);
      expect(points.map((p: any) => p.metrics.ytdCompletedInvestment)).toEqual([100, 250, 400]);
      expect(points.map((p: any) => p.metrics.annualPlanInvestment)).toEqual([1200, 1200, 1200]);
      expect(points[0].metrics.investmentCompletionRate).toBeCloseTo(100 / 1200, 12);
      expect(points[1].metrics.progressGap).toBeCloseTo(4.1667, 10);
      expect(points[2].metrics.progressGap).toBeCloseTo(8.3333, 10);
      expect(points.map((p: any) => p.metrics.light)).toEqual(['GREEN', 'GREEN', 'GREEN']);
      // 环比: the first against 2020-12-31, before the campaign (NO_DATA: no rate), so no rate change, and the
      // year-to-date figure counts from zero in a new year; then +150 and +150, rates +1/8 and +1/8.
      expect(points[0].change).toEqual({ previousAsOf: '2020-12-31', investmentCompletionRate: null, progressGap: null, ytdCompletedInvestment: 100 });
      expect(points[1].change.previousAsOf).toBe('2021-01-31');
      expect(points[1].change.investmentCompletionRate).toBeCloseTo(150 / 1200, 12);
      expect(points[1].change.progressGap).toBeCloseTo(4.1667, 10);
      expect(points[2].change).toMatchObject({ previousAsOf: '2021-02-28', ytdCompletedInvestment: 150 });
      expect(points[2].change.investmentCompletionRate).toBeCloseTo(150 / 1200, 12);
    });

    it('gives 旬 ends and week ends, the last cut at `to`', async () => {
      // T2 reports Feb (100) and Mar (300) of 800: at 03-10 and 03-20 the February report stands.
      const tenDays = (await series({ scope: t('T2'), from: '2021-03-01', to: '2021-03-31', interval: 'TEN_DAYS' })).data!.metricsSeries;
      expect(tenDays.map((p: any) => [p.asOf, p.metrics.ytdCompletedInvestment, p.change.previousAsOf])).toEqual([
        ['2021-03-10', 100, '2021-02-28'],
        ['2021-03-20', 100, '2021-03-10'],
        ['2021-03-31', 300, '2021-03-20'],
      ]);
      // 2021-03-01 is a Monday: weeks end on Sundays 03-07 and 03-14; the week before ends 02-28.
      const weeks = (await series({ scope: t('T2'), from: '2021-03-01', to: '2021-03-14', interval: 'WEEK' })).data!.metricsSeries;
      expect(weeks.map((p: any) => [p.asOf, p.change.previousAsOf])).toEqual([['2021-03-07', '2021-02-28'], ['2021-03-14', '2021-03-07']]);
      const cut = (await series({ scope: t('T2'), from: '2021-01-15', to: '2021-03-15', interval: 'MONTH' })).data!.metricsSeries;
      expect(cut.map((p: any) => p.asOf)).toEqual(['2021-01-31', '2021-02-28', '2021-03-15']);
    });

    it('sums 12 points in one grouped statement, as it does 3', async () => {
      const count = async (to: string) => {
        server.logger.reset();
        const result = await series({ scope: toGlobalId('TaskForce', trend.dbId), from: '2021-01-01', to, interval: 'MONTH' });
        expect(result.errors).toBeUndefined();
        // The rollup statements (those that sum projects with their year's plan); others — the token, the node — are
        // the request's own, and a server's background work may add one to the log at any moment.
        return { points: result.data!.metricsSeries.length, rollups: server.logger.statements.filter((sql) => /JOIN annual_plan/.test(sql)).length };
      };
      const three = await count('2021-03-31');
      const twelve = await count('2021-12-31');
      expect(three).toEqual({ points: 3, rollups: 1 });
      expect(twelve).toEqual({ points: 12, rollups: 1 });
    });

    it('refuses more than 120 points, a range that ends before it starts, and a bad date, naming the argument', async () => {
      const scope = toGlobalId('TaskForce', trend.dbId);
      const tooMany = await series({ scope, from: '2010-01-01', to: '2021-12-31', interval: 'MONTH' }); // 144 months
      expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
      expect(tooMany.errors?.[0].message).toMatch(/at most 120 points/);
      const backwards = await series({ scope, from: '2021-06-30', to: '2021-01-31', interval: 'MONTH' });
      expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
      const bad = await series({ scope, from: '2021-02-30', to: '2021-03-31', interval: 'MONTH' });
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    });

    it('lets a screen token read its own campaign\'s series, not another\'s', async () => {
      const token = async (scope: string) =>
        (await ok('mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token } }', { i: { name: `趋势大屏${scope.slice(-4)}`, scope } })).screenTokenCreate.token as string;
      const own = await token(toGlobalId('TaskForce', trend.dbId));
      const mine = await series({ scope: t('T1'), from: '2021-01-01', to: '2021-02-28', interval: 'MONTH' }, own);
      expect(mine.errors).toBeUndefined();
      expect(mine.data!.metricsSeries).toHaveLength(2);
      const other = await series({ scope: toGlobalId('TaskForce', ezhou.dbId), from: '2020-01-01', to: '2020-02-29', interval: 'MONTH' }, own);
      expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });
});

describe('the annual-plan migration', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await drop?.();
  });

  it('gives each project\'s single plan to the year of its latest figures, else of its campaign\'s start', async () => {
    const database = await freshDatabase();
    drop = database.drop;
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    // Back to just before the annual-plan migration (undoing any later ones), then rows as they stood.
    while ((await dataSource.query('SELECT name FROM schema_migration ORDER BY id DESC LIMIT 1'))[0].name !== 'AnnualPlans1796578414429') await dataSource.undoLastMigration();
    await dataSource.undoLastMigration();
    const q = (sql: string) => dataSource.query(testDb === 'sqlite' ? sql : sql.replace(/"/g, '`'));
    await q(`INSERT INTO "unit" ("name", "region", "kind", "search_text") VALUES ('迁移局', '测试市', 'DEPARTMENT', '迁移局')`);
    await q(`INSERT INTO "task_force" ("name", "region", "period_start") VALUES ('迁移专班', '测试市', '2020-01-01')`);
    const [{ id: unitId }] = await q(`SELECT id FROM "unit" WHERE "name" = '迁移局'`);
    const [{ id: tfId }] = await q(`SELECT id FROM "task_force" WHERE "name" = '迁移专班'`);
    const insert = (code: string, plan: string, statsDate: string) =>
      q(`INSERT INTO "project" ("code", "name", "task_force_id", "unit_id", "annual_plan_investment", "stats_date", "search_text") VALUES ('${code}', '${code}', ${tfId}, ${unitId}, ${plan}, ${statsDate}, '${code}')`);
    await insert('M1', '1234.5', "'2021-03-31'"); // dated figures: their year, 2021
    await insert('M2', '600', 'NULL'); // undated: the campaign's start year, 2020
    await insert('M3', 'NULL', "'2021-03-31'"); // no plan: no row
    await dataSource.runMigrations({ transaction: 'each' });
    const rows: Array<{ code: string; year: number | string; amount: number | string }> = await q(
      'SELECT p."code" AS code, ap."year" AS year, ap."amount" AS amount FROM "annual_plan" ap JOIN "project" p ON p.id = ap.project_id ORDER BY p."code"',
    );
    expect(rows.map((r) => [r.code, Number(r.year), Number(r.amount)])).toEqual([
      ['M1', 2021, 1234.5],
      ['M2', 2020, 600],
    ]);
  }, 60_000);
});
