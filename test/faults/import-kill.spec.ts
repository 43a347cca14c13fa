import { PrivateMariaDb, sleep } from './support/private-mariadb';
import { ServiceProcess } from './support/service-process';
import { dataOf, graphql, login, send } from './support/client';

/**
 * Issue 12: the service killed with SIGKILL in the middle of a 40,000-row import leaves nothing of it — no project,
 * no change event, no staged event — and the same file imported again after a restart goes in whole.
 */
const rows = 40_000;

describe('the service killed (SIGKILL) mid-import', () => {
  const db = new PrivateMariaDb();
  let service: ServiceProcess;

  beforeAll(async () => {
    await db.install();
    service = new ServiceProcess({ DATABASE_URL: db.url });
    await service.start();
  }, 180_000);

  afterAll(async () => {
    await service?.dispose();
    await db.dispose();
  }, 30_000);

  test('all or nothing', async () => {
    let token = await login(service.url);
    const project = dataOf<{ projects: { nodes: Array<{ unit: { name: string }; taskForce: { id: string } }> } }>(
      await graphql(service.url, token, '{ projects(first: 1) { nodes { unit { name } taskForce { id } } } }'),
    )!.projects.nodes[0];
    const lines = ['项目代码,项目名称,责任单位,总投资（万元）,年度计划投资（万元）'];
    for (let i = 1; i <= rows; i++) lines.push(`KILLED-${String(i).padStart(6, '0')},${project.unit.name}中断项目${i},${project.unit.name},${1000 + (i % 97)},${100 + (i % 13)}`);
    const csv = lines.join('\n');
    const importFile = (base: string, bearer: string) =>
      send(`${base}/imports?taskForce=${encodeURIComponent(project.taskForce.id)}&name=killed.csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${bearer}` },
        body: csv,
      }, 300_000);
    const count = async () => {
      const [projects] = await db.query<Array<{ n: number }>>("SELECT COUNT(*) AS n FROM project WHERE code LIKE 'KILLED-%'");
      const [events] = await db.query<Array<{ n: number }>>("SELECT COUNT(*) AS n FROM change_event WHERE entity = 'Project' AND changes LIKE '%KILLED-%'");
      const [staged] = await db.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM staged_change_event');
      return { projects: Number(projects.n), events: Number(events.n), staged: Number(staged.n) };
    };
    const [{ before }] = await db.query<Array<{ before: number }>>('SELECT COALESCE(MAX(seq), 0) AS `before` FROM change_event');

    // Kill once the import is writing: its open transaction has modified thousands of rows. InnoDB refreshes
    // information_schema.innodb_trx only when it was last read over 0.1 s before, so it is read every 150 ms (read
    // more often on an idle machine, it never refreshed and the import committed before it was seen).
    const first = importFile(service.url, token);
    let writing = 0;
    for (let i = 0; i < 400 && writing < 2_000; i++) {
      await sleep(150);
      const [row] = await db.query<Array<{ n: number }>>('SELECT COALESCE(MAX(trx_rows_modified), 0) AS n FROM information_schema.innodb_trx');
      writing = Number(row.n);
    }
    service.signal('SIGKILL');
    const answer = await first;
    expect(answer.status).toBeNull();
    await service.exit;

    // InnoDB rolls the dead connection's transaction back.
    let after = await count();
    for (let i = 0; i < 100 && (after.projects || after.staged); i++) {
      await sleep(200);
      after = await count();
    }
    const [{ last }] = await db.query<Array<{ last: number }>>('SELECT COALESCE(MAX(seq), 0) AS `last` FROM change_event');
    console.log(`killed mid-import: ${JSON.stringify({ rowsModifiedBeforeKill: writing, after, logGrewBy: Number(last) - Number(before) })}`);
    expect(after).toEqual({ projects: 0, events: 0, staged: 0 });
    expect(Number(last)).toBe(Number(before));

    // A new process imports the same file whole.
    await service.start();
    token = await login(service.url);
    const second = await importFile(service.url, token);
    expect(second.status).toBe(200);
    expect((second.body as { created: number }).created).toBe(rows);
    const done = await count();
    expect(done.projects).toBe(rows);
  }, 600_000);
});
