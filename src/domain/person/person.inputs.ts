import { IsInt, IsOptional, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Person } from './person.entity';
import { RoleAssignment, RoleKind } from './role-assignment.entity';

@InputType({ description: 'A new person (ADMIN).' })
export class PersonCreateInput {
  @Field({ description: 'Name as written; may be empty when the source lost it.' })
  @MaxLength(50)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Title (职务).' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person\'s unit.' })
  unitId?: string | null;
}

@InputType({ description: 'Changes to a person (ADMIN).' })
export class PersonUpdateInput {
  @Field(() => ID, { description: 'The person (global ID).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a different current version is CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { description: 'New name.', nullable: true })
  @IsOptional()
  @MaxLength(50)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'null clears it.' })
  unitId?: string | null;
}

@ObjectType({ description: 'The person after the change.' })
export class PersonPayload {
  @Field(() => Person, { description: 'The person as the mutation left it.' })
  person!: Person;
}

@InputType({ description: 'Puts a person in a role of a task force or of a subgroup (give exactly one) from a date (ADMIN). A reshuffle ends the old assignment (roleAssignmentUpdate until) and creates a new one.' })
export class RoleAssignmentCreateInput {
  @Field(() => ID, { description: 'The person who holds the role (global ID).' })
  personId!: string;

  @Field(() => ID, { description: 'The task force the role is in (global ID); give this or subgroupId.', nullable: true })
  taskForceId?: string | null;

  @Field(() => ID, { description: 'The subgroup the role is in (global ID); give this or taskForceId.', nullable: true })
  subgroupId?: string | null;

  @Field({ description: 'Role word as the document writes it: 组长, 常务副组长, 副组长, 成员, 联络员, 办公室主任 …' })
  @MaxLength(30)
  role!: string;

  @Field(() => RoleKind, { nullable: true, description: 'Normalised role; derived from the role word when omitted.' })
  kind?: RoleKind | null;

  @Field(() => String, { nullable: true, description: 'Title (职务) held in this role.' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'First day (ISO date).' })
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day (ISO date), not before since.' })
  until?: string | null;

  @Field(() => Int, { nullable: true, description: 'Order in lists (0 first).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number | null;
}

@InputType({ description: 'Changes to a role assignment (ADMIN), typically setting `until` when someone leaves the role.' })
export class RoleAssignmentUpdateInput {
  @Field(() => ID, { description: 'The role assignment (global ID).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a different current version is CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { description: 'New role word as the document writes it.', nullable: true })
  @IsOptional()
  @MaxLength(30)
  role?: string | null;

  @Field(() => RoleKind, { description: 'New normalised role.', nullable: true })
  kind?: RoleKind | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date; null clears it.' })
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date; null clears it (the role is current again).' })
  until?: string | null;

  @Field(() => Int, { description: 'New order in lists (0 first).', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number | null;
}

@ObjectType({ description: 'The role assignment after the change.' })
export class RoleAssignmentPayload {
  @Field(() => RoleAssignment, { description: 'The role assignment as the mutation left it.' })
  roleAssignment!: RoleAssignment;
}
