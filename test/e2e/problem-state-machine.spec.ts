import { parseGlobalId } from '../../src/common/global-id';
import { ChangeEvent } from '../../src/domain/change/change-event.entity';
import { Role } from '../../src/domain/user/user.entity';
import { gql, GraphQLResponse, startTestServer, TestServer } from '../utils/test-server';

/**
 * The 问题清单 state machine of SPEC.md: REPORTED → ASSIGNED (交办) → IN_PROGRESS (办理) → RESOLUTION_REQUESTED
 * (申请销号) → CLOSED (销号), and a rejected request RESOLUTION_REQUESTED → IN_PROGRESS. Every (from, to) pair
 * of the five states is tried; a refused move changes nothing (state, version, change log).
 */

type State = 'REPORTED' | 'ASSIGNED' | 'IN_PROGRESS' | 'RESOLUTION_REQUESTED' | 'CLOSED';
const states: State[] = ['REPORTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLUTION_REQUESTED', 'CLOSED'];

/** The legal moves, from SPEC.md. */
const legal: Record<State, State[]> = {
  REPORTED: ['ASSIGNED'],
  ASSIGNED: ['IN_PROGRESS'],
  IN_PROGRESS: ['RESOLUTION_REQUESTED'],
  RESOLUTION_REQUESTED: ['CLOSED', 'IN_PROGRESS'],
  CLOSED: [],
};
/** The path a new problem walks to reach each state. */
const path: State[] = ['REPORTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLUTION_REQUESTED', 'CLOSED'];

const EZHOU_DOC = '鄂州政发〔2020〕10号';

const raiseMutation = 'mutation($input: ProblemRaiseInput!) { problemRaise(input: $input) { problem { id state version } } }';
const transitionMutation = `mutation($input: ProblemTransitionInput!) {
  problemTransition(input: $input) { problem { id state version closingNote responsibleUnit { id } } }
}`;
const assignMutation = `mutation($input: ProblemAssignInput!) {
  problemAssign(input: $input) { problem { id state version deadline escalationLevel responsibleUnit { id } } }
}`;
const problemQuery = `query($id: ID!) { node(id: $id) { ... on Problem {
  state version closingNote deadline escalationLevel responsibleUnit { id }
} } }`;

interface ProblemView {
  state: State;
  version: number;
  closingNote: string | null;
  deadline: string | null;
  escalationLevel: string;
  responsibleUnit: { id: string } | null;
}

describe('problem state machine', () => {
  let server: TestServer;
  let projectId: string; // a 公共卫生 project of 市卫健委
  let unitA: string; // 市发改委: the responsible unit problems are assigned to
  let unitB: string; // 市住建局: another unit, for reassignment and a foreign reporter
  let reporterA: string; // REPORTER of unitA
  let reporterB: string; // REPORTER of unitB
  let counter = 0;

  async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token = server.adminToken): Promise<T> {
    const result = await gql<T>(server.url, query, variables, token);
    if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  function expectError(result: GraphQLResponse, code: string) {
    expect(result.data?.problemTransition ?? result.data?.problemAssign ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe(code);
    return result.errors![0];
  }

  async function view(id: string): Promise<ProblemView> {
    return (await ok<{ node: ProblemView }>(problemQuery, { id })).node;
  }

  function eventCount(id: string): Promise<number> {
    return server.dataSource.getRepository(ChangeEvent).count({ where: { entity: 'Problem', entityId: id } });
  }

  async function lastEvent(id: string): Promise<ChangeEvent> {
    const [event] = await server.dataSource.getRepository(ChangeEvent).find({ where: { entity: 'Problem', entityId: id }, order: { seq: 'DESC' }, take: 1 });
    return event;
  }

  /** What a refused operation must leave alone: state, version, every field, and the change log. */
  async function snapshot(id: string) {
    return { problem: await view(id), events: await eventCount(id) };
  }

  async function raise(options: { responsibleUnitId?: string } = {}): Promise<string> {
    counter += 1;
    const data = await ok(raiseMutation, { input: { projectId, title: `测试问题 ${counter}`, ...options } });
    expect(data.problemRaise.problem.state).toBe('REPORTED');
    return data.problemRaise.problem.id;
  }

  /** The extra input each legal move needs (as ADMIN). */
  function extras(from: State, to: State): Record<string, unknown> {
    if (to === 'ASSIGNED') return { responsibleUnitId: unitA };
    if (to === 'CLOSED') return { note: '已办结,同意销号' };
    if (from === 'RESOLUTION_REQUESTED' && to === 'IN_PROGRESS') return { note: '整改不到位,退回继续办理' };
    return {};
  }

  /** A transition with the version just read, unless the input names one. */
  async function transition(id: string, to: State, input: Record<string, unknown> = {}, token = server.adminToken) {
    const expectedVersion = input.expectedVersion ?? (await view(id)).version;
    return gql(server.url, transitionMutation, { input: { id, to, expectedVersion, ...input } }, token);
  }

  /** A new problem walked (as ADMIN, along the main path) to `state`. */
  async function problemIn(state: State): Promise<string> {
    const id = await raise();
    for (let i = 1; i <= path.indexOf(state); i += 1) {
      const result = await transition(id, path[i], extras(path[i - 1], path[i]));
      expect(result.errors).toBeUndefined();
    }
    expect((await view(id)).state).toBe(state);
    return id;
  }

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const { taskForces } = await ok('{ taskForces { id documentNumber subgroups { name leadUnit { id name } projects(first: 1) { nodes { id unit { name } } } } } }');
    const ezhou = taskForces.find((tf: any) => tf.documentNumber === EZHOU_DOC);
    const subgroup = (name: string) => ezhou.subgroups.find((s: any) => s.name === name);
    // (一)公共卫生体系补短板工程 牵头部门:市卫健委; (四)能源提升工程 市发改委; (七)城市补短板工程 市住建局.
    const health = subgroup('公共卫生体系补短板工程');
    projectId = health.projects.nodes[0].id;
    expect(health.projects.nodes[0].unit.name).toBe('市卫健委');
    unitA = subgroup('能源提升工程').leadUnit.id;
    unitB = subgroup('城市补短板工程').leadUnit.id;
    expect(subgroup('能源提升工程').leadUnit.name).toBe('市发改委');
    expect(subgroup('城市补短板工程').leadUnit.name).toBe('市住建局');
    reporterA = await server.userToken('qa-reporter-a', Role.REPORTER, parseGlobalId(unitA)!.id);
    reporterB = await server.userToken('qa-reporter-b', Role.REPORTER, parseGlobalId(unitB)!.id);
  });
  afterAll(() => server?.close());

  describe('every (from, to) pair as ADMIN', () => {
    const pairs = states.flatMap((from) => states.map((to) => [from, to] as const));

    it.each(pairs.filter(([from, to]) => legal[from].includes(to)))('%s → %s is allowed', async (from, to) => {
      const id = await problemIn(from);
      const before = await snapshot(id);
      const result = await transition(id, to, { ...extras(from, to), expectedVersion: before.problem.version });
      expect(result.errors).toBeUndefined();
      expect(result.data!.problemTransition.problem).toMatchObject({ id, state: to, version: before.problem.version + 1 });
      const after = await snapshot(id);
      expect(after.problem).toMatchObject({ state: to, version: before.problem.version + 1 });
      expect(after.events).toBe(before.events + 1);
      const event = await lastEvent(id);
      expect(event.action).toBe('TRANSITION');
      expect(event.actor).toBe('admin');
      expect(JSON.parse(event.changes).state).toEqual({ before: from, after: to });
    });

    it.each(pairs.filter(([from, to]) => !legal[from].includes(to)))('%s → %s is refused with the allowed moves', async (from, to) => {
      const id = await problemIn(from);
      const before = await snapshot(id);
      // Everything any move could need is given, so the state alone is what is wrong.
      const result = await transition(id, to, { note: '说明', responsibleUnitId: unitA, expectedVersion: before.problem.version });
      const error = expectError(result, 'BAD_USER_INPUT');
      expect([...(error.extensions?.allowed ?? [])].sort()).toEqual([...legal[from]].sort());
      for (const allowed of legal[from]) expect(error.message).toContain(allowed);
      expect(await snapshot(id)).toEqual(before);
    });
  });

  describe('what a move needs', () => {
    it('closing (销号) needs a note, and keeps it', async () => {
      const id = await problemIn('RESOLUTION_REQUESTED');
      const before = await snapshot(id);
      for (const input of [{}, { note: '' }, { note: '   ' }]) {
        const error = expectError(await transition(id, 'CLOSED', input), 'BAD_USER_INPUT');
        expect(error.extensions?.field).toBe('input.note');
        expect(await snapshot(id)).toEqual(before);
      }
      const closed = await transition(id, 'CLOSED', { note: '问题已解决' });
      expect(closed.errors).toBeUndefined();
      expect(closed.data!.problemTransition.problem).toMatchObject({ state: 'CLOSED', closingNote: '问题已解决', version: before.problem.version + 1 });
    });

    it('rejecting a resolution request needs a note', async () => {
      const id = await problemIn('RESOLUTION_REQUESTED');
      const before = await snapshot(id);
      for (const input of [{}, { note: '  ' }]) {
        const error = expectError(await transition(id, 'IN_PROGRESS', input), 'BAD_USER_INPUT');
        expect(error.extensions?.field).toBe('input.note');
        expect(await snapshot(id)).toEqual(before);
      }
      const rejected = await transition(id, 'IN_PROGRESS', { note: '材料不全' });
      expect(rejected.errors).toBeUndefined();
      expect(rejected.data!.problemTransition.problem).toMatchObject({ state: 'IN_PROGRESS', version: before.problem.version + 1 });
    });

    it('assigning needs a responsible unit: given in the move, or already on the problem', async () => {
      const id = await raise();
      const before = await snapshot(id);
      expect(before.problem.responsibleUnit).toBeNull();
      const error = expectError(await transition(id, 'ASSIGNED'), 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('input.responsibleUnitId');
      expect(await snapshot(id)).toEqual(before);

      const assigned = await transition(id, 'ASSIGNED', { responsibleUnitId: unitA });
      expect(assigned.errors).toBeUndefined();
      expect(assigned.data!.problemTransition.problem).toMatchObject({ state: 'ASSIGNED', responsibleUnit: { id: unitA } });

      // Raised with a responsible unit: nothing more is needed.
      const withUnit = await raise({ responsibleUnitId: unitB });
      const moved = await transition(withUnit, 'ASSIGNED');
      expect(moved.errors).toBeUndefined();
      expect(moved.data!.problemTransition.problem).toMatchObject({ state: 'ASSIGNED', responsibleUnit: { id: unitB } });
    });
  });

  describe('problemAssign', () => {
    it('assigns a REPORTED problem: ASSIGNED, with unit, deadline and escalation level', async () => {
      const id = await raise();
      const before = await snapshot(id);
      const result = await gql(server.url, assignMutation, {
        input: { id, responsibleUnitId: unitA, deadline: '2030-06-30', escalationLevel: 'SUBGROUP', expectedVersion: before.problem.version },
      }, server.adminToken);
      expect(result.errors).toBeUndefined();
      expect(result.data!.problemAssign.problem).toEqual({
        id,
        state: 'ASSIGNED',
        version: before.problem.version + 1,
        deadline: '2030-06-30',
        escalationLevel: 'SUBGROUP',
        responsibleUnit: { id: unitA },
      });
      expect(await eventCount(id)).toBe(before.events + 1);
      const changes = JSON.parse((await lastEvent(id)).changes);
      expect(changes.state).toEqual({ before: 'REPORTED', after: 'ASSIGNED' });
      expect(changes.deadline).toEqual({ before: null, after: '2030-06-30' });
    });

    it('puts an IN_PROGRESS problem reassigned to another unit back to ASSIGNED', async () => {
      const id = await problemIn('IN_PROGRESS');
      const before = await snapshot(id);
      expect(before.problem.responsibleUnit).toEqual({ id: unitA });
      const result = await gql(server.url, assignMutation, { input: { id, responsibleUnitId: unitB, expectedVersion: before.problem.version } }, server.adminToken);
      expect(result.errors).toBeUndefined();
      expect(result.data!.problemAssign.problem).toMatchObject({ state: 'ASSIGNED', version: before.problem.version + 1, responsibleUnit: { id: unitB } });
      expect(await eventCount(id)).toBe(before.events + 1);
      const changes = JSON.parse((await lastEvent(id)).changes);
      expect(changes.state).toEqual({ before: 'IN_PROGRESS', after: 'ASSIGNED' });
    });

    it('refuses to assign a CLOSED problem and changes nothing', async () => {
      const id = await problemIn('CLOSED');
      const before = await snapshot(id);
      const result = await gql(server.url, assignMutation, { input: { id, responsibleUnitId: unitB, expectedVersion: before.problem.version } }, server.adminToken);
      expectError(result, 'BAD_USER_INPUT');
      expect(await snapshot(id)).toEqual(before);
    });

    it('refuses a stale expectedVersion with CONFLICT and the current version', async () => {
      const id = await problemIn('ASSIGNED');
      const before = await snapshot(id);
      const result = await gql(server.url, assignMutation, { input: { id, responsibleUnitId: unitB, expectedVersion: before.problem.version - 1 } }, server.adminToken);
      const error = expectError(result, 'CONFLICT');
      expect(error.extensions?.currentVersion).toBe(before.problem.version);
      expect(await snapshot(id)).toEqual(before);
    });
  });

  describe('the responsible unit\'s REPORTER', () => {
    it('may take up (ASSIGNED → IN_PROGRESS) and ask to close (IN_PROGRESS → RESOLUTION_REQUESTED)', async () => {
      const id = await problemIn('ASSIGNED');
      const v = (await view(id)).version;
      const takenUp = await transition(id, 'IN_PROGRESS', {}, reporterA);
      expect(takenUp.errors).toBeUndefined();
      expect(takenUp.data!.problemTransition.problem).toMatchObject({ state: 'IN_PROGRESS', version: v + 1 });
      const requested = await transition(id, 'RESOLUTION_REQUESTED', {}, reporterA);
      expect(requested.errors).toBeUndefined();
      expect(requested.data!.problemTransition.problem).toMatchObject({ state: 'RESOLUTION_REQUESTED', version: v + 2 });
      expect((await lastEvent(id)).actor).toBe('qa-reporter-a');
    });

    it('may not make any other legal move: FORBIDDEN, nothing changed', async () => {
      const reported = await raise({ responsibleUnitId: unitA });
      const requested = await problemIn('RESOLUTION_REQUESTED');
      const attempts: Array<[string, State, Record<string, unknown>]> = [
        [reported, 'ASSIGNED', { responsibleUnitId: unitA }],
        [requested, 'CLOSED', { note: '自行销号' }],
        [requested, 'IN_PROGRESS', { note: '自行退回' }],
      ];
      for (const [id, to, input] of attempts) {
        const before = await snapshot(id);
        expectError(await transition(id, to, input, reporterA), 'FORBIDDEN');
        expect(await snapshot(id)).toEqual(before);
      }
      // Nor assign (交办).
      const before = await snapshot(reported);
      const assign = await gql(server.url, assignMutation, { input: { id: reported, responsibleUnitId: unitA, expectedVersion: before.problem.version } }, reporterA);
      expectError(assign, 'FORBIDDEN');
      expect(await snapshot(reported)).toEqual(before);
    });

    it('of another unit may not take up or ask to close the problem', async () => {
      const assigned = await problemIn('ASSIGNED');
      const inProgress = await problemIn('IN_PROGRESS');
      for (const [id, to] of [[assigned, 'IN_PROGRESS'], [inProgress, 'RESOLUTION_REQUESTED']] as const) {
        const before = await snapshot(id);
        expectError(await transition(id, to, {}, reporterB), 'FORBIDDEN');
        expect(await snapshot(id)).toEqual(before);
      }
    });
  });
});
