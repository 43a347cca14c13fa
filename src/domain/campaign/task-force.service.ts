import { TaskForce } from './task-force.entity';
import { RequestContext } from '../../server/context';

/** Reads and rules of task forces. */
export const TaskForceService = {
  list(ctx: RequestContext): Promise<TaskForce[]> {
    return ctx.manager.find(TaskForce, { order: { periodStart: 'DESC', dbId: 'ASC' } });
  },
};
