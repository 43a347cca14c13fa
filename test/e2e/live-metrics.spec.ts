import { randomBytes } from 'node:crypto';
import { toGlobalId } from '../../src/common/global-id';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { AnnualPlan } from '../../src/domain/project/annual-plan.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Unit } from '../../src/domain/unit/unit.entity';
import { gql } from '../utils/test-server';
import { createLiveFixture, LiveFixture } from '../utils/live-fixtures';
import { LiveServer, login, SharedDatabase, sharedDatabase, startLiveServer } from '../utils/live-server';
import { connectLive, LiveClient } from '../utils/ws-client';

/**
 * metricsChanged(scope): pushed when the node's metrics changed and only then, bursts coalesced to one push per
 * 250 ms with the last state delivered, computed once per node per batch whatever the number of subscribers.
 * Fixture: task force A has two projects with 1,000 万元 planned for the year each, nothing completed.
 */

const METRICS = `subscription($scope: ID!) { metricsChanged(scope: $scope) { node { id } metrics { investmentCompletionRate projectCount } } }`;
const UPDATE = `mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }`;
type Push = { metricsChanged: { node: { id: string }; metrics: { investmentCompletionRate: number | null; projectCount: number } } };

describe('live: metricsChanged', () => {
  let db: SharedDatabase;
  let fixture: LiveFixture;
  let server: LiveServer;
  let token: string;
  const clients: LiveClient[] = [];
  let version = 1;
  const update = async (values: Record<string, unknown>) => {
    const result = await gql(server.url, UPDATE, { i: { id: fixture.projectA1, expectedVersion: version, ...values } }, token);
    expect(result.errors).toBeUndefined();
    version += 1;
  };

  beforeAll(async () => {
    db = await sharedDatabase();
    fixture = await createLiveFixture(db.dataSource);
    server = await startLiveServer(db, { jwtSecret: randomBytes(32).toString('hex') });
    token = await login(server.url);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('five subscribers share one computation per batch; a burst of 20 commits is coalesced and ends on the last state', async () => {
    const feed = server.app.services.live.metrics;
    const subs = Array.from({ length: 5 }, () => {
      const client = connectLive(server.url, token);
      clients.push(client);
      const arrivals: number[] = [];
      const sub = client.subscribe<Push>(METRICS, { scope: fixture.taskForceA });
      return { sub, arrivals };
    });
    for (const { sub } of subs) await sub.until((s) => s.data.length >= 1, 5_000, 'the first push');
    // First push: the current state, 0 ÷ 2,000 = 0.
    for (const { sub } of subs) expect(sub.data[0].metricsChanged.metrics).toEqual({ investmentCompletionRate: 0, projectCount: 2 });
    expect(feed.watchedNodes).toBe(1);
    const computationsBefore = feed.computations;

    // 20 commits as fast as they go: ytd 10, 20, … 200 on one project.
    const started = Date.now();
    for (let i = 1; i <= 20; i += 1) await update({ ytdCompletedInvestment: i * 10 });
    const burstMs = Date.now() - started;
    // The last state: 200 ÷ 2,000 = 0.1.
    for (const { sub } of subs) await sub.until((s) => s.data[s.data.length - 1].metricsChanged.metrics.investmentCompletionRate === 0.1, 5_000, 'the last state');
    await new Promise((resolve) => setTimeout(resolve, 600));

    const pushes = subs[0].sub.data.length - 1;
    // One computation per 250 ms window at most (plus the one that catches the tail), the same for every subscriber.
    const windows = Math.floor(burstMs / 250) + 2;
    expect(pushes).toBeGreaterThanOrEqual(1);
    expect(pushes).toBeLessThanOrEqual(windows);
    for (const { sub } of subs) expect(sub.data).toEqual(subs[0].sub.data);
    const computations = feed.computations - computationsBefore;
    expect(computations).toBeLessThanOrEqual(windows);
    expect(computations).toBeLessThan(20);
    // Every push differs from the one before.
    const rates = subs[0].sub.data.map((d) => d.metricsChanged.metrics.investmentCompletionRate);
    for (let i = 1; i < rates.length; i += 1) expect(rates[i]).not.toBe(rates[i - 1]);
    expect(rates[rates.length - 1]).toBe(0.1);
  });

  it('pushes nothing when a commit leaves the metrics as they were, and pushes when they change', async () => {
    const client = connectLive(server.url, token);
    clients.push(client);
    const project = client.subscribe<Push>(METRICS, { scope: fixture.projectA1 });
    const other = client.subscribe<Push>(METRICS, { scope: fixture.taskForceB });
    await project.until((s) => s.data.length >= 1, 5_000, 'the first push');
    await other.until((s) => s.data.length >= 1, 5_000, 'the first push');
    const rateBefore = project.data[0].metricsChanged.metrics.investmentCompletionRate;

    await update({ visualProgress: '主体结构施工中' });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(project.data).toHaveLength(1);

    await update({ ytdCompletedInvestment: 500 });
    await project.until((s) => s.data.length >= 2, 5_000, 'the push after a change');
    // The project alone: 500 ÷ 1,000 = 0.5.
    expect(rateBefore).not.toBe(0.5);
    expect(project.data[1].metricsChanged).toEqual({ node: { id: fixture.projectA1 }, metrics: { investmentCompletionRate: 0.5, projectCount: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(project.data).toHaveLength(2);
    // Task force B was not touched.
    expect(other.data).toHaveLength(1);
  });

  it('pushes an ended campaign\'s figures at the end of its period, as a query without asOf reads them', async () => {
    // A campaign of 2021: one project planning 1,000 万元 for 2021 with 400 done by 2021-09-30. Read at 2021-12-31:
    // 400 ÷ 1,000 = 0.4; read at today it has no plan for today's year (no rate).
    const manager = db.dataSource.manager;
    const ended = await manager.save(manager.create(TaskForce, { name: '已结束专班', region: '测试市', periodStart: '2021-01-01', periodEnd: '2021-12-31' }));
    const unit = await manager.findOneByOrFail(Unit, { name: '测试区人民政府' });
    const project = await manager.save(
      manager.create(Project, { code: 'END-1', name: '已结束项目', taskForceId: ended.dbId, unitId: unit.dbId, searchText: 'end-1', ytdCompletedInvestment: 400, statsDate: '2021-09-30', annualPlanInvestment: 1000 }),
    );
    await manager.insert(AnnualPlan, { projectId: project.dbId, year: 2021, amount: 1000 });
    const scope = toGlobalId('TaskForce', ended.dbId);
    const client = connectLive(server.url, token);
    clients.push(client);
    const sub = client.subscribe<{ metricsChanged: { metrics: { asOf: string; investmentCompletionRate: number | null } } }>(
      `subscription($scope: ID!) { metricsChanged(scope: $scope) { metrics { asOf investmentCompletionRate } } }`,
      { scope },
    );
    await sub.until((s) => s.data.length >= 1, 5_000, 'the first push');
    expect(sub.data[0].metricsChanged.metrics).toEqual({ asOf: '2021-12-31', investmentCompletionRate: 0.4 });
    const query = await gql(server.url, `query($id: ID!) { taskForce(id: $id) { metrics { asOf investmentCompletionRate } } }`, { id: scope }, token);
    expect(query.data?.taskForce.metrics).toEqual(sub.data[0].metricsChanged.metrics);
  });
});
