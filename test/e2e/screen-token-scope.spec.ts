import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { SubgroupUnit, SubgroupUnitRole } from '../../src/domain/campaign/subgroup-unit.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { AuthorizationFixture } from '../utils/authorization-fixtures';
import { gql, GraphQLResponse, startTestServer, TestServer } from '../utils/test-server';

/**
 * A scoped screen token reads only its node and what lies under it, through every GraphQL field as through the
 * exports and the change log: another campaign, a sibling subgroup, the task force above a subgroup, a unit's
 * projects in other campaigns. A single object outside is FORBIDDEN (null with the error); lists leave out what
 * lies outside; project lists and aggregates are narrowed to the scope.
 */
describe('screen-token scope on GraphQL reads', () => {
  let server: TestServer;
  let fx: AuthorizationFixture;
  let tf1: string;
  let tf2: string;
  let ownGroup: string;
  let otherGroup: string;
  let ownUnit: string;
  let subgroupToken: string;
  let taskForceToken: string;
  let unscopedToken: string;
  const ids: Record<string, string> = {};

  const screenToken = async (scope: string | null) =>
    (await fx.asAdmin<{ screenTokenCreate: { token: string } }>('mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token } }', { i: { name: fx.unique('大屏'), scope } })).screenTokenCreate.token;

  beforeAll(async () => {
    server = await startTestServer();
    fx = await AuthorizationFixture.create(server);
    const manager = server.dataSource.manager;
    tf1 = fx.gid('TaskForce', fx.taskForceId);
    ownGroup = fx.gid('Subgroup', fx.subgroups.own);
    otherGroup = fx.gid('Subgroup', fx.subgroups.other);
    ownUnit = fx.gid('Unit', fx.units.own);
    // The fixture's campaign has an anchor project in each subgroup; add one more in each with known figures.
    const add = async (code: string, taskForceId: number, unitId: number, subgroupId: number | null, totalInvestment: number) => {
      const result = await manager.insert(Project, { code, name: `项目${code}`, taskForceId, unitId, subgroupId, subgroupExplicit: false, searchText: code.toLowerCase(), totalInvestment });
      ids[code] = fx.gid('Project', result.identifiers[0].dbId as number);
    };
    await add('S1-A', fx.taskForceId, fx.units.own, fx.subgroups.own, 100);
    await add('S2-A', fx.taskForceId, fx.units.other, fx.subgroups.other, 200);
    // Another campaign: its own subgroup and unit, and a project of the fixture's own unit too.
    const other = await fx.asAdmin<{ taskForceCreate: { taskForce: { id: string } } }>('mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }', {
      i: { name: '大同方案', periodStart: '2020-01-01', periodEnd: '2035-12-31' },
    });
    tf2 = other.taskForceCreate.taskForce.id;
    const tf2Id = Number(Buffer.from(tf2, 'base64url').toString('utf8').split(':')[1]);
    const datong = await manager.save(Unit, manager.create(Unit, { name: '丙县', region: '大同市', kind: UnitKind.COUNTY, searchText: '丙县' }));
    const group = await manager.save(Subgroup, manager.create(Subgroup, { taskForceId: tf2Id, name: '大同推进组', leadUnitId: datong.dbId, position: 1 }));
    await manager.insert(SubgroupUnit, { subgroupId: group.dbId, unitId: datong.dbId, role: SubgroupUnitRole.COVERED, position: 0 });
    await add('DT-1', tf2Id, datong.dbId, group.dbId, 5_000);
    await add('DT-2', tf2Id, fx.units.own, null, 7_000);

    subgroupToken = await screenToken(ownGroup);
    taskForceToken = await screenToken(tf1);
    unscopedToken = await screenToken(null);
  });
  afterAll(() => server?.close());

  const forbidden = (result: GraphQLResponse, field: string) => {
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([[field, 'FORBIDDEN']]);
  };

  test("the issue's attack: a subgroup's token asks for another campaign's projects", async () => {
    const attack = await gql(server.url, `{ taskForce(id: "${tf2}") { projects(first: 2) { totalCount nodes { name totalInvestment } } } }`, {}, subgroupToken);
    forbidden(attack, 'taskForce');
    expect(attack.data).toEqual({ taskForce: null });
    // node(id) is the same door.
    forbidden(await gql(server.url, `{ node(id: "${ids['DT-1']}") { id } }`, {}, subgroupToken), 'node');
    forbidden(await gql(server.url, `{ node(id: "${ids['DT-1']}") { id } }`, {}, taskForceToken), 'node');
  });

  test('a sibling subgroup, and the task force above the subgroup, are outside the subgroup token', async () => {
    forbidden(await gql(server.url, `{ node(id: "${ids['S2-A']}") { id } }`, {}, subgroupToken), 'node');
    forbidden(await gql(server.url, `{ node(id: "${otherGroup}") { id } }`, {}, subgroupToken), 'node');
    const up = await gql(server.url, `{ node(id: "${ownGroup}") { ... on Subgroup { name taskForce { projects { totalCount } } } } }`, {}, subgroupToken);
    forbidden(up, 'node.taskForce');
    // Its own node reads, and the task force's token reads the sibling.
    const own = await gql(server.url, `{ node(id: "${ids['S1-A']}") { ... on Project { code } } }`, {}, subgroupToken);
    expect(own).toMatchObject({ data: { node: { code: 'S1-A' } } });
    expect(own.errors).toBeUndefined();
    expect((await gql(server.url, `{ node(id: "${ids['S2-A']}") { ... on Project { code } } }`, {}, taskForceToken)).data).toEqual({ node: { code: 'S2-A' } });
  });

  test('projects and projectAggregate are narrowed to the scope; naming a node outside is FORBIDDEN', async () => {
    const codes = async (token: string, filter = '{}') => {
      const result = await gql(server.url, `{ projects(filter: ${filter}, first: 50) { totalCount nodes { code } } }`, {}, token);
      expect(result.errors).toBeUndefined();
      return result.data!.projects;
    };
    // The fixture's anchor projects (codes P-…) sit one in each subgroup; the rest are this suite's.
    const bySubgroup = await codes(subgroupToken);
    expect(bySubgroup.nodes.map((n: { code: string }) => n.code).filter((c: string) => !c.startsWith('P-'))).toEqual(['S1-A']);
    expect(bySubgroup.totalCount).toBe(2);
    const byTaskForce = await codes(taskForceToken);
    expect(byTaskForce.totalCount).toBe(4);
    expect(byTaskForce.nodes.map((n: { code: string }) => n.code)).not.toContain('DT-1');
    expect((await codes(unscopedToken)).totalCount).toBe(6);
    forbidden(await gql(server.url, `{ projects(filter: { taskForceId: "${tf2}" }) { totalCount } }`, {}, taskForceToken), 'projects');
    forbidden(await gql(server.url, `{ projects(filter: { subgroupId: "${otherGroup}" }) { totalCount } }`, {}, subgroupToken), 'projects');

    const sums = await gql(server.url, '{ projectAggregate(groupBy: [TASK_FORCE]) { labels metrics { projectCount totalInvestment } } }', {}, taskForceToken);
    expect(sums.errors).toBeUndefined();
    // Anchors carry no investment: 100 + 200 in the fixture's campaign, nothing of 大同's 12,000.
    expect(sums.data!.projectAggregate).toEqual([{ labels: ['权限矩阵测试方案'], metrics: { projectCount: 4, totalInvestment: 300 } }]);
    forbidden(await gql(server.url, `{ projectAggregate(filter: { taskForceId: "${tf2}" }, groupBy: [UNIT]) { labels } }`, {}, taskForceToken), 'projectAggregate');
  });

  test('a unit reached inside the campaign shows only its projects there; its all-campaign figures are FORBIDDEN', async () => {
    const unit = await gql(server.url, `{ node(id: "${ownUnit}") { ... on Unit { name projects(first: 20) { totalCount nodes { code } } } } }`, {}, taskForceToken);
    expect(unit.errors).toBeUndefined();
    expect(unit.data!.node.projects.totalCount).toBe(2);
    expect(unit.data!.node.projects.nodes.map((n: { code: string }) => n.code).filter((c: string) => !c.startsWith('P-'))).toEqual(['S1-A']);
    forbidden(await gql(server.url, `{ node(id: "${ownUnit}") { ... on Unit { metrics { projectCount } } } }`, {}, taskForceToken), 'node.metrics');
    const within = await gql(server.url, `{ node(id: "${ownUnit}") { ... on Unit { metrics(taskForceId: "${tf1}") { projectCount } } } }`, {}, taskForceToken);
    expect(within.data).toEqual({ node: { metrics: { projectCount: 2 } } });
  });

  test('ranking, lists, the change log and exports follow the same scope', async () => {
    forbidden(await gql(server.url, `{ ranking(taskForceId: "${tf2}", level: UNIT, by: WEIGHTED_SCORE) { rank } }`, {}, taskForceToken), 'ranking');
    forbidden(await gql(server.url, `{ ranking(taskForceId: "${tf1}", level: UNIT, by: WEIGHTED_SCORE) { rank } }`, {}, subgroupToken), 'ranking');
    const ranked = await gql(server.url, `{ ranking(taskForceId: "${tf1}", level: SUBGROUP, by: WEIGHTED_SCORE) { node { id } } }`, {}, taskForceToken);
    expect(ranked.errors).toBeUndefined();
    expect(ranked.data!.ranking.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([ownGroup, otherGroup].sort());

    expect((await gql(server.url, '{ taskForces { id } }', {}, taskForceToken)).data).toEqual({ taskForces: [{ id: tf1 }] });
    expect((await gql(server.url, '{ taskForces { id } }', {}, subgroupToken)).data).toEqual({ taskForces: [] });
    expect((await gql(server.url, '{ taskForces { id } }', {}, unscopedToken)).data!.taskForces).toHaveLength(2);

    forbidden(await gql(server.url, `{ changeLog(filter: { scope: "${tf2}" }) { totalCount } }`, {}, taskForceToken), 'changeLog');
    const base = server.url.replace('/graphql', '');
    expect((await fetch(`${base}/exports/ledger.csv?scope=${tf2}`, { headers: { authorization: `Bearer ${taskForceToken}` } })).status).toBe(403);
    expect((await fetch(`${base}/exports/ledger.csv?scope=${tf1}`, { headers: { authorization: `Bearer ${subgroupToken}` } })).status).toBe(403);
  });
});
