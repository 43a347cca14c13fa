import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ChangeEvent } from '../../src/domain/change/change-event.entity';
import { User } from '../../src/domain/user/user.entity';
import { gql, mysqlUrl, startTestServer, testDb, TestServer } from '../utils/test-server';

/** npm run admin:reset-password, run beside the database of a running service (SQLite file or MariaDB). */
describe('npm run admin:reset-password', () => {
  let server: TestServer;
  const root = path.join(__dirname, '../..');

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** DATABASE_URL of the test's database, as an operator would set it. */
  function databaseUrl(): string {
    const database = server.config.database;
    if (database.type === 'sqlite') return `sqlite:${database.file}`;
    const url = new URL(mysqlUrl);
    url.pathname = new URL(database.url).pathname;
    return url.toString();
  }

  const run = () =>
    promisify(execFile)('npm', ['run', '--silent', 'admin:reset-password'], {
      cwd: root,
      timeout: 120_000,
      env: { ...process.env, DATABASE_URL: databaseUrl(), NODE_ENV: 'production', LOG_LEVEL: 'error' },
    });

  it(`prints a new password for admin that signs in; admin's old tokens stop working; a lock-out is lifted (${testDb})`, async () => {
    const oldToken = server.adminToken;
    expect((await gql(server.url, '{ viewer { username } }', {}, oldToken)).data).toEqual({ viewer: { username: 'admin' } });
    await server.dataSource.manager.update(User, { username: 'admin' }, { lockedUntil: new Date(Date.now() + 3600_000), failedLogins: 9 });
    const eventsBefore = await server.dataSource.manager.count(ChangeEvent);

    const { stdout } = await run();
    const password = /New password: (\S+)/.exec(stdout)?.[1];
    expect(stdout).toMatch(/Reset the password of "admin"/);
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);

    const old = await gql(server.url, '{ viewer { username } }', {}, oldToken);
    expect(old.status).toBe(401);
    expect(old.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const token = await server.login('admin', password!);
    expect((await gql(server.url, '{ viewer { username role } }', {}, token)).data).toEqual({ viewer: { username: 'admin', role: 'ADMIN' } });
    const admin = await server.dataSource.manager.findOneByOrFail(User, { username: 'admin' });
    expect(admin).toMatchObject({ failedLogins: 0, lockedUntil: null, disabled: false });
    const events = await server.dataSource.manager.find(ChangeEvent, { order: { seq: 'DESC' }, take: 1 });
    expect(await server.dataSource.manager.count(ChangeEvent)).toBe(eventsBefore + 1);
    expect(events[0]).toMatchObject({ entity: 'User', action: 'PASSWORD_RESET', actor: null });

    // Twice in a row: each run prints a different password, and only the last one signs in.
    const second = /New password: (\S+)/.exec((await run()).stdout)![1];
    expect(second).not.toBe(password);
    await expect(server.login('admin', password!)).rejects.toThrow();
    await expect(server.login('admin', second)).resolves.toEqual(expect.any(String));
  }, 180_000);
});
