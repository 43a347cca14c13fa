import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions, Logger } from 'typeorm';
import { logger } from '../common/logger';
import { DatabaseConfig } from '../config/config';
import { entities } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceExtras {
  /** Create tables from the entities instead of running migrations (tests only). */
  synchronize?: boolean;
  logger?: Logger;
  /** Connection pool size for MySQL and MariaDB. */
  poolSize?: number;
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
  };
}

/**
 * A data source that, once connected, checks that the server is the one DATABASE_URL's scheme names. The dialects
 * differ where TypeORM reads the schema back: 'mysql' on MariaDB sees a change in every nullable column (so the
 * TypeORM CLI would generate nonsense), and 'mariadb' on MySQL writes MariaDB's spelling of defaults.
 */
class LedgerDataSource extends DataSource {
  override async initialize(): Promise<this> {
    await super.initialize();
    const type = this.options.type;
    if (type === 'mysql' || type === 'mariadb') {
      const [{ version }]: Array<{ version: string }> = await this.query('SELECT VERSION() AS version');
      const server = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
      if (server !== type) logger.warn(`DATABASE_URL says ${type}:// but the server is ${server === 'mariadb' ? 'MariaDB' : 'MySQL'}; use ${server}://`, { version });
    }
    return this;
  }
}

export function createDataSource(database: DatabaseConfig, extras: DataSourceExtras = {}): DataSource {
  return new LedgerDataSource(dataSourceOptions(database, extras));
}
