import { DataSource, EntityManager } from 'typeorm';

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
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction('READ COMMITTED', work);
  let mutex = sqliteWriters.get(dataSource);
  if (!mutex) {
    mutex = new Mutex();
    sqliteWriters.set(dataSource, mutex);
  }
  return mutex.run(() => dataSource.transaction(work));
}
