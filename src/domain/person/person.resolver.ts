import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../server/context';
import { Unit } from '../unit/unit.entity';
import { Person } from './person.entity';
import { RoleAssignment } from './role-assignment.entity';

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => Unit, { nullable: true, description: 'Unit the person\'s title places them in.' })
  unit(@Root() person: Person, @Ctx() ctx: RequestContext): Promise<Unit | null> | null {
    return person.unitId ? ctx.loaders.unit.load(person.unitId) : null;
  }
}

@Resolver(() => RoleAssignment)
export class RoleAssignmentResolver {
  @FieldResolver(() => Person)
  async person(@Root() role: RoleAssignment, @Ctx() ctx: RequestContext): Promise<Person> {
    return (await ctx.loaders.person.load(role.personId))!;
  }
}
