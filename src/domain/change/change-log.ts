import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { logger } from '../../common/logger';
import { NodeTypeName, toGlobalId } from '../../common/global-id';
import { afterCommit, transactionSlot } from '../../db/transaction';
import { User } from '../user/user.entity';
import { ChangeEvent, SequenceCounter } from './change-event.entity';
import { StagedChangeEvent } from './staged-change-event.entity';

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

/** Reserves `count` sequence numbers under the counter's row lock (held until COMMIT); returns the first. */
async function reserveSequence(manager: EntityManager, count: number): Promise<number> {
  await manager.query('UPDATE sequence_counter SET value = value + ? WHERE name = ?', [count, 'change_event']);
  const counter = await manager.findOneOrFail(SequenceCounter, { where: { name: 'change_event' } });
  return counter.value - count + 1;
}

/**
 * Inserts rows of `entity` with multi-row INSERTs (plain SQL: TypeORM's insert builder costs more than the database
 * for large batches), each column's value as the driver takes it: plain integers and texts as they are, the others
 * (times, transformed numbers) through the driver's conversion. 12–13 columns a row: 500 rows stay far under every
 * driver's bound-parameter limit.
 */
async function insertRows<T extends object>(manager: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns = metadata.columns;
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const values = columns.map((c): ((row: T) => unknown) => {
    if (!c.transformer && ['varchar', 'text', 'int'].includes(String(c.type))) return (row) => c.getEntityValue(row) ?? null;
    return (row) => driver.preparePersistentValue(c.getEntityValue(row), c);
  });
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const params: unknown[] = [];
    for (const row of batch) for (const value of values) params.push(value(row));
    await manager.query(head + batch.map(() => tuple).join(', '), params);
  }
}

/**
 * Writes changes at once, in the given order: ONE counter update reserves the block of sequence numbers under the
 * counter's row lock (gap-free, in commit order, as for a single change), then the events go in with multi-row
 * INSERTs. Holds the counter until COMMIT: for large writes use `stageChanges`.
 */
export async function writeChanges(manager: EntityManager, actor: User | null, entries: ChangeEntry[]): Promise<ChangeEvent[]> {
  if (!entries.length) return [];
  notifyAfterCommit(manager.connection);
  const first = await reserveSequence(manager, entries.length);
  const at = new Date();
  const events = entries.map((entry, i) => changeEventRow(first + i, at, actor, entry));
  await insertRows(manager, ChangeEvent, events);
  return events;
}

const stagedInTable = Symbol('change events staged in the database');

/**
 * recordChanges for writes too large to keep their events in memory (an import of 100,000 rows): the events go
 * into staged_change_event as the work goes, inside its transaction, and are numbered into change_event in one
 * INSERT … SELECT just before COMMIT. The change-log counter, which every other write needs, is held only for that
 * last statement instead of for the whole import, and the import's events still form one gap-free block in commit
 * order. A rollback removes the staged rows with the rest; after a COMMIT they are deleted. Outside a transaction
 * the events are written at once.
 */
export async function stageChanges(manager: EntityManager, actor: User | null, entries: ChangeEntry[]): Promise<void> {
  if (!entries.length) return;
  const dataSource = manager.connection;
  const stage = transactionSlot(stagedInTable, (beforeCommit) => {
    const state = { token: randomUUID(), count: 0 };
    beforeCommit((transactional) => numberStaged(transactional, state.token, state.count));
    afterCommit(() => {
      dataSource
        .query('DELETE FROM staged_change_event WHERE token = ?', [state.token])
        .catch((error: Error) => logger.warn('staged change events not cleared; the hourly sweep will', { error: error.message }));
    });
    return state;
  });
  if (!stage) {
    await writeChanges(manager, actor, entries);
    return;
  }
  const stagedAt = new Date();
  const rows = entries.map((entry, i) => {
    const event = changeEventRow(0, stagedAt, actor, entry);
    return Object.assign(new StagedChangeEvent(), {
      token: stage.token,
      ord: stage.count + i,
      stagedAt,
      actorId: event.actorId,
      actor: event.actor,
      entity: event.entity,
      entityId: event.entityId,
      action: event.action,
      changes: event.changes,
      taskForceId: event.taskForceId,
      subgroupId: event.subgroupId,
      unitId: event.unitId,
      projectId: event.projectId,
    });
  });
  stage.count += rows.length;
  await insertRows(manager, StagedChangeEvent, rows);
}

/** Numbers a transaction's staged events into change_event: the counter is taken here, the last lock before COMMIT. */
async function numberStaged(manager: EntityManager, token: string, count: number): Promise<void> {
  if (!count) return;
  notifyAfterCommit(manager.connection);
  const started = Date.now();
  const first = await reserveSequence(manager, count);
  const driver = manager.connection.driver;
  const metadata = manager.connection.getMetadata(ChangeEvent);
  const at = driver.preparePersistentValue(new Date(), metadata.findColumnWithPropertyName('at')!);
  const columns = metadata.columns.map((c) => c.databaseName);
  const selected = columns.map((name) => (name === 'seq' ? '? + ord' : name === 'at' ? '?' : driver.escape(name)));
  await manager.query(
    `INSERT INTO change_event (${columns.map((c) => driver.escape(c)).join(', ')}) SELECT ${selected.join(', ')} FROM staged_change_event WHERE token = ? ORDER BY ord`,
    [first, at, token],
  );
  const numberedMs = Date.now() - started;
  // The counter is held from here to the end of the COMMIT: the figure operators need (docs/operations.md).
  afterCommit(() => logger.debug('staged change events committed', { count, first, numberedMs, ms: Date.now() - started }));
}

/** Deletes staged events left by a process that died between a COMMIT and their clean-up (older than a day). */
export async function sweepStagedChanges(dataSource: DataSource, now = new Date()): Promise<void> {
  const metadata = dataSource.getMetadata(StagedChangeEvent);
  const before = dataSource.driver.preparePersistentValue(new Date(now.getTime() - 24 * 60 * 60 * 1000), metadata.findColumnWithPropertyName('stagedAt')!);
  await dataSource.query('DELETE FROM staged_change_event WHERE staged_at < ?', [before]);
}
