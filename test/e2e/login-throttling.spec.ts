import { Role } from '../../src/domain/user/user.entity';
import { startTestServer, TestServer } from '../utils/test-server';

const loginMutation = 'mutation($i: LoginInput!) { login(input: $i) { token } }';

interface LoginAnswer {
  status: number;
  retryAfter: string | null;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  token?: string;
  ms: number;
}

/** Signs in over HTTP, optionally as if through a proxy that says the client is `forwardedFor`. */
async function loginFrom(server: TestServer, username: string, password: string, forwardedFor?: string): Promise<LoginAnswer> {
  const started = performance.now();
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ query: loginMutation, variables: { i: { username, password } } }),
  });
  const body = (await response.json()) as { data?: { login: { token: string } | null }; errors?: Array<{ message: string; extensions: Record<string, any> }> };
  const error = body.errors?.[0];
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: error?.extensions.code,
    message: error?.message,
    retryAfterSeconds: error?.extensions.retryAfterSeconds,
    token: body.data?.login?.token,
    ms: performance.now() - started,
  };
}

/**
 * Nobody can lock the office out: failed sign-ins are counted per source address and per (account, source), so
 * twenty-four wrong passwords for `admin` from one address refuse that address (429 RATE_LIMITED, Retry-After)
 * while the admin signs in from another; spraying many names from one address stops at its limit; an account
 * attacked from many addresses is only slowed down. X-Forwarded-For counts only when TRUST_PROXY says so.
 */
describe('login throttling behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      configure: (config) => ({ ...config, trustProxy: 'loopback', login: { windowMinutes: 15, maxFailuresPerSource: 50, maxFailuresPerAccountSource: 5, slowAccountAfter: 30 } }),
    });
  });
  afterAll(() => server?.close());

  test('24 wrong passwords for admin from one address refuse that address only; the admin signs in from another', async () => {
    const answers: LoginAnswer[] = [];
    for (let i = 0; i < 24; i += 1) answers.push(await loginFrom(server, 'admin', `guess-${i}`, '203.0.113.7'));
    for (const answer of answers.slice(0, 5)) {
      expect(answer.status).toBe(200);
      expect(answer.code).toBe('UNAUTHENTICATED');
    }
    for (const answer of answers.slice(5)) {
      expect(answer.status).toBe(429);
      expect(answer.code).toBe('RATE_LIMITED');
      // The window is 15 minutes = 900 seconds, opened by the first failure a moment ago.
      expect(Number(answer.retryAfter)).toBeGreaterThan(800);
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(900);
      expect(answer.retryAfterSeconds).toBe(Number(answer.retryAfter));
    }
    // The attacker's address stays refused, even with the right password.
    expect((await loginFrom(server, 'admin', 'pw-admin-secret', '203.0.113.7')).code).toBe('RATE_LIMITED');
    // The office, elsewhere, signs in.
    const office = await loginFrom(server, 'admin', 'pw-admin-secret', '198.51.100.9');
    expect(office.status).toBe(200);
    expect(office.code).toBeUndefined();
    expect(office.token).toEqual(expect.any(String));
  });

  test('spraying 50 names from one address: the 51st attempt is refused whatever the name, another address is not', async () => {
    await server.userToken('spray-target', Role.VIEWER);
    for (let i = 0; i < 50; i += 1) {
      const answer = await loginFrom(server, i === 0 ? 'admin' : `sprayed-name-${i}`, `Password${i}!`, '203.0.113.50');
      expect([answer.status, answer.code, i]).toEqual([200, 'UNAUTHENTICATED', i]);
    }
    const refused = await loginFrom(server, 'spray-target', 'pw-spray-target-secret', '203.0.113.50');
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('RATE_LIMITED');
    const elsewhere = await loginFrom(server, 'spray-target', 'pw-spray-target-secret', '203.0.113.51');
    expect(elsewhere.token).toEqual(expect.any(String));
  });

  test('an account failed 30 times from many addresses is slowed down (about a second an attempt), never locked', async () => {
    await server.userToken('many-sources', Role.VIEWER);
    // Three failures from each of ten addresses: no pair reaches five, the account reaches 30.
    for (let source = 0; source < 10; source += 1) {
      for (let i = 0; i < 3; i += 1) expect((await loginFrom(server, 'many-sources', `wrong-${i}`, `192.0.2.${source + 1}`)).code).toBe('UNAUTHENTICATED');
    }
    const slowed = await loginFrom(server, 'many-sources', 'pw-many-sources-secret', '192.0.2.200');
    expect(slowed.token).toEqual(expect.any(String));
    expect(slowed.ms).toBeGreaterThanOrEqual(1000);
  });
});

describe('login throttling without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  test('X-Forwarded-For is ignored: changing it on every attempt does not escape the (account, source) limit', async () => {
    await server.userToken('xff-target', Role.VIEWER);
    for (let i = 0; i < 5; i += 1) expect((await loginFrom(server, 'xff-target', `wrong-${i}`, `203.0.113.${100 + i}`)).code).toBe('UNAUTHENTICATED');
    const sixth = await loginFrom(server, 'xff-target', 'pw-xff-target-secret', '203.0.113.199');
    expect(sixth.status).toBe(429);
    expect(sixth.code).toBe('RATE_LIMITED');
    expect(Number(sixth.retryAfter)).toBeGreaterThan(0);
  });
});
