import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { CodeColumn, DateColumn } from '../../db/columns';
import { TaskForce } from '../campaign/task-force.entity';
import { Unit } from '../unit/unit.entity';

export enum TaskStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}
registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: 'Status of a work task.',
  valuesConfig: {
    NOT_STARTED: { description: '未开始: not started.' },
    IN_PROGRESS: { description: '推进中: in progress.' },
    DONE: { description: '已完成: done.' },
  },
});

/** A work task (工作任务) with its lead and cooperating units. */
@ObjectType({ implements: Node, description: 'A work task (工作任务) of a task force, with its lead unit and cooperating units.' })
@Entity('task')
@Index('ix_task_task_force', ['taskForceId', 'number'])
export class Task implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Column({ type: 'int' })
  taskForceId!: number;

  @ManyToOne(() => TaskForce, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_force_id' })
  taskForce?: TaskForce;

  @Field(() => Int, { description: 'Number as in the document.' })
  @Column({ type: 'int' })
  number!: number;

  @Field({ description: 'Short title as written.' })
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Full text as written.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Section of the document it belongs to.' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  section!: string | null;

  @Column({ type: 'int', nullable: true })
  leadUnitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'lead_unit_id' })
  leadUnit?: Unit;

  @Field(() => String, { nullable: true, description: 'Due date (ISO).' })
  @DateColumn()
  due!: string | null;

  @Field(() => TaskStatus, { description: 'Where the task stands.' })
  @CodeColumn({ default: TaskStatus.NOT_STARTED })
  status!: TaskStatus;

  @Field(() => Int, { description: 'Optimistic-concurrency version; pass it as expectedVersion to task mutations.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('Task', this.dbId);
  }
}

/** A unit cooperating on a task (配合单位). */
@Entity('task_unit')
@Index('ix_task_unit_unit', ['unitId'])
export class TaskUnit {
  @PrimaryColumn({ type: 'int' })
  taskId!: number;

  @PrimaryColumn({ type: 'int' })
  unitId!: number;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Task;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'int', default: 0 })
  position!: number;
}
