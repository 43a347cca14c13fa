import { AppError, ErrorCode } from '../errors/app-error';

/** Where a problem sits in a file: sheet name, 1-based row number, column letter (or the header when the column is missing). */
export interface CellLocation {
  sheet: string | null;
  row: number | null;
  column: string | null;
}

/** One problem of an import, as the report lists it. `field` is the ledger field (ledger-columns.csv) when one is concerned. */
export interface ImportIssue extends CellLocation {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** Why a whole file is refused; each maps to an HTTP status in the routes. */
export type FileProblem =
  | 'EMPTY_FILE'
  | 'NOT_A_SPREADSHEET'
  | 'TRUNCATED'
  | 'TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_ENTRIES'
  | 'UNCOMPRESSED_TOO_LARGE'
  | 'CORRUPT'
  | 'NO_LEDGER_SHEET';

const statusOf: Record<FileProblem, number> = {
  EMPTY_FILE: 400,
  NOT_A_SPREADSHEET: 415,
  TRUNCATED: 400,
  TOO_LARGE: 413,
  TOO_MANY_ROWS: 413,
  TOO_MANY_ENTRIES: 413,
  UNCOMPRESSED_TOO_LARGE: 413,
  CORRUPT: 400,
  NO_LEDGER_SHEET: 400,
};

/** A file refused as a whole (nothing is read further, nothing written). Always BAD_USER_INPUT with a `reason`. */
export class SpreadsheetFileError extends AppError {
  constructor(
    readonly problem: FileProblem,
    message: string,
    readonly location: CellLocation = { sheet: null, row: null, column: null },
  ) {
    super(ErrorCode.BAD_USER_INPUT, message, { reason: problem, ...location });
    this.name = 'SpreadsheetFileError';
  }

  override get status(): number {
    return statusOf[this.problem];
  }

  toIssue(): ImportIssue {
    return { ...this.location, code: ErrorCode.BAD_USER_INPUT, message: this.message };
  }
}

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Inverse of columnLetter: A → 1. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
