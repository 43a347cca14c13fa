import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { resolveAsOf } from '../../common/args';
import { decodeId } from '../../common/global-id';
import { RequestContext } from '../../common/request-context';
import { NotFoundError } from '../../errors/app-error';
import { RankingService } from './ranking.service';
import { RankingEntry, RankingIndicator, RankingLevel } from './ranking.type';

export { RankingEntry, RankingIndicator, RankingLevel } from './ranking.type';

@Resolver()
export class RankingResolver {
  @Query(() => [RankingEntry], { description: 'Subgroups or units of a task force ranked by an indicator, ties broken by the larger completed investment.' })
  async ranking(
    @Arg('taskForceId', () => ID, { description: 'The task force whose units or subgroups are ranked.' }) taskForceId: string,
    @Arg('level', () => RankingLevel, { description: 'Rank the task force\'s units or its subgroups.' }) level: RankingLevel,
    @Arg('by', () => RankingIndicator, { description: 'The indicator to rank by; WEIGHTED_SCORE (综合得分) is the 通报\'s usual one.' }) by: RankingIndicator,
    @Arg('asOf', () => String, { description: 'ISO date the figures stand for; default today.', nullable: true }) asOfArg: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RankingEntry[]> {
    const taskForce = await ctx.loaders.taskForce.load(decodeId(taskForceId, 'TaskForce', 'taskForceId').id);
    if (!taskForce) throw new NotFoundError('TaskForce', taskForceId, 'taskForceId');
    return RankingService.rank(ctx, taskForce, level, by, resolveAsOf(asOfArg, 'asOf', taskForce));
  }
}
