import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import { randomBytes } from 'node:crypto';
import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password';
import { AppConfig, DatabaseConfig, loadConfig } from '../../src/config/config';
import { createDataSource } from '../../src/db/data-source';
import { Role, User } from '../../src/domain/user/user.entity';
import { createServices, RunningApp, startApp } from '../../src/server/app';
import { freshDatabase, gql } from './test-server';

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const adminPassword = 'live-admin-password';

/** Fails loudly (never skips) when Redis does not answer: the live suites need it, and CI starts it (.ci/run). */
export async function requireRedis(): Promise<void> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`Redis does not answer at ${redisUrl} (${(error as Error).message}). The live suites need it: start redis-server (see .ci/run) or set TEST_REDIS_URL.`);
  } finally {
    client.disconnect();
  }
}

/** A Redis channel prefix of one's own, so parallel suites sharing the Redis do not wake each other. */
export function uniquePrefix(): string {
  return `ledger-test:${randomBytes(6).toString('hex')}`;
}

/** A migrated, empty database with the admin user, kept open by the test for fixtures. */
export interface SharedDatabase {
  config: DatabaseConfig;
  url: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function sharedDatabase(): Promise<SharedDatabase> {
  const database = await freshDatabase();
  const dataSource = createDataSource(database.config);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.manager.insert(User, { username: 'admin', passwordHash: await hashPassword(adminPassword), role: Role.ADMIN });
  const url = database.config.type === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url;
  return {
    config: database.config,
    url,
    dataSource,
    async close() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

export async function login(url: string, username = 'admin', password = adminPassword): Promise<string> {
  const result = await gql<{ login: { token: string } }>(url, 'mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username, password } });
  if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
  return result.data.login.token;
}

export interface LiveServer {
  url: string;
  app: RunningApp;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A server in this jest process over an existing database (its own connection pool), optionally with Redis. */
export async function startLiveServer(database: SharedDatabase, options: { redisPrefix?: string; env?: Record<string, string>; jwtSecret: string }): Promise<LiveServer> {
  const dataSource = createDataSource(database.config);
  await dataSource.initialize();
  const env = { NODE_ENV: 'test', ...(options.redisPrefix ? { REDIS_URL: redisUrl, LIVE_REDIS_PREFIX: options.redisPrefix } : {}), ...options.env };
  const config: AppConfig = { ...loadConfig(env), database: database.config, host: '127.0.0.1' };
  const app = await startApp(createServices(config, dataSource, options.jwtSecret), { port: 0, host: '127.0.0.1' });
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    app,
    dataSource,
    async close() {
      await app.stop();
      await dataSource.destroy();
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote on stderr (JSON log lines). */
  stderr(): string;
  /** SIGTERM (the real shutdown path), then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<number | null>;
}

/**
 * Starts the service as its own operating-system process, the way production does (`src/main.ts`: config from
 * the environment, migrations, listen), on a loopback port.
 */
export async function spawnServer(database: SharedDatabase, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-proc-'));
  const root = path.join(__dirname, '..', '..');
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'src', 'main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      SEED_DEMO: 'false',
      ADMIN_PASSWORD: adminPassword,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!stdout.includes('Project ledger service at')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server process did not start (exit ${child.exitCode}):\n${stderr.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
