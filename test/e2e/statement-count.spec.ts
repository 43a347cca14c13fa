import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { SubgroupUnit, SubgroupUnitRole } from '../../src/domain/campaign/subgroup-unit.entity';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { Person } from '../../src/domain/person/person.entity';
import { RoleAssignment, RoleKind } from '../../src/domain/person/role-assignment.entity';
import { EscalationLevel, Problem, ProblemState } from '../../src/domain/problem/problem.entity';
import { PeriodType, ProgressReport } from '../../src/domain/progress/progress-report.entity';
import { AnnualPlan } from '../../src/domain/project/annual-plan.entity';
import { Project, ProjectStage } from '../../src/domain/project/project.entity';
import { Target, TargetDirection, TargetScope } from '../../src/domain/target/target.entity';
import { TargetActual } from '../../src/domain/target/target-actual.entity';
import { TargetMilestone } from '../../src/domain/target/target-milestone.entity';
import { Task, TaskStatus, TaskUnit } from '../../src/domain/task/task.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { gql, startTestServer, TestServer, testDb } from '../utils/test-server';

/**
 * The no-N+1 guarantee (README: "the number of SQL statements does not grow with projects or units").
 *
 * One task force with 3 subgroups is arranged directly in the database. The leader's dashboard is run with
 * 10 projects over 4 units per subgroup, then again after growing to 1,000 projects over 40 units per subgroup
 * (with reports, problems, targets and tasks growing too). The small data set is also checked against figures
 * computed by hand below.
 *
 * Each request is run RUNS times at each size, and every run must make exactly the statements listed here, on
 * SQLite and on MariaDB alike. That holds because nothing in the count depends on which database answer arrives
 * first (src/loaders/loaders.ts): list loaders bring the units and people their rows point to joined, so no by-id
 * loader is reached from two branches of one query, and metrics are computed per node kind, so it does not matter
 * whether two kinds share a batch. Statements come in levels: the fields of the rows of one level are loaded
 * together, one statement per loader (and per node kind for metrics).
 *
 * The dashboard (`dashboard()` below); [id] marks a lookup by primary key. Metrics are summed by the database
 * (src/metrics/metrics.service.ts): the task force's statement sums its projects once by (subgroup, unit), joining the
 * latest progress reports when asOf is past, counts open problems, lists its subgroups and reads its settings, and so
 * answers the subgroups' and the units' metrics too; the page's projects take one statement. Past and today cost
 * the same:
 *    1      the signed-in user (authentication)
 *    2      the task force                                                                    [id]
 *   the task force's fields:
 *    3      its subgroups, with their lead and office units joined
 *    4, 5   its projects: the first page, and the count
 *    6      its metrics, with its subgroups' and units' metrics
 *   the subgroups' fields:
 *    7      leader: the subgroups' roles, with their people (and the people's units) joined
 *    8      units: subgroup_unit joined with unit
 *   the fields of the page's projects:
 *    9      unit                                                                              [id]
 *   10      subgroup                                                                          [id]
 *   11      problems
 *   12      reports
 *   13      metrics
 * So 13 statements, 3 of them by id, at a past date and today. With a project connection under every subgroup, one
 * more: the three subgroups' projects in one query, paged in memory (14).
 *
 * Roles, targets and tasks (TARGETS_AND_TASKS below):
 *    1      the signed-in user
 *    2      the task force                                                                    [id]
 *   the task force's fields:
 *    3      roles, with their people and the people's units joined
 *    4      targets, with their unit and lead unit joined
 *    5      tasks, with their lead unit joined
 *    6      subgroups, with their lead and office units joined
 *   the targets' fields:
 *    7      milestones (milestoneProgress reads them too)
 *    8      actuals (completionRatio and milestoneProgress read them too)
 *    9      subgroup                                                                          [id]
 *   the tasks' fields:
 *   10      cooperating units: task_unit joined with unit
 *   the subgroups' fields:
 *   11      members: the subgroups' roles, with their people (and the people's units) joined
 *   12      co-lead units: subgroup_unit joined with unit
 * So 12 statements, 2 of them by id.
 */
const RUNS = 5;
/** Statements per request, derived above; the same at 10 and at 1,000 projects, on SQLite and on MariaDB. */
const EXPECTED: Record<Variant, { total: number; byKey: number }> = {
  past: { total: 13, byKey: 3 },
  today: { total: 13, byKey: 3 },
  nested: { total: 13 + 1, byKey: 3 },
  targets: { total: 12, byKey: 2 },
};
/** A lookup by primary key, as TypeORM writes `find({ where: { dbId: In(ids) } })` on SQLite and MySQL. */
const keyLookup = /WHERE \(*["`]\w+["`]\.["`]id["`] IN \([^)]*\)\)*$/;

interface Run {
  total: number;
  /** Lookups by primary key. */
  byKey: number;
  /** The statements, shortened, to show when a count is off. */
  statements: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Dates. "Today" is the service's calendar day (UTC+8). The stored ledger figures of every project are dated
// 1 January of the current year: on or before today (so today's metrics read them), after 2021-06-30 (so the
// past metrics read the progress reports instead).
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const thisYear = today.slice(0, 4);
const statsDate = `${thisYear}-01-01`;
const PAST = '2021-06-30';

// ---------------------------------------------------------------------------------------------------------------
// The 10 projects of the small data set. Subgroup S1 covers U1–U4, S2 covers U5–U8, S3 covers U9–U12.
// U7 and U11 carry no project.

interface Figures {
  ytd: number | null;
  cum: number | null;
  funds: number | null;
}
interface ReportSpec extends Figures {
  /** Month of 2021. */
  month: number;
  stage?: ProjectStage | null;
}
interface ProjectSpec {
  code: string;
  unit: number; // 1..12
  total: number | null;
  annual: number | null;
  plannedFunds: number | null;
  stored: Figures;
  stage: ProjectStage;
  plannedStart?: string;
  actualStart?: string;
  plannedEnd?: string;
  actualEnd?: string;
  reports: ReportSpec[];
}

const smallProjects: ProjectSpec[] = [
  // S1
  {
    code: 'P01', unit: 1, total: 1000.1, annual: 400, plannedFunds: 500, stored: { ytd: 100.05, cum: 800, funds: 450 },
    stage: ProjectStage.UNDER_CONSTRUCTION, plannedStart: '2021-03-01', actualStart: '2021-03-15', plannedEnd: '2021-12-31',
    reports: [
      { month: 3, ytd: 20, cum: 720, funds: 150 },
      { month: 6, ytd: 60, cum: 760, funds: 200, stage: ProjectStage.UNDER_CONSTRUCTION },
    ],
  },
  {
    code: 'P02', unit: 2, total: 2000, annual: 600, plannedFunds: 800, stored: { ytd: 300, cum: 300, funds: 600 },
    stage: ProjectStage.PREPARING, plannedStart: '2021-03-20', plannedEnd: '2022-06-30',
    reports: [{ month: 6, ytd: 300, cum: 300, funds: 300.5, stage: ProjectStage.PREPARING }],
  },
  {
    code: 'P03', unit: 3, total: 500, annual: 200, plannedFunds: null, stored: { ytd: 50, cum: 50, funds: 0 },
    stage: ProjectStage.UNDER_CONSTRUCTION, plannedStart: '2021-09-01', actualStart: '2021-08-01',
    reports: [{ month: 6, ytd: 20, cum: 20, funds: null }],
  },
  {
    code: 'P04', unit: 4, total: 800, annual: 300, plannedFunds: 200, stored: { ytd: 120.5, cum: 800, funds: 200 },
    stage: ProjectStage.IN_PRODUCTION, plannedStart: '2020-10-01', actualStart: '2020-11-01', plannedEnd: '2021-06-01', actualEnd: '2021-05-20',
    reports: [{ month: 3, ytd: 30, cum: 530, funds: 150, stage: null }],
  },
  // S2
  {
    code: 'P05', unit: 5, total: 3000, annual: 1000, plannedFunds: 1000, stored: { ytd: 900, cum: 2500, funds: 900 },
    stage: ProjectStage.UNDER_CONSTRUCTION, plannedStart: '2020-06-01', actualStart: '2020-06-10',
    reports: [{ month: 6, ytd: 450, cum: 2050, funds: 800 }],
  },
  {
    code: 'P06', unit: 6, total: 1200, annual: 500, plannedFunds: null, stored: { ytd: 250, cum: 600, funds: 0 },
    stage: ProjectStage.UNDER_CONSTRUCTION, plannedStart: '2021-04-01', actualStart: '2021-04-02',
    reports: [{ month: 6, ytd: 100, cum: 450, funds: null }],
  },
  {
    code: 'P07', unit: 8, total: 700, annual: null, plannedFunds: null, stored: { ytd: 10, cum: 10, funds: null },
    stage: ProjectStage.PLANNING,
    reports: [{ month: 6, ytd: 5, cum: 5, funds: null }],
  },
  // S3
  {
    code: 'P08', unit: 9, total: 600, annual: 300, plannedFunds: null, stored: { ytd: 0, cum: 0, funds: null },
    stage: ProjectStage.PREPARING, plannedStart: '2021-12-01',
    reports: [],
  },
  {
    code: 'P09', unit: 10, total: 900, annual: 450, plannedFunds: null, stored: { ytd: 450, cum: 900, funds: null },
    stage: ProjectStage.UNDER_CONSTRUCTION, plannedEnd: '2021-12-31',
    reports: [{ month: 6, ytd: 200, cum: 650, funds: null }],
  },
  {
    code: 'P10', unit: 12, total: 400, annual: 150, plannedFunds: null, stored: { ytd: 75, cum: 75, funds: null },
    stage: ProjectStage.UNDER_CONSTRUCTION,
    reports: [
      { month: 3, ytd: 15, cum: 15, funds: null },
      { month: 7, ytd: 40, cum: 40, funds: null }, // stands for 2021-07-31: after PAST, ignored there
    ],
  },
];

// Bulk projects added when growing: each the same, so the grown totals are easy to compute by hand.
const BULK_PROJECTS = 990; // 10 + 990 = 1,000 projects
const UNITS_PER_SUBGROUP_LARGE = 40; // from 4
const bulk = {
  total: 1000, annual: 100, plannedFunds: 50, stored: { ytd: 40, cum: 400, funds: 30 },
  // reports: March ytd 10, June ytd 25 (the one that stands at PAST)
  march: { ytd: 10, cum: 370, funds: 20 }, june: { ytd: 25, cum: 385, funds: 25 },
};

// ---------------------------------------------------------------------------------------------------------------

const METRICS_FIELDS = `
  asOf projectCount totalInvestment annualPlanInvestment ytdCompletedInvestment investmentCompletionRate
  cumulativeCompletedInvestment cumulativeRate plannedStartCount startedCount startRate plannedStartDueCount
  startedDueCount startRateToDate plannedFinishCount finishedCount completionRate inProductionCount productionRate
  plannedFunds fundsInPlace fundsInPlaceRate timeProgress progressGap light openProblemCount`;

function dashboard(options: { nestedProjects?: boolean } = {}): string {
  return `
    query Dashboard($tf: ID!, $asOf: String) {
      taskForce(id: $tf) {
        name
        metrics(asOf: $asOf) { ...M }
        subgroups {
          name
          leader { name }
          leadUnit { name }
          metrics(asOf: $asOf) { ...M }
          units { name metrics(taskForceId: $tf, asOf: $asOf) { ...M } }
          ${options.nestedProjects ? 'projects(first: 5) { totalCount nodes { code } }' : ''}
        }
        projects(first: 50) {
          totalCount
          nodes {
            code
            unit { name }
            subgroup { name }
            metrics(asOf: $asOf) { light investmentCompletionRate }
            problems { title }
            reports { period }
          }
        }
      }
    }
    fragment M on Metrics { ${METRICS_FIELDS} }`;
}

const TARGETS_AND_TASKS = `
  query TargetsAndTasks($tf: ID!, $asOf: String) {
    taskForce(id: $tf) {
      roles { role kind person { name unit { name } } }
      targets {
        name scope unit { name } subgroup { name } leadUnit { name }
        milestones { label } actuals { value }
        completionRatio(asOf: $asOf)
        milestoneProgress(asOf: $asOf) { label expectedValue completionRatio }
      }
      tasks { number title leadUnit { name } cooperatingUnits { name } }
      subgroups { name members { role person { name } } officeUnit { name } coLeadUnits { name } }
    }
  }`;

type Variant = 'today' | 'past' | 'nested' | 'targets';

describe('the number of SQL statements of a dashboard does not grow with projects or units', () => {
  let server: TestServer;
  let taskForceId: number;
  let tfGlobalId: string;
  const subgroupIds: number[] = [];
  /** Unit ids per subgroup (index 0..2), in coverage order. */
  const unitsOf: number[][] = [[], [], []];
  /** Statements of each run of each variant, with 10 projects and with 1,000. */
  const small: Partial<Record<Variant, Run[]>> = {};
  const large: Partial<Record<Variant, Run[]>> = {};

  /** Runs an operation RUNS times; returns the data of the first run and the SQL statements of each. */
  async function counted(query: string, asOf: string | null): Promise<{ data: any; statements: Run[] }> {
    const statements: Run[] = [];
    let data: any;
    for (let run = 0; run < RUNS; run += 1) {
      server.logger.reset();
      const result = await gql(server.url, query, { tf: tfGlobalId, asOf }, server.adminToken);
      const sql = server.logger.statements.map((statement) => statement.replace(/\s+/g, ' ').trim());
      statements.push({ total: sql.length, byKey: sql.filter((statement) => keyLookup.test(statement)).length, statements: sql.map((statement) => statement.slice(0, 160)) });
      expect(result.errors).toBeUndefined();
      expect(result.data?.taskForce).toBeTruthy();
      data ??= result.data!.taskForce;
    }
    return { data, statements };
  }

  /** Every run made exactly the statements derived at the top of this file. */
  function expectStatements(variant: Variant, runs: Run[]): void {
    const off = runs.find((run) => run.total !== EXPECTED[variant].total || run.byKey !== EXPECTED[variant].byKey);
    if (off) console.log(`${variant} on ${testDb}: ${off.total} statements, ${off.byKey} by id:\n${off.statements.join('\n')}`);
    expect({ variant, runs: runs.map(({ total, byKey }) => ({ total, byKey })) }).toEqual({ variant, runs: runs.map(() => EXPECTED[variant]) });
  }

  /** The statements did not grow from 10 to 1,000 projects: every run at both sizes made the same number. */
  function expectSameCount(variant: Variant): void {
    const totals = { small: small[variant]!.map((run) => run.total), large: large[variant]!.map((run) => run.total) };
    expect({ variant, ...totals }).toEqual({ variant, small: totals.small.map(() => EXPECTED[variant].total), large: totals.large.map(() => EXPECTED[variant].total) });
    expectStatements(variant, large[variant]!);
  }

  async function addUnits(subgroupIndex: number, from: number, to: number): Promise<void> {
    const manager = server.dataSource.manager;
    const names: string[] = [];
    for (let n = from; n <= to; n += 1) names.push(`S${subgroupIndex + 1}单位${String(n).padStart(2, '0')}`);
    await manager.insert(Unit, names.map((name) => ({ name, region: '测试市', kind: UnitKind.DEPARTMENT, searchText: name.toLowerCase() })));
    const rows = await manager.find(Unit, { where: names.map((name) => ({ name, region: '测试市' })) });
    const byName = new Map(rows.map((u) => [u.name, u.dbId]));
    const ids = names.map((name) => byName.get(name)!);
    await manager.insert(
      SubgroupUnit,
      ids.map((unitId, i) => ({ subgroupId: subgroupIds[subgroupIndex], unitId, role: SubgroupUnitRole.COVERED, position: from - 1 + i })),
    );
    unitsOf[subgroupIndex].push(...ids);
  }

  /** Inserts projects in chunks with their reports; returns the project ids by code. */
  async function insertProjects(specs: Array<ProjectSpec & { unitId: number; subgroupId: number; name: string }>): Promise<Map<string, number>> {
    const manager = server.dataSource.manager;
    const chunk = 100;
    for (let i = 0; i < specs.length; i += chunk) {
      await manager.insert(
        Project,
        specs.slice(i, i + chunk).map((s) => ({
          code: s.code,
          name: s.name,
          taskForceId,
          unitId: s.unitId,
          subgroupId: s.subgroupId,
          subgroupExplicit: false,
          stage: s.stage,
          totalInvestment: s.total,
          annualPlanInvestment: s.annual,
          plannedFunds: s.plannedFunds,
          ytdCompletedInvestment: s.stored.ytd,
          cumulativeCompletedInvestment: s.stored.cum,
          fundsInPlace: s.stored.funds,
          statsDate,
          plannedStart: s.plannedStart ?? null,
          actualStart: s.actualStart ?? null,
          plannedEnd: s.plannedEnd ?? null,
          actualEnd: s.actualEnd ?? null,
          searchText: `${s.code}${s.name}`.toLowerCase(),
        })),
      );
    }
    const rows = await manager.find(Project, { where: { taskForceId }, select: { dbId: true, code: true } });
    const ids = new Map(rows.map((p) => [p.code, p.dbId]));
    // Yearly plans: the dashboard is read at 2021-06-30 and today, each against its year's plan; the fixture gives a
    // project the same plan in both years.
    const plans = specs.flatMap((s) => (s.annual === null ? [] : [...new Set([2021, Number(today.slice(0, 4))])].map((year) => ({ projectId: ids.get(s.code)!, year, amount: s.annual! }))));
    for (let i = 0; i < plans.length; i += chunk) await manager.insert(AnnualPlan, plans.slice(i, i + chunk));
    const reports = specs.flatMap((s) =>
      s.reports.map((r) => {
        const month = String(r.month).padStart(2, '0');
        const end = new Date(Date.UTC(2021, r.month, 0)).toISOString().slice(0, 10); // last day of the month
        return {
          projectId: ids.get(s.code)!,
          period: `2021-${month}`,
          periodType: PeriodType.MONTH,
          periodStart: `2021-${month}-01`,
          periodEnd: end,
          asOfDate: end,
          ytdCompletedInvestment: r.ytd,
          cumulativeCompletedInvestment: r.cum,
          fundsInPlace: r.funds,
          stage: r.stage ?? null,
          submittedAt: new Date(`${end}T10:00:00Z`),
        };
      }),
    );
    for (let i = 0; i < reports.length; i += 200) await manager.insert(ProgressReport, reports.slice(i, i + 200));
    return ids;
  }

  beforeAll(async () => {
    // The change-log reader polls the database as a safety net (LIVE_POLL_MS); an hour apart, no poll falls among
    // the statements of the requests counted here.
    server = await startTestServer({ demo: false, configure: (config) => ({ ...config, live: { ...config.live, pollMs: 3_600_000 } }) });
    const manager = server.dataSource.manager;

    const tf = await manager.save(TaskForce, manager.create(TaskForce, { name: '测试市重大项目攻坚行动方案', region: '测试市', documentNumber: '测政办发〔2021〕1号' }));
    taskForceId = tf.dbId;
    tfGlobalId = tf.id;
    for (let i = 0; i < 3; i += 1) {
      const sg = await manager.save(Subgroup, manager.create(Subgroup, { taskForceId, name: `第${'一二三'[i]}包保推进组`, position: i }));
      subgroupIds.push(sg.dbId);
    }
    for (let i = 0; i < 3; i += 1) await addUnits(i, 1, 4);
    // The lead unit of each subgroup is its first covered unit; its office the second.
    for (let i = 0; i < 3; i += 1) await manager.update(Subgroup, { dbId: subgroupIds[i] }, { leadUnitId: unitsOf[i][0], officeUnitId: unitsOf[i][1] });

    // People and roles: a task-force leader and office director, a leader and a member per subgroup, and a past
    // leader of S1 (ended) who must not be the current leader.
    const people = ['张组长', '李主任', '王一', '赵二', '钱三', '孙一员', '周二员', '吴三员', '郑前任'];
    await manager.insert(Person, people.map((name) => ({ name, title: '副市长', unitId: unitsOf[0][0] })));
    const personRows = await manager.find(Person);
    const person = (name: string) => personRows.find((p) => p.name === name)!.dbId;
    await manager.insert(RoleAssignment, [
      { taskForceId, subgroupId: null, personId: person('张组长'), role: '组长', kind: RoleKind.LEADER, position: 0 },
      { taskForceId, subgroupId: null, personId: person('李主任'), role: '办公室主任', kind: RoleKind.OFFICE_DIRECTOR, position: 1 },
      ...['王一', '赵二', '钱三'].map((name, i) => ({ taskForceId, subgroupId: subgroupIds[i], personId: person(name), role: '组长', kind: RoleKind.LEADER, since: '2021-05-01', position: 0 })),
      ...['孙一员', '周二员', '吴三员'].map((name, i) => ({ taskForceId, subgroupId: subgroupIds[i], personId: person(name), role: '成员', kind: RoleKind.MEMBER, position: 1 })),
      { taskForceId, subgroupId: subgroupIds[0], personId: person('郑前任'), role: '组长', kind: RoleKind.LEADER, since: '2021-01-01', until: '2021-04-30', position: 2 },
    ]);

    // Targets: 固投增长 ≥ 11% (task force) with 半年 50% and 全年 milestones and an actual 8.8 at 2021-06-30;
    // a subgroup target and a unit target.
    await manager.insert(Target, [
      { taskForceId, scope: TargetScope.TASK_FORCE, name: '固定资产投资增长', measure: '增长率', unitOfMeasure: '%', targetValue: 11, direction: TargetDirection.AT_LEAST, position: 0 },
      { taskForceId, scope: TargetScope.SUBGROUP, subgroupId: subgroupIds[0], name: '第一组完成投资', unitOfMeasure: '万元', targetValue: 1500, leadUnitId: unitsOf[0][0], position: 1 },
      { taskForceId, scope: TargetScope.UNIT, unitId: unitsOf[1][0], name: 'S2单位01完成投资', unitOfMeasure: '万元', targetValue: 1000, position: 2 },
    ]);
    const targets = await manager.find(Target, { where: { taskForceId }, order: { position: 'ASC' } });
    await manager.insert(TargetMilestone, [
      { targetId: targets[0].dbId, label: '半年', due: '2021-06-30', ratio: 0.5 },
      { targetId: targets[0].dbId, label: '全年', due: '2021-12-31', ratio: 1 },
      { targetId: targets[1].dbId, label: '三季度末', due: '2021-09-30', value: 1200 },
    ]);
    await manager.insert(TargetActual, [
      { targetId: targets[0].dbId, asOf: '2021-06-30', value: 8.8 },
      { targetId: targets[1].dbId, asOf: '2021-06-30', value: 410 },
    ]);

    // Tasks with cooperating units.
    await manager.insert(Task, [
      { taskForceId, number: 1, title: '加快项目前期手续办理', leadUnitId: unitsOf[0][0], status: TaskStatus.IN_PROGRESS },
      { taskForceId, number: 2, title: '强化要素保障', leadUnitId: unitsOf[1][0], status: TaskStatus.DONE },
    ]);
    const tasks = await manager.find(Task, { where: { taskForceId }, order: { number: 'ASC' } });
    await manager.insert(TaskUnit, [
      { taskId: tasks[0].dbId, unitId: unitsOf[0][1], position: 0 },
      { taskId: tasks[0].dbId, unitId: unitsOf[1][1], position: 1 },
      { taskId: tasks[1].dbId, unitId: unitsOf[2][1], position: 0 },
    ]);

    // The 10 projects; unit n (1..12) is unitsOf[⌊(n−1)/4⌋][(n−1) mod 4].
    const ids = await insertProjects(
      smallProjects.map((s) => {
        const sg = Math.floor((s.unit - 1) / 4);
        return { ...s, unitId: unitsOf[sg][(s.unit - 1) % 4], subgroupId: subgroupIds[sg], name: `项目${s.code}` };
      }),
    );

    // Problems: P01 has one open and one closed; P05 one in progress; U7 (S2, no project) one assigned.
    const problem = (title: string, state: ProblemState, projectCode: string | null, unitId: number, subgroupIndex: number) => ({
      taskForceId,
      subgroupId: subgroupIds[subgroupIndex],
      projectId: projectCode ? ids.get(projectCode)! : null,
      unitId,
      title,
      state,
      escalationLevel: EscalationLevel.UNIT,
    });
    await manager.insert(Problem, [
      problem('征地拆迁滞后', ProblemState.REPORTED, 'P01', unitsOf[0][0], 0),
      problem('资金未到位', ProblemState.CLOSED, 'P01', unitsOf[0][0], 0),
      problem('施工许可待办', ProblemState.IN_PROGRESS, 'P05', unitsOf[1][0], 1),
      problem('用地指标不足', ProblemState.ASSIGNED, null, unitsOf[1][2], 1),
    ]);
  });

  afterAll(() => server?.close());

  describe('with 10 projects over 4 units per subgroup', () => {
    it(`computes the subgroup, unit and task-force metrics at ${PAST} from the progress reports (by hand)`, async () => {
      const { data, statements } = await counted(dashboard(), PAST);
      small.past = statements;
      expectStatements('past', statements);
      const [s1, s2, s3] = data.subgroups;
      expect(data.subgroups.map((s: any) => s.name)).toEqual(['第一包保推进组', '第二包保推进组', '第三包保推进组']);

      // S1 = P01..P04. Figures at 2021-06-30: the stored figures are dated this year (after), so the latest report
      // on or before 2021-06-30 counts: P01 June, P02 June, P03 June, P04 March.
      expect(s1.metrics).toEqual({
        asOf: PAST,
        projectCount: 4,
        totalInvestment: 4300.1, // 1000.10 + 2000 + 500 + 800
        annualPlanInvestment: 1500, // 400 + 600 + 200 + 300
        ytdCompletedInvestment: 410, // 60 + 300 + 20 + 30
        investmentCompletionRate: expect.closeTo(410 / 1500, 12), // 0.27333…
        cumulativeCompletedInvestment: 1610, // 760 + 300 + 20 + 530
        cumulativeRate: expect.closeTo(1610 / 4300.1, 12),
        // planned to start in 2021: P01 (03-01), P02 (03-20), P03 (09-01); P04 was planned for 2020.
        plannedStartCount: 3,
        startedCount: 1, // P01 started 03-15; P03 starts 08-01, after 06-30
        startRate: expect.closeTo(1 / 3, 12),
        plannedStartDueCount: 2, // P01, P02
        startedDueCount: 1,
        startRateToDate: 0.5,
        // planned to finish in 2021: P01 (12-31), P04 (06-01); P02 is planned for 2022.
        plannedFinishCount: 2,
        finishedCount: 1, // P04 finished 05-20
        completionRate: 0.5,
        inProductionCount: 1, // P04: its March report has no stage, so the project's IN_PRODUCTION stands
        productionRate: 0.5,
        plannedFunds: 1500, // 500 + 800 + (none) + 200
        fundsInPlace: 650.5, // 200 + 300.5 + 0 + 150
        fundsInPlaceRate: expect.closeTo(650.5 / 1500, 12),
        timeProgress: 0.5, // June: 6 / 12
        progressGap: expect.closeTo(-22.6667, 10), // (0.27333… − 0.5) × 100 = −22.6666… → −22.6667
        light: 'YELLOW', // −30 ≤ −22.6667 < −10
        openProblemCount: 1, // P01's REPORTED problem; the CLOSED one does not count
      });

      // S2 = P05..P07: ytd 450 + 100 + 5 = 555 over annual 1000 + 500 (P07 has none) = 1500 → 0.37;
      // gap (0.37 − 0.5) × 100 = −13 → YELLOW; problems: P05's and U7's.
      expect(s2.metrics).toMatchObject({ projectCount: 3, ytdCompletedInvestment: 555, annualPlanInvestment: 1500, investmentCompletionRate: expect.closeTo(0.37, 12), progressGap: expect.closeTo(-13, 10), light: 'YELLOW', openProblemCount: 2 });
      // S3 = P08..P10: ytd 0 (no report) + 200 + 15 (March; the July report stands after 06-30) = 215 over
      // 300 + 450 + 150 = 900; gap (0.23888… − 0.5) × 100 = −26.1111 → YELLOW.
      expect(s3.metrics).toMatchObject({ projectCount: 3, ytdCompletedInvestment: 215, annualPlanInvestment: 900, investmentCompletionRate: expect.closeTo(215 / 900, 12), progressGap: expect.closeTo(-26.1111, 10), light: 'YELLOW', openProblemCount: 0 });

      // Task force: ytd 410 + 555 + 215 = 1180 over 1500 + 1500 + 900 = 3900 → 0.302564…; gap −19.7436 → YELLOW.
      expect(data.metrics).toMatchObject({
        asOf: PAST,
        projectCount: 10,
        totalInvestment: 11100.1, // 4300.1 + (3000 + 1200 + 700) + (600 + 900 + 400)
        annualPlanInvestment: 3900,
        ytdCompletedInvestment: 1180,
        investmentCompletionRate: expect.closeTo(1180 / 3900, 12),
        progressGap: expect.closeTo(-19.7436, 10),
        light: 'YELLOW',
        openProblemCount: 3,
      });

      // Units within the task force: U1 = P01 only (60 / 400 = 0.15, one open problem); U7 = no project but one
      // open problem; rates without a denominator are null.
      expect(s1.units.map((u: any) => u.name)).toEqual(['S1单位01', 'S1单位02', 'S1单位03', 'S1单位04']);
      expect(s1.units[0].metrics).toMatchObject({ projectCount: 1, ytdCompletedInvestment: 60, annualPlanInvestment: 400, investmentCompletionRate: 0.15, openProblemCount: 1 });
      expect(s2.units[2].metrics).toMatchObject({ projectCount: 0, totalInvestment: 0, investmentCompletionRate: null, progressGap: null, light: 'NO_DATA', openProblemCount: 1 });

      // Leaders: the current one (since 2021-05-01), not the past one; lead unit = first covered unit.
      expect(data.subgroups.map((s: any) => [s.leader?.name, s.leadUnit?.name])).toEqual([
        ['王一', 'S1单位01'],
        ['赵二', 'S2单位01'],
        ['钱三', 'S3单位01'],
      ]);

      // The project list: all 10 with their unit, subgroup, problems and reports (latest period first).
      expect(data.projects.totalCount).toBe(10);
      const byCode = new Map<string, any>(data.projects.nodes.map((p: any) => [p.code, p]));
      expect([...byCode.keys()].sort()).toEqual(smallProjects.map((p) => p.code));
      expect(byCode.get('P01')).toMatchObject({ unit: { name: 'S1单位01' }, subgroup: { name: '第一包保推进组' }, problems: [{ title: '征地拆迁滞后' }, { title: '资金未到位' }], reports: [{ period: '2021-06' }, { period: '2021-03' }] });
      expect(byCode.get('P10')).toMatchObject({ unit: { name: 'S3单位04' }, subgroup: { name: '第三包保推进组' }, problems: [], reports: [{ period: '2021-07' }, { period: '2021-03' }] });
      // P02 at 06-30: 300 / 600 = 0.5 → gap 0 (GREEN by money), but planned to start 03-20 and not started:
      // three months later is 06-20 ≤ 06-30 → RED.
      expect(byCode.get('P02').metrics).toEqual({ light: 'RED', investmentCompletionRate: 0.5 });
      // P01 at 06-30: 60 / 400 = 0.15 → gap −35 → RED.
      expect(byCode.get('P01').metrics).toEqual({ light: 'RED', investmentCompletionRate: 0.15 });
    });

    it('computes today\'s metrics from the stored ledger figures (by hand)', async () => {
      const { data, statements } = await counted(dashboard(), null);
      small.today = statements;
      expectStatements('today', statements);
      const [s1] = data.subgroups;
      // Today: each project's stored figures (dated 1 January of this year) are the latest.
      // S1 ytd 100.05 + 300 + 50 + 120.5 = 570.55 over 1500.
      expect(s1.metrics).toMatchObject({
        asOf: today,
        projectCount: 4,
        ytdCompletedInvestment: 570.55,
        investmentCompletionRate: expect.closeTo(570.55 / 1500, 12),
        cumulativeCompletedInvestment: 1950, // 800 + 300 + 50 + 800
        fundsInPlace: 1250, // 450 + 600 + 0 + 200
        fundsInPlaceRate: expect.closeTo(1250 / 1500, 12),
        plannedStartCount: 0, // nothing is planned to start this year
        startRate: null,
        timeProgress: expect.closeTo(Number(today.slice(5, 7)) / 12, 12),
        openProblemCount: 1,
      });
      // Task force: 570.55 + (900 + 250 + 10) + (0 + 450 + 75) = 2255.55 over 3900.
      expect(data.metrics).toMatchObject({ projectCount: 10, ytdCompletedInvestment: 2255.55, investmentCompletionRate: expect.closeTo(2255.55 / 3900, 12) });
    });

    it('answers nested subgroup connections', async () => {
      const { data, statements } = await counted(dashboard({ nestedProjects: true }), PAST);
      small.nested = statements;
      expectStatements('nested', statements);
      expect(data.subgroups.map((s: any) => s.projects.totalCount)).toEqual([4, 3, 3]);
      expect(data.subgroups.map((s: any) => s.projects.nodes.map((n: any) => n.code).sort())).toEqual([
        ['P01', 'P02', 'P03', 'P04'],
        ['P05', 'P06', 'P07'],
        ['P08', 'P09', 'P10'],
      ]);
    });

    it('answers roles, targets and tasks', async () => {
      const { data, statements } = await counted(TARGETS_AND_TASKS, PAST);
      small.targets = statements;
      expectStatements('targets', statements);
      expect(data.roles.map((r: any) => [r.role, r.person.name])).toEqual([['组长', '张组长'], ['办公室主任', '李主任']]);
      const growth = data.targets[0];
      // 8.8 / 11 = 0.8; the milestone due by 06-30 is 半年 = 50% × 11 = 5.5, and 8.8 / 5.5 = 1.6.
      expect(growth.completionRatio).toBeCloseTo(0.8, 12);
      expect(growth.milestoneProgress).toEqual({ label: '半年', expectedValue: 5.5, completionRatio: expect.closeTo(1.6, 12) });
      // 三季度末 (09-30) is not due by 06-30.
      expect(data.targets[1]).toMatchObject({ subgroup: { name: '第一包保推进组' }, leadUnit: { name: 'S1单位01' }, milestoneProgress: null });
      expect(data.tasks.map((t: any) => [t.number, t.leadUnit.name, t.cooperatingUnits.map((u: any) => u.name)])).toEqual([
        [1, 'S1单位01', ['S1单位02', 'S2单位02']],
        [2, 'S2单位01', ['S3单位02']],
      ]);
      expect(data.subgroups[0].members.map((m: any) => m.person.name)).toEqual(['王一', '孙一员', '郑前任']);
    });
  });

  describe(`with 1,000 projects over ${UNITS_PER_SUBGROUP_LARGE} units per subgroup`, () => {
    /** Bulk projects per subgroup index, for the expected totals. */
    const bulkPerSubgroup = [0, 0, 0];
    let extraTargets = 0;

    beforeAll(async () => {
      const manager = server.dataSource.manager;
      for (let i = 0; i < 3; i += 1) await addUnits(i, 5, UNITS_PER_SUBGROUP_LARGE);
      expect(unitsOf.map((ids) => ids.length)).toEqual([UNITS_PER_SUBGROUP_LARGE, UNITS_PER_SUBGROUP_LARGE, UNITS_PER_SUBGROUP_LARGE]);

      // Bulk project i goes to subgroup i mod 3 and, within it, to unit ⌊i / 3⌋ mod 40: 330 per subgroup, over all
      // 40 of its units, and every page of the project list holds projects of every subgroup.
      const specs = Array.from({ length: BULK_PROJECTS }, (_, i) => {
        const sg = i % 3;
        const unitId = unitsOf[sg][Math.floor(i / 3) % UNITS_PER_SUBGROUP_LARGE];
        bulkPerSubgroup[sg] += 1;
        const code = `B${String(i + 1).padStart(4, '0')}`;
        return {
          code,
          name: `批量项目${code}`,
          unit: 0,
          unitId,
          subgroupId: subgroupIds[sg],
          total: bulk.total,
          annual: bulk.annual,
          plannedFunds: bulk.plannedFunds,
          stored: bulk.stored,
          stage: ProjectStage.UNDER_CONSTRUCTION,
          plannedStart: '2021-02-01',
          actualStart: '2021-02-15',
          plannedEnd: '2021-11-30',
          reports: [
            { month: 3, ...bulk.march },
            { month: 6, ...bulk.june },
          ],
        };
      });
      const ids = await insertProjects(specs);
      expect(ids.size).toBe(smallProjects.length + BULK_PROJECTS);

      // An open problem on every third bulk project (330).
      const problems = specs
        .filter((_, i) => i % 3 === 0)
        .map((s) => ({ taskForceId, subgroupId: s.subgroupId, projectId: ids.get(s.code)!, unitId: s.unitId, title: `${s.code}问题`, state: ProblemState.REPORTED }));
      for (let i = 0; i < problems.length; i += 200) await manager.insert(Problem, problems.slice(i, i + 200));

      // A unit target with two milestones and an actual for every new unit; a task per new unit with three
      // cooperating units.
      const newUnits = unitsOf.flatMap((ids) => ids.slice(4));
      await manager.insert(
        Target,
        newUnits.map((unitId, i) => ({ taskForceId, scope: TargetScope.UNIT, unitId, name: `单位目标${i}`, targetValue: 100, position: 10 + i })),
      );
      extraTargets = newUnits.length;
      const targets = await manager.find(Target, { where: { taskForceId }, select: { dbId: true, position: true } });
      const newTargets = targets.filter((t) => t.position >= 10);
      await manager.insert(TargetMilestone, newTargets.flatMap((t) => [
        { targetId: t.dbId, label: '半年', due: '2021-06-30', ratio: 0.5 },
        { targetId: t.dbId, label: '全年', due: '2021-12-31', ratio: 1 },
      ]));
      await manager.insert(TargetActual, newTargets.map((t) => ({ targetId: t.dbId, asOf: '2021-06-30', value: 40 })));
      await manager.insert(Task, newUnits.map((unitId, i) => ({ taskForceId, number: 3 + i, title: `任务${3 + i}`, leadUnitId: unitId })));
      const tasks = await manager.find(Task, { where: { taskForceId }, select: { dbId: true, number: true } });
      await manager.insert(
        TaskUnit,
        tasks.filter((t) => t.number >= 3).flatMap((t, i) => [0, 1, 2].map((k) => ({ taskId: t.dbId, unitId: newUnits[(i + 1 + k) % newUnits.length], position: k }))),
      );
    }, 120_000);

    afterAll(() => {
      // For the closing note: statements per request (each of the RUNS runs), small → large.
      const show = (runs: Partial<Record<Variant, Run[]>>) =>
        Object.fromEntries(Object.entries(runs).map(([variant, list]) => [variant, list!.map((run) => `${run.total} (${run.byKey} by id)`).join(' ')]));
      console.log(
        `SQL statements per request on ${testDb}, each run as total (lookups by id):\n` +
          `10 projects / 12 units:     ${JSON.stringify(show(small))}\n1,000 projects / 120 units: ${JSON.stringify(show(large))}`,
      );
    });

    it(`takes as many statements for the dashboard at ${PAST} (progress reports read)`, async () => {
      const { data, statements } = await counted(dashboard(), PAST);
      large.past = statements;
      // The grown data is really there: 990 bulk projects at 06-30 add 990 × 25 ytd and 990 × 100 annual.
      expect(data.metrics).toMatchObject({
        projectCount: 1000,
        ytdCompletedInvestment: 1180 + BULK_PROJECTS * bulk.june.ytd, // 25,930
        annualPlanInvestment: 3900 + BULK_PROJECTS * bulk.annual, // 102,900
        investmentCompletionRate: expect.closeTo((1180 + BULK_PROJECTS * 25) / (3900 + BULK_PROJECTS * 100), 12),
        openProblemCount: 3 + BULK_PROJECTS / 3, // 333
      });
      expect(data.subgroups.map((s: any) => s.units.length)).toEqual([40, 40, 40]);
      expect(data.subgroups.map((s: any) => s.metrics.projectCount)).toEqual([4 + bulkPerSubgroup[0], 3 + bulkPerSubgroup[1], 3 + bulkPerSubgroup[2]]);
      expect(data.projects.totalCount).toBe(1000);
      expect(data.projects.nodes).toHaveLength(50);
      expectSameCount('past');
    });

    it('takes as many statements for today\'s dashboard', async () => {
      const { data, statements } = await counted(dashboard(), null);
      large.today = statements;
      expect(data.metrics).toMatchObject({
        projectCount: 1000,
        ytdCompletedInvestment: 2255.55 + BULK_PROJECTS * bulk.stored.ytd, // 41,855.55
        investmentCompletionRate: expect.closeTo((2255.55 + BULK_PROJECTS * 40) / (3900 + BULK_PROJECTS * 100), 12),
      });
      expectSameCount('today');
    });

    it('takes as many statements with a project connection under every subgroup', async () => {
      const { data, statements } = await counted(dashboard({ nestedProjects: true }), PAST);
      large.nested = statements;
      expect(data.subgroups.map((s: any) => s.projects.totalCount)).toEqual([4 + bulkPerSubgroup[0], 3 + bulkPerSubgroup[1], 3 + bulkPerSubgroup[2]]);
      expect(data.subgroups.map((s: any) => s.projects.nodes.length)).toEqual([5, 5, 5]);
      expectSameCount('nested');
    });

    it('takes as many statements for roles, targets and tasks', async () => {
      const { data, statements } = await counted(TARGETS_AND_TASKS, PAST);
      large.targets = statements;
      expect(data.targets).toHaveLength(3 + extraTargets);
      // Each unit target: actual 40 against 半年 = 50% × 100 = 50 → 0.8.
      expect(data.targets[3].milestoneProgress).toEqual({ label: '半年', expectedValue: 50, completionRatio: 0.8 });
      expect(data.tasks).toHaveLength(2 + extraTargets);
      expect(data.tasks[2].cooperatingUnits).toHaveLength(3);
      expectSameCount('targets');
    });
  });
});
