import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { toGlobalId } from '../../src/common/global-id';
import { foldForSearch } from '../../src/common/search-text';
import { SubgroupUnit, SubgroupUnitRole } from '../../src/domain/campaign/subgroup-unit.entity';
import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { Project, ProjectStage } from '../../src/domain/project/project.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { Role } from '../../src/domain/user/user.entity';
import { csvRecords, decodeText } from '../../src/spreadsheet/csv';
import { startTestServer, TestServer } from '../utils/test-server';

/**
 * GET /exports/… end to end: the ledger's layout and subtotals (figures from scripts/build-fixtures.ts, added by
 * hand), the round trip export → import = unchanged, the ranking report, and that no exported cell starts a
 * formula whatever the projects hold.
 */

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures', name));
const formulaStart = /^[=+\-@\t\r]/;

describe('spreadsheet export', () => {
  let server: TestServer;
  let ezhou: TaskForce;
  let other: TaskForce;
  const units = new Map<string, Unit>();
  const subgroups = new Map<string, Subgroup>();

  async function get(url: string, token: string | null = server.adminToken): Promise<{ status: number; type: string; body: Buffer }> {
    const response = await fetch(`http://127.0.0.1:${server.port}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: Buffer.from(await response.arrayBuffer()) };
  }

  async function importFile(file: Buffer, taskForce: TaskForce, query = ''): Promise<Record<string, any>> {
    const response = await fetch(`http://127.0.0.1:${server.port}/imports?taskForce=${toGlobalId('TaskForce', taskForce.dbId)}${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}` },
      body: file,
    });
    const body = (await response.json()) as Record<string, any>;
    expect(body.errors).toEqual([]);
    return body;
  }

  async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as never);
    return wb;
  }

  const tfId = () => toGlobalId('TaskForce', ezhou.dbId);

  beforeAll(async () => {
    server = await startTestServer();
    const manager = server.dataSource.manager;
    ezhou = await manager.save(manager.create(TaskForce, { name: '鄂州市“十大工程”', region: '鄂州市' }));
    other = await manager.save(manager.create(TaskForce, { name: '公式注入测试', region: '测试市' }));
    for (const name of ['市交通运输局', '市卫健委', '鄂城区']) {
      units.set(name, await manager.save(manager.create(Unit, { name, kind: UnitKind.DEPARTMENT, region: '鄂州市', searchText: foldForSearch(name) })));
    }
    for (const [position, name] of ['交通补短板工程', '公共卫生体系补短板工程', '城市补短板工程'].entries()) {
      subgroups.set(name, await manager.save(manager.create(Subgroup, { taskForceId: ezhou.dbId, name, position })));
    }
    await manager.insert(SubgroupUnit, { subgroupId: subgroups.get('城市补短板工程')!.dbId, unitId: units.get('鄂城区')!.dbId, role: SubgroupUnitRole.COVERED });
    await importFile(fixture('ezhou-ledger.xlsx'), ezhou);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('writes the ledger in the import layout with subtotals per unit and subgroup, frozen header and auto filter', async () => {
    const { status, type, body } = await get(`/exports/ledger.xlsx?scope=${tfId()}&asOf=2021-04-30`);
    expect(status).toBe(200);
    expect(type).toContain('spreadsheetml');
    const ws = (await workbook(body)).worksheets[0];
    expect(ws.getCell('A1').value).toBe('鄂州市“十大工程” 项目台账');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['序号', '项目代码', '项目名称', '责任单位', '所属小组']);
    expect(header).toContain('总投资（万元）');
    expect(header[header.length - 1]).toBe('资金来源');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBeTruthy();

    const totalColumn = header.indexOf('总投资（万元）') + 1;
    const lines = new Map<string, number>();
    const codes: string[] = [];
    ws.eachRow((row, n) => {
      if (n <= 3) return;
      const code = row.getCell(2).value as string | null;
      const name = row.getCell(3).value as string;
      if (code) codes.push(code);
      else lines.set(name, row.getCell(totalColumn).value as number);
    });
    // Ordered by subgroup position, then unit, then 序号.
    expect(codes).toEqual(['EZ-JT-001', 'EZ-JT-002', 'EZ-WS-001', 'EZ-CS-001', 'EZ-CS-002']);
    expect(lines.get('小计（市交通运输局）')).toBe(181_000); // 125,000 + 56,000
    expect(lines.get('小计（交通补短板工程）')).toBe(181_000);
    expect(lines.get('小计（市卫健委）')).toBe(3_000);
    expect(lines.get('小计（鄂城区）')).toBe(2_000.75); // 800.5 + 1,200.25
    expect(lines.get('合计')).toBe(186_000.75);
    expect(ws.getRow(4).getCell(totalColumn).numFmt).toBe('#,##0.00');
  });

  it('re-imports its own export as unchanged, xlsx and CSV', async () => {
    const xlsx = await get(`/exports/ledger.xlsx?scope=${tfId()}`);
    const again = await importFile(xlsx.body, ezhou);
    expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 5 });

    const csv = await get(`/exports/ledger.csv?scope=${tfId()}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await importFile(csv.body, ezhou)).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 5 });
  });

  it('exports any node: a subgroup, a unit, a project', async () => {
    const subgroup = await get(`/exports/ledger.csv?scope=${toGlobalId('Subgroup', subgroups.get('城市补短板工程')!.dbId)}`);
    const codes = [...csvRecords(decodeText(subgroup.body))].map((r) => r.cells[1]).filter((c) => /^EZ-/.test(c));
    expect(codes).toEqual(['EZ-CS-001', 'EZ-CS-002']);
    const unit = await get(`/exports/ledger.csv?scope=${toGlobalId('Unit', units.get('市卫健委')!.dbId)}`);
    expect([...csvRecords(decodeText(unit.body))].map((r) => r.cells[1]).filter((c) => /^EZ-/.test(c))).toEqual(['EZ-WS-001']);
    const one = await server.dataSource.manager.findOneByOrFail(Project, { code: 'EZ-JT-002' });
    const projectExport = await get(`/exports/ledger.xlsx?scope=${toGlobalId('Project', one.dbId)}`);
    expect(projectExport.status).toBe(200);
  });

  it('needs a token, a known node and a well-formed ID', async () => {
    expect((await get(`/exports/ledger.xlsx?scope=${tfId()}`, null)).status).toBe(401);
    expect((await get(`/exports/ledger.xlsx?scope=${toGlobalId('TaskForce', 999)}`)).status).toBe(404);
    expect((await get('/exports/ledger.xlsx?scope=abc')).status).toBe(400);
    expect((await get(`/exports/ranking.xlsx?taskForce=${tfId()}&asOf=2021-02-30`)).status).toBe(400);
    const viewer = await server.userToken('viewer-export', Role.VIEWER);
    expect((await get(`/exports/ledger.csv?scope=${tfId()}`, viewer)).status).toBe(200);
  });

  it('writes the ranking report with each indicator and the light as a coloured cell', async () => {
    // The figures stand for 2021-04-30: 时序进度 = 4 ÷ 12.
    await server.dataSource.manager.update(Project, { taskForceId: ezhou.dbId }, { statsDate: '2021-04-30' });
    const { status, body } = await get(`/exports/ranking.xlsx?taskForce=${tfId()}&asOf=2021-04-30&by=INVESTMENT_COMPLETION_RATE`);
    expect(status).toBe(200);
    const wb = await workbook(body);
    const ws = wb.getWorksheet('按责任单位')!;
    const header = (ws.getRow(3).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    const rows: Array<{ rank: number; unit: string; rate: number; gap: number; light: string; fill: string }> = [];
    ws.eachRow((row, n) => {
      if (n <= 3) return;
      const lightCell = row.getCell(col('红黄绿灯'));
      rows.push({
        rank: row.getCell(col('排名')).value as number,
        unit: row.getCell(col('责任单位')).value as string,
        rate: row.getCell(col('投资完成率')).value as number,
        gap: row.getCell(col('进度差（百分点）')).value as number,
        light: lightCell.value as string,
        fill: ((lightCell.fill as ExcelJS.FillPattern).fgColor?.argb ?? '') as string,
      });
    });
    // 市交通运输局: (8,000 + 6,500) ÷ (30,000 + 12,000) = 0.345238…, gap = (0.345238 − 0.333333) × 100 = +1.19 → 绿灯
    // 鄂城区: (100 + 0) ÷ (400 + 600) = 0.1, gap = −23.33 → 黄灯
    // 市卫健委: 0 ÷ 1,500 = 0, gap = −33.33 → 红灯
    expect(rows.map((r) => [r.rank, r.unit, r.light])).toEqual([
      [1, '市交通运输局', '绿灯'],
      [2, '鄂城区', '黄灯'],
      [3, '市卫健委', '红灯'],
    ]);
    expect(rows[0].rate).toBeCloseTo(14_500 / 42_000, 10);
    expect(rows[1].rate).toBeCloseTo(0.1, 10);
    expect(rows[1].gap).toBeCloseTo(-23.3333, 3);
    expect(rows[2].gap).toBeCloseTo(-33.3333, 3);
    expect(rows.map((r) => r.fill)).toEqual(['FF00B050', 'FFFFC000', 'FFFF0000']);
    expect(wb.getWorksheet('按小组')).toBeTruthy();
  });

  it('names downloads so that curl -OJ keeps them apart: an ASCII filename beside the Chinese filename*', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/exports/ledger.xlsx?scope=${tfId()}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toContain(`filename="ledger-taskforce-${ezhou.dbId}.xlsx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('鄂州市“十大工程” 项目台账.xlsx')}`);
    await response.arrayBuffer();
    // curl ignores filename*: with -OJ it saves under the ASCII name, which now differs per export.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curl-oj-'));
    try {
      // Asynchronously: the server answers from this very process.
      const run = (url: string) => promisify(execFile)('curl', ['-s', '-f', '-OJ', `http://127.0.0.1:${server.port}${url}`, '-H', `authorization: Bearer ${server.adminToken}`], { cwd: dir, timeout: 30_000 });
      await run(`/exports/ledger.xlsx?scope=${tfId()}`);
      await run(`/exports/ledger.csv?scope=${tfId()}`);
      await run(`/exports/ranking.xlsx?taskForce=${tfId()}&asOf=2021-04-30`);
      expect(fs.readdirSync(dir).sort()).toEqual([`ledger-taskforce-${ezhou.dbId}.csv`, `ledger-taskforce-${ezhou.dbId}.xlsx`, `ranking-taskforce-${ezhou.dbId}-2021-04-30.xlsx`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints: the ledger on A3 and the ranking on A4, landscape, one page wide, header rows and page numbers on every page', async () => {
    // A phone number starting with + is text in xlsx, shown as typed; CSV still guards it.
    const manager = server.dataSource.manager;
    await manager.update(Project, { code: 'EZ-JT-001' }, { contact: '+86 711 3861234' });
    const ledger = await workbook((await get(`/exports/ledger.xlsx?scope=${tfId()}&asOf=2021-04-30`)).body);
    const ws = ledger.worksheets[0];
    expect(ws.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    const header = (ws.getRow(3).values as unknown[]).slice(1) as string[];
    const contactColumn = header.indexOf('联系电话') + 1;
    const phoneRow = ws.getRows(4, ws.rowCount - 3)!.find((r) => r.getCell(2).value === 'EZ-JT-001')!;
    expect(phoneRow.getCell(contactColumn).value).toBe('+86 711 3861234');
    const csv = await get(`/exports/ledger.csv?scope=${tfId()}`);
    const csvRows = [...csvRecords(decodeText(csv.body))];
    const csvContact = csvRows[0].cells.indexOf('联系电话');
    expect(csvRows.find((r) => r.cells[1] === 'EZ-JT-001')!.cells[csvContact]).toBe("'+86 711 3861234");
    // Every cell of the header and of the body: 宋体, thin borders; headers wrap.
    for (const row of [ws.getRow(3), phoneRow]) {
      row.eachCell({ includeEmpty: true }, (cell) => {
        expect(cell.font?.name).toBe('宋体');
        expect(cell.border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
      });
    }
    expect(ws.getCell('A1').font?.name).toBe('宋体');
    expect(ws.getRow(3).getCell(1).alignment?.wrapText).toBe(true);
    // 自开工累计完成投资（万元）: 13 full-width characters = 26 column units in a 14-unit column, so two lines of 11 pt
    // (at least 2 × 14 pt); the default 15 pt row would cut the second line.
    expect(ws.getColumn(header.indexOf('自开工累计完成投资（万元）') + 1).width).toBe(14);
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(28);

    const ranking = await workbook((await get(`/exports/ranking.xlsx?taskForce=${tfId()}&asOf=2021-04-30`)).body);
    for (const sheet of ranking.worksheets) {
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
      expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
      expect(sheet.getCell('A1').font?.name).toBe('宋体');
      const body = sheet.getRow(4);
      body.eachCell({ includeEmpty: true }, (cell) => {
        expect(cell.font?.name).toBe('宋体');
        expect(cell.border?.bottom?.style).toBe('thin');
      });
      // 年初至今完成投资（万元）: 12 full-width characters = 24 units in a 14-unit column: two lines (the ranking sheets;
      // 报送情况's headers fit on one).
      if (sheet.name !== '报送情况') expect(sheet.getRow(3).height).toBeGreaterThanOrEqual(28);
      // The note under the title wraps across the merged width instead of running off the page.
      expect(sheet.getRow(2).alignment?.wrapText ?? sheet.getCell('A2').alignment?.wrapText).toBe(true);
    }
  });

  it('never writes a cell that starts a formula (property over generated projects), and still round-trips', async () => {
    // A small deterministic generator: text made of formula starters, CSV specials and ordinary characters.
    let seed = 20210415;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['=', '+', '-', '@', '\t', '\r', '"', ',', "'", 'A', '1', '项', ' ', '\n', 'SUM(A1)', 'cmd|', '!'];
    // Always a formula starter first; then a visible character and a body. Line breaks inside are \n: the import
    // reads CRLF inside a cell as \n and trims trailing space, so those are not generated.
    const body = alphabet.filter((c) => c !== '\r');
    const text = (min: number) => {
      let s = alphabet[Math.floor(random() * 6)] + 'X';
      const n = min + Math.floor(random() * 8);
      for (let i = 0; i < n; i += 1) s += body[Math.floor(random() * body.length)];
      return s.trimEnd();
    };
    const manager = server.dataSource.manager;
    const unit = await manager.save(manager.create(Unit, { name: '=HYPERLINK("http://x")', kind: UnitKind.OTHER, region: '测试市', searchText: '=hyperlink' }));
    const rows = Array.from({ length: 60 }, (_, i) =>
      manager.create(Project, {
        code: `F-${String(i).padStart(3, '0')}`,
        name: text(1),
        taskForceId: other.dbId,
        unitId: unit.dbId,
        stage: ProjectStage.PLANNING,
        owner: text(0),
        location: text(0),
        visualProgress: text(2),
        remarks: text(2),
        contact: text(0),
        customFields: { [`=自定义${i % 3}`]: text(1) },
        searchText: '',
      }),
    );
    await manager.insert(Project, rows);
    const scope = toGlobalId('TaskForce', other.dbId);

    const xlsx = await get(`/exports/ledger.xlsx?scope=${scope}`);
    const ws = (await workbook(xlsx.body)).worksheets[0];
    // xlsx keeps text apart from formulas, so text cells hold the text as typed: no apostrophe in front.
    let checked = 0;
    const texts = new Set<string>();
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        checked += 1;
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') texts.add(cell.value.replace(/\r\n?/g, '\n'));
      });
    });
    expect(checked).toBeGreaterThan(60 * 8);
    expect(texts.has('=HYPERLINK("http://x")')).toBe(true);
    for (const p of rows) expect(texts.has(p.name.replace(/\r\n?/g, '\n'))).toBe(true);
    expect([...texts].filter((t) => /^'[=+\-@\t\r]/.test(t))).toEqual([]);

    const csv = await get(`/exports/ledger.csv?scope=${scope}`);
    for (const record of csvRecords(decodeText(csv.body))) for (const field of record.cells) expect(field).not.toMatch(formulaStart);

    // Re-imported, nothing changes — except where a value holds a carriage return, which XML (and so xlsx) stores
    // as a line feed, or starts with a tab, which the import trims as it trims any typed cell.
    const withCr = new Set(
      rows
        .filter((p) => JSON.stringify(p).includes('\\r') || [...Object.values(p), ...Object.values(p.customFields ?? {})].some((v) => typeof v === 'string' && v.startsWith('\t')))
        .map((p) => p.code),
    );
    expect(withCr.size).toBeGreaterThan(0);
    const preview = await importFile(xlsx.body, other, '&dryRun=true');
    const changed = preview.rows.filter((r: { action: string }) => r.action !== 'unchanged').map((r: { code: string }) => r.code);
    expect(changed.filter((code: string) => !withCr.has(code))).toEqual([]);
    expect(preview.unchanged).toBe(60 - changed.length);
    expect(preview.unchanged).toBeGreaterThan(0);
  });
});
