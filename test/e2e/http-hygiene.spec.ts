import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { toGlobalId } from '../../src/common/global-id';
import { loadConfig } from '../../src/config/config';
import { createServices, startApp } from '../../src/server/app';
import { ensureFrontEndBuilt } from '../utils/front-end-build';
import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * Pages cannot be framed by another site, exports are not cached, the listen address follows HOST, and a token
 * signed with the service's own secret but naming no valid user id is 401 UNAUTHENTICATED, never a 500.
 */
describe('HTTP hygiene', () => {
  let server: TestServer;
  let base: string;
  let taskForceId: string;
  beforeAll(async () => {
    server = await startTestServer();
    base = server.url.replace('/graphql', '');
    const created = await gql(server.url, 'mutation { taskForceCreate(input: { name: "卫生检查", periodStart: "2021-01-01", periodEnd: "2021-12-31" }) { taskForce { id } } }', {}, server.adminToken);
    taskForceId = created.data!.taskForceCreate.taskForce.id;
  });
  afterAll(() => server?.close());

  test('the query page and the wall screen refuse to be framed', async () => {
    ensureFrontEndBuilt('build:ide', 'dist/ide');
    const ide = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(ide.status).toBe(200);
    expect(ide.headers.get('x-frame-options')).toBe('DENY');
    expect(ide.headers.get('content-security-policy')).toMatch(/(^|;\s*)frame-ancestors 'none'(;|$)/);
    const screen = await fetch(`${base}/screen/${taskForceId}`);
    expect(screen.status).toBe(200);
    expect(screen.headers.get('x-frame-options')).toBe('DENY');
    expect(screen.headers.get('content-security-policy')).toMatch(/(^|;\s*)frame-ancestors 'none'(;|$)/);
  }, 300_000);

  test('exports (and their refusals) are sent with Cache-Control: no-store', async () => {
    const auth = { authorization: `Bearer ${server.adminToken}` };
    for (const path of [`/exports/ledger.xlsx?scope=${taskForceId}`, `/exports/ledger.csv?scope=${taskForceId}`, `/exports/ranking.xlsx?taskForce=${taskForceId}&asOf=2021-06-30`]) {
      const response = await fetch(`${base}${path}`, { headers: auth });
      expect([path, response.status]).toEqual([path, 200]);
      expect([path, response.headers.get('cache-control')]).toEqual([path, 'no-store']);
      await response.arrayBuffer();
    }
    const refused = await fetch(`${base}/exports/ledger.csv?scope=${toGlobalId('TaskForce', 999)}`, { headers: auth });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  test('a correctly signed token whose subject is not a user id is 401, on GraphQL and on exports', async () => {
    const secret = server.app.services.tokens['secret'];
    const subjects = ['abc', '1.5', '-1', '0x1', '1e3', ' 1', '99999999999999999999', '9'.repeat(400)];
    for (const subject of subjects) {
      const token = jwt.sign({ tv: 0 }, secret, { algorithm: 'HS256', subject, expiresIn: 600, issuer: 'project-ledger' });
      const graphql = await gql(server.url, '{ taskForces { id } }', {}, token);
      expect([subject, graphql.status, graphql.errors?.[0]?.extensions?.code]).toEqual([subject, 401, 'UNAUTHENTICATED']);
      const exported = await fetch(`${base}/exports/ledger.csv?scope=${taskForceId}`, { headers: { authorization: `Bearer ${token}` } });
      expect([subject, exported.status]).toEqual([subject, 401]);
    }
    // The same secret and a real user id signs in: the refusals above are about the subject alone.
    const admin = await server.dataSource.query("SELECT id FROM app_user WHERE username = 'admin'");
    const good = jwt.sign({ tv: 0 }, secret, { algorithm: 'HS256', subject: String(admin[0].id), expiresIn: 600, issuer: 'project-ledger' });
    expect((await gql(server.url, '{ taskForces { name } }', {}, good)).data).toEqual({ taskForces: [{ name: '卫生检查' }] });
  });

  test('HOST picks the listen address; unset, the service listens on all interfaces', async () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    const config = { ...loadConfig({ HOST: '127.0.0.1', NODE_ENV: 'test' }), database: server.config.database };
    const app = await startApp(createServices(config, server.dataSource, randomBytes(32).toString('hex')), { port: 0 });
    try {
      const address = app.httpServer.address();
      expect(typeof address === 'object' && address ? address.address : null).toBe('127.0.0.1');
    } finally {
      await app.stop();
    }
  });
});
