import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { logger } from '../common/logger';
import { AppError, ErrorCode } from './app-error';
import { isDatabaseUnavailable, logUnavailable, retryAfterSeconds, unavailableMessage } from './database-unavailable';

const knownCodes = new Set<string>(Object.values(ErrorCode));
/** Apollo's own request errors, all the client's fault. */
const requestErrorCodes = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function flattenValidation(errors: ValidationErrorLike[], prefix: string): Array<{ field: string; message: string }> {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}

/**
 * The one place errors are shaped for clients: domain errors pass through with their code; request errors
 * become BAD_USER_INPUT; class-validator failures name the field; a database that does not answer is
 * SERVICE_UNAVAILABLE (database-unavailable.ts); anything else is masked and logged with a
 * correlation id (no SQL text or stack ever leaves the server).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const path = formatted.path;
  const locations = formatted.locations;

  if (original instanceof AppError) {
    const { http: _http, ...extensions } = original.extensions;
    return { message: original.message, locations, path, extensions };
  }

  const code = (formatted.extensions?.code as string | undefined) ?? (original instanceof GraphQLError ? (original.extensions?.code as string | undefined) : undefined);
  const validationErrors = (original as { extensions?: { validationErrors?: ValidationErrorLike[] } })?.extensions?.validationErrors;
  if (Array.isArray(validationErrors)) {
    // Mutations take their fields in one `input:` argument; name the path the way the client wrote it.
    const target = (validationErrors[0] as { target?: object } | undefined)?.target;
    const prefix = target && /Input$/.test(target.constructor.name) ? 'input' : '';
    const problems = flattenValidation(validationErrors, prefix);
    const first = problems[0];
    return {
      message: first ? `Invalid value for ${first.field}: ${first.message}` : 'Invalid input.',
      locations,
      path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: first?.field, problems },
    };
  }

  if (code && knownCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    return { message: formatted.message, locations, path, extensions: { code } };
  }
  if (code && requestErrorCodes.has(code)) {
    return { message: formatted.message, locations, path, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: code } };
  }

  // The database down, frozen or too slow is an outage to retry, not a bug to report.
  if (isDatabaseUnavailable(original)) {
    logUnavailable(path?.join('.') ?? 'graphql', original);
    return { message: unavailableMessage, locations, path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds } };
  }

  const correlationId = randomUUID();
  logger.error('unexpected error', { correlationId, path, error: original instanceof Error ? original : String(original) });
  return {
    message: `Internal server error; quote reference ${correlationId} when reporting it.`,
    locations,
    path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, correlationId },
  };
}
