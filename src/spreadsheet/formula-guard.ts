/**
 * Formula injection (CSV/xlsx "formula" cells built from user text): a value that begins with = + - @, a tab or
 * a carriage return is written with a leading apostrophe, so no spreadsheet program evaluates it. The importer
 * takes that apostrophe off again, so an exported ledger re-imports unchanged.
 */
const dangerous = /^[=+\-@\t\r]/;

/** Whether a spreadsheet program could read the text as the start of a formula. */
export function startsFormula(text: string): boolean {
  return dangerous.test(text);
}

/** The text made inert for export: "=1+1" → "'=1+1". */
export function neutralise(text: string): string {
  return dangerous.test(text) ? `'${text}` : text;
}

/** Inverse of neutralise, for text read back from a file: "'=1+1" → "=1+1"; other text unchanged. */
export function restoreNeutralised(text: string): string {
  return text.length > 1 && text[0] === "'" && dangerous.test(text.slice(1)) ? text.slice(1) : text;
}
