/**
 * Project pages and the event loop: starts the service (`src/main.ts` of the tree it is run from, NODE_ENV=production)
 * on a copy of the 100,000-project SQLite file that `npm run bench:dashboard` generates, signs in, and for each order
 * asks six times for the first page of 50 of the main task force while a prober GETs /healthz every 20 ms; prints
 * the query's p50 and max and /healthz's p50 and max (what a page holds the event loop for).
 *
 *   npx ts-node --transpile-only bench/page-event-loop.ts [file]   (default $TMPDIR/bench-dashboard/dashboard-100000.db)
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const source = process.argv[2] ?? path.join(process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'bench-dashboard'), 'dashboard-100000.db');
const ADMIN_PASSWORD = 'bench-dashboard-admin-password';
const ORDERS = ['TOTAL_INVESTMENT_DESC', 'NAME', 'COMPLETION_RATE_ASC'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`${source} is missing: run npm run bench:dashboard -- --sizes=100000 --dbs=sqlite first.`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'page-event-loop-')), 'data.db');
  fs.copyFileSync(source, file);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', 'src', 'main.ts')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${file}`, SEED_DEMO: 'false', CHANGE_LOG_RETENTION_DAYS: '0', ADMIN_PASSWORD, JWT_SECRET: 'b'.repeat(64), LOG_LEVEL: 'error', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const gql = async (query: string, variables: object, token?: string) =>
      (await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) })).json()) as {
        data?: any;
        errors?: unknown[];
      };
    for (let i = 0; i < 240; i += 1) {
      const up = await fetch(`${url}/healthz`).then((r) => r.ok).catch(() => false);
      if (up) break;
      await sleep(500);
    }
    const token = (await gql('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username: 'admin', password: ADMIN_PASSWORD } })).data.login.token as string;
    const taskForce = Buffer.from('TaskForce:1', 'utf8').toString('base64url');
    console.log('| order | query p50 / max ms | /healthz p50 / max ms | probes |\n|---|---|---|---|');
    for (const order of ORDERS) {
      let stop = false;
      const probes: number[] = [];
      const prober = (async () => {
        while (!stop) {
          const started = performance.now();
          await fetch(`${url}/healthz`);
          probes.push(performance.now() - started);
          await sleep(20);
        }
      })();
      const times: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const started = performance.now();
        const result = await gql(`query($f: ProjectFilter) { projects(filter: $f, orderBy: ${order}, first: 50) { totalCount nodes { code name } } }`, { f: { taskForceId: taskForce } }, token);
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        times.push(performance.now() - started);
      }
      stop = true;
      await prober;
      console.log(`| ${order} | ${median(times).toFixed(0)} / ${Math.max(...times).toFixed(0)} | ${median(probes).toFixed(1)} / ${Math.max(...probes).toFixed(0)} | ${probes.length} |`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
