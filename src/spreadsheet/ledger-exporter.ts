import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { EntityManager, In, IsNull } from 'typeorm';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { plansOf } from '../domain/project/annual-plans';
import { Project, ProjectStage } from '../domain/project/project.entity';
import { readQuery } from '../db/sqlite-readers';
import { today, yearOf } from '../metrics/dates';
import { figuresAt, latestReportJoin, yearBounds } from '../metrics/metrics-sql';
import { dateText } from '../metrics/metrics.service';
import { Unit } from '../domain/unit/unit.entity';
import { toCents } from '../metrics/indicators';
import { stageLabel } from './cell-values';
import { csvLine, utf8Bom } from './csv';
import { neutralise } from './formula-guard';
import { printFontName, printOptions, thinBorder, wrappedRowHeight } from './print-setup';
import { LedgerColumn, ledgerColumns as importColumns, projectPropertyOf } from './ledger-columns';

/**
 * The exported columns: the ledger's, then 统计截止日期 (the date each project's figures stand for), which the import
 * reads back row by row, so a re-imported export dates its figures — and its 年度计划投资 — as they were.
 */
const ledgerColumns: LedgerColumn[] = [...importColumns, { field: 'statsDate', header: '统计截止日期', aliases: [], type: 'date', required: false }];

/** The node a ledger is exported for. */
export type LedgerScope = { kind: 'TaskForce' | 'Subgroup' | 'Unit' | 'Project'; id: number };

/** One line of the exported ledger: a project, or a subtotal (per unit, per subgroup, grand total). */
export type LedgerLine =
  | {
      kind: 'project';
      project: Project;
      unitName: string;
      subgroupName: string;
      /** 统计截止日期: the date the figures stand for, else the end of the latest year planned (null without either). */
      figuresDate: string | null;
      /** 年度计划投资 of that date's year (万元). */
      plan: number | null;
    }
  | { kind: 'subtotal'; level: 'unit' | 'subgroup' | 'total'; label: string; unitName: string; subgroupName: string; sums: Map<string, number> };

export interface LedgerExport {
  title: string;
  /**
   * The date the ledger stands for (its 截至 line): the asOf asked for, else the latest 统计截止日期 of its rows (today
   * when none is dated).
   */
  asOf: string;
  /** Exported at a date asked for: a record of that day, not a ledger to import back. */
  past: boolean;
  /** Headers in order: the ledger columns (amounts with their unit) then the custom fields met. */
  headers: string[];
  customKeys: string[];
  lines: LedgerLine[];
}

const amountFields = ledgerColumns.filter((c) => c.type === 'amount').map((c) => c.field);
const noSubgroup = '未分组';

function headerOf(field: string, header: string, type: string): string {
  return type === 'amount' ? `${header}（万元）` : header;
}

/** The value a project shows in a ledger column (neutralised text, numbers, ISO dates), before formatting. */
export function ledgerValue(line: Extract<LedgerLine, { kind: 'project' }>, field: string): string | number | null {
  const p = line.project;
  switch (field) {
    case 'unit':
      return line.unitName;
    case 'subgroup':
      return line.subgroupName === noSubgroup ? null : line.subgroupName;
    case 'stage':
      return stageLabel[p.stage] ?? p.stage;
    case 'statsDate':
      return line.figuresDate;
    case 'annualPlanInvestment':
      return line.plan;
    default: {
      const value = (p as unknown as Record<string, unknown>)[projectPropertyOf[field] ?? field];
      return value === undefined ? null : (value as string | number | null);
    }
  }
}

/**
 * Each project's figures at a past or present date `asOf` (the metrics' rules, src/metrics/metrics-sql.ts figuresAt):
 * year-to-date, cumulative, funds, stage and the date they stand for, in one statement per chunk of ids.
 */
async function figuresOn(manager: EntityManager, ids: number[], asOf: string): Promise<Map<number, { ytd: number | null; cumulative: number | null; funds: number | null; stage: ProjectStage; date: string | null }>> {
  const withReports = asOf < today();
  const { yearStart, yearEnd } = yearBounds(asOf);
  const f = figuresAt({ asOf: ':asOf', yearStart: ':yearStart', yearEnd: ':yearEnd' }, withReports);
  const [sql, values] = manager.connection.driver.escapeQueryWithParameters(
    [
      `SELECT p.id AS id, ${f.ytd} AS ytd, ${f.cumulative} AS cumulative, ${f.funds} AS funds, ${f.stage} AS stage, ${f.date} AS figures_date FROM project p`,
      withReports ? latestReportJoin(':asOf') : '',
      'WHERE p.id IN (:...ids)',
    ].join('\n'),
    { asOf, yearStart, yearEnd, ids },
  );
  const amount = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return new Map(
    (await readQuery(manager, sql, values)).map((row) => [
      Number(row.id),
      { ytd: amount(row.ytd), cumulative: amount(row.cumulative), funds: amount(row.funds), stage: row.stage as ProjectStage, date: dateText(row.figures_date) },
    ]),
  );
}

/**
 * Loads a node's projects in ledger order — subgroup (by position), unit (by name), 序号, code — with a subtotal
 * after each unit and each subgroup and a grand total, sums taken in whole 分 so they are exact. With `asOf`, each
 * project shows its figures at that date (年初至今, 累计, 到位资金, 建设阶段, 统计截止日期 as they stood) and that
 * year's plan; without it, its figures as they stand (as the import reads them back).
 */
export async function buildLedger(manager: EntityManager, scope: LedgerScope, title: string, asOf: string | null = null): Promise<LedgerExport> {
  const where =
    scope.kind === 'TaskForce'
      ? { taskForceId: scope.id }
      : scope.kind === 'Subgroup'
        ? { subgroupId: scope.id }
        : scope.kind === 'Unit'
          ? { unitId: scope.id }
          : { dbId: scope.id };
  const keys = await manager.find(Project, {
    where: { ...where, archivedAt: IsNull() },
    select: { dbId: true, unitId: true, subgroupId: true, seq: true, code: true },
  });
  const unitIds = [...new Set(keys.map((k) => k.unitId))];
  const subgroupIds = [...new Set(keys.map((k) => k.subgroupId).filter((id): id is number => id !== null))];
  const units = new Map<number, Unit>();
  for (let i = 0; i < unitIds.length; i += 500) for (const u of await manager.find(Unit, { where: { dbId: In(unitIds.slice(i, i + 500)) } })) units.set(u.dbId, u);
  const subgroups = new Map<number, Subgroup>();
  for (let i = 0; i < subgroupIds.length; i += 500) for (const s of await manager.find(Subgroup, { where: { dbId: In(subgroupIds.slice(i, i + 500)) } })) subgroups.set(s.dbId, s);

  const collator = new Intl.Collator('zh');
  keys.sort((a, b) => {
    const sa = a.subgroupId === null ? null : subgroups.get(a.subgroupId)!;
    const sb = b.subgroupId === null ? null : subgroups.get(b.subgroupId)!;
    if (sa !== sb) {
      if (!sa) return 1;
      if (!sb) return -1;
      return sa.taskForceId - sb.taskForceId || sa.position - sb.position || sa.dbId - sb.dbId;
    }
    if (a.unitId !== b.unitId) return collator.compare(units.get(a.unitId)!.name, units.get(b.unitId)!.name) || a.unitId - b.unitId;
    return (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER) || collator.compare(a.code, b.code);
  });

  const lines: LedgerLine[] = [];
  let latestDate: string | null = null;
  const customKeys: string[] = [];
  const seenKeys = new Set<string>();
  const zero = () => new Map(amountFields.map((f) => [f, 0]));
  const unitSums = zero();
  const subgroupSums = zero();
  const totalSums = zero();
  let currentUnit: { id: number; name: string } | null = null;
  let currentSubgroup: { id: number | null; name: string } | null = null;
  const closeUnit = () => {
    if (!currentUnit || !currentSubgroup) return;
    lines.push({ kind: 'subtotal', level: 'unit', label: `小计（${currentUnit.name}）`, unitName: currentUnit.name, subgroupName: currentSubgroup.name, sums: new Map(unitSums) });
    for (const f of amountFields) unitSums.set(f, 0);
    currentUnit = null;
  };
  const closeSubgroup = () => {
    closeUnit();
    if (!currentSubgroup) return;
    lines.push({ kind: 'subtotal', level: 'subgroup', label: `小计（${currentSubgroup.name}）`, unitName: '', subgroupName: currentSubgroup.name, sums: new Map(subgroupSums) });
    for (const f of amountFields) subgroupSums.set(f, 0);
    currentSubgroup = null;
  };

  for (let i = 0; i < keys.length; i += 1000) {
    const ids = keys.slice(i, i + 1000).map((k) => k.dbId);
    const rows = new Map((await manager.find(Project, { where: { dbId: In(ids) } })).map((p) => [p.dbId, p]));
    const plans = await plansOf(manager, ids);
    const past = asOf ? await figuresOn(manager, ids, asOf) : null;
    for (const id of ids) {
      const stored = rows.get(id);
      if (!stored) continue;
      let project = stored;
      let figuresDate: string | null;
      let plan: number | null;
      const then = past?.get(id);
      if (asOf && then) {
        project = Object.assign(Object.create(Object.getPrototypeOf(stored)) as Project, stored, {
          ytdCompletedInvestment: then.ytd,
          cumulativeCompletedInvestment: then.cumulative,
          fundsInPlace: then.funds,
          stage: then.stage,
        });
        figuresDate = then.date;
        plan = plans.get(id)?.get(yearOf(asOf)) ?? null;
      } else {
        // The row is dated so that a re-import reads its figures and its plan for the years they belong to.
        const years = [...(plans.get(id)?.keys() ?? [])];
        figuresDate = stored.statsDate ?? (years.length ? `${Math.max(...years)}-12-31` : null);
        plan = figuresDate ? (plans.get(id)?.get(Number(figuresDate.slice(0, 4))) ?? null) : null;
      }
      // The title's date: the latest date figures were stated for (not a plan year's end), never after today.
      if (!asOf && stored.statsDate && (!latestDate || stored.statsDate > latestDate)) latestDate = stored.statsDate;
      if (!currentSubgroup || currentSubgroup.id !== project.subgroupId) {
        closeSubgroup();
        currentSubgroup = { id: project.subgroupId, name: project.subgroupId === null ? noSubgroup : subgroups.get(project.subgroupId)!.name };
      }
      if (!currentUnit || currentUnit.id !== project.unitId) {
        closeUnit();
        currentUnit = { id: project.unitId, name: units.get(project.unitId)!.name };
      }
      for (const f of amountFields) {
        const cents = toCents(f === 'annualPlanInvestment' ? plan : (project as unknown as Record<string, number | null>)[f]);
        unitSums.set(f, unitSums.get(f)! + cents);
        subgroupSums.set(f, subgroupSums.get(f)! + cents);
        totalSums.set(f, totalSums.get(f)! + cents);
      }
      for (const key of Object.keys(project.customFields ?? {})) {
        if (!seenKeys.has(key)) {
          seenKeys.add(key);
          customKeys.push(key);
        }
      }
      lines.push({ kind: 'project', project, unitName: currentUnit.name, subgroupName: currentSubgroup.name, figuresDate, plan });
    }
  }
  closeSubgroup();
  lines.push({ kind: 'subtotal', level: 'total', label: '合计', unitName: '', subgroupName: '', sums: totalSums });
  const headers = [...ledgerColumns.map((c) => headerOf(c.field, c.header, c.type)), ...customKeys];
  const now = today();
  return { title, asOf: asOf ?? (latestDate && latestDate < now ? latestDate : now), past: asOf !== null, headers, customKeys, lines };
}

/**
 * A line's cells in column order: amounts in 万元 as numbers, dates as ISO text, text through `guard` — the
 * formula guard for CSV (the default); xlsx stores text as text and passes text unchanged.
 */
export function lineCells(ledger: LedgerExport, line: LedgerLine, guard: (text: string) => string = neutralise): Array<string | number | null> {
  if (line.kind === 'subtotal') {
    const cells: Array<string | number | null> = ledgerColumns.map((c) => {
      if (c.type === 'amount') return line.sums.get(c.field)! / 100;
      if (c.field === 'name') return line.label;
      if (c.field === 'unit') return line.unitName || null;
      if (c.field === 'subgroup') return line.subgroupName && line.subgroupName !== noSubgroup ? line.subgroupName : null;
      return null;
    });
    return [...cells, ...ledger.customKeys.map(() => null)].map((v) => (typeof v === 'string' ? guard(v) : v));
  }
  const cells = ledgerColumns.map((c) => ledgerValue(line, c.field));
  const custom = ledger.customKeys.map((k) => line.project.customFields?.[k] ?? null);
  return [...cells, ...custom].map((v) => (typeof v === 'string' ? guard(v) : v));
}

function isoToDate(iso: string): Date {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const subtotalFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const asText = (text: string) => text;

/**
 * Writes the ledger as xlsx to `out`, streaming: a title row and an as-of row (merged across), the header row
 * (frozen, with an auto filter), projects and subtotals. Amounts are numbers in 万元 with a #,##0.00 format,
 * dates are date cells, text is stored as text (no formula guard: xlsx keeps strings apart from formulas).
 * Printed on A3 landscape, one page wide, rows 1–3 on every page, 第 N 页 共 M 页 (print-setup.ts).
 */
export async function writeLedgerXlsx(ledger: LedgerExport, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'project-ledger-service';
  const width = ledger.headers.length;
  const sheet = workbook.addWorksheet('台账', { views: [{ state: 'frozen', xSplit: 3, ySplit: 3 }], ...printOptions('A3', '1:3') });
  const widths = ledger.headers.map((_header, i) => {
    const column = ledgerColumns[i];
    return column && (column.type === 'text' || column.field === 'name') ? 30 : column?.type === 'amount' ? 14 : 12;
  });
  sheet.columns = widths.map((w, i) => ({ key: `c${i}`, width: w }));
  const font = { name: printFontName, size: 11 };
  const title = sheet.addRow([ledger.title]);
  title.font = { name: printFontName, bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 28;
  sheet.mergeCells(1, 1, 1, width);
  title.commit();
  const note = sheet.addRow([`截至 ${ledger.asOf}${ledger.past ? '（各项目该日的数据，供查阅；再导入请用不带日期导出的台账）' : ''}　金额单位：万元`]);
  note.font = font;
  sheet.mergeCells(2, 1, 2, width);
  note.commit();
  const header = sheet.addRow(ledger.headers);
  header.height = wrappedRowHeight(ledger.headers.map((text, i) => ({ text, width: widths[i] })));
  header.eachCell((cell) => {
    cell.font = { ...font, bold: true };
    cell.fill = headerFill;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = thinBorder;
  });
  header.commit();
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: width } };

  for (const line of ledger.lines) {
    const values = lineCells(ledger, line, asText);
    const row = sheet.addRow(values.map((v, i) => (ledgerColumns[i]?.type === 'date' && typeof v === 'string' ? isoToDate(v) : v)));
    // Long text wraps inside its column, the row as tall as its longest cell, so a printed page shows all of it.
    row.height = wrappedRowHeight(values.flatMap((v, i) => (typeof v === 'string' && ledgerColumns[i]?.type !== 'date' ? [{ text: v, width: widths[i] }] : [])));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const column = ledgerColumns[col - 1];
      cell.border = thinBorder;
      cell.font = line.kind === 'subtotal' ? { ...font, bold: true } : font;
      cell.alignment = { vertical: 'middle', wrapText: true };
      if (column?.type === 'amount') cell.numFmt = '#,##0.00';
      else if (column?.type === 'date') cell.numFmt = 'yyyy-mm-dd';
      if (line.kind === 'subtotal') cell.fill = subtotalFill;
    });
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Writes the ledger as CSV (UTF-8 with BOM, CRLF) in the same columns and rows, without the title rows. */
export function writeLedgerCsv(ledger: LedgerExport, out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject);
    let i = 0;
    let headerDone = false;
    const pump = () => {
      let ok = true;
      if (!headerDone) {
        headerDone = true;
        ok = out.write(utf8Bom + csvLine(ledger.headers));
      }
      while (ok && i < ledger.lines.length) {
        ok = out.write(csvLine(lineCells(ledger, ledger.lines[i])));
        i += 1;
      }
      if (i < ledger.lines.length) out.once('drain', pump);
      else out.end(() => resolve());
    };
    pump();
  });
}

/** A title for a node's ledger: the task force (and subgroup / unit) name. */
export async function ledgerTitle(manager: EntityManager, scope: LedgerScope): Promise<string | null> {
  switch (scope.kind) {
    case 'TaskForce': {
      const tf = await manager.findOne(TaskForce, { where: { dbId: scope.id } });
      return tf ? `${tf.name} 项目台账` : null;
    }
    case 'Subgroup': {
      const s = await manager.findOne(Subgroup, { where: { dbId: scope.id } });
      return s ? `${s.name} 项目台账` : null;
    }
    case 'Unit': {
      const u = await manager.findOne(Unit, { where: { dbId: scope.id } });
      return u ? `${u.name} 项目台账` : null;
    }
    case 'Project': {
      const p = await manager.findOne(Project, { where: { dbId: scope.id } });
      return p && !p.archivedAt ? `${p.name} 项目台账` : null;
    }
  }
}

