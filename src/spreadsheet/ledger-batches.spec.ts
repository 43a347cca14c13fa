import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { inlineLedgerSource, LedgerSource, readerThreads, threadLedgerSource } from './ledger-batches';
import { partsInStreamingOrder } from './sheet-source';
import { SpreadsheetFileError } from './spreadsheet-error';
import { inspectZip } from './zip-guard';

const localHeader = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const limits = { maxBytes: 20 * 1024 * 1024, maxRows: 100_000, maxUncompressedBytes: 16 * 1024 * 1024, maxEntries: 1000 };
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../test/fixtures', name));

async function drain(source: LedgerSource) {
  const batches = [];
  try {
    for (let batch = await source.next(); batch; batch = await source.next()) {
      batches.push({ issues: batch.issues, rows: batch.rows.map((r) => ({ ...r, sheet: { name: r.sheet.name, headerRow: r.sheet.headerRow, present: [...r.sheet.present], letterOf: [...r.sheet.letterOf], custom: [...r.sheet.custom] } })) });
    }
    return { batches, skippedSheets: source.skippedSheets };
  } finally {
    await source.close();
  }
}

async function failure(source: LedgerSource): Promise<unknown> {
  try {
    await drain(source);
  } catch (error) {
    return error;
  }
  return null;
}

/** A workbook of `rows` ledger rows, a notes sheet first, an amount that is not one in row 703. */
async function workbook(rows: number, maxRowsNote = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['填表说明：金额以万元计。', maxRowsNote ? '' : null]);
  wb.addWorksheet('说明2').addRow(['另一页说明']);
  const sheet = wb.addWorksheet('台账');
  sheet.addRow(['项目代码', '项目名称', '责任单位', '总投资（万元）', '备注']);
  for (let i = 1; i <= rows; i += 1) sheet.addRow([`T-${i}`, `项目${i}`, '市水利局', i === 702 ? '约五千' : 1000 + i, i % 7 ? null : `备注${i}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('ledger sources: the reader thread gives what the inline reader gives', () => {
  it.each(['ezhou-ledger.xlsx', 'datong-traditional.xlsx', 'duplicate-code.xlsx', 'bad-number.xlsx', 'missing-column.xlsx'])('%s', async (name) => {
    const file = fixture(name);
    const inline = await drain(inlineLedgerSource(file, limits, undefined, 250));
    const thread = await drain(threadLedgerSource(file, limits, undefined, 250));
    expect(thread).toEqual(inline);
    expect(inline.batches.length).toBeGreaterThan(0);
  });

  it('a workbook of several batches: same batches, rows, issues and skipped sheets, with one batch in flight', async () => {
    const file = await workbook(1234);
    const inline = await drain(inlineLedgerSource(file, limits, undefined, 100));
    const thread = await drain(threadLedgerSource(file, limits, undefined, 100, 1));
    expect(inline.batches.map((b) => b.rows.length)).toEqual([...Array(12).fill(100), 33]);
    expect(inline.batches[7].issues).toMatchObject([{ sheet: '台账', row: 703, column: 'D' }]);
    expect(inline.skippedSheets).toEqual(['说明', '说明2']);
    expect(thread).toEqual(inline);
  });

  it('a refused file throws the same SpreadsheetFileError from the thread', async () => {
    for (const name of ['truncated.xlsx', 'too-many-entries.xlsx', 'zip-bomb.xlsx', 'zip-bomb-lying.xlsx']) {
      const inline = await failure(inlineLedgerSource(fixture(name), limits, undefined, 250));
      const thread = await failure(threadLedgerSource(fixture(name), limits, undefined, 250));
      expect(inline).toBeInstanceOf(SpreadsheetFileError);
      expect(thread).toBeInstanceOf(SpreadsheetFileError);
      expect({ ...(thread as SpreadsheetFileError), message: (thread as Error).message }).toEqual({ ...(inline as SpreadsheetFileError), message: (inline as Error).message });
    }
  });

  it('too many rows, found in the thread after batches were posted, is TOO_MANY_ROWS with its location', async () => {
    const file = await workbook(600);
    const thread = await failure(threadLedgerSource(file, { ...limits, maxRows: 450 }, undefined, 100));
    expect(thread).toBeInstanceOf(SpreadsheetFileError);
    expect(thread).toMatchObject({ problem: 'TOO_MANY_ROWS', location: { sheet: '台账', row: 452 } });
  });

  it('closing early stops the thread', async () => {
    const source = threadLedgerSource(await workbook(1000), limits, undefined, 100, 2);
    expect((await source.next())!.rows).toHaveLength(100);
    await source.close();
    expect(await source.next()).toBeNull();
  });
});

describe('a reader thread started ahead (readerThreads, as the service keeps one)', () => {
  afterEach(() => readerThreads.stop());

  it('is used by the next import, which starts the next one when it ends; it reads what a new thread reads', async () => {
    const file = await workbook(600);
    const fresh = await drain(threadLedgerSource(file, limits, undefined, 100));
    await readerThreads.keepOneReady(limits);
    const spare = readerThreads.spare!.worker;
    const source = threadLedgerSource(file, limits, undefined, 100);
    expect(readerThreads.spare).toBeNull();
    const warm = await drain(source); // drain closes the source
    expect(warm).toEqual(fresh);
    expect(readerThreads.spare).not.toBeNull();
    expect(readerThreads.spare!.worker).not.toBe(spare);
    await readerThreads.spare!.ready;
  });

  it('is not used for other heap limits, and stays for the next import', async () => {
    await readerThreads.keepOneReady({ ...limits, readerHeapMb: 128 });
    const spare = readerThreads.spare!.worker;
    const result = await drain(threadLedgerSource(await workbook(150), { ...limits, readerHeapMb: 192 }, undefined, 100));
    expect(result.batches.flatMap((b) => b.rows)).toHaveLength(150);
    expect(readerThreads.spare!.worker).toBe(spare);
  });

  it('is stopped with the service: no thread is kept afterwards', async () => {
    await readerThreads.keepOneReady(limits);
    const exited = new Promise<number>((resolve) => readerThreads.spare!.worker.once('exit', resolve));
    await readerThreads.stop();
    await exited;
    expect(readerThreads.spare).toBeNull();
    await drain(threadLedgerSource(await workbook(10), limits, undefined, 100));
    expect(readerThreads.spare).toBeNull();
  });
});

describe('the bytes exceljs streams', () => {
  it('put every worksheet after xl/sharedStrings.xml, keep each part whole and the directory last', async () => {
    const file = await workbook(300);
    const entries = inspectZip(file, limits);
    const names = (buf: Buffer) => {
      const found: string[] = [];
      for (let p = buf.indexOf(localHeader); p >= 0; p = buf.indexOf(localHeader, p + 4)) found.push(buf.toString('utf8', p + 30, p + 30 + buf.readUInt16LE(p + 26)));
      return found.filter((n) => entries.some((e) => e.name === n));
    };
    const original = names(file);
    expect(original.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(original.indexOf('xl/sharedStrings.xml'));
    const reordered = Buffer.concat([...partsInStreamingOrder(file, entries)]);
    expect(reordered.length).toBe(file.length);
    expect(reordered.subarray(entries.directoryOffset)).toEqual(file.subarray(entries.directoryOffset));
    const order = names(reordered);
    expect([...order].sort()).toEqual([...original].sort());
    const firstSheet = order.findIndex((n) => n.startsWith('xl/worksheets/sheet'));
    expect(order.slice(firstSheet)).toEqual(original.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)));
    expect(order.indexOf('xl/sharedStrings.xml')).toBeLessThan(firstSheet);
  });
});
