import { format } from 'node:util';
import { startTestServer, TestServer } from '../utils/test-server';

/**
 * Whatever a client sends, an error answers JSON `{error: {code, message}}`: no HTML page, no stack, no file path,
 * in development and production alike; and nothing the client sent (a password in a broken JSON body, a bearer
 * token) is ever written to the log.
 */
describe.each(['development', 'production'])('error responses with NODE_ENV=%s', (nodeEnv) => {
  let server: TestServer;
  let base: string;
  const logged: string[] = [];
  const restore: Array<() => void> = [];
  const password = 'Hunter2-Secret-Password';
  const token = 'eyJhbGciOiJIUzI1NiJ9.leaked-token-text.signature';

  beforeAll(async () => {
    // Express reads NODE_ENV when the app is made; the service logs at info outside tests.
    const previous = { env: process.env.NODE_ENV, level: process.env.LOG_LEVEL };
    process.env.NODE_ENV = nodeEnv;
    process.env.LOG_LEVEL = 'debug';
    restore.push(() => {
      process.env.NODE_ENV = previous.env;
      if (previous.level === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous.level;
    });
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    restore.push(() => (process.stderr.write = write));
    for (const method of ['error', 'warn', 'log', 'info'] as const) {
      // What the console would print: util.format shows an error's own properties (body-parser keeps the body on it).
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(format(...args)));
      restore.push(() => spy.mockRestore());
    }
    server = await startTestServer({ configure: (config) => ({ ...config, nodeEnv, limits: { ...config.limits, maxBodyBytes: 2_000 } }) });
    base = server.url.replace('/graphql', '');
  });
  afterAll(async () => {
    await server?.close();
    for (const undo of restore.reverse()) undo();
  });

  const expectJsonError = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    // No stack frames, no file paths, nothing of what was sent.
    expect(text).not.toMatch(/\bat \S+ \(|node_modules|\/work\/|\.ts:\d+|<html|<pre/i);
    expect(text).not.toContain(password);
    expect(text).not.toContain(token);
  };

  test('a malformed JSON body with a password in it', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: `{"query":"mutation { login(input: {username: \\"admin\\", password: \\"${password}\\"}) { token } }", oops`,
    });
    await expectJsonError(response, 400, 'BAD_USER_INPUT');
  });

  test('a body over GRAPHQL_MAX_BODY_BYTES', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ __typename }`, variables: { password, filler: 'x'.repeat(3_000) } }),
    });
    await expectJsonError(response, 413, 'TOO_LARGE');
  });

  test('an unknown Content-Encoding', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'x-bogus' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    await expectJsonError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('a malformed %-escape in the path, and an address nothing serves', async () => {
    await expectJsonError(await fetch(`${base}/screen/%E0%A4%A`), 400, 'BAD_USER_INPUT');
    await expectJsonError(await fetch(`${base}/no/such/page`), 404, 'NOT_FOUND');
    await expectJsonError(await fetch(`${base}/screen/not-a-task-force`), 404, 'NOT_FOUND');
  });

  test('nothing sent was logged', () => {
    const log = logged.join('\n');
    expect(log).not.toContain(password);
    expect(log).not.toContain(token);
  });
});
