import { In } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { defaultMetricsSettings } from '../../metrics/indicators';
import { settingsOf } from '../../metrics/metrics.service';
import { Metrics } from '../../metrics/metrics.type';
import { RequestContext } from '../../server/context';
import { TaskForce } from '../campaign/task-force.entity';
import { Problem, ProblemState } from '../problem/problem.entity';
import { AggregateGroup, ProjectGroupKey } from './project-aggregate.type';
import { ResolvedProjectFilter } from './project-query.service';
import { Project } from './project.entity';

/** Group-by metrics for analysts: one project query, one problem count, names through the loaders. */
export const ProjectAggregateService = {
  async aggregate(ctx: RequestContext, filter: ResolvedProjectFilter, groupBy: ProjectGroupKey[], asOf: string): Promise<AggregateGroup[]> {
    const { manager, loaders, services } = ctx;
    const projects = await services.projectQuery.findAll(manager, filter);
    const openByProject = await openProblemsByProject(ctx, projects.map((p) => p.dbId));

    const groups = new Map<string, { key: string[]; rows: Project[] }>();
    for (const project of projects) {
      const key = groupBy.map((k) => keyValue(project, k));
      const signature = JSON.stringify(key);
      const group = groups.get(signature) ?? { key, rows: [] };
      group.rows.push(project);
      groups.set(signature, group);
    }

    const taskForces = await loaders.taskForce.loadMany([...new Set(projects.map((p) => p.taskForceId))]);
    const settingsByTaskForce = new Map(taskForces.filter((tf): tf is TaskForce => tf instanceof TaskForce).map((tf) => [tf.dbId, settingsOf(tf)]));
    const result: AggregateGroup[] = [];
    for (const { key, rows } of groups.values()) {
      const taskForceIds = new Set(rows.map((r) => r.taskForceId));
      const settings = taskForceIds.size === 1 ? settingsByTaskForce.get([...taskForceIds][0]) ?? defaultMetricsSettings : defaultMetricsSettings;
      const open = rows.reduce((sum, r) => sum + (openByProject.get(r.dbId) ?? 0), 0);
      const metrics = (await services.metrics.computeForRows(manager, rows, asOf, settings, open)) as Metrics;
      const labels = await Promise.all(groupBy.map((k, i) => label(ctx, k, rows[0], key[i])));
      result.push({ key, labels, metrics });
    }
    return result.sort((a, b) => a.labels.join('\u0000').localeCompare(b.labels.join('\u0000')) || a.key.join().localeCompare(b.key.join()));
  },
};

function keyValue(project: Project, key: ProjectGroupKey): string {
  switch (key) {
    case ProjectGroupKey.TASK_FORCE:
      return toGlobalId('TaskForce', project.taskForceId);
    case ProjectGroupKey.SUBGROUP:
      return project.subgroupId ? toGlobalId('Subgroup', project.subgroupId) : '';
    case ProjectGroupKey.UNIT:
      return toGlobalId('Unit', project.unitId);
    case ProjectGroupKey.SECTOR:
      return project.sector ?? '';
    case ProjectGroupKey.STAGE:
      return project.stage;
  }
}

async function label(ctx: RequestContext, key: ProjectGroupKey, sample: Project, value: string): Promise<string> {
  switch (key) {
    case ProjectGroupKey.TASK_FORCE:
      return (await ctx.loaders.taskForce.load(sample.taskForceId))?.name ?? '';
    case ProjectGroupKey.SUBGROUP:
      return sample.subgroupId ? (await ctx.loaders.subgroup.load(sample.subgroupId))?.name ?? '' : '';
    case ProjectGroupKey.UNIT:
      return (await ctx.loaders.unit.load(sample.unitId))?.name ?? '';
    default:
      return value;
  }
}

async function openProblemsByProject(ctx: RequestContext, projectIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const chunk = 5000;
  for (let i = 0; i < projectIds.length; i += chunk) {
    const rows: Array<{ project: number | string; n: number | string }> = await ctx.manager
      .createQueryBuilder(Problem, 'pr')
      .select('pr.projectId', 'project')
      .addSelect('COUNT(*)', 'n')
      .where('pr.state <> :closed', { closed: ProblemState.CLOSED })
      .andWhere({ projectId: In(projectIds.slice(i, i + chunk)) })
      .groupBy('pr.projectId')
      .getRawMany();
    for (const row of rows) out.set(Number(row.project), Number(row.n));
  }
  return out;
}
