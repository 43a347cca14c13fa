import { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../errors/app-error';

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
