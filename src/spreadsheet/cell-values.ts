import { foldForSearch } from '../common/search-text';
import { checkNature, maxAmount, numeralOf, roundAmountNumeral } from '../domain/project/project-rules';
import { isValidIsoDate } from '../metrics/dates';
import { AmountUnit } from './header-matching';
import { restoreNeutralised } from './formula-guard';

/** A cell as the readers hand it over: formulas already replaced by their cached value. */
export type RawCell = string | number | boolean | Date | { error: string } | null;

/** The result of converting one cell: a value, or a message saying what is wrong. */
export type Converted<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
const fail = (message: string): Converted<never> => ({ ok: false, message });

/**
 * Conversions of texts remembered while one file is read: a ledger repeats its dates, stages and natures down a
 * column, and a large file would otherwise fold and match the same text tens of thousands of times. One per reader,
 * so nothing outlives the file (a text cut from a CSV keeps the whole file's text alive while it is held). At most
 * `rememberedLimit` texts a kind; results are frozen (they are shared).
 */
export class RememberedTexts {
  readonly dates = new Map<string, Converted<string | null>>();
  readonly stages = new Map<string, Converted<string>>();
  readonly natures = new Map<string, Converted<string>>();
}

const rememberedLimit = 4096;

function remembered<T>(seen: Map<string, Converted<T>> | undefined, text: string, convert: (text: string) => Converted<T>): Converted<T> {
  if (!seen) return convert(text);
  let result = seen.get(text);
  if (result === undefined) {
    result = Object.freeze(convert(text));
    if (seen.size >= rememberedLimit) seen.clear();
    seen.set(text, result);
  }
  return result;
}

/** Placeholders ledgers write for "none" in number and date columns. */
const blankMarks = new Set(['', '-', '—', '－', '–', '/', '／', '无', '無', '暂无', '暫無', 'n/a', 'na']);

export function isErrorCell(cell: RawCell): cell is { error: string } {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/** A cell as text, trimmed; numbers as JavaScript writes them, dates as ISO dates; null when empty. */
export function cellText(cell: RawCell): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return cell.error;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  // Text the export neutralised ('=…, '\t…) keeps its leading characters; other text is trimmed.
  const restored = restoreNeutralised(cell);
  const text = restored === cell ? cell.replace(/\r\n/g, '\n').trim() : restored.replace(/\r\n/g, '\n').trimEnd();
  return text === '' ? null : text;
}

function describe(cell: RawCell): string {
  return quote(cellText(cell) ?? '');
}

/** A cell's text as messages quote it. */
function quote(text: string): string {
  return text.length > 40 ? `"${text.slice(0, 40)}…"` : `"${text}"`;
}

/**
 * An amount in 万元. Numbers are taken in the header's unit (亿元 × 10,000); text may carry its own unit
 * ("1.2亿元", "3,500万元", "3500万"), thousands separators and full-width digits. Negative amounts, other units and
 * text that is not a number are refused. Empty cells and placeholders (-, /, 无) give null.
 */
export function parseAmount(cell: RawCell, headerUnit: AmountUnit | null): Converted<number | null> {
  if (cell === null) return ok(null);
  if (cell instanceof Date) return fail(`expected an amount in 万元, found the date ${describe(cell)}`);
  if (isErrorCell(cell)) return fail(`the cell shows the error ${cell.error}; expected an amount in 万元`);
  if (typeof cell === 'boolean') return fail(`expected an amount in 万元, found ${describe(cell)}`);
  let unit: AmountUnit = headerUnit ?? 'wan';
  let text: string;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail('expected an amount in 万元, found a value that is not a number');
    if (cell < 0) return fail(`amounts cannot be negative, found ${cell}`);
    // Whole 万元 need no decimal arithmetic.
    if (unit === 'wan' && Number.isInteger(cell) && cell < maxAmount) return ok(cell);
    text = numeralOf(cell);
  } else {
    const folded = cell.normalize('NFKC').replace(/[\s,，]/g, '');
    if (blankMarks.has(folded.toLowerCase())) return ok(null);
    const unitMatch = /^(.*?)(亿元|億元|亿|億|万元|萬元|万|萬)$/.exec(folded);
    let body = folded;
    if (unitMatch) {
      body = unitMatch[1];
      unit = /亿|億/.test(unitMatch[2]) ? 'yi' : 'wan';
    }
    if (/^-\d/.test(body) || /^-\.\d/.test(body)) return fail(`amounts cannot be negative, found ${describe(cell)}`);
    if (body.startsWith('+')) body = body.slice(1);
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(body)) return fail(`expected an amount in 万元 (a number, optionally with 万元 or 亿元), found ${describe(cell)}`);
    text = body;
  }
  // The one rounding rule of every channel (project-rules): half up to two decimals, in decimal.
  const value = roundAmountNumeral(text, unit === 'yi' ? 4 : 0);
  if (!Number.isFinite(value) || value >= maxAmount) return fail(`the amount ${describe(cell)} is too large`);
  return ok(value);
}

/** A whole number (序号). */
export function parseInteger(cell: RawCell): Converted<number | null> {
  if (cell === null) return ok(null);
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && Math.abs(cell) <= 2_000_000_000) return ok(cell);
    return fail(`expected a whole number, found ${describe(cell)}`);
  }
  if (typeof cell === 'string') {
    const text = cell.normalize('NFKC').trim();
    if (blankMarks.has(text.toLowerCase())) return ok(null);
    if (/^\d{1,9}$/.test(text)) return ok(Number(text));
  }
  return fail(`expected a whole number, found ${describe(cell)}`);
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Excel's 1900 date system: serial 1 = 1900-01-01, with its phantom 1900-02-29 (serial 60). */
export function excelSerialToIso(serial: number): string | null {
  const whole = Math.floor(serial);
  if (whole < 1 || whole > 2_958_465 || whole === 60) return null;
  const days = whole < 60 ? whole - 1 : whole - 2;
  const date = new Date(Date.UTC(1900, 0, 1) + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

function checkedDate(year: number, month: number, day: number, cell: RawCell): Converted<string> {
  const value = iso(year, month, day);
  if (!isValidIsoDate(value)) return fail(`${describe(cell)} is not a date that exists`);
  return ok(value);
}

/**
 * A calendar date as an ISO string. Accepts 2021年4月15日, 2021年4月 (the 1st), 2021.4, 2021.4.15, 2021/4/15,
 * 2021-04-15 (and with a time), 20210415, Excel date cells and serial numbers. A number with one or two decimals
 * between 1900 and 2199 is year.month as ledgers type it (2021.4; 2021.10 arrives as 2021.1 from a number cell,
 * so type it as text). Impossible dates (2021-02-30) and a year alone are refused.
 */
export function parseDate(cell: RawCell, memo?: RememberedTexts): Converted<string | null> {
  if (cell === null) return ok(null);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail('the date cell is empty or invalid');
    // Readers build dates at UTC midnight; a second of slack absorbs float error in the serial.
    const value = new Date(cell.getTime() + 1000).toISOString().slice(0, 10);
    return isValidIsoDate(value) ? ok(value) : fail(`${describe(cell)} is outside 1900–2199`);
  }
  if (isErrorCell(cell)) return fail(`the cell shows the error ${cell.error}; expected a date`);
  if (typeof cell === 'boolean') return fail(`expected a date, found ${describe(cell)}`);
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell <= 0) return fail(`expected a date, found ${describe(cell)}`);
    if (cell >= 1900 && cell < 2200) {
      if (Number.isInteger(cell)) return fail(`${describe(cell)} is a year alone; write at least the month (2021年4月)`);
      const m = /^(\d{4})\.(\d{1,2})$/.exec(String(cell));
      if (!m) return fail(`expected a date, found ${describe(cell)}`);
      return checkedDate(Number(m[1]), Number(m[2]), 1, cell);
    }
    const value = excelSerialToIso(cell);
    if (!value || !isValidIsoDate(value)) return fail(`${describe(cell)} is not a date Excel knows`);
    return ok(value);
  }
  return remembered(memo?.dates, cell, parseDateText);
}

function parseDateText(cell: string): Converted<string | null> {
  const text = cell.normalize('NFKC').trim().replace(/\s*([年月日号號.\/-])\s*/g, '$1');
  if (blankMarks.has(text.toLowerCase())) return ok(null);
  let m = /^(\d{4})[年.\/-](\d{1,2})(?:[月.\/-](?:(\d{1,2})[日号號]?)?)?(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m) return checkedDate(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1, cell);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return checkedDate(Number(m[1]), Number(m[2]), Number(m[3]), cell);
  if (/^\d{4}年?$/.test(text)) return fail(`${describe(cell)} is a year alone; write at least the month (2021年4月)`);
  return fail(`expected a date such as 2021年4月15日, 2021.4 or 2021-04-15, found ${describe(cell)}`);
}

const stageWords: Record<string, string> = {
  谋划: 'PLANNING', 储备: 'PLANNING', planning: 'PLANNING',
  前期: 'PREPARING', 前期工作: 'PREPARING', 前期阶段: 'PREPARING', preparing: 'PREPARING',
  在建: 'UNDER_CONSTRUCTION', 建设中: 'UNDER_CONSTRUCTION', 施工: 'UNDER_CONSTRUCTION', 已开工: 'UNDER_CONSTRUCTION', 开工: 'UNDER_CONSTRUCTION', under_construction: 'UNDER_CONSTRUCTION',
  停工: 'SUSPENDED', 停建: 'SUSPENDED', 暂停: 'SUSPENDED', suspended: 'SUSPENDED',
  竣工: 'COMPLETED', 完工: 'COMPLETED', 建成: 'COMPLETED', 已竣工: 'COMPLETED', completed: 'COMPLETED',
  投产: 'IN_PRODUCTION', 投用: 'IN_PRODUCTION', 运营: 'IN_PRODUCTION', 已投产: 'IN_PRODUCTION', in_production: 'IN_PRODUCTION',
};

/** The Chinese word the ledger writes for each stage. */
export const stageLabel: Record<string, string> = {
  PLANNING: '谋划',
  PREPARING: '前期',
  UNDER_CONSTRUCTION: '在建',
  SUSPENDED: '停工',
  COMPLETED: '竣工',
  IN_PRODUCTION: '投产',
};

/** 建设阶段 (Simplified or Traditional) → ProjectStage; null when empty. */
export function parseStage(cell: RawCell, memo?: RememberedTexts): Converted<string | null> {
  const text = cellText(cell);
  if (text === null) return ok(null);
  return remembered(memo?.stages, text, stageOf);
}

function stageOf(text: string): Converted<string> {
  const stage = stageWords[foldForSearch(text)];
  return stage ? ok(stage) : fail(`${quote(text)} is not a stage; write one of 谋划, 前期, 在建, 停工, 竣工, 投产`);
}

/** 建设性质, stored in Simplified (project-rules checkNature); null when empty. */
export function parseNature(cell: RawCell, memo?: RememberedTexts): Converted<string | null> {
  const text = cellText(cell);
  if (text === null) return ok(null);
  return remembered(memo?.natures, text, checkNature);
}

/** Text of at most `maxLength` characters; null when empty. */
export function parseText(cell: RawCell, maxLength: number): Converted<string | null> {
  if (isErrorCell(cell)) return fail(`the cell shows the error ${cell.error}`);
  const text = cellText(cell);
  if (text === null) return ok(null);
  if (text.length > maxLength) return fail(`the text is ${text.length} characters long; at most ${maxLength} fit`);
  return ok(text);
}
