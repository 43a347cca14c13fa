/**
 * Builds the spreadsheet fixtures under test/fixtures/ (committed with this script; run `npm run fixtures` after
 * changing it). Ledgers are shaped like the seed campaigns: 鄂州 "十大工程" in Simplified Chinese, 大同 in Traditional.
 * Every figure the tests expect is written here in plain sight.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { inspectZip } from '../src/spreadsheet/zip-guard';

const outDir = path.resolve(__dirname, '../test/fixtures');

type Cell = ExcelJS.CellValue;

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fixtures';
  wb.created = new Date(Date.UTC(2021, 0, 1));
  wb.modified = new Date(Date.UTC(2021, 0, 1));
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet with two merged title rows above the header. */
function ledgerSheet(wb: ExcelJS.Workbook, name: string, title: string, header: string[], rows: Cell[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(['填报单位：市发改委　　截至2021年4月30日　　单位：万元']);
  ws.mergeCells(2, 1, 2, header.length);
  ws.addRow(header);
  for (const row of rows) ws.addRow(row);
  return ws;
}

const simpleHeader = ['序号', '项目代码', '项目名称', '责任单位', '所属小组', '总投资（万元）', '年度计划投资（万元）', '计划开工时间'];

/** A minimal valid ledger around one bad row, for the bad-input fixtures. */
function oneBadRow(bad: Cell[]): Promise<Buffer> {
  return workbook((wb) =>
    ledgerSheet(wb, '台账', '项目台账', simpleHeader, [
      [1, 'BAD-001', '正常项目', '市交通运输局', '交通补短板工程', 1000, 500, '2021年4月'],
      bad,
    ]),
  );
}

// ---- a small zip writer, for archives exceljs would never write ----

interface ZipPart {
  name: string;
  data: Buffer;
  /** Size the headers claim, when they should lie. */
  claimedSize?: number;
}

function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const compressed = zlib.deflateRawSync(part.data, { level: 9 });
    const crc = part.claimedSize === undefined ? zlib.crc32(part.data) : 0;
    const size = part.claimedSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The parts of an xlsx written by exceljs, uncompressed, to rebuild it with extra parts. */
function partsOf(xlsx: Buffer): ZipPart[] {
  return inspectZip(xlsx, { maxEntries: 10_000, maxUncompressedBytes: 1 << 30 }).map((e) => {
    const raw = xlsx.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return { name: e.name, data: e.method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) };
  });
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const files: Record<string, Buffer> = {};

  // 鄂州 "十大工程" ledger (Simplified). Expected after import (万元):
  //   EZ-JT-001 总投资 "12.5亿元" → 125,000; 年度计划 30,000; 1-4月完成 8,000; 计划开工 2021年4月15日 → 2021-04-15;
  //             实际开工 date cell 2021-04-20; 联系电话 "+86 711 1234567"; custom 资金来源 专项债
  //   EZ-JT-002 总投资 56,000; 年度计划 12,000; 1-4月完成 = formula 6000+500 cached 6,500; 计划开工 "2021.4" → 2021-04-01;
  //             实际开工 serial 44317 → 2021-05-01
  //   (小计 row: skipped)
  //   EZ-WS-001 总投资 "3000万元" → 3,000; 年度计划 1,500; 计划开工 2021/6/1 → 2021-06-01; stage 前期
  //   (section row "二、城市补短板工程": skipped)
  //   EZ-CS-001, EZ-CS-002: 责任单位 鄂城区 merged over both rows; 所属小组 empty (derived from coverage);
  //             总投资 800.5 and 1,200.25; 年度计划 400 and 600
  //   Σ 总投资 = 125,000 + 56,000 + 3,000 + 800.5 + 1,200.25 = 186,000.75
  files['ezhou-ledger.xlsx'] = await workbook((wb) => {
    const header = ['序号', '项目代码', '项目名称', '责任单位', '所属小组', '建设性质', '建设阶段', '总投资（万元）', '年度计划投资（万元）', '1-4月完成投资（万元）', '计划开工时间', '实际开工时间', '形象进度', '联系电话', '资金来源'];
    const ws = ledgerSheet(wb, '重点项目台账', '鄂州市推进疫后重振补短板强功能“十大工程”重点项目台账', header, [
      [1, 'EZ-JT-001', '鄂州花湖机场高速公路', '市交通运输局', '交通补短板工程', '新建', '在建', '12.5亿元', 30000, 8000, '2021年4月15日', new Date(Date.UTC(2021, 3, 20)), '路基完成60%', '+86 711 1234567', '专项债'],
      [2, 'EZ-JT-002', '三江港综合码头', '市交通运输局', '交通补短板工程', '续建', '在建', 56000, 12000, { formula: '6000+500', result: 6500 }, '2021.4', 44317, '码头主体施工', null, '企业自筹'],
      [null, null, '小计', null, null, null, null, 181000, 42000, 14500, null, null, null, null, null],
      [3, 'EZ-WS-001', '市公共卫生临床中心', '市卫健委', '公共卫生体系补短板工程', '新建', '前期', '3000万元', 1500, 0, '2021/6/1', null, '完成可研', null, '中央预算内'],
      ['二、城市补短板工程'],
      [4, 'EZ-CS-001', '鄂城区老旧小区改造', '鄂城区', null, '改建', '在建', 800.5, 400, 100, '2021-03-01', '2021-03-10', null, null, null],
      [5, 'EZ-CS-002', '鄂城区雨污分流改造', null, null, '新建', '谋划', 1200.25, 600, null, '2021年9月', null, null, null, null],
    ]);
    ws.mergeCells('A8:O8');
    ws.mergeCells('D9:D10');
    ws.getColumn(12).numFmt = 'yyyy-mm-dd';
    const notes = wb.addWorksheet('填表说明');
    notes.addRow(['1. 金额单位为万元。']);
    notes.addRow(['2. 日期写作2021年4月15日。']);
  });

  // 大同 ledger (Traditional headers, amounts in 億元). Expected: DT-001 總投資 1.2345億 → 12,345 萬元, 年度 0.5 → 5,000;
  // DT-002 總投資 2 → 20,000, 年度 "3000萬元" → 3,000 (the cell's unit wins); 計劃開工 2021年3月 → 2021-03-01.
  files['datong-traditional.xlsx'] = await workbook((wb) => {
    const ws = wb.addWorksheet('項目台賬');
    ws.addRow(['大同市深化轉型項目建設年重點項目臺賬']);
    ws.addRow([]);
    ws.mergeCells('A1:I2');
    ws.addRow(['序號', '項目代碼', '項目名稱', '責任單位', '領域', '總投資（億元）', '年度計劃投資（億元）', '計劃開工時間', '建設階段']);
    ws.addRow([1, 'DT-001', '大同新能源汽車產業園', '市發改委', '新興產業', 1.2345, 0.5, '2021年3月', '在建']);
    ws.addRow([2, 'DT-002', '左雲縣煤化工升級改造', '左雲縣', '傳統產業', 2, '3000萬元', '2021年5月10日', '前期']);
  });

  // The same kind of ledger as CSV (UTF-8 with BOM), headers by alias, amounts in 亿元 by header.
  // Expected: EZ-SL-001 total 0.58亿 → 5,800; EZ-SL-002 total 1.05亿 → 10,500; dates 2021.5 → 2021-05-01, 20210701 → 2021-07-01.
  files['ezhou-ledger.csv'] = Buffer.from(
    '\ufeff项目编码,项目全称,县区,所属小组,项目总投资(亿元),年度投资计划(亿元),计划开工,备注\r\n' +
      'EZ-SL-001,梁子湖区水系连通工程,梁子湖区,水利补短板工程,0.58,0.2,2021.5,"含""两湖""连通,一期"\r\n' +
      'EZ-SL-002,华容区防洪排涝工程,华容区,水利补短板工程,1.05,0.3,20210701,\r\n',
    'utf8',
  );

  // ---- bad input, one problem each ----
  files['missing-column.xlsx'] = await workbook((wb) =>
    ledgerSheet(wb, '台账', '项目台账', ['序号', '项目名称', '责任单位', '总投资（万元）'], [[1, '没有代码列的项目', '市交通运输局', 100]]),
  );
  files['bad-number.xlsx'] = await oneBadRow([2, 'BAD-002', '金额写错', '市交通运输局', '交通补短板工程', '约5000', 500, '2021年4月']);
  files['negative-amount.xlsx'] = await oneBadRow([2, 'BAD-002', '金额为负', '市交通运输局', '交通补短板工程', 1000, -300, '2021年4月']);
  files['impossible-date.xlsx'] = await oneBadRow([2, 'BAD-002', '日期不存在', '市交通运输局', '交通补短板工程', 1000, 500, '2021年2月30日']);
  files['duplicate-code.xlsx'] = await oneBadRow([2, 'BAD-001', '代码重复', '市交通运输局', '交通补短板工程', 1000, 500, '2021年4月']);
  files['empty-code.xlsx'] = await oneBadRow([2, null, '没有代码', '市交通运输局', '交通补短板工程', 1000, 500, '2021年4月']);
  files['unknown-unit.xlsx'] = await oneBadRow([2, 'BAD-002', '单位不存在', '市航天局', '交通补短板工程', 1000, 500, '2021年4月']);
  files['empty.xlsx'] = await workbook((wb) => {
    wb.addWorksheet('Sheet1');
  });
  files['empty.csv'] = Buffer.alloc(0);
  // PNG signature and an IHDR chunk: not a spreadsheet.
  files['not-a-spreadsheet.png'] = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  files['not-xlsx.zip'] = zip([{ name: 'readme.txt', data: Buffer.from('not a workbook') }]);

  const valid = files['ezhou-ledger.xlsx'];
  files['truncated.xlsx'] = valid.subarray(0, Math.floor(valid.length * 0.6));

  // 60 data rows: over the 50-row cap the tests set.
  files['too-many-rows.csv'] = Buffer.from(
    ['项目代码,项目名称,责任单位', ...Array.from({ length: 60 }, (_, i) => `ROW-${String(i + 1).padStart(3, '0')},项目${i + 1},市交通运输局`)].join('\r\n'),
    'utf8',
  );
  // 80 KB: over the 64 KB cap the tests set.
  files['too-large.csv'] = Buffer.from(`项目代码,项目名称,责任单位\r\nBIG-001,大文件,市交通运输局,${'x'.repeat(80 * 1024)}\r\n`, 'utf8');

  // Zip bombs: a valid workbook plus a part of 20 MiB of zeros (≈20 KB compressed).
  const parts = partsOf(valid);
  const zeros = Buffer.alloc(20 * 1024 * 1024);
  files['zip-bomb.xlsx'] = zip([...parts, { name: 'xl/media/image1.bin', data: zeros }]);
  // The same, with a directory that claims the part is 1,000 bytes: caught while inflating.
  files['zip-bomb-lying.xlsx'] = zip([...parts, { name: 'xl/media/image1.bin', data: zeros, claimedSize: 1000 }]);
  // 1,200 tiny parts: over the default cap of 1,000 entries.
  files['too-many-entries.xlsx'] = zip([...parts, ...Array.from({ length: 1200 }, (_, i) => ({ name: `xl/media/p${i}.txt`, data: Buffer.from('x') }))]);

  // A reporter of 市卫健委 re-imports its own project with new progress, and one row of 市交通运输局.
  files['reporter-other-unit.xlsx'] = await workbook((wb) =>
    ledgerSheet(wb, '台账', '项目台账', ['项目代码', '项目名称', '责任单位', '1-4月完成投资（万元）', '形象进度'], [
      ['EZ-WS-001', '市公共卫生临床中心', '市卫健委', 300, '完成初步设计'],
      ['EZ-JT-001', '鄂州花湖机场高速公路', '市交通运输局', 9999, '路基完成'],
    ]),
  );
  files['reporter-own-unit.xlsx'] = await workbook((wb) =>
    ledgerSheet(wb, '台账', '项目台账', ['项目代码', '项目名称', '责任单位', '1-4月完成投资（万元）', '形象进度'], [
      ['EZ-WS-001', '市公共卫生临床中心', '市卫健委', 300, '完成初步设计'],
    ]),
  );
  // A reporter of 市卫健委 adds a project of its own unit (no 总投资 / 年度计划投资 / 所属小组: those are the office's).
  files['reporter-new-project.xlsx'] = await workbook((wb) =>
    ledgerSheet(wb, '台账', '项目台账', ['项目代码', '项目名称', '责任单位', '1-4月完成投资（万元）', '形象进度'], [
      ['EZ-WS-002', '市疾控中心实验室', '市卫健委', 120, '主体施工'],
    ]),
  );
  // New projects of its own unit, each setting one field only the office sets: 总投资 (E4), 所属小组 (D5), 年度计划投资 (F6).
  files['reporter-new-admin-fields.xlsx'] = await workbook((wb) =>
    ledgerSheet(wb, '台账', '项目台账', ['项目代码', '项目名称', '责任单位', '所属小组', '总投资（万元）', '年度计划投资（万元）'], [
      ['EZ-WS-003', '市急救中心', '市卫健委', null, 5000, null],
      ['EZ-WS-004', '市传染病医院', '市卫健委', '公共卫生体系补短板工程', null, null],
      ['EZ-WS-005', '市妇幼保健院', '市卫健委', null, null, 800],
    ]),
  );

  for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(outDir, name), data);
  process.stdout.write(`wrote ${Object.keys(files).length} fixtures to ${path.relative(process.cwd(), outDir)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
