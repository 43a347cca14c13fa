import { readQuery } from '../../db/sqlite-readers';
import { decodeId, toGlobalId } from '../../common/global-id';
import { today, yearOf } from '../../metrics/dates';
import { addSums, defaultMetricsSettings, MetricsSums, metricsFromSums, noProblems, ProblemCounts } from '../../metrics/indicators';
import { annualPlanJoin, latestReportJoin, problemCountsSelect, readProblemCounts, readSums, sumsSelect, yearBounds } from '../../metrics/metrics-sql';
import { settingsOf } from '../../metrics/metrics.service';
import { Metrics } from '../../metrics/metrics.type';
import { RequestContext } from '../../common/request-context';
import { TaskForce } from '../campaign/task-force.entity';
import { AggregateGroup, ProjectGroupKey } from './project-aggregate.type';
import { filterConditions, ResolvedProjectFilter } from './project-query.service';

/** The project column each group key groups by. */
const groupColumn: Record<ProjectGroupKey, string> = {
  TASK_FORCE: 'p.task_force_id',
  SUBGROUP: 'p.subgroup_id',
  UNIT: 'p.unit_id',
  SECTOR: 'p.sector',
  STAGE: 'p.stage',
};

interface GroupRow {
  key: string[];
  sums: MetricsSums;
  problems: ProblemCounts;
  /** The least and greatest task force of the group's projects: one task force's settings apply when they agree. */
  taskForces: [number, number];
}

/**
 * Group-by metrics for analysts, summed by the database: one grouped statement for the sums and one for the
 * problems' counts (a third, of the light columns, when filtering by light); names through the loaders.
 */
export const ProjectAggregateService = {
  async aggregate(ctx: RequestContext, filter: ResolvedProjectFilter, groupBy: ProjectGroupKey[], asOf: string): Promise<AggregateGroup[]> {
    const { manager, loaders, services } = ctx;
    const driver = manager.connection.driver;
    const byLight = Boolean(filter.light?.length);
    const lit = byLight ? await services.projectQuery.idsWithLight(manager, filter) : null;

    const columns = groupBy.map((key) => groupColumn[key]);
    // With a light filter each project is its own row, kept or dropped by its light, then added into its group.
    const grouping = byLight ? [...columns, 'p.id'] : columns;
    const conditions = filterConditions(filter);
    const where = ['p.archived_at IS NULL', ...conditions.map(([condition]) => condition)].join(' AND ');
    const parameters = Object.assign({}, ...conditions.map(([, p]) => p), { asOf, ...yearBounds(asOf), planYear: yearOf(asOf) });
    const withReports = asOf < today();
    // Each group column and a comma (none without groupBy: one group of every project).
    const selectGroups = grouping.map((column, i) => `${column} AS g${i}, `).join('');
    const [sumsSql, sumsParameters] = driver.escapeQueryWithParameters(
      [
        `SELECT ${selectGroups}MIN(p.task_force_id) AS tf_first, MAX(p.task_force_id) AS tf_last, ${sumsSelect({ asOf: ':asOf', yearStart: ':yearStart', yearEnd: ':yearEnd' }, withReports).join(', ')}`,
        'FROM project p',
        annualPlanJoin(':planYear'),
        withReports ? latestReportJoin(':asOf') : '',
        `WHERE ${where}`,
        grouping.length ? `GROUP BY ${grouping.join(', ')}` : '',
      ].join('\n'),
      parameters,
    );
    const [problemsSql, problemsParameters] = driver.escapeQueryWithParameters(
      [
        `SELECT ${selectGroups}${problemCountsSelect(today()).join(', ')}`,
        'FROM problem pr JOIN project p ON p.id = pr.project_id',
        `WHERE ${where}`,
        grouping.length ? `GROUP BY ${grouping.join(', ')}` : '',
      ].join('\n'),
      parameters,
    );
    const [sumRows, problemRows] = await Promise.all([readQuery(manager, sumsSql, sumsParameters), readQuery(manager, problemsSql, problemsParameters)]);

    const keyOf = (row: Record<string, unknown>) => groupBy.map((key, i) => keyValue(key, row[`g${i}`]));
    const idOf = (row: Record<string, unknown>) => Number(row[`g${groupBy.length}`]);
    const groups = new Map<string, GroupRow>();
    for (const row of sumRows) {
      // No project at all still gives one row of empty sums when nothing is grouped; it is not a group.
      if (Number(row.s_projects) === 0 || (lit && !lit.has(idOf(row)))) continue;
      const key = keyOf(row);
      const signature = JSON.stringify(key);
      const taskForces: [number, number] = [Number(row.tf_first), Number(row.tf_last)];
      const group = groups.get(signature);
      if (!group) groups.set(signature, { key, sums: readSums(row), problems: { ...noProblems }, taskForces });
      else {
        addSums(group.sums, readSums(row));
        group.taskForces = [Math.min(group.taskForces[0], taskForces[0]), Math.max(group.taskForces[1], taskForces[1])];
      }
    }
    for (const row of problemRows) {
      if (lit && !lit.has(idOf(row))) continue;
      const group = groups.get(JSON.stringify(keyOf(row)));
      if (!group) continue;
      const counts = readProblemCounts(row);
      for (const field of Object.keys(counts) as Array<keyof ProblemCounts>) group.problems[field] += counts[field];
    }

    const taskForceIds = [...new Set([...groups.values()].map((g) => g.taskForces[0]))];
    const taskForces = await loaders.taskForce.loadMany(taskForceIds);
    const settingsByTaskForce = new Map(taskForces.filter((tf): tf is TaskForce => tf instanceof TaskForce).map((tf) => [tf.dbId, settingsOf(tf)]));
    const result: AggregateGroup[] = await Promise.all(
      [...groups.values()].map(async (group) => {
        const [first, last] = group.taskForces;
        const settings = first === last ? settingsByTaskForce.get(first) ?? defaultMetricsSettings : defaultMetricsSettings;
        const metrics = metricsFromSums(group.sums, asOf, settings, group.problems) as Metrics;
        const labels = await Promise.all(groupBy.map((k, i) => label(ctx, k, group.key[i])));
        return { key: group.key, labels, metrics };
      }),
    );
    return result.sort((a, b) => a.labels.join('\u0000').localeCompare(b.labels.join('\u0000')) || a.key.join().localeCompare(b.key.join()));
  },
};

function keyValue(key: ProjectGroupKey, value: unknown): string {
  switch (key) {
    case ProjectGroupKey.TASK_FORCE:
      return toGlobalId('TaskForce', Number(value));
    case ProjectGroupKey.SUBGROUP:
      return value === null || value === undefined ? '' : toGlobalId('Subgroup', Number(value));
    case ProjectGroupKey.UNIT:
      return toGlobalId('Unit', Number(value));
    case ProjectGroupKey.SECTOR:
      return value === null || value === undefined ? '' : String(value);
    case ProjectGroupKey.STAGE:
      return String(value);
  }
}

async function label(ctx: RequestContext, key: ProjectGroupKey, value: string): Promise<string> {
  if (value === '') return '';
  switch (key) {
    case ProjectGroupKey.TASK_FORCE:
      return (await ctx.loaders.taskForce.load(decodeId(value, 'TaskForce', 'groupBy').id))?.name ?? '';
    case ProjectGroupKey.SUBGROUP:
      return (await ctx.loaders.subgroup.load(decodeId(value, 'Subgroup', 'groupBy').id))?.name ?? '';
    case ProjectGroupKey.UNIT:
      return (await ctx.loaders.unit.load(decodeId(value, 'Unit', 'groupBy').id))?.name ?? '';
    default:
      return value;
  }
}
