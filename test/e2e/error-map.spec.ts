import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * One error map for every channel (src/errors/error-map.ts): a unique-key violation that a check-then-insert race
 * lets through reaches the client as CONFLICT, not as a masked INTERNAL_SERVER_ERROR, and writes nothing twice.
 */
describe('error map', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demo: false });
  });
  afterAll(() => server?.close());

  it('answers 12 racing userCreate with one username: one created, 11 CONFLICT, no internal error, one row', async () => {
    const create = `mutation($input: UserCreateInput!) { userCreate(input: $input) { user { id username } } }`;
    const results = await Promise.all(
      Array.from({ length: 12 }, () => gql(server.url, create, { input: { username: 'racer', password: 'a-long-password-1', role: 'VIEWER' } }, server.adminToken)),
    );
    const codes = results.map((r) => (r.data?.userCreate ? 'OK' : r.errors?.[0]?.extensions?.code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(11);
    const [{ n }] = await server.dataSource.query("SELECT COUNT(*) AS n FROM app_user WHERE username = 'racer'");
    expect(Number(n)).toBe(1);
  });
});
