import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { resolveAsOf } from '../../common/args';
import { decodeId } from '../../common/global-id';
import { Metrics } from '../../metrics/metrics.type';
import { RequestContext } from '../../common/request-context';
import { RoleAssignment } from '../person/role-assignment.entity';
import { ProjectConnection } from '../project/project-connection.type';
import { ProjectListArgs } from '../project/project.inputs';
import { projectConnection } from '../project/project.resolver';
import { Target } from '../target/target.entity';
import { Task } from '../task/task.entity';
import { Unit } from '../unit/unit.entity';
import { Subgroup } from './subgroup.entity';
import { TaskForce } from './task-force.entity';
import { TaskForceService } from './task-force.service';

@Resolver(() => TaskForce)
export class TaskForceResolver {
  @Query(() => [TaskForce], { description: 'Every task force (campaign), newest period first.' })
  taskForces(@Ctx() ctx: RequestContext): Promise<TaskForce[]> {
    return TaskForceService.list(ctx);
  }

  @Query(() => TaskForce, { nullable: true, description: 'A task force by ID; null when it does not exist.' })
  async taskForce(@Arg('id', () => ID, { description: 'Global ID of the task force.' }) id: string, @Ctx() ctx: RequestContext): Promise<TaskForce | null> {
    return ctx.loaders.taskForce.load(decodeId(id, 'TaskForce', 'id').id);
  }

  @FieldResolver(() => [RoleAssignment], { description: 'Task-force level roles (组长, 副组长, 办公室主任 …), current and past.' })
  roles(@Root() taskForce: TaskForce, @Ctx() ctx: RequestContext): Promise<RoleAssignment[]> {
    return ctx.loaders.rolesByTaskForce.load(taskForce.dbId);
  }

  @FieldResolver(() => [Subgroup], { description: 'The subgroups (工作专班/小组), in document order.' })
  subgroups(@Root() taskForce: TaskForce, @Ctx() ctx: RequestContext): Promise<Subgroup[]> {
    return ctx.loaders.subgroupsByTaskForce.load(taskForce.dbId);
  }

  @FieldResolver(() => [Target], { description: 'Every target of the task force, its subgroups and units.' })
  targets(@Root() taskForce: TaskForce, @Ctx() ctx: RequestContext): Promise<Target[]> {
    return ctx.loaders.targetsByTaskForce.load(taskForce.dbId);
  }

  @FieldResolver(() => [Task], { description: 'The work tasks (工作任务) of the task force.' })
  tasks(@Root() taskForce: TaskForce, @Ctx() ctx: RequestContext): Promise<Task[]> {
    return ctx.loaders.tasksByTaskForce.load(taskForce.dbId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'Unit where the leading group\'s office sits (办公室设在).' })
  officeUnit(@Root() taskForce: TaskForce, @Ctx() ctx: RequestContext): Promise<Unit | null> | null {
    return taskForce.officeUnitId ? ctx.loaders.unit.load(taskForce.officeUnitId) : null;
  }

  @FieldResolver(() => ProjectConnection, { description: 'The task force\'s projects, a page at a time.' })
  projects(@Root() taskForce: TaskForce, @Args() args: ProjectListArgs, @Ctx() ctx: RequestContext): Promise<ProjectConnection> {
    return projectConnection(ctx, 'TASK_FORCE', taskForce.dbId, args);
  }

  @FieldResolver(() => Metrics, { description: 'The task force\'s indicators at asOf.' })
  metrics(@Root() taskForce: TaskForce, @Arg('asOf', () => String, { description: 'ISO date the figures stand for; default today (within the task force period).', nullable: true }) asOf: string | null, @Ctx() ctx: RequestContext): Promise<Metrics> {
    return ctx.loaders.metrics.load({ kind: 'TASK_FORCE', id: taskForce.dbId, asOf: resolveAsOf(asOf, 'asOf', taskForce) }) as Promise<Metrics>;
  }
}
