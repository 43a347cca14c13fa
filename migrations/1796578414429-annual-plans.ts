import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Yearly plans (issue 14): 年度计划投资 per project and calendar year, in `annual_plan`. Metrics read the plan of
 * their as-of date's year.
 *
 * Existing data: each project's single plan (project.annual_plan_investment) becomes the plan of the year of the
 * project's latest figures (stats_date) when they are dated — the ledger that brought the plan brought those
 * figures —, else of the year its task force's period starts, else of the year the project was created. The
 * column stays: it holds the plan of the latest year planned (Project.annualPlanInvestment), so `down` only drops
 * the table.
 */
const statements: Record<'sqlite' | 'mysql', { up: string[]; down: string[] }> = {
  sqlite: {
    up: [
      "CREATE TABLE \"annual_plan\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"project_id\" integer NOT NULL, \"year\" integer NOT NULL, \"amount\" decimal(16,2) NOT NULL, CONSTRAINT \"FK_a6b036f1fd634cc8d2a0da1e422\" FOREIGN KEY (\"project_id\") REFERENCES \"project\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)",
      "CREATE UNIQUE INDEX \"uq_annual_plan_project_year\" ON \"annual_plan\" (\"project_id\", \"year\") ",
      "INSERT INTO \"annual_plan\" (\"project_id\", \"year\", \"amount\") SELECT p.id, CAST(substr(COALESCE(p.stats_date, tf.period_start, p.created_at), 1, 4) AS INTEGER), p.annual_plan_investment FROM project p JOIN task_force tf ON tf.id = p.task_force_id WHERE p.annual_plan_investment IS NOT NULL",
    ],
    down: [
      "DROP INDEX \"uq_annual_plan_project_year\"",
      "DROP TABLE \"annual_plan\"",
    ],
  },
  mysql: {
    up: [
      "CREATE TABLE `annual_plan` (`id` int NOT NULL AUTO_INCREMENT, `project_id` int NOT NULL, `year` int NOT NULL, `amount` decimal(16,2) NOT NULL, UNIQUE INDEX `uq_annual_plan_project_year` (`project_id`, `year`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      "ALTER TABLE `annual_plan` ADD CONSTRAINT `FK_a6b036f1fd634cc8d2a0da1e422` FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
      "INSERT INTO `annual_plan` (`project_id`, `year`, `amount`) SELECT p.id, YEAR(COALESCE(p.stats_date, tf.period_start, p.created_at)), p.annual_plan_investment FROM project p JOIN task_force tf ON tf.id = p.task_force_id WHERE p.annual_plan_investment IS NOT NULL",
    ],
    down: [
      "ALTER TABLE `annual_plan` DROP FOREIGN KEY `FK_a6b036f1fd634cc8d2a0da1e422`",
      "DROP INDEX `uq_annual_plan_project_year` ON `annual_plan`",
      "DROP TABLE `annual_plan`",
    ],
  },
};

function dialect(queryRunner: QueryRunner): 'sqlite' | 'mysql' {
  const type = queryRunner.connection.options.type;
  if (type === 'better-sqlite3') return 'sqlite';
  if (type === 'mysql' || type === 'mariadb') return 'mysql';
  throw new Error(`Unsupported database type ${type}`);
}

export class AnnualPlans1796578414429 implements MigrationInterface {
  name = 'AnnualPlans1796578414429';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of statements[dialect(queryRunner)].up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of statements[dialect(queryRunner)].down) await queryRunner.query(sql);
  }
}
