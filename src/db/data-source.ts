import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions, Logger } from 'typeorm';
import { logger } from '../common/logger';
import { DatabaseConfig } from '../config/config';
import { DatabaseTimeoutError } from '../errors/database-unavailable';
import { entities } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceExtras {
  /** Create tables from the entities instead of running migrations (tests only). */
  synchronize?: boolean;
  logger?: Logger;
  /** Connection pool size for MySQL and MariaDB. */
  poolSize?: number;
  /** MySQL and MariaDB: how long opening a connection (TCP and handshake) may take; unset, mysql2's 10 s. */
  connectTimeoutMs?: number;
}

const migrationsGlob = path.join(__dirname, '..', '..', 'migrations', '*.{ts,js}');

/** Builds the TypeORM options for SQLite (embedded default), MariaDB or MySQL (production). */
export function dataSourceOptions(database: DatabaseConfig, extras: DataSourceExtras = {}): DataSourceOptions {
  const common = {
    entities,
    migrations: [migrationsGlob],
    migrationsTableName: 'schema_migration',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: extras.synchronize ?? false,
    logger: extras.logger,
    logging: extras.logger ? ('all' as const) : false,
  };
  if (database.type === 'sqlite') {
    if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.file,
      enableWAL: database.file !== ':memory:',
      prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: database.type,
    url: database.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize: extras.poolSize ?? 10,
    ...(extras.connectTimeoutMs ? { connectTimeout: extras.connectTimeoutMs } : {}),
  };
}

/**
 * A data source that, once connected, checks that the server is the one DATABASE_URL's scheme names. The dialects
 * differ where TypeORM reads the schema back: 'mysql' on MariaDB sees a change in every nullable column (so the
 * TypeORM CLI would generate nonsense), and 'mariadb' on MySQL writes MariaDB's spelling of defaults.
 */
class LedgerDataSource extends DataSource {
  /** Which server answered (MySQL or MariaDB), once initialised. */
  server?: 'mysql' | 'mariadb';

  override async initialize(): Promise<this> {
    await super.initialize();
    const type = this.options.type;
    if (type === 'mysql' || type === 'mariadb') {
      const [{ version }]: Array<{ version: string }> = await this.query('SELECT VERSION() AS version');
      const server = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
      this.server = server;
      if (server !== type) logger.warn(`DATABASE_URL says ${type}:// but the server is ${server === 'mariadb' ? 'MariaDB' : 'MySQL'}; use ${server}://`, { version });
    }
    return this;
  }
}

export function createDataSource(database: DatabaseConfig, extras: DataSourceExtras = {}): DataSource {
  return new LedgerDataSource(dataSourceOptions(database, extras));
}

/** Bounds on waiting for MySQL/MariaDB, in milliseconds; 0 leaves a bound off. */
export interface DatabaseWaitBounds {
  /** Getting a connection from the pool, including opening a new one. */
  acquireMs: number;
  /** One statement: the server stops it (MariaDB max_statement_time, MySQL max_execution_time for SELECT), and the client gives up shortly after. */
  statementMs: number;
}

/** The parts of a mysql2 pool connection used here. */
interface PooledConnection {
  release(): void;
  destroy(): void;
  query(sql: string, callback: (error: unknown) => void): void;
}

/** `work`'s outcome, or `timeout()`'s error after `ms`; a value that arrives late goes to `late`. */
function within<T>(work: Promise<T>, ms: number, timeout: () => Error, late?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      reject(timeout());
    }, ms);
    work.then(
      (value) => {
        if (expired) return late?.(value);
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (expired) return;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The client waits this much longer than the server's own limit, so a healthy server's timeout error comes first and its connection is kept. */
const clientGraceMs = 500;

/** A statement that carries its own server-side limit (MariaDB's SET STATEMENT), in seconds. */
const ownStatementLimit = /^SET STATEMENT max_statement_time=(\d+(?:\.\d+)?) FOR /;

/**
 * Bounds every wait on a MySQL/MariaDB data source, so a database that is down or frozen (kill -STOP) fails a
 * request within seconds instead of hanging it: acquiring a pooled connection, and each statement. A statement
 * the server does not answer in time has its connection destroyed (it leaves the pool; the next one is opened
 * fresh, itself bounded by the connect timeout). Applied after migrations, which may legitimately run long.
 */
export function boundDatabaseWaits(dataSource: DataSource, bounds: DatabaseWaitBounds): void {
  const type = dataSource.options.type;
  if (type !== 'mysql' && type !== 'mariadb') return;
  const driver = dataSource.driver as unknown as {
    obtainMasterConnection(): Promise<PooledConnection>;
    createQueryRunner(mode: 'master' | 'slave'): { query: (...args: unknown[]) => Promise<unknown>; databaseConnection?: PooledConnection };
  };
  const { acquireMs, statementMs } = bounds;
  const server = (dataSource as LedgerDataSource).server ?? type;
  // The limit each new session gets from the server itself (a slow statement on a live server stops there).
  const sessionLimit = !statementMs ? null : server === 'mariadb' ? `SET SESSION max_statement_time = ${(statementMs / 1000).toFixed(3)}` : `SET SESSION max_execution_time = ${statementMs}`;
  const limited = new WeakSet<PooledConnection>();

  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = () => {
    const acquired = obtain().then(async (connection) => {
      if (!sessionLimit || limited.has(connection)) return connection;
      try {
        await new Promise<void>((resolve, reject) => connection.query(sessionLimit, (error) => (error ? reject(error) : resolve())));
      } catch (error) {
        connection.destroy();
        throw error;
      }
      limited.add(connection);
      return connection;
    });
    if (!acquireMs) return acquired;
    return within(acquired, acquireMs, () => new DatabaseTimeoutError('acquire', acquireMs), (late) => late.release());
  };

  if (!statementMs) return;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    const query = runner.query.bind(runner);
    runner.query = (...args: unknown[]) => {
      // A rollup names its own, longer server limit (readQuery: SET STATEMENT max_statement_time=… FOR …).
      const own = typeof args[0] === 'string' ? ownStatementLimit.exec(args[0]) : null;
      const limitMs = own ? Math.round(Number(own[1]) * 1000) : statementMs;
      return within(query(...args), limitMs + clientGraceMs, () => {
        // The connection may still carry the statement's answer later: it must not serve anyone else.
        runner.databaseConnection?.destroy();
        return new DatabaseTimeoutError('statement', limitMs);
      });
    };
    return runner;
  };
}
