import { IsInt, IsOptional, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Project, ProjectStage } from './project.entity';

@InputType({ description: 'Changes to a project; fields left out stay as they are, null clears a date. Pass the version you read as expectedVersion.' })
export class ProjectUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you last read; a stale one fails with CONFLICT and writes nothing.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => ProjectStage, { nullable: true })
  @IsOptional()
  stage?: ProjectStage;

  @Field(() => Float, { nullable: true, description: '年初至今完成投资, 万元.' })
  @IsOptional()
  ytdCompletedInvestment?: number;

  @Field(() => Float, { nullable: true, description: '累计到位资金, 万元.' })
  @IsOptional()
  fundsInPlace?: number;

  @Field(() => String, { nullable: true, description: 'ISO date.' })
  @IsOptional()
  actualStart?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date.' })
  @IsOptional()
  actualEnd?: string | null;

  @Field(() => String, { nullable: true, description: '形象进度.' })
  @IsOptional()
  @MaxLength(2000)
  visualProgress?: string;

  @Field(() => Float, { nullable: true, description: '自开工累计完成投资, 万元.' })
  @IsOptional()
  cumulativeCompletedInvestment?: number;

  @Field(() => Float, { nullable: true, description: '年度计划投资, 万元 (ADMIN only).' })
  @IsOptional()
  annualPlanInvestment?: number;

  @Field(() => Float, { nullable: true, description: '总投资, 万元 (ADMIN only).' })
  @IsOptional()
  totalInvestment?: number;

  @Field(() => Float, { nullable: true, description: '计划到位资金, 万元.' })
  @IsOptional()
  plannedFunds?: number;

  @Field(() => String, { nullable: true, description: '存在问题.' })
  @IsOptional()
  @MaxLength(4000)
  problemsText?: string;

  @Field(() => String, { nullable: true, description: '下步计划.' })
  @IsOptional()
  @MaxLength(4000)
  nextSteps?: string;
}

@ObjectType({ description: 'The project after the change.' })
export class ProjectPayload {
  @Field(() => Project)
  project!: Project;
}
