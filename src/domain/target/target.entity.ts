import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { CodeColumn, DateColumn, MeasureColumn } from '../../db/columns';
import { Subgroup } from '../campaign/subgroup.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { Unit } from '../unit/unit.entity';

export enum TargetScope {
  TASK_FORCE = 'TASK_FORCE',
  SUBGROUP = 'SUBGROUP',
  UNIT = 'UNIT',
}
registerEnumType(TargetScope, {
  name: 'TargetScope',
  description: 'Whom a target binds: the whole task force, a subgroup, or a unit.',
  valuesConfig: {
    TASK_FORCE: { description: 'Binds the whole task force.' },
    SUBGROUP: { description: 'Binds one subgroup.' },
    UNIT: { description: 'Binds one unit.' },
  },
});

export enum TargetDirection {
  AT_LEAST = 'AT_LEAST',
  AT_MOST = 'AT_MOST',
}
registerEnumType(TargetDirection, {
  name: 'TargetDirection',
  description: 'AT_LEAST: reach or exceed (达到…以上); AT_MOST: stay at or below (控制在…以下).',
  valuesConfig: {
    AT_LEAST: { description: 'Reach or exceed the target value (达到…以上).' },
    AT_MOST: { description: 'Stay at or below the target value (控制在…以下).' },
  },
});

/** A target (目标/指标) of a task force, subgroup or unit. */
@ObjectType({ implements: Node, description: 'A target (目标/指标): a measure with a target value, milestones and actual values over time.' })
@Entity('target')
@Index('ix_target_task_force', ['taskForceId', 'position'])
export class Target implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Column({ type: 'int' })
  taskForceId!: number;

  @ManyToOne(() => TaskForce, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_force_id' })
  taskForce?: TaskForce;

  @Field(() => TargetScope, { description: 'Whom the target binds.' })
  @CodeColumn()
  scope!: TargetScope;

  @Column({ type: 'int', nullable: true })
  subgroupId!: number | null;

  @ManyToOne(() => Subgroup, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'subgroup_id' })
  subgroup?: Subgroup;

  @Column({ type: 'int', nullable: true })
  unitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Field(() => String, { nullable: true, description: 'Short code keeping the document\'s order, e.g. 3a.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  code!: string | null;

  @Field({ description: 'What is measured, as written.' })
  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Kind of measure, e.g. 增长率, 完成投资, 里程.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  measure!: string | null;

  @Field(() => String, { nullable: true, description: 'Unit of measure: 万元, %, 公里, 个 …' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  unitOfMeasure!: string | null;

  @Field(() => Float, { nullable: true, description: 'Baseline value.' })
  @MeasureColumn()
  baseline!: number | null;

  @Field(() => Float, { description: 'Target value.' })
  @MeasureColumn({ nullable: false })
  targetValue!: number;

  @Field(() => TargetDirection, { description: 'Whether the target is to be reached (AT_LEAST) or kept under (AT_MOST).' })
  @CodeColumn({ default: TargetDirection.AT_LEAST })
  direction!: TargetDirection;

  @Column({ type: 'int', nullable: true })
  leadUnitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'lead_unit_id' })
  leadUnit?: Unit;

  @Field(() => String, { nullable: true, description: 'Due date (ISO).' })
  @DateColumn()
  due!: string | null;

  @Field(() => String, { nullable: true, description: 'Sentence of the source document the target comes from.' })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ type: 'int', default: 0 })
  position!: number;

  @Field(() => Int, { description: 'Optimistic-concurrency version of the target.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('Target', this.dbId);
  }
}
