import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ApiToken, Role, User } from '../domain/user/user.entity';
import { UnauthenticatedError } from '../errors/app-error';
import { verifyPassword } from './password';
import { TokenService } from './tokens';

const maxFailures = 5;
const lockMinutes = 15;

/** Sign-in and bearer-token checks. */
export class AuthService {
  constructor(private readonly tokens: TokenService) {}

  /** Checks credentials; five failures in a row lock the account for fifteen minutes. */
  async login(manager: EntityManager, username: string, password: string): Promise<{ token: string; expiresAt: Date; user: User }> {
    const user = await manager.findOne(User, { where: { username } });
    const refused = new UnauthenticatedError('Wrong username or password.');
    if (!user) {
      // Spend the same time as a real check so usernames cannot be probed by timing.
      await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
      throw refused;
    }
    // The hash is always computed, so a locked account answers in the same time as any other.
    const passwordRight = await verifyPassword(password, user.passwordHash);
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      // Same answer as a wrong password, so a lock does not reveal that the username exists.
      throw refused;
    }
    if (!passwordRight || user.disabled) {
      // Counted in the database, so parallel guesses cannot all read the same count and slip past the limit.
      await manager.query('UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = ?', [user.dbId]);
      await manager
        .createQueryBuilder()
        .update(User)
        .set({ failedLogins: 0, lockedUntil: new Date(Date.now() + lockMinutes * 60_000) })
        .where('id = :id AND failed_logins >= :max', { id: user.dbId, max: maxFailures })
        .execute();
      throw refused;
    }
    if (user.failedLogins > 0 || user.lockedUntil) await manager.update(User, { dbId: user.dbId }, { failedLogins: 0, lockedUntil: null });
    const { token, expiresAt } = this.tokens.sign(user.dbId, user.tokenVersion);
    return { token, expiresAt, user };
  }

  /** The user a bearer token stands for, or null when it is missing, invalid, expired or revoked. */
  async authenticate(manager: EntityManager, authorization: string | undefined | null): Promise<Session | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return null;
    if (match[1].startsWith(screenTokenPrefix)) return this.authenticateScreenToken(manager, match[1]);
    const claims = this.tokens.verify(match[1]);
    if (!claims) return null;
    const user = await manager.findOne(User, { where: { dbId: Number(claims.sub) } });
    if (!user || user.disabled || user.tokenVersion !== claims.tv) return null;
    return { user, expiresAt: claims.exp, scopeId: undefined, screenTokenId: null };
  }

  private async authenticateScreenToken(manager: EntityManager, token: string): Promise<Session | null> {
    const row = await manager.findOne(ApiToken, { where: { tokenHash: hashScreenToken(token) }, relations: { user: true } });
    if (!row || !row.user || row.revokedAt || row.user.disabled) return null;
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return null;
    // Record use at most once a minute, so a busy screen does not write on every request.
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
      await manager.update(ApiToken, { dbId: row.dbId }, { lastUsedAt: new Date() });
    }
    return {
      user: readOnlyView(row.user),
      expiresAt: row.expiresAt ? Math.floor(row.expiresAt.getTime() / 1000) : null,
      scopeId: row.scopeId,
      screenTokenId: row.dbId,
    };
  }
}

/** Who a bearer token stands for. */
export interface Session {
  user: User;
  /** Seconds since epoch; null for a screen token that does not expire. */
  expiresAt: number | null;
  /** Screen tokens only: the node the token may watch (null: everything its user may read). */
  scopeId: string | null | undefined;
  screenTokenId: number | null;
}

/** Screen tokens are opaque random strings with this prefix; only their SHA-256 is stored. */
export const screenTokenPrefix = 'scr_';

export function newScreenToken(): { token: string; hash: string } {
  const token = screenTokenPrefix + randomBytes(32).toString('base64url');
  return { token, hash: hashScreenToken(token) };
}

export function hashScreenToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A screen token reads only, whatever its owner's role: it acts as a VIEWER. */
function readOnlyView(user: User): User {
  return Object.assign(Object.create(User.prototype) as User, user, { role: Role.VIEWER });
}
