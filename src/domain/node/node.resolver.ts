import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { parseGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { RequestContext } from '../../common/request-context';
import { requireUser } from '../../auth/guards';
import { ForbiddenError } from '../../errors/app-error';
import { RoleAssignment } from '../person/role-assignment.entity';
import { ApiToken, Role, User } from '../user/user.entity';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when it does not exist or the ID is not one of ours.' })
  async node(@Arg('id', () => ID, { description: 'Global ID of any object that implements Node.' }) id: string, @Ctx() ctx: RequestContext): Promise<Node | null> {
    const parsed = parseGlobalId(id);
    if (!parsed) return null;
    const { loaders } = ctx;
    switch (parsed.type) {
      case 'TaskForce':
        return loaders.taskForce.load(parsed.id);
      case 'Subgroup':
        return loaders.subgroup.load(parsed.id);
      case 'Unit':
        return loaders.unit.load(parsed.id);
      case 'Person':
        return loaders.person.load(parsed.id);
      case 'Project':
        return loaders.project.load(parsed.id);
      case 'Target':
        return loaders.target.load(parsed.id);
      case 'Task':
        return loaders.task.load(parsed.id);
      case 'ProgressReport':
        return loaders.report.load(parsed.id);
      case 'Problem':
        return loaders.problem.load(parsed.id);
      case 'RoleAssignment':
        return ctx.manager.findOne(RoleAssignment, { where: { dbId: parsed.id } });
      case 'User': {
        // As `users` and `viewer`: the office reads every user, anyone else only itself, a screen token none.
        const user = requireUser(ctx.user);
        if (ctx.screenTokenId) throw new ForbiddenError('A screen token cannot read users.');
        if (user.role !== Role.ADMIN && user.dbId !== parsed.id) throw new ForbiddenError('Only the office (ADMIN) reads other users.');
        return ctx.manager.findOne(User, { where: { dbId: parsed.id } });
      }
      case 'ScreenToken': {
        // As `screenTokens`: the office reads every token, anyone else its own, a screen token none.
        const user = requireUser(ctx.user);
        if (ctx.screenTokenId) throw new ForbiddenError('A screen token cannot read tokens.');
        const token = await ctx.manager.findOne(ApiToken, { where: { dbId: parsed.id } });
        if (token && user.role !== Role.ADMIN && token.userId !== user.dbId) throw new ForbiddenError('Only the office (ADMIN) reads other users\' screen tokens.');
        return token;
      }
      default:
        return null;
    }
  }

  @Query(() => User, { nullable: true, description: 'The signed-in user.' })
  viewer(@Ctx() ctx: RequestContext): User | null {
    return ctx.user;
  }
}
