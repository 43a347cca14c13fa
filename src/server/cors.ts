import cors from 'cors';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../errors/app-error';
import { noteOf } from './telemetry';

/** Headers a browser page may send (besides the CORS-safelisted ones). */
const allowedHeaders = ['authorization', 'content-type', 'accept-language', 'idempotency-key', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name', 'graphql-client-name', 'graphql-client-version'];
/** Response headers a page may read. */
const exposedHeaders = ['x-request-id', 'retry-after', 'content-disposition'];

/**
 * CORS for the origins CORS_ORIGINS lists (none by default): their preflights answer 204 with the methods and
 * headers above, and their responses carry Access-Control-Allow-Origin. A preflight from any other origin is
 * refused with 403 and no Access-Control-* header, so the browser stops there. No cookies are involved (the token
 * travels in Authorization), so credentials are not allowed.
 */
export function corsMiddleware(origins: string[]) {
  const allowed = new Set(origins);
  const handler = cors({
    origin: (origin, callback) => callback(null, !!origin && allowed.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders,
    exposedHeaders,
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined;
    if (preflight && !allowed.has(origin)) {
      noteOf(req).errorCodes.push(ErrorCode.FORBIDDEN);
      res.vary('Origin');
      res.status(403).set('cache-control', 'no-store').json({
        error: { code: ErrorCode.FORBIDDEN, message: `The origin ${origin.slice(0, 100)} may not call this service from a browser; the operator lists allowed origins in CORS_ORIGINS.` },
      });
      return;
    }
    handler(req, res, next);
  };
}
