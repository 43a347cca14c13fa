import { IsOptional, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { TargetActual } from './target-actual.entity';
import { Target } from './target.entity';

@InputType({ description: 'Records a target\'s actual value on a date (ADMIN, or a LEADER of the target\'s subgroup); a second value for the same date replaces the first.' })
export class TargetActualSetInput {
  @Field(() => ID, { description: 'The target (global ID).' })
  targetId!: string;

  @Field({ description: 'The date the value refers to (ISO), e.g. the end of the month reported.' })
  asOf!: string;

  @Field(() => Float, { description: 'In the target\'s measure (万元, %, 个 …).' })
  value!: number;

  @Field(() => String, { nullable: true, description: 'Source or remark.' })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@ObjectType({ description: 'The target and the value recorded.' })
export class TargetActualPayload {
  @Field(() => Target, { description: 'The target with the new value.' })
  target!: Target;

  @Field(() => TargetActual, { description: 'The actual value as stored.' })
  actual!: TargetActual;
}
