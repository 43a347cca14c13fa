import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ApiToken, Role, User } from '../domain/user/user.entity';
import { UnauthenticatedError } from '../errors/app-error';
import { LoginThrottle, LoginThrottleSettings } from './login-throttle';
import { verifyPassword } from './password';
import { TokenService } from './tokens';

/** Sign-in and bearer-token checks. */
export class AuthService {
  readonly throttle: LoginThrottle;

  constructor(
    private readonly tokens: TokenService,
    throttle: LoginThrottleSettings = { windowMinutes: 15, maxFailuresPerSource: 50, maxFailuresPerAccountSource: 5, slowAccountAfter: 100 },
  ) {
    this.throttle = new LoginThrottle(throttle);
  }

  /**
   * Checks credentials. Failures are counted per source address and per (account, source) pair (LoginThrottle):
   * a source or pair over its limit gets RATE_LIMITED; the account itself is never locked for other sources.
   */
  async login(manager: EntityManager, username: string, password: string, source: string): Promise<{ token: string; expiresAt: Date; user: User }> {
    await this.throttle.admit(username, source);
    const user = await manager.findOne(User, { where: { username } });
    const refused = new UnauthenticatedError('Wrong username or password.');
    if (!user) {
      // Spend the same time as a real check so usernames cannot be probed by timing.
      await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
      this.throttle.failed(username, source);
      throw refused;
    }
    const passwordRight = await verifyPassword(password, user.passwordHash);
    if (!passwordRight || user.disabled) {
      this.throttle.failed(username, source);
      throw refused;
    }
    this.throttle.succeeded(username, source);
    const { token, expiresAt } = this.tokens.sign(user.dbId, user.tokenVersion);
    return { token, expiresAt, user };
  }

  /** A signed-in user's current password, checked and counted like a sign-in (passwordChange). */
  async checkCurrentPassword(user: User, password: string, source: string): Promise<boolean> {
    await this.throttle.admit(user.username, source);
    const right = await verifyPassword(password, user.passwordHash);
    if (right) this.throttle.succeeded(user.username, source);
    else this.throttle.failed(user.username, source);
    return right;
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
