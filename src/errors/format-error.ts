import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from './app-error';
import { toAppError } from './error-map';

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

  // Everything else goes through the one map (error-map.ts): unique violations, lock conflicts, outages, bugs.
  const mapped = toAppError(original, path?.join('.') ?? 'graphql');
  const { http: _http, ...extensions } = mapped.extensions;
  return { message: mapped.message, locations, path, extensions };
}
