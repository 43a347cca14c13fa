import { GraphQLObjectType } from 'graphql';
import { ProblemState } from '../../src/domain/problem/problem.entity';
import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { TargetScope } from '../../src/domain/target/target.entity';
import { Unit } from '../../src/domain/unit/unit.entity';
import { Role } from '../../src/domain/user/user.entity';
import { Actor, actors, AuthorizationFixture, Principal, Scope } from '../utils/authorization-fixtures';
import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * The authorization matrix: every mutation of the schema × every actor × a target row in the actor's own unit
 * (subgroup) or in another one → allowed, FORBIDDEN or UNAUTHENTICATED. The expectations are the rules of
 * SPEC.md "Security" as the leading-group office states them:
 *
 * - ADMIN may do everything.
 * - LEADER writes problems (raise, assign, transition) and target actuals only within the subgroups it leads
 *   (the problem's/target's subgroup is one of them, or its unit is covered by one of them); nothing else.
 * - REPORTER writes its own unit's projects (create, update, archive), progress reports and problems (raise); it
 *   moves problems assigned to its unit ASSIGNED → IN_PROGRESS → RESOLUTION_REQUESTED only; sets the status of
 *   tasks its unit leads; never moves a project to another unit nor sets 总投资 / 年度计划投资.
 * - VIEWER and screen tokens read only; a VIEWER may change its own password.
 * - Everyone signed in may change their own password and revoke their own screen tokens (a screen token itself
 *   writes nothing).
 * - Without a token every mutation but `login` is UNAUTHENTICATED.
 *
 * Every variant × scope has an ADMIN case with the same kind of input, so a denial cannot come from a malformed
 * input. Each case builds its own target rows; a denied case must leave every table exactly as it was.
 */

type Expect = 'allow' | 'FORBIDDEN' | 'UNAUTHENTICATED';
type Allow = Partial<Record<Actor, Scope[]>>;

interface Variant {
  /** What the case does, for its name. */
  name: string;
  /** Target rows: own and other unit, or `any` when the mutation has no row to place. */
  scopes: Scope[];
  /** Who may do it, and on which scopes; everyone else is refused. */
  allow: Allow;
  /** The actor itself is changed (its password, its role): a fresh principal of the actor's kind per case. */
  freshActor?: boolean;
  /** Builds fresh target rows and returns the `input` of the mutation. */
  input(fx: AuthorizationFixture, scope: Scope, actor: Principal): Promise<Record<string, unknown>>;
}

interface MatrixEntry {
  /** Needs no token (login). */
  public?: boolean;
  variants: Variant[];
}

const BOTH: Scope[] = ['own', 'other'];
const ANY: Scope[] = ['any'];
const EVERY: Scope[] = ['own', 'other', 'any'];
const OWN: Scope[] = ['own', 'any'];
const adminOnly: Allow = { ADMIN: EVERY };
/** ADMIN, and the LEADER of the subgroup. */
const leaderOwn: Allow = { ADMIN: EVERY, LEADER: OWN };
/** ADMIN, and the REPORTER of the unit. */
const reporterOwn: Allow = { ADMIN: EVERY, REPORTER: OWN };

function thisMonth(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** The problem transitions, each from a fresh problem in `from`. */
function transition(name: string, from: ProblemState, to: ProblemState, allow: Allow, extra: Record<string, unknown> = {}, responsible?: (scope: Scope) => Scope): Variant {
  return {
    name,
    scopes: BOTH,
    allow,
    async input(fx, scope) {
      const id = await fx.problem(scope, from, from === ProblemState.REPORTED ? null : (responsible?.(scope) ?? scope));
      const withUnit = to === ProblemState.ASSIGNED ? { responsibleUnitId: fx.gid('Unit', fx.scoped(scope).unit) } : {};
      return { id: fx.gid('Problem', id), to, expectedVersion: 1, ...withUnit, ...extra };
    },
  };
}

const flip = (scope: Scope): Scope => (scope === 'own' ? 'other' : 'own');

const matrix: Record<string, MatrixEntry> = {
  login: {
    public: true,
    variants: [
      {
        name: 'valid credentials',
        scopes: ANY,
        allow: { ADMIN: ANY, LEADER: ANY, REPORTER: ANY, VIEWER: ANY, SCREEN: ANY, ANON: ANY },
        async input(fx) {
          const user = await fx.user(Role.VIEWER);
          return { username: user.username, password: user.password };
        },
      },
    ],
  },
  passwordChange: {
    variants: [
      {
        name: 'own password',
        scopes: ANY,
        allow: { ADMIN: ANY, LEADER: ANY, REPORTER: ANY, VIEWER: ANY },
        freshActor: true,
        async input(_fx, _scope, actor) {
          return { currentPassword: actor.password ?? 'no-password-at-all', newPassword: 'a-brand-new-password-1' };
        },
      },
    ],
  },
  passwordReset: {
    variants: [
      {
        name: "a REPORTER's password",
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          const target = await fx.user(Role.REPORTER, scope);
          return { userId: fx.gid('User', target.userId), newPassword: 'reset-password-12345' };
        },
      },
    ],
  },
  problemAssign: {
    variants: [
      {
        name: 'a REPORTED problem to its unit',
        scopes: BOTH,
        allow: leaderOwn,
        async input(fx, scope) {
          const id = await fx.problem(scope, ProblemState.REPORTED, null);
          return { id: fx.gid('Problem', id), expectedVersion: 1, responsibleUnitId: fx.gid('Unit', fx.scoped(scope).unit), deadline: '2030-06-30' };
        },
      },
      {
        name: 'a REPORTED unit-level problem with no subgroup recorded',
        scopes: BOTH,
        allow: leaderOwn,
        async input(fx, scope) {
          const id = await fx.problem(scope, ProblemState.REPORTED, null, true);
          return { id: fx.gid('Problem', id), expectedVersion: 1, responsibleUnitId: fx.gid('Unit', fx.scoped(scope).unit), escalationLevel: 'SUBGROUP' };
        },
      },
    ],
  },
  problemRaise: {
    variants: [
      {
        name: 'against a project',
        scopes: BOTH,
        allow: { ADMIN: EVERY, LEADER: OWN, REPORTER: OWN },
        async input(fx, scope) {
          return { projectId: fx.gid('Project', await fx.project(scope)), title: fx.unique('征地拆迁未完成') };
        },
      },
      {
        name: 'against a unit',
        scopes: BOTH,
        allow: { ADMIN: EVERY, LEADER: OWN, REPORTER: OWN },
        async input(fx, scope) {
          return { unitId: fx.gid('Unit', fx.scoped(scope).unit), taskForceId: fx.gid('TaskForce', fx.taskForceId), title: fx.unique('资金缺口') };
        },
      },
    ],
  },
  problemTransition: {
    variants: [
      transition('REPORTED → ASSIGNED', ProblemState.REPORTED, ProblemState.ASSIGNED, leaderOwn),
      transition('ASSIGNED → IN_PROGRESS', ProblemState.ASSIGNED, ProblemState.IN_PROGRESS, { ADMIN: EVERY, LEADER: OWN, REPORTER: OWN }),
      transition('IN_PROGRESS → RESOLUTION_REQUESTED', ProblemState.IN_PROGRESS, ProblemState.RESOLUTION_REQUESTED, { ADMIN: EVERY, LEADER: OWN, REPORTER: OWN }),
      // Closing (销号) is the office's step alone; the leader asks for it like the unit does.
      transition('RESOLUTION_REQUESTED → CLOSED', ProblemState.RESOLUTION_REQUESTED, ProblemState.CLOSED, adminOnly, { note: '已办结' }),
      transition('RESOLUTION_REQUESTED → IN_PROGRESS (rejected)', ProblemState.RESOLUTION_REQUESTED, ProblemState.IN_PROGRESS, leaderOwn, { note: '材料不全' }),
      // The REPORTER's right follows the responsible unit; the LEADER's follows the problem's own unit/subgroup.
      // Here the problem sits in the scope's unit and is assigned to the *other* scope's unit.
      {
        name: 'ASSIGNED → IN_PROGRESS, unit-level problem with no subgroup recorded',
        scopes: BOTH,
        allow: { ADMIN: EVERY, LEADER: OWN, REPORTER: OWN },
        async input(fx, scope) {
          const id = await fx.problem(scope, ProblemState.ASSIGNED, scope, true);
          return { id: fx.gid('Problem', id), to: ProblemState.IN_PROGRESS, expectedVersion: 1 };
        },
      },
      transition(
        'ASSIGNED → IN_PROGRESS, responsible unit elsewhere',
        ProblemState.ASSIGNED,
        ProblemState.IN_PROGRESS,
        { ADMIN: EVERY, LEADER: OWN, REPORTER: ['other'] },
        {},
        flip,
      ),
    ],
  },
  progressReport: {
    variants: [
      {
        name: 'this month',
        scopes: BOTH,
        allow: reporterOwn,
        async input(fx, scope) {
          return { projectId: fx.gid('Project', await fx.project(scope)), period: thisMonth(), ytdCompletedInvestment: 120, visualProgress: '主体施工' };
        },
      },
    ],
  },
  projectArchive: {
    variants: [
      {
        name: 'archive',
        scopes: BOTH,
        allow: reporterOwn,
        async input(fx, scope) {
          return { id: fx.gid('Project', await fx.project(scope)), expectedVersion: 1, reason: '项目取消' };
        },
      },
    ],
  },
  projectCreate: {
    variants: [
      {
        name: 'ledger fields',
        scopes: BOTH,
        allow: reporterOwn,
        async input(fx, scope) {
          const code = fx.unique('NEW');
          return { taskForceId: fx.gid('TaskForce', fx.taskForceId), unitId: fx.gid('Unit', fx.scoped(scope).unit), code, name: `新建项目 ${code}`, owner: '建设单位', plannedFunds: 500 };
        },
      },
      ...(['totalInvestment', 'annualPlanInvestment'] as const).map(
        (field): Variant => ({
          name: `with ${field}`,
          scopes: BOTH,
          allow: adminOnly,
          async input(fx, scope) {
            const code = fx.unique('NEW');
            return { taskForceId: fx.gid('TaskForce', fx.taskForceId), unitId: fx.gid('Unit', fx.scoped(scope).unit), code, name: `新建项目 ${code}`, [field]: 1000 };
          },
        }),
      ),
    ],
  },
  projectUpdate: {
    variants: [
      {
        name: 'ledger fields',
        scopes: BOTH,
        allow: reporterOwn,
        async input(fx, scope) {
          return { id: fx.gid('Project', await fx.project(scope)), expectedVersion: 1, remarks: '已更新', ytdCompletedInvestment: 80 };
        },
      },
      {
        name: 'move to the other unit',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          return { id: fx.gid('Project', await fx.project(scope)), expectedVersion: 1, unitId: fx.gid('Unit', fx.scoped(flip(scope)).unit) };
        },
      },
      ...(['totalInvestment', 'annualPlanInvestment'] as const).map(
        (field): Variant => ({
          name: `set ${field}`,
          scopes: BOTH,
          allow: adminOnly,
          async input(fx, scope) {
            return { id: fx.gid('Project', await fx.project(scope)), expectedVersion: 1, [field]: 2000 };
          },
        }),
      ),
    ],
  },
  screenTokenCreate: {
    variants: [
      {
        // own: for oneself (userId omitted); other: for a VIEWER of the other unit's scope.
        name: 'screen token',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          if (scope === 'own') return { name: fx.unique('大屏') };
          const target = await fx.user(Role.VIEWER, scope);
          return { name: fx.unique('大屏'), userId: fx.gid('User', target.userId) };
        },
      },
    ],
  },
  screenTokenRevoke: {
    variants: [
      {
        // own: a token reading as the actor's user; other: a token of another user.
        name: 'screen token',
        scopes: BOTH,
        allow: { ADMIN: EVERY, LEADER: OWN, REPORTER: OWN, VIEWER: OWN },
        async input(fx, scope, actor) {
          const owner = scope === 'own' && actor.userId !== undefined ? actor.userId : (await fx.user(Role.VIEWER, scope)).userId;
          return { id: await fx.screenTokenRow(owner) };
        },
      },
    ],
  },
  targetActualSet: {
    variants: [
      {
        name: 'SUBGROUP target',
        scopes: BOTH,
        allow: leaderOwn,
        async input(fx, scope) {
          return { targetId: fx.gid('Target', await fx.target(scope, TargetScope.SUBGROUP)), asOf: '2024-06-30', value: 42, note: '统计局' };
        },
      },
      {
        name: 'UNIT target',
        scopes: BOTH,
        allow: leaderOwn,
        async input(fx, scope) {
          return { targetId: fx.gid('Target', await fx.target(scope, TargetScope.UNIT)), asOf: '2024-06-30', value: 42 };
        },
      },
      {
        // A target of the whole task force is in no subgroup, even when a unit of the LEADER's subgroup leads it.
        name: 'TASK_FORCE target',
        scopes: ['own'],
        allow: adminOnly,
        async input(fx, scope) {
          return { targetId: fx.gid('Target', await fx.target(scope, TargetScope.TASK_FORCE)), asOf: '2024-06-30', value: 42 };
        },
      },
    ],
  },
  taskForceCreate: {
    variants: [
      {
        name: 'campaign',
        scopes: ANY,
        allow: adminOnly,
        async input(fx) {
          return { name: fx.unique('新方案'), periodStart: '2025-01-01', periodEnd: '2025-12-31' };
        },
      },
    ],
  },
  taskForceUpdate: {
    variants: [
      {
        name: 'reporting cadences of a campaign',
        scopes: ANY,
        allow: adminOnly,
        async input(fx) {
          const created = await fx.server.dataSource.manager.insert(TaskForce, { name: fx.unique('调度方案'), periodStart: '2025-01-01', periodEnd: '2025-12-31' });
          return { id: fx.gid('TaskForce', created.identifiers[0].dbId), expectedVersion: 1, reportingCadences: [{ kind: 'WEEK', name: '周监测', dueDay: 5 }] };
        },
      },
    ],
  },
  taskStatusSet: {
    variants: [
      {
        name: 'task led by the unit',
        scopes: BOTH,
        allow: reporterOwn,
        async input(fx, scope) {
          return { id: fx.gid('Task', await fx.task(scope)), expectedVersion: 1, status: 'IN_PROGRESS', note: '已启动' };
        },
      },
      {
        // Led by the other unit; the own unit only cooperates (配合单位).
        name: 'task the unit only cooperates on',
        scopes: ['own'],
        allow: adminOnly,
        async input(fx, scope) {
          return { id: fx.gid('Task', await fx.task(flip(scope), [scope])), expectedVersion: 1, status: 'DONE' };
        },
      },
    ],
  },
  userCreate: {
    variants: [
      {
        name: 'REPORTER of the unit',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          return { username: fx.unique('new-reporter'), password: 'new-user-password-1', role: 'REPORTER', unitId: fx.gid('Unit', fx.scoped(scope).unit) };
        },
      },
    ],
  },
  userUpdate: {
    variants: [
      {
        name: 'display name of a REPORTER',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          const target = await fx.user(Role.REPORTER, scope);
          return { id: fx.gid('User', target.userId), expectedVersion: 1, displayName: '新名字' };
        },
      },
      {
        name: 'own role to ADMIN',
        scopes: ANY,
        allow: adminOnly,
        freshActor: true,
        async input(fx, _scope, actor) {
          const self = actor.userId ?? (await fx.user(Role.VIEWER)).userId;
          return { id: fx.gid('User', self), expectedVersion: 1, role: 'ADMIN' };
        },
      },
    ],
  },
  subgroupCreate: {
    variants: [
      {
        // Led by the unit; it covers none, so the fixture's coverage (and the projects' derived subgroups) stay put.
        name: 'subgroup led by the unit',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          return { taskForceId: fx.gid('TaskForce', fx.taskForceId), name: fx.unique('新小组'), leadUnitId: fx.gid('Unit', fx.scoped(scope).unit) };
        },
      },
    ],
  },
  subgroupUpdate: {
    variants: [
      {
        // own: the subgroup the LEADER leads (covering the REPORTER's unit); other: the other subgroup.
        name: 'main tasks',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          const id = fx.scoped(scope).subgroup;
          const { version } = await fx.server.dataSource.manager.findOneByOrFail(Subgroup, { dbId: id });
          return { id: fx.gid('Subgroup', id), expectedVersion: version, mainTasks: fx.unique('主要任务') };
        },
      },
    ],
  },
  unitCreate: {
    variants: [
      {
        name: 'unit',
        scopes: ANY,
        allow: adminOnly,
        async input(fx) {
          return { name: fx.unique('新区'), region: '测试市', kind: 'DISTRICT' };
        },
      },
    ],
  },
  unitUpdate: {
    variants: [
      {
        // own: the REPORTER's unit; other: the other unit.
        name: 'rename',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          const id = fx.scoped(scope).unit;
          const unit = await fx.server.dataSource.manager.findOneByOrFail(Unit, { dbId: id });
          return { id: fx.gid('Unit', id), expectedVersion: unit.version, name: `${unit.name.split('·')[0]}·${fx.unique('改')}` };
        },
      },
    ],
  },
  personCreate: {
    variants: [
      {
        name: 'person of the unit',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          return { name: fx.unique('李'), title: '局长', unitId: fx.gid('Unit', fx.scoped(scope).unit) };
        },
      },
    ],
  },
  personUpdate: {
    variants: [
      {
        name: 'title of a person of the unit',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          return { id: fx.gid('Person', await fx.person(scope)), expectedVersion: 1, title: '县长' };
        },
      },
    ],
  },
  roleAssignmentCreate: {
    variants: [
      {
        name: 'member of the subgroup',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          return { personId: fx.gid('Person', await fx.person(scope)), subgroupId: fx.gid('Subgroup', fx.scoped(scope).subgroup), role: '成员', since: '2024-01-01' };
        },
      },
    ],
  },
  roleAssignmentUpdate: {
    variants: [
      {
        name: 'title of a member of the subgroup',
        scopes: BOTH,
        allow: adminOnly,
        async input(fx, scope) {
          return { id: fx.gid('RoleAssignment', await fx.roleAssignment(scope)), expectedVersion: 1, title: '副组长' };
        },
      },
    ],
  },
};

interface Case {
  title: string;
  mutation: string;
  variant: Variant;
  actor: Actor;
  scope: Scope;
  expected: Expect;
}

function expectation(entry: MatrixEntry, variant: Variant, actor: Actor, scope: Scope): Expect {
  if (variant.allow[actor]?.includes(scope)) return 'allow';
  if (actor === 'ANON' && !entry.public) return 'UNAUTHENTICATED';
  return 'FORBIDDEN';
}

const cases: Case[] = Object.entries(matrix).flatMap(([mutation, entry]) =>
  entry.variants.flatMap((variant) =>
    actors.flatMap((actor) =>
      variant.scopes.map((scope) => {
        const expected = expectation(entry, variant, actor, scope);
        return { title: `${mutation} [${variant.name}] × ${actor} × ${scope} → ${expected}`, mutation, variant, actor, scope, expected };
      }),
    ),
  ),
);

describe('authorization matrix', () => {
  let server: TestServer;
  let fx: AuthorizationFixture;
  let mutationType: GraphQLObjectType;

  beforeAll(async () => {
    server = await startTestServer();
    fx = await AuthorizationFixture.create(server);
    mutationType = server.app.schema.getMutationType()!;
  });

  afterAll(async () => {
    await server?.close();
  });

  test('the matrix lists exactly the mutations of the schema', () => {
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(mutationType.getFields()).sort());
  });

  test('the fixture places the actors as the matrix assumes', async () => {
    const { data } = await gql(server.url, '{ viewer { role unit { id } subgroups { id } } }', {}, fx.principals.LEADER.token);
    expect(data?.viewer).toEqual({ role: 'LEADER', unit: null, subgroups: [{ id: fx.gid('Subgroup', fx.subgroups.own) }] });
    const reporter = await gql(server.url, '{ viewer { role unit { id } } }', {}, fx.principals.REPORTER.token);
    expect(reporter.data?.viewer).toEqual({ role: 'REPORTER', unit: { id: fx.gid('Unit', fx.units.own) } });
    // A screen token sees display names, not usernames (its owner has none): it is known by its id.
    const screen = await gql(server.url, '{ viewer { id username } }', {}, fx.principals.SCREEN.token);
    expect(screen.errors).toBeUndefined();
    expect(screen.data?.viewer).toEqual({ id: fx.gid('User', fx.principals.SCREEN.userId!), username: '' });
  });

  test.each(cases)('$title', async ({ mutation, variant, actor, scope, expected }) => {
    const field = mutationType.getFields()[mutation];
    expect(field).toBeDefined();
    const argument = field.args.find((a) => a.name === 'input')!;
    const document = `mutation($input: ${argument.type.toString()}) { ${mutation}(input: $input) { __typename } }`;

    const principal = variant.freshActor ? await fx.freshPrincipal(actor) : fx.principals[actor];
    const input = await variant.input(fx, scope, principal);

    const before = await fx.checksum();
    const result = await gql(server.url, document, { input }, principal.token);

    if (expected === 'allow') {
      expect(result.errors).toBeUndefined();
      expect(result.data?.[mutation]).toBeTruthy();
      // An allowed write shows in the checksum, so the checksum would see a denied one too (login may write nothing).
      if (mutation !== 'login') expect(await fx.checksum()).not.toEqual(before);
      return;
    }
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual([expected]);
    expect(result.data?.[mutation] ?? null).toBeNull();
    expect(await fx.checksum()).toEqual(before);
  });
});
