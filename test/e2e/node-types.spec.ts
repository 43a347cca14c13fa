import 'reflect-metadata';
import { toGlobalId } from '../../src/common/global-id';
import { RoleAssignment } from '../../src/domain/person/role-assignment.entity';
import { Role, User } from '../../src/domain/user/user.entity';
import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * User, ScreenToken and RoleAssignment implement Node: node(id:) resolves each with the rights of the list that
 * shows it (users: the office and the user itself; screen tokens: the office and the owner; roles: anyone signed in).
 */
describe('node(id:) for users, screen tokens and role assignments', () => {
  let server: TestServer;
  let adminId: string;
  let viewerToken: string;
  let viewerId: string;
  let adminScreenTokenId: string;
  let screenSecret: string;
  let roleId: string;

  const nodeQuery = `query($id: ID!) { node(id: $id) { __typename id
    ... on User { username role }
    ... on ScreenToken { name }
    ... on RoleAssignment { roleWord: role person { name } } } }`;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const manager = server.dataSource.manager;
    adminId = toGlobalId('User', (await manager.findOneByOrFail(User, { username: 'admin' })).dbId);
    viewerToken = await server.userToken('node-viewer', Role.VIEWER);
    viewerId = toGlobalId('User', (await manager.findOneByOrFail(User, { username: 'node-viewer' })).dbId);
    const created = await gql(server.url, 'mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token screenToken { id } } }', { i: { name: '办公室大屏' } }, server.adminToken);
    expect(created.errors).toBeUndefined();
    adminScreenTokenId = created.data!.screenTokenCreate.screenToken.id;
    screenSecret = created.data!.screenTokenCreate.token;
    const role = await manager.findOneOrFail(RoleAssignment, { where: {}, order: { dbId: 'ASC' }, relations: { person: true } });
    roleId = toGlobalId('RoleAssignment', role.dbId);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  test('the office resolves each of them, and the id round-trips', async () => {
    const user = await gql(server.url, nodeQuery, { id: adminId }, server.adminToken);
    expect(user.data!.node).toEqual({ __typename: 'User', id: adminId, username: 'admin', role: 'ADMIN' });
    const token = await gql(server.url, nodeQuery, { id: adminScreenTokenId }, server.adminToken);
    expect(token.data!.node).toEqual({ __typename: 'ScreenToken', id: adminScreenTokenId, name: '办公室大屏' });
    const role = await gql(server.url, nodeQuery, { id: roleId }, server.adminToken);
    expect(role.data!.node).toMatchObject({ __typename: 'RoleAssignment', id: roleId });
    const stored = await server.dataSource.manager.findOneOrFail(RoleAssignment, { where: { dbId: Number(Buffer.from(roleId, 'base64url').toString().split(':')[1]) }, relations: { person: true } });
    expect(role.data!.node.roleWord).toBe(stored.role);
    expect(role.data!.node.person.name).toBe(stored.person!.name);
  });

  test('anyone else reads itself and the roles, not other users or their tokens', async () => {
    const self = await gql(server.url, nodeQuery, { id: viewerId }, viewerToken);
    expect(self.data!.node).toMatchObject({ __typename: 'User', username: 'node-viewer', role: 'VIEWER' });
    const other = await gql(server.url, nodeQuery, { id: adminId }, viewerToken);
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
    const token = await gql(server.url, nodeQuery, { id: adminScreenTokenId }, viewerToken);
    expect(token.errors![0].extensions!.code).toBe('FORBIDDEN');
    const role = await gql(server.url, nodeQuery, { id: roleId }, viewerToken);
    expect(role.errors).toBeUndefined();
    expect(role.data!.node.__typename).toBe('RoleAssignment');
  });

  test('a screen token reads no users or tokens; unknown ids are null', async () => {
    const user = await gql(server.url, nodeQuery, { id: adminId }, screenSecret);
    expect(user.errors![0].extensions!.code).toBe('FORBIDDEN');
    const token = await gql(server.url, nodeQuery, { id: adminScreenTokenId }, screenSecret);
    expect(token.errors![0].extensions!.code).toBe('FORBIDDEN');
    for (const id of [toGlobalId('User', 999_999), toGlobalId('ScreenToken', 999_999), toGlobalId('RoleAssignment', 999_999)]) {
      const missing = await gql(server.url, nodeQuery, { id }, server.adminToken);
      expect(missing.errors).toBeUndefined();
      expect(missing.data!.node).toBeNull();
    }
  });
});
