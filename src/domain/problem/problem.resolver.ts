import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { today } from '../../metrics/dates';
import { loadReference } from '../../loaders/loaders';
import { RequestContext } from '../../common/request-context';
import { Project } from '../project/project.entity';
import { Unit } from '../unit/unit.entity';
import { Problem, ProblemState } from './problem.entity';

@Resolver(() => Problem)
export class ProblemResolver {
  @FieldResolver(() => Project, { nullable: true })
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
