import type { NextFunction, Request, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { logger } from '../common/logger';
import { ErrorCode } from './app-error';

/** Seconds a client is told to wait before retrying when the database does not answer. */
export const retryAfterSeconds = 2;

export const unavailableMessage = 'The database is not answering; nothing was decided. Try again in a few seconds.';

/** A bound on waiting for the database ran out (data-source.ts): acquiring a pooled connection, or a statement. */
export class DatabaseTimeoutError extends Error {
  readonly code = 'DB_TIMEOUT';
  constructor(readonly what: 'acquire' | 'statement', readonly afterMs: number) {
    super(`database ${what} timed out after ${afterMs} ms`);
    this.name = 'DatabaseTimeoutError';
  }
}

/** Driver codes that mean the database is unreachable or did not answer in time, not that the request was wrong. */
const unavailableCodes = new Set([
  'DB_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT', // mysql2's per-query timeout
  'ER_STATEMENT_TIMEOUT', // MariaDB max_statement_time (1969)
  'ER_QUERY_TIMEOUT', // MySQL max_execution_time (3024)
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
]);
const unavailableErrnos = new Set([1040, 1053, 1205, 1969, 2002, 2003, 2006, 2013, 3024]);
/** mysql2's messages for a pool or connection it has already given up on. */
const unavailableMessages = [/^Pool is closed\.?$/, /^Can't add new command when connection is in closed state$/, /^Connection lost: The server closed the connection\.?$/, /^Queue limit reached\.?$/];

/**
 * Whether `error` (or what it wraps: TypeORM's QueryFailedError.driverError, an Error's cause) says the database
 * could not be reached or did not answer in time. The one place such errors are recognised.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; errno?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown };
  if (error instanceof DatabaseTimeoutError) return true;
  if (typeof e.code === 'string' && unavailableCodes.has(e.code)) return true;
  if (typeof e.errno === 'number' && unavailableErrnos.has(e.errno)) return true;
  if (typeof e.message === 'string' && unavailableMessages.some((pattern) => pattern.test(e.message as string))) return true;
  return [e.driverError, e.cause, e.originalError].some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

function describe(error: unknown): Record<string, unknown> {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  return { name: error instanceof Error ? error.name : typeof error, code: e?.code ?? e?.driverError?.code };
}

/** Logs one line per unavailable answer (no stack: the cause is the database, not this code). */
export function logUnavailable(where: string, error: unknown): void {
  logger.warn('database unavailable', { where, ...describe(error) });
}

/**
 * Express error handler placed before the last one: a database that does not answer is 503 with Retry-After, as
 * a GraphQL error on /graphql (the token check runs there before Apollo) and as `{error}` elsewhere.
 */
export function databaseUnavailableHandler(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (!isDatabaseUnavailable(error)) return next(error);
  logUnavailable(req.path.slice(0, 100), error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(503).set('retry-after', String(retryAfterSeconds)).set('cache-control', 'no-store');
  if (req.baseUrl === '/graphql' || req.path.startsWith('/graphql')) {
    res.json({ errors: [{ message: unavailableMessage, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds } }] });
  } else {
    res.json({ error: { code: ErrorCode.SERVICE_UNAVAILABLE, message: unavailableMessage, retryAfterSeconds } });
  }
}

/**
 * On /graphql, a response carrying SERVICE_UNAVAILABLE gets Retry-After; with no data at all it is also HTTP 503,
 * so load balancers and HTTP clients see what GraphQL clients read in `extensions.code`.
 */
export const serviceUnavailablePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { errors, data } = response.body.singleResult;
        if (!errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
        response.http.headers.set('retry-after', String(retryAfterSeconds));
        if (data === null || data === undefined) response.http.status = 503;
      },
    };
  },
};
