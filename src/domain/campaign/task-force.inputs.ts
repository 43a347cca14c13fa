import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { ReportingCadence, TaskForce, TimeProgressMode } from './task-force.entity';

@InputType({ description: 'A new campaign and its leading group.' })
export class TaskForceCreateInput {
  @Field()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @Field(() => String, { nullable: true, description: '文号.' })
  @IsOptional()
  @MaxLength(100)
  documentNumber?: string;

  @Field({ description: 'ISO date.' })
  periodStart!: string;

  @Field({ description: 'ISO date, not before periodStart.' })
  periodEnd!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  region?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  issuer?: string;

  @Field(() => ReportingCadence, { nullable: true })
  @IsOptional()
  reportingCadence?: ReportingCadence;

  @Field(() => TimeProgressMode, { nullable: true, description: 'Default MONTH.' })
  @IsOptional()
  timeProgressMode?: TimeProgressMode;
}

@ObjectType()
export class TaskForcePayload {
  @Field(() => TaskForce)
  taskForce!: TaskForce;
}
