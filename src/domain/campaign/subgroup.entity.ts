import { Field, Int, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { Unit } from '../unit/unit.entity';
import { TaskForce } from './task-force.entity';

/** A subgroup of a task force (小组, 包保推进组, 工程). */
@ObjectType({ implements: Node, description: 'A subgroup of a task force (小组, 包保推进组, 工程) with its leader, lead unit, office and covered units.' })
@Entity('subgroup')
@Index('ix_subgroup_task_force', ['taskForceId', 'position'])
export class Subgroup implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Column({ type: 'int' })
  taskForceId!: number;

  @ManyToOne(() => TaskForce, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_force_id' })
  taskForce?: TaskForce;

  @Field({ description: 'Name as written, e.g. 第一包保推进组.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'int', nullable: true })
  leadUnitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'lead_unit_id' })
  leadUnit?: Unit;

  @Column({ type: 'int', nullable: true })
  officeUnitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'office_unit_id' })
  officeUnit?: Unit;

  @Field(() => String, { nullable: true, description: '主要任务 as written.' })
  @Column({ type: 'text', nullable: true })
  mainTasks!: string | null;

  @Column({ type: 'int', default: 0 })
  position!: number;

  @Field(() => Int, { description: 'Increments on every change.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('Subgroup', this.dbId);
  }
}
