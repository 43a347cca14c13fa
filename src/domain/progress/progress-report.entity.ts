import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { AmountColumn, CodeColumn, DateColumn } from '../../db/columns';
import { Project, ProjectStage } from '../project/project.entity';
import { User } from '../user/user.entity';

export enum PeriodType {
  WEEK = 'WEEK',
  TEN_DAYS = 'TEN_DAYS',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}
registerEnumType(PeriodType, {
  name: 'PeriodType',
  description: 'Reporting period: week (2021-W15), 旬 (2021-04-T2), month (2021-04), quarter (2021-Q2).',
  valuesConfig: {
    WEEK: { description: 'A week (周), e.g. 2021-W15.' },
    TEN_DAYS: { description: 'A 旬 (ten days), e.g. 2021-04-T2.' },
    MONTH: { description: 'A month (月), e.g. 2021-04.' },
    QUARTER: { description: 'A quarter (季度), e.g. 2021-Q2.' },
  },
});

/** One project's progress for one reporting period (进度填报). */
@ObjectType({ implements: Node, description: 'A project\'s progress report for one period (进度填报). Amounts in 万元.' })
@Entity('progress_report')
@Index('uq_report_project_period', ['projectId', 'period'], { unique: true })
@Index('ix_report_project_as_of', ['projectId', 'asOfDate'])
export class ProgressReport implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Column({ type: 'int' })
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  @Field({ description: 'Period key: 2021-W15, 2021-04-T2 (second 旬), 2021-04, 2021-Q2.' })
  @Column({ type: 'varchar', length: 16 })
  period!: string;

  @Field(() => PeriodType, { description: 'The kind of period reported.' })
  @CodeColumn()
  periodType!: PeriodType;

  @Field({ description: 'First day of the period (ISO).' })
  @DateColumn({ nullable: false })
  periodStart!: string;

  @Field({ description: 'Last day of the period (ISO).' })
  @DateColumn({ nullable: false })
  periodEnd!: string;

  /** The date the figures stand for: the period's end, or the submission day when that came first. */
  @DateColumn({ nullable: false })
  asOfDate!: string;

  @Field(() => Float, { nullable: true, description: '年初至今完成投资.' })
  @AmountColumn()
  ytdCompletedInvestment!: number | null;

  @Field(() => Float, { nullable: true, description: '本期完成投资.' })
  @AmountColumn()
  periodInvestment!: number | null;

  @Field(() => Float, { nullable: true, description: '自开工累计完成投资.' })
  @AmountColumn()
  cumulativeCompletedInvestment!: number | null;

  @Field(() => Float, { nullable: true, description: '累计到位资金.' })
  @AmountColumn()
  fundsInPlace!: number | null;

  @Field(() => ProjectStage, { nullable: true, description: 'Stage at the end of the period.' })
  @CodeColumn({ nullable: true })
  stage!: ProjectStage | null;

  @Field(() => String, { nullable: true, description: '形象进度.' })
  @Column({ type: 'text', nullable: true })
  visualProgress!: string | null;

  @Field(() => Int, { nullable: true, description: '在岗工人数.' })
  @Column({ type: 'int', nullable: true })
  workersOnSite!: number | null;

  @Field(() => String, { nullable: true, description: '存在问题.' })
  @Column({ type: 'text', nullable: true })
  problemsText!: string | null;

  @Field(() => String, { nullable: true, description: '下步计划.' })
  @Column({ type: 'text', nullable: true })
  nextSteps!: string | null;

  @Column({ type: 'int', nullable: true })
  submittedById!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'submitted_by_id' })
  submittedBy?: User;

  @Column({ type: 'datetime' })
  submittedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Reason given when the report changed after its period closed.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  lateChangeReason!: string | null;

  @Field({
    description:
      'True for the demo\'s example reports (generated for example projects so that a demo campaign shows varied lights and trends); a report filed over one is no longer an example.',
  })
  @Column({ type: 'boolean', default: false })
  isExample!: boolean;

  @Field(() => Int, { description: 'Optimistic-concurrency version of the report.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('ProgressReport', this.dbId);
  }

  @Field(() => String, { name: 'submittedAt', description: 'When it was submitted (ISO timestamp).' })
  get submittedAtIso(): string {
    return new Date(this.submittedAt).toISOString();
  }
}
