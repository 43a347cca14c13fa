import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { resolveAsOf } from '../../common/args';
import { pageRequest } from '../../common/paging';
import { decodeId } from '../../common/global-id';
import { BadInputError } from '../../errors/app-error';
import { Metrics } from '../../metrics/metrics.type';
import { RequestContext } from '../../common/request-context';
import { Subgroup } from '../campaign/subgroup.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { Problem } from '../problem/problem.entity';
import { ProgressReport } from '../progress/progress-report.entity';
import { Unit } from '../unit/unit.entity';
import { AggregateGroup, ProjectGroupKey } from './project-aggregate.type';
import { ProjectConnection } from './project-connection.type';
import { ConnectionParent, ResolvedProjectFilter } from './project-query.service';
import { AnnualPlan } from './annual-plan.entity';
import { Project } from './project.entity';
import { ProjectFilter, ProjectListArgs, ProjectOrder } from './project.inputs';
import { ProjectAggregateService } from './project-aggregate.service';

/** Decodes a ProjectFilter's IDs (BAD_USER_INPUT naming the field when one is not an ID of the right type). */
export function resolveFilter(filter: ProjectFilter | undefined | null): ResolvedProjectFilter {
  if (!filter) return {};
  if (filter.lightAsOf && !filter.light?.length) throw new BadInputError('filter.lightAsOf is the date the light filter judges at: give filter.light too.', 'filter.lightAsOf');
  return {
    taskForceId: filter.taskForceId ? decodeId(filter.taskForceId, 'TaskForce', 'filter.taskForceId').id : undefined,
    subgroupId: filter.subgroupId ? decodeId(filter.subgroupId, 'Subgroup', 'filter.subgroupId').id : undefined,
    unitId: filter.unitId ? decodeId(filter.unitId, 'Unit', 'filter.unitId').id : undefined,
    stage: filter.stage ?? undefined,
    sector: filter.sector ?? undefined,
    search: filter.search?.trim() || undefined,
    light: filter.light ?? undefined,
    lightAsOf: filter.lightAsOf ? resolveAsOf(filter.lightAsOf, 'filter.lightAsOf') : undefined,
    isExample: filter.isExample ?? undefined,
  };
}

/** A page of projects under a parent (or all), through the request's batching loader. */
export async function projectConnection(ctx: RequestContext, parent: ConnectionParent, parentId: number, args: ProjectListArgs): Promise<ProjectConnection> {
  const page = pageRequest(args, ctx.services.config.limits.maxPageSize);
  const result = await ctx.loaders.projectConnection.load({
    parent,
    parentId,
    filter: resolveFilter(args.filter),
    orderBy: args.orderBy ?? ProjectOrder.NAME,
    page,
  });
  for (const edge of result.edges) ctx.loaders.project.prime(edge.node.dbId, edge.node);
  return {
    edges: result.edges,
    nodes: result.edges.map((e) => e.node),
    totalCount: result.totalCount,
    pageInfo: {
      hasNextPage: result.hasNextPage,
      hasPreviousPage: result.hasPreviousPage,
      startCursor: result.edges[0]?.cursor ?? null,
      endCursor: result.edges.at(-1)?.cursor ?? null,
    },
  };
}

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => ProjectConnection, { description: 'Projects across task forces, filtered, ordered and paged (Relay).' })
  async projects(@Args() args: ProjectListArgs, @Ctx() ctx: RequestContext): Promise<ProjectConnection> {
    return projectConnection(ctx, 'ALL', 0, args);
  }

  @Query(() => [AggregateGroup], { description: 'Metrics of the filtered projects grouped by the given keys (e.g. [UNIT, SECTOR]).' })
  async projectAggregate(
    @Arg('filter', () => ProjectFilter, { description: 'The projects to aggregate; all given conditions must hold.', nullable: true }) filter: ProjectFilter | null,
    @Arg('groupBy', () => [ProjectGroupKey], { description: 'The key to group the projects by.' }) groupBy: ProjectGroupKey[],
    @Arg('asOf', () => String, { description: 'ISO date the figures stand for; default today.', nullable: true }) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AggregateGroup[]> {
    if (groupBy.length > 5 || new Set(groupBy).size !== groupBy.length) throw new BadInputError('groupBy takes each key at most once.', 'groupBy');
    const resolved = resolveFilter(filter);
    const taskForce = !asOf && resolved.taskForceId !== undefined ? await ctx.loaders.taskForce.load(resolved.taskForceId) : null;
    const date = resolveAsOf(asOf, 'asOf', taskForce);
    // The light filter judges at the figures' date unless it names its own.
    if (asOf && resolved.light?.length && !resolved.lightAsOf) resolved.lightAsOf = date;
    return ProjectAggregateService.aggregate(ctx, resolved, groupBy, date);
  }

  @FieldResolver(() => TaskForce, { description: 'The task force the project belongs to.' })
  async taskForce(@Root() project: Project, @Ctx() ctx: RequestContext): Promise<TaskForce> {
    return (await ctx.loaders.taskForce.load(project.taskForceId))!;
  }

  @FieldResolver(() => Unit, { description: '责任单位.' })
  async unit(@Root() project: Project, @Ctx() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.unit.load(project.unitId))!;
  }

  @FieldResolver(() => Subgroup, { nullable: true, description: 'The explicit subgroup, or the unique subgroup covering the unit in the task force.' })
  subgroup(@Root() project: Project, @Ctx() ctx: RequestContext): Promise<Subgroup | null> | null {
    return project.subgroupId ? ctx.loaders.subgroup.load(project.subgroupId) : null;
  }

  @FieldResolver(() => [Problem], { description: 'Problems raised against the project, newest first.' })
  problems(@Root() project: Project, @Ctx() ctx: RequestContext): Promise<Problem[]> {
    return ctx.loaders.problemsByProject.load(project.dbId);
  }

  @FieldResolver(() => [AnnualPlan], { description: '年度计划投资 by calendar year, earliest first. Metrics at a date read the plan of that date\'s year.' })
  annualPlans(@Root() project: Project, @Ctx() ctx: RequestContext): Promise<AnnualPlan[]> {
    return ctx.loaders.annualPlansByProject.load(project.dbId);
  }

  @FieldResolver(() => [ProgressReport], { description: 'Progress reports, latest period first.' })
  reports(@Root() project: Project, @Ctx() ctx: RequestContext): Promise<ProgressReport[]> {
    return ctx.loaders.reportsByProject.load(project.dbId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Ledger columns the service does not know, as a JSON object (header → text).' })
  customFields(@Root() project: Project): string | null {
    return project.customFields && Object.keys(project.customFields).length ? JSON.stringify(project.customFields) : null;
  }

  @FieldResolver(() => Metrics, { description: 'The project\'s indicators at asOf.' })
  async metrics(@Root() project: Project, @Arg('asOf', () => String, { description: 'ISO date the figures stand for; default today (within the task force period).', nullable: true }) asOf: string | null, @Ctx() ctx: RequestContext): Promise<Metrics> {
    const taskForce = asOf ? null : await ctx.loaders.taskForce.load(project.taskForceId);
    return ctx.loaders.metrics.load({ kind: 'PROJECT', id: project.dbId, asOf: resolveAsOf(asOf, 'asOf', taskForce) }) as Promise<Metrics>;
  }
}
