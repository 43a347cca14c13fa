import { Role } from '../../src/domain/user/user.entity';
import { startTestServer, TestServer } from '../utils/test-server';

const passwordChange = 'mutation($i: PasswordChangeInput!) { passwordChange(input: $i) { token } }';
const loginMutation = 'mutation($i: LoginInput!) { login(input: $i) { token } }';

async function post(server: TestServer, query: string, variables: Record<string, unknown>, from: string, token?: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, { token: string } | null>; errors?: Array<{ extensions: Record<string, unknown> }> };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions.code, data: body.data };
}

/**
 * A stolen token cannot guess its user's password through passwordChange: a wrong currentPassword counts like a
 * failed sign-in for the (account, source) pair, so the sixth guess from one address is RATE_LIMITED, even the
 * right one, and the password stays as it was.
 */
describe('passwordChange counts wrong current passwords like failed sign-ins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ configure: (config) => ({ ...config, trustProxy: 'loopback' }) });
  });
  afterAll(() => server?.close());

  test('five wrong guesses with a stolen token, then the right password is refused and nothing changes', async () => {
    const stolen = await server.userToken('victim', Role.REPORTER);
    for (let i = 0; i < 5; i += 1) {
      const guess = await post(server, passwordChange, { i: { currentPassword: `guess-${i}-password`, newPassword: 'attacker-owns-it-now' } }, '203.0.113.66', stolen);
      expect(guess.code).toBe('UNAUTHENTICATED');
    }
    const right = await post(server, passwordChange, { i: { currentPassword: 'pw-victim-secret', newPassword: 'attacker-owns-it-now' } }, '203.0.113.66', stolen);
    expect(right.status).toBe(429);
    expect(right.code).toBe('RATE_LIMITED');
    expect(Number(right.retryAfter)).toBeGreaterThan(0);
    expect(right.data?.passwordChange ?? null).toBeNull();
    // Sign-in from that address is refused for the account as well: the two count together.
    expect((await post(server, loginMutation, { i: { username: 'victim', password: 'pw-victim-secret' } }, '203.0.113.66')).code).toBe('RATE_LIMITED');
    // The owner, elsewhere, still signs in with the old password; the attacker's never took.
    const owner = await post(server, loginMutation, { i: { username: 'victim', password: 'pw-victim-secret' } }, '198.51.100.20');
    expect(owner.data?.login?.token).toEqual(expect.any(String));
    expect((await post(server, loginMutation, { i: { username: 'victim', password: 'attacker-owns-it-now' } }, '198.51.100.21')).code).toBe('UNAUTHENTICATED');
  });

  test('failed sign-ins count towards passwordChange from the same address', async () => {
    const token = await server.userToken('victim-two', Role.VIEWER);
    for (let i = 0; i < 5; i += 1) expect((await post(server, loginMutation, { i: { username: 'victim-two', password: `wrong-${i}` } }, '203.0.113.67')).code).toBe('UNAUTHENTICATED');
    const change = await post(server, passwordChange, { i: { currentPassword: 'pw-victim-two-secret', newPassword: 'a-new-password-2' } }, '203.0.113.67', token);
    expect(change.code).toBe('RATE_LIMITED');
    // From another address the owner changes it.
    const elsewhere = await post(server, passwordChange, { i: { currentPassword: 'pw-victim-two-secret', newPassword: 'a-new-password-2' } }, '198.51.100.22', token);
    expect(elsewhere.data?.passwordChange?.token).toEqual(expect.any(String));
  });
});
