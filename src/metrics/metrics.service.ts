import { EntityManager, In } from 'typeorm';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { Problem, ProblemState } from '../domain/problem/problem.entity';
import { ProgressReport } from '../domain/progress/progress-report.entity';
import { Project } from '../domain/project/project.entity';
import { today } from './dates';
import {
  defaultMetricsSettings,
  figuresAt,
  MetricsSettings,
  MetricsValue,
  ProjectFacts,
  ReportFacts,
  rollup,
} from './indicators';

export type MetricsNodeKind = 'TASK_FORCE' | 'SUBGROUP' | 'UNIT' | 'PROJECT';

/** One node's metrics request. A UNIT key may narrow to one task force. */
export interface MetricsKey {
  kind: MetricsNodeKind;
  id: number;
  taskForceId?: number | null;
  asOf: string;
}

const projectColumn: Record<MetricsNodeKind, 'taskForceId' | 'subgroupId' | 'unitId' | 'dbId'> = {
  TASK_FORCE: 'taskForceId',
  SUBGROUP: 'subgroupId',
  UNIT: 'unitId',
  PROJECT: 'dbId',
};

/** Columns the indicators read; the rest of a project row is not loaded for metrics. */
export const factColumns = [
  'dbId', 'taskForceId', 'unitId', 'subgroupId', 'sector', 'stage', 'totalInvestment', 'annualPlanInvestment',
  'ytdCompletedInvestment', 'cumulativeCompletedInvestment', 'plannedFunds', 'fundsInPlace', 'statsDate',
  'plannedStart', 'actualStart', 'plannedEnd', 'actualEnd', 'updatedAt', 'name', 'code',
] as const;

export type ProjectFactRow = Pick<Project, (typeof factColumns)[number]>;

export function settingsOf(taskForce: TaskForce | null | undefined): MetricsSettings {
  if (!taskForce) return defaultMetricsSettings;
  return {
    timeProgressMode: taskForce.timeProgressMode,
    periodStart: taskForce.periodStart,
    periodEnd: taskForce.periodEnd,
    greenMinGap: taskForce.greenMinGap,
    yellowMinGap: taskForce.yellowMinGap,
  };
}

export function toFacts(row: ProjectFactRow): ProjectFacts {
  return {
    id: row.dbId,
    stage: row.stage,
    totalInvestment: row.totalInvestment,
    annualPlanInvestment: row.annualPlanInvestment,
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

/** Loads what the indicator formulas need, in a fixed number of statements per batch, and applies them. */
export class MetricsService {
  /** Metrics for a batch of nodes: per node kind one project query, one problem count, and reports when asOf is past. */
  async computeBatch(manager: EntityManager, keys: readonly MetricsKey[]): Promise<MetricsValue[]> {
    const kinds = [...new Set(keys.map((k) => k.kind))];
    const facts = new Map<MetricsNodeKind, ProjectFactRow[]>();
    const problems = new Map<string, number>();
    const reports = new Map<number, ReportFacts[]>();
    const now = today();

    await Promise.all(
      kinds.map(async (kind) => {
        const ids = [...new Set(keys.filter((k) => k.kind === kind).map((k) => k.id))];
        facts.set(kind, await this.loadFacts(manager, kind, ids));
        for (const [key, count] of await this.countOpenProblems(manager, kind, ids)) problems.set(key, count);
        const pastDates = [...new Set(keys.filter((k) => k.kind === kind && k.asOf < now).map((k) => k.asOf))];
        for (const asOf of pastDates) {
          for (const report of await this.loadReports(manager, kind, ids, asOf)) {
            const list = reports.get(report.projectId) ?? [];
            if (!list.some((r) => r.asOfDate === report.asOfDate && r.periodYear === report.periodYear)) list.push(report);
            reports.set(report.projectId, list);
          }
        }
      }),
    );

    const settings = await this.loadSettings(manager, keys, facts);
    return keys.map((key) => {
      const column = projectColumn[key.kind];
      const rows = (facts.get(key.kind) ?? []).filter(
        (row) => row[column] === key.id && (key.kind !== 'UNIT' || !key.taskForceId || row.taskForceId === key.taskForceId),
      );
      const items = rows.map((row) => {
        const projectFacts = toFacts(row);
        return { project: projectFacts, figures: figuresAt(projectFacts, reports.get(row.dbId) ?? [], key.asOf) };
      });
      const problemKey = key.kind === 'UNIT' && key.taskForceId ? `UNIT:${key.id}:${key.taskForceId}` : `${key.kind}:${key.id}`;
      return rollup(items, key.asOf, settings(key), problems.get(problemKey) ?? 0, key.kind === 'PROJECT');
    });
  }

  /** Metrics of an arbitrary set of project rows (aggregates, rankings), reports included when asOf is past. */
  async computeForRows(manager: EntityManager, rows: ProjectFactRow[], asOf: string, settings: MetricsSettings, openProblemCount: number): Promise<MetricsValue> {
    const reports = asOf < today() && rows.length ? await this.loadReportsForProjects(manager, rows.map((r) => r.dbId), asOf) : new Map<number, ReportFacts[]>();
    const items = rows.map((row) => {
      const projectFacts = toFacts(row);
      return { project: projectFacts, figures: figuresAt(projectFacts, reports.get(row.dbId) ?? [], asOf) };
    });
    return rollup(items, asOf, settings, openProblemCount);
  }

  private loadFacts(manager: EntityManager, kind: MetricsNodeKind, ids: number[]): Promise<ProjectFactRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return manager
      .createQueryBuilder(Project, 'p')
      .select(factColumns.map((c) => `p.${c}`))
      .where('p.archivedAt IS NULL')
      .andWhere(`p.${projectColumn[kind]} IN (:...ids)`, { ids })
      .getMany();
  }

  private async countOpenProblems(manager: EntityManager, kind: MetricsNodeKind, ids: number[]): Promise<Array<[string, number]>> {
    if (!ids.length) return [];
    const column = { TASK_FORCE: 'taskForceId', SUBGROUP: 'subgroupId', UNIT: 'unitId', PROJECT: 'projectId' }[kind];
    const query = manager
      .createQueryBuilder(Problem, 'pr')
      .select(`pr.${column}`, 'node')
      .addSelect('COUNT(*)', 'n')
      .where('pr.state <> :closed', { closed: ProblemState.CLOSED })
      .andWhere(`pr.${column} IN (:...ids)`, { ids })
      .groupBy(`pr.${column}`);
    if (kind === 'UNIT') query.addSelect('pr.taskForceId', 'tf').addGroupBy('pr.taskForceId');
    const rows: Array<{ node: number | string; n: number | string; tf?: number | string | null }> = await query.getRawMany();
    const out = new Map<string, number>();
    for (const row of rows) {
      const key = `${kind}:${Number(row.node)}`;
      out.set(key, (out.get(key) ?? 0) + Number(row.n));
      if (kind === 'UNIT' && row.tf !== null && row.tf !== undefined) out.set(`${key}:${Number(row.tf)}`, Number(row.n));
    }
    return [...out];
  }

  /** The latest report on or before asOf of every project under the nodes. */
  private async loadReports(manager: EntityManager, kind: MetricsNodeKind, ids: number[], asOf: string): Promise<ReportFacts[]> {
    if (!ids.length) return [];
    const rows = await manager
      .createQueryBuilder(ProgressReport, 'r')
      .innerJoin(Project, 'p', 'p.id = r.project_id')
      .where(`p.${projectColumn[kind]} IN (:...ids)`, { ids })
      .andWhere('r.asOfDate <= :asOf', { asOf })
      .andWhere((qb) => {
        const latest = qb
          .subQuery()
          .select('MAX(r2.as_of_date)')
          .from(ProgressReport, 'r2')
          .where('r2.project_id = r.project_id')
          .andWhere('r2.as_of_date <= :asOf')
          .getQuery();
        return `r.as_of_date = ${latest}`;
      })
      .getMany();
    return rows.map(reportFacts);
  }

  private async loadReportsForProjects(manager: EntityManager, projectIds: number[], asOf: string): Promise<Map<number, ReportFacts[]>> {
    const out = new Map<number, ReportFacts[]>();
    const chunk = 5000;
    for (let i = 0; i < projectIds.length; i += chunk) {
      const rows = await manager
        .createQueryBuilder(ProgressReport, 'r')
        .where('r.projectId IN (:...ids)', { ids: projectIds.slice(i, i + chunk) })
        .andWhere('r.asOfDate <= :asOf', { asOf })
        .getMany();
      for (const row of rows) {
        const list = out.get(row.projectId) ?? [];
        list.push(reportFacts(row));
        out.set(row.projectId, list);
      }
    }
    return out;
  }

  private async loadSettings(
    manager: EntityManager,
    keys: readonly MetricsKey[],
    facts: Map<MetricsNodeKind, ProjectFactRow[]>,
  ): Promise<(key: MetricsKey) => MetricsSettings> {
    const subgroupIds = [...new Set(keys.filter((k) => k.kind === 'SUBGROUP').map((k) => k.id))];
    const subgroups = subgroupIds.length ? await manager.find(Subgroup, { where: { dbId: In(subgroupIds) }, select: { dbId: true, taskForceId: true } }) : [];
    const subgroupTaskForce = new Map(subgroups.map((s) => [s.dbId, s.taskForceId]));
    const projectTaskForce = new Map((facts.get('PROJECT') ?? []).map((p) => [p.dbId, p.taskForceId]));
    const taskForceOf = (key: MetricsKey): number | null => {
      switch (key.kind) {
        case 'TASK_FORCE':
          return key.id;
        case 'SUBGROUP':
          return subgroupTaskForce.get(key.id) ?? null;
        case 'UNIT':
          return key.taskForceId ?? null;
        case 'PROJECT':
          return projectTaskForce.get(key.id) ?? null;
      }
    };
    const taskForceIds = [...new Set(keys.map(taskForceOf).filter((id): id is number => id !== null))];
    const taskForces = taskForceIds.length ? await manager.find(TaskForce, { where: { dbId: In(taskForceIds) } }) : [];
    const byId = new Map(taskForces.map((tf) => [tf.dbId, tf]));
    return (key) => {
      const id = taskForceOf(key);
      return settingsOf(id === null ? null : byId.get(id));
    };
  }
}

function reportFacts(row: ProgressReport): ReportFacts {
  return {
    projectId: row.projectId,
    asOfDate: row.asOfDate,
    periodYear: Number(row.periodStart.slice(0, 4)),
    ytdCompletedInvestment: row.ytdCompletedInvestment,
    cumulativeCompletedInvestment: row.cumulativeCompletedInvestment,
    fundsInPlace: row.fundsInPlace,
    stage: row.stage,
  };
}
