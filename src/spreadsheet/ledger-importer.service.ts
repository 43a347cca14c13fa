import { EntityManager, In, QueryRunner } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { requireUser, unitTakesPart } from '../auth/guards';
import { foldForSearch, projectSearchText } from '../common/search-text';
import { inTransaction } from '../db/transaction';
import { SubgroupUnit, SubgroupUnitRole } from '../domain/campaign/subgroup-unit.entity';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { Project, ProjectStage } from '../domain/project/project.entity';
import {
  adminOnlyMessage,
  createProblem,
  customSetProblem,
  dateOrderProblem,
  figureFields,
  forbiddenChanges,
  namedSubgroupIsExplicit,
  orderedDates,
  rowProblem,
  writerProblem,
} from '../domain/project/project-rules';
import { isUniqueViolation } from '../db/unique-violation';
import { staleVersion } from '../db/versioned-update';
import { Unit, UnitKind } from '../domain/unit/unit.entity';
import { Role, User } from '../domain/user/user.entity';
import { ErrorCode, ForbiddenError, NotFoundError } from '../errors/app-error';
import { ChangeEntry, diff, FieldChanges, recordChange, stageChanges } from '../domain/change/change-log';
import { today, yearOf } from '../metrics/dates';
import { latestPlan, planChanges, plansOf } from '../domain/project/annual-plans';
import { FiguresDate } from './ledger-date';
import type { Services } from '../server/services';
import { LedgerBatch, ledgerSource } from './ledger-batches';
import { LedgerRow, LedgerSheet } from './ledger-reader';
import { SpreadsheetLimits } from './sheet-source';
import { stageLabel } from './cell-values';
import { ImportIssue } from './spreadsheet-error';

export interface ImportOptions {
  taskForceId: number;
  dryRun: boolean;
  /** Create the units and subgroups the file names but the service lacks (ADMIN only). */
  createMissing: boolean;
  /** Name a CSV's single sheet takes in the report. */
  fileName?: string;
  /** The date the file's figures stand for (ISO, checked by the caller); without it the file's own text dates them (ledger-date.ts). */
  asOf?: string | null;
}

/** What one row does (or, in a dry run, would do). */
export interface ImportRowOutcome {
  sheet: string;
  row: number;
  code: string;
  action: 'create' | 'update';
  /** For updates: field → {before, after}; for creates: the values set. */
  changes: FieldChanges;
}

/** The JSON report of POST /imports and of the CLI. */
export interface ImportReport {
  dryRun: boolean;
  /** True when the rows were written (a real run without errors). */
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Every problem found, counted; `errors` lists the first `maxReportedErrors` of them. */
  errorCount: number;
  /** errorCount by error code (BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, CONFLICT). */
  errorsByCode: Record<string, number>;
  errors: ImportIssue[];
  errorsTruncated: boolean;
  /** Created and updated rows with their changes (unchanged rows are only counted), the first `maxReportedRows`. */
  rows: ImportRowOutcome[];
  /** Created and updated rows left out of `rows`. */
  rowsOmitted: number;
  rowsTruncated: boolean;
  /** Says what the lists leave out, when they leave anything out. */
  note?: string;
  /** Units and subgroups created (or, in a dry run, to be created) with createMissing. */
  createdUnits: string[];
  createdSubgroups: string[];
  /** Sheets without a ledger header row (notes, instructions) or hidden, not imported. */
  skippedSheets: string[];
  /**
   * The dates the rows' figures (and 年度计划投资, the plan of that date's year) were given, each with where it came
   * from — the asOf parameter, a 统计截止日期 column, a sheet's title, or today — and how many rows it dated.
   */
  figuresDated: FiguresDate[];
}

export const maxReportedRows = 1000;
export const maxReportedErrors = 1000;
/**
 * Rows read, checked and written together; the import holds about one chunk of the file at a time. Small on
 * purpose: 1,000-row chunks outlived V8's young generation and made a 100,000-row import about 1.7× slower.
 */
const chunkSize = 250;
/** Bound parameters per statement: well under SQLite's 32,766 (MariaDB's text protocol has no such limit). */
const maxParameters = 20_000;

/** The ledger column of each ADMIN-only field (project-rules adminOnlyFields), to place its row errors. */
const adminOnlyColumns: Record<string, string> = { totalInvestment: 'totalInvestment', annualPlanInvestment: 'annualPlanInvestment', annualPlans: 'annualPlanInvestment', subgroupId: 'subgroup', unitId: 'unit' };
/** Ledger date columns that must not end before they start (project-rules orderedDates): start ↔ end. */
const datePartner = new Map<string, string>(orderedDates.flatMap(([start, end]) => [[start, end], [end, start]] as Array<[string, string]>));
const dateLabels: Record<string, string> = { plannedStart: '计划开工时间', plannedEnd: '计划竣工时间', actualStart: '实际开工时间', actualEnd: '实际竣工时间' };

/** Rolls the transaction back when any row failed; carries nothing, the issues are already collected. */
class RollBack extends Error {}

/** A guess at a new unit's kind from its name (县 → COUNTY, 区 → DISTRICT, …). */
export function guessUnitKind(name: string): UnitKind {
  const folded = foldForSearch(name);
  if (/(开发区|园区|新区|高新区|经济区|港区|示范区)$/.test(folded)) return UnitKind.ZONE;
  if (/(公司|集团|有限责任公司|股份有限公司)$/.test(folded)) return UnitKind.ENTERPRISE;
  if (/(县|县级市)$/.test(folded) || /^[^市]+市$/.test(folded)) return UnitKind.COUNTY;
  if (/区$/.test(folded)) return UnitKind.DISTRICT;
  if (/(局|委|办|厅|中心|院|所|站|队|部|处|会)$/.test(folded) || folded.startsWith('市')) return UnitKind.DEPARTMENT;
  return UnitKind.OTHER;
}

/** Custom fields after applying a row's custom columns to the project's (columns not in the file stay). */
function mergeCustom(existing: Record<string, string> | null, incoming: Record<string, string | null>): Record<string, string> | null {
  const merged: Record<string, string> = { ...(existing ?? {}) };
  for (const [key, value] of Object.entries(incoming)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return Object.keys(merged).length ? merged : null;
}

/** Plans of one row, for the chunk's writes. */
type RowPlan =
  | { kind: 'create'; row: LedgerRow; values: Record<string, unknown>; changes: FieldChanges; plan: [number, number] | null }
  | { kind: 'update'; row: LedgerRow; project: Project; written: Record<string, unknown>; changes: FieldChanges; plan: [number, number | null] | null }
  | { kind: 'unchanged' };

/** Project properties every chunk reads of the existing projects, whatever columns the file has. */
const alwaysRead = ['dbId', 'code', 'name', 'owner', 'location', 'unitId', 'subgroupId', 'subgroupExplicit', 'stage', 'archivedAt', 'statsDate', 'version'];

/**
 * Imports a ledger file into a task force: reads it (see LedgerReader) as it streams, a chunk of rows at a time:
 * resolves units and subgroups, checks the caller's rights on every row and — unless it is a dry run or any row
 * failed so far — upserts the chunk on project code with a ChangeEvent per written row, all in ONE transaction that
 * is rolled back when any row of the file fails. Everything or nothing is written; a dry run plans the same rows
 * and writes nothing.
 */
export class LedgerImporter {
  constructor(private readonly services: Services) {}

  private get limits(): SpreadsheetLimits {
    return this.services.config.spreadsheet;
  }

  async import(actor: User | null, file: Buffer, options: ImportOptions): Promise<ImportReport> {
    const user = requireUser(actor);
    const gate = writerProblem(user);
    if (gate) throw new ForbiddenError(gate);
    if (options.createMissing && user.role !== Role.ADMIN) {
      throw new ForbiddenError('Only the leading-group office (ADMIN) may create units and subgroups (createMissing=true).');
    }
    const dataSource = this.services.dataSource;
    const taskForce = await dataSource.manager.findOne(TaskForce, { where: { dbId: options.taskForceId } });
    if (!taskForce) throw new NotFoundError('TaskForce', String(options.taskForceId), 'taskForce');

    // Large workbooks are parsed in a worker thread (ledger-batches.ts) while this thread checks and writes the
    // batches it has posted; CSV files and small workbooks are read here.
    const source = ledgerSource(file, this.limits, options.fileName, chunkSize);
    try {
      // The byte, zip and inflate checks run before the first batch: a refused file never opens a transaction.
      const first = await source.next();
      const run = new ImportRun(user, taskForce, options, source.skippedSheets, dataSource.options.type !== 'better-sqlite3');
      const feed = async (manager: EntityManager, write: boolean) => {
        await run.prepare(manager);
        for (let batch = first; batch; batch = await source.next()) await run.apply(manager, batch, write);
      };
      if (options.dryRun) {
        await feed(dataSource.manager, false);
        await run.nameRows(dataSource.manager);
        return run.report(false);
      }
      try {
        await inTransaction(dataSource, async (manager) => {
          await feed(manager, true);
          if (run.errorCount) throw new RollBack();
        });
      } catch (error) {
        if (!(error instanceof RollBack)) throw error;
        return run.report(false);
      }
      await run.nameRows(dataSource.manager);
      return run.report(true);
    } finally {
      await source.close();
    }
  }
}

function sameCodeMessage(code: string, first: { sheet: string; row: number; code: string } | null): string {
  const where = first ? `${first.code} in sheet "${first.sheet}" row ${first.row}` : 'another code of this file or of the task force';
  return `项目代码 ${code} is the same code as ${where} for the database, which compares codes without case, width or accents; keep one of them.`;
}

/** A statement's affected-row count (TypeORM's manager.query hands back only the raw result). */
async function execute(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner: QueryRunner | undefined = manager.queryRunner;
  if (!runner) throw new Error('writes need the transaction\'s entity manager');
  const result = await runner.query(sql, params, true);
  return Number(result.affected ?? 0);
}

/** One import's state: look-ups, counts, the capped lists of outcomes and issues. */
class ImportRun {
  errorCount = 0;
  private readonly errors: ImportIssue[] = [];
  private readonly errorsByCode: Record<string, number> = {};
  private readonly outcomes: ImportRowOutcome[] = [];
  private outcomesOmitted = 0;
  private counts = { create: 0, update: 0, unchanged: 0 };
  private readonly createdUnits = new Map<string, Unit>();
  private readonly createdSubgroups = new Map<string, Subgroup>();
  private readonly unitsByName = new Map<string, Unit[]>();
  /** Folded unit names already looked up in the directory (found or not). */
  private readonly unitKeysLookedUp = new Set<string>();
  private readonly unitIdsSeen = new Set<number>();
  private readonly folded = new Map<string, string>();
  private readonly subgroupsByName = new Map<string, Subgroup[]>();
  /** Unit → subgroups of this task force covering it (for the derived subgroup). */
  private readonly coverage = new Map<number, Set<number>>();
  private readonly linkedUnits = new Set<number>();
  /** For a reporter: whether its unit takes part in the task force (unitTakesPart), read once in prepare(). */
  private reporterTakesPart = false;
  /** Project properties each sheet's rows need of the existing projects. */
  private readonly readBySheet = new Map<LedgerSheet, string[]>();
  /** The date pairs (project-rules orderedDates) each sheet has a column of. */
  private readonly datePairsBySheet = new Map<LedgerSheet, ReadonlyArray<readonly [string, string]>>();
  /**
   * On MariaDB and MySQL, the projects this import has written a row to (id → that row): codes the collation takes
   * as one (A-1, a-1, Ａ-1) must not write one project twice. SQLite compares codes exactly, and the reader has
   * already refused a code repeated in the file.
   */
  private readonly touched: Map<number, { sheet: string; row: number; code: string }> | null;
  private placeholderId = -1;
  private readonly today = today();
  /** The dates given to rows' figures, by date and source. */
  private readonly dated = new Map<string, FiguresDate>();
  /** Yearly plans of the chunk's existing projects (when the file has a 年度计划投资 column). */
  private chunkPlans = new Map<number, Map<number, number>>();
  private readonly reporter: boolean;

  constructor(
    private readonly user: User,
    private readonly taskForce: TaskForce,
    private readonly options: ImportOptions,
    /** Filled by the source once the whole file is read. */
    private readonly skippedSheets: string[],
    /** The database compares project codes by a collation (MariaDB, MySQL), not byte for byte (SQLite). */
    collatedCodes: boolean,
  ) {
    this.reporter = user.role === Role.REPORTER;
    this.touched = collatedCodes ? new Map() : null;
  }

  /** Loads what every chunk needs: the task force's subgroups, their coverage, and the units it already carries. */
  async prepare(manager: EntityManager): Promise<void> {
    const subgroups = await manager.find(Subgroup, { where: { taskForceId: this.taskForce.dbId }, order: { position: 'ASC', dbId: 'ASC' } });
    for (const subgroup of subgroups) {
      const key = foldForSearch(subgroup.name);
      this.subgroupsByName.set(key, [...(this.subgroupsByName.get(key) ?? []), subgroup]);
    }
    if (subgroups.length) {
      const links = await manager.find(SubgroupUnit, { where: { subgroupId: In(subgroups.map((s) => s.dbId)), role: SubgroupUnitRole.COVERED } });
      for (const link of links) {
        this.coverage.set(link.unitId, (this.coverage.get(link.unitId) ?? new Set()).add(link.subgroupId));
        this.linkedUnits.add(link.unitId);
      }
    }
    const carrying: Array<{ unit: number | string }> = await manager
      .createQueryBuilder(Project, 'p')
      .select('DISTINCT p.unit_id', 'unit')
      .where('p.task_force_id = :id', { id: this.taskForce.dbId })
      .getRawMany();
    for (const row of carrying) this.linkedUnits.add(Number(row.unit));
    // A reporter creates projects only in a task force its unit takes part in, as projectCreate allows.
    if (this.reporter) this.reporterTakesPart = this.user.unitId !== null && (await unitTakesPart(manager, this.user.unitId, this.taskForce.dbId));
  }

  /**
   * Takes a batch of the reader's rows and issues and plans every row; writes the chunk only when `write`
   * (a real run) and nothing has failed so far. After the first failure the rest of the file is still checked, so
   * the report lists every problem, and the transaction is rolled back at the end.
   */
  async apply(manager: EntityManager, batch: LedgerBatch, write: boolean): Promise<void> {
    for (const issue of batch.issues) this.addIssue(issue);
    const rows = batch.rows;
    if (!rows.length) return;
    await this.lookUpUnits(manager, rows);
    const byCode = await this.existingProjects(manager, rows);
    this.chunkPlans = rows.some((r) => r.sheet.present.has('annualPlanInvestment')) ? await plansOf(manager, [...byCode.values()].map((p) => p.dbId)) : new Map();
    const plans: RowPlan[] = [];
    for (const row of rows) {
      const plan = await this.planRow(manager, row, byCode.get(row.code) ?? null, write && this.errorCount === 0);
      if (plan) plans.push(plan);
    }
    if (!write || this.errorCount) return;
    await this.writeChunk(manager, plans);
  }

  /**
   * The reported rows' changes as the ledger shows them: 责任单位 and 所属小组 by name (`unit`, `subgroup`, the
   * ledger's column fields) instead of ids, 建设阶段 by its Chinese label, and no `subgroupExplicit` (how the
   * subgroup was chosen is the service's bookkeeping). The change log keeps the ids.
   */
  async nameRows(manager: EntityManager): Promise<void> {
    const unitNames = new Map<number, string>();
    const subgroupNames = new Map<number, string>();
    for (const list of this.unitsByName.values()) for (const u of list) unitNames.set(u.dbId, u.name);
    for (const u of this.createdUnits.values()) unitNames.set(u.dbId, u.name);
    for (const list of this.subgroupsByName.values()) for (const g of list) subgroupNames.set(g.dbId, g.name);
    for (const g of this.createdSubgroups.values()) subgroupNames.set(g.dbId, g.name);
    const ids = (key: string, known: Map<number, string>) =>
      [...new Set(this.outcomes.flatMap((o) => (o.changes[key] ? [o.changes[key].before, o.changes[key].after] : [])))].filter((id): id is number => typeof id === 'number' && !known.has(id));
    const missingUnits = ids('unitId', unitNames);
    if (missingUnits.length) for (const u of await manager.find(Unit, { where: { dbId: In(missingUnits) }, select: { dbId: true, name: true } })) unitNames.set(u.dbId, u.name);
    const missingSubgroups = ids('subgroupId', subgroupNames);
    if (missingSubgroups.length) for (const g of await manager.find(Subgroup, { where: { dbId: In(missingSubgroups) }, select: { dbId: true, name: true } })) subgroupNames.set(g.dbId, g.name);
    const name = (names: Map<number, string>, id: unknown) => (typeof id === 'number' ? (names.get(id) ?? null) : null);
    const label = (stage: unknown) => (typeof stage === 'string' ? (stageLabel[stage] ?? stage) : stage);
    for (const outcome of this.outcomes) {
      const shown: FieldChanges = {};
      for (const [key, change] of Object.entries(outcome.changes)) {
        if (key === 'unitId') shown.unit = { before: name(unitNames, change.before), after: name(unitNames, change.after) };
        else if (key === 'subgroupId') shown.subgroup = { before: name(subgroupNames, change.before), after: name(subgroupNames, change.after) };
        else if (key === 'stage') shown.stage = { before: label(change.before), after: label(change.after) };
        else if (key !== 'subgroupExplicit') shown[key] = change;
      }
      outcome.changes = shown;
    }
  }

  report(committed: boolean): ImportReport {
    const failed = !this.options.dryRun && !committed;
    const omitted = this.outcomesOmitted;
    const errorsLeftOut = this.errorCount - this.errors.length;
    const notes: string[] = [];
    if (omitted) notes.push(`rows lists the first ${maxReportedRows} created or updated rows; ${omitted} more are counted but not listed`);
    if (errorsLeftOut) notes.push(`errors lists the first ${maxReportedErrors} problems found; ${errorsLeftOut} more are counted in errorCount and errorsByCode`);
    return {
      dryRun: this.options.dryRun,
      committed,
      created: failed ? 0 : this.counts.create,
      updated: failed ? 0 : this.counts.update,
      unchanged: failed ? 0 : this.counts.unchanged,
      errorCount: this.errorCount,
      errorsByCode: this.errorsByCode,
      errors: this.errors,
      errorsTruncated: errorsLeftOut > 0,
      rows: failed ? [] : this.outcomes,
      rowsOmitted: failed ? 0 : omitted,
      rowsTruncated: !failed && omitted > 0,
      ...(notes.length ? { note: `${notes.join('; ')}.` } : {}),
      createdUnits: failed ? [] : [...this.createdUnits.values()].map((u) => u.name),
      createdSubgroups: failed ? [] : [...this.createdSubgroups.values()].map((s) => s.name),
      skippedSheets: this.skippedSheets,
      figuresDated: [...this.dated.values()],
    };
  }

  /**
   * The date a row's figures stand for: the import's asOf, else the row's 统计截止日期, else its sheet's title,
   * else today (ledger-date.ts). `count` records it for the report.
   */
  private dateOf(row: LedgerRow, count: boolean): string {
    let found: Omit<FiguresDate, 'rows'>;
    if (this.options.asOf) found = { date: this.options.asOf, source: 'AS_OF', reason: 'the asOf parameter of the import' };
    else if (row.statsDate) found = { date: row.statsDate, source: 'COLUMN', reason: `the 统计截止日期 column (${row.sheet.letterOf.get('statsDate')}) of sheet "${row.sheet.name}"` };
    else if (row.sheet.title) found = { date: row.sheet.title.date, source: 'TITLE', reason: `the title of sheet "${row.sheet.name}" (row ${row.sheet.title.row}: "${row.sheet.title.words}")` };
    else found = { date: this.today, source: 'TODAY', reason: 'no asOf parameter, 统计截止日期 column or dated title: the day of the import' };
    if (count) {
      const key = `${found.date}|${found.reason}`;
      const entry = this.dated.get(key) ?? { ...found, rows: 0 };
      entry.rows += 1;
      this.dated.set(key, entry);
    }
    return found.date;
  }

  /** A BAD_USER_INPUT row error when the row's figures would be dated after today; true then. */
  private refuseFutureDate(row: LedgerRow, date: string): boolean {
    if (date <= this.today) return false;
    const column = row.statsDate ? 'statsDate' : null;
    this.issue(row, column, ErrorCode.BAD_USER_INPUT, `The figures would be dated ${date}, after today (${this.today}); a ledger states figures already reached.`);
    return true;
  }

  private addIssue(issue: ImportIssue): void {
    this.errorCount += 1;
    this.errorsByCode[issue.code] = (this.errorsByCode[issue.code] ?? 0) + 1;
    if (this.errors.length < maxReportedErrors) this.errors.push(issue);
  }

  private issue(row: LedgerRow, field: string | null, code: ErrorCode, message: string): void {
    this.addIssue({
      sheet: row.sheet.name,
      row: row.row,
      column: field ? (row.sheet.letterOf.get(field) ?? null) : null,
      code,
      message,
      ...(field ? { field } : {}),
    });
  }

  /** foldForSearch of a unit or subgroup name, remembered (a ledger names a few of them many times). */
  private fold(name: string): string {
    let key = this.folded.get(name);
    if (key === undefined) {
      key = foldForSearch(name);
      if (this.folded.size < 10_000) this.folded.set(name, key);
    }
    return key;
  }

  /** Looks the chunk's unit names up in the directory, by name and by folded name, once per name per import. */
  private async lookUpUnits(manager: EntityManager, rows: LedgerRow[]): Promise<void> {
    const names = new Set<string>();
    const keys = new Set<string>();
    for (const row of rows) {
      const key = this.fold(row.unitName);
      if (this.unitKeysLookedUp.has(key)) continue;
      this.unitKeysLookedUp.add(key);
      names.add(row.unitName);
      keys.add(key);
    }
    if (!names.size) return;
    const units = [
      ...(await manager.find(Unit, { where: { name: In([...names]) } })),
      ...(await manager.find(Unit, { where: { searchText: In([...keys]) } })),
    ];
    for (const unit of units) {
      if (this.unitIdsSeen.has(unit.dbId)) continue;
      this.unitIdsSeen.add(unit.dbId);
      const key = this.fold(unit.name);
      this.unitsByName.set(key, [...(this.unitsByName.get(key) ?? []), unit]);
    }
  }

  /**
   * The chunk's existing projects by the row's code, with only the properties its sheets' columns need: one SELECT.
   * Codes compare as the database compares them: byte for byte on SQLite; on MariaDB and MySQL by the column's
   * collation (utf8mb4_unicode_ci ignores case, width and accents), so the database also says which of the rows'
   * codes each project matched (comparing the column with each code, in the column's collation).
   */
  private async existingProjects(manager: EntityManager, rows: LedgerRow[]): Promise<Map<string, Project>> {
    const properties = new Set(alwaysRead);
    for (const sheet of new Set(rows.map((r) => r.sheet))) {
      let needed = this.readBySheet.get(sheet);
      if (!needed) {
        const sample = rows.find((r) => r.sheet === sheet)!;
        needed = [...Object.keys(sample.values), ...(sheet.custom.size ? ['customFields'] : [])];
        // A date is checked against its partner (an end not before its start), which the sheet may lack.
        for (const field of [...needed]) {
          const partner = datePartner.get(field);
          if (partner && !needed.includes(partner)) needed.push(partner);
        }
        this.readBySheet.set(sheet, needed);
      }
      for (const property of needed) properties.add(property);
    }
    const metadata = manager.connection.getMetadata(Project);
    const driver = manager.connection.driver;
    const columns = [...properties].map((p) => metadata.findColumnWithPropertyName(p)!);
    const codes = [...new Set(rows.map((r) => r.code))];
    const table = driver.escape(metadata.tableName);
    const selected = columns.map((c) => `p.${driver.escape(c.databaseName)}`).join(', ');
    const code = `p.${driver.escape('code')}`;
    const where = `WHERE p.${driver.escape('task_force_id')} = ? AND ${code} IN (${codes.map(() => '?').join(', ')})`;
    const exact = manager.connection.options.type === 'better-sqlite3';
    const raw: Array<Record<string, unknown>> = exact
      ? await manager.query(`SELECT ${selected} FROM ${table} p ${where}`, [this.taskForce.dbId, ...codes])
      : await manager.query(
          `SELECT CASE ${codes.map((_, k) => `WHEN ${code} = ? THEN ${k}`).join(' ')} END AS ${driver.escape('row_index')}, ${selected} FROM ${table} p ${where}`,
          [...codes, this.taskForce.dbId, ...codes],
        );
    const byCode = new Map<string, Project>();
    for (const record of raw) {
      const project = new Project();
      for (const column of columns) column.setEntityValue(project, driver.prepareHydratedValue(record[column.databaseName], column));
      byCode.set(exact ? project.code : codes[Number(record.row_index)], project);
    }
    return byCode;
  }

  /** The unit a row names, preferring the project's current unit, then units of this task force, then its region. */
  private async resolveUnit(manager: EntityManager, row: LedgerRow, current: Project | null, write: boolean): Promise<number | null> {
    const key = this.fold(row.unitName);
    let candidates = this.unitsByName.get(key) ?? [];
    if (current && candidates.some((u) => u.dbId === current.unitId)) return current.unitId;
    if (candidates.length > 1) {
      const linked = candidates.filter((u) => this.linkedUnits.has(u.dbId));
      if (linked.length >= 1) candidates = linked;
    }
    if (candidates.length > 1) {
      const local = candidates.filter((u) => u.region === this.taskForce.region);
      if (local.length >= 1) candidates = local;
    }
    if (candidates.length === 1) return candidates[0].dbId;
    if (candidates.length > 1) {
      this.issue(row, 'unit', ErrorCode.CONFLICT, `责任单位 "${row.unitName}" matches ${candidates.length} units (${candidates.map((u) => u.region || '—').join(', ')}); the office must tell them apart.`);
      return null;
    }
    if (!this.options.createMissing) {
      this.issue(row, 'unit', ErrorCode.NOT_FOUND, `责任单位 "${row.unitName}" is not in the unit directory; correct the name, or let the office (ADMIN) import with createMissing=true.`);
      return null;
    }
    let unit = this.createdUnits.get(key);
    if (!unit) {
      const values = { name: row.unitName, region: this.taskForce.region, kind: guessUnitKind(row.unitName), searchText: key };
      if (write) {
        unit = manager.create(Unit, values);
        await manager.insert(Unit, unit);
        await recordChange(manager, this.user, 'Unit', unit.dbId, 'CREATE', diff(null, { name: values.name, region: values.region, kind: values.kind }), {
          taskForceId: this.taskForce.dbId,
          unitId: unit.dbId,
        });
      } else {
        unit = Object.assign(new Unit(), values, { dbId: this.placeholderId-- });
      }
      this.createdUnits.set(key, unit);
      this.unitsByName.set(key, [unit]);
    }
    return unit.dbId;
  }

  /** The subgroup a row names (null: none named); undefined when it cannot be resolved (issue recorded). */
  private async resolveSubgroup(manager: EntityManager, row: LedgerRow, write: boolean): Promise<number | null | undefined> {
    if (row.subgroupName === null) return null;
    const key = this.fold(row.subgroupName);
    const found = this.subgroupsByName.get(key) ?? [];
    if (found.length === 1) return found[0].dbId;
    if (found.length > 1) {
      this.issue(row, 'subgroup', ErrorCode.CONFLICT, `所属小组 "${row.subgroupName}" matches ${found.length} subgroups of this task force.`);
      return undefined;
    }
    if (!this.options.createMissing) {
      this.issue(row, 'subgroup', ErrorCode.NOT_FOUND, `所属小组 "${row.subgroupName}" is not a subgroup of this task force; correct the name, or let the office (ADMIN) import with createMissing=true.`);
      return undefined;
    }
    let subgroup = this.createdSubgroups.get(key);
    if (!subgroup) {
      const values = { taskForceId: this.taskForce.dbId, name: row.subgroupName, position: 0, leadUnitId: null, officeUnitId: null, mainTasks: null };
      if (write) {
        const max: { max: number | string | null } | undefined = await manager
          .createQueryBuilder(Subgroup, 's')
          .select('MAX(s.position)', 'max')
          .where('s.task_force_id = :id', { id: this.taskForce.dbId })
          .getRawOne();
        values.position = Number(max?.max ?? 0) + 1;
        subgroup = manager.create(Subgroup, values);
        await manager.insert(Subgroup, subgroup);
        await recordChange(manager, this.user, 'Subgroup', subgroup.dbId, 'CREATE', diff(null, { name: values.name, position: values.position }), {
          taskForceId: this.taskForce.dbId,
          subgroupId: subgroup.dbId,
        });
      } else {
        subgroup = Object.assign(new Subgroup(), values, { dbId: this.placeholderId-- });
      }
      this.createdSubgroups.set(key, subgroup);
      this.subgroupsByName.set(key, [subgroup]);
    }
    return subgroup.dbId;
  }

  private derivedSubgroup(unitId: number): number | null {
    const covering = this.coverage.get(unitId);
    return covering && covering.size === 1 ? [...covering][0] : null;
  }

  private record(row: LedgerRow, action: 'create' | 'update' | 'unchanged', changes?: FieldChanges): void {
    this.counts[action] += 1;
    if (action === 'unchanged') return;
    if (this.outcomes.length < maxReportedRows) this.outcomes.push({ sheet: row.sheet.name, row: row.row, code: row.code, action, changes: changes! });
    else this.outcomesOmitted += 1;
  }

  /**
   * A new project from a row. Every row of a sheet gives an object of the same shape (the sheet's columns in order,
   * then the same fixed properties), so the hot loops of a large import stay on V8's fast paths.
   */
  private planCreate(row: LedgerRow, unitId: number, named: number | null): RowPlan | null {
    const before = this.errorCount;
    // A reporter's new project naming the subgroup its unit falls under anyway gets it as projectCreate would give it
    // (derived, not explicit); any other subgroup is the office's to set.
    const derived = this.derivedSubgroup(unitId);
    const explicit = namedSubgroupIsExplicit(this.user, named, derived);
    const subgroupId = explicit ? named : derived;
    const created: Record<string, unknown> = { code: row.code };
    // What diff(null, …) gives for the values set, without its two JSON.stringify calls a field.
    const changes: FieldChanges = { code: { before: null, after: row.code } };
    let figures = false;
    const values = row.values;
    for (const field in values) {
      let value = values[field];
      if (value === null) {
        if (field !== 'stage') {
          created[field] = null;
          continue;
        }
        value = ProjectStage.PLANNING;
      } else if (!figures && figureFields.includes(field)) {
        figures = true;
      }
      created[field] = value;
      changes[field] = { before: null, after: value };
    }
    if (row.sheet.custom.size) {
      const custom = mergeCustom(null, row.custom);
      if (this.refuseCustom(row, custom)) return null;
      created.customFields = custom;
      if (custom) changes.customFields = { before: null, after: custom };
    }
    if (this.refuseDates(row, (field) => values[field] as string | null | undefined)) return null;
    created.unitId = unitId;
    changes.unitId = { before: null, after: unitId };
    created.subgroupId = subgroupId;
    if (subgroupId !== null) changes.subgroupId = { before: null, after: subgroupId };
    created.subgroupExplicit = explicit;
    changes.subgroupExplicit = { before: null, after: explicit };
    if (this.reporter) {
      // The unit is the row's own (checked in planRow); a derived subgroup is no choice of the writer's.
      const { unitId: _unit, ...adminOnly } = changes;
      if (!explicit) delete adminOnly.subgroupId;
      if (this.refuseAdminOnly(row, adminOnly)) return null;
    }
    // The ledger's 年度计划投资 is the plan of its date's year.
    const date = this.dateOf(row, false);
    const annual = values.annualPlanInvestment;
    const plan: [number, number] | null = typeof annual === 'number' ? [yearOf(date), annual] : null;
    if ((figures || plan) && this.refuseFutureDate(row, date)) return null;
    if (this.errorCount > before) return null;
    if (figures || plan) this.dateOf(row, true);
    // A sheet without 建设阶段 gives the column's default: bound, because a chunk may mix sheets with and without it.
    if (!('stage' in values)) created.stage = ProjectStage.PLANNING;
    created.statsDate = figures ? date : null;
    if (plan) changes.annualPlans = { before: null, after: { [plan[0]]: plan[1] } };
    created.taskForceId = this.taskForce.dbId;
    created.searchText = projectSearchText({ code: row.code, name: values.name as string, owner: values.owner as string | undefined, location: values.location as string | undefined });
    created.isExample = false;
    this.record(row, 'create', changes);
    return { kind: 'create', row, values: created, changes, plan };
  }

  /** FORBIDDEN row errors for the ADMIN-only fields (project-rules) a reporter's row would set or change; true when there were any. */
  private refuseAdminOnly(row: LedgerRow, changes: FieldChanges): boolean {
    const listed = forbiddenChanges(this.user, Object.keys(changes));
    // A plan changed in the project's column and in its year's plan is one refusal, of the column as written.
    const forbidden = listed.includes('annualPlanInvestment') ? listed.filter((f) => f !== 'annualPlans') : listed;
    const text = (value: unknown) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));
    for (const field of forbidden) {
      this.issue(row, adminOnlyColumns[field], ErrorCode.FORBIDDEN, adminOnlyMessage(field, `${text(changes[field].before)} → ${text(changes[field].after)}`));
    }
    return forbidden.length > 0;
  }

  /** A BAD_USER_INPUT row error when the custom fields as they would be stored break a limit (project-rules); true then. */
  private refuseCustom(row: LedgerRow, custom: Record<string, string> | null): boolean {
    const problem = custom && customSetProblem(custom);
    if (problem) this.issue(row, null, ErrorCode.BAD_USER_INPUT, `Custom columns: ${problem}.`);
    return Boolean(problem);
  }

  /** BAD_USER_INPUT row errors for dates that would end before they start (project-rules orderedDates); true when any. */
  private refuseDates(row: LedgerRow, valueOf: (field: string) => string | null | undefined): boolean {
    let pairs = this.datePairsBySheet.get(row.sheet);
    if (!pairs) {
      pairs = orderedDates.filter(([start, end]) => row.sheet.present.has(start) || row.sheet.present.has(end));
      this.datePairsBySheet.set(row.sheet, pairs);
    }
    let refused = false;
    for (const [start, end] of pairs) {
      const problem = dateOrderProblem(valueOf(start), valueOf(end), dateLabels[start], dateLabels[end]);
      if (!problem) continue;
      this.issue(row, row.sheet.present.has(end) ? end : start, ErrorCode.BAD_USER_INPUT, `${problem}.`);
      refused = true;
    }
    return refused;
  }

  private async planRow(manager: EntityManager, row: LedgerRow, current: Project | null, write: boolean): Promise<RowPlan | null> {
    const reporter = this.reporter;
    const before = this.errorCount;
    if (current && this.touched) {
      const first = this.touched.get(current.dbId);
      if (first) {
        this.issue(row, 'code', ErrorCode.CONFLICT, sameCodeMessage(row.code, first));
        return null;
      }
      this.touched.set(current.dbId, { sheet: row.sheet.name, row: row.row, code: row.code });
    }
    if (current?.archivedAt) {
      this.issue(row, 'code', ErrorCode.CONFLICT, `Project ${row.code} is archived; the office must restore it before it can be imported again.`);
      return null;
    }
    const asItIs = current && rowProblem(this.user, current.unitId);
    if (asItIs) {
      this.issue(row, 'code', ErrorCode.FORBIDDEN, `Project ${row.code} belongs to another unit: ${asItIs}`);
      return null;
    }
    const unitId = await this.resolveUnit(manager, row, current, write);
    const subgroupId = await this.resolveSubgroup(manager, row, write);
    if (unitId === null || subgroupId === undefined) return null;
    const asItWouldBe = rowProblem(this.user, unitId);
    if (asItWouldBe) {
      this.issue(row, 'unit', ErrorCode.FORBIDDEN, `责任单位 "${row.unitName}" is not your unit: ${asItWouldBe}`);
      return null;
    }
    const refusedCreate = current ? null : createProblem(this.user, this.reporterTakesPart);
    if (refusedCreate) {
      this.issue(row, 'unit', ErrorCode.FORBIDDEN, `Project ${row.code}: ${refusedCreate}`);
      return null;
    }
    if (!current) return this.planCreate(row, unitId, subgroupId);

    // The project keeps its code as stored, when the row writes it in other case or width.
    const { code: _code, ...rowValues } = row.values;
    const values: Record<string, unknown> = rowValues;
    if (row.sheet.custom.size) {
      values.customFields = mergeCustom(current.customFields, row.custom);
      if (this.refuseCustom(row, values.customFields as Record<string, string> | null)) return null;
    }
    if (values.stage === null) delete values.stage;
    const valueOf = (field: string) => (field in values ? values[field] : current[field as keyof Project]) as string | null | undefined;
    if (this.refuseDates(row, valueOf)) return null;
    values.unitId = unitId;
    const subgroupPresent = row.sheet.present.has('subgroup');
    if (subgroupId !== null) {
      if (current.subgroupId !== subgroupId) {
        values.subgroupId = subgroupId;
        values.subgroupExplicit = true;
      }
    } else if ((subgroupPresent && current.subgroupExplicit) || (!current.subgroupExplicit && current.unitId !== unitId)) {
      values.subgroupId = this.derivedSubgroup(unitId);
      values.subgroupExplicit = false;
    }

    // The ledger's 年度计划投资 is the plan of its date's year; the project's own column keeps its latest year's plan.
    const date = this.dateOf(row, false);
    let plan: [number, number | null] | null = null;
    let planned: ReturnType<typeof planChanges> = null;
    if ('annualPlanInvestment' in values) {
      plan = [yearOf(date), values.annualPlanInvestment as number | null];
      const existing = this.chunkPlans.get(current.dbId) ?? new Map<number, number>();
      const writes = new Map([plan]);
      planned = planChanges(existing, writes);
      if (planned) values.annualPlanInvestment = latestPlan(existing, writes);
      else {
        delete values.annualPlanInvestment;
        plan = null;
      }
    }
    const changes = diff(current as unknown as Record<string, unknown>, values);
    if (planned) changes.annualPlans = planned;
    if (reporter && this.refuseAdminOnly(row, changes)) return null;
    // A row dated by the file itself (asOf, 统计截止日期, title) re-dates the figures it carries, even unchanged ones.
    const figuresInRow = figureFields.some((f) => f in changes) || (date !== this.today && figureFields.some((f) => values[f] !== undefined && values[f] !== null));
    if (figuresInRow && this.refuseFutureDate(row, date)) return null;
    if (this.errorCount > before) return null;
    if (figuresInRow && current.statsDate !== date) changes.statsDate = { before: current.statsDate, after: date };
    if (!Object.keys(changes).length) {
      this.record(row, 'unchanged');
      return { kind: 'unchanged' };
    }
    if (figuresInRow || plan) this.dateOf(row, true);
    const written: Record<string, unknown> = Object.fromEntries(Object.keys(changes).filter((k) => k !== 'annualPlans').map((k) => [k, k === 'statsDate' ? date : values[k]]));
    if (['code', 'name', 'owner', 'location'].some((f) => f in changes)) {
      written.searchText = projectSearchText({ ...current, ...(written as Partial<Project>) } as never);
    }
    this.record(row, 'update', changes);
    return { kind: 'update', row, project: current, written, changes, plan };
  }

  /** The chunk's inserts, its updates, then its ChangeEvents in row order. */
  private async writeChunk(manager: EntityManager, plans: RowPlan[]): Promise<void> {
    const taskForceId = this.taskForce.dbId;
    const inserts = plans.filter((p): p is Extract<RowPlan, { kind: 'create' }> => p.kind === 'create');
    const updates = plans.filter((p): p is Extract<RowPlan, { kind: 'update' }> => p.kind === 'update');
    const ids = await this.insertProjects(manager, inserts);
    // A code the database took as one already there: row errors, and the transaction will be rolled back.
    if (this.errorCount) return;
    await this.updateProjects(manager, updates);
    await this.writePlans(manager, [
      ...inserts.flatMap((p) => (p.plan ? [[ids.get(p.row.code)!, ...p.plan] as [number, number, number | null]] : [])),
      ...updates.flatMap((p) => (p.plan ? [[p.project.dbId, ...p.plan] as [number, number, number | null]] : [])),
    ]);
    const entries: ChangeEntry[] = [];
    for (const plan of plans) {
      if (plan.kind === 'create') {
        const projectId = ids.get(plan.row.code)!;
        const scope = { taskForceId, subgroupId: (plan.values.subgroupId as number | null) ?? null, unitId: plan.values.unitId as number, projectId };
        entries.push({ entity: 'Project', entityId: projectId, action: 'CREATE', changes: plan.changes, scope });
      } else if (plan.kind === 'update') {
        const { project, written } = plan;
        const subgroupId = 'subgroupId' in written ? (written.subgroupId as number | null) : project.subgroupId;
        const unitId = 'unitId' in written ? (written.unitId as number) : project.unitId;
        entries.push({ entity: 'Project', entityId: project.dbId, action: 'UPDATE', changes: plan.changes, scope: { taskForceId, subgroupId, unitId, projectId: project.dbId } });
      }
    }
    await stageChanges(manager, this.user, entries);
  }

  /** The chunk's yearly plans (project, year, amount; null removes): per year one DELETE and multi-row INSERTs. */
  private async writePlans(manager: EntityManager, plans: Array<[number, number, number | null]>): Promise<void> {
    const years = new Set(plans.map(([, year]) => year));
    const table = manager.connection.driver.escape('annual_plan');
    for (const year of years) {
      const ofYear = plans.filter(([, y]) => y === year);
      for (let i = 0; i < ofYear.length; i += 1000) {
        const batch = ofYear.slice(i, i + 1000);
        await manager.query(`DELETE FROM ${table} WHERE year = ? AND project_id IN (${batch.map(() => '?').join(', ')})`, [year, ...batch.map(([id]) => id)]);
        const kept = batch.filter(([, , amount]) => amount !== null);
        if (kept.length) {
          await manager.query(
            `INSERT INTO ${table} (project_id, year, amount) VALUES ${kept.map(() => '(?, ?, ?)').join(', ')}`,
            kept.flatMap(([id, y, amount]) => [id, y, amount!.toFixed(2)]),
          );
        }
      }
    }
  }

  /** Multi-row INSERTs of new projects; returns their ids by code. */
  private async insertProjects(manager: EntityManager, plans: Array<Extract<RowPlan, { kind: 'create' }>>): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    if (!plans.length) return ids;
    const rows = plans.map((p) => p.values);
    const metadata = manager.connection.getMetadata(Project);
    const driver = manager.connection.driver;
    // Rows of one sheet have the same properties (planCreate); the chunk's columns are those of its sheets.
    const properties: string[] = [];
    const sheets = new Set<LedgerSheet>();
    for (const plan of plans) {
      if (sheets.has(plan.row.sheet)) continue;
      sheets.add(plan.row.sheet);
      for (const property of Object.keys(plan.values)) if (!properties.includes(property)) properties.push(property);
    }
    const columns = properties.map((p) => metadata.findColumnWithPropertyName(p)!);
    // Plain text and integer columns go to the driver as they are; the others (decimals, dates, JSON, booleans)
    // through the driver's own conversion, as TypeORM's insert would.
    const prepare = columns.map((c) =>
      !c.transformer && ['varchar', 'text', 'int', 'integer'].includes(String(c.type)) ? (v: unknown) => v : (v: unknown) => driver.preparePersistentValue(v, c),
    );
    const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    // SQLite hands the new ids back with the INSERT; on MariaDB and MySQL one SELECT finds them.
    const returning = manager.connection.options.type === 'better-sqlite3' ? ` RETURNING ${driver.escape('id')}, ${driver.escape('code')}` : '';
    const perStatement = Math.max(1, Math.floor(maxParameters / columns.length));
    for (let i = 0; i < rows.length; i += perStatement) {
      const batch = rows.slice(i, i + perStatement);
      // A property another sheet's rows set but this row's sheet lacks is null (planCreate binds stage, the one
      // NOT NULL column a sheet may lack; the others are nullable).
      const params: unknown[] = [];
      for (const row of batch) for (let j = 0; j < columns.length; j += 1) params.push(prepare[j](row[properties[j]] ?? null));
      try {
        const inserted: Array<{ id: number | string; code: string }> = await manager.query(head + batch.map(() => tuple).join(', ') + returning, params);
        if (returning) for (const row of inserted) ids.set(row.code, Number(row.id));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Two codes the database compares as one (MariaDB's collation): find the rows, one INSERT each. A failed
        // statement leaves the transaction as it was, and the import is rolled back at the end.
        for (let k = 0; k < batch.length; k += 1) {
          try {
            await manager.query(head + tuple + returning, params.slice(k * columns.length, (k + 1) * columns.length));
          } catch (rowError) {
            if (!isUniqueViolation(rowError)) throw rowError;
            const { row } = plans[i + k];
            this.issue(row, 'code', ErrorCode.CONFLICT, sameCodeMessage(row.code, null));
          }
        }
      }
    }
    if (this.errorCount) return ids;
    if (!returning) {
      const codes = rows.map((r) => r.code as string);
      const found: Array<{ id: number | string; code: string }> = await manager.query(
        `SELECT ${driver.escape('id')} AS ${driver.escape('id')}, ${driver.escape('code')} AS ${driver.escape('code')} FROM ${driver.escape(metadata.tableName)} ` +
          `WHERE ${driver.escape('task_force_id')} = ? AND ${driver.escape('code')} IN (${codes.map(() => '?').join(', ')})`,
        [this.taskForce.dbId, ...codes],
      );
      for (const row of found) ids.set(row.code, Number(row.id));
    }
    for (const plan of plans) this.touched?.set(ids.get(plan.row.code)!, { sheet: plan.row.sheet.name, row: plan.row.row, code: plan.row.code });
    return ids;
  }

  /**
   * Updates changed projects guarded by their version, as updateVersioned does, with one statement per set of
   * changed columns (and at most `maxParameters` parameters): `SET col = CASE id WHEN … THEN … END, version =
   * version + 1 WHERE id IN (…) AND version = CASE id WHEN … THEN … END`. Fewer rows affected than listed means a
   * project changed since this import read it: CONFLICT, and the transaction rolls back.
   */
  private async updateProjects(manager: EntityManager, updates: Array<Extract<RowPlan, { kind: 'update' }>>): Promise<void> {
    if (!updates.length) return;
    const metadata = manager.connection.getMetadata(Project);
    const driver = manager.connection.driver;
    const groups = new Map<string, typeof updates>();
    for (const update of updates) {
      const key = Object.keys(update.written).sort().join(',');
      groups.set(key, [...(groups.get(key) ?? []), update]);
    }
    const id = driver.escape('id');
    const version = driver.escape('version');
    const touched = metadata.updateDateColumn ? `, ${driver.escape(metadata.updateDateColumn.databaseName)} = ${driver.mappedDataTypes.updateDateDefault}` : '';
    for (const [key, group] of groups) {
      // A plan-only change (another year's 年度计划投资) writes no column of the row: only its version moves.
      const properties = key ? key.split(',') : [];
      const columns: ColumnMetadata[] = properties.map((p) => metadata.findColumnWithPropertyName(p)!);
      const perStatement = Math.max(1, Math.floor(maxParameters / (2 * columns.length + 3)));
      for (let i = 0; i < group.length; i += perStatement) {
        const batch = group.slice(i, i + perStatement);
        const params: unknown[] = [];
        const whens = batch.map(() => 'WHEN ? THEN ?').join(' ');
        const sets = columns.map((column, j) => {
          for (const u of batch) params.push(u.project.dbId, driver.preparePersistentValue(u.written[properties[j]] ?? null, column));
          return `${driver.escape(column.databaseName)} = CASE ${id} ${whens} END`;
        });
        for (const u of batch) params.push(u.project.dbId);
        for (const u of batch) params.push(u.project.dbId, u.project.version);
        const sql =
          `UPDATE ${driver.escape(metadata.tableName)} SET ${[...sets, `${version} = ${version} + 1`].join(', ')}${touched} ` +
          `WHERE ${id} IN (${batch.map(() => '?').join(', ')}) AND ${version} = CASE ${id} ${whens} END`;
        const affected = await execute(manager, sql, params);
        if (affected !== batch.length) await this.throwStale(manager, batch.map((u) => u.project));
      }
    }
  }

  private async throwStale(manager: EntityManager, projects: Project[]): Promise<never> {
    const now = await manager.find(Project, { where: { dbId: In(projects.map((p) => p.dbId)) }, select: { dbId: true, version: true } });
    const versions = new Map(now.map((p) => [p.dbId, p.version]));
    for (const project of projects) {
      const version = versions.get(project.dbId);
      if (version === undefined) throw new NotFoundError('Project', String(project.dbId));
      if (version !== project.version) throw staleVersion(`Project ${project.code}`, project.version, version);
    }
    throw new Error(`updating ${projects.length} projects affected fewer rows than expected`);
  }
}
