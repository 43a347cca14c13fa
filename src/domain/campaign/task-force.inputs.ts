import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ReportingCadence, TaskForce, TimeProgressMode } from './task-force.entity';

@InputType({ description: 'A reporting cadence of a task force (see ReportingRule).' })
export class ReportingRuleInput {
  @Field(() => ReportingCadence, { description: 'Period kind; each kind once per task force.' })
  kind!: ReportingCadence;

  @Field(() => String, { nullable: true, description: 'What the office calls it (周监测, 旬调度, 月通报 …), at most 20 characters; default 日报/周报/旬报/半月报/月报/季报.' })
  @IsOptional()
  @MaxLength(20)
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'Day of the period the reports are due (WEEK 1–7 Monday–Sunday; TEN_DAYS 1–11 and HALF_MONTH 1–16 from the period\'s first day; MONTH and QUARTER 1–31, the day of the period\'s last month); null: its last day.' })
  @IsOptional()
  dueDay?: number | null;

  @Field(() => Int, { nullable: true, description: 'Days after the due day still on time, 0–92 (default 0).' })
  @IsOptional()
  graceDays?: number | null;
}

@InputType({ description: 'A new campaign and its leading group.' })
export class TaskForceCreateInput {
  @Field({ description: 'The campaign\'s name as the document gives it.' })
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

  @Field(() => String, { description: 'The region it covers, e.g. 鄂州市.', nullable: true })
  @IsOptional()
  @MaxLength(50)
  region?: string;

  @Field(() => String, { description: 'Who issued the document (发文机关).', nullable: true })
  @IsOptional()
  @MaxLength(100)
  issuer?: string;

  @Field(() => ReportingCadence, { nullable: true, description: 'The one cadence of clients of the first contract; with reportingCadences, the kind of its first.' })
  @IsOptional()
  reportingCadence?: ReportingCadence;

  @Field(() => [ReportingRuleInput], { nullable: true, description: 'Every reporting cadence (周监测, 旬调度, 月通报 …), each kind once, at most 10.' })
  @IsOptional()
  @ArrayMaxSize(10)
  reportingCadences?: ReportingRuleInput[];

  @Field(() => TimeProgressMode, { nullable: true, description: 'Default MONTH.' })
  @IsOptional()
  timeProgressMode?: TimeProgressMode;
}

@ObjectType({ description: 'The task force as the mutation left it.' })
export class TaskForcePayload {
  @Field(() => TaskForce, { description: 'The task force as the mutation left it.' })
  taskForce!: TaskForce;
}

@InputType({ description: 'Changes a campaign (ADMIN); fields left out stay as they are.' })
export class TaskForceUpdateInput {
  @Field(() => ID, { description: 'The task force.' })
  id!: string;

  @Field(() => Int, { description: 'The version you last read; stale → CONFLICT.' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  expectedVersion!: number;

  @Field(() => [ReportingRuleInput], { nullable: true, description: 'Every reporting cadence, replacing the ones set (an empty list clears them); reportingCadence becomes the kind of the first.' })
  @IsOptional()
  @ArrayMaxSize(10)
  reportingCadences?: ReportingRuleInput[];
}
