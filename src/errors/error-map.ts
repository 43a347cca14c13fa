import { randomUUID } from 'node:crypto';
import { logger } from '../common/logger';
import { isLockConflict } from '../db/transaction';
import { isUniqueViolation } from '../db/unique-violation';
import { AppError, ConflictError, ErrorCode } from './app-error';
import { isDatabaseUnavailable, logUnavailable, retryAfterSeconds, unavailableMessage } from './database-unavailable';

/** A database refusal that is the client's to resolve or retry, not a bug. */
export class UnavailableError extends AppError {
  constructor(message = unavailableMessage, seconds = retryAfterSeconds) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfterSeconds: seconds });
  }
}

/**
 * The one map from anything thrown to what a client sees, for GraphQL (format-error.ts) and the HTTP routes alike:
 * domain errors as they are; a unique-key violation (two writers racing for one code) as CONFLICT; a deadlock that
 * survived the transaction's retries as CONFLICT to retry; a database that does not answer as SERVICE_UNAVAILABLE;
 * anything else masked as INTERNAL_SERVER_ERROR with a correlation id, logged (no SQL text or stack leaves).
 */
export function toAppError(error: unknown, where: string): AppError {
  if (error instanceof AppError) return error;
  if (isUniqueViolation(error)) {
    return new ConflictError('Another write took this value first (it must be unique); read the current state and try again.', { reason: 'UNIQUE_VIOLATION' });
  }
  if (isDatabaseUnavailable(error)) {
    logUnavailable(where, error);
    return new UnavailableError();
  }
  if (isLockConflict(error)) {
    logger.warn('write gave up after repeated lock conflicts', { where });
    return new ConflictError('The write met concurrent writes and was rolled back; nothing was changed. Try again.', { reason: 'LOCK_CONFLICT', retryable: true });
  }
  const correlationId = randomUUID();
  logger.error('unexpected error', { correlationId, where, error: error instanceof Error ? error : String(error) });
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `Internal server error; quote reference ${correlationId} when reporting it.`, { correlationId });
}

/** Headers an error answer carries over HTTP: Retry-After for the codes that are to be retried later. */
export function httpHeadersOf(error: AppError): Record<string, string> {
  const seconds = error.extensions.retryAfterSeconds;
  return typeof seconds === 'number' ? { 'retry-after': String(seconds) } : {};
}
