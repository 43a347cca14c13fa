import { ArrayMaxSize, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { EscalationLevel, ProblemState } from './problem.entity';

export enum ProblemOrder {
  RAISED_DESC = 'RAISED_DESC',
  DEADLINE_ASC = 'DEADLINE_ASC',
}
registerEnumType(ProblemOrder, {
  name: 'ProblemOrder',
  description: 'Order of problem lists: RAISED_DESC newest first; DEADLINE_ASC earliest deadline first, problems without one last. Ties by problem ID.',
  valuesConfig: {
    RAISED_DESC: { description: 'Most recently raised first.' },
    DEADLINE_ASC: { description: 'Earliest deadline first; problems without one last.' },
  },
});

@InputType({ description: 'Narrows a problem list (问题清单); all given conditions must hold. Dates are ISO (YYYY-MM-DD), ranges inclusive.' })
export class ProblemFilter {
  @Field(() => ID, { nullable: true, description: 'Problems of this task force.' })
  @IsOptional()
  taskForceId?: string;

  @Field(() => ID, { nullable: true, description: "Problems of this subgroup (a project's problems follow the project's subgroup)." })
  @IsOptional()
  subgroupId?: string;

  @Field(() => ID, { nullable: true, description: "Problems raised against this unit (a project's problems: the project's unit)." })
  @IsOptional()
  unitId?: string;

  @Field(() => ID, { nullable: true, description: 'Problems assigned (交办) to this responsible unit.' })
  @IsOptional()
  responsibleUnitId?: string;

  @Field(() => ID, { nullable: true, description: 'Problems of this project.' })
  @IsOptional()
  projectId?: string;

  @Field(() => [ProblemState], { nullable: true, description: 'Any of these states.' })
  @IsOptional()
  @ArrayMaxSize(10)
  state?: ProblemState[];

  @Field({ nullable: true, description: 'true: open (not closed) and past the deadline (before today); false: all others.' })
  @IsOptional()
  overdue?: boolean;

  @Field(() => [EscalationLevel], { nullable: true, description: 'Any of these escalation levels (who follows the problem up).' })
  @IsOptional()
  @ArrayMaxSize(5)
  escalationLevel?: EscalationLevel[];

  @Field(() => String, { nullable: true, description: 'Raised on or after this day (UTC).' })
  @IsOptional()
  @MaxLength(10)
  raisedFrom?: string;

  @Field(() => String, { nullable: true, description: 'Raised on or before this day (UTC).' })
  @IsOptional()
  @MaxLength(10)
  raisedTo?: string;

  @Field(() => String, { nullable: true, description: 'Deadline on or after this day (problems without a deadline are left out).' })
  @IsOptional()
  @MaxLength(10)
  deadlineFrom?: string;

  @Field(() => String, { nullable: true, description: 'Deadline on or before this day (problems without a deadline are left out).' })
  @IsOptional()
  @MaxLength(10)
  deadlineTo?: string;
}

@ArgsType()
export class ProblemListArgs {
  @Field(() => ProblemFilter, { nullable: true, description: 'Conditions; none: every problem the caller may read.' })
  filter?: ProblemFilter;

  @Field(() => Int, { nullable: true, description: 'Page size (default 50, at most 500).' })
  @IsOptional()
  @Min(0)
  @Max(500)
  first?: number;

  @Field({ nullable: true, description: 'Cursor of the last edge seen (pageInfo.endCursor).' })
  @IsOptional()
  @MaxLength(200)
  after?: string;

  @Field(() => Int, { nullable: true, description: 'Page backward: this many problems, ending just before `before` (or the list\'s last ones). Not with first.' })
  @IsOptional()
  @Min(0)
  @Max(500)
  last?: number;

  @Field({ nullable: true, description: 'Cursor of the first edge seen (pageInfo.startCursor): the page (of `last`) ends just before it.' })
  @IsOptional()
  @MaxLength(200)
  before?: string;

  @Field(() => ProblemOrder, { nullable: true, description: 'Default RAISED_DESC.' })
  orderBy?: ProblemOrder;
}
