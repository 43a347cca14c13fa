import { IsInt, IsOptional, MaxLength, Min, MinLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AnnualPlanInput } from './annual-plan.entity';
import { Project, ProjectStage } from './project.entity';

/** The ledger columns a client may write; shared by create and update. Omitted fields stay as they are. */
@InputType({ description: 'Ledger columns a client may write.' })
export class ProjectFieldsInput {
  @Field(() => String, { nullable: true, description: '所属行业.' })
  @IsOptional()
  @MaxLength(100)
  sector?: string | null;

  @Field(() => String, { nullable: true, description: '建设单位.' })
  @IsOptional()
  @MaxLength(200)
  owner?: string | null;

  @Field(() => String, { nullable: true, description: '建设地点.' })
  @IsOptional()
  @MaxLength(200)
  location?: string | null;

  @Field(() => String, { nullable: true, description: '建设性质: 新建, 扩建, 改建, 续建 or 迁建.' })
  @IsOptional()
  @MaxLength(10)
  nature?: string | null;

  @Field(() => String, { nullable: true, description: '建设内容及规模.' })
  @IsOptional()
  @MaxLength(4000)
  scope?: string | null;

  @Field(() => ProjectStage, { nullable: true, description: 'Construction stage (建设阶段); a new project without one is PLANNING.' })
  @IsOptional()
  stage?: ProjectStage;

  @Field(() => Float, { nullable: true, description: '总投资, 万元 (ADMIN only).' })
  @IsOptional()
  totalInvestment?: number | null;

  @Field(() => Float, { nullable: true, description: '年度计划投资, 万元 (ADMIN only): the plan of the year of the figures\' date (statsDate after this write; undated: the task force\'s default asOf). null removes that year\'s plan.' })
  @IsOptional()
  annualPlanInvestment?: number | null;

  @Field(() => [AnnualPlanInput], { nullable: true, description: '年度计划投资 of named years (ADMIN only); years left out stay as they are.' })
  @IsOptional()
  annualPlans?: AnnualPlanInput[] | null;

  @Field(() => Float, { nullable: true, description: '年初至今完成投资, 万元.' })
  @IsOptional()
  ytdCompletedInvestment?: number | null;

  @Field(() => Float, { nullable: true, description: '自开工累计完成投资, 万元.' })
  @IsOptional()
  cumulativeCompletedInvestment?: number | null;

  @Field(() => Float, { nullable: true, description: '计划到位资金, 万元.' })
  @IsOptional()
  plannedFunds?: number | null;

  @Field(() => Float, { nullable: true, description: '累计到位资金, 万元.' })
  @IsOptional()
  fundsInPlace?: number | null;

  @Field(() => String, { nullable: true, description: '计划开工时间, ISO date; null clears it.' })
  @IsOptional()
  plannedStart?: string | null;

  @Field(() => String, { nullable: true, description: '实际开工时间, ISO date; null clears it.' })
  @IsOptional()
  actualStart?: string | null;

  @Field(() => String, { nullable: true, description: '计划竣工时间, ISO date; null clears it.' })
  @IsOptional()
  plannedEnd?: string | null;

  @Field(() => String, { nullable: true, description: '实际竣工时间, ISO date, not before actualStart; null clears it.' })
  @IsOptional()
  actualEnd?: string | null;

  @Field(() => String, { nullable: true, description: '形象进度.' })
  @IsOptional()
  @MaxLength(2000)
  visualProgress?: string | null;

  @Field(() => String, { nullable: true, description: '存在问题.' })
  @IsOptional()
  @MaxLength(4000)
  problemsText?: string | null;

  @Field(() => String, { nullable: true, description: '下步计划.' })
  @IsOptional()
  @MaxLength(4000)
  nextSteps?: string | null;

  @Field(() => String, { nullable: true, description: '包保领导.' })
  @IsOptional()
  @MaxLength(100)
  leaderName?: string | null;

  @Field(() => String, { nullable: true, description: '责任人.' })
  @IsOptional()
  @MaxLength(100)
  responsiblePerson?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话.' })
  @IsOptional()
  @MaxLength(100)
  contact?: string | null;

  @Field(() => String, { nullable: true, description: '备注.' })
  @IsOptional()
  @MaxLength(4000)
  remarks?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Columns of the unit\'s own sheet that the ledger lacks: an object of text values (at most 50 keys); replaces the previous set.' })
  @IsOptional()
  customFields?: Record<string, unknown> | null;
}

@InputType({ description: 'A new project in a task force (ADMIN, or a REPORTER for its own unit).' })
export class ProjectCreateInput extends ProjectFieldsInput {
  @Field(() => ID, { description: 'The task force the project belongs to (global ID).' })
  taskForceId!: string;

  @Field({ description: '项目代码, unique within the task force.' })
  @MinLength(1)
  @MaxLength(64)
  code!: string;

  @Field({ description: '项目名称.' })
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @Field(() => ID, { description: '责任单位.' })
  unitId!: string;

  @Field(() => ID, { nullable: true, description: 'The subgroup, when not the one subgroup covering the unit (ADMIN).' })
  subgroupId?: string | null;
}

@InputType({ description: 'Changes to a project; fields left out stay as they are, null clears a value. Pass the version you read as expectedVersion.' })
export class ProjectUpdateInput extends ProjectFieldsInput {
  @Field(() => ID, { description: 'The project (global ID).' })
  id!: string;

  @Field(() => Int, { description: 'The version you last read; a stale one fails with CONFLICT and writes nothing.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: '项目名称.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'Moves the project to another unit (ADMIN only).' })
  unitId?: string;

  @Field(() => ID, { nullable: true, description: 'Sets the subgroup explicitly (ADMIN only); null returns to the subgroup covering the unit.' })
  subgroupId?: string | null;
}

@InputType({ description: 'Archives (or restores) a project: archived projects leave every list, total and ratio.' })
export class ProjectArchiveInput {
  @Field(() => ID, { description: 'The project (global ID).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a different current version is CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => Boolean, { nullable: true, description: 'false restores an archived project; default true.' })
  archived?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Why, for the record.' })
  @IsOptional()
  @MaxLength(500)
  reason?: string | null;
}

@ObjectType({ description: 'The project after the change.' })
export class ProjectPayload {
  @Field(() => Project, { description: 'The project as the mutation left it.' })
  project!: Project;
}
