import { seededRandom } from '../../src/common/random';
import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { TaskForce, TimeProgressMode } from '../../src/domain/campaign/task-force.entity';
import { Problem, ProblemState } from '../../src/domain/problem/problem.entity';
import { PeriodType, ProgressReport } from '../../src/domain/progress/progress-report.entity';
import { AnnualPlan } from '../../src/domain/project/annual-plan.entity';
import { Project, ProjectStage } from '../../src/domain/project/project.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { limitRollups, sqliteReadersOf } from '../../src/db/sqlite-readers';
import { today, yearOf } from '../../src/metrics/dates';
import { defaultMetricsSettings, figuresAt, MetricsSettings, MetricsValue, ProblemCounts, problemCountsOf, ReportFacts, rollup } from '../../src/metrics/indicators';
import { MetricsKey, MetricsNodeKind, MetricsService, settingsOf, toFacts } from '../../src/metrics/metrics.service';
import { gql, startTestServer, TestServer, testDb } from '../utils/test-server';

/**
 * The rollups summed by the database (src/metrics/metrics-sql.ts) equal the reference fold in JavaScript
 * (figuresAt + rollup of indicators.ts) over the same rows, for every node kind and for projectAggregate groups.
 *
 * Each world is random but seeded (the seed is in the test name, so a failure can be replayed): two task forces with
 * random time-progress modes, periods and light thresholds, sharing units; projects with amounts and dates missing or
 * present, stored figures dated across four years, undated, or dated today; archived projects; projects moved to
 * another unit or subgroup after their reports were filed; progress reports across years, some standing for the same
 * date (a month and its last 旬) to test the tie rule; problems in every state on every level, with deadlines
 * before, on and after today or none (overdue and 销号率 are counted as they stand today). asOf dates fall before,
 * inside and after the data, and on today and a future day (where the stored figures are the latest write).
 */


const WORLDS = testDb === 'sqlite' ? [101, 202, 303, 404] : [505, 606, 707];
const STAGES = Object.values(ProjectStage);
const SECTORS = ['工业', '基础设施', '社会民生', null];

function dayOf(rand: () => number, fromYear: number, toYear: number): string {
  const year = fromYear + Math.floor(rand() * (toYear - fromYear + 1));
  const month = 1 + Math.floor(rand() * 12);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = 1 + Math.floor(rand() * last);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const amount = (rand: () => number, max: number) => (rand() < 0.12 ? null : Math.round(rand() * max * 100) / 100);
const maybe = <T>(rand: () => number, p: number, value: () => T): T | null => (rand() < p ? value() : null);

describe.each(WORLDS)('SQL rollups equal the JavaScript reference (world seed %i)', (seed) => {
  let server: TestServer;
  let taskForces: TaskForce[];
  let subgroups: Subgroup[];
  let units: Unit[];
  let projects: Project[];
  let reports: ProgressReport[];
  let problems: Problem[];
  let plans: AnnualPlan[];
  const now = today();
  const rand = seededRandom(seed);

  beforeAll(async () => {
    server = await startTestServer({ demo: false });
    // As main.ts does: on MariaDB the rollups carry their own time limit (SET STATEMENT max_statement_time=… FOR …).
    limitRollups(server.dataSource, 20_000);
    const manager = server.dataSource.manager;
    for (let t = 0; t < 2; t += 1) {
      const mode = [TimeProgressMode.MONTH, TimeProgressMode.DAY, TimeProgressMode.PERIOD][Math.floor(rand() * 3)];
      await manager.insert(TaskForce, {
        name: `随机任务${seed}-${t}`,
        region: '测试市',
        timeProgressMode: mode,
        periodStart: rand() < 0.8 ? `${2019 + t}-01-01` : null,
        periodEnd: rand() < 0.8 ? `${2021 + t}-12-31` : null,
        greenMinGap: -5 - Math.floor(rand() * 10),
        yellowMinGap: -20 - Math.floor(rand() * 20),
      });
    }
    taskForces = await manager.find(TaskForce, { order: { dbId: 'ASC' } });
    for (const tf of taskForces) {
      for (let s = 0; s < 3; s += 1) await manager.insert(Subgroup, { taskForceId: tf.dbId, name: `第${s + 1}组`, position: s });
    }
    subgroups = await manager.find(Subgroup, { order: { dbId: 'ASC' } });
    await manager.insert(
      Unit,
      Array.from({ length: 7 }, (_, i) => ({ name: `单位${seed}-${i}`, region: '测试市', kind: UnitKind.DEPARTMENT, searchText: `单位${i}` })),
    );
    units = await manager.find(Unit, { order: { dbId: 'ASC' } });

    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
    const rows = Array.from({ length: 60 }, (_, i) => {
      const tf = pick(taskForces);
      const statsDate = rand() < 0.2 ? null : rand() < 0.15 ? now : dayOf(rand, 2019, 2022);
      const plannedStart = maybe(rand, 0.8, () => dayOf(rand, 2019, 2022));
      const plannedEnd = maybe(rand, 0.8, () => dayOf(rand, 2019, 2023));
      return {
        code: `P${String(i).padStart(3, '0')}`,
        name: `项目${i}`,
        taskForceId: tf.dbId,
        unitId: pick(units).dbId,
        subgroupId: rand() < 0.85 ? pick(subgroups.filter((s) => s.taskForceId === tf.dbId)).dbId : null,
        subgroupExplicit: false,
        stage: pick(STAGES),
        sector: pick(SECTORS),
        totalInvestment: amount(rand, 90_000),
        annualPlanInvestment: amount(rand, 20_000),
        plannedFunds: amount(rand, 30_000),
        ytdCompletedInvestment: amount(rand, 20_000),
        cumulativeCompletedInvestment: amount(rand, 60_000),
        fundsInPlace: amount(rand, 30_000),
        statsDate,
        plannedStart,
        actualStart: plannedStart && rand() < 0.7 ? dayOf(rand, 2019, 2022) : null,
        plannedEnd,
        actualEnd: plannedEnd && rand() < 0.5 ? dayOf(rand, 2019, 2023) : null,
        searchText: `p${i}`,
        archivedAt: rand() < 0.1 ? new Date('2021-05-01T00:00:00Z') : null,
      };
    });
    await manager.insert(Project, rows);
    projects = await manager.find(Project, { order: { dbId: 'ASC' } });

    const reportRows: Array<Partial<ProgressReport>> = [];
    for (const project of projects) {
      const used = new Set<string>();
      const count = Math.floor(rand() * 9);
      for (let r = 0; r < count; r += 1) {
        const year = 2019 + Math.floor(rand() * 4);
        const month = 1 + Math.floor(rand() * 12);
        const mm = String(month).padStart(2, '0');
        const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
        // A month, or its last 旬, which stands for the same date: two reports of one date.
        const tenDays = rand() < 0.3;
        const period = tenDays ? `${year}-${mm}-T3` : `${year}-${mm}`;
        if (used.has(period)) continue;
        used.add(period);
        reportRows.push({
          projectId: project.dbId,
          period,
          periodType: tenDays ? PeriodType.TEN_DAYS : PeriodType.MONTH,
          periodStart: tenDays ? `${year}-${mm}-21` : `${year}-${mm}-01`,
          periodEnd: end,
          asOfDate: end,
          ytdCompletedInvestment: amount(rand, 20_000),
          cumulativeCompletedInvestment: amount(rand, 60_000),
          fundsInPlace: amount(rand, 30_000),
          stage: rand() < 0.4 ? null : pick(STAGES),
          submittedAt: new Date(`${end}T10:00:00Z`),
        });
      }
    }
    // Inserted in a shuffled order, so report ids do not follow their dates.
    reportRows.sort(() => rand() - 0.5);
    for (let i = 0; i < reportRows.length; i += 100) await manager.insert(ProgressReport, reportRows.slice(i, i + 100));
    reports = await manager.find(ProgressReport);

    // Moves after the reports: a project's figures follow it to its new unit and subgroup.
    for (const project of projects.filter(() => rand() < 0.15)) {
      const subgroup = pick(subgroups.filter((s) => s.taskForceId === project.taskForceId));
      await manager.update(Project, { dbId: project.dbId }, { unitId: pick(units).dbId, subgroupId: subgroup.dbId });
    }
    projects = await manager.find(Project, { order: { dbId: 'ASC' } });

    const states = Object.values(ProblemState);
    const problemRows = Array.from({ length: 40 }, (_, i) => {
      const project = rand() < 0.7 ? pick(projects) : null;
      const tf = project ? project.taskForceId : rand() < 0.7 ? pick(taskForces).dbId : null;
      return {
        title: `问题${i}`,
        state: pick(states),
        projectId: project?.dbId ?? null,
        taskForceId: tf,
        subgroupId: project ? project.subgroupId : tf && rand() < 0.5 ? pick(subgroups.filter((s) => s.taskForceId === tf)).dbId : null,
        unitId: project ? project.unitId : rand() < 0.8 ? pick(units).dbId : null,
        deadline: rand() < 0.2 ? null : rand() < 0.1 ? now : dayOf(rand, Number(now.slice(0, 4)) - 1, Number(now.slice(0, 4)) + 1),
      };
    });
    await manager.insert(Problem, problemRows);
    problems = await manager.find(Problem);

    // Yearly plans (a generator of their own, so the rows above stay as they were): each project has a plan for some
    // of the years 2019–2023, or none; metrics at a date read the plan of that date's year.
    const planRand = seededRandom(seed * 7 + 1);
    const planRows: Array<Partial<AnnualPlan>> = [];
    for (const project of projects) {
      for (let year = 2019; year <= 2023; year += 1) {
        const value = planRand() < 0.6 ? amount(planRand, 20_000) : null;
        if (value !== null) planRows.push({ projectId: project.dbId, year, amount: value });
      }
    }
    // And the current year's, for the asOf dates of today and later.
    for (const project of projects.filter(() => planRand() < 0.5)) planRows.push({ projectId: project.dbId, year: Number(now.slice(0, 4)), amount: Math.round(planRand() * 2_000_000) / 100 });
    for (let i = 0; i < planRows.length; i += 100) await manager.insert(AnnualPlan, planRows.slice(i, i + 100));
    plans = await manager.find(AnnualPlan);
  }, 120_000);

  afterAll(() => server?.close());

  const settingsFor = (taskForceId: number | null | undefined): MetricsSettings =>
    taskForceId ? settingsOf(taskForces.find((tf) => tf.dbId === taskForceId)) : defaultMetricsSettings;

  function reportFacts(projectId: number): ReportFacts[] {
    return reports
      .filter((r) => r.projectId === projectId)
      .map((r) => ({
        projectId: r.projectId,
        id: r.dbId,
        asOfDate: r.asOfDate,
        periodYear: Number(r.periodStart.slice(0, 4)),
        ytdCompletedInvestment: r.ytdCompletedInvestment,
        cumulativeCompletedInvestment: r.cumulativeCompletedInvestment,
        fundsInPlace: r.fundsInPlace,
        stage: r.stage,
      }));
  }

  function referenceOf(rows: Project[], asOf: string, settings: MetricsSettings, open: ProblemCounts, single: boolean): MetricsValue {
    // Today and later, the stored figures are the latest write (README "How the figures are computed").
    const items = rows.map((row) => {
      const facts = toFacts(row, plans.find((plan) => plan.projectId === row.dbId && plan.year === yearOf(asOf))?.amount ?? null);
      return { project: facts, figures: figuresAt(facts, asOf < now ? reportFacts(row.dbId) : [], asOf) };
    });
    return rollup(items, asOf, settings, open, single);
  }

  function reference(key: MetricsKey): MetricsValue {
    const live = projects.filter((p) => p.archivedAt === null);
    const counts = (keep: (problem: Problem) => boolean) => problemCountsOf(problems.filter(keep), now);
    switch (key.kind) {
      case 'TASK_FORCE':
        return referenceOf(live.filter((p) => p.taskForceId === key.id), key.asOf, settingsFor(key.id), counts((pr) => pr.taskForceId === key.id), false);
      case 'SUBGROUP': {
        const tf = subgroups.find((s) => s.dbId === key.id)!.taskForceId;
        return referenceOf(live.filter((p) => p.subgroupId === key.id), key.asOf, settingsFor(tf), counts((pr) => pr.subgroupId === key.id), false);
      }
      case 'UNIT': {
        const inScope = (taskForceId: number | null) => !key.taskForceId || taskForceId === key.taskForceId;
        return referenceOf(
          live.filter((p) => p.unitId === key.id && inScope(p.taskForceId)),
          key.asOf,
          settingsFor(key.taskForceId),
          counts((pr) => pr.unitId === key.id && inScope(pr.taskForceId)),
          false,
        );
      }
      case 'PROJECT': {
        const rows = live.filter((p) => p.dbId === key.id);
        return referenceOf(rows, key.asOf, settingsFor(rows[0]?.taskForceId), counts((pr) => pr.projectId === key.id), true);
      }
    }
  }

  function asOfDates(): string[] {
    const future = `${Number(now.slice(0, 4)) + 1}-03-15`;
    const dates = new Set(['2018-12-31', '2020-12-31', '2021-06-30', '2022-01-01', now, future]);
    while (dates.size < 14) dates.add(dayOf(rand, 2019, 2023));
    return [...dates];
  }

  it('for every task force, subgroup, unit (alone and within each task force) and project, at every asOf', async () => {
    const service = new MetricsService();
    const keys: MetricsKey[] = [];
    for (const asOf of asOfDates()) {
      const node = (kind: MetricsNodeKind, id: number, taskForceId?: number) => keys.push({ kind, id, taskForceId, asOf });
      taskForces.forEach((tf) => node('TASK_FORCE', tf.dbId));
      subgroups.forEach((s) => node('SUBGROUP', s.dbId));
      units.forEach((u) => {
        node('UNIT', u.dbId);
        taskForces.forEach((tf) => node('UNIT', u.dbId, tf.dbId));
      });
      projects.forEach((p) => node('PROJECT', p.dbId));
    }
    const threadStatements = sqliteReadersOf(server.dataSource)?.statements ?? 0;
    const values = await service.computeBatch(server.dataSource.manager, keys);
    // On SQLite the rollups run on the reader threads (one statement per node kind), not on the event loop.
    if (testDb === 'sqlite') expect(sqliteReadersOf(server.dataSource)!.statements - threadStatements).toBe(4);
    const mismatches = keys.flatMap((key, i) => {
      const expected = reference(key);
      return JSON.stringify(values[i]) === JSON.stringify(expected) ? [] : [{ key, sql: values[i], reference: expected }];
    });
    expect(mismatches.slice(0, 3)).toEqual([]);
    // The world is not degenerate: the figures the rule chooses between differ.
    const past = keys.filter((k) => k.kind === 'TASK_FORCE' && k.asOf === '2021-06-30').map((k) => values[keys.indexOf(k)]);
    expect(past.some((m) => m.ytdCompletedInvestment > 0 && m.projectCount > 10)).toBe(true);
    // Some problems are overdue and some closed, so the counts compared are not all zero.
    const taskForceValues = keys.flatMap((k, i) => (k.kind === 'TASK_FORCE' ? [values[i]] : []));
    expect(taskForceValues.some((m) => m.overdueProblemCount > 0 && m.problemClosureRate! > 0 && m.problemClosureRate! < 1)).toBe(true);
  });

  it("for a task force's subgroups and units, from the task force's own statement", async () => {
    const service = new MetricsService();
    const dates = asOfDates();
    const keys = dates.flatMap((asOf) => taskForces.map((tf) => ({ kind: 'TASK_FORCE' as const, id: tf.dbId, asOf })));
    const rollups = await service.computeTaskForces(server.dataSource.manager, keys);
    const mismatches: unknown[] = [];
    rollups.forEach((rollup, i) => {
      const { id, asOf } = keys[i];
      const check = (key: MetricsKey, got: MetricsValue) => {
        const expected = reference(key);
        if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push({ key, got, expected });
      };
      check(keys[i], rollup.value);
      const own = subgroups.filter((s) => s.taskForceId === id);
      expect([...rollup.subgroups].sort((a, b) => a - b)).toEqual(own.map((s) => s.dbId));
      own.forEach((s) => check({ kind: 'SUBGROUP', id: s.dbId, asOf }, rollup.subgroup(s.dbId)));
      units.forEach((u) => check({ kind: 'UNIT', id: u.dbId, taskForceId: id, asOf }, rollup.unit(u.dbId)));
    });
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it('for projectAggregate groups, through the API', async () => {
    const groupBy = ['UNIT', 'SECTOR', 'STAGE'] as const;
    const field = { UNIT: 'unitId', SECTOR: 'sector', STAGE: 'stage' } as const;
    for (const asOf of ['2020-12-31', '2021-06-30', now]) {
      for (const tf of taskForces) {
        const result = await gql(
          server.url,
          `query($tf: ID!, $asOf: String) { projectAggregate(filter: { taskForceId: $tf }, groupBy: [UNIT, SECTOR, STAGE], asOf: $asOf) {
             key metrics { projectCount totalInvestment annualPlanInvestment ytdCompletedInvestment investmentCompletionRate cumulativeCompletedInvestment
               plannedStartCount startedCount startedDueCount plannedFinishCount finishedCount inProductionCount fundsInPlace fundsInPlaceRate
               progressGap light openProblemCount overdueProblemCount problemClosureRate } } }`,
          { tf: tf.id, asOf },
          server.adminToken,
        );
        expect(result.errors).toBeUndefined();
        const live = projects.filter((p) => p.archivedAt === null && p.taskForceId === tf.dbId);
        const groups = new Map<string, Project[]>();
        for (const p of live) {
          const signature = groupBy.map((k) => String(p[field[k]] ?? '')).join('|');
          groups.set(signature, [...(groups.get(signature) ?? []), p]);
        }
        const got = result.data!.projectAggregate as Array<{ key: string[]; metrics: Record<string, unknown> }>;
        expect(got).toHaveLength(groups.size);
        for (const group of got) {
          const unit = units.find((u) => u.id === group.key[0])!;
          const rows = groups.get([unit.dbId, group.key[1], group.key[2]].join('|'))!;
          expect(rows).toBeDefined();
          const ids = new Set(rows.map((r) => r.dbId));
          const open = problemCountsOf(problems.filter((pr) => pr.projectId !== null && ids.has(pr.projectId)), now);
          const expected = referenceOf(rows, asOf, settingsFor(tf.dbId), open, false) as unknown as Record<string, unknown>;
          expect(group.metrics).toEqual(Object.fromEntries(Object.keys(group.metrics).map((k) => [k, expected[k]])));
        }
      }
    }
  });
});
