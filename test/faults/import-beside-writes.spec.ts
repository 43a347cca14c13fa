import { PrivateMariaDb, sleep } from './support/private-mariadb';
import { ServiceProcess } from './support/service-process';
import { dataOf, graphql, login, Outcome, percentile, ProjectRow, projectQuery, projectUpdate, send } from './support/client';

/**
 * Issue 12, failure 5: a 100,000-row import on MariaDB must not stop other units' writes. The import's change events
 * are staged during the import and numbered only at its COMMIT, so the change-log counter is not held for the
 * whole import; a `projectUpdate` of another unit sent while the import runs answers within 1 s. The log stays
 * gap-free, and the import's events form one unbroken block.
 */
const rows = 100_000;
const writerPauseMs = 200;
const maxWrites = 2_000;

const taskForcesQuery = `{ taskForces { id name subgroups { id name units { id name } } } }`;
const unitProjects = 'query($unit: ID!) { projects(first: 1, filter: { unitId: $unit }) { nodes { id version contact } } }';

interface TaskForceRow {
  id: string;
  name: string;
  subgroups: Array<{ id: string; name: string; units: Array<{ id: string; name: string }> }>;
}

describe('a 100,000-row import beside other units\' writes (MariaDB)', () => {
  const db = new PrivateMariaDb();
  let service: ServiceProcess;
  let token: string;

  beforeAll(async () => {
    await db.install();
    service = new ServiceProcess({ DATABASE_URL: db.url, LOG_LEVEL: 'debug' });
    await service.start();
    token = await login(service.url);
  }, 180_000);

  afterAll(async () => {
    await service?.dispose();
    await db.dispose();
  }, 30_000);

  test('projectUpdate answers within 1 s while the import runs; the log stays gap-free', async () => {
    // The writer updates an existing project of one unit; the import goes to another unit of the same subgroup.
    const taskForces = dataOf<{ taskForces: TaskForceRow[] }>(await graphql(service.url, token, taskForcesQuery))!.taskForces;
    let pick: { target: ProjectRow; taskForce: TaskForceRow; subgroup: TaskForceRow['subgroups'][number]; importUnit: { id: string; name: string } } | null = null;
    for (const taskForce of taskForces) {
      for (const subgroup of taskForce.subgroups.filter((s) => s.units.length >= 2)) {
        for (const unit of subgroup.units) {
          const target = dataOf<{ projects: { nodes: ProjectRow[] } }>(await graphql(service.url, token, unitProjects, { unit: unit.id }))?.projects.nodes[0];
          if (target) pick ??= { target, taskForce, subgroup, importUnit: subgroup.units.find((u) => u.id !== unit.id)! };
        }
        if (pick) break;
      }
      if (pick) break;
    }
    expect(pick).not.toBeNull();
    const { target, taskForce, subgroup, importUnit } = pick!;
    expect(importUnit).toBeDefined();

    const lines = ['项目代码,项目名称,责任单位,所属小组,总投资（万元）,年度计划投资（万元）'];
    for (let i = 1; i <= rows; i++) lines.push(`BULK-${String(i).padStart(6, '0')},${importUnit.name}批量项目${i},${importUnit.name},${subgroup.name},${1000 + (i % 97)},${100 + (i % 13)}`);
    const csv = lines.join('\n');
    const [{ before }] = await db.query<Array<{ before: number }>>('SELECT COALESCE(MAX(seq), 0) AS `before` FROM change_event');

    let importDone = false;
    const importing = send(`${service.url}/imports?taskForce=${encodeURIComponent(taskForce.id)}&name=bulk.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: csv,
    }, 300_000).finally(() => (importDone = true));
    // Let the import start, then write beside it until it answers.
    const started = Date.now();
    await sleep(1500);

    const during: Outcome[] = [];
    let version = target.version;
    for (let n = 0; n < maxWrites && !importDone; n++) {
      const outcome = await graphql(service.url, token, projectUpdate, { id: target.id, v: version, c: `beside the import ${n}` });
      if (!importDone) during.push(outcome);
      const project = dataOf<{ projectUpdate: { project: ProjectRow } }>(outcome)?.projectUpdate?.project;
      if (project) version = project.version;
      else version = dataOf<{ node: ProjectRow }>(await graphql(service.url, token, projectQuery, { id: target.id }))!.node.version;
      await sleep(writerPauseMs);
    }
    const imported = await importing;
    const importMs = imported.doneAt - started;

    const report = imported.body as { created?: number; committed?: boolean };
    const [{ events, first, last }] = await db.query<Array<{ events: number; first: number; last: number }>>(
      'SELECT COUNT(*) AS events, MIN(seq) AS first, MAX(seq) AS last FROM change_event WHERE seq > ? AND entity = ? AND action = ?',
      [before, 'Project', 'CREATE'],
    );
    const [{ all, low, high }] = await db.query<Array<{ all: number; low: number; high: number }>>(
      'SELECT COUNT(*) AS `all`, MIN(seq) AS low, MAX(seq) AS high FROM change_event',
    );
    // The one moment the import holds the change-log counter: from the numbering of its staged events to the end of
    // its COMMIT, as the service logged it (end time and duration). A write that needs the counter then waits for it.
    const logged = () =>
      service.logs
        .split('\n')
        .filter((line) => line.includes('staged change events committed'))
        .map((line) => JSON.parse(line) as { time: string; ms: number; numberedMs: number; count: number });
    // The log reaches its file through a pipe: give it a moment.
    for (let i = 0; i < 50 && !logged().length; i++) await sleep(100);
    const numbered = logged();
    expect(numbered).toHaveLength(1);
    const numberingEnd = Date.parse(numbered[0].time);
    const numberingStart = numberingEnd - numbered[0].ms;
    const overlaps = (o: Outcome) => o.sentAt <= numberingEnd && o.doneAt >= numberingStart;
    const beside = during.filter((o) => !overlaps(o));
    const atCommit = during.filter(overlaps);
    const latencies = beside.map((o) => o.ms);
    const figures = {
      importMs,
      importStatus: imported.status,
      writesDuringImport: during.length,
      failedDuringImport: during.filter((o) => o.code !== null || o.status !== 200).map((o) => `${o.status} ${o.code ?? o.failure}`),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      numberingMs: numbered[0].numberedMs,
      counterHeldMs: numbered[0].ms,
      writesDuringNumbering: atCommit.map((o) => o.ms),
    };
    console.log(`import beside writes: ${JSON.stringify(figures)}`);

    expect(imported.status).toBe(200);
    expect(report.created).toBe(rows);
    expect(Number(events)).toBe(rows);
    // The import's events are one block, and the whole log has no gap.
    expect(Number(last) - Number(first) + 1).toBe(rows);
    expect(Number(high) - Number(low) + 1).toBe(Number(all));
    // Enough writes ran beside the import to show it did not stop them: every one answered, within 1 s unless it
    // met the numbering, and then within the numbering's time and 1 s more (it waited for the counter, no longer).
    expect(beside.length).toBeGreaterThanOrEqual(10);
    expect(figures.failedDuringImport).toEqual([]);
    expect(figures.max).toBeLessThan(1000);
    for (const outcome of atCommit) expect(outcome.ms).toBeLessThan(numbered[0].ms + 1000);
    // The staged copies are cleared after the COMMIT.
    let staged = -1;
    for (let i = 0; i < 50 && staged !== 0; i++) {
      if (i) await sleep(200);
      staged = Number((await db.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM staged_change_event'))[0].n);
    }
    expect(staged).toBe(0);
  }, 600_000);
});
