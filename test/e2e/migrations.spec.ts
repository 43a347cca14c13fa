import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { freshDatabase, testDb } from '../utils/test-server';

/**
 * The migrations are the only way the schema is made (synchronize is off): on an empty database they must create
 * exactly what the entities describe, undo completely, and apply again.
 */

const MIGRATIONS_TABLE = 'schema_migration'; // migrationsTableName in src/db/data-source.ts
const migrationsDir = path.join(__dirname, '..', '..', 'migrations');
/** Migration files in the order TypeORM runs them (by the timestamp in the name). */
const migrationFiles = fs
  .readdirSync(migrationsDir)
  .filter((file) => /^\d+-.+\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
  .sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]));

describe(`migrations on a fresh ${testDb === 'sqlite' ? 'SQLite' : 'MariaDB'} database`, () => {
  /** The service's own data source (on MariaDB of TypeORM type 'mariadb', as mariadb:// selects). */
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  /** Tables of the database (SQLite's own sqlite_* tables left out). */
  async function tables(): Promise<string[]> {
    const rows: Array<{ name: string }> =
      testDb === 'sqlite'
        ? await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        : await dataSource.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
    return rows.map((row) => row.name).sort();
  }

  async function executedCount(): Promise<number> {
    const [row] = await dataSource.query(`SELECT COUNT(*) AS n FROM ${MIGRATIONS_TABLE}`);
    return Number(row.n);
  }

  /** What TypeORM would still run to make the database match the entities (nothing, when migrations are right). */
  async function pendingSchemaChanges(): Promise<string[]> {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  }

  const entityTables = () => [...new Set(dataSource.entityMetadatas.map((metadata) => metadata.tableName))].sort();

  beforeAll(async () => {
    const database = await freshDatabase();
    drop = database.drop;
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await drop?.();
  });

  it('finds migration files to run', () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
  });

  it('starts from a database without any table', async () => {
    expect(await tables()).toEqual([]);
    expect(await dataSource.showMigrations()).toBe(true); // every migration pending
  });

  it('applies every migration, in file order, and creates the table of every entity', async () => {
    const executed = await dataSource.runMigrations({ transaction: 'each' });
    expect(executed.map((migration) => String(migration.timestamp))).toEqual(migrationFiles.map((file) => file.split('-')[0]));
    expect(await executedCount()).toBe(migrationFiles.length);
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await tables()).toEqual([...entityTables(), MIGRATIONS_TABLE].sort());
  });

  it('leaves nothing for the entities to add: the schema builder has no statement to run', async () => {
    expect(await pendingSchemaChanges()).toEqual([]);
  });

  it('undoes every migration, one at a time, until only the migrations table is left', async () => {
    let undone = 0;
    while ((await executedCount()) > 0) {
      const before = await executedCount();
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await executedCount()).toBe(before - 1);
      undone += 1;
      if (undone > migrationFiles.length) throw new Error('undoLastMigration does not reduce the executed migrations');
    }
    expect(undone).toBe(migrationFiles.length);
    expect(await tables()).toEqual([MIGRATIONS_TABLE]);
    if (testDb === 'sqlite') {
      // No index, view or trigger is left behind either.
      const leftovers: Array<{ type: string; name: string }> = await dataSource.query(
        "SELECT type, name FROM sqlite_master WHERE type <> 'table' AND name NOT LIKE 'sqlite_%'",
      );
      expect(leftovers).toEqual([]);
    }
    expect(await dataSource.showMigrations()).toBe(true);
  });

  it('applies them all again, with the same schema and seed rows', async () => {
    const executed = await dataSource.runMigrations({ transaction: 'each' });
    expect(executed).toHaveLength(migrationFiles.length);
    expect(await tables()).toEqual([...entityTables(), MIGRATIONS_TABLE].sort());
    expect(await pendingSchemaChanges()).toEqual([]);
    // The change-event sequence counter a migration creates starts again from 0.
    const counter: Array<{ value: string | number }> = await dataSource.query("SELECT value FROM sequence_counter WHERE name = 'change_event'");
    expect(counter.map((row) => Number(row.value))).toEqual([0]);
  });
});
