import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Unit, UnitKind } from './unit.entity';

@InputType({ description: 'A new responsible unit in the shared directory (ADMIN). Region and name together are unique.' })
export class UnitCreateInput {
  @Field({ description: 'Name as its documents write it, e.g. 市发改委.' })
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Region (city or county) the unit belongs to, e.g. 双鸭山市.' })
  @IsOptional()
  @MaxLength(50)
  region?: string | null;

  @Field(() => UnitKind, { description: 'What kind of unit it is.' })
  kind!: UnitKind;
}

@InputType({ description: 'Changes to a unit (ADMIN).' })
export class UnitUpdateInput {
  @Field(() => ID, { description: 'The unit (global ID).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a different current version is CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { description: 'New name.', nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(100)
  name?: string | null;

  @Field(() => String, { description: 'New region.', nullable: true })
  @IsOptional()
  @MaxLength(50)
  region?: string | null;

  @Field(() => UnitKind, { description: 'New kind.', nullable: true })
  kind?: UnitKind | null;
}

@ObjectType({ description: 'The unit after the change.' })
export class UnitPayload {
  @Field(() => Unit, { description: 'The unit as the mutation left it.' })
  unit!: Unit;
}
