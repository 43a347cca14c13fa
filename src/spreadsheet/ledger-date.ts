import { BadInputError } from '../errors/app-error';
import { daysInMonth, isValidIsoDate, today } from '../metrics/dates';

/**
 * The date a ledger's figures stand for, read from its own text: a title such as 截至2020年9月底, 截至2020年9月30日,
 * 2020年1-9月 or (2020年), or a 统计截止日期 cell. The import's `asOf` (POST /imports?asOf=…, the CLI's --as-of)
 * comes first; then a row's 统计截止日期 cell; then its sheet's title; then today (README "Running the office cycle").
 */

const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (year: number, month: number) => `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;

function valid(year: number, month: number, day: number): string | null {
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return isValidIsoDate(date) ? date : null;
}

/** What a title says of its date, most specific first. */
const titlePatterns: Array<{ pattern: RegExp; date: (m: RegExpExecArray) => string | null }> = [
  // 截至2020年9月30日, 截止到2020年9月30日
  { pattern: /(?:截至|截止)(?:到|至)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/, date: (m) => valid(Number(m[1]), Number(m[2]), Number(m[3])) },
  // 截至2020年9月底 / 9月末 / 9月
  { pattern: /(?:截至|截止)(?:到|至)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月/, date: (m) => (Number(m[2]) >= 1 && Number(m[2]) <= 12 ? monthEnd(Number(m[1]), Number(m[2])) : null) },
  // 2020年1-9月, 2020年1至9月
  { pattern: /(\d{4})\s*年\s*(\d{1,2})\s*[-－—–~～至到]\s*(\d{1,2})\s*月/, date: (m) => (Number(m[3]) >= 1 && Number(m[3]) <= 12 ? monthEnd(Number(m[1]), Number(m[3])) : null) },
  // (2020年) or （2020年度）: the year's end
  { pattern: /[(（]\s*(\d{4})\s*年度?\s*[)）]/, date: (m) => valid(Number(m[1]), 12, 31) },
];

/** The date a title text states (and the words that state it), or null. */
export function titleDate(text: string): { date: string; words: string } | null {
  const normal = text.normalize('NFKC').replace(/\s+/g, ' ');
  for (const { pattern, date } of titlePatterns) {
    const m = pattern.exec(normal);
    if (!m) continue;
    // The most specific phrase decides: a date that does not exist (2月30日) dates nothing.
    const found = date(m);
    return found ? { date: found, words: m[0].trim() } : null;
  }
  return null;
}

/** Headers of the column that dates each row's figures. */
const statsDateHeaders = new Set(['统计截止日期', '統計截止日期', '统计截至日期', '数据截止日期', '數據截止日期', '截止日期', '统计日期', '統計日期']);

export function isStatsDateHeader(text: string): boolean {
  return statsDateHeaders.has(text.normalize('NFKC').replace(/\s+/g, ''));
}

/** Where an import's figures' date came from. */
export type FiguresDateSource = 'AS_OF' | 'COLUMN' | 'TITLE' | 'TODAY';

/** One date the import gave to figures, why, and how many rows it dated. */
export interface FiguresDate {
  date: string;
  source: FiguresDateSource;
  /** In words: the parameter, the column and sheet, or the title text that gave the date. */
  reason: string;
  rows: number;
}

/**
 * The `asOf` of an import (POST /imports?asOf=…, the CLI's --as-of): an ISO date, not after today; null when absent.
 * BAD_USER_INPUT otherwise, naming `field`.
 */
export function checkImportAsOf(value: unknown, field: string, now = today()): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !isValidIsoDate(value)) throw new BadInputError(`${field} must be an ISO date such as 2020-09-30, got "${String(value).slice(0, 40)}".`, field);
  if (value > now) throw new BadInputError(`${field} ${value} is after today (${now}): a ledger states figures already reached.`, field);
  return value;
}
