import { RequestContext } from '../common/request-context';

/** A subscription's context: the request context plus a check of the socket's token before every push. */
export interface LiveRequestContext extends RequestContext {
  live?: {
    /** False once the socket's token expired or was revoked (the socket is then being closed). */
    stillAllowed(): boolean;
  };
}

export function stillAllowed(ctx: LiveRequestContext): boolean {
  if (ctx.live) return ctx.live.stillAllowed();
  return ctx.tokenExpiresAt === null || ctx.tokenExpiresAt * 1000 > Date.now();
}
