import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { logger } from '../common/logger';
import { ErrorCode } from '../errors/app-error';

/** What body-parser and the router say, as the client's error: status, code, and a message that quotes nothing sent. */
const knownRequestErrors: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: ErrorCode.BAD_USER_INPUT, message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, code: 'TOO_LARGE', message: 'The request body is larger than the service accepts.' },
  'entity.verify.failed': { status: 403, code: ErrorCode.FORBIDDEN, message: 'The request body was refused.' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body\'s Content-Encoding is not supported (send identity, gzip, deflate or br).' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body\'s charset is not supported (send UTF-8).' },
  'request.aborted': { status: 400, code: ErrorCode.BAD_USER_INPUT, message: 'The request was aborted before its body arrived.' },
  'request.size.invalid': { status: 400, code: ErrorCode.BAD_USER_INPUT, message: 'The request body is shorter or longer than its Content-Length.' },
};

const codeByStatus: Record<number, string> = { 400: ErrorCode.BAD_USER_INPUT, 401: ErrorCode.UNAUTHENTICATED, 403: ErrorCode.FORBIDDEN, 404: ErrorCode.NOT_FOUND, 405: 'METHOD_NOT_ALLOWED', 413: 'TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/** Answers `{error: {code, message}}` with `status`, no-store, unless a response is already on its way. */
export function sendJsonError(res: Response, status: number, code: string, message: string, details: Record<string, unknown> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).set('cache-control', 'no-store').json({ error: { code, message, ...details } });
}

/** The last route: any address nothing else answered is a JSON 404 (Express's is an HTML page). */
export function jsonNotFound(req: Request, res: Response): void {
  sendJsonError(res, 404, ErrorCode.NOT_FOUND, `Nothing is served at ${req.method} ${req.path.slice(0, 200)}.`);
}

/**
 * The last error handler: every error a route or a body parser passes on answers JSON, never Express's HTML page
 * with a stack, in every NODE_ENV. Client errors are not logged (their messages can quote the body, and with it a
 * password); anything else is logged with a correlation id, its name and stack only (no message: it may quote input).
 */
export function jsonErrorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const type = (error as { type?: unknown } | null)?.type;
  const known = typeof type === 'string' ? knownRequestErrors[type] : undefined;
  if (known) return sendJsonError(res, known.status, known.code, known.message);
  const status = Number((error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode);
  if (error instanceof URIError || (status >= 400 && status < 500)) {
    const clientStatus = error instanceof URIError ? 400 : status;
    const message = error instanceof URIError ? 'The address is not valid (a malformed %-escape).' : 'The request was refused.';
    return sendJsonError(res, clientStatus, codeByStatus[clientStatus] ?? ErrorCode.BAD_USER_INPUT, message);
  }
  const correlationId = randomUUID();
  logger.error('request failed', { correlationId, name: error instanceof Error ? error.name : typeof error, stack: error instanceof Error ? error.stack?.split('\n').slice(1).join('\n') : undefined });
  sendJsonError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, `Internal server error; quote reference ${correlationId} when reporting it.`, { correlationId });
}
