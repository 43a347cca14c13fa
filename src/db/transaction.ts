import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

/** Transactions committed within a request (see countingCommits), so the idempotency plugin knows what was written. */
const commitsSeen = new AsyncLocalStorage<{ count: number }>();

/** Runs `work` (a request's handling) counting the transactions inTransaction commits inside it. */
export function countingCommits<T>(work: () => T): T {
  return commitsSeen.run({ count: 0 }, work);
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

/** Runs `work` in one transaction; every repository inside must use the manager it receives. */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const seen = commitsSeen.getStore();
  let result: T;
  if (dataSource.options.type !== 'better-sqlite3') {
    result = await dataSource.transaction('READ COMMITTED', work);
  } else {
    let mutex = sqliteWriters.get(dataSource);
    if (!mutex) {
      mutex = new Mutex();
      sqliteWriters.set(dataSource, mutex);
    }
    result = await mutex.run(() => dataSource.transaction(work));
  }
  if (seen) seen.count += 1;
  return result;
}
