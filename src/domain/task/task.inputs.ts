import { IsInt, IsOptional, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Task, TaskStatus } from './task.entity';

@InputType({ description: 'Sets a work task\'s status (ADMIN, or a REPORTER of its lead unit).' })
export class TaskStatusSetInput {
  @Field(() => ID, { description: 'The task (global ID).' })
  id!: string;

  @Field(() => TaskStatus, { description: 'The new status.' })
  status!: TaskStatus;

  @Field(() => Int, { description: 'The version you last read; stale → CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'What was done, for the record.' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@ObjectType({ description: 'The task after the change.' })
export class TaskPayload {
  @Field(() => Task, { description: 'The task as the mutation left it.' })
  task!: Task;
}
