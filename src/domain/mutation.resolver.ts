import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { RequestContext } from '../common/request-context';
import { TaskForceCreateInput, TaskForcePayload, TaskForceUpdateInput } from './campaign/task-force.inputs';
import { createTaskForce, updateTaskForce } from './campaign/task-force.service';
import { SubgroupCreateInput, SubgroupPayload, SubgroupUpdateInput } from './campaign/subgroup.inputs';
import { SubgroupService } from './campaign/subgroup.service';
import { PersonCreateInput, PersonPayload, PersonUpdateInput, RoleAssignmentCreateInput, RoleAssignmentPayload, RoleAssignmentUpdateInput } from './person/person.inputs';
import { PersonService } from './person/person.service';
import { UnitCreateInput, UnitPayload, UnitUpdateInput } from './unit/unit.inputs';
import { UnitService } from './unit/unit.service';
import { ProblemAssignInput, ProblemPayload, ProblemRaiseInput, ProblemTransitionInput } from './problem/problem.inputs';
import { ProblemService } from './problem/problem.service';
import { ProgressReportInput, ProgressReportPayload } from './progress/progress-report.inputs';
import { ProgressReportService } from './progress/progress-report.service';
import { ProjectArchiveInput, ProjectCreateInput, ProjectPayload, ProjectUpdateInput } from './project/project-mutation.inputs';
import { ProjectService } from './project/project.service';
import { TargetActualPayload, TargetActualSetInput } from './target/target.inputs';
import { TargetService } from './target/target.service';
import { TaskPayload, TaskStatusSetInput } from './task/task.inputs';
import { TaskService } from './task/task.service';

/** Writes: one `input:` each, a payload back; the rules live in the services. */
@Resolver()
export class MutationResolver {
  @Mutation(() => TaskForcePayload, { description: 'Creates a campaign (ADMIN).' })
  async taskForceCreate(@Arg('input', () => TaskForceCreateInput, { description: 'The campaign: name, 文号, issuer, period and reporting rules.' }) input: TaskForceCreateInput, @Ctx() ctx: RequestContext): Promise<TaskForcePayload> {
    return { taskForce: await createTaskForce(ctx, input) };
  }

  @Mutation(() => TaskForcePayload, { description: 'Changes a campaign: its reporting cadences (ADMIN); expectedVersion guards against lost updates.' })
  async taskForceUpdate(@Arg('input', () => TaskForceUpdateInput, { description: 'The task force, the version read, and the fields to change.' }) input: TaskForceUpdateInput, @Ctx() ctx: RequestContext): Promise<TaskForcePayload> {
    return { taskForce: await updateTaskForce(ctx, input) };
  }

  @Mutation(() => ProjectPayload, { description: 'Updates a project (ADMIN, or a REPORTER of its unit); expectedVersion guards against lost updates.' })
  async projectUpdate(@Arg('input', () => ProjectUpdateInput, { description: 'The project, the version read, and the fields to change.' }) input: ProjectUpdateInput, @Ctx() ctx: RequestContext): Promise<ProjectPayload> {
    return { project: await ProjectService.update(ctx, input) };
  }

  @Mutation(() => ProgressReportPayload, { description: 'Files (or replaces) a project\'s report for a period (ADMIN, or a REPORTER of its unit).' })
  async progressReport(@Arg('input', () => ProgressReportInput, { description: 'The project, the period and the figures reported for it.' }) input: ProgressReportInput, @Ctx() ctx: RequestContext): Promise<ProgressReportPayload> {
    return { report: await ProgressReportService.submit(ctx, input) };
  }

  @Mutation(() => ProblemPayload, { description: 'Raises a problem against a project or unit.' })
  async problemRaise(@Arg('input', () => ProblemRaiseInput, { description: 'The project or unit the problem is raised against, and its description.' }) input: ProblemRaiseInput, @Ctx() ctx: RequestContext): Promise<ProblemPayload> {
    return { problem: await ProblemService.raise(ctx, input) };
  }

  @Mutation(() => ProblemPayload, { description: 'Moves a problem through 交办 → 办理 → 销号.' })
  async problemTransition(@Arg('input', () => ProblemTransitionInput, { description: 'The problem, the version read, and the state to move it to.' }) input: ProblemTransitionInput, @Ctx() ctx: RequestContext): Promise<ProblemPayload> {
    return { problem: await ProblemService.transition(ctx, input) };
  }

  @Mutation(() => ProjectPayload, { description: 'Adds a project to a task force (ADMIN, or a REPORTER for its own unit).' })
  async projectCreate(@Arg('input', () => ProjectCreateInput, { description: 'The new project: task force, unit, code, name and ledger fields.' }) input: ProjectCreateInput, @Ctx() ctx: RequestContext): Promise<ProjectPayload> {
    return { project: await ProjectService.create(ctx, input) };
  }

  @Mutation(() => ProjectPayload, { description: 'Archives a project, or restores it (ADMIN); archiving is also open to a REPORTER of its unit.' })
  async projectArchive(@Arg('input', () => ProjectArchiveInput, { description: 'The project and the version read.' }) input: ProjectArchiveInput, @Ctx() ctx: RequestContext): Promise<ProjectPayload> {
    return { project: await ProjectService.archive(ctx, input) };
  }

  @Mutation(() => ProblemPayload, { description: 'Assigns (交办) a problem to a responsible unit with a deadline (ADMIN, or a LEADER of its subgroup).' })
  async problemAssign(@Arg('input', () => ProblemAssignInput, { description: 'The problem, the responsible unit and the deadline.' }) input: ProblemAssignInput, @Ctx() ctx: RequestContext): Promise<ProblemPayload> {
    return { problem: await ProblemService.assign(ctx, input) };
  }

  @Mutation(() => TargetActualPayload, { description: 'Records a target\'s actual value on a date (ADMIN, or a LEADER of its subgroup).' })
  targetActualSet(@Arg('input', () => TargetActualSetInput, { description: 'The target, the date and the actual value reached.' }) input: TargetActualSetInput, @Ctx() ctx: RequestContext): Promise<TargetActualPayload> {
    return TargetService.setActual(ctx, input);
  }

  @Mutation(() => TaskPayload, { description: 'Sets a work task\'s status (ADMIN, or a REPORTER of its lead unit).' })
  async taskStatusSet(@Arg('input', () => TaskStatusSetInput, { description: 'The task and its new status.' }) input: TaskStatusSetInput, @Ctx() ctx: RequestContext): Promise<TaskPayload> {
    return { task: await TaskService.setStatus(ctx, input) };
  }

  @Mutation(() => SubgroupPayload, { description: 'Adds a subgroup to a task force, with the units it covers (ADMIN).' })
  async subgroupCreate(@Arg('input', () => SubgroupCreateInput, { description: 'The task force, the subgroup name and its units.' }) input: SubgroupCreateInput, @Ctx() ctx: RequestContext): Promise<SubgroupPayload> {
    return { subgroup: await SubgroupService.create(ctx, input) };
  }

  @Mutation(() => SubgroupPayload, { description: 'Changes a subgroup (ADMIN); projects follow their unit\'s new subgroup.' })
  async subgroupUpdate(@Arg('input', () => SubgroupUpdateInput, { description: 'The subgroup, the version read, and the fields to change.' }) input: SubgroupUpdateInput, @Ctx() ctx: RequestContext): Promise<SubgroupPayload> {
    return { subgroup: await SubgroupService.update(ctx, input) };
  }

  @Mutation(() => UnitPayload, { description: 'Adds a unit to the shared directory (ADMIN).' })
  async unitCreate(@Arg('input', () => UnitCreateInput, { description: 'The unit: name, kind and region.' }) input: UnitCreateInput, @Ctx() ctx: RequestContext): Promise<UnitPayload> {
    return { unit: await UnitService.create(ctx, input) };
  }

  @Mutation(() => UnitPayload, { description: 'Renames or reclassifies a unit (ADMIN).' })
  async unitUpdate(@Arg('input', () => UnitUpdateInput, { description: 'The unit, the version read, and the fields to change.' }) input: UnitUpdateInput, @Ctx() ctx: RequestContext): Promise<UnitPayload> {
    return { unit: await UnitService.update(ctx, input) };
  }

  @Mutation(() => PersonPayload, { description: 'Adds a person (ADMIN).' })
  async personCreate(@Arg('input', () => PersonCreateInput, { description: 'The person to add to the directory.' }) input: PersonCreateInput, @Ctx() ctx: RequestContext): Promise<PersonPayload> {
    return { person: await PersonService.create(ctx, input) };
  }

  @Mutation(() => PersonPayload, { description: 'Changes a person\'s name, title or unit (ADMIN).' })
  async personUpdate(@Arg('input', () => PersonUpdateInput, { description: 'The person, the version read, and the fields to change.' }) input: PersonUpdateInput, @Ctx() ctx: RequestContext): Promise<PersonPayload> {
    return { person: await PersonService.update(ctx, input) };
  }

  @Mutation(() => RoleAssignmentPayload, { description: 'Puts a person in a role of a task force or subgroup from a date (ADMIN).' })
  async roleAssignmentCreate(@Arg('input', () => RoleAssignmentCreateInput, { description: 'The person, the task force or subgroup, and the role held there.' }) input: RoleAssignmentCreateInput, @Ctx() ctx: RequestContext): Promise<RoleAssignmentPayload> {
    return { roleAssignment: await PersonService.assignRole(ctx, input) };
  }

  @Mutation(() => RoleAssignmentPayload, { description: 'Changes a role assignment, e.g. ends it on a reshuffle (ADMIN).' })
  async roleAssignmentUpdate(@Arg('input', () => RoleAssignmentUpdateInput, { description: 'The role assignment, the version read, and the fields to change.' }) input: RoleAssignmentUpdateInput, @Ctx() ctx: RequestContext): Promise<RoleAssignmentPayload> {
    return { roleAssignment: await PersonService.updateRole(ctx, input) };
  }
}
