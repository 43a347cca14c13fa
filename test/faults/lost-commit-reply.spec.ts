import { CommitCuttingProxy } from './support/commit-cutting-proxy';
import { PrivateMariaDb, sleep } from './support/private-mariadb';
import { ServiceProcess } from './support/service-process';
import { dataOf, graphql, login, Outcome, send } from './support/client';

/**
 * Issue 12, failure 2: a COMMIT whose answer is lost (the connection cut after the server got it) must not make a
 * retried write happen twice. 400 problemRaise calls, each with its own Idempotency-Key and retried with the same key
 * after any error, through a proxy that loses the answer to every 5th COMMIT (the write committed) and never delivers
 * every 7th (the write rolled back): exactly one problem per key — a retry after a lost answer is told the write went
 * through, a retry after a rollback writes.
 */
const keys = 400;
const writers = 4;
const maxAttempts = 10;

const raise = 'mutation($input: ProblemRaiseInput!) { problemRaise(input: $input) { problem { id description } } }';

describe('lost COMMIT answers and idempotent retries (MariaDB)', () => {
  const db = new PrivateMariaDb();
  let proxy: CommitCuttingProxy;
  let service: ServiceProcess;
  let token: string;

  beforeAll(async () => {
    await db.install();
    proxy = new CommitCuttingProxy(db.port);
    await proxy.start();
    service = new ServiceProcess({ DATABASE_URL: `mariadb://root@127.0.0.1:${proxy.port}/ledger` });
    await service.start();
    token = await login(service.url);
  }, 180_000);

  afterAll(async () => {
    await service?.dispose();
    await proxy?.stop();
    await db.dispose();
  }, 30_000);

  test('every key makes exactly one problem, whatever answers were lost', async () => {
    const project = dataOf<{ projects: { nodes: Array<{ id: string }> } }>(await graphql(service.url, token, '{ projects(first: 1) { nodes { id } } }'))!
      .projects.nodes[0];
    proxy.cutEvery = 5;
    proxy.dropEvery = 7;
    const outcomes: Outcome[] = [];
    let answeredAsLost = 0;
    let gaveUp = 0;
    const raiseOnce = async (n: number) => {
      const key = `lost-reply-${String(n).padStart(4, '0')}`;
      const body = JSON.stringify({ query: raise, variables: { input: { projectId: project.id, title: `lost reply ${key}`, description: key } } });
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const outcome = await send(`${service.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
          body,
        });
        outcomes.push(outcome);
        if (dataOf<{ problemRaise: { problem: { id: string } } | null }>(outcome)?.problemRaise?.problem) return;
        const errors = (outcome.body as { errors?: Array<{ extensions?: { firstRequestSucceeded?: boolean } }> } | null)?.errors ?? [];
        if (errors.some((e) => e.extensions?.firstRequestSucceeded)) {
          answeredAsLost += 1;
          return;
        }
        await sleep(50 * attempt);
      }
      gaveUp += 1;
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < keys) await raiseOnce(next++);
      }),
    );
    proxy.cutEvery = 0;
    proxy.dropEvery = 0;

    const rows = await db.query<Array<{ description: string; n: number }>>(
      "SELECT description, COUNT(*) AS n FROM problem WHERE description LIKE 'lost-reply-%' GROUP BY description",
    );
    const duplicates = rows.filter((r) => Number(r.n) > 1);
    const codes: Record<string, number> = {};
    for (const o of outcomes) {
      const code = o.code ?? (o.status === 200 ? 'ok' : `${o.status} ${o.failure ?? ''}`);
      codes[code] = (codes[code] ?? 0) + 1;
    }
    console.log(
      `lost commit answers: ${JSON.stringify({ commitsSeen: proxy.commitsSeen, commitsCut: proxy.commitsCut, commitsDropped: proxy.commitsDropped, requests: outcomes.length, codes, answeredAsLost, gaveUp, problems: rows.reduce((s, r) => s + Number(r.n), 0), duplicates: duplicates.length })}`,
    );

    expect(proxy.commitsCut).toBeGreaterThanOrEqual(50);
    expect(proxy.commitsDropped).toBeGreaterThanOrEqual(30);
    // Each lost answer is reported as such on the retry; each dropped COMMIT is written again by its retry.
    expect(answeredAsLost).toBe(proxy.commitsCut);
    expect(duplicates).toEqual([]);
    expect(gaveUp).toBe(0);
    expect(rows).toHaveLength(keys);
  }, 600_000);
});
