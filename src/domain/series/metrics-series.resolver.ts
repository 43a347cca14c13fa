import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../../common/request-context';
import { MetricsSeriesService } from './metrics-series.service';
import { MetricsPoint, SeriesInterval } from './metrics-series.type';

@Resolver()
export class MetricsSeriesResolver {
  @Query(() => [MetricsPoint], {
    description:
      'Trend of a node\'s metrics (趋势): its metrics at every period end from `from` to `to` — month ends, 旬 ends or week ends, the last cut at `to` — with 环比, computed together in one pass. At most 120 points (BAD_USER_INPUT naming `to` beyond). A unit\'s series spans every task force it carries projects in.',
  })
  metricsSeries(
    @Arg('scope', () => ID, { description: 'Task force, subgroup, unit or project.' }) scope: string,
    @Arg('from', () => String, { description: 'First day (ISO); the first point is the end of the period that holds it.' }) from: string,
    @Arg('to', () => String, { description: 'Last day (ISO), the last point.' }) to: string,
    @Arg('interval', () => SeriesInterval, { description: 'MONTH, TEN_DAYS (旬) or WEEK.' }) interval: SeriesInterval,
    @Ctx() ctx: RequestContext,
  ): Promise<MetricsPoint[]> {
    return MetricsSeriesService.series(ctx, scope, from, to, interval);
  }
}
