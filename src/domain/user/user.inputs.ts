import { ArrayMaxSize, IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ApiToken, Role, User } from './user.entity';

@InputType({ description: 'Credentials.' })
export class LoginInput {
  @Field()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

@ObjectType({ description: 'A signed bearer token and who it is for.' })
export class LoginPayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>".' })
  token!: string;

  @Field({ description: 'When the token expires (ISO timestamp).' })
  expiresAt!: string;

  @Field(() => User)
  user!: User;
}

const usernamePattern = /^[A-Za-z0-9_.\-@\u4e00-\u9fff]{2,64}$/;

@InputType({ description: 'A new user (ADMIN). A REPORTER needs unitId; a LEADER needs the subgroups it leads.' })
export class UserCreateInput {
  @Field({ description: '2–64 letters, digits, Chinese characters or _ . - @.' })
  @Matches(usernamePattern, { message: 'username must be 2–64 letters, digits, Chinese characters or _ . - @' })
  username!: string;

  @Field({ description: 'At least 10 characters.' })
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  displayName?: string | null;

  @Field(() => ID, { nullable: true, description: 'A REPORTER\'s unit.' })
  unitId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The subgroups a LEADER leads.' })
  @IsOptional()
  @ArrayMaxSize(100)
  subgroupIds?: string[] | null;
}

@InputType({ description: 'Changes to a user (ADMIN). Omitted fields stay as they are.' })
export class UserUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one fails with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  displayName?: string | null;

  @Field(() => ID, { nullable: true, description: 'A REPORTER\'s unit.' })
  unitId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The subgroups a LEADER leads (replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(100)
  subgroupIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'A disabled user cannot sign in; its tokens and sockets stop at once.' })
  disabled?: boolean | null;
}

@ObjectType({ description: 'The user after a change.' })
export class UserPayload {
  @Field(() => User)
  user!: User;
}

@InputType({ description: 'Sets a new password for a user and revokes its tokens (ADMIN).' })
export class PasswordResetInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { nullable: true, description: 'The new password; omitted: a random one is generated and returned once.' })
  @IsOptional()
  @MinLength(10)
  @MaxLength(200)
  newPassword?: string | null;
}

@ObjectType({ description: 'The user whose password was reset.' })
export class PasswordResetPayload {
  @Field(() => User)
  user!: User;

  @Field(() => String, { nullable: true, description: 'The generated password, shown this once; null when you chose it.' })
  temporaryPassword!: string | null;
}

@InputType({ description: 'Changes your own password; every other token of yours stops working.' })
export class PasswordChangeInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  currentPassword!: string;

  @Field({ description: 'At least 10 characters.' })
  @MinLength(10)
  @MaxLength(200)
  newPassword!: string;
}

@InputType({ description: 'A long-lived read-only token for a monitoring screen (ADMIN).' })
export class ScreenTokenCreateInput {
  @Field({ description: 'What the token is for, e.g. "领导小组办公室大屏".' })
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The node the screen may watch (task force, subgroup, unit or project); omitted: every node.' })
  scope?: string | null;

  @Field(() => ID, { nullable: true, description: 'The user the token reads as (it never writes); omitted: you.' })
  userId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Days until the token expires (1–3660); omitted: never.' })
  expiresInDays?: number | null;
}

@ObjectType({ description: 'A new screen token. `token` is shown only here.' })
export class ScreenTokenCreatePayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>" (HTTP) or in connectionParams.authorization (WebSocket).' })
  token!: string;

  @Field(() => ApiToken)
  screenToken!: ApiToken;
}

@InputType({ description: 'Revokes a screen token; its open sockets close.' })
export class ScreenTokenRevokeInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'The revoked screen token.' })
export class ScreenTokenPayload {
  @Field(() => ApiToken)
  screenToken!: ApiToken;
}
