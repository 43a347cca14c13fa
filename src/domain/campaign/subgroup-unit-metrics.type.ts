import { Field, ObjectType } from 'type-graphql';
import { Metrics } from '../../metrics/metrics.type';
import { Unit } from '../unit/unit.entity';

/** A unit's figures within one subgroup: only its projects of that subgroup (a unit may serve several). */
@ObjectType({ description: 'A unit\'s indicators within one subgroup: its projects of that subgroup and their problems.' })
export class SubgroupUnitMetrics {
  @Field(() => Unit, { description: 'The unit (责任单位).' })
  unit!: Unit;

  @Field(() => Metrics, { description: 'Its indicators within the subgroup at asOf.' })
  metrics!: Metrics;
}
