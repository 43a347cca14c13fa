import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../server/context';
import { Unit } from '../unit/unit.entity';
import { User } from './user.entity';
import { LoginInput, LoginPayload } from './user.inputs';

@Resolver(() => User)
export class UserResolver {
  @Mutation(() => LoginPayload, { description: 'Signs in; the only operation that needs no token.' })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    const { token, expiresAt, user } = await ctx.services.auth.login(ctx.manager, input.username, input.password);
    return { token, expiresAt: expiresAt.toISOString(), user };
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'A REPORTER\'s unit.' })
  unit(@Root() user: User, @Ctx() ctx: RequestContext): Promise<Unit | null> | null {
    return user.unitId ? ctx.loaders.unit.load(user.unitId) : null;
  }
}
