import { ArrayMaxSize, IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ApiToken, Role, User } from './user.entity';

@InputType({ description: 'Credentials.' })
export class LoginInput {
  @Field({ description: 'The username.' })
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @Field({ description: 'The password.' })
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

  @Field(() => User, { description: 'The signed-in user.' })
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

  @Field(() => Role, { description: 'What the user may do.' })
  role!: Role;

  @Field(() => String, { description: 'Name shown to others (screens show this, never the username).', nullable: true })
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
  @Field(() => ID, { description: 'The user (global ID).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one fails with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => Role, { description: 'New role.', nullable: true })
  role?: Role | null;

  @Field(() => String, { description: 'New display name; null clears it.', nullable: true })
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
  @Field(() => User, { description: 'The user as the mutation left it.' })
  user!: User;
}

@InputType({ description: 'Sets a new password for a user and revokes its tokens (ADMIN).' })
export class PasswordResetInput {
  @Field(() => ID, { description: 'The user whose password is reset (global ID).' })
  userId!: string;

  @Field(() => String, { nullable: true, description: 'The new password; omitted: a random one is generated and returned once.' })
  @IsOptional()
  @MinLength(10)
  @MaxLength(200)
  newPassword?: string | null;
}

@ObjectType({ description: 'The user whose password was reset.' })
export class PasswordResetPayload {
  @Field(() => User, { description: 'The user whose password was reset.' })
  user!: User;

  @Field(() => String, { nullable: true, description: 'The generated password, shown this once; null when you chose it.' })
  temporaryPassword!: string | null;
}

@InputType({ description: 'Changes your own password; every other token of yours stops working.' })
export class PasswordChangeInput {
  @Field({ description: 'The password now, to prove it is you.' })
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

  @Field(() => ApiToken, { description: 'The new screen token\'s record (its secret is in token).' })
  screenToken!: ApiToken;
}

@InputType({ description: 'Revokes a screen token; its open sockets close.' })
export class ScreenTokenRevokeInput {
  @Field(() => ID, { description: 'The screen token (global ID).' })
  id!: string;
}

@ObjectType({ description: 'The revoked screen token.' })
export class ScreenTokenPayload {
  @Field(() => ApiToken, { description: 'The screen token as the mutation left it.' })
  screenToken!: ApiToken;
}
