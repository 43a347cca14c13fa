import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { decodeText, csvRecords } from './csv';
import { RawCell } from './cell-values';
import { columnNumber, SpreadsheetFileError } from './spreadsheet-error';
import { inspectZip, verifyZipEntries, ZipEntry, ZipLimits } from './zip-guard';

/** Caps on one uploaded file. */
export interface SpreadsheetLimits extends ZipLimits {
  maxBytes: number;
  /** Data rows (below the header row) over all sheets; LedgerReader enforces it. */
  maxRows: number;
  /**
   * Heap of the thread that reads a large workbook, in MB (its old generation; the young one is held at 16 MB). The
   * reader keeps a workbook's shared strings, so a file with much unique text needs more; one that needs more than
   * this is refused (TOO_LARGE) and the service goes on. Unset: V8's default limit.
   */
  readerHeapMb?: number;
}

export type SpreadsheetKind = 'xlsx' | 'csv';

/** A rectangle of merged cells, 1-based and inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** What a reader emits, in order: a sheet, its rows (cells[0] is column A), the next sheet, … */
export type SheetEvent =
  | { type: 'sheet'; name: string; merges: MergeRange[]; hidden: boolean }
  | { type: 'row'; row: number; cells: RawCell[] };

/** The kind of file from its first bytes; refuses empty files and anything that is neither xlsx nor text. */
export function detectKind(buf: Buffer): SpreadsheetKind {
  if (buf.length === 0) throw new SpreadsheetFileError('EMPTY_FILE', 'The file is empty.');
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x06054b50) throw new SpreadsheetFileError('EMPTY_FILE', 'The file is an empty zip archive, not a workbook.');
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw new SpreadsheetFileError('NOT_A_SPREADSHEET', 'This is an old .xls workbook (or a password-protected one); save it as .xlsx (Excel 2007 or later) or as CSV and upload that.');
  }
  const head = buf.subarray(0, 8192);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) throw new SpreadsheetFileError('NOT_A_SPREADSHEET', 'The file is neither an .xlsx workbook nor a CSV text file.');
  const text = head.toString('latin1');
  if (/^(%PDF|GIF8|\x89PNG|\xff\xd8\xff|<\?xml|<!doctype|<html)/i.test(text.trimStart())) {
    throw new SpreadsheetFileError('NOT_A_SPREADSHEET', 'The file is neither an .xlsx workbook nor a CSV text file.');
  }
  return 'csv';
}

function parseRange(ref: string): MergeRange | null {
  const m = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!m) return null;
  return { left: columnNumber(m[1]), top: Number(m[2]), right: columnNumber(m[3]), bottom: Number(m[4]) };
}

/** A cell of exceljs's streaming reader as a plain value: formulas by their cached result, rich text joined. */
export function plainCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (result === undefined || result === null) return { error: 'a formula without a saved result (open the file in Excel and save it again)' };
    if (typeof result === 'number' && Number.isNaN(result)) return { error: 'a formula whose result is an error' };
    if (typeof result === 'object' && result !== null && 'error' in result) return { error: String((result as { error: unknown }).error) };
    return plainCell(result);
  }
  if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
  if ('error' in v) return { error: String(v.error) };
  if ('text' in v) return plainCell(v.text);
  return null;
}

const mergeCellTag = Buffer.from('<mergeCell ', 'latin1');

/**
 * The file's bytes for exceljs's streaming reader with every worksheet part after the other parts (the directory
 * stays last; the reader goes by the local headers alone). Excel, and exceljs's own writer, store the worksheets
 * before xl/sharedStrings.xml; exceljs then unpacks each such worksheet into a temporary file and parses it only once
 * the shared strings are read, so no row would come out before the whole sheet was unpacked to disk. Worksheets
 * keep their order among themselves. Each part's bytes run from its local header to the next one's (a data
 * descriptor included); inspectZip has checked that the parts fill the file up to the directory.
 */
export function* partsInStreamingOrder(buf: Buffer, entries: ZipEntry[] & { directoryOffset: number }): Generator<Buffer> {
  const ordered = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const parts = ordered.map((entry, i) => ({ entry, start: entry.localHeaderOffset, end: i + 1 < ordered.length ? ordered[i + 1].localHeaderOffset : entries.directoryOffset }));
  const isSheet = (entry: ZipEntry) => /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name);
  const ranges = [...parts.filter((p) => !isSheet(p.entry)), ...parts.filter((p) => isSheet(p.entry)), { start: entries.directoryOffset, end: buf.length }];
  for (const { start, end } of ranges) {
    for (let i = start; i < end; i += 1 << 16) yield buf.subarray(i, Math.min(end, i + (1 << 16)));
  }
}

/** Events are handed on this many at a time: one step of the async iteration for many rows, not one for each. */
const eventsPerStep = 256;

/** The zip directory's checks (sizes, entries, layout) and that it holds a workbook; throws SpreadsheetFileError. */
function workbookEntries(buf: Buffer, limits: SpreadsheetLimits): ReturnType<typeof inspectZip> {
  const entries = inspectZip(buf, limits);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    // WPS and LibreOffice save OpenDocument (.ods) by default: a zip with content.xml and a mimetype entry.
    if (entries.some((e) => e.name === 'content.xml') && entries.some((e) => e.name === 'mimetype')) {
      throw new SpreadsheetFileError(
        'NOT_A_SPREADSHEET',
        'This is an OpenDocument spreadsheet (.ods, as WPS or LibreOffice save it), which the service does not read; in WPS, LibreOffice or Excel choose Save As → Excel workbook (.xlsx) and upload that.',
      );
    }
    throw new SpreadsheetFileError('NOT_A_SPREADSHEET', 'The zip file is not an .xlsx workbook (it has no xl/workbook.xml).');
  }
  return entries;
}

/** Merged ranges of each worksheet, by the number in its part name (xl/worksheets/sheet<N>.xml). */
export type WorkbookMerges = Array<[string, MergeRange[]]>;

/**
 * The checks a workbook passes before any of it is parsed: the zip directory's, then one inflating pass over every
 * part (no part larger than its directory says, lengths and checksums right), which also collects the merged ranges
 * of each sheet (they follow the rows in the sheet's XML, so the streaming parser would only see them after the
 * rows they fill). Throws SpreadsheetFileError.
 */
export async function verifyWorkbook(buf: Buffer, limits: SpreadsheetLimits, entries = workbookEntries(buf, limits)): Promise<WorkbookMerges> {
  const merges = new Map<string, MergeRange[]>();
  const tails = new Map<string, Buffer>();
  await verifyZipEntries(buf, entries, (entry, chunk) => {
    const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.name);
    if (!sheet) return;
    // Searched as bytes: only a part that holds a merged range is ever turned into text. The bytes after the last
    // '<' wait for the next chunk, so a tag split between two chunks is still found.
    const tail = tails.get(entry.name);
    const data = tail?.length ? Buffer.concat([tail, chunk]) : chunk;
    const at = data.lastIndexOf(0x3c);
    const cut = at >= 0 && data.length - at < 200 ? at : data.length;
    tails.set(entry.name, Buffer.from(data.subarray(cut)));
    const scan = data.subarray(0, cut);
    if (scan.indexOf(mergeCellTag) < 0) return;
    const list = merges.get(sheet[1]) ?? [];
    for (const m of scan.toString('latin1').matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"/g)) {
      const range = parseRange(m[1]);
      if (range) list.push(range);
    }
    merges.set(sheet[1], list);
  });
  return [...merges];
}

/**
 * The rows of a workbook. `verified` is verifyWorkbook's result when the caller runs that check itself (the reader
 * thread's parent does, while the thread starts parsing); the first sheet waits for it, so no row comes out of an
 * unchecked file.
 */
async function* xlsxEvents(buf: Buffer, limits: SpreadsheetLimits, verified?: Promise<WorkbookMerges>): AsyncGenerator<SheetEvent[]> {
  const entries = workbookEntries(buf, limits);
  let merges: Map<string, MergeRange[]> | null = verified ? null : new Map(await verifyWorkbook(buf, limits, entries));

  const source = Readable.from(partsInStreamingOrder(buf, entries));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  let sheetNo = '';
  (reader as unknown as NodeJS.EventEmitter).on('entry', (entry: { type: string; id?: string }) => {
    if (entry.type === 'worksheet' && entry.id !== undefined) sheetNo = String(entry.id);
  });
  let events: SheetEvent[] = [];
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as { name?: string; state?: string } & AsyncIterable<{ number: number; values: unknown[] }>;
      merges ??= new Map(await verified!);
      events.push({ type: 'sheet', name: ws.name ?? `Sheet${sheetNo}`, merges: merges.get(sheetNo) ?? [], hidden: ws.state === 'hidden' || ws.state === 'veryHidden' });
      for await (const row of ws) {
        const values = row.values;
        const cells: RawCell[] = new Array(Math.max(0, values.length - 1)).fill(null);
        let any = false;
        for (let c = 1; c < values.length; c += 1) {
          const cell = plainCell(values[c]);
          cells[c - 1] = cell;
          if (cell !== null && cell !== '') any = true;
        }
        if (!any) continue;
        events.push({ type: 'row', row: row.number, cells });
        if (events.length >= eventsPerStep) {
          yield events;
          events = [];
        }
      }
    }
  } catch (error) {
    if (error instanceof SpreadsheetFileError) throw error;
    throw new SpreadsheetFileError('CORRUPT', `The xlsx file could not be read (${(error as Error).message?.slice(0, 120) ?? 'unknown reason'}). Open it in Excel, save it again and retry.`);
  }
  if (events.length) yield events;
}

async function* csvEvents(buf: Buffer, name: string): AsyncGenerator<SheetEvent[]> {
  const text = decodeText(buf);
  if (text.trim() === '') throw new SpreadsheetFileError('EMPTY_FILE', 'The file is empty.');
  let events: SheetEvent[] = [{ type: 'sheet', name, merges: [], hidden: false }];
  for (const record of csvRecords(text)) {
    events.push({ type: 'row', row: record.row, cells: record.cells });
    if (events.length >= eventsPerStep) {
      yield events;
      events = [];
    }
  }
  yield events;
}

/**
 * Streams the sheets and non-empty rows of an uploaded file, after the byte and zip caps, a few hundred events at a
 * time, in order. A CSV is one sheet named after the file (or "CSV").
 */
export function readSpreadsheet(buf: Buffer, limits: SpreadsheetLimits, csvName = 'CSV', verified?: Promise<WorkbookMerges>): AsyncGenerator<SheetEvent[]> {
  if (buf.length > limits.maxBytes) {
    throw new SpreadsheetFileError('TOO_LARGE', `The file is ${buf.length} bytes; at most ${limits.maxBytes} are accepted.`);
  }
  return detectKind(buf) === 'xlsx' ? xlsxEvents(buf, limits, verified) : csvEvents(buf, csvName);
}
