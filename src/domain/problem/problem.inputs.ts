import { IsInt, IsOptional, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EscalationLevel, Problem, ProblemState } from './problem.entity';

@InputType({ description: 'A problem raised against a project or a unit (one of the two).' })
export class ProblemRaiseInput {
  @Field(() => ID, { description: 'The project the problem is raised against (or give unitId).', nullable: true })
  @IsOptional()
  projectId?: string;

  @Field(() => ID, { description: 'The unit the problem is raised against, when it concerns no one project.', nullable: true })
  @IsOptional()
  unitId?: string;

  @Field({ description: 'Short statement, at most 300 characters.' })
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @Field(() => ID, { nullable: true, description: 'Unit responsible for solving it.' })
  @IsOptional()
  responsibleUnitId?: string;

  @Field(() => String, { nullable: true, description: 'ISO date.' })
  @IsOptional()
  deadline?: string;

  @Field(() => String, { description: 'What the problem is.', nullable: true })
  @IsOptional()
  @MaxLength(4000)
  description?: string;

  @Field(() => ID, { nullable: true, description: 'Task force of a unit-level problem (a project\'s problem takes the project\'s).' })
  @IsOptional()
  taskForceId?: string;
}

@InputType({ description: 'Moves a problem along REPORTED → ASSIGNED → IN_PROGRESS → RESOLUTION_REQUESTED → CLOSED, or back from RESOLUTION_REQUESTED to IN_PROGRESS (rejected).' })
export class ProblemTransitionInput {
  @Field(() => ID, { description: 'The problem (global ID).' })
  id!: string;

  @Field(() => ProblemState, { description: 'The state to move the problem to.' })
  to!: ProblemState;

  @Field(() => String, { nullable: true, description: 'Required when closing (销号) or rejecting a resolution.' })
  @IsOptional()
  @MaxLength(2000)
  note?: string;

  @Field(() => ID, { nullable: true, description: 'Responsible unit, when assigning (交办).' })
  @IsOptional()
  responsibleUnitId?: string;

  @Field(() => Int, { description: 'The version you last read; stale → CONFLICT (as for every other update).' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

@ObjectType({ description: 'The problem as the mutation left it.' })
export class ProblemPayload {
  @Field(() => Problem, { description: 'The problem as the mutation left it.' })
  problem!: Problem;
}

@InputType({ description: 'Assigns (交办) or reassigns a problem to a responsible unit with a deadline (ADMIN, or a LEADER of its subgroup). A REPORTED problem becomes ASSIGNED; a problem already being handled goes back to ASSIGNED when the unit changes.' })
export class ProblemAssignInput {
  @Field(() => ID, { description: 'The problem (global ID).' })
  id!: string;

  @Field(() => ID, { description: 'The unit that must solve it.' })
  responsibleUnitId!: string;

  @Field(() => String, { nullable: true, description: 'ISO date; null clears it, omitted keeps it.' })
  @IsOptional()
  deadline?: string | null;

  @Field(() => EscalationLevel, { nullable: true, description: 'Who follows it up: the unit, the subgroup, or the task force (督办).' })
  @IsOptional()
  escalationLevel?: EscalationLevel;

  @Field(() => Int, { description: 'The version you last read; stale → CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}
