import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * The HTTP path bounds the parser as the socket does (tokens, variable definitions), and a caller without a valid
 * token gets nothing but `login` and introspection: any other document is refused before it is validated, so an
 * anonymous client cannot make the service validate a large document.
 */
describe('documents from callers without a token, and the parser bounds', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  test('60,000 unused variable definitions are refused at the token bound with one error, not validated', async () => {
    const definitions = Array.from({ length: 60_000 }, (_, i) => `$v${i}: Int`).join(' ');
    const result = await gql(server.url, `query Q(${definitions}) { __typename }`);
    expect(result.status).toBe(400);
    // Validation would have reported each of the 60,000 unused variables; the parser stops at token 5,001.
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].message).toMatch(/Document contains more tha[nt] 5000 tokens/);
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  test('a document with 600 unused fragments and no token is UNAUTHENTICATED (401), not a validation report', async () => {
    // Each fragment is 7 tokens: 600 of them and the operation stay under 5,000 tokens.
    const fragments = Array.from({ length: 600 }, (_, i) => `fragment F${i} on Query { __typename }`).join(' ');
    const result = await gql(server.url, `{ taskForces { id } } ${fragments}`);
    expect(result.status).toBe(401);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeUndefined();

    // A field that does not exist is refused the same way: nothing about the schema is checked for an anonymous caller.
    const unknown = await gql(server.url, '{ noSuchField(x: 1) { y } }');
    expect(unknown.status).toBe(401);
    expect(unknown.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // So is a wrong token.
    const forged = await gql(server.url, '{ taskForces { id } }', {}, 'not-a-token');
    expect(forged.status).toBe(401);
  });

  test('login still works without a token; introspection needs one unless GRAPHQL_PUBLIC_INTROSPECTION=true', async () => {
    const schema = await gql(server.url, '{ __schema { queryType { name } } }');
    expect(schema.status).toBe(401);
    expect(schema.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const token = await server.login('admin', 'pw-admin-secret');
    const me = await gql(server.url, '{ taskForces { id } }', {}, token);
    expect(me.status).toBe(200);
    expect(me.data).toEqual({ taskForces: [] });
  });

  test('a signed-in document may define at most 100 variables and hold at most 5,000 tokens', async () => {
    // Every variable is used (on __typename, which merges), so the document is valid apart from the bound.
    const withVariables = (n: number) => {
      const names = Array.from({ length: n }, (_, i) => `v${i}`);
      const query = `query(${names.map((v) => `$${v}: Boolean!`).join(' ')}) { ${names.map((v) => `__typename @include(if: $${v})`).join(' ')} }`;
      return gql(server.url, query, Object.fromEntries(names.map((v) => [v, true])), server.adminToken);
    };
    const hundred = await withVariables(100);
    expect(hundred.status).toBe(200);
    expect(hundred.data).toEqual({ __typename: 'Query' });
    const tooMany = await withVariables(101);
    expect(tooMany.status).toBe(400);
    expect(tooMany.errors![0].message).toBe('The document defines 101 variables; at most 100 are allowed.');

    // `{`, 4,999 × `__typename`, `}` is 5,001 tokens plus the end of the document.
    const long = await gql(server.url, `{ ${'__typename '.repeat(4_999)}}`, {}, server.adminToken);
    expect(long.status).toBe(400);
    expect(long.errors![0].message).toMatch(/Document contains more tha[nt] 5000 tokens/);
    // 700 inline fragments of 6 tokens each: 4,202 tokens, under the bound.
    const fits = await gql(server.url, `{ ${'... on Query { __typename } '.repeat(700)}}`, {}, server.adminToken);
    expect(fits.errors).toBeUndefined();
    expect(fits.status).toBe(200);
    expect(fits.data).toEqual({ __typename: 'Query' });
  });
});
