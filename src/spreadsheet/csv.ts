import { neutralise } from './formula-guard';

/**
 * CSV as Excel reads and writes it: comma-separated (tab when the first line has tabs and no commas), fields in
 * double quotes may hold commas, quotes ("") and line breaks. Text is UTF-8 (with or without BOM), UTF-16 with BOM,
 * or GB18030/GBK as Chinese Excel saves "CSV" — decided by whether the bytes are valid UTF-8.
 */

export function decodeText(buf: Buffer): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** Records of a CSV text with their 1-based record numbers (the row Excel shows). Empty records are skipped. */
export function* csvRecords(text: string): Generator<{ row: number; cells: string[] }> {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let row = 0;
  let cells: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const endRecord = function* () {
    row += 1;
    cells.push(field);
    field = '';
    if (cells.some((c) => c !== '')) yield { row, cells };
    cells = [];
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      // Quoted field: runs to the closing quote; "" is a quote.
      i += 1;
      let start = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(start);
          i = n;
          break;
        }
        if (text[q + 1] === '"') {
          field += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        field += text.slice(start, q);
        i = q + 1;
        break;
      }
      continue;
    }
    if (ch === delimiter) {
      cells.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      yield* endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // Plain run up to the next special character.
      let j = i + 1;
      while (j < n) {
        const c = text[j];
        if (c === delimiter || c === '\r' || c === '\n') break;
        j += 1;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== '' || cells.length) yield* endRecord();
}

/** One CSV field: neutralised against formulas, quoted when it holds a delimiter, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralise(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV line (CRLF, as Excel writes). */
export function csvLine(values: Array<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The byte-order mark that makes Excel open a UTF-8 CSV as UTF-8. */
export const utf8Bom = '\ufeff';
