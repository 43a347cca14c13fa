import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions, Logger } from 'typeorm';
import { DatabaseConfig } from '../config/config';
import { entities } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceExtras {
  /** Create tables from the entities instead of running migrations (tests only). */
  synchronize?: boolean;
  logger?: Logger;
  /** Connection pool size for MySQL. */
  poolSize?: number;
}

const migrationsGlob = path.join(__dirname, '..', '..', 'migrations', '*.{ts,js}');

/** Builds the TypeORM options for SQLite (embedded default) or MySQL/MariaDB (production). */
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
    type: 'mysql',
    url: database.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize: extras.poolSize ?? 10,
  };
}

export function createDataSource(database: DatabaseConfig, extras: DataSourceExtras = {}): DataSource {
  return new DataSource(dataSourceOptions(database, extras));
}
