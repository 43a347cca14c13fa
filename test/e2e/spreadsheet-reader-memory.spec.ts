import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { toGlobalId } from '../../src/common/global-id';
import { foldForSearch } from '../../src/common/search-text';
import { loadConfig } from '../../src/config/config';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { ChangeEvent } from '../../src/domain/change/change-event.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { readerThread } from '../../src/spreadsheet/ledger-batches';
import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * The reader thread's heap cap (SPREADSHEET_READER_HEAP_MB) end to end, at 96 MB. A workbook of 40,000 rows, each
 * with its own 1,000-character 建设内容及规模, makes the reader hold 40 million characters of shared text (two bytes
 * each in V8, 80 MB before any overhead): more than a 96 MB heap holds besides the reader's code (about 20 MB
 * compiled; under ts-jest the thread also loads ts-node and the TypeScript compiler, about 50 MB). The import is
 * refused (413 TOO_LARGE, naming the variable) and nothing is written. Under the same cap a workbook of short texts
 * is read in the thread and imported, so it is this workbook's text the cap refuses; with the default cap the large
 * workbook is read in full.
 */

interface Report {
  dryRun: boolean | null;
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: Array<{ sheet: string | null; row: number | null; column: string | null; code: string; message: string }>;
  rows: Array<{ sheet: string; row: number; code: string; action: string }>;
  rowsOmitted: number;
  error?: { code: string; message: string; reason?: string };
}

const rows = 40_000;
const textLength = 1_000;
const capMb = 96;
const unitName = '市住建局';
const code = (i: number) => `MEM-${String(i).padStart(5, '0')}`;

/** 997 CJK ideographs from a fixed-seed generator: the passage every row's text is cut from. */
function passage(): string {
  let seed = 20_210_401;
  let text = '';
  for (let k = 0; k < 997; k += 1) {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) | 0;
    text += String.fromCharCode(0x4e00 + ((seed >>> 8) % 0x5000));
  }
  return text;
}

/**
 * The ledger as an .xlsx written by exceljs's streaming writer with shared strings: 项目代码, 项目名称, 责任单位 and a
 * 建设内容及规模 that is different on every row ("第i号：" and `textLength` characters of the passage from a place of
 * its own). The texts repeat the passage, so the file stays small (deflate) while the reader holds every one.
 */
async function sharedTextLedger(): Promise<Buffer> {
  const source = passage();
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: true });
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['项目代码', '项目名称', '责任单位', '建设内容及规模']).commit();
  for (let i = 1; i <= rows; i += 1) {
    const from = (i * 31) % source.length;
    sheet.addRow([code(i), `住建项目${i}`, unitName, `第${i}号：${(source.slice(from) + source).slice(0, textLength)}`]).commit();
  }
  sheet.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/** Three projects of the same unit, with short texts. */
async function smallLedger(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['项目代码', '项目名称', '责任单位', '建设内容及规模']);
  for (let i = 1; i <= 3; i += 1) sheet.addRow([`SMALL-${i}`, `小项目${i}`, unitName, `道路改造${i}公里`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe(`POST /imports when the reader thread runs out of memory (SPREADSHEET_READER_HEAP_MB=${capMb})`, () => {
  let server: TestServer;
  let taskForce: TaskForce;
  let heavy: Buffer;

  async function post(file: Buffer, query: string): Promise<{ status: number; body: Report }> {
    const response = await fetch(`http://127.0.0.1:${server.port}/imports?taskForce=${toGlobalId('TaskForce', taskForce.dbId)}&${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${server.adminToken}` },
      body: file,
    });
    return { status: response.status, body: (await response.json()) as Report };
  }

  const projectCount = () => server.dataSource.manager.count(Project);
  const eventCount = () => server.dataSource.manager.count(ChangeEvent);

  beforeAll(async () => {
    // The cap as the service reads it from its environment.
    const { readerHeapMb } = loadConfig({ NODE_ENV: 'test', SPREADSHEET_READER_HEAP_MB: String(capMb) }).spreadsheet;
    server = await startTestServer({ configure: (config) => ({ ...config, spreadsheet: { ...config.spreadsheet, readerHeapMb } }) });
    const manager = server.dataSource.manager;
    taskForce = await manager.save(manager.create(TaskForce, { name: '鄂州市城市更新项目台账', region: '鄂州市' }));
    await manager.save(manager.create(Unit, { name: unitName, kind: UnitKind.DEPARTMENT, region: '鄂州市', searchText: foldForSearch(unitName) }));
    heavy = await sharedTextLedger();
  });
  afterAll(() => server?.close());

  it('refuses the workbook with 413 TOO_LARGE naming SPREADSHEET_READER_HEAP_MB, and writes nothing', async () => {
    expect(server.config.spreadsheet.readerHeapMb).toBe(capMb);
    // Large enough to be read in the reader thread, small enough for the byte cap.
    expect(heavy.length).toBeGreaterThanOrEqual(512 * 1024);
    expect(heavy.length).toBeGreaterThanOrEqual(readerThread.minBytes);
    expect(heavy.length).toBeLessThan(server.config.spreadsheet.maxBytes);

    const projectsBefore = await projectCount();
    const eventsBefore = await eventCount();
    const { status, body } = await post(heavy, 'dryRun=false');
    expect(status).toBe(413);
    expect(body.error?.code).toBe('BAD_USER_INPUT');
    expect(body.error?.reason).toBe('TOO_LARGE');
    expect(body.error?.message).toMatch(/SPREADSHEET_READER_HEAP_MB/);
    expect(body.error?.message).toContain(`${capMb} MB`);
    expect(body).toMatchObject({ committed: false, created: 0, updated: 0, unchanged: 0 });
    expect(body.errors).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', message: body.error?.message })]);
    expect(await projectCount()).toBe(projectsBefore);
    expect(await eventCount()).toBe(eventsBefore);
  });

  it('under the same cap reads a workbook of short texts in the thread and imports it; GraphQL reads it', async () => {
    const projectsBefore = await projectCount();
    const eventsBefore = await eventCount();
    const saved = readerThread.minBytes;
    readerThread.minBytes = 0; // the three-row workbook goes to the reader thread too
    let response: { status: number; body: Report };
    try {
      response = await post(await smallLedger(), 'dryRun=false');
    } finally {
      readerThread.minBytes = saved;
    }
    const { status, body } = response;
    expect(status).toBe(200);
    expect(body).toMatchObject({ committed: true, created: 3, updated: 0, unchanged: 0, errorCount: 0 });
    expect(await projectCount()).toBe(projectsBefore + 3);
    expect(await eventCount()).toBe(eventsBefore + 3);

    const result = await gql<{ taskForce: { projects: { totalCount: number; nodes: Array<{ code: string }> } } }>(
      server.url,
      'query($id: ID!) { taskForce(id: $id) { projects(first: 10) { totalCount nodes { code } } } }',
      { id: toGlobalId('TaskForce', taskForce.dbId) },
      server.adminToken,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.taskForce.projects.totalCount).toBe(3);
    expect(result.data!.taskForce.projects.nodes.map((p) => p.code).sort()).toEqual(['SMALL-1', 'SMALL-2', 'SMALL-3']);
  });

  it('with the default cap (256 MB) the same workbook is read in full: a dry run plans all 40,000 rows', async () => {
    const limits = server.app.services.config.spreadsheet;
    const saved = limits.readerHeapMb;
    limits.readerHeapMb = loadConfig({ NODE_ENV: 'test' }).spreadsheet.readerHeapMb;
    try {
      expect(limits.readerHeapMb).toBe(256);
      const projectsBefore = await projectCount();
      const eventsBefore = await eventCount();
      const { status, body } = await post(heavy, 'dryRun=true');
      expect(status).toBe(200);
      expect(body).toMatchObject({ dryRun: true, committed: false, created: 40_000, updated: 0, unchanged: 0, errorCount: 0, rowsOmitted: 39_000 });
      expect(body.rows).toHaveLength(1000);
      expect(body.rows[0]).toMatchObject({ sheet: '台账', row: 2, code: code(1), action: 'create' }); // row 1 is the header
      expect(body.rows[999]).toMatchObject({ row: 1001, code: code(1000), action: 'create' });
      expect(await projectCount()).toBe(projectsBefore);
      expect(await eventCount()).toBe(eventsBefore);
    } finally {
      limits.readerHeapMb = saved;
    }
  });
});
