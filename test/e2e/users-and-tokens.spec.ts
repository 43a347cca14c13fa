import { createHash } from 'node:crypto';
import { parseGlobalId } from '../../src/common/global-id';
import { Role } from '../../src/domain/user/user.entity';
import { gql, GraphQLResponse, startTestServer, TestServer } from '../utils/test-server';

/**
 * Accounts and tokens end to end: userCreate's bindings and checks, userUpdate with expectedVersion, disabling,
 * passwordReset, passwordChange, the login throttle, and read-only screen tokens.
 */

const EZHOU_DOC = '鄂州政发〔2020〕10号';

const userFields = 'id username displayName role disabled version unit { id } subgroups { id }';
const userCreate = `mutation($input: UserCreateInput!) { userCreate(input: $input) { user { ${userFields} } } }`;
const userUpdate = `mutation($input: UserUpdateInput!) { userUpdate(input: $input) { user { ${userFields} } } }`;
const loginMutation = 'mutation($i: LoginInput!) { login(input: $i) { token expiresAt user { username role } } }';
const passwordReset = 'mutation($input: PasswordResetInput!) { passwordReset(input: $input) { temporaryPassword user { id username version } } }';
const passwordChange = 'mutation($input: PasswordChangeInput!) { passwordChange(input: $input) { token expiresAt user { username } } }';
const viewerQuery = '{ viewer { username role } }';
const screenTokenFields = 'id name createdAt expiresAt revokedAt lastUsedAt scope user { username }';
const screenTokenCreate = `mutation($input: ScreenTokenCreateInput!) { screenTokenCreate(input: $input) { token screenToken { ${screenTokenFields} } } }`;
const screenTokenRevoke = `mutation($input: ScreenTokenRevokeInput!) { screenTokenRevoke(input: $input) { screenToken { ${screenTokenFields} } } }`;
const screenTokensQuery = `{ screenTokens { ${screenTokenFields} } }`;

function currentMonthUtc8(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

describe('users and tokens', () => {
  let server: TestServer;
  let ezhouId: string;
  let healthUnitId: string; // 市卫健委
  let subgroupIds: string[]; // two 工程 of 鄂州
  let counter = 0;

  async function q(query: string, variables: Record<string, unknown> = {}, token: string | null = server.adminToken): Promise<GraphQLResponse> {
    return gql(server.url, query, variables, token ?? undefined);
  }

  async function ok(query: string, variables: Record<string, unknown> = {}, token: string | null = server.adminToken): Promise<Record<string, any>> {
    const result = await q(query, variables, token);
    if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  function expectError(result: GraphQLResponse, code: string) {
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe(code);
    return result.errors![0];
  }

  async function login(username: string, password: string): Promise<GraphQLResponse> {
    return q(loginMutation, { i: { username, password } }, null);
  }

  async function expectSignedIn(token: string, username: string): Promise<void> {
    const result = await q(viewerQuery, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.viewer.username).toBe(username);
  }

  async function expectUnauthenticated(token: string): Promise<void> {
    const result = await q(viewerQuery, {}, token);
    expect(result.status).toBe(401);
    expectError(result, 'UNAUTHENTICATED');
  }

  async function userCount(): Promise<number> {
    return (await ok('{ users { id } }')).users.length;
  }

  /** A new VIEWER with a known password, created through the API. */
  async function newUser(role = 'VIEWER', extra: Record<string, unknown> = {}): Promise<{ id: string; username: string; password: string; version: number }> {
    counter += 1;
    const username = `qa-user-${counter}`;
    const password = `first-password-${counter}`;
    const data = await ok(userCreate, { input: { username, password, role, ...extra } });
    return { id: data.userCreate.user.id, username, password, version: data.userCreate.user.version };
  }

  /** A digest of the rows of the tables a write could touch. */
  async function checksum(tables: string[]): Promise<string> {
    const hash = createHash('sha256');
    for (const table of tables) {
      const order = table === 'change_event' ? 'seq' : table === 'user_subgroup' ? 'user_id, subgroup_id' : 'id';
      const rows = await server.dataSource.query(`SELECT * FROM ${table} ORDER BY ${order}`);
      hash.update(`${table}:${JSON.stringify(rows)}\n`);
    }
    return hash.digest('hex');
  }

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const { taskForces } = await ok('{ taskForces { id documentNumber subgroups { id name leadUnit { id name } } } }');
    const ezhou = taskForces.find((tf: any) => tf.documentNumber === EZHOU_DOC);
    ezhouId = ezhou.id;
    const health = ezhou.subgroups.find((s: any) => s.name === '公共卫生体系补短板工程');
    healthUnitId = health.leadUnit.id;
    expect(health.leadUnit.name).toBe('市卫健委');
    subgroupIds = [health.id, ezhou.subgroups.find((s: any) => s.name === '交通补短板工程').id];
  });
  afterAll(() => server?.close());

  describe('userCreate', () => {
    it('creates a REPORTER only with a unit, and the new user can sign in', async () => {
      const count = await userCount();
      const missing = await q(userCreate, { input: { username: 'qa-reporter-nounit', password: 'long-enough-1', role: 'REPORTER' } });
      expect(expectError(missing, 'BAD_USER_INPUT').extensions?.field).toBe('input.unitId');
      expect(await userCount()).toBe(count);

      const created = await ok(userCreate, { input: { username: 'qa-reporter', password: 'long-enough-1', role: 'REPORTER', unitId: healthUnitId, displayName: '填报员' } });
      expect(created.userCreate.user).toMatchObject({ username: 'qa-reporter', displayName: '填报员', role: 'REPORTER', disabled: false, unit: { id: healthUnitId }, subgroups: [] });
      expect(await userCount()).toBe(count + 1);

      const signIn = await login('qa-reporter', 'long-enough-1');
      expect(signIn.errors).toBeUndefined();
      expect(signIn.data!.login.user).toEqual({ username: 'qa-reporter', role: 'REPORTER' });
      await expectSignedIn(signIn.data!.login.token, 'qa-reporter');
    });

    it('creates a LEADER only with the subgroups it leads', async () => {
      const count = await userCount();
      for (const input of [{}, { subgroupIds: [] }]) {
        const missing = await q(userCreate, { input: { username: 'qa-leader', password: 'long-enough-2', role: 'LEADER', ...input } });
        expect(expectError(missing, 'BAD_USER_INPUT').extensions?.field).toBe('input.subgroupIds');
      }
      expect(await userCount()).toBe(count);

      const created = await ok(userCreate, { input: { username: 'qa-leader', password: 'long-enough-2', role: 'LEADER', subgroupIds } });
      expect(created.userCreate.user.role).toBe('LEADER');
      expect(created.userCreate.user.unit).toBeNull();
      expect(created.userCreate.user.subgroups.map((s: any) => s.id).sort()).toEqual([...subgroupIds].sort());
      const signIn = await login('qa-leader', 'long-enough-2');
      expect(signIn.errors).toBeUndefined();
      await expectSignedIn(signIn.data!.login.token, 'qa-leader');
    });

    it('refuses a taken username with CONFLICT', async () => {
      await ok(userCreate, { input: { username: 'qa-duplicate', password: 'long-enough-3', role: 'VIEWER' } });
      const count = await userCount();
      const again = await q(userCreate, { input: { username: 'qa-duplicate', password: 'another-password', role: 'ADMIN' } });
      expectError(again, 'CONFLICT');
      expect(await userCount()).toBe(count);
      // The first account is untouched: its password still works, the second one does not.
      expect((await login('qa-duplicate', 'long-enough-3')).errors).toBeUndefined();
      expectError(await login('qa-duplicate', 'another-password'), 'UNAUTHENTICATED');
    });

    it('refuses a password shorter than 10 characters', async () => {
      const count = await userCount();
      const short = await q(userCreate, { input: { username: 'qa-short', password: '123456789', role: 'VIEWER' } });
      expectError(short, 'BAD_USER_INPUT');
      expect(await userCount()).toBe(count);
      expectError(await login('qa-short', '123456789'), 'UNAUTHENTICATED');
      // Ten characters are enough.
      await ok(userCreate, { input: { username: 'qa-short', password: '1234567890', role: 'VIEWER' } });
      expect((await login('qa-short', '1234567890')).errors).toBeUndefined();
    });
  });

  describe('userUpdate', () => {
    it('changes a user at the version read; a stale version is CONFLICT carrying the current version', async () => {
      const user = await newUser();
      const updated = await ok(userUpdate, { input: { id: user.id, expectedVersion: user.version, displayName: '分析员' } });
      expect(updated.userUpdate.user).toMatchObject({ id: user.id, displayName: '分析员', version: user.version + 1 });

      const stale = await q(userUpdate, { input: { id: user.id, expectedVersion: user.version, displayName: '旧版本' } });
      const error = expectError(stale, 'CONFLICT');
      expect(error.extensions?.currentVersion).toBe(user.version + 1);
      const { users } = await ok(`{ users { ${userFields} } }`);
      expect(users.find((u: any) => u.id === user.id)).toMatchObject({ displayName: '分析员', version: user.version + 1 });
    });

    it('disabling a user stops its existing token at once and refuses its sign-in', async () => {
      const user = await newUser();
      const token = (await login(user.username, user.password)).data!.login.token;
      await expectSignedIn(token, user.username);

      const disabled = await ok(userUpdate, { input: { id: user.id, expectedVersion: user.version, disabled: true } });
      expect(disabled.userUpdate.user.disabled).toBe(true);
      await expectUnauthenticated(token);
      expectError(await login(user.username, user.password), 'UNAUTHENTICATED');
    });
  });

  describe('passwordReset', () => {
    it('generates a temporary password returned once; old tokens and the old password stop working', async () => {
      const user = await newUser();
      const oldToken = (await login(user.username, user.password)).data!.login.token;

      const reset = await ok(passwordReset, { input: { userId: user.id } });
      const temporary: string = reset.passwordReset.temporaryPassword;
      expect(typeof temporary).toBe('string');
      expect(temporary.length).toBeGreaterThanOrEqual(10);
      expect(reset.passwordReset.user.username).toBe(user.username);

      await expectUnauthenticated(oldToken);
      expectError(await login(user.username, user.password), 'UNAUTHENTICATED');
      const signIn = await login(user.username, temporary);
      expect(signIn.errors).toBeUndefined();
      await expectSignedIn(signIn.data!.login.token, user.username);

      // Shown once: nothing else returns it.
      expect(JSON.stringify(await ok(`{ users { ${userFields} } }`))).not.toContain(temporary);
      // A second reset makes another one, and the first stops working.
      const again = await ok(passwordReset, { input: { userId: user.id } });
      expect(again.passwordReset.temporaryPassword).not.toBe(temporary);
      expectError(await login(user.username, temporary), 'UNAUTHENTICATED');
      expect((await login(user.username, again.passwordReset.temporaryPassword)).errors).toBeUndefined();
    });

    it('sets a chosen password and returns no temporary one', async () => {
      const user = await newUser();
      const reset = await ok(passwordReset, { input: { userId: user.id, newPassword: 'chosen-by-admin-1' } });
      expect(reset.passwordReset.temporaryPassword).toBeNull();
      expect((await login(user.username, 'chosen-by-admin-1')).errors).toBeUndefined();
      expectError(await login(user.username, user.password), 'UNAUTHENTICATED');
    });
  });

  describe('passwordChange', () => {
    it('refuses a wrong current password with UNAUTHENTICATED and changes nothing', async () => {
      const user = await newUser();
      const token = (await login(user.username, user.password)).data!.login.token;
      const wrong = await q(passwordChange, { input: { currentPassword: 'not-the-password', newPassword: 'brand-new-password' } }, token);
      expectError(wrong, 'UNAUTHENTICATED');
      await expectSignedIn(token, user.username);
      expect((await login(user.username, user.password)).errors).toBeUndefined();
      expectError(await login(user.username, 'brand-new-password'), 'UNAUTHENTICATED');
    });

    it('changes the password: the old token fails, the returned token works, the new password signs in', async () => {
      const user = await newUser();
      const oldToken = (await login(user.username, user.password)).data!.login.token;
      const changed = await ok(passwordChange, { input: { currentPassword: user.password, newPassword: 'brand-new-password' } }, oldToken);
      const newToken: string = changed.passwordChange.token;
      expect(newToken).not.toBe(oldToken);
      expect(changed.passwordChange.user.username).toBe(user.username);

      await expectUnauthenticated(oldToken);
      await expectSignedIn(newToken, user.username);
      expect((await login(user.username, 'brand-new-password')).errors).toBeUndefined();
      expectError(await login(user.username, user.password), 'UNAUTHENTICATED');
    });
  });

  describe('lockout', () => {
    it('five wrong passwords from one address refuse the account there (RATE_LIMITED), the same whether or not the name exists', async () => {
      const user = await newUser();
      // Four wrong passwords do not lock; the right one then starts the count again.
      for (let i = 0; i < 4; i += 1) expectError(await login(user.username, `wrong-${i}`), 'UNAUTHENTICATED');
      expect((await login(user.username, user.password)).errors).toBeUndefined();

      for (let i = 0; i < 5; i += 1) expectError(await login(user.username, `wrong-again-${i}`), 'UNAUTHENTICATED');
      const right = await login(user.username, user.password);
      expect(right.data?.login ?? null).toBeNull();
      const rightError = expectError(right, 'RATE_LIMITED');
      const wrong = await login(user.username, 'wrong-once-more');
      const wrongError = expectError(wrong, 'RATE_LIMITED');
      expect(right.status).toBe(429);
      expect(wrong.status).toBe(429);
      expect(rightError.message).toBe(wrongError.message);
      // A name nobody has is refused the same way after five failures: the refusal does not reveal which names exist.
      for (let i = 0; i < 5; i += 1) expectError(await login('qa-nobody-by-this-name', `wrong-${i}`), 'UNAUTHENTICATED');
      const nobody = await login('qa-nobody-by-this-name', 'wrong-5');
      expect(expectError(nobody, 'RATE_LIMITED').message).toBe(rightError.message);
      expect(nobody.status).toBe(429);
      // Another account is not affected.
      const other = await newUser();
      expect((await login(other.username, other.password)).errors).toBeUndefined();
    });

    it('counts wrong passwords sent in parallel: after ten at once the right one is refused too', async () => {
      const user = await newUser();
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => login(user.username, `parallel-wrong-${i}`)));
      // Each is refused: as a wrong password, or, once this source's failures for the account reached the per-source
      // limit (LOGIN_MAX_FAILURES_PER_ACCOUNT_SOURCE, 5) while others were still arriving, as throttled.
      const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code);
      expect(codes.every((code) => code === 'UNAUTHENTICATED' || code === 'RATE_LIMITED')).toBe(true);
      expect(codes.filter((code) => code === 'UNAUTHENTICATED').length).toBeGreaterThanOrEqual(5);
      expectError(await login(user.username, user.password), 'RATE_LIMITED');
    });
  });

  describe('screen tokens', () => {
    let screen: { token: string; id: string };

    it('are created by an ADMIN only; the token starts with "scr_"', async () => {
      const reporter = await server.userToken('qa-screen-reporter', Role.REPORTER, parseGlobalId(healthUnitId)!.id);
      const before = (await ok(screenTokensQuery)).screenTokens.length;
      expectError(await q(screenTokenCreate, { input: { name: '填报员的大屏' } }, reporter), 'FORBIDDEN');
      expect((await ok(screenTokensQuery)).screenTokens).toHaveLength(before);

      const created = await ok(screenTokenCreate, { input: { name: '领导小组办公室大屏' } });
      const { token, screenToken } = created.screenTokenCreate;
      expect(token.startsWith('scr_')).toBe(true);
      expect(token.length).toBeGreaterThan(20);
      expect(screenToken).toMatchObject({ name: '领导小组办公室大屏', expiresAt: null, revokedAt: null, scope: null, user: { username: 'admin' } });
      screen = { token, id: screenToken.id };
    });

    it('refuses expiresInDays: 0 and creates nothing', async () => {
      const before = (await ok(screenTokensQuery)).screenTokens.length;
      const result = await q(screenTokenCreate, { input: { name: '零天', expiresInDays: 0 } });
      expectError(result, 'BAD_USER_INPUT');
      expect((await ok(screenTokensQuery)).screenTokens).toHaveLength(before);
    });

    it('reads with the screen token', async () => {
      const query = '{ taskForces { id name } }';
      const asScreen = await q(query, {}, screen.token);
      expect(asScreen.errors).toBeUndefined();
      expect(asScreen.data!.taskForces).toHaveLength(5);
      expect(asScreen.data).toEqual(await ok(query));
      const project = await q('query($id: ID!) { taskForce(id: $id) { projects(first: 3) { totalCount nodes { code } } } }', { id: ezhouId }, screen.token);
      expect(project.errors).toBeUndefined();
      expect(project.data!.taskForce.projects.totalCount).toBe(206);
    });

    it('is FORBIDDEN for every mutation, and nothing is written', async () => {
      const { taskForce } = await ok(
        'query($id: ID!) { taskForce(id: $id) { targets { id } tasks { id version } projects(first: 1) { nodes { id version } } } }',
        { id: ezhouId },
      );
      const project = taskForce.projects.nodes[0];
      const task = taskForce.tasks[0];
      const target = taskForce.targets[0];
      const problem = (await ok('mutation($input: ProblemRaiseInput!) { problemRaise(input: $input) { problem { id version } } }', { input: { projectId: project.id, title: '大屏测试问题' } }))
        .problemRaise.problem;
      const victim = await newUser();

      const cases: Record<string, [string, Record<string, unknown>]> = {
        taskForceCreate: ['mutation($input: TaskForceCreateInput!) { taskForceCreate(input: $input) { taskForce { id } } }', { name: '大屏建的工作组', periodStart: '2026-01-01', periodEnd: '2026-12-31' }],
        projectCreate: ['mutation($input: ProjectCreateInput!) { projectCreate(input: $input) { project { id } } }', { taskForceId: ezhouId, unitId: healthUnitId, code: 'QA-SCREEN-1', name: '大屏建的项目' }],
        projectUpdate: ['mutation($input: ProjectUpdateInput!) { projectUpdate(input: $input) { project { id } } }', { id: project.id, expectedVersion: project.version, remarks: '大屏改的' }],
        projectArchive: ['mutation($input: ProjectArchiveInput!) { projectArchive(input: $input) { project { id } } }', { id: project.id, expectedVersion: project.version }],
        progressReport: ['mutation($input: ProgressReportInput!) { progressReport(input: $input) { report { id } } }', { projectId: project.id, period: currentMonthUtc8(), ytdCompletedInvestment: 1 }],
        problemRaise: ['mutation($input: ProblemRaiseInput!) { problemRaise(input: $input) { problem { id } } }', { projectId: project.id, title: '大屏提的问题' }],
        problemTransition: ['mutation($input: ProblemTransitionInput!) { problemTransition(input: $input) { problem { id } } }', { id: problem.id, to: 'ASSIGNED', responsibleUnitId: healthUnitId, expectedVersion: 1 }],
        problemAssign: ['mutation($input: ProblemAssignInput!) { problemAssign(input: $input) { problem { id } } }', { id: problem.id, responsibleUnitId: healthUnitId, expectedVersion: problem.version }],
        targetActualSet: ['mutation($input: TargetActualSetInput!) { targetActualSet(input: $input) { actual { value } } }', { targetId: target.id, asOf: '2020-12-31', value: 1 }],
        taskStatusSet: ['mutation($input: TaskStatusSetInput!) { taskStatusSet(input: $input) { task { id } } }', { id: task.id, status: 'DONE', expectedVersion: task.version }],
        userCreate: [userCreate, { username: 'qa-by-screen', password: 'long-enough-9', role: 'ADMIN' }],
        userUpdate: [userUpdate, { id: victim.id, expectedVersion: victim.version, disabled: true }],
        passwordReset: [passwordReset, { userId: victim.id }],
        passwordChange: [passwordChange, { currentPassword: 'pw-admin-secret', newPassword: 'screen-chose-this-1' }],
        screenTokenCreate: [screenTokenCreate, { name: '大屏建的大屏' }],
        screenTokenRevoke: [screenTokenRevoke, { id: screen.id }],
      };
      // The mutations named in the brief of this test: every one of the schema's writes at the time except login
      // (which takes no token). Mutations added since need a case here.
      const { __schema } = await ok('{ __schema { mutationType { fields { name } } } }');
      const mutations = new Set(__schema.mutationType.fields.map((f: any) => f.name));
      for (const name of Object.keys(cases)) expect([name, mutations.has(name)]).toEqual([name, true]);

      const tables = ['task_force', 'project', 'progress_report', 'problem', 'target_actual', 'task', 'app_user', 'user_subgroup', 'change_event'];
      const before = await checksum(tables);
      const tokensBefore = await ok(screenTokensQuery);
      for (const [name, [mutation, input]] of Object.entries(cases)) {
        const result = await q(mutation, { input }, screen.token);
        expect([name, result.errors?.map((e) => e.extensions?.code)]).toEqual([name, ['FORBIDDEN']]);
        expect(result.data?.[name] ?? null).toBeNull();
      }
      expect(await checksum(tables)).toBe(before);
      // Still not revoked, and no token was added (lastUsedAt may tick, so compare the rest).
      const strip = (list: any[]) => list.map(({ lastUsedAt: _ignored, ...rest }) => rest);
      expect(strip((await ok(screenTokensQuery)).screenTokens)).toEqual(strip(tokensBefore.screenTokens));
      // A screen token sees its owner's display name where the username would be (admin has none).
      await expectSignedIn(screen.token, '');
      // The admin password was not changed and the victim can still sign in.
      expect((await login('admin', 'pw-admin-secret')).errors).toBeUndefined();
      expect((await login(victim.username, victim.password)).errors).toBeUndefined();
    });

    it('are listed by screenTokens without the secret', async () => {
      const { screenTokens } = await ok(screenTokensQuery);
      const listed = screenTokens.find((t: any) => t.id === screen.id);
      expect(listed).toMatchObject({ name: '领导小组办公室大屏', revokedAt: null, user: { username: 'admin' } });
      const text = JSON.stringify(screenTokens);
      const secret = screen.token.slice('scr_'.length);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(createHash('sha256').update(screen.token).digest('hex'));
      // No field of the type can carry it.
      const { __type } = await ok('{ __type(name: "ScreenToken") { fields { name } } }');
      for (const field of __type.fields) expect(field.name).not.toMatch(/token|hash|secret/i);
    });

    it('stop working at once when revoked', async () => {
      await expectSignedIn(screen.token, '');
      const revoked = await ok(screenTokenRevoke, { input: { id: screen.id } });
      expect(revoked.screenTokenRevoke.screenToken.revokedAt).not.toBeNull();
      await expectUnauthenticated(screen.token);
    });
  });
});
