import { EntityManager } from 'typeorm';
import { NodeTypeName, toGlobalId } from '../common/global-id';
import { ChangeEvent, SequenceCounter } from '../domain/change/change-event.entity';
import { User } from '../domain/user/user.entity';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** Where a change sits in the hierarchy, so subscribers of any ancestor see it. */
export interface ChangeScope {
  taskForceId: number | null;
  subgroupId?: number | null;
  unitId?: number | null;
  projectId?: number | null;
}

/** The fields whose values differ between `before` and `after` (only keys of `after` are compared). */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [field, value] of Object.entries(after)) {
    const old = before ? before[field] ?? null : null;
    if (JSON.stringify(old) !== JSON.stringify(value ?? null)) changes[field] = { before: old, after: value ?? null };
  }
  return changes;
}

/**
 * Records a change inside the writing transaction. The sequence number comes from a counter row updated under
 * its row lock, so numbers are gap-free and a later number never commits before an earlier one.
 */
export async function recordChange(
  manager: EntityManager,
  actor: User | null,
  entity: NodeTypeName,
  entityId: number,
  action: string,
  changes: FieldChanges,
  scope: ChangeScope,
): Promise<ChangeEvent> {
  await manager.query('UPDATE sequence_counter SET value = value + 1 WHERE name = ?', ['change_event']);
  const counter = await manager.findOneOrFail(SequenceCounter, { where: { name: 'change_event' } });
  const event = manager.create(ChangeEvent, {
    seq: counter.value,
    at: new Date(),
    actorId: actor?.dbId ?? null,
    actor: actor?.username ?? null,
    entity,
    entityId: toGlobalId(entity, entityId),
    action,
    changes: JSON.stringify(changes),
    taskForceId: scope.taskForceId,
    subgroupId: scope.subgroupId ?? null,
    unitId: scope.unitId ?? null,
    projectId: scope.projectId ?? null,
  });
  await manager.insert(ChangeEvent, event);
  return event;
}
