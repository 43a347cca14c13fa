import ExcelJS from 'exceljs';
import { In } from 'typeorm';
import { toGlobalId } from '../../src/common/global-id';
import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { ProgressReport } from '../../src/domain/progress/progress-report.entity';
import { AnnualPlan } from '../../src/domain/project/annual-plan.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Unit } from '../../src/domain/unit/unit.entity';
import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * Issue 14: the demo's example projects carry example monthly reports (`isExample`), so 鄂州 (seed 001, the one
 * document with a yearly plan: 2020's, 175.1 亿元 over 206 example projects) shows varied lights, trends, rankings
 * and reporting records through 2020 instead of one colour.
 *
 * Every expected figure here is worked out by the test itself from the raw rows (the reports and plans as stored)
 * and the rules of the README's "How the figures are computed": the latest report on or before asOf counts, 投资完成率
 * = Σ ytd ÷ Σ plan, 时序进度 = month ÷ 12, GREEN from −10 points, YELLOW from −30, RED below. The service's grouped
 * SQL must agree with that fold.
 */

const EZHOU = '鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)';
const cents = (amount: number | string | null) => Math.round(Number(amount ?? 0) * 100);
const monthEnd = (month: number) => new Date(Date.UTC(2020, month, 0)).toISOString().slice(0, 10);
const lightOf = (gapPoints: number) => (gapPoints >= -10 ? 'GREEN' : gapPoints >= -30 ? 'YELLOW' : 'RED');

describe('the demo\'s example monthly reports (鄂州, 2020)', () => {
  let server: TestServer;
  let ezhou: TaskForce;
  let projects: Project[];
  let reports: ProgressReport[];
  /** Project id → its 2020 plan in 分. */
  const plan2020 = new Map<number, number>();

  const ok = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await gql(server.url, query, variables, server.adminToken);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };

  /** The year-to-date figure (分) of each project at `asOf` in 2020: its latest report on or before that date. */
  const ytdAt = (asOf: string): Map<number, number> => {
    const latest = new Map<number, ProgressReport>();
    for (const r of reports) {
      if (r.asOfDate > asOf) continue;
      const seen = latest.get(r.projectId);
      if (!seen || r.asOfDate > seen.asOfDate) latest.set(r.projectId, r);
    }
    return new Map(projects.map((p) => [p.dbId, cents(latest.get(p.dbId)?.ytdCompletedInvestment ?? 0)]));
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const manager = server.dataSource.manager;
    ezhou = await manager.findOneByOrFail(TaskForce, { name: EZHOU });
    projects = await manager.find(Project, { where: { taskForceId: ezhou.dbId } });
    reports = await manager.find(ProgressReport, { where: { projectId: In(projects.map((p) => p.dbId)) } });
    for (const row of await manager.find(AnnualPlan, { where: { projectId: In(projects.map((p) => p.dbId)), year: 2020 } })) plan2020.set(row.projectId, cents(row.amount));
  }, 180_000);

  afterAll(() => server?.close());

  it('files reports for 2020\'s months only, for 鄂州\'s 206 example projects, each marked isExample; no other campaign has any', async () => {
    expect(projects).toHaveLength(206);
    // 175.1 亿元 = 1,751,000 万元 planned for 2020, as the document states.
    expect([...plan2020.values()].reduce((a, b) => a + b, 0)).toBe(1_751_000_00);
    // Most projects report all twelve months (206 × 12 = 2,472 at most); a few miss months or stop.
    expect(reports.length).toBeGreaterThan(2000);
    expect(reports.length).toBeLessThan(2472);
    expect(reports.every((r) => r.isExample && /^2020-(0[1-9]|1[0-2])$/.test(r.period) && r.periodType === 'MONTH')).toBe(true);
    expect(await server.dataSource.manager.count(ProgressReport)).toBe(reports.length);
    // Each report is filed after its month ends, within the 15-day grace period.
    for (const r of reports) {
      const days = (new Date(r.submittedAt).getTime() - Date.parse(`${r.periodEnd}T00:00:00+08:00`)) / 86_400_000;
      expect(days).toBeGreaterThan(1);
      expect(days).toBeLessThan(11);
    }
    // The ledger holds each project's latest report, as filing it would leave it.
    for (const p of projects) {
      const own = reports.filter((r) => r.projectId === p.dbId).sort((a, b) => a.period.localeCompare(b.period));
      const last = own.at(-1)!;
      expect([p.statsDate, cents(p.ytdCompletedInvestment), p.stage]).toEqual([last.periodEnd, cents(last.ytdCompletedInvestment), last.stage]);
    }
    const data = await ok(`query($id: ID!) { node(id: $id) { ... on Project { reports { period isExample } } } }`, { id: toGlobalId('Project', projects[0].dbId) });
    expect(data.node.reports.length).toBeGreaterThan(0);
    expect(data.node.reports.every((r: { isExample: boolean }) => r.isExample)).toBe(true);
  });

  it('gives each project the light its own figures call for at 2020-12-31, and all three colours occur', async () => {
    const ytd = ytdAt('2020-12-31');
    const expected = new Map(
      projects.map((p) => {
        // 时序进度 at December's end is 12/12: the gap is (ytd ÷ plan − 1) × 100 points.
        const gap = (ytd.get(p.dbId)! / plan2020.get(p.dbId)! - 1) * 100;
        return [p.code, lightOf(gap)];
      }),
    );
    const data = await ok(`query($id: ID!) { taskForce(id: $id) { projects(first: 500) { nodes { code metrics(asOf: "2020-12-31") { light } } } } }`, {
      id: toGlobalId('TaskForce', ezhou.dbId),
    });
    const actual = new Map(data.taskForce.projects.nodes.map((n: { code: string; metrics: { light: string } }) => [n.code, n.metrics.light]));
    expect(actual).toEqual(expected);
    const counts = { GREEN: 0, YELLOW: 0, RED: 0 } as Record<string, number>;
    for (const light of expected.values()) counts[light] += 1;
    // Varied: each colour on at least a tenth of the 206 projects.
    for (const light of ['GREEN', 'YELLOW', 'RED']) expect(counts[light]).toBeGreaterThan(20);
 
    // The light filter judges at lightAsOf (a wall screen at ?asOf=2020-12-31 counts its lights so); without it, at
    // 鄂州's default date, 2022-12-31, where no plan stands: all 206 NO_DATA.
    const filtered = await ok(
      `query($id: ID!) { taskForce(id: $id) {
        red: projects(filter: { light: [RED], lightAsOf: "2020-12-31" }, first: 0) { totalCount }
        yellow: projects(filter: { light: [YELLOW], lightAsOf: "2020-12-31" }, first: 0) { totalCount }
        green: projects(filter: { light: [GREEN], lightAsOf: "2020-12-31" }, first: 0) { totalCount }
        noData: projects(filter: { light: [NO_DATA] }, first: 0) { totalCount }
        all: projects(filter: { light: [RED, YELLOW, GREEN, NO_DATA] }, first: 0) { totalCount } } }`,
      { id: toGlobalId('TaskForce', ezhou.dbId) },
    );
    const tf = filtered.taskForce;
    expect([tf.red.totalCount, tf.yellow.totalCount, tf.green.totalCount, tf.noData.totalCount, tf.all.totalCount]).toEqual([counts.RED, counts.YELLOW, counts.GREEN, 206, 206]);
    // projectAggregate(asOf) judges its light filter at its asOf.
    const aggregate = await ok(
      `query($id: ID!) { projectAggregate(asOf: "2020-12-31", filter: { taskForceId: $id, light: [RED] }, groupBy: [TASK_FORCE]) { metrics { projectCount } } }`,
      { id: toGlobalId('TaskForce', ezhou.dbId) },
    );
    expect(aggregate.projectAggregate.map((g: { metrics: { projectCount: number } }) => g.metrics.projectCount)).toEqual([counts.RED]);
    // A bad date, or a date without a light to judge, is refused naming the field.
    for (const filter of ['{ light: [RED], lightAsOf: "2020-13-01" }', '{ lightAsOf: "2020-12-31" }']) {
      const bad = await gql(server.url, `{ projects(filter: ${filter}, first: 1) { totalCount } }`, {}, server.adminToken);
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.lightAsOf' });
    }
  });

  it('draws 2020\'s trend month by month: each point sums the reports filed for it, against m ÷ 12', async () => {
    const data = await ok(
      `query($id: ID!) { metricsSeries(scope: $id, from: "2020-01-01", to: "2020-12-31", interval: MONTH) {
        asOf metrics { ytdCompletedInvestment annualPlanInvestment investmentCompletionRate timeProgress light } } }`,
      { id: toGlobalId('TaskForce', ezhou.dbId) },
    );
    const points = data.metricsSeries as Array<{ asOf: string; metrics: Record<string, any> }>;
    expect(points.map((p) => p.asOf)).toEqual(Array.from({ length: 12 }, (_, i) => monthEnd(i + 1)));
    const lights = new Set<string>();
    let previous = 0;
    for (const [i, point] of points.entries()) {
      const month = i + 1;
      const ytd = [...ytdAt(point.asOf).values()].reduce((a, b) => a + b, 0);
      expect(cents(point.metrics.ytdCompletedInvestment)).toBe(ytd);
      expect(cents(point.metrics.annualPlanInvestment)).toBe(1_751_000_00);
      expect(point.metrics.investmentCompletionRate).toBeCloseTo(ytd / 1_751_000_00, 9);
      expect(point.metrics.timeProgress).toBeCloseTo(month / 12, 9);
      expect(point.metrics.light).toBe(lightOf((ytd / 1_751_000_00 - month / 12) * 100));
      // Year to date only grows: every project's reported figure does, and a project that stops reporting stands still.
      expect(ytd).toBeGreaterThan(previous);
      previous = ytd;
      lights.add(point.metrics.light);
    }
    // The gap widens through the year (projects behind fall further behind): the campaign's light changes.
    expect(lights.size).toBeGreaterThan(1);
  });

  it('ranks 鄂州\'s units by 投资完成率 at 2020-12-31 as the reports add up, with no two units tied', async () => {
    const ytd = ytdAt('2020-12-31');
    const byUnit = new Map<number, { ytd: number; plan: number }>();
    for (const p of projects) {
      const sums = byUnit.get(p.unitId) ?? { ytd: 0, plan: 0 };
      sums.ytd += ytd.get(p.dbId)!;
      sums.plan += plan2020.get(p.dbId)!;
      byUnit.set(p.unitId, sums);
    }
    const units = new Map((await server.dataSource.manager.find(Unit, { where: { dbId: In([...byUnit.keys()]) } })).map((u) => [u.dbId, u.name]));
    const expected = [...byUnit.entries()].sort((a, b) => b[1].ytd / b[1].plan - a[1].ytd / a[1].plan).map(([id, s]) => ({ unit: units.get(id), rate: s.ytd / s.plan }));
    const data = await ok(
      `query($id: ID!) { ranking(taskForceId: $id, by: INVESTMENT_COMPLETION_RATE, level: UNIT, asOf: "2020-12-31") { rank value node { ... on Unit { name } } } }`,
      { id: toGlobalId('TaskForce', ezhou.dbId) },
    );
    const ranked = (data.ranking as Array<{ rank: number; value: number | null; node: { name: string } }>).filter((e) => e.value !== null);
    expect(ranked.map((e) => e.node.name)).toEqual(expected.map((e) => e.unit));
    ranked.forEach((e, i) => expect(e.value).toBeCloseTo(expected[i].rate, 9));
    expect(new Set(ranked.map((e) => e.rank)).size).toBe(ranked.length);
  });

  it('gives each unit\'s figures within a subgroup (Subgroup.unitMetrics), from the task force\'s one statement', async () => {
    const ytd = ytdAt('2020-12-31');
    const subgroups = await server.dataSource.manager.find(Subgroup, { where: { taskForceId: ezhou.dbId } });
    const unitNames = new Map((await server.dataSource.manager.find(Unit)).map((u) => [u.dbId, u.name]));
    const query = `query($id: ID!) { taskForce(id: $id) { metrics(asOf: "2020-12-31") { projectCount }
      subgroups { name metrics(asOf: "2020-12-31") { projectCount ytdCompletedInvestment }
        unitMetrics(asOf: "2020-12-31") { unit { name } metrics { projectCount ytdCompletedInvestment annualPlanInvestment } } } } }`;
    server.logger.reset();
    const data = await ok(query, { id: toGlobalId('TaskForce', ezhou.dbId) });
    const statements = server.logger.count;
    server.logger.reset();
    const withoutUnits = `query($id: ID!) { taskForce(id: $id) { metrics(asOf: "2020-12-31") { projectCount }
      subgroups { name metrics(asOf: "2020-12-31") { projectCount ytdCompletedInvestment } } } }`;
    await ok(withoutUnits, { id: toGlobalId('TaskForce', ezhou.dbId) });
    // Asking for every unit within every subgroup adds the covered-unit lookup, no sums: the task force's statement answers.
    expect(statements - server.logger.count).toBeLessThanOrEqual(2);
    let units = 0;
    for (const sg of data.taskForce.subgroups as Array<{ name: string; metrics: { projectCount: number; ytdCompletedInvestment: number }; unitMetrics: Array<{ unit: { name: string }; metrics: { projectCount: number; ytdCompletedInvestment: number; annualPlanInvestment: number } }> }>) {
      const subgroup = subgroups.find((s) => s.name === sg.name)!;
      const mine = projects.filter((p) => p.subgroupId === subgroup.dbId);
      // Each unit: its projects of this subgroup only, summed from the reports by hand.
      const expected = new Map<string, { projectCount: number; ytd: number; plan: number }>();
      for (const p of mine) {
        const row = expected.get(unitNames.get(p.unitId)!) ?? { projectCount: 0, ytd: 0, plan: 0 };
        row.projectCount += 1;
        row.ytd += ytd.get(p.dbId)!;
        row.plan += plan2020.get(p.dbId)!;
        expected.set(unitNames.get(p.unitId)!, row);
      }
      const got = new Map(sg.unitMetrics.filter((u) => u.metrics.projectCount > 0).map((u) => [u.unit.name, { projectCount: u.metrics.projectCount, ytd: cents(u.metrics.ytdCompletedInvestment), plan: cents(u.metrics.annualPlanInvestment) }]));
      expect([sg.name, got]).toEqual([sg.name, expected]);
      // The units add up to the subgroup.
      expect(sg.unitMetrics.reduce((a, u) => a + u.metrics.projectCount, 0)).toBe(sg.metrics.projectCount);
      units += got.size;
    }
    expect(units).toBeGreaterThan(0);
  });

  it('records who reported in 2020-Q3 (due the 25th of September): the units of projects that stopped show 未报送', async () => {
    const inQuarter = (r: ProgressReport) => r.asOfDate >= '2020-07-01' && r.asOfDate <= '2020-09-30';
    // On time: filed by the end of 2020-09-25 in UTC+8.
    const dueEnd = Date.parse('2020-09-26T00:00:00+08:00');
    const expected = new Map<string, { due: number; onTime: number; late: number; missing: number }>();
    const unitNames = new Map((await server.dataSource.manager.find(Unit)).map((u) => [u.dbId, u.name]));
    for (const p of projects) {
      const name = unitNames.get(p.unitId)!;
      const row = expected.get(name) ?? { due: 0, onTime: 0, late: 0, missing: 0 };
      const own = reports.filter((r) => r.projectId === p.dbId && inQuarter(r));
      row.due += 1;
      if (own.length === 0) row.missing += 1;
      else if (own.some((r) => new Date(r.submittedAt).getTime() < dueEnd)) row.onTime += 1;
      else row.late += 1;
      expected.set(name, row);
    }
    const data = await ok(
      `query($id: ID!) { reportingStatus(taskForceId: $id, period: "2020-Q3") { unit { name } dueDate dueCount onTimeCount lateCount missingCount unreportedProjects { code } } }`,
      { id: toGlobalId('TaskForce', ezhou.dbId) },
    );
    const rows = data.reportingStatus as Array<{ unit: { name: string }; dueDate: string; dueCount: number; onTimeCount: number; lateCount: number; missingCount: number }>;
    expect(rows.every((r) => r.dueDate === '2020-09-25')).toBe(true);
    expect(new Map(rows.map((r) => [r.unit.name, { due: r.dueCount, onTime: r.onTimeCount, late: r.lateCount, missing: r.missingCount }]))).toEqual(expected);
    // Some project stopped reporting before July (the STOPS habit reports June at the earliest as its last month, so
    // a gap in the quarter comes from a stop in June or from a patchy reporter missing all three months).
    const missing = [...expected.values()].reduce((a, r) => a + r.missing, 0);
    expect(missing).toBeGreaterThan(0);
    expect(rows.reduce((a, r) => a + r.missingCount, 0)).toBe(missing);
  });

  it('reads the 2020-Q3 record as it stood on 2020-09-10: only reports filed by then, and nobody missing before the 25th', async () => {
    // Filed by the end of 2020-09-10 in UTC+8, with figures dated in the quarter (July's and August's reports).
    const cutoff = Date.parse('2020-09-11T00:00:00+08:00');
    const expected = new Map<string, { due: number; onTime: number; late: number; missing: number; pending: number }>();
    const unitNames = new Map((await server.dataSource.manager.find(Unit)).map((u) => [u.dbId, u.name]));
    for (const p of projects) {
      const name = unitNames.get(p.unitId)!;
      const row = expected.get(name) ?? { due: 0, onTime: 0, late: 0, missing: 0, pending: 0 };
      const filed = reports.some((r) => r.projectId === p.dbId && r.asOfDate >= '2020-07-01' && r.asOfDate <= '2020-09-30' && new Date(r.submittedAt).getTime() < cutoff);
      row.due += 1;
      if (filed) row.onTime += 1;
      else row.pending += 1;
      expected.set(name, row);
    }
    const data = await ok(
      `query($id: ID!) { reportingStatus(taskForceId: $id, period: "2020-Q3", asOf: "2020-09-10") { unit { name } dueCount onTimeCount lateCount missingCount pendingCount unreportedProjects { code } } }`,
      { id: toGlobalId('TaskForce', ezhou.dbId) },
    );
    const rows = data.reportingStatus as Array<{ unit: { name: string }; dueCount: number; onTimeCount: number; lateCount: number; missingCount: number; pendingCount: number; unreportedProjects: unknown[] }>;
    expect(new Map(rows.map((r) => [r.unit.name, { due: r.dueCount, onTime: r.onTimeCount, late: r.lateCount, missing: r.missingCount, pending: r.pendingCount }]))).toEqual(expected);
    // September's reports (filed in October) are not there yet: more are pending on the 10th than are missing at the end.
    const pending = [...expected.values()].reduce((a, r) => a + r.pending, 0);
    expect(pending).toBeGreaterThan(0);
    expect(rows.reduce((a, r) => a + r.unreportedProjects.length, 0)).toBe(pending);
  });

  it('exports the ledger as it stood at a past date: each project\'s figures of 2020-06-30 and their own date', async () => {
    const get = async (query: string) => {
      const response = await fetch(`${server.url.replace('/graphql', '')}/exports/ledger.xlsx?scope=${toGlobalId('TaskForce', ezhou.dbId)}${query}`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      });
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
      const sheet = workbook.worksheets[0];
      const header = (sheet.getRow(3).values as unknown[]).slice(1) as string[];
      const column = (name: string) => header.indexOf(name) + 1;
      const rows = new Map<string, { ytd: number | null; date: string | null; plan: number | null; stage: string }>();
      let total: number | null = null;
      sheet.eachRow((row, n) => {
        if (n <= 3) return;
        const code = row.getCell(2).value as string | null;
        const ytd = row.getCell(column('年初至今完成投资（万元）')).value as number | null;
        const date = row.getCell(column('统计截止日期')).value as Date | string | null;
        if (code) {
          rows.set(code, {
            ytd,
            date: date instanceof Date ? date.toISOString().slice(0, 10) : date,
            plan: row.getCell(column('年度计划投资（万元）')).value as number | null,
            stage: row.getCell(column('建设阶段')).value as string,
          });
        } else if (row.getCell(3).value === '合计') total = ytd;
      });
      return { note: sheet.getCell('A2').value as string, rows, total: total as number | null };
    };
    // At 2020-06-30: each project's latest report on or before that day (June's, or earlier for one that missed it).
    const june = await get('&asOf=2020-06-30');
    expect(june.note).toMatch(/^截至 2020-06-30/);
    const ytd = ytdAt('2020-06-30');
    expect(cents(june.total)).toBe([...ytd.values()].reduce((a, b) => a + b, 0));
    for (const p of projects) {
      const latest = reports.filter((r) => r.projectId === p.dbId && r.asOfDate <= '2020-06-30').sort((a, b) => b.asOfDate.localeCompare(a.asOfDate))[0];
      const row = june.rows.get(p.code)!;
      expect([p.code, cents(row.ytd), row.date, cents(row.plan), row.stage]).toEqual([
        p.code,
        ytd.get(p.dbId),
        latest?.asOfDate ?? null,
        plan2020.get(p.dbId),
        // The stage reported then (a project with no report by then shows the stage it has).
        ({ PLANNING: '谋划', PREPARING: '前期', UNDER_CONSTRUCTION: '在建' } as Record<string, string>)[latest?.stage ?? p.stage],
      ]);
    }
    // Without asOf: the figures as they stand, dated by their latest report; the ledger says it stands at the latest.
    const now = await get('');
    const latestDate = projects.map((p) => p.statsDate!).sort().at(-1)!;
    expect(now.note).toMatch(new RegExp(`^截至 ${latestDate}`));
    expect(cents(now.total)).toBe(projects.reduce((a, p) => a + cents(p.ytdCompletedInvestment), 0));
  });

  it('stops being an example once someone files over it: the office corrects December of one project', async () => {
    const project = projects.find((p) => reports.some((r) => r.projectId === p.dbId && r.period === '2020-12'))!;
    const december = reports.find((r) => r.projectId === project.dbId && r.period === '2020-12')!;
    const before = await ok(`query($id: ID!) { taskForce(id: $id) { metrics(asOf: "2020-12-31") { ytdCompletedInvestment } } }`, { id: toGlobalId('TaskForce', ezhou.dbId) });
    // The period closed long ago: only the office (ADMIN) files it, with a reason. 100 万元 more than the example said.
    const figure = Number(december.ytdCompletedInvestment) + 100;
    const filed = await ok(
      `mutation($input: ProgressReportInput!) { progressReport(input: $input) { report { period isExample ytdCompletedInvestment } } }`,
      { input: { projectId: toGlobalId('Project', project.dbId), period: '2020-12', ytdCompletedInvestment: figure, reason: '核实更正' } },
    );
    expect(filed.progressReport.report).toEqual({ period: '2020-12', isExample: false, ytdCompletedInvestment: figure });
    const after = await ok(`query($id: ID!) { taskForce(id: $id) { metrics(asOf: "2020-12-31") { ytdCompletedInvestment } } }`, { id: toGlobalId('TaskForce', ezhou.dbId) });
    expect(cents(after.taskForce.metrics.ytdCompletedInvestment) - cents(before.taskForce.metrics.ytdCompletedInvestment)).toBe(100_00);
  });
});
