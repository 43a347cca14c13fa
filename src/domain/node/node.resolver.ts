import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { parseGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { RequestContext } from '../../common/request-context';
import { User } from '../user/user.entity';

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
      default:
        return null;
    }
  }

  @Query(() => User, { nullable: true, description: 'The signed-in user.' })
  viewer(@Ctx() ctx: RequestContext): User | null {
    return ctx.user;
  }
}
