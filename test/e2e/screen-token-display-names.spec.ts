import { AuthorizationFixture } from '../utils/authorization-fixtures';
import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * Screens are on walls: a screen token sees who did what by display name, never by username (the first half of a
 * password guess). changeLog.actor and ProgressReport.submittedBy show the display name to it (null or empty when
 * there is none), it cannot filter the change log by username, and signed-in users still see usernames.
 */
describe('screen tokens see display names, not usernames', () => {
  let server: TestServer;
  let fixture: AuthorizationFixture;
  let screenToken: string;
  let taskForce: string;
  let project: string;
  let month: string;
  let quarter: string;

  beforeAll(async () => {
    server = await startTestServer();
    fixture = await AuthorizationFixture.create(server);
    taskForce = fixture.gid('TaskForce', fixture.taskForceId);
    project = fixture.gid('Project', fixture.anchorProjects.own);
    const unitId = fixture.gid('Unit', fixture.units.own);
    await fixture.asAdmin('mutation($i: UserCreateInput!) { userCreate(input: $i) { user { id } } }', {
      i: { username: 'zhang-reporter-7731', password: 'pw-zhang-reporter-secret', role: 'REPORTER', unitId, displayName: '张填报' },
    });
    await fixture.asAdmin('mutation($i: UserCreateInput!) { userCreate(input: $i) { user { id } } }', {
      i: { username: 'nameless-reporter-5520', password: 'pw-nameless-reporter-secret', role: 'REPORTER', unitId },
    });
    // Open periods (a closed one needs an ADMIN): this month and this quarter in UTC+8; the quarter ends no earlier.
    const now = new Date(Date.now() + 8 * 3600_000);
    month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    const report = 'mutation($i: ProgressReportInput!) { progressReport(input: $i) { report { id } } }';
    const zhang = await server.login('zhang-reporter-7731', 'pw-zhang-reporter-secret');
    const nameless = await server.login('nameless-reporter-5520', 'pw-nameless-reporter-secret');
    expect((await gql(server.url, report, { i: { projectId: project, period: month, ytdCompletedInvestment: 10 } }, zhang)).errors).toBeUndefined();
    expect((await gql(server.url, report, { i: { projectId: project, period: quarter, ytdCompletedInvestment: 20 } }, nameless)).errors).toBeUndefined();
    const created = await fixture.asAdmin<{ screenTokenCreate: { token: string } }>('mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token } }', {
      i: { name: '墙上大屏', scope: taskForce },
    });
    screenToken = created.screenTokenCreate.token;
  });
  afterAll(() => server?.close());

  const changes = '{ changeLog(filter: { scope: "TF", entity: "ProgressReport" }, order: OLDEST_FIRST) { nodes { actor action } } }';
  const reports = '{ node(id: "P") { ... on Project { reports { period submittedBy { username displayName } } } } }';

  test('changeLog.actor shows the display name to a screen token, the username to the admin', async () => {
    const screen = await gql(server.url, changes.replace('TF', taskForce), {}, screenToken);
    expect(screen.errors).toBeUndefined();
    expect(screen.data!.changeLog.nodes).toEqual([
      { actor: '张填报', action: 'CREATE' },
      { actor: null, action: 'CREATE' },
    ]);
    const admin = await gql(server.url, changes.replace('TF', taskForce), {}, server.adminToken);
    expect(admin.data!.changeLog.nodes.map((n: { actor: string }) => n.actor)).toEqual(['zhang-reporter-7731', 'nameless-reporter-5520']);
  });

  test('ProgressReport.submittedBy gives a screen token no username', async () => {
    const screen = await gql(server.url, reports.replace('"P"', `"${project}"`), {}, screenToken);
    expect(screen.errors).toBeUndefined();
    expect(screen.data!.node.reports).toEqual([
      { period: quarter, submittedBy: { username: '', displayName: null } },
      { period: month, submittedBy: { username: '张填报', displayName: '张填报' } },
    ]);
    const admin = await gql(server.url, reports.replace('"P"', `"${project}"`), {}, server.adminToken);
    expect(admin.data!.node.reports.map((r: { submittedBy: { username: string } }) => r.submittedBy.username)).toEqual(['nameless-reporter-5520', 'zhang-reporter-7731']);
  });

  test('a screen token cannot look usernames up through the actor filter', async () => {
    const probe = await gql(server.url, `{ changeLog(filter: { scope: "${taskForce}", actor: "zhang-reporter-7731" }) { totalCount } }`, {}, screenToken);
    expect(probe.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(probe.data?.changeLog ?? null).toBeNull();
  });
});
