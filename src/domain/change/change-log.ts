import { DataSource, EntityManager } from 'typeorm';
import { NodeTypeName, toGlobalId } from '../../common/global-id';
import { afterCommit, transactionSlot } from '../../db/transaction';
import { User } from '../user/user.entity';
import { ChangeEvent, SequenceCounter } from './change-event.entity';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** Where a change sits in the hierarchy, so subscribers of any ancestor see it. */
export interface ChangeScope {
  taskForceId: number | null;
  subgroupId?: number | null;
  unitId?: number | null;
  projectId?: number | null;
}

/** Whether two values are the same once written as JSON (the change log's notion of "unchanged"). */
function sameJson(a: unknown, b: unknown): boolean {
  // Texts, finite numbers, booleans and null compare directly; JSON writes them one way each.
  if (a === b && typeof a !== 'number') return true;
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) return a === b;
  if (typeof a === 'string' && typeof b === 'string') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields whose values differ between `before` and `after` (only keys of `after` are compared). */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [field, value] of Object.entries(after)) {
    const old = before ? before[field] ?? null : null;
    if (!sameJson(old, value ?? null)) changes[field] = { before: old, after: value ?? null };
  }
  return changes;
}

/** One change to record: what changed, and where it sits. */
export interface ChangeEntry {
  entity: NodeTypeName;
  entityId: number;
  action: string;
  changes: FieldChanges;
  scope: ChangeScope;
}

/** The change_event.changes column is TEXT (64 KiB on MySQL); long texts are shortened to fit, with their length noted. */
const changesBudgetBytes = 60_000;
const shortenedChars = 1_000;

function changesText(changes: FieldChanges): string {
  const text = JSON.stringify(changes);
  if (text.length * 3 <= changesBudgetBytes || Buffer.byteLength(text) <= changesBudgetBytes) return text;
  const shorten = (value: unknown) =>
    typeof value === 'string' && value.length > shortenedChars ? `${value.slice(0, shortenedChars)}… [${value.length} characters in all]` : value;
  const shortened: FieldChanges = {};
  for (const [field, { before, after }] of Object.entries(changes)) shortened[field] = { before: shorten(before), after: shorten(after) };
  return JSON.stringify(shortened);
}

/** The ChangeEvent row of a change: the one place both recordChange and recordChanges build it. */
function changeEventRow(seq: number, at: Date, actor: User | null, entry: ChangeEntry): ChangeEvent {
  return Object.assign(new ChangeEvent(), {
    seq,
    at,
    actorId: actor?.dbId ?? null,
    actor: actor?.username ?? null,
    entity: entry.entity,
    entityId: toGlobalId(entry.entity, entry.entityId),
    action: entry.action,
    changes: changesText(entry.changes),
    taskForceId: entry.scope.taskForceId,
    subgroupId: entry.scope.subgroupId ?? null,
    unitId: entry.scope.unitId ?? null,
    projectId: entry.scope.projectId ?? null,
  });
}

/**
 * Records a change inside the writing transaction. Inside `inTransaction` the change is staged and written just
 * before COMMIT, after every row the work locks (db/transaction.ts: the counter is always the last lock taken); the
 * sequence number comes from a counter row updated under its row lock, so numbers are gap-free and a later number
 * never commits before an earlier one. Subscribers are woken after the COMMIT.
 */
export async function recordChange(
  manager: EntityManager,
  actor: User | null,
  entity: NodeTypeName,
  entityId: number,
  action: string,
  changes: FieldChanges,
  scope: ChangeScope,
): Promise<void> {
  await recordChanges(manager, actor, [{ entity, entityId, action, changes, scope }]);
}

const staged = Symbol('staged change events');

/** Listeners told after a transaction that recorded changes commits (the live readers of this process and Redis). */
const committedListeners = new WeakMap<DataSource, Set<() => void>>();

/** Calls `listener` after every commit of `dataSource` that recorded changes; returns the unsubscribe. */
export function onChangesCommitted(dataSource: DataSource, listener: () => void): () => void {
  let listeners = committedListeners.get(dataSource);
  if (!listeners) committedListeners.set(dataSource, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners!.delete(listener);
}

const notified = Symbol('subscribers notified after commit');

/** Wakes the listeners after the current transaction commits (once however many writes), or at once outside one. */
function notifyAfterCommit(dataSource: DataSource): void {
  const notify = () => committedListeners.get(dataSource)?.forEach((listener) => listener());
  if (transactionSlot(notified, () => afterCommit(notify)) === null) notify();
}

/**
 * recordChange for many changes, in the given order. Inside a transaction they are staged and written before
 * COMMIT; outside, at once.
 */
export async function recordChanges(manager: EntityManager, actor: User | null, entries: ChangeEntry[]): Promise<void> {
  if (!entries.length) return;
  const stage = transactionSlot(staged, (beforeCommit) => {
    const list: Array<{ actor: User | null; entry: ChangeEntry }> = [];
    beforeCommit(async (transactional) => {
      // Consecutive entries of one actor go in one block (one counter update, multi-row INSERTs).
      for (let i = 0; i < list.length; ) {
        let j = i + 1;
        while (j < list.length && list[j].actor === list[i].actor) j += 1;
        await writeChanges(transactional, list[i].actor, list.slice(i, j).map((s) => s.entry));
        i = j;
      }
    });
    return list;
  });
  if (stage) for (const entry of entries) stage.push({ actor, entry });
  else await writeChanges(manager, actor, entries);
}

/**
 * Writes changes at once, in the given order: ONE counter update reserves the block of sequence numbers under the
 * counter's row lock (gap-free, in commit order, as for a single change), then the events go in with multi-row
 * INSERTs (plain SQL: TypeORM's insert builder costs more than the database for large batches). The importer calls
 * it directly for its batches, so a 100,000-row import does not hold its events in memory until COMMIT; it holds
 * the counter from its first batch on (docs/operations.md).
 */
export async function writeChanges(manager: EntityManager, actor: User | null, entries: ChangeEntry[]): Promise<ChangeEvent[]> {
  if (!entries.length) return [];
  notifyAfterCommit(manager.connection);
  await manager.query('UPDATE sequence_counter SET value = value + ? WHERE name = ?', [entries.length, 'change_event']);
  const counter = await manager.findOneOrFail(SequenceCounter, { where: { name: 'change_event' } });
  const first = counter.value - entries.length + 1;
  const at = new Date();
  const events = entries.map((entry, i) => changeEventRow(first + i, at, actor, entry));
  const driver = manager.connection.driver;
  const columns = manager.connection.getMetadata(ChangeEvent).columns;
  const head = `INSERT INTO ${driver.escape('change_event')} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  // Each column's value as the driver takes it: plain integers and texts as they are, the others (the time, the
  // transformed sequence number) through the driver's conversion; the time is the same for every event.
  const values = columns.map((c): ((event: ChangeEvent) => unknown) => {
    if (c.propertyName === 'at') {
      const prepared = driver.preparePersistentValue(at, c);
      return () => prepared;
    }
    if (!c.transformer && ['varchar', 'text', 'int'].includes(String(c.type))) return (event) => c.getEntityValue(event) ?? null;
    return (event) => driver.preparePersistentValue(c.getEntityValue(event), c);
  });
  // 12 columns a row: 500 rows stay far under every driver's bound-parameter limit.
  for (let i = 0; i < events.length; i += 500) {
    const batch = events.slice(i, i + 500);
    const params: unknown[] = [];
    for (const event of batch) for (const value of values) params.push(value(event));
    await manager.query(head + batch.map(() => tuple).join(', '), params);
  }
  return events;
}
