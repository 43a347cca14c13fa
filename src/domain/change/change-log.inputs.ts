import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../project/project-connection.type';
import { ChangeEvent } from './change-event.entity';

export enum ChangeLogOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}
registerEnumType(ChangeLogOrder, { name: 'ChangeLogOrder', description: 'Order of the audit trail by sequence number.' });

@InputType({ description: 'Narrows the audit trail; every field given must match.' })
export class ChangeLogFilter {
  @Field(() => ID, { nullable: true, description: 'Changes under this task force, subgroup, unit or project.' })
  scope?: string | null;

  @Field(() => String, { nullable: true, description: 'Entity type, e.g. Project, ProgressReport, Problem, Target, Task, User.' })
  @IsOptional()
  @MaxLength(40)
  entity?: string | null;

  @Field(() => ID, { nullable: true, description: 'Changes of this one object (global ID).' })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Username of who made the change.' })
  @IsOptional()
  @MaxLength(100)
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'CREATE, UPDATE, TRANSITION, ASSIGN, ARCHIVE …' })
  @IsOptional()
  @MaxLength(24)
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'From this ISO date or timestamp (inclusive).' })
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'Before this ISO date or timestamp (exclusive).' })
  until?: string | null;
}

@ObjectType({ description: 'One field of a change: its value before and after, as JSON text.' })
export class FieldChange {
  @Field()
  field!: string;

  @Field(() => String, { nullable: true, description: 'JSON value before (null when the object was created).' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON value after.' })
  after!: string | null;
}

@ObjectType({ description: 'A change in the audit trail, with its cursor.' })
export class ChangeEventEdge {
  @Field()
  cursor!: string;

  @Field(() => ChangeEvent)
  node!: ChangeEvent;
}

@ObjectType({ description: 'A page of the audit trail.' })
export class ChangeEventConnection {
  @Field(() => [ChangeEventEdge])
  edges!: ChangeEventEdge[];

  @Field(() => [ChangeEvent])
  nodes!: ChangeEvent[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Changes matching the filter, over all pages.' })
  totalCount!: number;
}
