import { MaxLength } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { resolveAsOf } from '../../common/args';
import { decodeId } from '../../common/global-id';
import { escapeLike, foldForSearch } from '../../common/search-text';
import { Metrics } from '../../metrics/metrics.type';
import { RequestContext } from '../../common/request-context';
import { ProjectConnection } from '../project/project-connection.type';
import { ProjectListArgs } from '../project/project.inputs';
import { projectConnection } from '../project/project.resolver';
import { Unit, UnitKind } from './unit.entity';

@ArgsType()
class UnitSearchArgs {
  @Field({ nullable: true, description: 'Part of the name; 简/繁, case and spaces ignored.' })
  @MaxLength(100)
  search?: string;

  @Field(() => String, { nullable: true, description: 'Only units of this region (city), e.g. 大同市.' })
  @MaxLength(50)
  region?: string;

  @Field(() => [UnitKind], { nullable: true, description: 'Only units of these kinds; default every kind.' })
  kind?: UnitKind[];
}

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => [Unit], { description: 'The unit directory, shared by all task forces, ordered by region and name.' })
  units(@Args() { search, region, kind }: UnitSearchArgs, @Ctx() ctx: RequestContext): Promise<Unit[]> {
    const qb = ctx.manager.createQueryBuilder(Unit, 'u').orderBy('u.region', 'ASC').addOrderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC');
    const folded = foldForSearch(search);
    if (folded) qb.andWhere("u.search_text LIKE :q ESCAPE '!'", { q: `%${escapeLike(folded)}%` });
    if (region) qb.andWhere('u.region = :region', { region });
    if (kind?.length) qb.andWhere('u.kind IN (:...kinds)', { kinds: kind });
    return qb.getMany();
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects the unit carries, in every task force unless the filter names one.' })
  projects(@Root() unit: Unit, @Args() args: ProjectListArgs, @Ctx() ctx: RequestContext): Promise<ProjectConnection> {
    return projectConnection(ctx, 'UNIT', unit.dbId, args);
  }

  @FieldResolver(() => Metrics, { description: 'The unit\'s metrics within one task force, or over all of them.' })
  async metrics(
    @Root() unit: Unit,
    @Arg('taskForceId', () => ID, { description: 'Count only the unit\'s projects in this task force; default every task force.', nullable: true }) taskForceId: string | null,
    @Arg('asOf', () => String, { description: 'ISO date the figures stand for; default today (within the task force period).', nullable: true }) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Metrics> {
    const taskForce = taskForceId ? decodeId(taskForceId, 'TaskForce', 'taskForceId').id : null;
    const period = taskForce !== null && !asOf ? await ctx.loaders.taskForce.load(taskForce) : null;
    return ctx.loaders.metrics.load({ kind: 'UNIT', id: unit.dbId, taskForceId: taskForce, asOf: resolveAsOf(asOf, 'asOf', period) }) as Promise<Metrics>;
  }
}
