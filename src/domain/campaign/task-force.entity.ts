import { Field, Int, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { CodeColumn, DateColumn, JsonColumn, MeasureColumn } from '../../db/columns';
import { Unit } from '../unit/unit.entity';

export enum TimeProgressMode {
  MONTH = 'MONTH',
  DAY = 'DAY',
  PERIOD = 'PERIOD',
}
registerEnumType(TimeProgressMode, {
  name: 'TimeProgressMode',
  description: 'How 时序进度 is computed: MONTH = month ÷ 12 (month-end convention), DAY = elapsed days of the year ÷ days in the year, PERIOD = elapsed days of the task force period ÷ its days.',
});

export enum ReportingCadence {
  WEEK = 'WEEK',
  TEN_DAYS = 'TEN_DAYS',
  HALF_MONTH = 'HALF_MONTH',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}
registerEnumType(ReportingCadence, { name: 'ReportingCadence', description: 'Reporting cadence: week, 旬 (10 days), half month, month, quarter.' });

/** A dated phase of a campaign (阶段). */
@ObjectType({ description: 'A dated phase of the campaign, e.g. 建成收尾阶段 2021-11-01…2021-12-30.' })
export class Phase {
  @Field()
  name!: string;

  @Field({ description: 'ISO date.' })
  start!: string;

  @Field({ description: 'ISO date.' })
  end!: string;
}

/** Weights of the ranking score (排队通报). */
@ObjectType({ description: 'Weights of the ranking score: score = Σ weight × indicator.' })
export class RankingWeights {
  @Field(() => Float)
  startRate!: number;

  @Field(() => Float)
  investmentCompletionRate!: number;

  @Field(() => Float)
  completionRate!: number;

  @Field(() => Float)
  fundsInPlaceRate!: number;
}

export const defaultRankingWeights: RankingWeights = { startRate: 0.2, investmentCompletionRate: 0.5, completionRate: 0.3, fundsInPlaceRate: 0 };

/** One campaign's leading group (领导小组 / 工作组). */
@ObjectType({ implements: Node, description: 'A campaign and its leading group (领导小组/工作组).' })
@Entity('task_force')
export class TaskForce implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Field({ description: 'Name of the campaign plan as written.' })
  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Name of the leading group as written, e.g. 工作组.' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  groupName!: string | null;

  @Field(() => String, { nullable: true, description: '文号, e.g. 双政办发〔2021〕4号.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  documentNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Issuing office.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  issuer!: string | null;

  @Field(() => String, { nullable: true, description: 'Issue date (ISO).' })
  @DateColumn()
  issuedOn!: string | null;

  @Field({ description: 'City or county of the campaign, e.g. 鄂州市.' })
  @Column({ type: 'varchar', length: 50, default: '' })
  region!: string;

  @Field(() => String, { nullable: true, description: 'First day of the campaign period (ISO).' })
  @DateColumn()
  periodStart!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the campaign period (ISO).' })
  @DateColumn()
  periodEnd!: string | null;

  @Field(() => ReportingCadence, { nullable: true, description: 'How often units report progress.' })
  @CodeColumn({ nullable: true })
  reportingCadence!: ReportingCadence | null;

  @Field(() => TimeProgressMode, { description: 'How 时序进度 is computed for this task force.' })
  @CodeColumn({ default: TimeProgressMode.MONTH })
  timeProgressMode!: TimeProgressMode;

  @Field(() => Float, { description: 'Traffic light: GREEN when progressGap ≥ this (points). Default −10.' })
  @MeasureColumn({ nullable: false, default: -10 })
  greenMinGap!: number;

  @Field(() => Float, { description: 'Traffic light: YELLOW when progressGap ≥ this and below the green threshold; RED below. Default −30.' })
  @MeasureColumn({ nullable: false, default: -30 })
  yellowMinGap!: number;

  /** Ranking weights; null means the default. */
  @JsonColumn({ nullable: true })
  rankingWeightsJson!: RankingWeights | null;

  @JsonColumn({ nullable: true })
  phasesJson!: Phase[] | null;

  @Column({ type: 'int', nullable: true })
  officeUnitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'office_unit_id' })
  officeUnit?: Unit;

  /** Key of the source document the demo data came from. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  sourceKey!: string | null;

  @Field(() => Int, { description: 'Increments on every change.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('TaskForce', this.dbId);
  }

  @Field(() => RankingWeights, { description: 'Weights of the ranking score (default 开工率 0.2, 投资完成率 0.5, 竣工率 0.3).' })
  get rankingWeights(): RankingWeights {
    return this.rankingWeightsJson ?? defaultRankingWeights;
  }

  @Field(() => [Phase], { description: 'Dated phases the document sets.' })
  get phases(): Phase[] {
    return this.phasesJson ?? [];
  }
}
