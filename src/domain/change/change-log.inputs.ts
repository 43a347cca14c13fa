import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../project/project-connection.type';
import { ChangeEvent } from './change-event.entity';

export enum ChangeLogOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}
registerEnumType(ChangeLogOrder, {
  name: 'ChangeLogOrder',
  description: 'Order of the audit trail by sequence number.',
  valuesConfig: {
    NEWEST_FIRST: { description: 'Highest sequence number first.' },
    OLDEST_FIRST: { description: 'Lowest sequence number first (the order events happened).' },
  },
});

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
  @Field({ description: 'Name of the field that changed.' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'JSON value before (null when the object was created).' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON value after.' })
  after!: string | null;
}

@ObjectType({ description: 'A change in the audit trail, with its cursor.' })
export class ChangeEventEdge {
  @Field({ description: 'Pass as after to continue after this event.' })
  cursor!: string;

  @Field(() => ChangeEvent, { description: 'The event.' })
  node!: ChangeEvent;
}

@ObjectType({ description: 'A page of the audit trail.' })
export class ChangeEventConnection {
  @Field(() => [ChangeEventEdge], { description: 'The events of this page with their cursors.' })
  edges!: ChangeEventEdge[];

  @Field(() => [ChangeEvent], { description: 'The events of this page.' })
  nodes!: ChangeEvent[];

  @Field(() => PageInfo, { description: 'Whether more events follow, and the cursors to page on.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Changes matching the filter, over all pages.' })
  totalCount!: number;
}
