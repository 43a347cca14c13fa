import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { RequestContext } from '../server/context';
import { TaskForceCreateInput, TaskForcePayload } from './campaign/task-force.inputs';
import { createTaskForce } from './campaign/task-force.service';
import { ProblemPayload, ProblemRaiseInput, ProblemTransitionInput } from './problem/problem.inputs';
import { ProblemService } from './problem/problem.service';
import { ProgressReportInput, ProgressReportPayload } from './progress/progress-report.inputs';
import { ProgressReportService } from './progress/progress-report.service';
import { ProjectPayload, ProjectUpdateInput } from './project/project-mutation.inputs';
import { ProjectService } from './project/project.service';

/** Writes: one `input:` each, a payload back; the rules live in the services. */
@Resolver()
export class MutationResolver {
  @Mutation(() => TaskForcePayload, { description: 'Creates a campaign (ADMIN).' })
  async taskForceCreate(@Arg('input', () => TaskForceCreateInput) input: TaskForceCreateInput, @Ctx() ctx: RequestContext): Promise<TaskForcePayload> {
    return { taskForce: await createTaskForce(ctx, input) };
  }

  @Mutation(() => ProjectPayload, { description: 'Updates a project (ADMIN, or a REPORTER of its unit); expectedVersion guards against lost updates.' })
  async projectUpdate(@Arg('input', () => ProjectUpdateInput) input: ProjectUpdateInput, @Ctx() ctx: RequestContext): Promise<ProjectPayload> {
    return { project: await ProjectService.update(ctx, input) };
  }

  @Mutation(() => ProgressReportPayload, { description: 'Files (or replaces) a project\'s report for a period (ADMIN, or a REPORTER of its unit).' })
  async progressReport(@Arg('input', () => ProgressReportInput) input: ProgressReportInput, @Ctx() ctx: RequestContext): Promise<ProgressReportPayload> {
    return { report: await ProgressReportService.submit(ctx, input) };
  }

  @Mutation(() => ProblemPayload, { description: 'Raises a problem against a project or unit.' })
  async problemRaise(@Arg('input', () => ProblemRaiseInput) input: ProblemRaiseInput, @Ctx() ctx: RequestContext): Promise<ProblemPayload> {
    return { problem: await ProblemService.raise(ctx, input) };
  }

  @Mutation(() => ProblemPayload, { description: 'Moves a problem through 交办 → 办理 → 销号.' })
  async problemTransition(@Arg('input', () => ProblemTransitionInput) input: ProblemTransitionInput, @Ctx() ctx: RequestContext): Promise<ProblemPayload> {
    return { problem: await ProblemService.transition(ctx, input) };
  }
}
