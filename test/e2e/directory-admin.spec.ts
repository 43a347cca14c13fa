import { toGlobalId } from '../../src/common/global-id';
import { ChangeEvent } from '../../src/domain/change/change-event.entity';
import { Problem } from '../../src/domain/problem/problem.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Role } from '../../src/domain/user/user.entity';
import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * The leading-group office keeps the directory: units, subgroups and who holds which role. Each write takes the
 * version it read, lands in the change log, and a subgroup's coverage decides where its units' projects roll up.
 */
describe('directory administration', () => {
  let server: TestServer;
  let taskForceId: string;

  const run = (query: string, variables: Record<string, unknown> = {}, token = server.adminToken) => gql(server.url, query, variables, token);
  const unitCreate = `mutation($i: UnitCreateInput!) { unitCreate(input: $i) { unit { id name region kind version } } }`;
  const unitUpdate = `mutation($i: UnitUpdateInput!) { unitUpdate(input: $i) { unit { id name version } } }`;
  const subgroupCreate = `mutation($i: SubgroupCreateInput!) { subgroupCreate(input: $i) { subgroup { id name version } } }`;
  const subgroupUpdate = `mutation($i: SubgroupUpdateInput!) { subgroupUpdate(input: $i) { subgroup { id name version } } }`;
  const projectCreate = `mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id version subgroup { id } unit { id } } } }`;

  async function newUnit(name: string): Promise<string> {
    const result = await run(unitCreate, { i: { name, region: '测试市', kind: 'COUNTY' } });
    expect(result.errors).toBeUndefined();
    return result.data!.unitCreate.unit.id;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const created = await run(`mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }`, {
      i: { name: '测试攻坚行动', periodStart: '2021-01-01', periodEnd: '2021-12-31' },
    });
    taskForceId = created.data!.taskForceCreate.taskForce.id;
  });
  afterAll(() => server.close());

  test('a unit is created once per region and name; renames need the current version', async () => {
    const result = await run(unitCreate, { i: { name: '甲县', region: '测试市', kind: 'COUNTY' } });
    expect(result.data!.unitCreate.unit).toMatchObject({ name: '甲县', region: '测试市', kind: 'COUNTY', version: 1 });
    const id = result.data!.unitCreate.unit.id;

    const again = await run(unitCreate, { i: { name: '甲县', region: '测试市', kind: 'COUNTY' } });
    expect(again.errors![0].extensions!.code).toBe('CONFLICT');
    // Same name in another region is another unit.
    expect((await run(unitCreate, { i: { name: '甲县', region: '别市', kind: 'COUNTY' } })).errors).toBeUndefined();

    const renamed = await run(unitUpdate, { i: { id, expectedVersion: 1, name: '甲县人民政府' } });
    expect(renamed.data!.unitUpdate.unit).toEqual({ id, name: '甲县人民政府', version: 2 });
    const stale = await run(unitUpdate, { i: { id, expectedVersion: 1, name: '又一个名字' } });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 });

    // The search index follows the new name, in either script.
    const found = await run(`query { units(search: "甲縣人民") { name } }`);
    expect(found.data!.units.map((u: { name: string }) => u.name)).toEqual(['甲县人民政府']);
  });

  test('coverage decides a project\'s subgroup, and a coverage change moves the projects with a logged event on both sides', async () => {
    const unitA = await newUnit('乙县');
    const unitB = await newUnit('丙区');
    const first = await run(subgroupCreate, { i: { taskForceId, name: '第一推进组', coveredUnitIds: [unitA] } });
    const second = await run(subgroupCreate, { i: { taskForceId, name: '第二推进组', coveredUnitIds: [unitB] } });
    const firstId = first.data!.subgroupCreate.subgroup.id;
    const secondId = second.data!.subgroupCreate.subgroup.id;

    const project = await run(projectCreate, { i: { taskForceId, code: 'T-001', name: '测试项目', unitId: unitA, totalInvestment: 1000 } });
    expect(project.errors).toBeUndefined();
    expect(project.data!.projectCreate.project.subgroup).toEqual({ id: firstId });
    const projectId: string = project.data!.projectCreate.project.id;

    const problem = await run(`mutation($i: ProblemRaiseInput!) { problemRaise(input: $i) { problem { id } } }`, { i: { projectId, title: '征地' } });
    const problemDbId = Number(Buffer.from(problem.data!.problemRaise.problem.id, 'base64url').toString().split(':')[1]);

    // Move 乙县 from the first subgroup to the second: the project follows, its version rises by one.
    expect((await run(subgroupUpdate, { i: { id: firstId, expectedVersion: 1, coveredUnitIds: [] } })).errors).toBeUndefined();
    const moved = await run(subgroupUpdate, { i: { id: secondId, expectedVersion: 1, coveredUnitIds: [unitB, unitA] } });
    expect(moved.data!.subgroupUpdate.subgroup.version).toBe(2);
    const after = await run(`query($id: ID!) { node(id: $id) { ... on Project { version subgroup { id } } } }`, { id: projectId });
    // Version 1 at creation, +1 when the first subgroup let go (subgroup → none), +1 when the second took it.
    expect(after.data!.node).toEqual({ version: 3, subgroup: { id: secondId } });

    const dbId = Number(Buffer.from(projectId, 'base64url').toString().split(':')[1]);
    const events = await server.dataSource.manager.find(ChangeEvent, { where: { entity: 'Project', entityId: toGlobalId('Project', dbId) }, order: { seq: 'ASC' } });
    expect(events.map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'MOVE_OUT', 'UPDATE']);
    const firstDbId = Number(Buffer.from(firstId, 'base64url').toString().split(':')[1]);
    const secondDbId = Number(Buffer.from(secondId, 'base64url').toString().split(':')[1]);
    // The MOVE_OUT is filed under the subgroup it left; the last UPDATE under the one it joined.
    expect(events[2].subgroupId).toBe(firstDbId);
    expect(events[3].subgroupId).toBe(secondDbId);
    const row = await server.dataSource.manager.findOneByOrFail(Project, { dbId });
    expect(row.subgroupExplicit).toBe(false);
    // The project's problem moved with it, so the new subgroup's leaders follow it up.
    expect((await server.dataSource.manager.findOneByOrFail(Problem, { dbId: problemDbId })).subgroupId).toBe(secondDbId);
  });

  test('a project moved to another unit takes its problems along', async () => {
    const from = await newUnit('己县');
    const to = await newUnit('庚县');
    const project = await run(projectCreate, { i: { taskForceId, code: 'M-001', name: '搬迁项目', unitId: from } });
    const projectId = project.data!.projectCreate.project.id;
    const problem = await run(`mutation($i: ProblemRaiseInput!) { problemRaise(input: $i) { problem { id } } }`, { i: { projectId, title: '资金' } });
    const moved = await run(`mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { unit { id } } } }`, { i: { id: projectId, expectedVersion: 1, unitId: to } });
    expect(moved.data!.projectUpdate.project.unit).toEqual({ id: to });
    const problemDbId = Number(Buffer.from(problem.data!.problemRaise.problem.id, 'base64url').toString().split(':')[1]);
    const toDbId = Number(Buffer.from(to, 'base64url').toString().split(':')[1]);
    expect((await server.dataSource.manager.findOneByOrFail(Problem, { dbId: problemDbId })).unitId).toBe(toDbId);
  });

  test('a reshuffle ends one role assignment and starts another; dates must be ordered', async () => {
    const subgroup = await run(subgroupCreate, { i: { taskForceId, name: '第三推进组' } });
    const subgroupId = subgroup.data!.subgroupCreate.subgroup.id;
    const person = await run(`mutation($i: PersonCreateInput!) { personCreate(input: $i) { person { id name title version } } }`, { i: { name: '张三', title: '副市长' } });
    const personId = person.data!.personCreate.person.id;

    const assign = `mutation($i: RoleAssignmentCreateInput!) { roleAssignmentCreate(input: $i) { roleAssignment { id role kind since until version } } }`;
    const created = await run(assign, { i: { personId, subgroupId, role: '副組長', since: '2021-01-01' } });
    // 副組長 (Traditional) is a deputy.
    expect(created.data!.roleAssignmentCreate.roleAssignment).toMatchObject({ role: '副組長', kind: 'DEPUTY', since: '2021-01-01', until: null, version: 1 });
    const assignmentId = created.data!.roleAssignmentCreate.roleAssignment.id;

    const update = `mutation($i: RoleAssignmentUpdateInput!) { roleAssignmentUpdate(input: $i) { roleAssignment { until version } } }`;
    const backwards = await run(update, { i: { id: assignmentId, expectedVersion: 1, until: '2020-12-31' } });
    expect(backwards.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.until' });
    const ended = await run(update, { i: { id: assignmentId, expectedVersion: 1, until: '2021-06-30' } });
    expect(ended.data!.roleAssignmentUpdate.roleAssignment).toEqual({ until: '2021-06-30', version: 2 });

    const both = await run(assign, { i: { personId, subgroupId, taskForceId, role: '组长' } });
    expect(both.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const missing = await run(assign, { i: { personId: toGlobalId('Person', 999_999), subgroupId, role: '组长' } });
    expect(missing.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.personId' });

    const roles = await run(`query($id: ID!) { node(id: $id) { ... on Subgroup { members { role until person { name } } } } }`, { id: subgroupId });
    expect(roles.data!.node.members).toEqual([{ role: '副組長', until: '2021-06-30', person: { name: '张三' } }]);
  });

  test('only an ADMIN keeps the directory', async () => {
    const reporter = await server.userToken('directory-reporter', Role.REPORTER, null);
    const viewer = await server.userToken('directory-viewer', Role.VIEWER);
    for (const token of [reporter, viewer]) {
      const result = await run(unitCreate, { i: { name: '丁县', region: '测试市', kind: 'COUNTY' } }, token);
      expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
    }
    expect((await run(`query { units(search: "丁县") { id } }`)).data!.units).toEqual([]);
  });

  test('a leader writes problems only in the subgroups it leads, not where another campaign covers the same unit', async () => {
    // One unit covered by a subgroup in each of two task forces; the leader leads only the first subgroup.
    const other = await run(`mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }`, {
      i: { name: '另一攻坚行动', periodStart: '2021-01-01', periodEnd: '2021-12-31' },
    });
    const otherTaskForceId = other.data!.taskForceCreate.taskForce.id;
    const unit = await newUnit('戊县');
    const mine = await run(subgroupCreate, { i: { taskForceId, name: '戊县推进组', coveredUnitIds: [unit] } });
    const theirs = await run(subgroupCreate, { i: { taskForceId: otherTaskForceId, name: '戊县另一推进组', coveredUnitIds: [unit] } });
    const mineId = mine.data!.subgroupCreate.subgroup.id;
    expect(theirs.errors).toBeUndefined();
    const projectIn = async (tf: string, code: string) => (await run(projectCreate, { i: { taskForceId: tf, code, name: code, unitId: unit } })).data!.projectCreate.project.id as string;
    const myProject = await projectIn(taskForceId, 'W-1');
    const theirProject = await projectIn(otherTaskForceId, 'W-2');

    await run(`mutation($i: UserCreateInput!) { userCreate(input: $i) { user { id } } }`, {
      i: { username: 'wu-leader', password: 'leader-password-1', role: 'LEADER', subgroupIds: [mineId] },
    });
    const leader = await server.login('wu-leader', 'leader-password-1');
    const raise = (i: Record<string, unknown>) => run(`mutation($i: ProblemRaiseInput!) { problemRaise(input: $i) { problem { id } } }`, { i: { title: '用地', ...i } }, leader);

    expect((await raise({ projectId: myProject })).errors).toBeUndefined();
    expect((await raise({ projectId: theirProject })).errors![0].extensions!.code).toBe('FORBIDDEN');
    // A unit-level problem is judged by the unit's coverage in the problem's own task force.
    expect((await raise({ unitId: unit, taskForceId })).errors).toBeUndefined();
    expect((await raise({ unitId: unit, taskForceId: otherTaskForceId })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
