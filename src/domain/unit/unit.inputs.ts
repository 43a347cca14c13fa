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

  @Field(() => UnitKind)
  kind!: UnitKind;
}

@InputType({ description: 'Changes to a unit (ADMIN).' })
export class UnitUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(100)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  region?: string | null;

  @Field(() => UnitKind, { nullable: true })
  kind?: UnitKind | null;
}

@ObjectType({ description: 'The unit after the change.' })
export class UnitPayload {
  @Field(() => Unit)
  unit!: Unit;
}
