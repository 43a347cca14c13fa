import type { EntityManager } from 'typeorm';
import type { User } from '../domain/user/user.entity';
import type { Loaders } from '../loaders/loaders';
import type { Services } from '../server/services';

/**
 * What every resolver and service receives: who is asking, the request's loaders, and the services. It lives below
 * the layers that use it (the server only builds it); its references upward are types only.
 */
export interface RequestContext {
  requestId: string;
  /** The signed-in user; for a screen token, a read-only (VIEWER) view of the token's owner. */
  user: User | null;
  /** The caller's address (X-Forwarded-For only behind a TRUST_PROXY): the source login throttling counts by. */
  clientAddress?: string;
  /** Seconds since epoch when the caller's token expires (null: a screen token without expiry). */
  tokenExpiresAt: number | null;
  /** For a screen token: the global ID of the node it may watch, or null for everything. Undefined otherwise. */
  tokenScope?: string | null;
  /** For a screen token: its database id (so revocation can find its sockets). */
  screenTokenId?: number | null;
  loaders: Loaders;
  manager: EntityManager;
  services: Services;
}
