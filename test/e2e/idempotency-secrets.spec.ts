import { toGlobalId } from '../../src/common/global-id';
import { Role, User } from '../../src/domain/user/user.entity';
import { gql, startTestServer, TestServer } from '../utils/test-server';

const passwordReset = 'mutation($i: PasswordResetInput!) { passwordReset(input: $i) { temporaryPassword user { username } } }';
const screenTokenCreate = 'mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token screenToken { name } } }';
const passwordChange = 'mutation($i: PasswordChangeInput!) { passwordChange(input: $i) { secret: token } }';

/**
 * Idempotency keys belong to the credential that sent them: a screen token of the admin cannot replay the admin's
 * passwordReset and read the temporary password. And no secret is kept for a replay: the record holds a null where
 * a temporary password or a token was, and the replay says it was issued (an error at its path), without it.
 */
describe('idempotency keys are bound to the credential and keep no secrets', () => {
  let server: TestServer;
  let adminScreenToken: string;
  beforeAll(async () => {
    server = await startTestServer();
    adminScreenToken = (await gql(server.url, screenTokenCreate, { i: { name: '管理员的大屏' } }, server.adminToken)).data!.screenTokenCreate.token;
  });
  afterAll(() => server?.close());

  async function post(query: string, variables: Record<string, unknown>, token: string, key: string) {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    return { replayed: response.headers.get('idempotent-replayed'), text, body: JSON.parse(text) as { data?: Record<string, any>; errors?: Array<{ path?: Array<string | number>; extensions: Record<string, unknown> }> } };
  }

  async function keptResults(): Promise<string> {
    const rows: Array<{ result: string }> = await server.dataSource.query('SELECT result FROM idempotency_record');
    return rows.map((r) => r.result).join('\n');
  }

  test("a screen token of the admin cannot replay the admin's passwordReset key; the replay to the admin has no password", async () => {
    await server.userToken('reset-target', Role.REPORTER);
    const target = await server.dataSource.manager.findOneByOrFail(User, { username: 'reset-target' });
    const variables = { i: { userId: toGlobalId('User', target.dbId) } };
    const first = await post(passwordReset, variables, server.adminToken, 'reset-key-0001');
    const temporaryPassword: string = first.body.data!.passwordReset.temporaryPassword;
    expect(temporaryPassword).toMatch(/^\S{12,}$/);

    // The attack: the same key and request from another credential of the same user.
    const stolen = await post(passwordReset, variables, adminScreenToken, 'reset-key-0001');
    expect(stolen.replayed).toBeNull();
    expect(stolen.text).not.toContain(temporaryPassword);
    expect(stolen.body.errors![0].extensions.code).toBe('FORBIDDEN');

    // The admin's own retry replays, without the secret, and says why.
    const retry = await post(passwordReset, variables, server.adminToken, 'reset-key-0001');
    expect(retry.replayed).toBe('true');
    expect(retry.text).not.toContain(temporaryPassword);
    expect(retry.body.data).toEqual({ passwordReset: { temporaryPassword: null, user: { username: 'reset-target' } } });
    expect(retry.body.errors).toEqual([
      expect.objectContaining({ path: ['passwordReset', 'temporaryPassword'], extensions: { code: 'CONFLICT', secretWithheld: true, firstRequestSucceeded: true } }),
    ]);
    // Nothing was reset again: the password the first response gave still signs in.
    expect(await server.login('reset-target', temporaryPassword)).toEqual(expect.any(String));
    expect(await keptResults()).not.toContain(temporaryPassword);
  });

  test('screen tokens and fresh bearer tokens (under any alias) are neither kept nor replayed', async () => {
    const created = await post(screenTokenCreate, { i: { name: '大屏二号' } }, server.adminToken, 'screen-key-0001');
    const screenToken: string = created.body.data!.screenTokenCreate.token;
    expect(screenToken.startsWith('scr_')).toBe(true);
    const retry = await post(screenTokenCreate, { i: { name: '大屏二号' } }, server.adminToken, 'screen-key-0001');
    expect(retry.replayed).toBe('true');
    expect(retry.body.data).toEqual({ screenTokenCreate: { token: null, screenToken: { name: '大屏二号' } } });
    expect(retry.body.errors![0].path).toEqual(['screenTokenCreate', 'token']);

    const own = await server.userToken('changes-password', Role.VIEWER);
    const changed = await post(passwordChange, { i: { currentPassword: 'pw-changes-password-secret', newPassword: 'another-password-1' } }, own, 'change-key-0001');
    const fresh: string = changed.body.data!.passwordChange.secret;
    expect(fresh.split('.')).toHaveLength(3);

    const kept = await keptResults();
    expect(kept).not.toContain(screenToken);
    expect(kept).not.toContain(fresh);
    // The secrets still work: they were issued, only not kept.
    expect((await gql(server.url, '{ taskForces { id } }', {}, screenToken)).data).toEqual({ taskForces: [] });
    expect((await gql(server.url, '{ taskForces { id } }', {}, fresh)).data).toEqual({ taskForces: [] });
  });
});
