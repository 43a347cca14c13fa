import pino from 'pino';

/**
 * Structured one-line JSON logs on stderr through pino (field-standard: `level`, `time`, `msg`). LOG_LEVEL picks the
 * threshold (debug, info, warn, error; default info); under tests (NODE_ENV=test) only errors, unless LOG_LEVEL says
 * otherwise. Fields named like secrets are censored wherever a caller passes them by mistake.
 */
function level(): string {
  const configured = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'error' : 'info');
  return ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].includes(configured) ? configured : 'info';
}

export const pinoLogger = pino(
  {
    level: level(),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
    redact: {
      paths: ['authorization', 'password', 'token', 'variables', 'body', '*.authorization', '*.password', '*.token', '*.variables', '*.body', 'headers.authorization'],
      censor: '[redacted]',
    },
  },
  // Synchronous writes: a line logged just before process.exit is not lost (one line per request is cheap).
  pino.destination({ dest: 2, sync: true }),
);

type Fields = Record<string, unknown>;

/** The service's logger: `logger.info('message', { fields })`. */
export const logger = {
  debug: (message: string, fields?: Fields) => pinoLogger.debug(fields ?? {}, message),
  info: (message: string, fields?: Fields) => pinoLogger.info(fields ?? {}, message),
  warn: (message: string, fields?: Fields) => pinoLogger.warn(fields ?? {}, message),
  error: (message: string, fields?: Fields) => pinoLogger.error(fields ?? {}, message),
  /** Whether lines at `level` are written at all (skip building an access line nobody reads). */
  enabled: (lvl: 'debug' | 'info' | 'warn' | 'error') => pinoLogger.isLevelEnabled(lvl),
};
