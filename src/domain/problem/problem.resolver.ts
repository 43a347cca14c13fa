import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { pageRequest } from '../../common/paging';
import { BadInputError } from '../../errors/app-error';
import { today } from '../../metrics/dates';
import { loadReference } from '../../loaders/loaders';
import { RequestContext } from '../../common/request-context';
import { Project } from '../project/project.entity';
import { Unit } from '../unit/unit.entity';
import { Subgroup } from '../campaign/subgroup.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { ProblemConnection } from './problem-connection.type';
import { ProblemListArgs, ProblemOrder } from './problem-list.inputs';
import { ProblemQueryService, resolveProblemFilter } from './problem-query.service';
import { Problem, ProblemState } from './problem.entity';

@Resolver(() => Problem)
export class ProblemResolver {
  @Query(() => ProblemConnection, {
    description: '问题清单: problems across task forces, filtered (task force, subgroup, unit, responsible unit, state, overdue, escalation, raised and deadline ranges), ordered and paged (Relay). A scoped screen token reads only the problems within its scope.',
  })
  async problems(@Args() args: ProblemListArgs, @Ctx() ctx: RequestContext): Promise<ProblemConnection> {
    const request = pageRequest(args, ctx.services.config.limits.maxPageSize);
    const page = await ProblemQueryService.page(ctx.manager, resolveProblemFilter(args.filter), args.orderBy ?? ProblemOrder.RAISED_DESC, request);
    return {
      edges: page.edges,
      nodes: page.edges.map((e) => e.node),
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: page.edges[0]?.cursor ?? null, endCursor: page.edges.at(-1)?.cursor ?? null },
    };
  }

  @FieldResolver(() => TaskForce, { nullable: true, description: 'Task force the problem belongs to.' })
  taskForce(@Root() problem: Problem, @Ctx() ctx: RequestContext): Promise<TaskForce | null> | null {
    return problem.taskForceId ? ctx.loaders.taskForce.load(problem.taskForceId) : null;
  }

  @FieldResolver(() => Subgroup, { nullable: true, description: "Subgroup the problem belongs to (its project's subgroup)." })
  subgroup(@Root() problem: Problem, @Ctx() ctx: RequestContext): Promise<Subgroup | null> | null {
    return problem.subgroupId ? ctx.loaders.subgroup.load(problem.subgroupId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'When it was last assigned (交办) to its responsible unit, ISO timestamp; null before (and for problems assigned before the service kept it).' })
  assignedAt(@Root() problem: Problem): string | null {
    return problem.assignedAt ? new Date(problem.assignedAt).toISOString() : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'When it was closed (销号), ISO timestamp; null while open.' })
  closedAt(@Root() problem: Problem): string | null {
    return problem.closedAt ? new Date(problem.closedAt).toISOString() : null;
  }

  @FieldResolver(() => Project, { description: 'The project the problem is raised against; null for a problem of a unit.', nullable: true })
  project(@Root() problem: Problem, @Ctx() ctx: RequestContext): Promise<Project | null> | null {
    return problem.projectId ? ctx.loaders.project.load(problem.projectId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'Unit the problem is raised against.' })
  unit(@Root() problem: Problem, @Ctx() ctx: RequestContext): Unit | Promise<Unit | null> | null {
    return loadReference(problem.unit, problem.unitId, ctx.loaders.unit);
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'Unit responsible for solving it.' })
  responsibleUnit(@Root() problem: Problem, @Ctx() ctx: RequestContext): Unit | Promise<Unit | null> | null {
    return loadReference(problem.responsibleUnit, problem.responsibleUnitId, ctx.loaders.unit);
  }

  @FieldResolver(() => Boolean, { description: 'Past its deadline and not closed.' })
  overdue(@Root() problem: Problem): boolean {
    return problem.state !== ProblemState.CLOSED && problem.deadline !== null && problem.deadline < today();
  }
}
