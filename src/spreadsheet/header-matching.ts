import { foldForSearch } from '../common/search-text';
import { LedgerColumn, ledgerColumns } from './ledger-columns';

/** Scale a header's unit sets on the amounts below it: 1 for 万元 (or none), 10,000 for 亿元. */
export type AmountUnit = 'wan' | 'yi';

export interface HeaderMatch {
  column: LedgerColumn;
  /** The unit the header states (亿元 / 万元), null when it states none. */
  unit: AmountUnit | null;
}

const brackets = /\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕|<[^>]*>|《[^》]*》/g;

/** The unit stated in a header, in brackets or at its end ("总投资(亿元)", "总投资/亿元"). */
export function headerUnit(raw: string): AmountUnit | null {
  const folded = foldForSearch(raw);
  if (/亿元?\)|亿元?$|亿元?\]|亿元?】/.test(folded)) return 'yi';
  if (/万元?\)|万元?$|万元?\]|万元?】/.test(folded)) return 'wan';
  return null;
}

/**
 * The comparable form of a header: full-width folded to half-width, Traditional to Simplified, spaces and line
 * breaks removed, bracketed parts (units, notes) removed, a trailing unit and leading markers (*, ★, ※) removed,
 * "1-9月" / "1—9月" / "1至9月" written as "1-N月".
 */
export function normalizeHeader(raw: string, toSimplified = true): string {
  const folded = toSimplified ? foldForSearch(raw) : raw.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  let text = folded.replace(brackets, '');
  text = text.replace(/^[*★※#]+/, '').replace(/[*★※:：]+$/, '');
  text = text.replace(/\/?(亿元|万元|亿|万)$/, '');
  text = text.replace(/^1[-—–~～至到]\d{1,2}月/, '1-n月');
  return text;
}

/**
 * Headers as written (exact script) and folded to Simplified. One pair of aliases differs only by script — 領域
 * (subgroup, in Traditional ledgers) and 领域 (sector) — so a folded key naming two columns is left out of the
 * folded index and only the exact spelling decides.
 */
const { exactIndex, foldedIndex } = (() => {
  const exact = new Map<string, LedgerColumn>();
  const folded = new Map<string, LedgerColumn | null>();
  for (const column of ledgerColumns) {
    for (const name of [column.header, ...column.aliases]) {
      const exactKey = normalizeHeader(name, false);
      const clash = exact.get(exactKey);
      if (clash && clash !== column) throw new Error(`ledger header "${name}" names both ${clash.field} and ${column.field}`);
      exact.set(exactKey, column);
      const key = normalizeHeader(name);
      const existing = folded.get(key);
      folded.set(key, existing === undefined || existing === column ? column : null);
    }
  }
  return { exactIndex: exact as ReadonlyMap<string, LedgerColumn>, foldedIndex: folded as ReadonlyMap<string, LedgerColumn | null> };
})();

function lookup(raw: string): LedgerColumn | undefined {
  const exact = exactIndex.get(normalizeHeader(raw, false));
  if (exact) return exact;
  const key = normalizeHeader(raw);
  const folded = foldedIndex.get(key);
  if (folded) return folded;
  // "2021年计划投资", "2021年度计划投资": the year stands for 年度.
  const yearless = /^\d{4}年度?(.+)$/.exec(key);
  if (yearless) return foldedIndex.get(`年度${yearless[1]}`) ?? foldedIndex.get(`本年${yearless[1]}`) ?? undefined;
  return undefined;
}

/** The ledger column a header names, or null for an unknown (custom) column. */
export function matchHeader(raw: string): HeaderMatch | null {
  if (!normalizeHeader(raw)) return null;
  const column = lookup(raw);
  return column ? { column, unit: headerUnit(raw) } : null;
}

/** How many of a row's cells name ledger columns. */
export function countHeaderMatches(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) if (cell && matchHeader(cell)) n += 1;
  return n;
}
