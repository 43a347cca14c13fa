import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { SubgroupUnit, SubgroupUnitRole } from '../../src/domain/campaign/subgroup-unit.entity';
import { Problem, ProblemState } from '../../src/domain/problem/problem.entity';
import { Role, User, UserSubgroup } from '../../src/domain/user/user.entity';
import { AuthorizationFixture } from '../utils/authorization-fixtures';
import { gql, startTestServer, TestServer } from '../utils/test-server';

const transition = 'mutation($i: ProblemTransitionInput!) { problemTransition(input: $i) { problem { state } } }';
const assign = 'mutation($i: ProblemAssignInput!) { problemAssign(input: $i) { problem { state } } }';
const raise = 'mutation($i: ProblemRaiseInput!) { problemRaise(input: $i) { problem { id } } }';

/**
 * Closing a problem (销号) is the office's step: a leader, even of the problem's own subgroup, asks for it like the
 * unit does. A problem raised against a unit names its task force, and one bound to none (from before) cannot be
 * moved by a leader who covers the unit in some other campaign.
 */
describe('who closes problems, and problems bound to a task force', () => {
  let server: TestServer;
  let fx: AuthorizationFixture;
  beforeAll(async () => {
    server = await startTestServer();
    fx = await AuthorizationFixture.create(server);
  });
  afterAll(() => server?.close());

  const stateOf = async (id: number) => (await server.dataSource.manager.findOneByOrFail(Problem, { dbId: id })).state;

  test("the leader of the problem's own subgroup may not close it; the office (ADMIN) does", async () => {
    const id = await fx.problem('own', ProblemState.RESOLUTION_REQUESTED);
    const byLeader = await gql(server.url, transition, { i: { id: fx.gid('Problem', id), to: 'CLOSED', note: '已办结', expectedVersion: 1 } }, fx.principals.LEADER.token);
    expect(byLeader.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await stateOf(id)).toBe(ProblemState.RESOLUTION_REQUESTED);
    // The leader may still send it back (reject the request) or leave it for the office.
    const byAdmin = await gql(server.url, transition, { i: { id: fx.gid('Problem', id), to: 'CLOSED', note: '已办结', expectedVersion: 1 } }, fx.principals.ADMIN.token);
    expect(byAdmin.data!.problemTransition.problem.state).toBe('CLOSED');
  });

  test('a problem raised against a unit must name its task force', async () => {
    const before = await server.dataSource.manager.count(Problem);
    const unbound = await gql(server.url, raise, { i: { unitId: fx.gid('Unit', fx.units.own), title: '资金缺口' } }, fx.principals.REPORTER.token);
    expect(unbound.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.taskForceId' });
    expect(await server.dataSource.manager.count(Problem)).toBe(before);
    const bound = await gql(server.url, raise, { i: { unitId: fx.gid('Unit', fx.units.own), taskForceId: fx.gid('TaskForce', fx.taskForceId), title: '资金缺口' } }, fx.principals.REPORTER.token);
    expect(bound.errors).toBeUndefined();
  });

  test('a leader covering the unit in another campaign cannot move a problem bound to no task force', async () => {
    const manager = server.dataSource.manager;
    // Another campaign whose subgroup also covers the own unit, and its leader.
    const other = await fx.asAdmin<{ taskForceCreate: { taskForce: { id: string } } }>('mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }', {
      i: { name: '另一个方案', periodStart: '2020-01-01', periodEnd: '2035-12-31' },
    });
    const otherTaskForce = Number(Buffer.from(other.taskForceCreate.taskForce.id, 'base64url').toString('utf8').split(':')[1]);
    const group = await manager.save(Subgroup, manager.create(Subgroup, { taskForceId: otherTaskForce, name: '别的小组', leadUnitId: fx.units.own, position: 1 }));
    await manager.insert(SubgroupUnit, { subgroupId: group.dbId, unitId: fx.units.own, role: SubgroupUnitRole.COVERED, position: 0 });
    const outsider = await server.userToken('leader-elsewhere', Role.LEADER);
    const outsiderId = (await manager.findOneByOrFail(User, { username: 'leader-elsewhere' })).dbId;
    await manager.insert(UserSubgroup, { userId: outsiderId, subgroupId: group.dbId });

    // A problem of the own unit bound to no task force and no subgroup, as raises could leave them before.
    const inserted = await manager.insert(Problem, { taskForceId: null, subgroupId: null, projectId: null, unitId: fx.units.own, title: '旧问题', state: ProblemState.REPORTED, responsibleUnitId: null, version: 1 });
    const id = inserted.identifiers[0].dbId as number;
    const moved = await gql(server.url, transition, { i: { id: fx.gid('Problem', id), to: 'ASSIGNED', responsibleUnitId: fx.gid('Unit', fx.units.own), expectedVersion: 1 } }, outsider);
    expect(moved.errors![0].extensions!.code).toBe('FORBIDDEN');
    const assigned = await gql(server.url, assign, { i: { id: fx.gid('Problem', id), responsibleUnitId: fx.gid('Unit', fx.units.own), expectedVersion: 1 } }, outsider);
    expect(assigned.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await stateOf(id)).toBe(ProblemState.REPORTED);
    // The office can.
    const byAdmin = await gql(server.url, assign, { i: { id: fx.gid('Problem', id), responsibleUnitId: fx.gid('Unit', fx.units.own), expectedVersion: 1 } }, fx.principals.ADMIN.token);
    expect(byAdmin.data!.problemAssign.problem.state).toBe('ASSIGNED');
  });
});
