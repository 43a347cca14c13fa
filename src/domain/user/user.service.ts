import { randomBytes } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { newScreenToken } from '../../auth/auth.service';
import { requireRole, requireUser } from '../../auth/guards';
import { hashPassword } from '../../auth/password';
import { decodeId } from '../../common/global-id';
import { inTransaction } from '../../db/transaction';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors/app-error';
import { diff, recordChange } from '../change/change-log';
import { decodeScope, loadScopeNode } from '../node/scope';
import { RequestContext } from '../../common/request-context';
import { Subgroup } from '../campaign/subgroup.entity';
import { updateVersioned } from '../../db/versioned-update';
import { optionalUnitId } from '../unit/unit-lookup';
import { ApiToken, Role, User, UserSubgroup } from './user.entity';
import {
  PasswordChangeInput,
  PasswordResetInput,
  ScreenTokenCreateInput,
  ScreenTokenRevokeInput,
  UserCreateInput,
  UserUpdateInput,
} from './user.inputs';


async function resolveSubgroups(manager: EntityManager, subgroupIds: string[] | null | undefined, field: string): Promise<number[]> {
  const ids = [...new Set((subgroupIds ?? []).map((value, index) => decodeId(value, 'Subgroup', `${field}[${index}]`).id))];
  if (!ids.length) return ids;
  const found = new Set((await manager.find(Subgroup, { where: { dbId: In(ids) }, select: { dbId: true } })).map((s) => s.dbId));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw new NotFoundError('Subgroup', subgroupIds![missing], `${field}[${missing}]`);
  return ids;
}

/** A REPORTER is bound to one unit, a LEADER to at least one subgroup; the others to neither. */
function checkBinding(role: Role, unitId: number | null, subgroupIds: number[]): void {
  if (role === Role.REPORTER && unitId === null) throw new BadInputError('A REPORTER needs unitId: the unit whose rows it writes.', 'input.unitId');
  if (role !== Role.REPORTER && unitId !== null) throw new BadInputError(`Only a REPORTER is bound to a unit; a ${role} is not.`, 'input.unitId');
  if (role === Role.LEADER && subgroupIds.length === 0) throw new BadInputError('A LEADER needs subgroupIds: the subgroups it leads.', 'input.subgroupIds');
  if (role !== Role.LEADER && subgroupIds.length > 0) throw new BadInputError(`Only a LEADER leads subgroups; a ${role} does not.`, 'input.subgroupIds');
}

function findUser(manager: EntityManager, globalId: string, field: string): Promise<User> {
  const { id } = decodeId(globalId, 'User', field);
  return manager.findOne(User, { where: { dbId: id } }).then((user) => {
    if (!user) throw new NotFoundError('User', globalId, field);
    return user;
  });
}

/** A random password of 16 URL-safe characters. */
function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/** User administration (ADMIN), own password changes, and screen tokens. */
export const UserService = {
  list(ctx: RequestContext): Promise<User[]> {
    requireRole(ctx.user, Role.ADMIN);
    return ctx.manager.find(User, { order: { dbId: 'ASC' } });
  },

  async create(ctx: RequestContext, input: UserCreateInput): Promise<User> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    const passwordHash = await hashPassword(input.password);
    const user = await inTransaction(ctx.services.dataSource, async (manager) => {
      const unitId = await optionalUnitId(manager, input.unitId, 'input.unitId');
      const subgroupIds = await resolveSubgroups(manager, input.subgroupIds, 'input.subgroupIds');
      checkBinding(input.role, unitId, subgroupIds);
      if (await manager.exists(User, { where: { username: input.username } })) {
        throw new ConflictError(`The username "${input.username}" is taken.`, { field: 'input.username' });
      }
      const values = { username: input.username, displayName: input.displayName?.trim() || null, role: input.role, unitId };
      const saved = await manager.save(manager.create(User, { ...values, passwordHash }));
      if (subgroupIds.length) await manager.insert(UserSubgroup, subgroupIds.map((subgroupId) => ({ userId: saved.dbId, subgroupId })));
      await recordChange(manager, admin, 'User', saved.dbId, 'CREATE', diff(null, { ...values, subgroupIds }), { taskForceId: null });
      return saved;
    });
    return user;
  },

  async update(ctx: RequestContext, input: UserUpdateInput): Promise<User> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    const user = await inTransaction(ctx.services.dataSource, async (manager) => {
      const row = await findUser(manager, input.id, 'input.id');
      const before = { role: row.role, displayName: row.displayName, unitId: row.unitId, disabled: row.disabled, subgroupIds: (await manager.find(UserSubgroup, { where: { userId: row.dbId } })).map((s) => s.subgroupId).sort((a, b) => a - b) };
      const role = input.role ?? row.role;
      // Moving away from REPORTER or LEADER drops the binding unless the input sets a new one.
      const unitId = input.unitId !== undefined ? await optionalUnitId(manager, input.unitId, 'input.unitId') : role === Role.REPORTER ? row.unitId : null;
      const subgroupIds = input.subgroupIds !== undefined && input.subgroupIds !== null
        ? (await resolveSubgroups(manager, input.subgroupIds, 'input.subgroupIds')).sort((a, b) => a - b)
        : role === Role.LEADER ? before.subgroupIds : [];
      checkBinding(role, unitId, subgroupIds);
      if (row.dbId === admin.dbId && (input.disabled === true || role !== Role.ADMIN)) {
        throw new BadInputError('You cannot disable yourself or take away your own ADMIN role; ask another ADMIN.', input.disabled ? 'input.disabled' : 'input.role');
      }
      const after = { role, displayName: input.displayName !== undefined ? input.displayName?.trim() || null : row.displayName, unitId, disabled: input.disabled ?? row.disabled, subgroupIds };
      const changes = diff(before, after);
      const { subgroupIds: _ids, ...columns } = after;
      // Disabling revokes every token at once; role and unit changes apply from the next request anyway.
      await updateVersioned(manager, User, row, input.expectedVersion, { ...columns, tokenVersion: after.disabled && !row.disabled ? row.tokenVersion + 1 : row.tokenVersion }, 'User');
      if (changes.subgroupIds) {
        await manager.delete(UserSubgroup, { userId: row.dbId });
        if (subgroupIds.length) await manager.insert(UserSubgroup, subgroupIds.map((subgroupId) => ({ userId: row.dbId, subgroupId })));
      }
      if (Object.keys(changes).length) await recordChange(manager, admin, 'User', row.dbId, 'UPDATE', changes, { taskForceId: null });
      return manager.findOneOrFail(User, { where: { dbId: row.dbId } });
    });
    ctx.services.live.notifySessionsChanged();
    return user;
  },

  async resetPassword(ctx: RequestContext, input: PasswordResetInput): Promise<{ user: User; temporaryPassword: string | null }> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    const temporaryPassword = input.newPassword ? null : generatePassword();
    const passwordHash = await hashPassword(input.newPassword ?? temporaryPassword!);
    const user = await inTransaction(ctx.services.dataSource, async (manager) => {
      const row = await findUser(manager, input.userId, 'input.userId');
      await manager.update(User, { dbId: row.dbId }, { passwordHash, tokenVersion: row.tokenVersion + 1, failedLogins: 0, lockedUntil: null, version: row.version + 1 });
      await recordChange(manager, admin, 'User', row.dbId, 'PASSWORD_RESET', {}, { taskForceId: null });
      return manager.findOneOrFail(User, { where: { dbId: row.dbId } });
    });
    ctx.services.live.notifySessionsChanged();
    return { user, temporaryPassword };
  },

  /** Changes the caller's password; every other token of the caller stops working, a fresh one is returned. */
  async changePassword(ctx: RequestContext, input: PasswordChangeInput): Promise<{ token: string; expiresAt: Date; user: User }> {
    const signedIn = requireUser(ctx.user);
    if (ctx.screenTokenId) throw new ForbiddenError('A screen token cannot change a password.');
    const row = await ctx.manager.findOneOrFail(User, { where: { dbId: signedIn.dbId } });
    // Counted like sign-ins: a stolen token cannot guess its user's password without limit.
    if (!(await ctx.services.auth.checkCurrentPassword(row, input.currentPassword, ctx.clientAddress ?? 'unknown'))) throw new UnauthenticatedError('The current password is wrong.');
    if (input.currentPassword === input.newPassword) throw new BadInputError('The new password must differ from the current one.', 'input.newPassword');
    const passwordHash = await hashPassword(input.newPassword);
    const user = await inTransaction(ctx.services.dataSource, async (manager) => {
      await manager.update(User, { dbId: row.dbId }, { passwordHash, tokenVersion: () => 'token_version + 1', version: () => 'version + 1' } as never);
      await recordChange(manager, signedIn, 'User', row.dbId, 'PASSWORD_CHANGE', {}, { taskForceId: null });
      return manager.findOneOrFail(User, { where: { dbId: row.dbId } });
    });
    ctx.services.live.notifySessionsChanged();
    const { token, expiresAt } = ctx.services.tokens.sign(user.dbId, user.tokenVersion);
    return { token, expiresAt, user };
  },

  listScreenTokens(ctx: RequestContext): Promise<ApiToken[]> {
    const user = requireUser(ctx.user);
    if (ctx.screenTokenId) throw new ForbiddenError('A screen token cannot list tokens.');
    return ctx.manager.find(ApiToken, { where: user.role === Role.ADMIN ? {} : { userId: user.dbId }, order: { dbId: 'ASC' } });
  },

  async createScreenToken(ctx: RequestContext, input: ScreenTokenCreateInput): Promise<{ token: string; screenToken: ApiToken }> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    if (input.expiresInDays !== null && input.expiresInDays !== undefined && (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 3660)) {
      throw new BadInputError(`input.expiresInDays must be a whole number of days from 1 to 3660, got ${input.expiresInDays}.`, 'input.expiresInDays');
    }
    let scopeId: string | null = null;
    if (input.scope) {
      const scope = decodeScope(input.scope, 'input.scope');
      if (!(await loadScopeNode(ctx.loaders, scope))) throw new NotFoundError(scope.type, input.scope, 'input.scope');
      scopeId = input.scope;
    }
    const { token, hash } = newScreenToken();
    const screenToken = await inTransaction(ctx.services.dataSource, async (manager) => {
      const owner = input.userId ? await findUser(manager, input.userId, 'input.userId') : admin;
      const values = { userId: owner.dbId, name: input.name.trim(), scopeId, expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null };
      const saved = await manager.save(manager.create(ApiToken, { ...values, tokenHash: hash }));
      await recordChange(manager, admin, 'ScreenToken', saved.dbId, 'CREATE', diff(null, { ...values, expiresAt: values.expiresAt?.toISOString() ?? null }), { taskForceId: null });
      return manager.findOneOrFail(ApiToken, { where: { dbId: saved.dbId } });
    });
    return { token, screenToken };
  },

  async revokeScreenToken(ctx: RequestContext, input: ScreenTokenRevokeInput): Promise<ApiToken> {
    const user = requireUser(ctx.user);
    if (ctx.screenTokenId) throw new ForbiddenError('A screen token cannot revoke tokens.');
    const { id } = decodeId(input.id, 'ScreenToken', 'input.id');
    const screenToken = await inTransaction(ctx.services.dataSource, async (manager) => {
      const row = await manager.findOne(ApiToken, { where: { dbId: id } });
      if (!row) throw new NotFoundError('ScreenToken', input.id, 'input.id');
      if (user.role !== Role.ADMIN && row.userId !== user.dbId) throw new ForbiddenError('Only an ADMIN or the token\'s owner may revoke it.');
      if (!row.revokedAt) {
        await manager.update(ApiToken, { dbId: id }, { revokedAt: new Date() });
        await recordChange(manager, user, 'ScreenToken', id, 'REVOKE', {}, { taskForceId: null });
      }
      return manager.findOneOrFail(ApiToken, { where: { dbId: id } });
    });
    ctx.services.live.notifySessionsChanged();
    return screenToken;
  },
};
