import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node.interface';
import { Metrics } from '../../metrics/metrics.type';
import { Subgroup } from '../campaign/subgroup.entity';
import { Unit } from '../unit/unit.entity';

export enum RankingLevel {
  SUBGROUP = 'SUBGROUP',
  UNIT = 'UNIT',
}
registerEnumType(RankingLevel, {
  name: 'RankingLevel',
  description: 'Rank the subgroups or the units of a task force.',
  valuesConfig: {
    SUBGROUP: { description: 'Rank the task force\'s subgroups.' },
    UNIT: { description: 'Rank the units taking part in the task force.' },
  },
});

export enum RankingIndicator {
  INVESTMENT_COMPLETION_RATE = 'INVESTMENT_COMPLETION_RATE',
  START_RATE = 'START_RATE',
  COMPLETION_RATE = 'COMPLETION_RATE',
  FUNDS_IN_PLACE_RATE = 'FUNDS_IN_PLACE_RATE',
  WEIGHTED_SCORE = 'WEIGHTED_SCORE',
}
registerEnumType(RankingIndicator, {
  name: 'RankingIndicator',
  description: 'Indicator to rank by; WEIGHTED_SCORE uses the task force\'s ranking weights.',
  valuesConfig: {
    INVESTMENT_COMPLETION_RATE: { description: '投资完成率: year-to-date completed investment ÷ annual plan.' },
    START_RATE: { description: '开工率: share of projects due to start that have started.' },
    COMPLETION_RATE: { description: '竣工率: share of projects due to finish that have finished.' },
    FUNDS_IN_PLACE_RATE: { description: '资金到位率: funds in place ÷ planned funds.' },
    WEIGHTED_SCORE: { description: '综合得分: the indicators weighted by the task force\'s ranking weights.' },
  },
});

@ObjectType({ description: 'One place in a ranking (排队通报).' })
export class RankingEntry {
  @Field(() => Int, { description: '1 for the best; equal value and equal completed investment share a rank.' })
  rank!: number;

  @Field(() => Node, { description: 'The subgroup or unit.' })
  node!: Subgroup | Unit;

  @Field(() => Float, { nullable: true, description: 'The indicator\'s value; null when it has no denominator (ranked last).' })
  value!: number | null;

  @Field(() => Metrics, { description: 'The node\'s indicators the rank is taken from.' })
  metrics!: Metrics;
}

