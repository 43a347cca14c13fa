/**
 * Data of the dashboard benchmark (bench/dashboard.ts): one task force with 30 subgroups over 300 units and N
 * projects, 12 monthly progress reports each (2020-01 … 2020-12, as_of_date = the month's last day), some problems,
 * N change events (one per project, as an import writes them); and a second task force of N/10 projects on the same
 * units. Every value comes from a PRNG seeded by the row's id, so SQLite, MariaDB and PostgreSQL get the same rows.
 *
 * SQLite and MariaDB are written through the service's own DataSource after its migrations; PostgreSQL (the peer)
 * gets the same tables by the DDL below. Rows go in as multi-row INSERTs of literal values, inside one transaction.
 */
import 'reflect-metadata';
import { seededRandom } from '../src/common/random';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const MAIN_TF = 1;
export const OTHER_TF = 2;
export const SUBGROUPS = 30;
export const UNITS = 300;
export const AS_OF = '2020-12-31';
export const SECTORS = ['工业', '交通', '水利', '能源', '城建', '社会事业', '农业农村', '生态环保', '文化旅游', '商贸物流', '教育', '卫生健康'];
const STAGES_STARTED = ['UNDER_CONSTRUCTION', 'UNDER_CONSTRUCTION', 'UNDER_CONSTRUCTION', 'SUSPENDED'];
const PROBLEM_STATES = ['REPORTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLUTION_REQUESTED', 'CLOSED'];
const COUNTIES = ['宝清县', '饶河县', '友谊县', '集贤县', '尖山区', '岭东区', '四方台区', '宝山区', '鄂城区', '华容区'];

export type Dialect = 'sqlite' | 'mysql' | 'postgres';
type Value = string | number | boolean | null;
interface Table {
  name: string;
  columns: string[];
  rows: Value[][];
}

/** Executes one SQL statement (no result needed). */
export type Exec = (sql: string) => Promise<unknown>;

/** The row's own generator: mulberry32 seeded by the row id (spread by a multiplier so neighbours differ). */
const prng = (seed: number) => seededRandom(seed * 2654435761);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const monthEnd = (m: number) => `2020-${pad(m)}-${pad(new Date(Date.UTC(2020, m, 0)).getUTCDate())}`;
/** Day `d` (0-based) of 2020 as ISO. */
const dayOf2020 = (d: number) => new Date(Date.UTC(2020, 0, 1) + Math.max(0, Math.min(365, d)) * 86_400_000).toISOString().slice(0, 10);
const money = (x: number) => Math.round(x * 100) / 100;

export function projectCounts(size: number): { main: number; other: number } {
  return { main: size, other: Math.max(1, Math.round(size / 10)) };
}

/** Units 1..300, the two task forces, 30 + 3 subgroups with covered units and leaders. */
function directory(): Table[] {
  const units: Value[][] = [];
  for (let id = 1; id <= UNITS; id += 1) {
    const county = COUNTIES[id % COUNTIES.length];
    const name = `${county}责任单位${pad(id, 3)}`;
    units.push([id, name, '双鸭山市', id % 3 === 0 ? 'DEPARTMENT' : 'COUNTY', name, 1]);
  }
  const taskForces: Value[][] = [
    [MAIN_TF, '2020年重点项目建设推进方案', '重点项目建设领导小组', '双政办发〔2020〕4号', '双鸭山市', '2020-01-01', '2020-12-31', 'MONTH', 'MONTH', 1],
    [OTHER_TF, '2020年民生项目攻坚行动', '民生项目工作组', '双政办发〔2020〕9号', '双鸭山市', '2020-01-01', '2020-12-31', 'MONTH', 'MONTH', 1],
  ];
  const subgroups: Value[][] = [];
  const links: Value[][] = [];
  const persons: Value[][] = [];
  const roles: Value[][] = [];
  for (let s = 1; s <= SUBGROUPS; s += 1) {
    subgroups.push([s, MAIN_TF, `第${s}包保推进组`, (s - 1) * 10 + 1, s, 1]);
    for (let k = 0; k < 10; k += 1) links.push([s, (s - 1) * 10 + 1 + k, 'COVERED', k]);
  }
  for (let k = 0; k < 3; k += 1) {
    const s = SUBGROUPS + 1 + k;
    subgroups.push([s, OTHER_TF, `民生攻坚第${k + 1}组`, k * 100 + 1, k + 1, 1]);
    for (let u = 0; u < 100; u += 1) links.push([s, k * 100 + 1 + u, 'COVERED', u]);
  }
  for (let s = 1; s <= SUBGROUPS + 3; s += 1) {
    persons.push([s, `组长${pad(s)}`, '副市长', null, 1]);
    roles.push([s, s <= SUBGROUPS ? MAIN_TF : OTHER_TF, s, s, '组长', 'LEADER', '副市长', 0]);
  }
  return [
    { name: 'unit', columns: ['id', 'name', 'region', 'kind', 'search_text', 'version'], rows: units },
    { name: 'task_force', columns: ['id', 'name', 'group_name', 'document_number', 'region', 'period_start', 'period_end', 'reporting_cadence', 'time_progress_mode', 'version'], rows: taskForces },
    { name: 'subgroup', columns: ['id', 'task_force_id', 'name', 'lead_unit_id', 'position', 'version'], rows: subgroups },
    { name: 'subgroup_unit', columns: ['subgroup_id', 'unit_id', 'role', 'position'], rows: links },
    { name: 'person', columns: ['id', 'name', 'title', 'unit_id', 'version'], rows: persons },
    { name: 'role_assignment', columns: ['id', 'task_force_id', 'subgroup_id', 'person_id', 'role', 'kind', 'title', 'position'], rows: roles },
  ];
}

const projectColumns = [
  'id', 'code', 'name', 'task_force_id', 'unit_id', 'subgroup_id', 'subgroup_explicit', 'seq', 'sector', 'owner', 'location', 'nature',
  'stage', 'total_investment', 'annual_plan_investment', 'ytd_completed_investment', 'cumulative_completed_investment', 'planned_funds',
  'funds_in_place', 'stats_date', 'planned_start', 'actual_start', 'planned_end', 'actual_end', 'visual_progress', 'problems_text',
  'search_text', 'is_example', 'archived_at', 'version',
];
const reportColumns = [
  'project_id', 'period', 'period_type', 'period_start', 'period_end', 'as_of_date', 'ytd_completed_investment', 'period_investment',
  'cumulative_completed_investment', 'funds_in_place', 'stage', 'visual_progress', 'workers_on_site', 'submitted_at', 'version',
];
const problemColumns = ['task_force_id', 'subgroup_id', 'project_id', 'unit_id', 'title', 'state', 'responsible_unit_id', 'deadline', 'escalation_level', 'version'];
const changeColumns = ['seq', 'at', 'actor', 'entity', 'entity_id', 'action', 'changes', 'task_force_id', 'subgroup_id', 'unit_id', 'project_id'];

/** The rows of projects `from`..`to` (ids), with their reports, problems and (main task force) change events. */
function projectBatch(size: number, from: number, to: number): Table[] {
  const { main } = projectCounts(size);
  const projects: Value[][] = [];
  const reports: Value[][] = [];
  const problems: Value[][] = [];
  const changes: Value[][] = [];
  // 年度计划投资 by year (the service reads annual_plan; the hand-written SQL the project's own column, the same 2020 plan).
  const plans: Value[][] = [];
  for (let id = from; id <= to; id += 1) {
    const rnd = prng(id + 7919 * size);
    const tf = id <= main ? MAIN_TF : OTHER_TF;
    const seq = tf === MAIN_TF ? id : id - main;
    // Units carry unequal numbers of projects (a few counties carry many).
    const unit = 1 + Math.floor(UNITS * rnd() ** 1.6) % UNITS;
    const subgroup = tf === MAIN_TF ? Math.floor((unit - 1) / 10) + 1 : SUBGROUPS + 1 + Math.floor((unit - 1) / 100);
    const sector = SECTORS[Math.floor(rnd() * SECTORS.length)];
    const total = money(Math.exp(Math.log(500) + rnd() * (Math.log(500_000) - Math.log(500))));
    const continuing = rnd() < 0.3;
    const annual = money(total * (0.1 + rnd() * 0.5));
    const plannedStartDay = continuing ? -200 - Math.floor(rnd() * 300) : Math.floor(rnd() * 330);
    const plannedStart = plannedStartDay < 0 ? new Date(Date.UTC(2020, 0, 1) + plannedStartDay * 86_400_000).toISOString().slice(0, 10) : dayOf2020(plannedStartDay);
    let startDay: number | null = null;
    if (continuing) startDay = plannedStartDay + Math.floor(rnd() * 30);
    else if (rnd() < 0.8) startDay = plannedStartDay + Math.floor(rnd() * 60) - 15;
    const actualStart = startDay === null ? null : startDay < 0 ? new Date(Date.UTC(2020, 0, 1) + startDay * 86_400_000).toISOString().slice(0, 10) : startDay > 365 ? `2021-01-${pad(1 + (startDay % 28))}` : dayOf2020(startDay);
    const finishThisYear = rnd() < 0.4;
    const plannedEnd = finishThisYear ? dayOf2020(Math.max(plannedStartDay + 60, 150 + Math.floor(rnd() * 215))) : `${2021 + Math.floor(rnd() * 2)}-${pad(1 + Math.floor(rnd() * 12))}-15`;
    let actualEnd: string | null = null;
    if (finishThisYear && startDay !== null && rnd() < 0.6) actualEnd = dayOf2020(Math.min(365, Math.max(startDay + 30, 150 + Math.floor(rnd() * 230))));
    const production = actualEnd !== null && rnd() < 0.5;
    const pace = 0.3 + rnd() * 0.9;
    const plannedFunds = money(annual * (0.8 + rnd() * 0.4));
    const priorCumulative = continuing ? money(total * rnd() * 0.4) : 0;

    // Monthly reports: year-to-date grows with the pace once the project has started.
    let ytd = 0;
    let stageAt = 'PREPARING';
    let funds = 0;
    const startMonth = startDay === null ? 13 : startDay < 0 ? 1 : new Date(Date.UTC(2020, 0, 1) + startDay * 86_400_000).getUTCMonth() + 1;
    const endMonth = actualEnd === null ? 13 : Number(actualEnd.slice(5, 7));
    const monthly: Array<{ ytd: number; cumulative: number; funds: number; stage: string }> = [];
    for (let m = 1; m <= 12; m += 1) {
      const previous = ytd;
      if (m >= startMonth) ytd = money(Math.min(annual * 1.3, previous + (annual * pace * (0.6 + rnd() * 0.8)) / 12));
      funds = money(Math.min(plannedFunds, funds + (plannedFunds * (0.5 + rnd())) / 12));
      if (m >= startMonth) stageAt = STAGES_STARTED[Math.floor(rnd() * STAGES_STARTED.length)];
      if (m >= endMonth) stageAt = production ? 'IN_PRODUCTION' : 'COMPLETED';
      const cumulative = money(priorCumulative + ytd);
      monthly.push({ ytd, cumulative, funds, stage: stageAt });
      reports.push([
        id, `2020-${pad(m)}`, 'MONTH', `2020-${pad(m)}-01`, monthEnd(m), monthEnd(m), ytd, money(ytd - previous), cumulative, funds, stageAt,
        m >= startMonth ? `第${m}月形象进度` : null, m >= startMonth ? Math.floor(rnd() * 300) : 0, `${monthEnd(m)} 10:00:00`, 1,
      ]);
    }
    // The ledger's stored figures: December's, dated 2020-12-31 (ties with the December report) or undated; one in ten
    // already carries January 2021 figures (dated after asOf, so the December report decides at 2020-12-31).
    const december = monthly[11];
    const kind = rnd();
    let stored = { ytd: december.ytd, cumulative: december.cumulative, funds: december.funds, date: '2020-12-31' as string | null };
    if (kind < 0.2) stored = { ...stored, date: null };
    else if (kind < 0.3) stored = { ytd: money(annual * 0.05), cumulative: money(december.cumulative + annual * 0.05), funds: december.funds, date: '2021-01-15' };
    const archived = rnd() < 0.01 ? '2020-11-30 09:00:00' : null;
    const code = `${tf === MAIN_TF ? 'ZD' : 'MS'}2020-${pad(seq, 6)}`;
    const name = `${COUNTIES[unit % COUNTIES.length]}${sector}项目${seq}号`;
    const problemText = rnd() < 0.08 ? '用地指标未落实' : null;
    projects.push([
      id, code, name, tf, unit, subgroup, false, seq, sector, `${sector}投资有限公司`, COUNTIES[unit % COUNTIES.length], continuing ? '续建' : '新建',
      december.stage, total, annual, stored.ytd, stored.cumulative, plannedFunds, stored.funds, stored.date, plannedStart, actualStart,
      plannedEnd, actualEnd, december.stage === 'PREPARING' ? '前期手续办理中' : '主体施工', problemText, `${code}${name}`.toLowerCase(), false, archived, 1,
    ]);
    plans.push([id, 2020, annual]);
    if (problemText || rnd() < 0.03) {
      problems.push([tf, subgroup, id, unit, problemText ?? '资金到位滞后', PROBLEM_STATES[Math.floor(rnd() * PROBLEM_STATES.length)], unit, '2020-12-31', 'UNIT', 1]);
    }
    if (tf === MAIN_TF) {
      const entityId = Buffer.from(`Project:${id}`, 'utf8').toString('base64url');
      const change = JSON.stringify({ code: { before: null, after: code }, totalInvestment: { before: null, after: total }, stage: { before: null, after: december.stage } });
      changes.push([id, `2020-12-31 ${pad(8 + Math.floor(id / 36000) % 12)}:${pad(Math.floor(id / 600) % 60)}:${pad(Math.floor(id / 10) % 60)}.${pad(id % 1000, 3)}`, 'bench', 'Project', entityId, 'CREATE', change, tf, subgroup, unit, id]);
    }
  }
  return [
    { name: 'project', columns: projectColumns, rows: projects },
    { name: 'annual_plan', columns: ['project_id', 'year', 'amount'], rows: plans },
    { name: 'progress_report', columns: reportColumns, rows: reports },
    { name: 'problem', columns: problemColumns, rows: problems },
    { name: 'change_event', columns: changeColumns, rows: changes },
  ];
}

function literal(value: Value, dialect: Dialect): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return dialect === 'postgres' ? (value ? 'TRUE' : 'FALSE') : value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

function quoteName(name: string, dialect: Dialect): string {
  return dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
}

async function insert(exec: Exec, table: Table, dialect: Dialect, rowsPerStatement = 1000): Promise<void> {
  const head = `INSERT INTO ${quoteName(table.name, dialect)} (${table.columns.map((c) => quoteName(c, dialect)).join(', ')}) VALUES `;
  for (let i = 0; i < table.rows.length; i += rowsPerStatement) {
    const values = table.rows.slice(i, i + rowsPerStatement).map((row) => `(${row.map((v) => literal(v, dialect)).join(',')})`);
    await exec(head + values.join(','));
  }
}

/**
 * Writes the whole data set through `exec` into empty tables (the caller wraps it in a transaction).
 * Returns the row counts written.
 */
export async function writeDataset(exec: Exec, dialect: Dialect, size: number, log: (line: string) => void = () => {}): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of directory()) {
    await insert(exec, table, dialect);
    counts[table.name] = table.rows.length;
  }
  const { main, other } = projectCounts(size);
  const last = main + other;
  const batch = 2000;
  const started = Date.now();
  for (let from = 1; from <= last; from += batch) {
    for (const table of projectBatch(size, from, Math.min(last, from + batch - 1))) {
      await insert(exec, table, dialect);
      counts[table.name] = (counts[table.name] ?? 0) + table.rows.length;
    }
    if (from % 20_000 === 1 && from > 1) log(`  ${from - 1}/${last} projects (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  // The change log's sequence continues after the generated events.
  const events = counts.change_event ?? 0;
  if (dialect !== 'postgres') await exec(`UPDATE sequence_counter SET value = ${events} WHERE name = 'change_event'`);
  return counts;
}

/** The peer's tables on PostgreSQL: the columns the dashboard reads, with the service's indexes. */
export const postgresSchema = `
CREATE TABLE unit (id integer PRIMARY KEY, name varchar(100) NOT NULL, region varchar(50) NOT NULL DEFAULT '', kind varchar(24) NOT NULL, search_text varchar(200) NOT NULL DEFAULT '', version integer NOT NULL DEFAULT 1);
CREATE TABLE task_force (id integer PRIMARY KEY, name varchar(300) NOT NULL, group_name varchar(300), document_number varchar(100), region varchar(50) NOT NULL DEFAULT '',
  period_start date, period_end date, reporting_cadence varchar(24), time_progress_mode varchar(24) NOT NULL DEFAULT 'MONTH',
  green_min_gap numeric(20,4) NOT NULL DEFAULT -10, yellow_min_gap numeric(20,4) NOT NULL DEFAULT -30, ranking_weights_json text, phases_json text, version integer NOT NULL DEFAULT 1);
CREATE TABLE subgroup (id integer PRIMARY KEY, task_force_id integer NOT NULL REFERENCES task_force(id), name varchar(200) NOT NULL, lead_unit_id integer REFERENCES unit(id),
  position integer NOT NULL DEFAULT 0, version integer NOT NULL DEFAULT 1);
CREATE INDEX ix_subgroup_task_force ON subgroup (task_force_id, position);
CREATE TABLE subgroup_unit (subgroup_id integer NOT NULL REFERENCES subgroup(id), unit_id integer NOT NULL REFERENCES unit(id), role varchar(24) NOT NULL, position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (subgroup_id, unit_id, role));
CREATE INDEX ix_subgroup_unit_unit ON subgroup_unit (unit_id);
CREATE TABLE person (id integer PRIMARY KEY, name varchar(50) NOT NULL, title varchar(200), unit_id integer, version integer NOT NULL DEFAULT 1);
CREATE TABLE role_assignment (id integer PRIMARY KEY, task_force_id integer, subgroup_id integer REFERENCES subgroup(id), person_id integer NOT NULL REFERENCES person(id),
  role varchar(30) NOT NULL, kind varchar(24) NOT NULL, title varchar(200), since date, until date, position integer NOT NULL DEFAULT 0);
CREATE INDEX ix_role_subgroup ON role_assignment (subgroup_id);
CREATE TABLE project (id integer PRIMARY KEY, code varchar(64) NOT NULL, name varchar(300) NOT NULL, task_force_id integer NOT NULL REFERENCES task_force(id),
  unit_id integer NOT NULL REFERENCES unit(id), subgroup_id integer REFERENCES subgroup(id), subgroup_explicit boolean NOT NULL DEFAULT false, seq integer,
  sector varchar(100), owner varchar(200), location varchar(200), nature varchar(10), stage varchar(24) NOT NULL,
  total_investment numeric(16,2), annual_plan_investment numeric(16,2), ytd_completed_investment numeric(16,2), cumulative_completed_investment numeric(16,2),
  planned_funds numeric(16,2), funds_in_place numeric(16,2), stats_date date, planned_start date, actual_start date, planned_end date, actual_end date,
  visual_progress text, problems_text text, search_text varchar(800) NOT NULL DEFAULT '', is_example boolean NOT NULL DEFAULT false, archived_at timestamp,
  version integer NOT NULL DEFAULT 1);
CREATE UNIQUE INDEX uq_project_task_force_code ON project (task_force_id, code);
CREATE INDEX ix_project_unit ON project (unit_id, task_force_id);
CREATE INDEX ix_project_subgroup ON project (subgroup_id);
CREATE TABLE annual_plan (id serial PRIMARY KEY, project_id integer NOT NULL REFERENCES project(id), year integer NOT NULL, amount numeric(16,2) NOT NULL);
CREATE UNIQUE INDEX uq_annual_plan_project_year ON annual_plan (project_id, year);
CREATE TABLE progress_report (id serial PRIMARY KEY, project_id integer NOT NULL REFERENCES project(id), period varchar(16) NOT NULL, period_type varchar(24) NOT NULL,
  period_start date NOT NULL, period_end date NOT NULL, as_of_date date NOT NULL, ytd_completed_investment numeric(16,2), period_investment numeric(16,2),
  cumulative_completed_investment numeric(16,2), funds_in_place numeric(16,2), stage varchar(24), visual_progress text, workers_on_site integer,
  submitted_at timestamp NOT NULL, version integer NOT NULL DEFAULT 1);
CREATE UNIQUE INDEX uq_report_project_period ON progress_report (project_id, period);
CREATE INDEX ix_report_project_as_of ON progress_report (project_id, as_of_date);
CREATE TABLE problem (id serial PRIMARY KEY, task_force_id integer, subgroup_id integer, project_id integer REFERENCES project(id), unit_id integer, title varchar(300) NOT NULL,
  state varchar(24) NOT NULL, responsible_unit_id integer, deadline date, escalation_level varchar(24) NOT NULL, version integer NOT NULL DEFAULT 1);
CREATE INDEX ix_problem_task_force_state ON problem (task_force_id, state);
CREATE INDEX ix_problem_subgroup_state ON problem (subgroup_id, state);
CREATE INDEX ix_problem_unit_state ON problem (unit_id, state);
CREATE INDEX ix_problem_project ON problem (project_id);
CREATE TABLE change_event (seq bigint PRIMARY KEY, at timestamp(3) NOT NULL, actor varchar(100), entity varchar(40) NOT NULL, entity_id varchar(64) NOT NULL,
  action varchar(24) NOT NULL, changes text NOT NULL, task_force_id integer, subgroup_id integer, unit_id integer, project_id integer);
`;

/** Generates into a SQLite file or a MariaDB database through the service's DataSource (migrations first). */
export async function generateWithDataSource(database: { type: 'sqlite'; file: string } | { type: 'mariadb'; url: string }, size: number, log: (line: string) => void): Promise<Record<string, number>> {
  // Loaded here so that the PostgreSQL path does not need the service's code.
  const { createDataSource } = require('../src/db/data-source') as typeof import('../src/db/data-source');
  if (database.type === 'sqlite') {
    fs.mkdirSync(path.dirname(database.file), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(database.file + suffix, { force: true });
  }
  const dataSource = createDataSource(database.type === 'sqlite' ? { type: 'sqlite', file: database.file } : { type: 'mariadb', url: database.url });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (database.type === 'mariadb') await runner.query('SET foreign_key_checks = 0, unique_checks = 0');
      await runner.startTransaction();
      const counts = await writeDataset((sql) => runner.query(sql), database.type === 'sqlite' ? 'sqlite' : 'mysql', size, log);
      await runner.commitTransaction();
      if (database.type === 'mariadb') await runner.query('SET foreign_key_checks = 1, unique_checks = 1');
      // No ANALYZE on SQLite: the service's own files never get one either.
      if (database.type === 'mariadb') await runner.query('ANALYZE TABLE project, progress_report, problem, change_event, subgroup_unit');
      return counts;
    } finally {
      await runner.release();
    }
  } finally {
    await dataSource.destroy();
  }
}
