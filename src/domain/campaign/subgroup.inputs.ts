import { ArrayMaxSize, IsInt, IsOptional, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Subgroup } from './subgroup.entity';

@InputType({ description: 'A new subgroup (小组, 包保推进组, 工程) of a task force (ADMIN).' })
export class SubgroupCreateInput {
  @Field(() => ID, { description: 'The task force (global ID).' })
  taskForceId!: string;

  @Field({ description: 'The subgroup\'s name, e.g. 交通补短板工程.' })
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Lead unit (牵头部门).' })
  leadUnitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Office unit (办公室设在).' })
  officeUnitId?: string | null;

  @Field(() => String, { nullable: true, description: 'Main tasks (主要任务).' })
  @IsOptional()
  @MaxLength(20000)
  mainTasks?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Units the subgroup covers (包保单位).' })
  @IsOptional()
  @ArrayMaxSize(500)
  coveredUnitIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Order in lists (0 first).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number | null;
}

@InputType({ description: 'Changes to a subgroup (ADMIN). coveredUnitIds replaces the covered units; projects of units that change subgroup follow.' })
export class SubgroupUpdateInput {
  @Field(() => ID, { description: 'The subgroup (global ID).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a different current version is CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { description: 'New name.', nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'null clears it.' })
  leadUnitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'null clears it.' })
  officeUnitId?: string | null;

  @Field(() => String, { description: 'New main tasks (主要任务) text; null clears it.', nullable: true })
  @IsOptional()
  @MaxLength(20000)
  mainTasks?: string | null;

  @Field(() => [ID], { description: 'The units the subgroup covers (包保单位), replacing the current list.', nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  coveredUnitIds?: string[] | null;

  @Field(() => Int, { description: 'New order within the task force (0 first).', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number | null;
}

@ObjectType({ description: 'The subgroup after the change.' })
export class SubgroupPayload {
  @Field(() => Subgroup, { description: 'The subgroup as the mutation left it.' })
  subgroup!: Subgroup;
}
