import * as path from 'node:path';

/**
 * Database selection parsed from DATABASE_URL. MySQL and MariaDB share a driver but not a dialect: the scheme
 * (mysql:// or mariadb://) picks TypeORM's 'mysql' or 'mariadb', which reads the server's schema its own way.
 */
export type DatabaseConfig =
  | { type: 'sqlite'; file: string }
  | { type: 'mysql' | 'mariadb'; url: string };

/** Everything the service reads from the environment, read once at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  nodeEnv: string;
  dataDir: string;
  database: DatabaseConfig;
  /** Threads that run the rollups' read-only statements on SQLite, so the event loop goes on meanwhile (0: none). */
  sqliteReaderThreads: number;
  redisUrl?: string;
  /** When unset, a secret is generated and kept in the data folder. */
  jwtSecret?: string;
  jwtTtlSeconds: number;
  adminPassword?: string;
  seedDemo: boolean;
  /** Upper bounds on GraphQL documents. */
  limits: { maxDepth: number; maxAliases: number; maxCost: number; maxBodyBytes: number; maxPageSize: number; maxTokens: number; maxVariables: number };
  /** Subscriptions over graphql-ws (README, "Live updates"). */
  live: { redisPrefix: string; redisRetryMs: number; pollMs: number; keepAliveMs: number; maxConnections: number; maxSubscriptionsPerConnection: number; maxQueuedEvents: number; maxSubscriptionsPerToken: number; maxReplaysPerToken: number; replayPageSize: number };
  /** Express's `trust proxy`: false (the socket's address is the source), true, a hop count, or addresses/subnets. */
  trustProxy: boolean | number | string;
  /** Login throttling per process (README, "Roles and rights"). */
  login: { windowMinutes: number; maxFailuresPerSource: number; maxFailuresPerAccountSource: number; slowAccountAfter: number };
  /** Bounds on waiting for MySQL/MariaDB (docs/operations.md); 0 turns a bound off. */
  databaseTimeouts: { connectMs: number; acquireMs: number; statementMs: number; rollupMs: number };
  /** /readyz answers 503 when the database has not answered `SELECT 1` within this. */
  readinessTimeoutMs: number;
  /** After SIGTERM or SIGINT: in-flight requests get this long to finish before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Caps on an imported spreadsheet (POST /imports, npm run import). */
  spreadsheet: { maxBytes: number; maxRows: number; maxUncompressedBytes: number; maxEntries: number; maxConcurrentImports: number; readerHeapMb: number };
  /** Days the change log keeps events (0: forever). */
  changeLogRetentionDays: number;
  /** GRAPHQL_PUBLIC_INTROSPECTION: callers without a token may introspect the schema (signed-in callers always may). */
  publicIntrospection: boolean;
  /** CORS_ORIGINS: browser origins (scheme://host[:port]) allowed to call the service from their pages; empty: none. */
  corsOrigins: string[];
  /** METRICS_TOKEN: the bearer token /metrics asks for; unset: /metrics answers loopback callers only. */
  metricsToken?: string;
  /** METRICS_MAX_OPERATIONS: distinct operation names given their own metrics label; later names count as "other". */
  metricsMaxOperations: number;
}

/** CORS_ORIGINS: a comma list of origins such as https://dash.example.gov.cn or http://localhost:3000 ("*" is refused). */
export function parseCorsOrigins(raw: string | undefined): string[] {
  if (!raw || !raw.trim()) return [];
  return raw.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`CORS_ORIGINS must list origins such as https://dash.example.org, got "${entry}"`);
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, '')) {
      throw new Error(`CORS_ORIGINS must list origins (scheme://host[:port], no path), got "${entry}"`);
    }
    return url.origin;
  });
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function boolFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** Parses DATABASE_URL: mariadb://user:pass@host:port/db, mysql://… (MySQL 8), sqlite:/path/file.db; default SQLite in the data folder. */
export function parseDatabaseUrl(raw: string | undefined, dataDir: string): DatabaseConfig {
  if (!raw) return { type: 'sqlite', file: path.join(dataDir, 'ledger.db') };
  const server = /^(mysql|mariadb):\/\//i.exec(raw);
  if (server) return { type: server[1].toLowerCase() === 'mariadb' ? 'mariadb' : 'mysql', url: raw };
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/i.exec(raw);
  if (sqlite) return { type: 'sqlite', file: sqlite[1] === ':memory:' ? ':memory:' : path.resolve(sqlite[1]) };
  throw new Error(`DATABASE_URL must start with mysql://, mariadb:// or sqlite:, got "${raw.replace(/\/\/[^@]*@/, '//***@')}"`);
}

/** TRUST_PROXY: unset or false, true, a number of proxies in front, or a comma list of their addresses/subnets ('loopback'). */
function trustProxyFromEnv(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^[1-9]\d*$/.test(raw)) return Number(raw);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  return {
    port: intFromEnv(env, 'PORT', 4000),
    host: env.HOST ?? '0.0.0.0',
    nodeEnv: env.NODE_ENV ?? 'development',
    dataDir,
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir),
    redisUrl: env.REDIS_URL || undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    jwtTtlSeconds: intFromEnv(env, 'JWT_TTL_SECONDS', 12 * 3600),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    seedDemo: boolFromEnv(env, 'SEED_DEMO', true),
    limits: {
      maxDepth: intFromEnv(env, 'GRAPHQL_MAX_DEPTH', 12),
      maxAliases: intFromEnv(env, 'GRAPHQL_MAX_ALIASES', 30),
      maxCost: intFromEnv(env, 'GRAPHQL_MAX_COST', 50000),
      maxBodyBytes: intFromEnv(env, 'GRAPHQL_MAX_BODY_BYTES', 1_000_000),
      maxPageSize: intFromEnv(env, 'GRAPHQL_MAX_PAGE_SIZE', 500),
      // The parser stops at this many tokens, as on the socket; a document's variable definitions are bounded too.
      maxTokens: Math.max(100, intFromEnv(env, 'GRAPHQL_MAX_TOKENS', 5000)),
      maxVariables: intFromEnv(env, 'GRAPHQL_MAX_VARIABLES', 100),
    },
    sqliteReaderThreads: Math.min(16, intFromEnv(env, 'SQLITE_READER_THREADS', 2)),
    live: {
      redisPrefix: env.LIVE_REDIS_PREFIX || 'ledger:live',
      redisRetryMs: Math.max(10, intFromEnv(env, 'LIVE_REDIS_RETRY_MS', 50)),
      pollMs: Math.max(50, intFromEnv(env, 'LIVE_POLL_MS', 1000)),
      keepAliveMs: intFromEnv(env, 'LIVE_KEEPALIVE_MS', 12_000),
      maxConnections: intFromEnv(env, 'LIVE_MAX_CONNECTIONS', 10_000),
      maxSubscriptionsPerConnection: intFromEnv(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20),
      maxQueuedEvents: Math.max(10, intFromEnv(env, 'LIVE_MAX_QUEUED_EVENTS', 10_000)),
      maxSubscriptionsPerToken: intFromEnv(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_TOKEN', 200),
      maxReplaysPerToken: intFromEnv(env, 'LIVE_MAX_REPLAYS_PER_TOKEN', 20),
      replayPageSize: Math.min(1000, Math.max(10, intFromEnv(env, 'LIVE_REPLAY_PAGE_SIZE', 200))),
    },
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    login: {
      windowMinutes: Math.max(1, intFromEnv(env, 'LOGIN_WINDOW_MINUTES', 15)),
      maxFailuresPerSource: Math.max(1, intFromEnv(env, 'LOGIN_MAX_FAILURES_PER_SOURCE', 50)),
      maxFailuresPerAccountSource: Math.max(1, intFromEnv(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT_SOURCE', 5)),
      slowAccountAfter: Math.max(1, intFromEnv(env, 'LOGIN_SLOW_ACCOUNT_AFTER', 100)),
    },
    databaseTimeouts: {
      connectMs: intFromEnv(env, 'DB_CONNECT_TIMEOUT_MS', 2000),
      acquireMs: intFromEnv(env, 'DB_ACQUIRE_TIMEOUT_MS', 3000),
      statementMs: intFromEnv(env, 'DB_STATEMENT_TIMEOUT_MS', 3000),
      rollupMs: intFromEnv(env, 'DB_ROLLUP_TIMEOUT_MS', 30_000),
    },
    readinessTimeoutMs: Math.max(50, intFromEnv(env, 'READINESS_TIMEOUT_MS', 800)),
    shutdownTimeoutMs: Math.max(1000, intFromEnv(env, 'SHUTDOWN_TIMEOUT_MS', 10_000)),
    changeLogRetentionDays: intFromEnv(env, 'CHANGE_LOG_RETENTION_DAYS', 400),
    publicIntrospection: boolFromEnv(env, 'GRAPHQL_PUBLIC_INTROSPECTION', false),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    metricsToken: env.METRICS_TOKEN || undefined,
    metricsMaxOperations: Math.max(1, intFromEnv(env, 'METRICS_MAX_OPERATIONS', 100)),
    spreadsheet: {
      maxBytes: intFromEnv(env, 'SPREADSHEET_MAX_BYTES', 32 * 1024 * 1024),
      maxRows: intFromEnv(env, 'SPREADSHEET_MAX_ROWS', 100_000),
      maxUncompressedBytes: intFromEnv(env, 'SPREADSHEET_MAX_UNCOMPRESSED_BYTES', 256 * 1024 * 1024),
      maxEntries: intFromEnv(env, 'SPREADSHEET_MAX_ZIP_ENTRIES', 1000),
      maxConcurrentImports: Math.max(1, intFromEnv(env, 'SPREADSHEET_MAX_CONCURRENT_IMPORTS', 2)),
      readerHeapMb: Math.max(64, intFromEnv(env, 'SPREADSHEET_READER_HEAP_MB', 256)),
    },
  };
}
