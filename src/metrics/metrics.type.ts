import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Light } from '../domain/project/project.inputs';

/** Indicators of a node at a date; every figure computed by the service (see SPEC 'Indicators'). */
@ObjectType({ description: 'Indicators of a node at a date. Amounts in 万元; ratios are fractions (0.85 = 85%) and null when the denominator is zero. Rollups are money-weighted: sums of numerators over sums of denominators.' })
export class Metrics {
  @Field({ description: 'The date the figures stand for (ISO).' })
  asOf!: string;

  @Field(() => Int, { description: 'Projects counted (archived projects excluded).' })
  projectCount!: number;

  @Field(() => Float, { description: 'Σ 总投资.' })
  totalInvestment!: number;

  @Field(() => Float, { description: 'Σ 年度计划投资.' })
  annualPlanInvestment!: number;

  @Field(() => Float, { description: 'Σ 年初至今完成投资 at asOf.' })
  ytdCompletedInvestment!: number;

  @Field(() => Float, { nullable: true, description: '投资完成率 = Σ year-to-date completed ÷ Σ annual plan.' })
  investmentCompletionRate!: number | null;

  @Field(() => Float, { description: 'Σ 自开工累计完成投资 at asOf.' })
  cumulativeCompletedInvestment!: number;

  @Field(() => Float, { nullable: true, description: '占总投资 = Σ cumulative completed ÷ Σ total investment.' })
  cumulativeRate!: number | null;

  @Field(() => Int, { description: 'Projects planned to start in the year of asOf.' })
  plannedStartCount!: number;

  @Field(() => Int, { description: 'Of those, projects actually started by asOf.' })
  startedCount!: number;

  @Field(() => Float, { nullable: true, description: '开工率 (full year) = started ÷ planned to start this year.' })
  startRate!: number | null;

  @Field(() => Int, { description: 'Projects planned to start this year whose planned start is due by asOf.' })
  plannedStartDueCount!: number;

  @Field(() => Int, { description: 'Of those, projects actually started by asOf.' })
  startedDueCount!: number;

  @Field(() => Float, { nullable: true, description: '开工率 (year to date) = started ÷ planned starts due by asOf.' })
  startRateToDate!: number | null;

  @Field(() => Int, { description: 'Projects planned to finish in the year of asOf.' })
  plannedFinishCount!: number;

  @Field(() => Int, { description: 'Of those, projects actually finished by asOf.' })
  finishedCount!: number;

  @Field(() => Float, { nullable: true, description: '竣工率 = finished ÷ planned to finish this year.' })
  completionRate!: number | null;

  @Field(() => Int, { description: 'Of the projects planned to finish this year, those finished and in production.' })
  inProductionCount!: number;

  @Field(() => Float, { nullable: true, description: '投产率 = in production ÷ planned to finish (enter production) this year.' })
  productionRate!: number | null;

  @Field(() => Float, { description: 'Σ 计划到位资金.' })
  plannedFunds!: number;

  @Field(() => Float, { description: 'Σ 累计到位资金 at asOf.' })
  fundsInPlace!: number;

  @Field(() => Float, { nullable: true, description: '资金到位率 = Σ funds in place ÷ Σ planned funds.' })
  fundsInPlaceRate!: number | null;

  @Field(() => Float, { description: '时序进度 at asOf (month ÷ 12 by default; see TaskForce.timeProgressMode).' })
  timeProgress!: number;

  @Field(() => Float, { nullable: true, description: '进度差 = investmentCompletionRate − timeProgress, in percentage points.' })
  progressGap!: number | null;

  @Field(() => Light, { description: '红黄绿灯 by the task force thresholds.' })
  light!: Light;

  @Field(() => Int, { description: 'Problems not yet closed (销号).' })
  openProblemCount!: number;

  @Field(() => Int, { description: 'Of the open problems, those past their deadline (超期): deadline before today. Problems are counted as they stand today, whatever asOf.' })
  overdueProblemCount!: number;

  @Field(() => Float, { nullable: true, description: '销号率 = problems closed (销号) ÷ all problems of the node, as they stand today; null when the node has none.' })
  problemClosureRate!: number | null;
}
