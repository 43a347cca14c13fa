import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../common/request-context';
import { Subgroup } from '../campaign/subgroup.entity';
import { Unit } from '../unit/unit.entity';
import { ApiToken, User, UserSubgroup } from './user.entity';
import {
  LoginInput,
  LoginPayload,
  PasswordChangeInput,
  PasswordResetInput,
  PasswordResetPayload,
  ScreenTokenCreateInput,
  ScreenTokenCreatePayload,
  ScreenTokenPayload,
  ScreenTokenRevokeInput,
  UserCreateInput,
  UserPayload,
  UserUpdateInput,
} from './user.inputs';
import { UserService } from './user.service';

@Resolver(() => User)
export class UserResolver {
  @Mutation(() => LoginPayload, { description: 'Signs in; the only operation that needs no token. Failed attempts are throttled per source address and per (account, source): over the limit, RATE_LIMITED (HTTP 429, Retry-After).' })
  async login(@Arg('input', () => LoginInput, { description: 'Username and password.' }) input: LoginInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    const { token, expiresAt, user } = await ctx.services.auth.login(ctx.manager, input.username, input.password, ctx.clientAddress ?? 'unknown');
    return { token, expiresAt: expiresAt.toISOString(), user };
  }

  @Query(() => [User], { description: 'Every user (ADMIN).' })
  users(@Ctx() ctx: RequestContext): Promise<User[]> {
    return UserService.list(ctx);
  }

  @Mutation(() => UserPayload, { description: 'Creates a user (ADMIN).' })
  async userCreate(@Arg('input', () => UserCreateInput, { description: 'Username, initial password, role and (for a reporter) unit.' }) input: UserCreateInput, @Ctx() ctx: RequestContext): Promise<UserPayload> {
    return { user: await UserService.create(ctx, input) };
  }

  @Mutation(() => UserPayload, { description: 'Changes a user\'s role, unit, subgroups, name or disabled flag (ADMIN).' })
  async userUpdate(@Arg('input', () => UserUpdateInput, { description: 'The user and the fields to change.' }) input: UserUpdateInput, @Ctx() ctx: RequestContext): Promise<UserPayload> {
    return { user: await UserService.update(ctx, input) };
  }

  @Mutation(() => PasswordResetPayload, { description: 'Sets a user\'s password and revokes its tokens (ADMIN).' })
  passwordReset(@Arg('input', () => PasswordResetInput, { description: 'The user whose password the office resets.' }) input: PasswordResetInput, @Ctx() ctx: RequestContext): Promise<PasswordResetPayload> {
    return UserService.resetPassword(ctx, input);
  }

  @Mutation(() => LoginPayload, { description: 'Changes your own password; your other tokens stop working and a fresh token is returned.' })
  async passwordChange(@Arg('input', () => PasswordChangeInput, { description: 'The current password and the new one.' }) input: PasswordChangeInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    const { token, expiresAt, user } = await UserService.changePassword(ctx, input);
    return { token, expiresAt: expiresAt.toISOString(), user };
  }

  @Query(() => [ApiToken], { description: 'Screen tokens: all of them for an ADMIN, your own otherwise.' })
  screenTokens(@Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    return UserService.listScreenTokens(ctx);
  }

  @Mutation(() => ScreenTokenCreatePayload, { description: 'Makes a long-lived read-only token for a monitoring screen (ADMIN); the token is shown once.' })
  screenTokenCreate(@Arg('input', () => ScreenTokenCreateInput, { description: 'A name for the screen and the node it may watch.' }) input: ScreenTokenCreateInput, @Ctx() ctx: RequestContext): Promise<ScreenTokenCreatePayload> {
    return UserService.createScreenToken(ctx, input);
  }

  @Mutation(() => ScreenTokenPayload, { description: 'Revokes a screen token (ADMIN or its owner); its open sockets close.' })
  async screenTokenRevoke(@Arg('input', () => ScreenTokenRevokeInput, { description: 'The screen token to revoke.' }) input: ScreenTokenRevokeInput, @Ctx() ctx: RequestContext): Promise<ScreenTokenPayload> {
    return { screenToken: await UserService.revokeScreenToken(ctx, input) };
  }

  @FieldResolver(() => String, { description: 'Sign-in name. A screen token sees the display name here instead (empty when there is none): usernames are what a password guesser needs.' })
  username(@Root() user: User, @Ctx() ctx: RequestContext): string {
    return ctx.screenTokenId ? (user.displayName ?? '') : user.username;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'A REPORTER\'s unit.' })
  unit(@Root() user: User, @Ctx() ctx: RequestContext): Promise<Unit | null> | null {
    return user.unitId ? ctx.loaders.unit.load(user.unitId) : null;
  }

  @FieldResolver(() => [Subgroup], { description: 'The subgroups a LEADER leads.' })
  async subgroups(@Root() user: User, @Ctx() ctx: RequestContext): Promise<Subgroup[]> {
    if (user.role !== 'LEADER') return [];
    const rows = await ctx.manager.find(UserSubgroup, { where: { userId: user.dbId } });
    const subgroups = await ctx.loaders.subgroup.loadMany(rows.map((r) => r.subgroupId));
    return subgroups.filter((s): s is Subgroup => s instanceof Subgroup);
  }
}

@Resolver(() => ApiToken)
export class ScreenTokenResolver {
  @FieldResolver(() => User, { description: 'The user the token reads as.' })
  user(@Root() token: ApiToken, @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.manager.findOneOrFail(User, { where: { dbId: token.userId } });
  }
}
