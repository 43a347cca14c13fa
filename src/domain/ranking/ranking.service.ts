import { readQuery } from '../../db/sqlite-readers';
import { RequestContext } from '../../common/request-context';
import { MetricsValue, weightedScore } from '../../metrics/indicators';
import { Metrics } from '../../metrics/metrics.type';
import { SubgroupUnitRole } from '../campaign/subgroup-unit.entity';
import { Subgroup } from '../campaign/subgroup.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { Unit } from '../unit/unit.entity';
import { RankingEntry, RankingIndicator, RankingLevel } from './ranking.type';

function indicatorValue(by: RankingIndicator, metrics: MetricsValue, taskForce: TaskForce): number | null {
  switch (by) {
    case RankingIndicator.INVESTMENT_COMPLETION_RATE:
      return metrics.investmentCompletionRate;
    case RankingIndicator.START_RATE:
      return metrics.startRate;
    case RankingIndicator.COMPLETION_RATE:
      return metrics.completionRate;
    case RankingIndicator.FUNDS_IN_PLACE_RATE:
      return metrics.fundsInPlaceRate;
    case RankingIndicator.WEIGHTED_SCORE:
      return weightedScore(metrics, taskForce.rankingWeights);
  }
}

/** The ranking rule (排队通报), for the GraphQL query and the 通报 export alike. */
export const RankingService = {
  /** Subgroups or units of a task force ranked by an indicator; ties broken by the larger completed investment. */
  async rank(ctx: RequestContext, taskForce: TaskForce, level: RankingLevel, by: RankingIndicator, asOf: string): Promise<RankingEntry[]> {
    const id = taskForce.dbId;
    // The task force's own statement sums its projects once by (subgroup, unit); the nodes' metrics come from it.
    await ctx.loaders.metrics.load({ kind: 'TASK_FORCE', id, asOf });
    let nodes: Array<Subgroup | Unit>;
    let metrics: MetricsValue[];
    if (level === RankingLevel.SUBGROUP) {
      const subgroups = await ctx.loaders.subgroupsByTaskForce.load(id);
      nodes = subgroups;
      metrics = await Promise.all(subgroups.map((s) => ctx.loaders.metrics.load({ kind: 'SUBGROUP', id: s.dbId, asOf })));
    } else {
      const unitIds = await unitsOfTaskForce(ctx, id);
      const units = await ctx.loaders.unitList(unitIds);
      nodes = units;
      metrics = await Promise.all(units.map((u) => ctx.loaders.metrics.load({ kind: 'UNIT', id: u.dbId, taskForceId: id, asOf })));
    }

    const rows = nodes.map((node, i) => ({ node, metrics: metrics[i], value: indicatorValue(by, metrics[i], taskForce) }));
    rows.sort(
      (a, b) =>
        (b.value ?? -Infinity) - (a.value ?? -Infinity) ||
        b.metrics.ytdCompletedInvestment - a.metrics.ytdCompletedInvestment ||
        a.node.name.localeCompare(b.node.name),
    );
    let rank = 0;
    return rows.map((row, i) => {
      const previous = rows[i - 1];
      const tied = previous && previous.value === row.value && previous.metrics.ytdCompletedInvestment === row.metrics.ytdCompletedInvestment;
      rank = tied ? rank : i + 1;
      return { rank, node: row.node, value: row.value, metrics: row.metrics as Metrics };
    });
  },
};

/** Units that carry projects in the task force or are covered by one of its subgroups. */
async function unitsOfTaskForce(ctx: RequestContext, taskForceId: number): Promise<number[]> {
  const rows = await readQuery(
    ctx.manager,
    'SELECT DISTINCT p.unit_id AS unit FROM project p WHERE p.task_force_id = ? AND p.archived_at IS NULL ' +
      'UNION SELECT su.unit_id FROM subgroup_unit su JOIN subgroup s ON s.id = su.subgroup_id WHERE s.task_force_id = ? AND su.role = ?',
    [taskForceId, taskForceId, SubgroupUnitRole.COVERED],
  );
  return rows.map((row) => Number(row.unit));
}
