import { EntityManager } from 'typeorm';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { Project } from '../domain/project/project.entity';
import { today, yearOf } from './dates';
import { addSums, defaultMetricsSettings, emptySums, MetricsSettings, MetricsSums, MetricsValue, metricsFromSums, noProblems, ProblemCounts, ProjectFacts, TimeProgressModeName } from './indicators';
import { readQuery } from '../db/sqlite-readers';
import { annualPlanJoin, latestReportJoin, problemCountsSelect, problemCountsSubqueries, problemCountZeros, readProblemCounts, readSums, sumAliases, sumsSelect, yearBounds } from './metrics-sql';

export type MetricsNodeKind = 'TASK_FORCE' | 'SUBGROUP' | 'UNIT' | 'PROJECT';

/** One node's metrics request. A UNIT key may narrow to one task force. */
export interface MetricsKey {
  kind: MetricsNodeKind;
  id: number;
  taskForceId?: number | null;
  asOf: string;
}

/** The project column that places a project under a node of each kind. */
const projectColumn: Record<MetricsNodeKind, string> = {
  TASK_FORCE: 'task_force_id',
  SUBGROUP: 'subgroup_id',
  UNIT: 'unit_id',
  PROJECT: 'id',
};

/** The problem column that places a problem under a node of each kind. */
const problemColumn: Record<MetricsNodeKind, string> = {
  TASK_FORCE: 'task_force_id',
  SUBGROUP: 'subgroup_id',
  UNIT: 'unit_id',
  PROJECT: 'project_id',
};

/** The task force whose settings (time progress, light thresholds) apply to a node of each kind; a unit's is its key's. */
const settingsTaskForce: Record<MetricsNodeKind, string> = {
  TASK_FORCE: 's.node',
  SUBGROUP: '(SELECT sg.task_force_id FROM subgroup sg WHERE sg.id = s.node)',
  UNIT: 's.tf',
  PROJECT: 's.project_task_force',
};

/** Columns of a project that the indicators read, for a project already in hand. */
export type ProjectFactRow = Pick<
  Project,
  | 'dbId' | 'stage' | 'totalInvestment' | 'plannedFunds' | 'plannedStart' | 'actualStart' | 'plannedEnd'
  | 'actualEnd' | 'ytdCompletedInvestment' | 'cumulativeCompletedInvestment' | 'fundsInPlace' | 'statsDate'
>;

export function settingsOf(taskForce: Pick<TaskForce, 'timeProgressMode' | 'periodStart' | 'periodEnd' | 'greenMinGap' | 'yellowMinGap'> | null | undefined): MetricsSettings {
  if (!taskForce) return defaultMetricsSettings;
  return {
    timeProgressMode: taskForce.timeProgressMode,
    periodStart: taskForce.periodStart,
    periodEnd: taskForce.periodEnd,
    greenMinGap: taskForce.greenMinGap,
    yellowMinGap: taskForce.yellowMinGap,
  };
}

/** A project's facts for a rollup at a date; `annualPlan` is its plan of that date's year (annual_plan). */
export function toFacts(row: ProjectFactRow, annualPlan: number | null): ProjectFacts {
  return {
    id: row.dbId,
    stage: row.stage,
    totalInvestment: row.totalInvestment,
    annualPlanInvestment: annualPlan,
    plannedFunds: row.plannedFunds,
    plannedStart: row.plannedStart,
    actualStart: row.actualStart,
    plannedEnd: row.plannedEnd,
    actualEnd: row.actualEnd,
    ytdCompletedInvestment: row.ytdCompletedInvestment,
    cumulativeCompletedInvestment: row.cumulativeCompletedInvestment,
    fundsInPlace: row.fundsInPlace,
    statsDate: row.statsDate,
  };
}

/** A DATE as the drivers hand it back (text on both, see data-source.ts), or null. */
export function dateText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/** The settings columns of a task force joined as `tf` in a raw query, read back. */
export function readSettings(row: Record<string, unknown>): MetricsSettings {
  if (row.tf_mode === null || row.tf_mode === undefined) return defaultMetricsSettings;
  return {
    timeProgressMode: row.tf_mode as TimeProgressModeName,
    periodStart: dateText(row.tf_period_start),
    periodEnd: dateText(row.tf_period_end),
    greenMinGap: Number(row.tf_green),
    yellowMinGap: Number(row.tf_yellow),
  };
}

export const settingsSelect = 'tf.time_progress_mode AS tf_mode, tf.period_start AS tf_period_start, tf.period_end AS tf_period_end, tf.green_min_gap AS tf_green, tf.yellow_min_gap AS tf_yellow';

/**
 * Metrics of any node, summed by the database: one statement per node kind per batch, whatever the number of
 * nodes, projects or reports. indicators.ts turns the sums into ratios and lights.
 */
export class MetricsService {
  /** Metrics of a batch of nodes of one kind or several (one statement per kind). */
  async computeBatch(manager: EntityManager, keys: readonly MetricsKey[]): Promise<MetricsValue[]> {
    const out = new Array<MetricsValue>(keys.length);
    const kinds = [...new Set(keys.map((k) => k.kind))];
    await Promise.all(
      kinds.map(async (kind) => {
        const positions = keys.flatMap((key, i) => (key.kind === kind ? [i] : []));
        const ofKind = positions.map((i) => keys[i]);
        const values = kind === 'TASK_FORCE' ? (await this.computeTaskForces(manager, ofKind)).map((r) => r.value) : await this.computeKind(manager, kind, ofKind);
        positions.forEach((position, j) => (out[position] = values[j]));
      }),
    );
    return out;
  }

  /**
   * Metrics of task forces with, from the same statement, those of every subgroup and of every unit within them
   * (a dashboard asks for all three): the database sums each task force's projects once, grouped by (subgroup,
   * unit), and the groups are added up here. The statement also counts problems (open, overdue, closed, all) by unit and by subgroup,
   * lists the task force's subgroups and reads its settings.
   */
  async computeTaskForces(manager: EntityManager, keys: readonly MetricsKey[]): Promise<TaskForceRollup[]> {
    const now = today();
    const withReports = keys.some((key) => key.asOf < now);
    const params: unknown[] = [];
    for (const [i, key] of keys.entries()) {
      const { yearStart, yearEnd } = yearBounds(key.asOf);
      params.push(i, key.id, key.asOf, yearStart, yearEnd, yearOf(key.asOf), key.asOf < now ? 1 : 0);
    }
    const zeros = sumAliases.map((alias) => `0 AS ${alias}`).join(', ');
    const noSettings = 'NULL AS tf_mode, NULL AS tf_period_start, NULL AS tf_period_end, NULL AS tf_green, NULL AS tf_yellow';
    const problemCounts = problemCountsSelect(now).join(', ');
    const sql = [
      `WITH k(i, node, as_of, ys, ye, y, past) AS (VALUES ${keys.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')})`,
      // Sums per (subgroup, unit) of each task force's projects.
      `SELECT 'S' AS part, k.i, p.subgroup_id AS subgroup, p.unit_id AS unit, ${sumsSelect({ asOf: 'k.as_of', yearStart: 'k.ys', yearEnd: 'k.ye' }, withReports).join(', ')}, ${problemCountZeros}, ${noSettings}`,
      'FROM k JOIN project p ON p.task_force_id = k.node AND p.archived_at IS NULL',
      annualPlanJoin('k.y'),
      withReports ? latestReportJoin('k.as_of', 'k.past = 1') : '',
      'GROUP BY k.i, p.subgroup_id, p.unit_id',
      // Problems of the task force by (subgroup, unit), and of its subgroups by subgroup.
      `UNION ALL SELECT 'P', k.i, pr.subgroup_id, pr.unit_id, ${zeros}, ${problemCounts}, ${noSettings} FROM k JOIN problem pr ON pr.task_force_id = k.node GROUP BY k.i, pr.subgroup_id, pr.unit_id`,
      `UNION ALL SELECT 'Q', k.i, pr.subgroup_id, NULL, ${zeros}, ${problemCounts}, ${noSettings} FROM k JOIN subgroup sg ON sg.task_force_id = k.node JOIN problem pr ON pr.subgroup_id = sg.id GROUP BY k.i, pr.subgroup_id`,
      // The task force's subgroups, and its settings.
      `UNION ALL SELECT 'G', k.i, sg.id, NULL, ${zeros}, ${problemCountZeros}, ${noSettings} FROM k JOIN subgroup sg ON sg.task_force_id = k.node`,
      `UNION ALL SELECT 'T', k.i, NULL, NULL, ${zeros}, ${problemCountZeros}, ${settingsSelect} FROM k LEFT JOIN task_force tf ON tf.id = k.node`,
    ].join('\n');
    const rows = await readQuery(manager, sql, params);
    return keys.map((key, i) => {
      const mine = rows.filter((row) => Number(row.i) === i);
      const settings = readSettings(mine.find((row) => row.part === 'T') ?? {});
      const total = emptySums();
      const bySubgroup = new Map<number, MetricsSums>();
      const byUnit = new Map<number, MetricsSums>();
      const bySubgroupUnit = new Map<string, MetricsSums>();
      const problems = {
        total: { ...noProblems },
        bySubgroup: new Map<number, ProblemCounts>(),
        byUnit: new Map<number, ProblemCounts>(),
        bySubgroupUnit: new Map<string, ProblemCounts>(),
      };
      const addCounts = (map: Map<number | string, ProblemCounts>, id: number | string, counts: ProblemCounts) => {
        const sum = { ...(map.get(id) ?? noProblems) };
        for (const field of Object.keys(counts) as Array<keyof ProblemCounts>) sum[field] += counts[field];
        map.set(id, sum);
      };
      const subgroups = new Set<number>();
      const add = (map: Map<number, MetricsSums>, id: number, sums: MetricsSums) => map.set(id, addSums(map.get(id) ?? emptySums(), sums));
      for (const row of mine) {
        const subgroup = row.subgroup === null ? null : Number(row.subgroup);
        const unit = row.unit === null ? null : Number(row.unit);
        if (row.part === 'S') {
          const sums = readSums(row);
          addSums(total, sums);
          if (subgroup !== null) add(bySubgroup, subgroup, sums);
          add(byUnit, unit!, sums);
          if (subgroup !== null) bySubgroupUnit.set(`${subgroup}:${unit}`, sums);
        } else if (row.part === 'P') {
          const counts = readProblemCounts(row);
          for (const field of Object.keys(counts) as Array<keyof ProblemCounts>) problems.total[field] += counts[field];
          if (unit !== null) addCounts(problems.byUnit, unit, counts);
          if (unit !== null && subgroup !== null) addCounts(problems.bySubgroupUnit, `${subgroup}:${unit}`, counts);
        } else if (row.part === 'Q') problems.bySubgroup.set(subgroup!, readProblemCounts(row));
        else if (row.part === 'G') subgroups.add(subgroup!);
      }
      const of = (sums: MetricsSums | undefined, problemCounts: ProblemCounts) => metricsFromSums(sums ?? emptySums(), key.asOf, settings, problemCounts);
      return {
        taskForceId: key.id,
        asOf: key.asOf,
        value: of(total, problems.total),
        subgroups,
        subgroup: (id: number) => of(bySubgroup.get(id), problems.bySubgroup.get(id) ?? noProblems),
        unit: (id: number) => of(byUnit.get(id), problems.byUnit.get(id) ?? noProblems),
        unitsInSubgroup: (subgroupId: number) =>
          [...bySubgroupUnit.keys()].filter((k) => k.startsWith(`${subgroupId}:`)).map((k) => Number(k.slice(k.indexOf(':') + 1))),
        unitInSubgroup: (subgroupId: number, unitId: number) =>
          of(bySubgroupUnit.get(`${subgroupId}:${unitId}`), problems.bySubgroupUnit.get(`${subgroupId}:${unitId}`) ?? noProblems),
      };
    });
  }

  private async computeKind(manager: EntityManager, kind: MetricsNodeKind, keys: MetricsKey[]): Promise<MetricsValue[]> {
    // Bound parameters per statement (SQLite allows 32,766): beyond this many nodes of one kind, another statement.
    const chunk = 4000;
    if (keys.length > chunk) {
      const parts: MetricsValue[][] = [];
      for (let i = 0; i < keys.length; i += chunk) parts.push(await this.computeKind(manager, kind, keys.slice(i, i + chunk)));
      return parts.flat();
    }
    const now = today();
    const withReports = keys.some((key) => key.asOf < now);
    const params: unknown[] = [];
    for (const [i, key] of keys.entries()) {
      const { yearStart, yearEnd } = yearBounds(key.asOf);
      params.push(i, key.id, kind === 'UNIT' ? key.taskForceId ?? null : null, key.asOf, yearStart, yearEnd, yearOf(key.asOf), key.asOf < now ? 1 : 0);
    }
    const narrow = kind === 'UNIT' ? ' AND (k.tf IS NULL OR p.task_force_id = k.tf)' : '';
    const problemsNarrow = kind === 'UNIT' ? ' AND (s.tf IS NULL OR pr.task_force_id = s.tf)' : '';
    const sums = sumsSelect({ asOf: 'k.as_of', yearStart: 'k.ys', yearEnd: 'k.ye' }, withReports);
    const sql = [
      `WITH k(i, node, tf, as_of, ys, ye, y, past) AS (VALUES ${keys.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')})`,
      `SELECT s.*, ${settingsSelect},`,
      `  ${problemCountsSubqueries(`pr.${problemColumn[kind]} = s.node${problemsNarrow}`, now).join(', ')}`,
      'FROM (',
      `  SELECT k.i, k.node, k.tf, ${sums.join(', ')},`,
      '    MIN(p.task_force_id) AS project_task_force, MIN(p.planned_start) AS planned_start, MIN(p.actual_start) AS actual_start',
      '  FROM k',
      `  LEFT JOIN project p ON p.${projectColumn[kind]} = k.node AND p.archived_at IS NULL${narrow}`,
      `  ${annualPlanJoin('k.y')}`,
      withReports ? `  ${latestReportJoin('k.as_of', 'k.past = 1')}` : '',
      '  GROUP BY k.i, k.node, k.tf',
      ') s',
      `LEFT JOIN task_force tf ON tf.id = ${settingsTaskForce[kind]}`,
    ].join('\n');
    const rows = await readQuery(manager, sql, params);
    const byPosition = new Map(rows.map((row) => [Number(row.i), row]));
    return keys.map((key, i) => {
      const row = byPosition.get(i)!;
      const single = kind === 'PROJECT' && Number(row.s_projects) === 1;
      const start = single ? { plannedStart: dateText(row.planned_start), actualStart: dateText(row.actual_start) } : null;
      return metricsFromSums(readSums(row), key.asOf, readSettings(row), readProblemCounts(row), start);
    });
  }
}

/** A task force's metrics at a date, with those of its subgroups and of any unit within it. */
export interface TaskForceRollup {
  taskForceId: number;
  asOf: string;
  value: MetricsValue;
  /** The task force's subgroups: `subgroup(id)` answers for these. */
  subgroups: Set<number>;
  subgroup(id: number): MetricsValue;
  /** Any unit's metrics within the task force (empty when it carries no project there). */
  unit(id: number): MetricsValue;
  /** The units carrying projects of a subgroup. */
  unitsInSubgroup(subgroupId: number): number[];
  /** A unit's metrics within one subgroup: its projects of that subgroup and their problems (empty without any). */
  unitInSubgroup(subgroupId: number, unitId: number): MetricsValue;
}
