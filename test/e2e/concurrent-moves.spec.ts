import { gql, GraphQLResponse, startTestServer, TestServer } from '../utils/test-server';

/**
 * Writes that lock rows in different orders end without an internal error. A project moved to another unit takes
 * its problems with it (project row, then its problems), while the same problems go through their states (problem
 * row). Before the transaction took the change-log counter last, a move held project → counter → problems and a
 * transition problem → counter, an order that can deadlock on MariaDB; now the counter is the last lock of every
 * write and a deadlock that still happens is retried (src/db/transaction.ts). Bounded: 4 projects × 12 moves and
 * 4 problems × 12 transitions, each retried on CONFLICT at most 40 times.
 */
const EZHOU_DOC = '鄂州政发〔2020〕10号';
const MOVES = 12;
const TRANSITIONS = 12;
const MAX_ATTEMPTS = 40;

const projectQuery = `query($id: ID!) { node(id: $id) { ... on Project { version unit { id } problems { id unit { id } } } } }`;
const problemQuery = `query($id: ID!) { node(id: $id) { ... on Problem { state version unit { id } } } }`;
const moveMutation = `mutation($input: ProjectUpdateInput!) { projectUpdate(input: $input) { project { version unit { id } } } }`;
const transitionMutation = `mutation($input: ProblemTransitionInput!) { problemTransition(input: $input) { problem { state version } } }`;

describe('concurrent project moves and problem transitions', () => {
  let server: TestServer;
  let projects: string[] = [];
  let problems: string[] = [];
  let units: [string, string];
  const codes: string[] = [];

  const call = async (query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> => {
    const result = await gql(server.url, query, variables, server.adminToken);
    for (const error of result.errors ?? []) codes.push(String(error.extensions?.code));
    return result;
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const list = await gql(
      server.url,
      `query { taskForces { documentNumber projects(first: 200) { nodes { id unit { id } } } } }`,
      {},
      server.adminToken,
    );
    const ezhou = (list.data!.taskForces as Array<{ documentNumber: string; projects: { nodes: Array<{ id: string; unit: { id: string } }> } }>).find(
      (tf) => tf.documentNumber === EZHOU_DOC,
    )!;
    const unitIds = [...new Set(ezhou.projects.nodes.map((p) => p.unit.id))];
    units = [unitIds[0], unitIds[1]];
    projects = ezhou.projects.nodes.filter((p) => p.unit.id === units[0]).slice(0, 4).map((p) => p.id);
    expect(projects).toHaveLength(4);
    for (const projectId of projects) {
      const raised = await gql(server.url, 'mutation($input: ProblemRaiseInput!) { problemRaise(input: $input) { problem { id version } } }', { input: { projectId, title: '并发测试问题' } }, server.adminToken);
      const problem = raised.data!.problemRaise.problem as { id: string; version: number };
      const assigned = await gql(
        server.url,
        'mutation($input: ProblemAssignInput!) { problemAssign(input: $input) { problem { version } } }',
        { input: { id: problem.id, responsibleUnitId: units[0], expectedVersion: problem.version } },
        server.adminToken,
      );
      const started = await gql(server.url, transitionMutation, { input: { id: problem.id, to: 'IN_PROGRESS', expectedVersion: assigned.data!.problemAssign.problem.version } }, server.adminToken);
      expect(started.data!.problemTransition.problem.state).toBe('IN_PROGRESS');
      problems.push(problem.id);
    }
  }, 120_000);
  afterAll(() => server?.close());

  async function mover(projectId: string): Promise<number> {
    let moved = 0;
    for (let attempt = 0; moved < MOVES && attempt < MAX_ATTEMPTS; attempt += 1) {
      const { version, unit } = (await call(projectQuery, { id: projectId })).data!.node;
      const to = unit.id === units[0] ? units[1] : units[0];
      const result = await call(moveMutation, { input: { id: projectId, expectedVersion: version, unitId: to } });
      if (result.data?.projectUpdate) moved += 1;
    }
    return moved;
  }

  async function transitioner(problemId: string): Promise<number> {
    let done = 0;
    for (let attempt = 0; done < TRANSITIONS && attempt < MAX_ATTEMPTS; attempt += 1) {
      const { state, version } = (await call(problemQuery, { id: problemId })).data!.node;
      const input =
        state === 'IN_PROGRESS'
          ? { id: problemId, to: 'RESOLUTION_REQUESTED', expectedVersion: version }
          : { id: problemId, to: 'IN_PROGRESS', note: '材料不全，退回', expectedVersion: version };
      const result = await call(transitionMutation, { input });
      if (result.data?.problemTransition) done += 1;
    }
    return done;
  }

  it('moves every project 12 times and walks every problem 12 steps with no internal error, and the problems end in their projects\' units', async () => {
    const [moved, walked] = await Promise.all([Promise.all(projects.map(mover)), Promise.all(problems.map(transitioner))]);
    expect(codes.filter((code) => code !== 'CONFLICT')).toEqual([]);
    expect(moved).toEqual([MOVES, MOVES, MOVES, MOVES]);
    expect(walked).toEqual([TRANSITIONS, TRANSITIONS, TRANSITIONS, TRANSITIONS]);
    // 12 moves from units[0] end back in units[0]; each problem sits in its project's unit.
    for (const projectId of projects) {
      const project = (await call(projectQuery, { id: projectId })).data!.node;
      expect(project.unit.id).toBe(units[0]);
      for (const problem of project.problems) expect(problem.unit.id).toBe(units[0]);
    }
  }, 240_000);
});
