import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { DataSource, Logger } from 'typeorm';
import { hashPassword } from '../../src/auth/password';
import { AppConfig, DatabaseConfig, loadConfig, parseDatabaseUrl } from '../../src/config/config';
import { createDataSource } from '../../src/db/data-source';
import { Role, User } from '../../src/domain/user/user.entity';
import { loadDemoData } from '../../src/seed/demo-data';
import { createServices, RunningApp, startApp } from '../../src/server/app';

export const testDb = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'mysql';
/** The server of the `mariadb` test project; its scheme picks the dialect, as DATABASE_URL's does (mysql:// for MySQL 8). */
export const mysqlUrl = process.env.TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test';

/** Counts SQL statements, for the no-N+1 checks. */
export class CountingLogger implements Logger {
  count = 0;
  statements: string[] = [];
  logQuery(query: string): void {
    this.count += 1;
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  reset(): void {
    this.count = 0;
    this.statements = [];
  }
}

/** A fresh, empty database of the kind under test: a temp SQLite file, or a new MariaDB database. */
export async function freshDatabase(): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  if (testDb === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'));
    return { config: { type: 'sqlite', file: path.join(dir, 'test.db') }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(mysqlUrl);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(mysqlUrl);
  url.pathname = `/${name}`;
  return {
    config: parseDatabaseUrl(url.toString(), os.tmpdir()),
    drop: async () => {
      const connection = await createConnection(mysqlUrl);
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}

export interface TestServer {
  url: string;
  port: number;
  dataSource: DataSource;
  app: RunningApp;
  config: AppConfig;
  logger: CountingLogger;
  /** Signs in and returns a bearer token. */
  login(username: string, password: string): Promise<string>;
  /** Creates a user and returns a token for it. */
  userToken(username: string, role: Role, unitId?: number | null): Promise<string>;
  adminToken: string;
  close(): Promise<void>;
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

/** POSTs a GraphQL operation to the server. */
export async function gql<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { ...body, status: response.status };
}

/** Starts a real server on a free loopback port over a fresh database with migrations applied. */
/**
 * `demo` loads the five seed campaigns as `npm start` does, with the example monthly reports of seed 001's example
 * projects; `exampleReports: false` loads only what the documents state (for tests whose figures are counted by hand
 * on top of the documents).
 */
export async function startTestServer(
  options: { demo?: boolean; exampleReports?: boolean; configure?: (config: AppConfig) => AppConfig } = {},
): Promise<TestServer> {
  const database = await freshDatabase();
  const logger = new CountingLogger();
  const dataSource = createDataSource(database.config, { logger });
  // No change-log pruning on its timer: its statements would fall among those a test counts (tests prune by hand).
  const defaults: AppConfig = { ...loadConfig({ NODE_ENV: 'test' }), database: database.config, host: '127.0.0.1', changeLogRetentionDays: 0 };
  const config = options.configure ? options.configure(defaults) : defaults;
  let app: RunningApp;
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    if (options.demo) await loadDemoData(dataSource.manager, { exampleReports: options.exampleReports ?? true });
    const services = createServices(config, dataSource, randomBytes(32).toString('hex'));
    app = await startApp(services, { port: 0, host: '127.0.0.1' });
  } catch (error) {
    // A failed start must not leave a pool open (jest would never exit) or a scratch database behind.
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
    throw error;
  }
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/graphql`;

  const login = async (username: string, password: string) => {
    const result = await gql<{ login: { token: string } }>(url, 'mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username, password } });
    if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.token;
  };
  const userToken = async (username: string, role: Role, unitId: number | null = null) => {
    const password = `pw-${username}-secret`;
    await dataSource.manager.insert(User, { username, passwordHash: await hashPassword(password), role, unitId });
    return login(username, password);
  };
  const adminToken = await userToken('admin', Role.ADMIN);

  return {
    url,
    port,
    dataSource,
    app,
    config,
    logger,
    login,
    userToken,
    adminToken,
    async close() {
      await app.stop();
      await dataSource.destroy();
      await database.drop();
    },
  };
}
