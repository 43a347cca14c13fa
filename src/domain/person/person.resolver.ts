import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { loadReference } from '../../loaders/loaders';
import { RequestContext } from '../../common/request-context';
import { Unit } from '../unit/unit.entity';
import { Person } from './person.entity';
import { RoleAssignment } from './role-assignment.entity';

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => Unit, { nullable: true, description: 'Unit the person\'s title places them in.' })
  unit(@Root() person: Person, @Ctx() ctx: RequestContext): Unit | Promise<Unit | null> | null {
    return loadReference(person.unit, person.unitId, ctx.loaders.unit);
  }
}

@Resolver(() => RoleAssignment)
export class RoleAssignmentResolver {
  @FieldResolver(() => Person, { description: 'The person holding the role.' })
  async person(@Root() role: RoleAssignment, @Ctx() ctx: RequestContext): Promise<Person> {
    return (await loadReference(role.person, role.personId, ctx.loaders.person))!;
  }
}
