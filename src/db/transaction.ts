import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { logger } from '../common/logger';

/**
 * Transactions that travel with the work (as Vendure's TransactionalConnection does): `inTransaction` runs `work`
 * in one transaction, and everything called inside — services, the change log, a nested `inTransaction` — finds the
 * transaction's manager through `activeManager`, so one manager is in scope and a nested call joins the outer
 * transaction instead of opening another (on SQLite that would wait on itself).
 *
 * Lock order, for every write: the rows the work changes, in the order the work reaches them; then the request's
 * idempotency record (`beforeEveryCommitOfRequest`); then, just before COMMIT, the change-log counter (`beforeCommit`
 * hooks: the staged change events are numbered and written there). The counter is taken last and held only for that final step, so two writers never hold it while waiting for each
 * other's rows. A deadlock or lock-wait timeout that still happens (MariaDB) is retried a bounded number of times.
 *
 * After the outermost COMMIT, `afterCommit` hooks run: the change log's notification of subscribers, so nothing is
 * published that could still roll back.
 */
interface TransactionScope {
  dataSource: DataSource;
  manager: EntityManager;
  beforeCommit: Array<(manager: EntityManager) => Promise<void>>;
  afterCommit: Array<() => void>;
  /** Values hooks keep for the life of the transaction (the staged change events). */
  slots: Map<symbol, unknown>;
}

const current = new AsyncLocalStorage<TransactionScope>();

/**
 * A request's transactions (see countingCommits): how many committed, so the idempotency plugin knows what was
 * written, and the hooks every one of them runs just before its COMMIT.
 */
interface RequestTransactions {
  count: number;
  beforeEachCommit: Array<(manager: EntityManager) => Promise<void>>;
}
const commitsSeen = new AsyncLocalStorage<RequestTransactions>();

/** Runs `work` (a request's handling) counting the transactions inTransaction commits inside it. */
export function countingCommits<T>(work: () => T): T {
  return commitsSeen.run({ count: 0, beforeEachCommit: [] }, work);
}

/**
 * Runs `hook` inside every transaction the current request commits from now on, just before its COMMIT (before the
 * change-log counter is taken), so what the hook writes commits or rolls back with the request's writes. Returns
 * false outside countingCommits.
 */
export function beforeEveryCommitOfRequest(hook: (manager: EntityManager) => Promise<void>): boolean {
  const store = commitsSeen.getStore();
  if (!store) return false;
  store.beforeEachCommit.push(hook);
  return true;
}

/** Transactions committed so far in the current request; null outside countingCommits. */
export function commitsSoFar(): number | null {
  return commitsSeen.getStore()?.count ?? null;
}

/** Serialises write transactions on SQLite, which allows one writer at a time per connection. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
const sqliteWriters = new WeakMap<DataSource, Mutex>();

/** Attempts of a transaction that meets a deadlock or a lock-wait timeout (MariaDB), the first included. */
export const transactionAttempts = 3;

/** MariaDB/MySQL: ER_LOCK_DEADLOCK 1213, ER_LOCK_WAIT_TIMEOUT 1205. Both roll the transaction back; a retry may pass. */
export function isLockConflict(error: unknown): boolean {
  const driverError = (error as { driverError?: { errno?: number; code?: string } })?.driverError ?? (error as { errno?: number; code?: string });
  return driverError?.errno === 1213 || driverError?.errno === 1205 || driverError?.code === 'ER_LOCK_DEADLOCK' || driverError?.code === 'ER_LOCK_WAIT_TIMEOUT';
}

/** The manager of the transaction the caller runs in, if it runs in one of this data source. */
export function activeManager(dataSource: DataSource): EntityManager | null {
  const scope = current.getStore();
  return scope && scope.dataSource === dataSource ? scope.manager : null;
}

/**
 * Runs `work` in one transaction; every repository inside must use the manager it receives (or `activeManager`).
 * Inside another transaction of the same data source, `work` joins it.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const outer = current.getStore();
  if (outer && outer.dataSource === dataSource) return work(outer.manager);
  for (let attempt = 1; ; attempt += 1) {
    const scope: TransactionScope = { dataSource, manager: dataSource.manager, beforeCommit: [], afterCommit: [], slots: new Map() };
    const body = (manager: EntityManager) => {
      scope.manager = manager;
      return current.run(scope, async () => {
        const result = await work(manager);
        for (const hook of commitsSeen.getStore()?.beforeEachCommit ?? []) await hook(manager);
        for (let i = 0; i < scope.beforeCommit.length; i += 1) await scope.beforeCommit[i](manager);
        return result;
      });
    };
    try {
      const result = await run(dataSource, body);
      const seen = commitsSeen.getStore();
      if (seen) seen.count += 1;
      for (const hook of scope.afterCommit) {
        try {
          hook();
        } catch (error) {
          logger.error('after-commit hook failed', { error: (error as Error).message });
        }
      }
      return result;
    } catch (error) {
      if (attempt >= transactionAttempts || !isLockConflict(error)) throw error;
      logger.warn('transaction retried after a lock conflict', { attempt, error: (error as Error).message });
      await sleep(10 * attempt + Math.floor(Math.random() * 20 * attempt));
    }
  }
}

function run<T>(dataSource: DataSource, body: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction('READ COMMITTED', body);
  let mutex = sqliteWriters.get(dataSource);
  if (!mutex) {
    mutex = new Mutex();
    sqliteWriters.set(dataSource, mutex);
  }
  return mutex.run(() => dataSource.transaction(body));
}

/**
 * Keeps a value for the life of the current transaction, made on first use with `create`, which may also register
 * a hook run just before COMMIT (after the work, so after every row lock the work takes). Null outside a transaction.
 */
export function transactionSlot<T>(key: symbol, create: (beforeCommit: (hook: (manager: EntityManager) => Promise<void>) => void) => T): T | null {
  const scope = current.getStore();
  if (!scope) return null;
  if (!scope.slots.has(key)) scope.slots.set(key, create((hook) => scope.beforeCommit.push(hook)));
  return scope.slots.get(key) as T;
}

/** Runs `hook` after the current transaction commits (at once outside a transaction); nothing runs on a rollback. */
export function afterCommit(hook: () => void): void {
  const scope = current.getStore();
  if (scope) scope.afterCommit.push(hook);
  else hook();
}
