import { requireRole } from '../../auth/guards';
import { checkDate, checkOrdered } from '../../common/validation';
import { inTransaction } from '../../db/transaction';
import { diff, recordChange } from '../change/change-log';
import { RequestContext } from '../../common/request-context';
import { Role } from '../user/user.entity';
import { TaskForce, TimeProgressMode } from './task-force.entity';
import { TaskForceCreateInput } from './task-force.inputs';

/** Reads and rules of task forces. */
export const TaskForceService = {
  list(ctx: RequestContext): Promise<TaskForce[]> {
    return ctx.manager.find(TaskForce, { order: { periodStart: 'DESC', dbId: 'ASC' } });
  },
};

/** Creates a campaign (ADMIN), recorded in the change log. */
export async function createTaskForce(ctx: RequestContext, input: TaskForceCreateInput): Promise<TaskForce> {
  const user = requireRole(ctx.user, Role.ADMIN);
  const periodStart = checkDate(input.periodStart, 'input.periodStart')!;
  const periodEnd = checkDate(input.periodEnd, 'input.periodEnd')!;
  checkOrdered(periodStart, periodEnd, 'input.periodStart', 'input.periodEnd');
  const taskForce = await inTransaction(ctx.services.dataSource, async (manager) => {
    const values = {
      name: input.name.trim(),
      documentNumber: input.documentNumber?.trim() || null,
      periodStart,
      periodEnd,
      region: input.region?.trim() ?? '',
      issuer: input.issuer?.trim() || null,
      reportingCadence: input.reportingCadence ?? null,
      timeProgressMode: input.timeProgressMode ?? TimeProgressMode.MONTH,
    };
    const saved = await manager.save(manager.create(TaskForce, values));
    await recordChange(manager, user, 'TaskForce', saved.dbId, 'CREATE', diff(null, values), { taskForceId: saved.dbId });
    return saved;
  });
  return taskForce;
}
