import { foldForSearch } from '../common/search-text';
import { ErrorCode } from '../errors/app-error';
import {
  cellText,
  Converted,
  parseAmount,
  parseDate,
  parseInteger,
  parseNature,
  parseStage,
  parseText,
  RawCell,
  RememberedTexts,
} from './cell-values';
import { customFieldLimits, customFieldName, customNameProblem, customValueProblem } from '../domain/project/project-rules';
import { AmountUnit, matchHeader } from './header-matching';
import { LedgerColumn, ledgerColumns, maxTextLength, projectPropertyOf } from './ledger-columns';
import { isStatsDateHeader, titleDate } from './ledger-date';
import { MergeRange, SheetEvent } from './sheet-source';
import { columnLetter, ImportIssue, SpreadsheetFileError } from './spreadsheet-error';

/** How a sheet's columns map to the ledger, once its header row is found. */
export interface LedgerSheet {
  name: string;
  /** Last header row (a two-row header ends one row lower). */
  headerRow: number;
  /** Column index (0 = A) → ledger column and the unit its header states. */
  fields: Map<number, { column: LedgerColumn; unit: AmountUnit | null }>;
  /** Column index → custom field key (the header as written). */
  custom: Map<number, string>;
  /** Ledger fields the sheet has a column for; the import touches only these. */
  present: Set<string>;
  /** Field → column letter, to place errors found later (unit and subgroup look-ups). */
  letterOf: Map<string, string>;
  /** The date a title row above the header states (截至2020年9月底, (2020年)), which dates the sheet's figures. */
  title: { date: string; words: string; row: number } | null;
  /** Column index of 统计截止日期, which dates each row's figures; null when absent. */
  statsDateColumn: number | null;
}

/** One data row, converted: Project properties keyed by their entity names, plus unit/subgroup names and custom fields. */
export interface LedgerRow {
  sheet: LedgerSheet;
  row: number;
  code: string;
  /** Project properties (seq, name, sector, …, totalInvestment, plannedStart, stage …) for the columns present. */
  values: Record<string, string | number | null>;
  unitName: string;
  /** The subgroup named in the row; null when the column is absent or the cell empty. */
  subgroupName: string | null;
  /** Custom columns present in the sheet: key → text (null when the cell is empty). */
  custom: Record<string, string | null>;
  /** The row's 统计截止日期 (ISO), or null when the sheet has no such column or the cell is empty. */
  statsDate: string | null;
}

/** The 统计截止日期 column, read as a date. */
const statsDateColumn: LedgerColumn = { field: 'statsDate', header: '统计截止日期', aliases: [], type: 'date', required: false };

/** At most this many rows are searched for the header (title rows, notes and merged banners come first). */
const headerSearchRows = 30;
const subtotalWords = /合计|小计|总计|共计|^总$|^sum$|^total$/;
const sectionHeading = /^(（?[一二三四五六七八九十百]+[）、.．]|\(?[一二三四五六七八九十百]+\)|\d{1,2}[、．])/;

function isHeaderRow(cells: RawCell[]): { matches: number; key: boolean } {
  let matches = 0;
  let key = false;
  for (const cell of cells) {
    const text = cellText(cell);
    if (!text || text.length > 40) continue;
    const match = matchHeader(text);
    if (!match) continue;
    matches += 1;
    if (match.column.field === 'code' || match.column.field === 'name') key = true;
  }
  return { matches, key };
}

function convert(column: LedgerColumn, unit: AmountUnit | null, cell: RawCell, memo: RememberedTexts): Converted<string | number | null> {
  switch (column.type) {
    case 'amount':
      return parseAmount(cell, unit);
    case 'date':
      return parseDate(cell, memo);
    case 'int':
      return parseInteger(cell);
    case 'stage':
      return parseStage(cell, memo);
    case 'nature':
      return parseNature(cell, memo);
    case 'text':
      return parseText(cell, maxTextLength);
    default:
      return parseText(cell, column.maxLength ?? 200);
  }
}

/**
 * Turns the events of a spreadsheet reader into ledger rows and located issues, without touching a database:
 * finds each sheet's header row below any title rows (a second header row under grouped headings too), maps the
 * columns by name and alias, fills merged cells, skips subtotal and section rows, converts every cell and checks
 * codes are present and unique across the file. Rows and issues collect until taken (takeRows, takeIssues), so
 * an importer can work through a large file a chunk at a time.
 */
export class LedgerReader {
  /** Rows read and not yet taken. */
  rows: LedgerRow[] = [];
  /** Issues found and not yet taken. */
  issues: ImportIssue[] = [];
  readonly sheets: LedgerSheet[] = [];
  /** Sheets with rows but no recognisable header row (notes, instructions); reported, not imported. */
  readonly skippedSheets: string[] = [];

  private sheetName = '';
  private sheetRows = 0;
  private merges: MergeRange[] = [];
  private current: LedgerSheet | null = null;
  /** The sheet cannot be imported (header problem): its rows are ignored after the issue is reported. */
  private sheetBroken = false;
  private secondHeaderPending = false;
  /** A date stated by a title row of the sheet being read, above its header. */
  private pendingTitle: LedgerSheet['title'] = null;
  /** Conversions of repeated texts, for this file only. */
  private readonly remembered = new RememberedTexts();
  private readonly codes = new Map<string, { sheet: string; row: number }>();
  /** Values of merged ranges' top-left cells, keyed by "row:col" of the master. */
  private readonly mergeMasters = new Map<string, RawCell>();
  private firstSheet: string | null = null;
  private dataRows = 0;
  private issuesFound = 0;
  /** The code column of the sheet whose rows are being read (looked up once a sheet). */
  private codeIndexSheet: LedgerSheet | null = null;
  private codeIndex: number | undefined;

  /** `maxRows` caps the data rows (below header rows) of the whole file: more is TOO_MANY_ROWS. */
  constructor(private readonly maxRows = Number.POSITIVE_INFINITY) {}

  handle(event: SheetEvent): void {
    if (event.type === 'sheet') this.startSheet(event.name, event.merges, event.hidden);
    else this.addRow(event.row, event.cells);
  }

  startSheet(name: string, merges: MergeRange[], hidden = false): void {
    this.endSheet();
    this.sheetName = name;
    this.firstSheet ??= name;
    this.sheetRows = 0;
    this.merges = merges.filter((m) => m.bottom > m.top || m.right > m.left);
    this.current = null;
    this.sheetBroken = hidden;
    if (hidden) this.skippedSheets.push(name);
    this.secondHeaderPending = false;
    this.pendingTitle = null;
    this.mergeMasters.clear();
  }

  addRow(row: number, cells: RawCell[]): void {
    if (this.sheetBroken) return;
    this.sheetRows += 1;
    if (!this.current) {
      if (this.sheetRows > headerSearchRows) return;
      const { matches, key } = isHeaderRow(cells);
      if (matches >= 3 || (matches >= 2 && key)) this.useHeader(row, cells);
      else if (!this.pendingTitle) {
        for (const cell of cells) {
          const text = cellText(cell);
          const found = text === null ? null : titleDate(text);
          if (found) {
            this.pendingTitle = { ...found, row };
            break;
          }
        }
      }
      return;
    }
    if (this.secondHeaderPending) {
      this.secondHeaderPending = false;
      const second = this.trySecondHeader(row, cells);
      this.checkRequired();
      if (second || this.sheetBroken) return;
    }
    this.addDataRow(row, this.fillMerged(row, cells));
  }

  /** The rows read since the last call. */
  takeRows(): LedgerRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  /** The issues found since the last call. */
  takeIssues(): ImportIssue[] {
    const issues = this.issues;
    this.issues = [];
    return issues;
  }

  /** Closes the last sheet and checks the file as a whole. */
  finish(): void {
    this.endSheet();
    if (!this.sheets.length && !this.issuesFound) {
      const required = ledgerColumns.filter((c) => c.required).map((c) => c.header);
      this.issuesFound += 1;
      this.issues.push({
        sheet: this.firstSheet,
        row: null,
        column: required[0],
        code: ErrorCode.BAD_USER_INPUT,
        message: `No sheet has a ledger header row: the first ${headerSearchRows} rows must include a row of column names with at least ${required.join(', ')}.`,
      });
    }
  }

  private endSheet(): void {
    if (this.secondHeaderPending) {
      this.secondHeaderPending = false;
      this.checkRequired();
    }
    if (this.sheetName && !this.current && !this.sheetBroken && this.sheetRows > 0) this.skippedSheets.push(this.sheetName);
    this.sheetName = '';
  }

  private useHeader(row: number, cells: RawCell[]): void {
    const sheet: LedgerSheet = {
      name: this.sheetName,
      headerRow: row,
      fields: new Map(),
      custom: new Map(),
      present: new Set(),
      letterOf: new Map(),
      title: this.pendingTitle,
      statsDateColumn: null,
    };
    cells.forEach((cell, index) => this.assignColumn(sheet, index, cellText(cell)));
    this.current = sheet;
    this.sheets.push(sheet);
    this.secondHeaderPending = true;
    this.checkHeader(sheet);
  }

  private assignColumn(sheet: LedgerSheet, index: number, text: string | null): void {
    if (!text) return;
    if (isStatsDateHeader(text) && sheet.statsDateColumn === null) {
      sheet.statsDateColumn = index;
      sheet.letterOf.set('statsDate', columnLetter(index + 1));
      return;
    }
    const match = matchHeader(text);
    if (match) {
      if (sheet.present.has(match.column.field)) {
        this.issue(sheet.headerRow, columnLetter(index + 1), `Column ${columnLetter(index + 1)} "${text}" repeats ${match.column.header} (column ${sheet.letterOf.get(match.column.field)}); keep one of them.`, match.column.field);
        this.sheetBroken = true;
        return;
      }
      sheet.fields.set(index, match);
      sheet.present.add(match.column.field);
      sheet.letterOf.set(match.column.field, columnLetter(index + 1));
      return;
    }
    const key = customFieldName(text);
    const nameProblem = customNameProblem(key);
    if (nameProblem) {
      this.issue(sheet.headerRow, columnLetter(index + 1), `Column ${columnLetter(index + 1)} "${key.slice(0, 40)}…": ${nameProblem}.`);
      this.sheetBroken = true;
      return;
    }
    if ([...sheet.custom.values()].includes(key)) {
      this.issue(sheet.headerRow, columnLetter(index + 1), `Column ${columnLetter(index + 1)} "${key}" appears twice; rename one of them.`);
      this.sheetBroken = true;
      return;
    }
    sheet.custom.set(index, key);
  }

  private checkHeader(sheet: LedgerSheet): void {
    if (sheet.custom.size > customFieldLimits.columns) {
      this.issue(sheet.headerRow, null, `The sheet has ${sheet.custom.size} columns the ledger does not know; at most ${customFieldLimits.columns} are kept as custom fields.`);
      this.sheetBroken = true;
    }
  }

  /** Every required column must be there; otherwise the sheet is refused with one issue per missing column. */
  private checkRequired(): void {
    const sheet = this.current!;
    if (this.sheetBroken) return;
    for (const column of ledgerColumns) {
      if (!column.required || sheet.present.has(column.field)) continue;
      this.issue(
        sheet.headerRow,
        column.header,
        `The header row has no ${column.header} column (also accepted: ${column.aliases.join(', ')}); every ledger needs it.`,
        column.field,
      );
      this.sheetBroken = true;
    }
  }

  /** A row right under the header that names further columns (grouped headings over two rows). */
  private trySecondHeader(row: number, cells: RawCell[]): boolean {
    const sheet = this.current!;
    const codeIndex = [...sheet.fields].find(([, m]) => m.column.field === 'code')?.[0];
    if (codeIndex !== undefined && cellText(cells[codeIndex] ?? null) !== null) return false;
    const additions: Array<[number, string]> = [];
    cells.forEach((cell, index) => {
      const text = cellText(cell);
      if (!text || sheet.fields.has(index)) return;
      if (matchHeader(text)) additions.push([index, text]);
    });
    if (!additions.length) return false;
    for (const [index, text] of additions) {
      sheet.custom.delete(index);
      this.assignColumn(sheet, index, text);
    }
    // Remaining cells of this row under custom or empty headers are sub-headings too.
    cells.forEach((cell, index) => {
      const text = cellText(cell);
      if (text && !sheet.fields.has(index) && !sheet.custom.has(index)) this.assignColumn(sheet, index, text);
    });
    sheet.headerRow = row;
    this.checkHeader(sheet);
    return true;
  }

  /**
   * Merged ranges below the header: a range spanning rows gives its top-left value to the same column of the rows
   * below (a unit name merged down its projects). A range spanning only columns (a section banner) stays one cell.
   */
  private fillMerged(row: number, cells: RawCell[]): RawCell[] {
    if (!this.merges.length) return cells;
    const headerRow = this.current!.headerRow;
    for (const m of this.merges) {
      if (m.bottom === m.top || row < m.top || row > m.bottom || m.top <= headerRow) continue;
      const key = `${m.top}:${m.left}`;
      if (row === m.top) {
        this.mergeMasters.set(key, cells[m.left - 1] ?? null);
        continue;
      }
      while (cells.length < m.left) cells.push(null);
      cells[m.left - 1] = this.mergeMasters.get(key) ?? null;
    }
    return cells;
  }

  private addDataRow(row: number, cells: RawCell[]): void {
    this.dataRows += 1;
    if (this.dataRows > this.maxRows) {
      throw new SpreadsheetFileError('TOO_MANY_ROWS', `The file has more than ${this.maxRows} data rows; split it, or ask the office to raise SPREADSHEET_MAX_ROWS.`, {
        sheet: this.sheetName,
        row,
        column: null,
      });
    }
    const sheet = this.current!;
    if (this.codeIndexSheet !== sheet) {
      this.codeIndexSheet = sheet;
      this.codeIndex = [...sheet.fields].find(([, m]) => m.column.field === 'code')?.[0];
    }
    const codeIndex = this.codeIndex;
    let codeText = codeIndex === undefined ? null : cellText(cells[codeIndex] ?? null);
    // A row with a code that is not a heading is a project row: no need to look at its other cells as text.
    if (codeText === null || sectionHeading.test(codeText)) {
      const texts = cells.map((c) => cellText(c)).filter((t): t is string => t !== null);
      // A section heading (一、交通工程, （二）…) alone on its row, even when it sits in the code column.
      if (texts.length === 1 && sectionHeading.test(texts[0])) return;
      if (codeText !== null && texts.length === 1) codeText = null;
      // Subtotal rows (合计, 小计) and lone notes carry no code.
      if (codeText === null && (texts.length <= 1 || texts.slice(0, 8).some((t) => subtotalWords.test(foldForSearch(t))))) return;
    }
    const issuesBefore = this.issues.length;
    const values: Record<string, string | number | null> = {};
    let unitName: string | null = null;
    let subgroupName: string | null = null;
    for (const [index, { column, unit }] of sheet.fields) {
      const cell = cells[index] ?? null;
      const result = convert(column, unit, cell, this.remembered);
      if (!result.ok) {
        this.issue(row, columnLetter(index + 1), `${column.header}: ${result.message}.`, column.field);
        continue;
      }
      const value = result.value;
      if (column.required && (value === null || value === '')) {
        this.issue(row, columnLetter(index + 1), `${column.header} is empty; every row needs it.`, column.field);
        continue;
      }
      if (column.field === 'unit') unitName = value as string;
      else if (column.field === 'subgroup') subgroupName = value as string | null;
      else values[projectPropertyOf[column.field] ?? column.field] = value;
    }
    const custom: Record<string, string | null> = {};
    for (const [index, key] of sheet.custom) {
      const text = cellText(cells[index] ?? null);
      const problem = text === null ? null : customValueProblem(text);
      if (problem) {
        this.issue(row, columnLetter(index + 1), `${key}: ${problem}.`);
        continue;
      }
      custom[key] = text;
    }
    let statsDate: string | null = null;
    if (sheet.statsDateColumn !== null) {
      const result = convert(statsDateColumn, null, cells[sheet.statsDateColumn] ?? null, this.remembered);
      if (!result.ok) this.issue(row, columnLetter(sheet.statsDateColumn + 1), `${statsDateColumn.header}: ${result.message}.`, 'statsDate');
      else statsDate = result.value as string | null;
    }
    const code = codeText ?? '';
    if (code) {
      const first = this.codes.get(code);
      if (first) {
        this.issue(row, sheet.letterOf.get('code') ?? null, `项目代码 ${code} appears twice in the file: first in sheet "${first.sheet}" row ${first.row}.`, 'code');
      } else {
        this.codes.set(code, { sheet: sheet.name, row });
      }
    }
    if (this.issues.length > issuesBefore) return;
    this.rows.push({ sheet, row, code, values, unitName: unitName!, subgroupName, custom, statsDate });
  }

  private issue(row: number | null, column: string | null, message: string, field?: string, code = ErrorCode.BAD_USER_INPUT): void {
    this.issuesFound += 1;
    this.issues.push({ sheet: this.sheetName || this.current?.name || null, row, column, code, message, ...(field ? { field } : {}) });
  }
}
