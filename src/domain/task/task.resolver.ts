import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { loadReference } from '../../loaders/loaders';
import { RequestContext } from '../../common/request-context';
import { Unit } from '../unit/unit.entity';
import { Task } from './task.entity';

@Resolver(() => Task)
export class TaskResolver {
  @FieldResolver(() => Unit, { nullable: true, description: 'Lead unit (牵头/责任单位).' })
  leadUnit(@Root() task: Task, @Ctx() ctx: RequestContext): Unit | Promise<Unit | null> | null {
    return loadReference(task.leadUnit, task.leadUnitId, ctx.loaders.unit);
  }

  @FieldResolver(() => [Unit], { description: 'Cooperating units (配合单位), in the document\'s order.' })
  cooperatingUnits(@Root() task: Task, @Ctx() ctx: RequestContext): Promise<Unit[]> {
    return ctx.loaders.cooperatingUnitsByTask.load(task.dbId);
  }
}
