import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { logger } from '../common/logger';

export interface TokenClaims {
  /** User's database id. */
  sub: string;
  /** Token version of the user when issued; a bump revokes the token. */
  tv: number;
}

const issuer = 'project-ledger';

/** Signs and verifies the service's bearer tokens (HS256). */
export class TokenService {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
  ) {
    if (secret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
  }

  sign(userId: number, tokenVersion: number): { token: string; expiresAt: Date } {
    const token = jwt.sign({ tv: tokenVersion }, this.secret, { algorithm: 'HS256', subject: String(userId), expiresIn: this.ttlSeconds, issuer });
    return { token, expiresAt: new Date(Date.now() + this.ttlSeconds * 1000) };
  }

  /** The claims of a valid token, or null (bad signature, expired, malformed). */
  verify(token: string): (TokenClaims & { exp: number }) | null {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer }) as jwt.JwtPayload;
      if (typeof claims.sub !== 'string' || typeof claims.tv !== 'number' || typeof claims.exp !== 'number') return null;
      // A user id as this service signs it: a positive integer that fits the column. Anything else is no token (401).
      if (!/^[1-9]\d{0,9}$/.test(claims.sub) || Number(claims.sub) > 2_147_483_647 || !Number.isInteger(claims.tv)) return null;
      return { sub: claims.sub, tv: claims.tv, exp: claims.exp };
    } catch {
      return null;
    }
  }
}

/** JWT_SECRET when set; otherwise a secret generated once and kept in the data folder. */
export function resolveJwtSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600 });
    logger.info('generated a JWT secret', { file });
    return secret;
  }
}
