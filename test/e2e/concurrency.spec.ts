import { toGlobalId } from '../../src/common/global-id';
import { ChangeEvent } from '../../src/domain/change/change-event.entity';
import { Project } from '../../src/domain/project/project.entity';
import { gql, GraphQLResponse, startTestServer, TestServer } from '../utils/test-server';

/**
 * Optimistic concurrency under real parallel HTTP requests: one winner per version, no lost update, one
 * ChangeEvent per committed write, and a gap-free change-log sequence. SQLite serialises writers; MariaDB
 * runs READ COMMITTED with a conditional UPDATE … WHERE version = ?, so both must give the same figures.
 */

const readProject = 'query($id: ID!) { node(id: $id) { ... on Project { ytdCompletedInvestment version } } }';
const updateProject = `mutation($input: ProjectUpdateInput!) {
  projectUpdate(input: $input) { project { id ytdCompletedInvestment version } }
}`;

interface ProjectState {
  ytdCompletedInvestment: number | null;
  version: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('concurrent projectUpdate', () => {
  let server: TestServer;
  /** Two demo projects, one per test, so each test starts from its own known state. */
  let raceProjectId: string;
  let counterProjectId: string;

  async function read(id: string): Promise<ProjectState> {
    const result = await gql<{ node: ProjectState }>(server.url, readProject, { id }, server.adminToken);
    if (!result.data?.node) throw new Error(`reading ${id} failed: ${JSON.stringify(result.errors)}`);
    return result.data.node;
  }

  function eventsOf(id: string): Promise<number> {
    return server.dataSource.getRepository(ChangeEvent).count({ where: { entity: 'Project', entityId: id } });
  }

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const projects = await server.dataSource.getRepository(Project).find({ order: { dbId: 'ASC' }, take: 2 });
    expect(projects).toHaveLength(2);
    raceProjectId = toGlobalId('Project', projects[0].dbId);
    counterProjectId = toGlobalId('Project', projects[1].dbId);
  });
  afterAll(() => server?.close());

  it('lets exactly one of 50 parallel updates with the same expectedVersion win; the 49 others get CONFLICT', async () => {
    const before = await read(raceProjectId);
    const eventsBefore = await eventsOf(raceProjectId);
    const start = before.ytdCompletedInvestment ?? 0;
    // Every request writes a different value, each different from the stored one, so no request is a no-op.
    const valueOf = (i: number) => start + 1 + i;

    const results: GraphQLResponse[] = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gql(server.url, updateProject, { input: { id: raceProjectId, expectedVersion: before.version, ytdCompletedInvestment: valueOf(i) } }, server.adminToken),
      ),
    );

    const winners = results.map((r, i) => ({ r, i })).filter(({ r }) => r.data?.projectUpdate);
    const losers = results.filter((r) => !r.data?.projectUpdate);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const loser of losers) {
      expect(loser.errors).toHaveLength(1);
      expect(loser.errors![0].extensions?.code).toBe('CONFLICT');
      // Only the winner committed, so every loser is told the version it wrote.
      expect(loser.errors![0].extensions?.currentVersion).toBe(before.version + 1);
    }

    const [{ r: winner, i: winnerIndex }] = winners;
    expect(winner.errors).toBeUndefined();
    expect(winner.data!.projectUpdate.project).toEqual({ id: raceProjectId, ytdCompletedInvestment: valueOf(winnerIndex), version: before.version + 1 });

    // The stored row is the winner's, one version up, with exactly one ChangeEvent for it.
    expect(await read(raceProjectId)).toEqual({ ytdCompletedInvestment: valueOf(winnerIndex), version: before.version + 1 });
    expect(await eventsOf(raceProjectId)).toBe(eventsBefore + 1);
    const [event] = await server.dataSource.getRepository(ChangeEvent).find({ where: { entity: 'Project', entityId: raceProjectId }, order: { seq: 'DESC' }, take: 1 });
    const changes = JSON.parse(event.changes);
    expect(changes.ytdCompletedInvestment).toEqual({ before: before.ytdCompletedInvestment, after: valueOf(winnerIndex) });
  });

  it('loses no increment when 20 workers each add 1 fifty times with read–write–retry on CONFLICT', async () => {
    const workers = 20;
    const incrementsPerWorker = 50;
    const maxAttemptsPerWorker = 2_000;
    const total = workers * incrementsPerWorker; // 1,000

    // Start from a known figure so the expected end value is plain: 500 + 1,000 = 1,500.
    const initial = await read(counterProjectId);
    const seeded = await gql(server.url, updateProject, { input: { id: counterProjectId, expectedVersion: initial.version, ytdCompletedInvestment: 500 } }, server.adminToken);
    expect(seeded.errors).toBeUndefined();
    const start = await read(counterProjectId);
    expect(start).toEqual({ ytdCompletedInvestment: 500, version: initial.version + 1 });
    const eventsBefore = await eventsOf(counterProjectId);
    const maxSeqBefore = Number((await server.dataSource.query('SELECT MAX(seq) AS m FROM change_event'))[0].m);

    let stop = false; // set when a worker fails, so the others end too
    const worker = async (w: number): Promise<{ attempts: number; conflicts: number }> => {
      let done = 0;
      let attempts = 0;
      let conflicts = 0;
      // Adaptive, jittered back-off: doubles on CONFLICT, halves on success. It only spaces the attempts out
      // (the CPU is shared, so fewer doomed attempts finish sooner); it does not change what is checked.
      let backoffMs = 0;
      while (done < incrementsPerWorker) {
        if (stop) throw new Error(`worker ${w} stopped: another worker failed`);
        attempts += 1;
        if (attempts % 200 === 0) server.logger.reset(); // the statement log is not needed here
        if (attempts > maxAttemptsPerWorker) throw new Error(`worker ${w} gave up after ${maxAttemptsPerWorker} attempts with ${done} increments done`);
        if (backoffMs > 0) await sleep(Math.random() * backoffMs);
        const current = await read(counterProjectId);
        const result = await gql(
          server.url,
          updateProject,
          { input: { id: counterProjectId, expectedVersion: current.version, ytdCompletedInvestment: current.ytdCompletedInvestment! + 1 } },
          server.adminToken,
        );
        if (result.data?.projectUpdate) {
          // A write with the version just read must land on the value just read.
          expect(result.data.projectUpdate.project.ytdCompletedInvestment).toBe(current.ytdCompletedInvestment! + 1);
          expect(result.data.projectUpdate.project.version).toBe(current.version + 1);
          done += 1;
          backoffMs /= 2;
          continue;
        }
        const error = result.errors?.[0];
        if (result.errors?.length !== 1 || error?.extensions?.code !== 'CONFLICT') throw new Error(`worker ${w}: unexpected answer ${JSON.stringify(result)}`);
        expect(error.extensions.currentVersion).toBeGreaterThan(current.version);
        conflicts += 1;
        backoffMs = Math.min(Math.max(backoffMs * 2, 8), 1_000);
      }
      return { attempts, conflicts };
    };

    const outcomes = await Promise.all(
      Array.from({ length: workers }, (_, w) =>
        worker(w).catch((error) => {
          stop = true;
          throw error;
        }),
      ),
    );
    const conflicts = outcomes.reduce((sum, o) => sum + o.conflicts, 0);
    const attempts = outcomes.reduce((sum, o) => sum + o.attempts, 0);
    expect(attempts).toBe(total + conflicts);
    // The workers really did collide (otherwise this test would prove nothing about concurrency).
    expect(conflicts).toBeGreaterThan(0);

    expect(await read(counterProjectId)).toEqual({ ytdCompletedInvestment: 500 + total, version: start.version + total });
    expect(await eventsOf(counterProjectId)).toBe(eventsBefore + total);

    // The project's new events, in sequence order, step the figure by exactly one each: 500→501, …, 1,499→1,500.
    const events = await server.dataSource
      .getRepository(ChangeEvent)
      .createQueryBuilder('e')
      .where('e.entity = :entity AND e.entity_id = :id AND e.seq > :after', { entity: 'Project', id: counterProjectId, after: maxSeqBefore })
      .orderBy('e.seq', 'ASC')
      .getMany();
    expect(events).toHaveLength(total);
    const steps = events.map((e) => JSON.parse(e.changes).ytdCompletedInvestment);
    expect(steps).toEqual(Array.from({ length: total }, (_, k) => ({ before: 500 + k, after: 501 + k })));

    // Gap-free sequence over the whole change log.
    const [stats] = await server.dataSource.query('SELECT MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS n FROM change_event');
    expect(Number(stats.hi) - Number(stats.lo) + 1).toBe(Number(stats.n));
    expect(Number(stats.hi)).toBe(maxSeqBefore + total);
  }, 360_000); // 1,000 contended writes: about 40 s alone on MariaDB, over 120 s beside another suite on 2 shared CPUs
});
