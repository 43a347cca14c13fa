import { requireUser } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { inTransaction } from '../../db/transaction';
import { ForbiddenError, NotFoundError } from '../../errors/app-error';
import { diff, recordChange } from '../change/change-log';
import { RequestContext } from '../../common/request-context';
import { staleVersion, updateVersioned } from '../../db/versioned-update';
import { Role } from '../user/user.entity';
import { Task } from './task.entity';
import { TaskStatusSetInput } from './task.inputs';

export const TaskService = {
  async setStatus(ctx: RequestContext, input: TaskStatusSetInput): Promise<Task> {
    const user = requireUser(ctx.user);
    const id = decodeId(input.id, 'Task', 'input.id').id;
    const task = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Task, { where: { dbId: id } });
      if (!current) throw new NotFoundError('Task', input.id, 'input.id');
      const mayWrite = user.role === Role.ADMIN || (user.role === Role.REPORTER && user.unitId !== null && current.leadUnitId === user.unitId);
      if (!mayWrite) throw new ForbiddenError('A task\'s status is set by the leading-group office or a reporter of its lead unit.');
      const changes = diff({ status: current.status }, { status: input.status });
      if (!Object.keys(changes).length) {
        if (current.version !== input.expectedVersion) throw staleVersion('Task', input.expectedVersion, current.version);
        return current;
      }
      if (input.note?.trim()) changes.note = { before: null, after: input.note.trim() };
      await updateVersioned(manager, Task, current, input.expectedVersion, { status: input.status }, 'Task');
      await recordChange(manager, user, 'Task', current.dbId, 'STATUS', changes, { taskForceId: current.taskForceId, unitId: current.leadUnitId });
      return manager.findOneOrFail(Task, { where: { dbId: id } });
    });
    return task;
  },
};
