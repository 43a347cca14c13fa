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
  valuesConfig: {
    MONTH: { description: 'Month ÷ 12 (month-end convention).' },
    DAY: { description: 'Elapsed days of the year ÷ days in the year.' },
    PERIOD: { description: 'Elapsed days of the task force period ÷ its days.' },
  },
});

export enum ReportingCadence {
  DAY = 'DAY',
  WEEK = 'WEEK',
  TEN_DAYS = 'TEN_DAYS',
  HALF_MONTH = 'HALF_MONTH',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}
registerEnumType(ReportingCadence, {
  name: 'ReportingCadence',
  description: 'Reporting cadence (period kind): day, week, 旬 (10 days), half month, month, quarter.',
  valuesConfig: {
    DAY: { description: 'Daily (日报).' },
    WEEK: { description: 'Weekly (周报).' },
    TEN_DAYS: { description: 'Every 旬 (ten days).' },
    HALF_MONTH: { description: 'Twice a month (半月报).' },
    MONTH: { description: 'Monthly (月报).' },
    QUARTER: { description: 'Quarterly (季报).' },
  },
});

/** What a cadence is called when the office gave it no name. */
export const defaultCadenceName: Record<ReportingCadence, string> = {
  DAY: '日报',
  WEEK: '周报',
  TEN_DAYS: '旬报',
  HALF_MONTH: '半月报',
  MONTH: '月报',
  QUARTER: '季报',
};

/** One reporting cadence of a task force (周监测, 旬调度, 月通报 …) and when its reports are due. */
@ObjectType({
  description:
    'A reporting cadence: the period kind, what the office calls it, and when reports of a period are due: the dueDay of the period (WEEK 1–7 = Monday–Sunday; TEN_DAYS and HALF_MONTH the day counted from the period\'s first; MONTH the day of the month; QUARTER the day of the quarter\'s last month; a day past the period\'s end means its last day), or its last day when dueDay is null, plus graceDays.',
})
export class ReportingRule {
  @Field(() => ReportingCadence, { description: 'Period kind.' })
  kind!: ReportingCadence;

  @Field({ description: 'What the office calls it, e.g. 周监测, 旬调度, 月通报.' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Day of the period the reports are due (see the type); null: the period\'s last day.' })
  dueDay!: number | null;

  @Field(() => Int, { description: 'Days after that day still on time (e.g. a month\'s reports due by the 5th of the next: dueDay null, graceDays 5).' })
  graceDays!: number;
}


/** A dated phase of a campaign (阶段). */
@ObjectType({ description: 'A dated phase of the campaign, e.g. 建成收尾阶段 2021-11-01…2021-12-30.' })
export class Phase {
  @Field({ description: 'Name of the phase (阶段), e.g. 动员部署.' })
  name!: string;

  @Field({ description: 'ISO date.' })
  start!: string;

  @Field({ description: 'ISO date.' })
  end!: string;
}

/** Weights of the ranking score (排队通报). */
@ObjectType({ description: 'Weights of the ranking score: score = Σ weight × indicator.' })
export class RankingWeights {
  @Field(() => Float, { description: 'Weight of 开工率 in the 综合得分.' })
  startRate!: number;

  @Field(() => Float, { description: 'Weight of 投资完成率 in the 综合得分.' })
  investmentCompletionRate!: number;

  @Field(() => Float, { description: 'Weight of 竣工率 in the 综合得分.' })
  completionRate!: number;

  @Field(() => Float, { description: 'Weight of 资金到位率 in the 综合得分 (0: left out).' })
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

  @Field(() => ReportingCadence, { nullable: true, description: 'How often units report progress: the kind of the first of reportingCadences (kept for clients of the first contract).' })
  @CodeColumn({ nullable: true })
  reportingCadence!: ReportingCadence | null;

  /** The reporting cadences as set; null: only the single reportingCadence (see reportingCadences). */
  @JsonColumn({ nullable: true })
  reportingCadencesJson!: ReportingRule[] | null;

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

  @Field(() => [ReportingRule], { description: 'Every reporting cadence of the campaign (周监测, 旬调度, 月通报 …), each kind once; a task force that set only reportingCadence has that one, with the default name.' })
  get reportingCadences(): ReportingRule[] {
    if (this.reportingCadencesJson) return this.reportingCadencesJson;
    return this.reportingCadence ? [{ kind: this.reportingCadence, name: defaultCadenceName[this.reportingCadence], dueDay: null, graceDays: 0 }] : [];
  }

  @Field(() => [Phase], { description: 'Dated phases the document sets.' })
  get phases(): Phase[] {
    return this.phasesJson ?? [];
  }
}
