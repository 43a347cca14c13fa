import { EntityManager } from 'typeorm';
import { User } from '../domain/user/user.entity';
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
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      // Same answer as a wrong password, so a lock does not reveal that the username exists.
      throw refused;
    }
    if (!(await verifyPassword(password, user.passwordHash)) || user.disabled) {
      const failures = user.failedLogins + 1;
      await manager.update(User, { dbId: user.dbId }, {
        failedLogins: failures >= maxFailures ? 0 : failures,
        lockedUntil: failures >= maxFailures ? new Date(Date.now() + lockMinutes * 60_000) : user.lockedUntil,
      });
      throw refused;
    }
    if (user.failedLogins > 0 || user.lockedUntil) await manager.update(User, { dbId: user.dbId }, { failedLogins: 0, lockedUntil: null });
    const { token, expiresAt } = this.tokens.sign(user.dbId, user.tokenVersion);
    return { token, expiresAt, user };
  }

  /** The user a bearer token stands for, or null when it is missing, invalid, expired or revoked. */
  async authenticate(manager: EntityManager, authorization: string | undefined | null): Promise<{ user: User; expiresAt: number } | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return null;
    const claims = this.tokens.verify(match[1]);
    if (!claims) return null;
    const user = await manager.findOne(User, { where: { dbId: Number(claims.sub) } });
    if (!user || user.disabled || user.tokenVersion !== claims.tv) return null;
    return { user, expiresAt: claims.exp };
  }
}
