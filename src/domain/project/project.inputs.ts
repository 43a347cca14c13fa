import { ArrayMaxSize, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ProjectStage } from './project.entity';

import { Light } from '../../metrics/light';

export { Light };

export enum ProjectOrder {
  NAME = 'NAME',
  TOTAL_INVESTMENT_DESC = 'TOTAL_INVESTMENT_DESC',
  COMPLETION_RATE_ASC = 'COMPLETION_RATE_ASC',
  UPDATED_AT_DESC = 'UPDATED_AT_DESC',
}
registerEnumType(ProjectOrder, {
  name: 'ProjectOrder',
  description: 'Order of project lists; ties are broken by project ID.',
  valuesConfig: {
    NAME: { description: 'By name, A to Z in code-point order.' },
    TOTAL_INVESTMENT_DESC: { description: 'Largest total investment first.' },
    COMPLETION_RATE_ASC: {
      description:
        'Lowest investment completion rate first (the projects furthest behind): the rate the project\'s metrics show without asOf (its year-to-date figure against its plan of that date\'s year); projects without a plan for that year last.',
    },
    UPDATED_AT_DESC: { description: 'Most recently changed first.' },
  },
});

@InputType({ description: 'Narrows a project list; all given conditions must hold.' })
export class ProjectFilter {
  @Field(() => ID, { description: 'Only projects of this task force (global ID).', nullable: true })
  @IsOptional()
  taskForceId?: string;

  @Field(() => ID, { description: 'Only projects of this subgroup (global ID).', nullable: true })
  @IsOptional()
  subgroupId?: string;

  @Field(() => ID, { description: 'Only projects of this responsible unit (global ID).', nullable: true })
  @IsOptional()
  unitId?: string;

  @Field(() => [ProjectStage], { description: 'Any of these stages.', nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  stage?: ProjectStage[];

  @Field(() => [String], { nullable: true, description: 'Any of these sectors (exact).' })
  @IsOptional()
  @ArrayMaxSize(100)
  sector?: string[];

  @Field({ nullable: true, description: 'Words in the code, name, owner or location; 简/繁, case and spaces ignored.' })
  @IsOptional()
  @MaxLength(100)
  search?: string;

  @Field(() => [Light], {
    nullable: true,
    description: 'Any of these lights, judged at lightAsOf (default each project\'s own default date: today, or the end of its task force\'s period once it has ended).',
  })
  @IsOptional()
  @ArrayMaxSize(4)
  light?: Light[];

  @Field(() => String, { nullable: true, description: 'The ISO date the light filter judges at (a wall screen showing a past date); default each project\'s own default date, or projectAggregate\'s asOf. Only with light.' })
  @IsOptional()
  lightAsOf?: string;

  @Field({ nullable: true, description: 'Only (true) or no (false) generated example projects.' })
  @IsOptional()
  isExample?: boolean;
}

@ArgsType()
export class ProjectPageArgs {
  @Field(() => ProjectFilter, { nullable: true, description: 'Narrows the list; all given conditions must hold.' })
  filter?: ProjectFilter;

  @Field(() => Int, { nullable: true, description: 'Page size (default 50, at most 500).' })
  @IsOptional()
  @Min(0)
  @Max(500)
  first?: number;

  @Field({ nullable: true, description: 'Cursor of the last edge seen: the page starts after it.' })
  @IsOptional()
  @MaxLength(200)
  after?: string;

  @Field(() => Int, { nullable: true, description: 'Page backward: this many items, ending just before `before` (or the list\'s last ones). Not with first.' })
  @IsOptional()
  @Min(0)
  @Max(500)
  last?: number;

  @Field({ nullable: true, description: 'Cursor of the first edge seen: the page (of `last`) ends just before it.' })
  @IsOptional()
  @MaxLength(200)
  before?: string;
}

@ArgsType()
export class ProjectListArgs extends ProjectPageArgs {
  @Field(() => ProjectOrder, { nullable: true, description: 'Default NAME.' })
  orderBy?: ProjectOrder;
}
