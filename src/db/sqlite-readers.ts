import { Worker } from 'node:worker_threads';
import { DataSource, EntityManager } from 'typeorm';
import { logger } from '../common/logger';

/**
 * Reader threads for SQLite. better-sqlite3 runs every statement on the calling thread, so a rollup over 100,000
 * projects would hold the event loop for as long as the database sums; these threads each keep a read-only
 * connection to the same file (WAL mode lets them read beside the writer) and run the heavy read-only statements
 * (the rollups) while the event loop goes on. Statements inside a transaction stay on the transaction's connection.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= 100) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    parentPort.postMessage({ id, rows: statement.all(...params) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  }
});
`;

interface Pending {
  resolve: (rows: Array<Record<string, unknown>>) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  pending: Map<number, Pending>;
}

export class SqliteReaders {
  private readonly readers: Reader[] = [];
  private nextId = 1;
  private stopped = false;
  /** Statements run on the threads so far. */
  statements = 0;

  constructor(
    private readonly file: string,
    private readonly threads: number,
  ) {}

  /** Starts threads up to the configured number: all at the first read, and one for each that ended since. */
  private fill(): void {
    while (this.readers.length < this.threads) {
      const worker = new Worker(workerSource, { eval: true, workerData: { file: this.file, driver: require.resolve('better-sqlite3') } });
      const reader: Reader = { worker, pending: new Map() };
      worker.on('message', ({ id, rows, error }: { id: number; rows?: Array<Record<string, unknown>>; error?: { message: string; code?: string } }) => {
        const pending = reader.pending.get(id);
        if (!pending) return;
        reader.pending.delete(id);
        if (error) pending.reject(Object.assign(new Error(error.message), { code: error.code }));
        else {
          pending.resolve(rows!);
          if (reader.pending.size === 0) worker.unref();
        }
      });
      worker.on('error', (error) => this.fail(reader, error));
      worker.on('exit', (code) => this.fail(reader, new Error(`SQLite reader thread exited (${code})`)));
      worker.unref();
      this.readers.push(reader);
    }
  }

  private fail(reader: Reader, error: Error): void {
    for (const pending of reader.pending.values()) pending.reject(error);
    reader.pending.clear();
    const at = this.readers.indexOf(reader);
    if (at >= 0) this.readers.splice(at, 1);
    if (!this.stopped) logger.warn('SQLite reader thread ended; a new one starts with the next read', { error: error.message });
  }

  /** Runs a read-only statement on the least busy reader thread. */
  query(sql: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>> {
    this.fill();
    const reader = this.readers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    this.statements += 1;
    const bound = params.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
    return new Promise((resolve, reject) => {
      reader.pending.set(id, { resolve, reject });
      reader.worker.ref();
      reader.worker.postMessage({ id, sql, params: bound });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.readers.map((reader) => reader.worker.terminate()));
    this.readers.length = 0;
  }
}

const readersOf = new WeakMap<DataSource, SqliteReaders>();
const rollupLimits = new WeakMap<DataSource, number>();

/**
 * On MariaDB, the rollups' statements get their own time limit (DB_ROLLUP_TIMEOUT_MS), longer than other statements'
 * (DB_STATEMENT_TIMEOUT_MS): a sum over 100,000 projects takes seconds there, a lookup milliseconds.
 */
export function limitRollups(dataSource: DataSource, ms: number): void {
  if (ms > 0 && (dataSource.options.type === 'mariadb' || (dataSource as { server?: string }).server === 'mariadb')) rollupLimits.set(dataSource, ms);
}

/** Starts reader threads for a file-backed SQLite data source (nothing for MariaDB, MySQL or :memory:). */
export function attachSqliteReaders(dataSource: DataSource, threads: number): SqliteReaders | null {
  const options = dataSource.options;
  if (options.type !== 'better-sqlite3' || options.database === ':memory:' || threads < 1) return null;
  const readers = new SqliteReaders(String(options.database), threads);
  readersOf.set(dataSource, readers);
  return readers;
}

/** The reader threads of a data source, if it has them. */
export function sqliteReadersOf(dataSource: DataSource): SqliteReaders | null {
  return readersOf.get(dataSource) ?? null;
}

export function detachSqliteReaders(dataSource: DataSource): Promise<void> {
  const readers = readersOf.get(dataSource);
  readersOf.delete(dataSource);
  return readers ? readers.stop() : Promise.resolve();
}

/**
 * Runs a read-only statement: on a SQLite reader thread when the data source has them and the manager is not in a
 * transaction, else on the manager's connection. Logged like every other statement.
 */
export function readQuery(manager: EntityManager, sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
  const readers = readersOf.get(manager.connection);
  if (!readers || manager.queryRunner?.isTransactionActive) {
    const limit = rollupLimits.get(manager.connection);
    return manager.query(limit ? `SET STATEMENT max_statement_time=${(limit / 1000).toFixed(3)} FOR ${sql}` : sql, params);
  }
  manager.connection.logger.logQuery(sql, params);
  return readers.query(sql, params);
}
