import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { ErrorCode } from './app-error';
import { DatabaseTimeoutError, isDatabaseUnavailable } from './database-unavailable';
import { formatError } from './format-error';

/** Errors shaped as mysql2 raises them (code, errno), alone and wrapped by TypeORM. */
function driverError(code: string, errno?: number, message = code): Error {
  return Object.assign(new Error(message), { code, errno });
}

describe('isDatabaseUnavailable', () => {
  test.each([
    ['connection refused', driverError('ECONNREFUSED')],
    ['connection lost', driverError('PROTOCOL_CONNECTION_LOST')],
    ['connect timeout', driverError('ETIMEDOUT')],
    ['MariaDB max_statement_time', driverError('ER_STATEMENT_TIMEOUT', 1969)],
    ['MySQL max_execution_time', driverError('ER_QUERY_TIMEOUT', 3024)],
    ['pool acquire bound', new DatabaseTimeoutError('acquire', 3000)],
    ['statement bound', new DatabaseTimeoutError('statement', 3000)],
    ['a closed pool', new Error('Pool is closed.')],
  ])('%s, alone and inside QueryFailedError, is unavailability', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], error))).toBe(true);
    expect(isDatabaseUnavailable(new GraphQLError('wrapped', { originalError: new QueryFailedError('SELECT 1', [], error) }))).toBe(true);
  });

  test.each([
    ['a duplicate key', driverError('ER_DUP_ENTRY', 1062)],
    ['a syntax error', driverError('ER_PARSE_ERROR', 1064)],
    ['a bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('%s is not', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    if (error) expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], error))).toBe(false);
  });
});

describe('formatError', () => {
  test('a database that does not answer is SERVICE_UNAVAILABLE with retryAfterSeconds, not a masked internal error', () => {
    const error = new GraphQLError('Query inactivity timeout', { path: ['projects'], originalError: new QueryFailedError('SELECT 1', [], driverError('ECONNREFUSED')) });
    const formatted = formatError(error.toJSON(), error);
    expect(formatted.extensions).toEqual({ code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: 2 });
    expect(formatted.message).not.toMatch(/quote reference|ECONNREFUSED|SELECT/);
  });

  test('any other unexpected error stays masked with a correlation id', () => {
    const error = new GraphQLError('boom', { path: ['projects'], originalError: new TypeError('x is undefined') });
    expect(formatError(error.toJSON(), error).extensions?.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
  });
});
