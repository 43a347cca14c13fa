import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { CodeColumn, DateColumn } from '../../db/columns';
import { Subgroup } from '../campaign/subgroup.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { Project } from '../project/project.entity';
import { Unit } from '../unit/unit.entity';
import { User } from '../user/user.entity';

export enum ProblemState {
  REPORTED = 'REPORTED',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLUTION_REQUESTED = 'RESOLUTION_REQUESTED',
  CLOSED = 'CLOSED',
}
registerEnumType(ProblemState, {
  name: 'ProblemState',
  description: '问题清单 states: REPORTED → ASSIGNED (交办) → IN_PROGRESS (办理) → RESOLUTION_REQUESTED (申请销号) → CLOSED (销号); a rejected request goes back to IN_PROGRESS.',
  valuesConfig: {
    REPORTED: { description: '已上报: raised, not yet assigned.' },
    ASSIGNED: { description: '已交办: assigned to a responsible unit with a deadline.' },
    IN_PROGRESS: { description: '办理中: the unit is working on it.' },
    RESOLUTION_REQUESTED: { description: '申请销号: the unit asks for it to be closed.' },
    CLOSED: { description: '已销号: closed.' },
  },
});

export enum EscalationLevel {
  UNIT = 'UNIT',
  SUBGROUP = 'SUBGROUP',
  TASK_FORCE = 'TASK_FORCE',
}
registerEnumType(EscalationLevel, {
  name: 'EscalationLevel',
  description: 'Who is chasing the problem: the unit, its subgroup, or the task force.',
  valuesConfig: {
    UNIT: { description: 'The responsible unit is chasing it.' },
    SUBGROUP: { description: 'Escalated to the subgroup (专班小组) over the unit.' },
    TASK_FORCE: { description: 'Escalated to the task force\'s leading group (领导小组).' },
  },
});

/** A problem raised against a project or a unit, chased to closure (销号). */
@ObjectType({ implements: Node, description: 'A problem (问题) raised against a project or unit, assigned to a responsible unit with a deadline.' })
@Entity('problem')
@Index('ix_problem_task_force_state', ['taskForceId', 'state'])
@Index('ix_problem_subgroup_state', ['subgroupId', 'state'])
@Index('ix_problem_unit_state', ['unitId', 'state'])
@Index('ix_problem_project', ['projectId'])
export class Problem implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Column({ type: 'int', nullable: true })
  taskForceId!: number | null;

  @ManyToOne(() => TaskForce, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'task_force_id' })
  taskForce?: TaskForce;

  /** Subgroup of the project (or of the unit) when raised; used for subgroup rollups. */
  @Column({ type: 'int', nullable: true })
  subgroupId!: number | null;

  @ManyToOne(() => Subgroup, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'subgroup_id' })
  subgroup?: Subgroup;

  @Column({ type: 'int', nullable: true })
  projectId!: number | null;

  @ManyToOne(() => Project, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  /** The unit the problem is raised against (the project's unit when raised against a project). */
  @Column({ type: 'int', nullable: true })
  unitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Field({ description: 'Short statement of the problem.' })
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Field(() => String, { description: 'What the problem is, as raised.', nullable: true })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => ProblemState, { description: 'Where the problem stands in its workflow.' })
  @CodeColumn({ default: ProblemState.REPORTED })
  state!: ProblemState;

  @Column({ type: 'int', nullable: true })
  responsibleUnitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'responsible_unit_id' })
  responsibleUnit?: Unit;

  @Field(() => String, { nullable: true, description: 'Deadline (ISO date).' })
  @DateColumn()
  deadline!: string | null;

  @Field(() => EscalationLevel, { description: 'Who is chasing the problem now.' })
  @CodeColumn({ default: EscalationLevel.UNIT })
  escalationLevel!: EscalationLevel;

  @Column({ type: 'int', nullable: true })
  raisedById!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'raised_by_id' })
  raisedBy?: User;

  @Column({ type: 'datetime', nullable: true })
  closedAt!: Date | null;

  /** When it was last assigned (交办) to a responsible unit; null before, and for problems assigned before this was kept. */
  @Column({ type: 'datetime', nullable: true })
  assignedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Note given when the problem was closed (销号说明).' })
  @Column({ type: 'text', nullable: true })
  closingNote!: string | null;

  @Field(() => Int, { description: 'Optimistic-concurrency version; pass it as expectedVersion to problem mutations.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('Problem', this.dbId);
  }

  @Field(() => String, { name: 'raisedAt', description: 'When it was raised (ISO timestamp).' })
  get raisedAtIso(): string {
    return new Date(this.createdAt).toISOString();
  }
}
