/**
 * Spreadsheet import benchmark (npm run bench:import [-- ROWS]): builds a ROWS-row ledger (default 100,000) with
 * exceljs's streaming writer, then, in separate processes on the same file, BENCH_ROUNDS rounds (default 3) of
 *   1. parse-only: exceljs's WorkbookReader reading every row's values, under plain `node` (the floor any importer
 *      pays), from the file as stored and from the bytes in the order the import hands them to exceljs,
 *   2. import: POST /imports' code path (zip guard, reader thread, validation, one transaction, ChangeEvents) into a
 *      fresh SQLite database, creating every project, under the node options `npm start` gives the service,
 *   3. re-import: the same file again (every row unchanged),
 * and prints rows/s, each process's peak RSS, and per round the ratio import / parse-only, then the medians. Rounds
 * interleave the runs, so a busy moment on a shared machine slows one round, not one side. Not a test: figures go
 * to BENCHMARKS.md by hand. BENCH_IMPORT_FLAGS replaces the import's node options ("" for plain node);
 * BENCH_NODE_FLAGS adds options to every child (--cpu-prof …); BENCH_FILE keeps the generated ledger at that path
 * and reuses it; SPREADSHEET_* variables reach the import's configuration.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { foldForSearch } from '../src/common/search-text';
import { loadConfig } from '../src/config/config';
import { createDataSource } from '../src/db/data-source';
import { SubgroupUnit, SubgroupUnitRole } from '../src/domain/campaign/subgroup-unit.entity';
import { Subgroup } from '../src/domain/campaign/subgroup.entity';
import { TaskForce } from '../src/domain/campaign/task-force.entity';
import { Unit, UnitKind } from '../src/domain/unit/unit.entity';
import { Role, User } from '../src/domain/user/user.entity';
import { LedgerImporter } from '../src/spreadsheet/ledger-importer.service';
import { partsInStreamingOrder } from '../src/spreadsheet/sheet-source';
import { inspectZip } from '../src/spreadsheet/zip-guard';
import { serviceNodeOptions } from './node-options';
import { readerThreads } from '../src/spreadsheet/ledger-batches';

const units = ['市发改委', '市交通运输局', '市卫健委', '市水利局', '市住建局', '鄂城区', '梁子湖区', '华容区', '葛店开发区', '临空经济区'];
const subgroups = ['交通补短板工程', '公共卫生体系补短板工程', '水利补短板工程', '城市补短板工程', '产业园区提升工程'];
const stages = ['谋划', '前期', '在建', '竣工'];

async function generate(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: true });
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['鄂州市重点项目台账（基准测试）']).commit();
  sheet.addRow(['序号', '项目代码', '项目名称', '责任单位', '所属小组', '建设性质', '建设阶段', '总投资（万元）', '年度计划投资（万元）', '1-9月完成投资（万元）', '计划开工时间', '实际开工时间', '形象进度', '联系电话', '资金来源']).commit();
  for (let i = 1; i <= rows; i += 1) {
    const unit = units[i % units.length];
    sheet
      .addRow([
        i,
        `BENCH-${String(i).padStart(6, '0')}`,
        `${unit}重点建设项目${i}号`,
        unit,
        subgroups[i % subgroups.length],
        i % 3 ? '新建' : '续建',
        stages[i % stages.length],
        10_000 + (i % 997) * 13.25,
        2_000 + (i % 331) * 7.5,
        i % 5 ? 1_000 + (i % 101) : null,
        `2021年${(i % 12) + 1}月${(i % 28) + 1}日`,
        i % 4 ? null : '2021.3',
        `完成投资${i % 100}%，主体施工中`,
        `0711-${String(3_000_000 + i)}`,
        i % 2 ? '专项债' : '企业自筹',
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

function rss(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function parseOnly(file: string, reordered: boolean): Promise<void> {
  const started = process.hrtime.bigint();
  // reordered: the bytes the import gives exceljs (worksheets after xl/sharedStrings.xml, no temporary file).
  const input = reordered
    ? Readable.from(partsInStreamingOrder(fs.readFileSync(file), inspectZip(fs.readFileSync(file), { maxEntries: 1000, maxUncompressedBytes: 1 << 30 })))
    : file;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as never, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let rows = 0;
  let cells = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet as unknown as AsyncIterable<{ values: unknown[] }>) {
      rows += 1;
      cells += row.values.length;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ rows, cells, seconds, maxRssMb: rss() }));
}

async function importPhase(file: string, dbFile: string, again: boolean): Promise<void> {
  const spreadsheetEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('SPREADSHEET_')));
  const config = { ...loadConfig({ NODE_ENV: 'production', ...spreadsheetEnv }), database: { type: 'sqlite' as const, file: dbFile } };
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  // BENCH_SQLITE_PRAGMAS="cache_size=-65536;journal_mode=WAL" tries database settings the service does not use.
  for (const pragma of (process.env.BENCH_SQLITE_PRAGMAS ?? '').split(';').filter(Boolean)) await dataSource.query(`PRAGMA ${pragma}`);
  const manager = dataSource.manager;
  if (!again) {
    await dataSource.runMigrations({ transaction: 'each' });
    const tf = await manager.save(manager.create(TaskForce, { name: '基准测试', region: '鄂州市' }));
    const sgs = [];
    for (const [position, name] of subgroups.entries()) sgs.push(await manager.save(manager.create(Subgroup, { taskForceId: tf.dbId, name, position })));
    for (const [i, name] of units.entries()) {
      const unit = await manager.save(manager.create(Unit, { name, kind: UnitKind.DEPARTMENT, region: '鄂州市', searchText: foldForSearch(name) }));
      await manager.insert(SubgroupUnit, { subgroupId: sgs[i % sgs.length].dbId, unitId: unit.dbId, role: SubgroupUnitRole.COVERED });
    }
    await manager.insert(User, { username: 'admin', passwordHash: 'x', role: Role.ADMIN });
  }
  const user = await manager.findOneByOrFail(User, { username: 'admin' });
  const taskForce = await manager.findOneByOrFail(TaskForce, { name: '基准测试' });
  const services = { config, dataSource, live: { notifyCommitted: () => undefined } } as never;
  // As `npm start` does (main.ts), a reader thread is kept started ahead; a running service has it ready.
  await readerThreads.keepOneReady(config.spreadsheet);
  const buffer = fs.readFileSync(file);
  // The main thread's heap and the memory outside it (buffers, the reader thread's heap, native), sampled.
  const peak = { heapTotal: 0, heapUsed: 0, rss: 0 };
  const rssBefore = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.rss = Math.max(peak.rss, m.rss);
  }, 50);
  const started = process.hrtime.bigint();
  const report = await new LedgerImporter(services).import(user, buffer, { taskForceId: taskForce.dbId, dryRun: false, createMissing: false });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  await readerThreads.stop();
  const events = await manager.query('SELECT COUNT(*) AS n FROM change_event');
  await dataSource.destroy();
  process.stdout.write(
    JSON.stringify({ created: report.created, updated: report.updated, unchanged: report.unchanged, errors: report.errors.length, changeEvents: Number(events[0].n), seconds, maxRssMb: rss(), rssBeforeMb: Math.round(rssBefore / 2 ** 20), mainHeapMb: Math.round(peak.heapTotal / 2 ** 20) }),
  );
}

/** The bench compiled to JavaScript, so the children's RSS is the import's and not the TypeScript compiler's. */
let compiled: string | null = null;

function compile(dir: string): string {
  const outDir = path.join(dir, 'js');
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.resolve(__dirname, '..'), '--outDir', outDir, '--sourceMap', 'false', '--noEmit', 'false'], { encoding: 'utf8' });
  const script = path.join(outDir, 'bench', 'import-ledger.js');
  if (!fs.existsSync(script)) throw new Error(`tsc failed: ${result.stdout}${result.stderr}`);
  // The compiled tree resolves packages from the project's node_modules.
  fs.symlinkSync(path.resolve(__dirname, '../node_modules'), path.join(outDir, 'node_modules'));
  return script;
}

/** CPU time the hypervisor gave other guests (the steal column of /proc/stat), in clock ticks over all CPUs; null off Linux. */
function stolenTicks(): number | null {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    return Number(cpu[8] ?? 0);
  } catch {
    return null;
  }
}

/** Steals during the last child, as a share of the CPU time the machine had: a round run while the host was busy shows it. */
let lastSteal = '';

function child(args: string[], nodeOptions: string[] = []): Record<string, number> {
  // BENCH_NODE_FLAGS adds node options to the children, e.g. "--cpu-prof --cpu-prof-dir=DIR".
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const stealBefore = stolenTicks();
  const started = Date.now();
  const result = spawnSync(process.execPath, [...nodeOptions, ...extra, compiled!, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, LOG_LEVEL: 'error' },
  });
  const stealAfter = stolenTicks();
  // /proc/stat counts in USER_HZ (100 a second on Linux) per CPU.
  const available = ((Date.now() - started) / 1000) * 100 * os.cpus().length;
  lastSteal = stealBefore === null || stealAfter === null ? '' : ` ${Math.round((100 * (stealAfter - stealBefore)) / Math.max(1, available))}%`;
  if (result.status !== 0) throw new Error(`child ${args[0]} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const [phase, ...rest] = process.argv.slice(2);
  if (phase === '--parse') return parseOnly(rest[0], rest[1] === 'reordered');
  if (phase === '--import') return importPhase(rest[0], rest[1], rest[2] === 'again');

  const rows = Number(phase ?? 100_000);
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
  const importOptions = process.env.BENCH_IMPORT_FLAGS !== undefined ? process.env.BENCH_IMPORT_FLAGS.split(/\s+/).filter(Boolean) : serviceNodeOptions();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  // BENCH_FILE=path keeps the generated ledger there and reuses it on the next run.
  const file = process.env.BENCH_FILE ?? path.join(dir, `ledger-${rows}.xlsx`);
  try {
    compiled = compile(dir);
    const genStart = Date.now();
    if (!process.env.BENCH_FILE || !fs.existsSync(file)) await generate(file, rows);
    const size = fs.statSync(file).size;
    process.stdout.write(`ledger: ${rows} rows, ${(size / 1024 / 1024).toFixed(1)} MiB xlsx, generated in ${((Date.now() - genStart) / 1000).toFixed(1)} s\n`);
    process.stdout.write(`import children: node ${importOptions.join(' ') || '(no options)'}; parse-only children: node (no options)\n`);
    process.stdout.write(
      `\nSeconds are followed by the share of CPU time the host took from this machine meanwhile (steal), where Linux tells it.\n` +
        `\n| round | parse only s (MB) | parse, import order s (MB) | import s | import RSS MB (before) | import / parse | re-import s | re-import RSS MB | re-import / parse |\n` +
        `|---|---|---|---|---|---|---|---|---|\n`,
    );
    const ratios: number[] = [];
    const againRatios: number[] = [];
    const rss: number[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      const dbFile = path.join(dir, `bench-${randomBytes(3).toString('hex')}.db`);
      const parse = child(['--parse', file]);
      const parseSteal = lastSteal;
      const parseReordered = child(['--parse', file, 'reordered']);
      const reorderedSteal = lastSteal;
      const load = child(['--import', file, dbFile], importOptions);
      const loadSteal = lastSteal;
      const again = child(['--import', file, dbFile, 'again'], importOptions);
      const againSteal = lastSteal;
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
      if (load.created !== rows || load.errors || again.unchanged !== rows) throw new Error(`unexpected import result: ${JSON.stringify({ load, again })}`);
      // Same rows, so the ratio of rows/s is the inverse ratio of seconds.
      const ratio = parse.seconds / load.seconds;
      const againRatio = parse.seconds / again.seconds;
      ratios.push(ratio);
      againRatios.push(againRatio);
      rss.push(load.maxRssMb, again.maxRssMb);
      process.stdout.write(
        `| ${round} | ${parse.seconds.toFixed(2)}${parseSteal} (${parse.maxRssMb}) | ${parseReordered.seconds.toFixed(2)}${reorderedSteal} (${parseReordered.maxRssMb}) | ${load.seconds.toFixed(2)}${loadSteal} | ` +
          `${load.maxRssMb} (${load.rssBeforeMb}) | ${ratio.toFixed(2)}× | ${again.seconds.toFixed(2)}${againSteal} | ${again.maxRssMb} | ${againRatio.toFixed(2)}× |\n`,
      );
    }
    process.stdout.write(
      `\nimport rows/s against parse-only rows/s: median ${median(ratios).toFixed(2)}×, lowest ${Math.min(...ratios).toFixed(2)}× (goal ≥ 0.5×); ` +
        `re-import median ${median(againRatios).toFixed(2)}×, lowest ${Math.min(...againRatios).toFixed(2)}×\n` +
        `peak RSS of the import processes: highest ${Math.max(...rss)} MB (goal ≤ 300 MB)\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
