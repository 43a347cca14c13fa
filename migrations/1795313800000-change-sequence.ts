import { MigrationInterface, QueryRunner } from 'typeorm';

/** The counter from which change-event sequence numbers are allocated under a row lock. */
export class ChangeSequence1795313800000 implements MigrationInterface {
  name = 'ChangeSequence1795313800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("INSERT INTO sequence_counter (name, value) VALUES ('change_event', 0)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM sequence_counter WHERE name = 'change_event'");
  }
}
