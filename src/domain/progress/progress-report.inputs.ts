import { IsInt, IsOptional, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ProjectStage } from '../project/project.entity';
import { ProgressReport } from './progress-report.entity';

@InputType({ description: 'A project\'s report for one period; a second report for the same period replaces the first.' })
export class ProgressReportInput {
  @Field(() => ID, { description: 'The project reported on (global ID).' })
  projectId!: string;

  @Field({ description: 'Month 2021-04, quarter 2021-Q2, ISO week 2021-W15, or 旬 2021-04-T2.' })
  @MaxLength(16)
  period!: string;

  @Field(() => Float, { description: '年初至今完成投资, 万元.' })
  ytdCompletedInvestment!: number;

  @Field(() => String, { nullable: true, description: '形象进度.' })
  @IsOptional()
  @MaxLength(2000)
  visualProgress?: string;

  @Field(() => Float, { nullable: true, description: '本期完成投资, 万元.' })
  @IsOptional()
  periodInvestment?: number;

  @Field(() => Float, { nullable: true, description: '自开工累计完成投资, 万元.' })
  @IsOptional()
  cumulativeCompletedInvestment?: number;

  @Field(() => Float, { nullable: true, description: '累计到位资金, 万元.' })
  @IsOptional()
  fundsInPlace?: number;

  @Field(() => ProjectStage, { description: 'The project\'s stage at the end of the period; unchanged when omitted.', nullable: true })
  @IsOptional()
  stage?: ProjectStage;

  @Field(() => Int, { nullable: true, description: '在岗工人数.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  workersOnSite?: number;

  @Field(() => String, { nullable: true, description: '存在问题.' })
  @IsOptional()
  @MaxLength(4000)
  problemsText?: string;

  @Field(() => String, { nullable: true, description: '下步计划.' })
  @IsOptional()
  @MaxLength(4000)
  nextSteps?: string;

  @Field(() => String, { nullable: true, description: 'Why a closed period is being reported or changed (ADMIN only).' })
  @IsOptional()
  @MaxLength(500)
  reason?: string;
}

@ObjectType({ description: 'The progress report as the mutation stored it.' })
export class ProgressReportPayload {
  @Field(() => ProgressReport, { description: 'The report as stored.' })
  report!: ProgressReport;
}
