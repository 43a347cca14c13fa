import { requireRole } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { NotFoundError } from '../../errors/app-error';
import { staleVersion, updateVersioned } from '../../db/versioned-update';
import { checkReportingRules } from '../reporting/reporting-period';
import { checkDate, checkOrdered } from '../../common/validation';
import { inTransaction } from '../../db/transaction';
import { diff, recordChange } from '../change/change-log';
import { RequestContext } from '../../common/request-context';
import { Role } from '../user/user.entity';
import { TaskForce, TimeProgressMode } from './task-force.entity';
import { TaskForceCreateInput, TaskForceUpdateInput } from './task-force.inputs';

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
  const cadences = input.reportingCadences ? checkReportingRules(input.reportingCadences, 'input.reportingCadences') : null;
  const taskForce = await inTransaction(ctx.services.dataSource, async (manager) => {
    const values = {
      name: input.name.trim(),
      documentNumber: input.documentNumber?.trim() || null,
      periodStart,
      periodEnd,
      region: input.region?.trim() ?? '',
      issuer: input.issuer?.trim() || null,
      reportingCadence: cadences?.length ? cadences[0].kind : (input.reportingCadence ?? null),
      reportingCadencesJson: cadences,
      timeProgressMode: input.timeProgressMode ?? TimeProgressMode.MONTH,
    };
    const saved = await manager.save(manager.create(TaskForce, values));
    await recordChange(manager, user, 'TaskForce', saved.dbId, 'CREATE', diff(null, values), { taskForceId: saved.dbId });
    return saved;
  });
  return taskForce;
}

/** Changes a campaign (ADMIN): today its reporting cadences; recorded in the change log. */
export async function updateTaskForce(ctx: RequestContext, input: TaskForceUpdateInput): Promise<TaskForce> {
  const user = requireRole(ctx.user, Role.ADMIN);
  const id = decodeId(input.id, 'TaskForce', 'input.id').id;
  const cadences = input.reportingCadences ? checkReportingRules(input.reportingCadences, 'input.reportingCadences') : undefined;
  return inTransaction(ctx.services.dataSource, async (manager) => {
    const current = await manager.findOne(TaskForce, { where: { dbId: id } });
    if (!current) throw new NotFoundError('TaskForce', input.id, 'input.id');
    const values: Record<string, unknown> = {};
    if (cadences !== undefined) {
      values.reportingCadencesJson = cadences;
      values.reportingCadence = cadences[0]?.kind ?? null;
    }
    const changes = diff({ reportingCadences: current.reportingCadences, reportingCadence: current.reportingCadence }, cadences === undefined ? {} : { reportingCadences: cadences, reportingCadence: values.reportingCadence });
    if (!Object.keys(changes).length) {
      if (current.version !== input.expectedVersion) throw staleVersion('TaskForce', input.expectedVersion, current.version);
      return current;
    }
    await updateVersioned(manager, TaskForce, current, input.expectedVersion, values, 'TaskForce');
    await recordChange(manager, user, 'TaskForce', id, 'UPDATE', changes, { taskForceId: id });
    return manager.findOneOrFail(TaskForce, { where: { dbId: id } });
  });
}
