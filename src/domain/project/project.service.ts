import { EntityManager } from 'typeorm';
import { requireUser, assertMayWriteUnitRow } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { checkAmount, checkDate, checkOrdered } from '../../common/validation';
import { inTransaction } from '../../db/transaction';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors/app-error';
import { diff, recordChange } from '../../live/change-log';
import { today } from '../../metrics/dates';
import { RequestContext } from '../../server/context';
import { Role } from '../user/user.entity';
import { Project } from './project.entity';
import { ProjectUpdateInput } from './project-mutation.inputs';

const figureFields = ['ytdCompletedInvestment', 'cumulativeCompletedInvestment', 'fundsInPlace'] as const;

/** The CONFLICT a stale expectedVersion gets, carrying the current version. */
export function staleVersion(label: string, expectedVersion: number, currentVersion: number): ConflictError {
  return new ConflictError(
    `${label} has changed since you read it: your version is ${expectedVersion}, the current version is ${currentVersion}. Reload and try again.`,
    { currentVersion, expectedVersion },
  );
}

/**
 * Updates a row guarded by optimistic concurrency: `UPDATE … SET version = version + 1 WHERE id = ? AND version = ?`
 * must touch exactly one row, else CONFLICT with the current version (and the transaction rolls back).
 */
export async function updateVersioned<T extends { dbId: number; version: number }>(
  manager: EntityManager,
  entity: new () => T,
  row: T,
  expectedVersion: number,
  values: Record<string, unknown>,
  label: string,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...values, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :expectedVersion', { id: row.dbId, expectedVersion })
    .execute();
  if (result.affected !== 1) {
    const current = await manager.findOne(entity, { where: { dbId: row.dbId } as never, select: { dbId: true, version: true } as never });
    if (!current) throw new NotFoundError(label, String(row.dbId));
    throw staleVersion(label, expectedVersion, current.version);
  }
}

export const ProjectService = {
  async update(ctx: RequestContext, input: ProjectUpdateInput): Promise<Project> {
    const user = requireUser(ctx.user);
    const id = decodeId(input.id, 'Project', 'input.id').id;
    const values: Partial<Record<keyof Project, unknown>> = {};
    for (const field of ['ytdCompletedInvestment', 'cumulativeCompletedInvestment', 'fundsInPlace', 'plannedFunds', 'annualPlanInvestment', 'totalInvestment'] as const) {
      if (input[field] !== undefined) values[field] = checkAmount(input[field], `input.${field}`);
    }
    for (const field of ['actualStart', 'actualEnd'] as const) {
      if (input[field] !== undefined) values[field] = checkDate(input[field], `input.${field}`);
    }
    for (const field of ['stage', 'visualProgress', 'problemsText', 'nextSteps'] as const) {
      if (input[field] !== undefined && input[field] !== null) values[field] = input[field];
    }
    if ((values.annualPlanInvestment !== undefined || values.totalInvestment !== undefined) && user.role !== Role.ADMIN) {
      throw new ForbiddenError('Only the leading-group office (ADMIN) changes planned and total investment.');
    }

    const project = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Project, { where: { dbId: id } });
      if (!current || current.archivedAt) throw new NotFoundError('Project', input.id, 'input.id');
      await assertMayWriteUnitRow(manager, user, current, false);
      checkOrdered(
        (values.actualStart as string | null | undefined) === undefined ? current.actualStart : (values.actualStart as string | null),
        (values.actualEnd as string | null | undefined) === undefined ? current.actualEnd : (values.actualEnd as string | null),
        'input.actualStart',
        'input.actualEnd',
      );
      const changes = diff(current as unknown as Record<string, unknown>, values);
      if (figureFields.some((f) => f in changes)) {
        values.statsDate = today();
        changes.statsDate = { before: current.statsDate, after: values.statsDate };
      }
      if (!Object.keys(changes).length) {
        if (current.version !== input.expectedVersion) throw staleVersion('Project', input.expectedVersion, current.version);
        return current;
      }
      const written = Object.fromEntries(Object.keys(changes).map((k) => [k, values[k as keyof Project]]));
      await updateVersioned(manager, Project, current, input.expectedVersion, written, 'Project');
      await recordChange(manager, user, 'Project', current.dbId, 'UPDATE', changes, {
        taskForceId: current.taskForceId,
        subgroupId: current.subgroupId,
        unitId: current.unitId,
        projectId: current.dbId,
      });
      return manager.findOneOrFail(Project, { where: { dbId: id } });
    });
    ctx.services.live.notifyCommitted();
    return project;
  },
};
