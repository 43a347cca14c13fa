import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office cycle (issue 14): a task force's several reporting cadences (周监测, 旬调度, 月通报 …) as JSON beside the
 * single reporting_cadence it had (kept: a task force without the list answers with that one), and the time a
 * problem was first assigned (交办时间 of the 问题清单; unknown, so null, for problems assigned before).
 */
const statements: Record<'sqlite' | 'mysql', { up: string[]; down: string[] }> = {
  sqlite: {
    up: ['ALTER TABLE "task_force" ADD COLUMN "reporting_cadences_json" text', 'ALTER TABLE "problem" ADD COLUMN "assigned_at" datetime'],
    down: ['ALTER TABLE "problem" DROP COLUMN "assigned_at"', 'ALTER TABLE "task_force" DROP COLUMN "reporting_cadences_json"'],
  },
  mysql: {
    up: ['ALTER TABLE `task_force` ADD `reporting_cadences_json` text NULL', 'ALTER TABLE `problem` ADD `assigned_at` datetime NULL'],
    down: ['ALTER TABLE `problem` DROP COLUMN `assigned_at`', 'ALTER TABLE `task_force` DROP COLUMN `reporting_cadences_json`'],
  },
};

function dialect(queryRunner: QueryRunner): 'sqlite' | 'mysql' {
  const type = queryRunner.connection.options.type;
  if (type === 'better-sqlite3') return 'sqlite';
  if (type === 'mysql' || type === 'mariadb') return 'mysql';
  throw new Error(`Unsupported database type ${type}`);
}

export class ReportingCadences1796579144942 implements MigrationInterface {
  name = 'ReportingCadences1796579144942';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of statements[dialect(queryRunner)].up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of statements[dialect(queryRunner)].down) await queryRunner.query(sql);
  }
}
