import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { SubgroupUnit, SubgroupUnitRole } from '../../src/domain/campaign/subgroup-unit.entity';
import { Problem } from '../../src/domain/problem/problem.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { AuthorizationFixture } from '../utils/authorization-fixtures';
import { gql, startTestServer, TestServer } from '../utils/test-server';

const projectCreate = 'mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id } } }';
const problemRaise = 'mutation($i: ProblemRaiseInput!) { problemRaise(input: $i) { problem { id } } }';

/**
 * A reporter writes only in campaigns its unit takes part in (a subgroup there covers or leads the unit, or the
 * unit already carries projects there): it cannot plant a project with a huge figure at the top of another
 * campaign's ranking, raise a problem there, or do either through an import.
 */
describe("a reporter stays inside its unit's campaigns", () => {
  let server: TestServer;
  let fx: AuthorizationFixture;
  let foreign: number;
  let carrying: number;
  let reporter: string;
  let ownUnit: string;

  const createTaskForce = async (name: string) => {
    const created = await fx.asAdmin<{ taskForceCreate: { taskForce: { id: string } } }>('mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }', {
      i: { name, periodStart: '2020-01-01', periodEnd: '2035-12-31' },
    });
    return Number(Buffer.from(created.taskForceCreate.taskForce.id, 'base64url').toString('utf8').split(':')[1]);
  };

  beforeAll(async () => {
    server = await startTestServer();
    fx = await AuthorizationFixture.create(server);
    reporter = fx.principals.REPORTER.token!;
    ownUnit = fx.gid('Unit', fx.units.own);
    const manager = server.dataSource.manager;
    // 大同's campaign: its one subgroup covers a unit of its own, not the reporter's.
    foreign = await createTaskForce('大同方案');
    const datong = await manager.save(Unit, manager.create(Unit, { name: '大同县', region: '大同市', kind: UnitKind.COUNTY, searchText: '大同县' }));
    const group = await manager.save(Subgroup, manager.create(Subgroup, { taskForceId: foreign, name: '大同推进组', leadUnitId: datong.dbId, position: 1 }));
    await manager.insert(SubgroupUnit, { subgroupId: group.dbId, unitId: datong.dbId, role: SubgroupUnitRole.COVERED, position: 0 });
    // A campaign with no subgroup covering the reporter's unit, but where the office already put one of its projects.
    carrying = await createTaskForce('已有项目的方案');
    await manager.insert(Project, { code: 'C-1', name: '已有项目', taskForceId: carrying, unitId: fx.units.own, subgroupId: null, subgroupExplicit: false, searchText: 'c-1' });
  });
  afterAll(() => server?.close());

  const projectsIn = (taskForceId: number) => server.dataSource.manager.count(Project, { where: { taskForceId } });

  test('projectCreate in a campaign the unit takes no part in is FORBIDDEN and writes nothing', async () => {
    const attack = await gql(server.url, projectCreate, { i: { taskForceId: fx.gid('TaskForce', foreign), unitId: ownUnit, code: 'X-1', name: '外来项目', ytdCompletedInvestment: 99_999_999_999 } }, reporter);
    expect(attack.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await projectsIn(foreign)).toBe(0);
    // Where a subgroup covers the unit, and where the unit already carries projects, it may.
    const covered = await gql(server.url, projectCreate, { i: { taskForceId: fx.gid('TaskForce', fx.taskForceId), unitId: ownUnit, code: 'OK-1', name: '本方案项目' } }, reporter);
    expect(covered.errors).toBeUndefined();
    const carried = await gql(server.url, projectCreate, { i: { taskForceId: fx.gid('TaskForce', carrying), unitId: ownUnit, code: 'C-2', name: '再建一个' } }, reporter);
    expect(carried.errors).toBeUndefined();
    expect(await projectsIn(carrying)).toBe(2);
  });

  test('a unit-level problemRaise into that campaign is FORBIDDEN', async () => {
    const before = await server.dataSource.manager.count(Problem);
    const attack = await gql(server.url, problemRaise, { i: { unitId: ownUnit, taskForceId: fx.gid('TaskForce', foreign), title: '外来问题' } }, reporter);
    expect(attack.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await server.dataSource.manager.count(Problem)).toBe(before);
    const own = await gql(server.url, problemRaise, { i: { unitId: ownUnit, taskForceId: fx.gid('TaskForce', fx.taskForceId), title: '本方案问题' } }, reporter);
    expect(own.errors).toBeUndefined();
  });

  test("an import of the unit's own rows into that campaign is refused row by row (403) and writes nothing", async () => {
    const file = Buffer.from(['项目代码,项目名称,责任单位,年初至今完成投资（万元）', 'X-2,外来导入项目,甲县,99999999'].join('\n'), 'utf8');
    const response = await fetch(`${server.url.replace('/graphql', '')}/imports?taskForce=${fx.gid('TaskForce', foreign)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reporter}`, 'content-type': 'text/csv' },
      body: file,
    });
    const body = (await response.json()) as { committed: boolean; errors: Array<{ row: number; column: string; code: string }> };
    expect(response.status).toBe(403);
    expect(body.committed).toBe(false);
    expect(body.errors).toEqual([expect.objectContaining({ row: 2, code: 'FORBIDDEN' })]);
    expect(await projectsIn(foreign)).toBe(0);
  });
});
