import { EntityManager } from 'typeorm';
import { User } from '../domain/user/user.entity';
import { Loaders } from '../loaders/loaders';
import type { Services } from './services';

/** What every resolver receives: who is asking, the request's loaders, and the services. */
export interface RequestContext {
  requestId: string;
  user: User | null;
  /** Seconds since epoch when the caller's token expires. */
  tokenExpiresAt: number | null;
  loaders: Loaders;
  manager: EntityManager;
  services: Services;
}
