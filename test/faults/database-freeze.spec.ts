import { PrivateMariaDb, sleep } from './support/private-mariadb';
import { ServiceProcess } from './support/service-process';
import { dataOf, graphql, login, Outcome, percentile, ProjectRow, projectsQuery, projectUpdate, send } from './support/client';
import { adminPassword } from './support/service-process';

/**
 * Issue 12, failures 3 and 4: MariaDB frozen with SIGSTOP for 15 s under reads, writes, sign-ins and probes.
 * Every request answers within 5 s with the retryable SERVICE_UNAVAILABLE (503 with Retry-After), /healthz stays
 * fast, /readyz says 503 within 1 s, and after SIGCONT everything works again.
 */
const freezeMs = 15_000;
const tickMs = 500;

describe('MariaDB frozen (SIGSTOP) for 15 s', () => {
  const db = new PrivateMariaDb();
  let service: ServiceProcess;
  let token: string;
  let projects: ProjectRow[];

  beforeAll(async () => {
    await db.install();
    service = new ServiceProcess({ DATABASE_URL: db.url });
    await service.start();
    token = await login(service.url);
    projects = dataOf<{ projects: { nodes: ProjectRow[] } }>(await graphql(service.url, token, projectsQuery, { n: 4 }))!.projects.nodes;
  }, 180_000);

  afterAll(async () => {
    await service?.dispose();
    await db.dispose();
  }, 30_000);

  test('every request answers within 5 s as SERVICE_UNAVAILABLE, /healthz fast, /readyz 503 within 1 s; full recovery after SIGCONT', async () => {
    expect(projects).toHaveLength(4);
    for (let i = 0; i < 5; i++) expect((await graphql(service.url, token, projectsQuery, { n: 20 })).code).toBeNull();

    const reads: Array<Promise<Outcome>> = [];
    const writes: Array<Promise<Outcome>> = [];
    const logins: Array<Promise<Outcome>> = [];
    const health: Array<Promise<Outcome>> = [];
    const ready: Array<Promise<Outcome>> = [];

    db.freeze();
    const frozenAt = Date.now();
    let thawedAt = 0;
    try {
      // 30 reads at once, then every 500 ms one of each kind, for the 15 s (30 ticks).
      for (let i = 0; i < 30; i++) reads.push(graphql(service.url, token, projectsQuery, { n: 20 }));
      for (let tick = 0; tick < freezeMs / tickMs; tick++) {
        reads.push(graphql(service.url, token, projectsQuery, { n: 20 }));
        const project = projects[tick % projects.length];
        writes.push(graphql(service.url, token, projectUpdate, { id: project.id, v: project.version, c: `frozen-${tick}` }));
        if (tick % 3 === 0) logins.push(graphql(service.url, null, 'mutation($p: String!) { login(input: { username: "admin", password: $p }) { token } }', { p: adminPassword }));
        health.push(send(`${service.url}/healthz`));
        ready.push(send(`${service.url}/readyz`));
        await sleep(tickMs);
      }
    } finally {
      db.thaw();
      thawedAt = Date.now();
    }

    const all = async (list: Array<Promise<Outcome>>) => Promise.all(list);
    const [readOutcomes, writeOutcomes, loginOutcomes, healthOutcomes, readyOutcomes] = await Promise.all([all(reads), all(writes), all(logins), all(health), all(ready)]);
    // Requests answered while the database was frozen (an answer after SIGCONT may rightly be a success).
    const duringFreeze = (list: Outcome[]) => list.filter((o) => o.doneAt < thawedAt);

    // Recovery: reads every 100 ms (at most 100) until one succeeds.
    let recoveredAt = 0;
    for (let i = 0; i < 100 && !recoveredAt; i++) {
      const outcome = await graphql(service.url, token, projectsQuery, { n: 20 });
      if (outcome.code === null && outcome.status === 200) recoveredAt = outcome.doneAt;
      else await sleep(100);
    }

    const gql = [...readOutcomes, ...writeOutcomes, ...loginOutcomes];
    const figures = {
      frozenMs: thawedAt - frozenAt,
      graphqlRequests: gql.length,
      graphqlMaxMs: Math.max(...gql.map((o) => o.ms)),
      graphqlP50Ms: percentile(gql.map((o) => o.ms), 50),
      concurrentReadsMaxMs: Math.max(...readOutcomes.slice(0, 30).map((o) => o.ms)),
      codes: countBy(gql.map((o) => `${o.status} ${o.code ?? o.failure ?? 'ok'}`)),
      healthzMaxMs: Math.max(...healthOutcomes.map((o) => o.ms)),
      readyzMaxMs: Math.max(...readyOutcomes.map((o) => o.ms)),
      readyzStatuses: countBy(readyOutcomes.map((o) => String(o.status ?? o.failure))),
      recoveryAfterThawMs: recoveredAt ? recoveredAt - thawedAt : null,
    };
    console.log(`database frozen 15 s: ${JSON.stringify(figures, null, 1)}`);

    for (const outcome of gql) expect(outcome.ms).toBeLessThan(5000);
    for (const outcome of duringFreeze(gql)) {
      expect(outcome.code).toBe('SERVICE_UNAVAILABLE');
      expect(outcome.retryAfter).not.toBeNull();
    }
    // Signed-in requests stop at the token check, which cannot reach the database: 503, not 500.
    for (const outcome of duringFreeze([...readOutcomes, ...writeOutcomes])) expect(outcome.status).toBe(503);
    expect(duringFreeze(gql).length).toBeGreaterThanOrEqual(80);
    for (const outcome of healthOutcomes) {
      expect(outcome.status).toBe(200);
      expect(outcome.ms).toBeLessThan(500);
    }
    for (const outcome of duringFreeze(readyOutcomes)) {
      expect(outcome.status).toBe(503);
      expect(outcome.ms).toBeLessThan(1000);
    }
    expect(duringFreeze(readyOutcomes).length).toBeGreaterThanOrEqual(25);

    // Full recovery: reads, writes and readiness all work again.
    expect(recoveredAt).toBeGreaterThan(0);
    expect((await send(`${service.url}/readyz`)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await graphql(service.url, token, projectsQuery, { n: 20 })).code).toBeNull();
    const fresh = dataOf<{ projects: { nodes: ProjectRow[] } }>(await graphql(service.url, token, projectsQuery, { n: 4 }))!.projects.nodes;
    for (const project of fresh) {
      const outcome = await graphql(service.url, token, projectUpdate, { id: project.id, v: project.version, c: 'after the freeze' });
      expect(outcome.code).toBeNull();
      expect(dataOf<{ projectUpdate: { project: ProjectRow } }>(outcome)!.projectUpdate.project.version).toBe(project.version + 1);
    }
  }, 120_000);
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
