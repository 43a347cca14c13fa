import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Metrics } from '../../metrics/metrics.type';

export enum ProjectGroupKey {
  TASK_FORCE = 'TASK_FORCE',
  SUBGROUP = 'SUBGROUP',
  UNIT = 'UNIT',
  SECTOR = 'SECTOR',
  STAGE = 'STAGE',
}
registerEnumType(ProjectGroupKey, {
  name: 'ProjectGroupKey',
  description: 'What projectAggregate groups by.',
  valuesConfig: {
    TASK_FORCE: { description: 'One group per task force.' },
    SUBGROUP: { description: 'One group per subgroup (projects without one form their own group).' },
    UNIT: { description: 'One group per responsible unit.' },
    SECTOR: { description: 'One group per sector (所属行业).' },
    STAGE: { description: 'One group per construction stage.' },
  },
});

@ObjectType({ description: 'Metrics of one group of projects.' })
export class AggregateGroup {
  @Field(() => [String], { description: 'One value per groupBy key, in order: global IDs for task force, subgroup and unit (empty when none), the sector text, the stage.' })
  key!: string[];

  @Field(() => [String], { description: 'Readable labels of the key: names of task force, subgroup and unit; sector; stage.' })
  labels!: string[];

  @Field(() => Metrics, { description: 'The metrics of the group\'s projects.' })
  metrics!: Metrics;
}
