import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';

const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/** A committed change: the audit trail and the subscription replay log. */
@ObjectType({ description: 'A committed change. `cursor` is its gap-free sequence number; pass it as `after` to resume.' })
@Entity('change_event')
@Index('ix_change_task_force', ['taskForceId', 'seq'])
@Index('ix_change_subgroup', ['subgroupId', 'seq'])
@Index('ix_change_unit', ['unitId', 'seq'])
@Index('ix_change_project', ['projectId', 'seq'])
@Index('ix_change_entity', ['entity', 'entityId', 'seq'])
export class ChangeEvent {
  /** Gap-free sequence number, allocated inside the writing transaction. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  /** Milliseconds kept (DATETIME(3) on MySQL/MariaDB), so `since`/`until` filters are exact within a second. */
  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Field(() => String, { nullable: true, description: 'Username of who made the change.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  actor!: string | null;

  @Field({ description: 'Entity type: Project, ProgressReport, Problem, Target, Task, …' })
  @Column({ type: 'varchar', length: 40 })
  entity!: string;

  @Field(() => ID, { description: 'Global ID of the changed entity.' })
  @Column({ type: 'varchar', length: 64 })
  entityId!: string;

  @Field({ description: 'CREATE, UPDATE, DELETE, TRANSITION, ARCHIVE …' })
  @Column({ type: 'varchar', length: 24 })
  action!: string;

  /** JSON object: field → { before, after }. */
  @Field({
    description: 'JSON text of the changed fields: { "field": { "before": …, "after": … } } (the same as `diff`, as a string to parse).',
    deprecationReason: 'Use `diff`, the same object as a JSON value (no JSON.parse needed). `changes` stays for clients written against the first contract.',
  })
  @Column({ type: 'text' })
  changes!: string;

  @Field(() => GraphQLJSONObject, { name: 'diff', description: 'The changed fields as a JSON object: { "field": { "before": …, "after": … } }.' })
  get diff(): Record<string, unknown> {
    return JSON.parse(this.changes) as Record<string, unknown>;
  }

  @Field(() => ID, { name: 'id', description: 'Stable global ID of this change (it never changes and is never reused); `cursor` orders and resumes.' })
  get globalId(): string {
    return toGlobalId('ChangeEvent', this.seq);
  }

  @Column({ type: 'int', nullable: true })
  taskForceId!: number | null;

  @Column({ type: 'int', nullable: true })
  subgroupId!: number | null;

  @Column({ type: 'int', nullable: true })
  unitId!: number | null;

  @Column({ type: 'int', nullable: true })
  projectId!: number | null;

  @Field({ description: 'Opaque cursor (the sequence number as text).' })
  get cursor(): string {
    return String(this.seq);
  }

  @Field({ name: 'at', description: 'Commit time (ISO timestamp).' })
  get atIso(): string {
    return new Date(this.at).toISOString();
  }
}

/** Counters allocated under a row lock (gap-free, in commit order). */
@Entity('sequence_counter')
export class SequenceCounter {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  value!: number;
}
