import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Metrics } from '../../metrics/metrics.type';

export enum SeriesInterval {
  MONTH = 'MONTH',
  TEN_DAYS = 'TEN_DAYS',
  WEEK = 'WEEK',
}
registerEnumType(SeriesInterval, {
  name: 'SeriesInterval',
  description: 'Spacing of a metrics series: month ends (月通报), 旬 ends — the 10th, the 20th and the month end — (旬调度), or ISO week ends, Sundays (周监测).',
  valuesConfig: {
    MONTH: { description: 'One point per month.' },
    TEN_DAYS: { description: 'One point per 旬 (ten days).' },
    WEEK: { description: 'One point per week.' },
  },
});

@ObjectType({
  description:
    '环比: change of the main ratios since the previous point (the period before; for the first point, the period before `from`). Ratios as fractions (0.05 = 5 percentage points), progressGap in points; null when either side is null.',
})
export class MetricsChange {
  @Field(() => String, { description: 'The date compared with (ISO): the previous period\'s end.' })
  previousAsOf!: string;

  @Field(() => Float, { nullable: true, description: 'Change of 投资完成率.' })
  investmentCompletionRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change of 进度差, in percentage points.' })
  progressGap!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change of 占总投资 (cumulative ÷ total investment).' })
  cumulativeRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change of 开工率 (full year).' })
  startRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change of 竣工率.' })
  completionRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change of 资金到位率.' })
  fundsInPlaceRate!: number | null;

  @Field(() => Float, { description: 'Change of Σ 年初至今完成投资, 万元 (a year\'s first point counts from zero: the year-to-date figure restarts).' })
  ytdCompletedInvestment!: number;
}

@ObjectType({ description: 'One point of a metrics series: the node\'s metrics at a period\'s end, and the change since the period before.' })
export class MetricsPoint {
  @Field({ description: 'The date of the point (ISO): a period\'s end, or `to` for the last, partial period.' })
  asOf!: string;

  @Field(() => Metrics, { description: 'The node\'s metrics at asOf, as metrics(asOf:) gives them.' })
  metrics!: Metrics;

  @Field(() => MetricsChange, { description: '环比: change since the previous period\'s end.' })
  change!: MetricsChange;
}
