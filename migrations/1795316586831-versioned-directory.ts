import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units, persons and role assignments get an optimistic-concurrency `version`, like every other edited row.
 * Written by hand: a plain ADD COLUMN on both databases (no table rebuild), which is what the entities describe.
 */
const tables = ['unit', 'person', 'role_assignment'];

const statements: Record<'sqlite' | 'mysql', { up: string[]; down: string[] }> = {
  sqlite: {
    up: tables.map((t) => `ALTER TABLE "${t}" ADD COLUMN "version" integer NOT NULL DEFAULT (1)`),
    down: tables.map((t) => `ALTER TABLE "${t}" DROP COLUMN "version"`),
  },
  mysql: {
    up: tables.map((t) => `ALTER TABLE \`${t}\` ADD \`version\` int NOT NULL DEFAULT '1'`),
    down: tables.map((t) => `ALTER TABLE \`${t}\` DROP COLUMN \`version\``),
  },
};

function dialect(queryRunner: QueryRunner): 'sqlite' | 'mysql' {
  const type = queryRunner.connection.options.type;
  if (type === 'better-sqlite3') return 'sqlite';
  if (type === 'mysql' || type === 'mariadb') return 'mysql';
  throw new Error(`Unsupported database type ${type}`);
}

export class VersionedDirectory1795316586831 implements MigrationInterface {
  name = 'VersionedDirectory1795316586831';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of statements[dialect(queryRunner)].up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of statements[dialect(queryRunner)].down) await queryRunner.query(sql);
  }
}
