import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A change event written by a large write (an import) before it is numbered. The import inserts its events here as
 * it goes, inside its own transaction, and they are numbered into change_event just before its COMMIT: the
 * change-log counter is then held only for that last step, not for the whole import (change-log.ts,
 * `stageChanges`). A rollback removes them with the rest; after a COMMIT they are deleted.
 */
@Entity('staged_change_event')
export class StagedChangeEvent {
  /** The writing transaction's token. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  token!: string;

  /** Order within the transaction, from 0: the event's sequence number is the block's first plus this. */
  @PrimaryColumn({ type: 'int' })
  ord!: number;

  /** When it was staged (leftovers of a process that died between COMMIT and clean-up are swept by age). */
  @Column({ type: 'datetime', precision: 3 })
  stagedAt!: Date;

  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  actor!: string | null;

  @Column({ type: 'varchar', length: 40 })
  entity!: string;

  @Column({ type: 'varchar', length: 64 })
  entityId!: string;

  @Column({ type: 'varchar', length: 24 })
  action!: string;

  @Column({ type: 'text' })
  changes!: string;

  @Column({ type: 'int', nullable: true })
  taskForceId!: number | null;

  @Column({ type: 'int', nullable: true })
  subgroupId!: number | null;

  @Column({ type: 'int', nullable: true })
  unitId!: number | null;

  @Column({ type: 'int', nullable: true })
  projectId!: number | null;
}
