import { RawCell } from './cell-values';
import { LedgerReader } from './ledger-reader';
import { MergeRange } from './sheet-source';

function read(rows: RawCell[][], merges: MergeRange[] = []): LedgerReader {
  const reader = new LedgerReader();
  reader.startSheet('台账', merges);
  rows.forEach((cells, i) => {
    if (cells.some((c) => c !== null && c !== '')) reader.addRow(i + 1, [...cells]);
  });
  reader.finish();
  return reader;
}

describe('ledger reader', () => {
  it('finds the header under title rows and reads the rows below', () => {
    const reader = read([
      ['某某市重点项目台账'],
      ['单位：亿元'],
      ['序号', '项目代码', '项目名称', '责任单位', '总投资（亿元）', '资金来源'],
      [1, 'A-1', '项目一', '市发改委', 1.5, '专项债'],
    ]);
    expect(reader.issues).toEqual([]);
    expect(reader.rows).toHaveLength(1);
    expect(reader.rows[0]).toMatchObject({ row: 4, code: 'A-1', unitName: '市发改委', values: { totalInvestment: 15_000, seq: 1 }, custom: { 资金来源: '专项债' } });
    expect(reader.rows[0].sheet.headerRow).toBe(3);
  });

  it('reads a two-row header under grouped headings', () => {
    const reader = read([
      ['项目代码', '项目名称', '责任单位', '投资情况（万元）', null],
      [null, null, null, '总投资', '年度计划投资'],
      ['A-1', '项目一', '市发改委', 100, 40],
    ]);
    expect(reader.issues).toEqual([]);
    expect(reader.rows[0].values).toMatchObject({ totalInvestment: 100, annualPlanInvestment: 40 });
    expect(reader.rows[0].custom).toEqual({});
  });

  it('fills units merged down their projects, skips subtotal and section rows', () => {
    const reader = read(
      [
        ['项目代码', '项目名称', '责任单位'],
        ['一、交通工程'],
        ['A-1', '项目一', '鄂城区'],
        ['A-2', '项目二', null],
        [null, '小计', '鄂城区'],
      ],
      [{ top: 3, left: 3, bottom: 4, right: 3 }],
    );
    expect(reader.issues).toEqual([]);
    expect(reader.rows.map((r) => [r.code, r.unitName])).toEqual([
      ['A-1', '鄂城区'],
      ['A-2', '鄂城区'],
    ]);
  });

  it('reports a repeated column, a missing required column and a sheet without header', () => {
    expect(read([['项目代码', '项目名称', '责任单位', '总投资', '项目总投资']]).issues[0]).toMatchObject({ row: 1, column: 'E', message: expect.stringMatching(/repeats 总投资/) });
    expect(read([['项目代码', '项目名称', '总投资'], ['A', 'B', 1]]).issues[0]).toMatchObject({ row: 1, column: '责任单位' });
    expect(read([['说明'], ['请按模板填写']]).issues[0].message).toMatch(/No sheet has a ledger header row/);
  });

  it('collects every problem of a row, with its column letter', () => {
    const reader = read([
      ['项目代码', '项目名称', '责任单位', '总投资', '计划开工时间'],
      ['A-1', null, '市发改委', 'abc', '2021-02-30'],
    ]);
    expect(reader.rows).toEqual([]);
    expect(reader.issues.map((i) => [i.row, i.column, i.field])).toEqual([
      [2, 'B', 'name'],
      [2, 'D', 'totalInvestment'],
      [2, 'E', 'plannedStart'],
    ]);
  });
});
