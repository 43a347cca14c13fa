import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { AmountColumn, CodeColumn, DateColumn, JsonColumn } from '../../db/columns';
import { Subgroup } from '../campaign/subgroup.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { Unit } from '../unit/unit.entity';

export enum ProjectStage {
  PLANNING = 'PLANNING',
  PREPARING = 'PREPARING',
  UNDER_CONSTRUCTION = 'UNDER_CONSTRUCTION',
  SUSPENDED = 'SUSPENDED',
  COMPLETED = 'COMPLETED',
  IN_PRODUCTION = 'IN_PRODUCTION',
}
registerEnumType(ProjectStage, {
  name: 'ProjectStage',
  description: 'Stage (建设阶段): 谋划 PLANNING, 前期 PREPARING, 在建 UNDER_CONSTRUCTION, 停工 SUSPENDED, 竣工 COMPLETED, 投产 IN_PRODUCTION.',
  valuesConfig: {
    PLANNING: { description: '谋划: being planned.' },
    PREPARING: { description: '前期: preliminary work (approvals, land, design).' },
    UNDER_CONSTRUCTION: { description: '在建: under construction.' },
    SUSPENDED: { description: '停工: construction suspended.' },
    COMPLETED: { description: '竣工: construction completed.' },
    IN_PRODUCTION: { description: '投产: in production or in use.' },
  },
});

/** A project (项目) carried by one unit in one task force; the columns are the ledger's (台账). */
@ObjectType({ implements: Node, description: 'A project (项目) of a task force, carried by one unit. Amounts in 万元.' })
@Entity('project')
@Index('uq_project_task_force_code', ['taskForceId', 'code'], { unique: true })
@Index('ix_project_unit', ['unitId', 'taskForceId'])
@Index('ix_project_subgroup', ['subgroupId'])
export class Project implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Field({ description: '项目代码: unique within the task force; the key of ledger imports.' })
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Field({ description: '项目名称.' })
  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'int' })
  taskForceId!: number;

  @ManyToOne(() => TaskForce, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_force_id' })
  taskForce?: TaskForce;

  @Column({ type: 'int' })
  unitId!: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  /** The effective subgroup: the explicit one, or the unique subgroup covering the unit in the task force. */
  @Column({ type: 'int', nullable: true })
  subgroupId!: number | null;

  @ManyToOne(() => Subgroup, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'subgroup_id' })
  subgroup?: Subgroup;

  /** True when the subgroup was set explicitly rather than derived from the unit's coverage. */
  @Column({ type: 'boolean', default: false })
  subgroupExplicit!: boolean;

  @Field(() => Int, { nullable: true, description: '序号 in the ledger.' })
  @Column({ type: 'int', nullable: true })
  seq!: number | null;

  @Field(() => String, { nullable: true, description: '所属行业 / 领域.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  sector!: string | null;

  @Field(() => String, { nullable: true, description: '建设单位 / 项目业主.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  owner!: string | null;

  @Field(() => String, { nullable: true, description: '建设地点.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  location!: string | null;

  @Field(() => String, { nullable: true, description: '建设性质: 新建, 扩建, 改建, 续建, 迁建.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  nature!: string | null;

  @Field(() => String, { nullable: true, description: '建设内容及规模.' })
  @Column({ type: 'text', nullable: true })
  scope!: string | null;

  @Field(() => ProjectStage, { description: '建设阶段.' })
  @CodeColumn({ default: ProjectStage.PLANNING })
  stage!: ProjectStage;

  @Field(() => Float, { nullable: true, description: '总投资, 万元.' })
  @AmountColumn()
  totalInvestment!: number | null;

  /** The plan of the latest year planned (annual_plan holds every year; metrics read the plan of asOf's year). */
  @Field(() => Float, { nullable: true, description: '年度计划投资, 万元, of the latest year planned (see annualPlans; metrics use the plan of asOf\'s year).' })
  @AmountColumn()
  annualPlanInvestment!: number | null;

  @Field(() => Float, { nullable: true, description: '年初至今完成投资, 万元 (latest figure).' })
  @AmountColumn()
  ytdCompletedInvestment!: number | null;

  @Field(() => Float, { nullable: true, description: '自开工累计完成投资, 万元 (latest figure).' })
  @AmountColumn()
  cumulativeCompletedInvestment!: number | null;

  @Field(() => Float, { nullable: true, description: '计划到位资金, 万元.' })
  @AmountColumn()
  plannedFunds!: number | null;

  @Field(() => Float, { nullable: true, description: '累计到位资金, 万元 (latest figure).' })
  @AmountColumn()
  fundsInPlace!: number | null;

  @Field(() => String, { nullable: true, description: 'Date the latest figures refer to (ISO); null when undated.' })
  @DateColumn()
  statsDate!: string | null;

  @Field(() => String, { nullable: true, description: '计划开工时间 (ISO date).' })
  @DateColumn()
  plannedStart!: string | null;

  @Field(() => String, { nullable: true, description: '实际开工时间 (ISO date).' })
  @DateColumn()
  actualStart!: string | null;

  @Field(() => String, { nullable: true, description: '计划竣工/投产时间 (ISO date).' })
  @DateColumn()
  plannedEnd!: string | null;

  @Field(() => String, { nullable: true, description: '实际竣工/投产时间 (ISO date).' })
  @DateColumn()
  actualEnd!: string | null;

  @Field(() => String, { nullable: true, description: '形象进度.' })
  @Column({ type: 'text', nullable: true })
  visualProgress!: string | null;

  @Field(() => String, { nullable: true, description: '存在问题 as the ledger states it (one per line).' })
  @Column({ type: 'text', nullable: true })
  problemsText!: string | null;

  @Field(() => String, { nullable: true, description: '下步计划.' })
  @Column({ type: 'text', nullable: true })
  nextSteps!: string | null;

  @Field(() => String, { nullable: true, description: '包保领导.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  leaderName!: string | null;

  @Field(() => String, { nullable: true, description: '责任人.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  responsiblePerson!: string | null;

  @Field(() => String, { nullable: true, description: '联系电话.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  contact!: string | null;

  @Field(() => String, { nullable: true, description: '备注.' })
  @Column({ type: 'text', nullable: true })
  remarks!: string | null;

  /** Code, name, owner and location folded for search that ignores 简/繁 (see foldForSearch). */
  @Column({ type: 'varchar', length: 800, default: '' })
  searchText!: string;

  /** Ledger columns the service does not know, kept and exported again. */
  @JsonColumn()
  customFields!: Record<string, string> | null;

  @Field({ description: 'True for example projects generated from a document\'s stated counts and totals.' })
  @Column({ type: 'boolean', default: false })
  isExample!: boolean;

  /** When the project was archived; archived projects leave every rollup and list. */
  @Column({ type: 'datetime', nullable: true })
  archivedAt!: Date | null;

  @Field(() => Int, { description: 'Increments on every change; pass it back as expectedVersion.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('Project', this.dbId);
  }

  @Field(() => String, { name: 'updatedAt', description: 'Last change (ISO timestamp).' })
  get updatedAtIso(): string {
    return new Date(this.updatedAt).toISOString();
  }

  @Field(() => String, { name: 'archivedAt', nullable: true, description: 'When the project was archived (ISO timestamp); archived projects leave every rollup and list.' })
  get archivedAtIso(): string | null {
    return this.archivedAt ? new Date(this.archivedAt).toISOString() : null;
  }
}
