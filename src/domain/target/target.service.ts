import { assertMayWriteUnitRow, requireUser } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { checkDate } from '../../common/validation';
import { inTransaction } from '../../db/transaction';
import { BadInputError, ForbiddenError, NotFoundError } from '../../errors/app-error';
import { diff, recordChange } from '../change/change-log';
import { RequestContext } from '../../common/request-context';
import { Role } from '../user/user.entity';
import { TargetActual } from './target-actual.entity';
import { Target } from './target.entity';
import { TargetActualSetInput } from './target.inputs';

/** Measures can be negative (a growth rate that fell), but must be finite and of sane size. */
function checkMeasure(value: number, field: string): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) throw new BadInputError(`${field} must be a finite number, got ${value}.`, field);
  return Math.round(value * 10_000) / 10_000;
}

export const TargetService = {
  async setActual(ctx: RequestContext, input: TargetActualSetInput): Promise<{ target: Target; actual: TargetActual }> {
    const user = requireUser(ctx.user);
    if (user.role === Role.REPORTER) throw new ForbiddenError('Targets are written by the leading-group office and the subgroup\'s leaders.');
    const targetId = decodeId(input.targetId, 'Target', 'input.targetId').id;
    const asOf = checkDate(input.asOf, 'input.asOf')!;
    const value = checkMeasure(input.value, 'input.value');
    const note = input.note?.trim() || null;
    const result = await inTransaction(ctx.services.dataSource, async (manager) => {
      const target = await manager.findOne(Target, { where: { dbId: targetId } });
      if (!target) throw new NotFoundError('Target', input.targetId, 'input.targetId');
      await assertMayWriteUnitRow(manager, user, { subgroupId: target.subgroupId, unitId: target.unitId, taskForceId: target.taskForceId }, true);
      const existing = await manager.findOne(TargetActual, { where: { targetId, asOf } });
      const changes = diff(existing ? { value: existing.value, note: existing.note } : null, { value, note });
      let actual: TargetActual;
      if (existing) {
        if (!Object.keys(changes).length) return { target, actual: existing };
        await manager.update(TargetActual, { dbId: existing.dbId }, { value, note, recordedById: user.dbId });
        actual = await manager.findOneOrFail(TargetActual, { where: { dbId: existing.dbId } });
      } else {
        actual = await manager.save(manager.create(TargetActual, { targetId, asOf, value, note, recordedById: user.dbId }));
      }
      changes.asOf = { before: existing ? asOf : null, after: asOf };
      await recordChange(manager, user, 'Target', target.dbId, existing ? 'ACTUAL_REPLACE' : 'ACTUAL_SET', changes, {
        taskForceId: target.taskForceId,
        subgroupId: target.subgroupId,
        unitId: target.unitId,
      });
      return { target, actual };
    });
    return result;
  },
};
