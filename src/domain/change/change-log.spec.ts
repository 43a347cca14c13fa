import { diff } from './change-log';

/** diff() says a field changed exactly when its value written as JSON changed. */
describe('diff', () => {
  it('lists only the fields of `after` whose JSON differs, with before and after', () => {
    const before = { name: '市民中心', totalInvestment: 15_000, stage: 'PLANNING', remarks: null, customFields: { 资金来源: '专项债' } };
    const after = { name: '市民中心二期', totalInvestment: 15_000, stage: 'PLANNING', remarks: null, customFields: { 资金来源: '企业自筹' } };
    expect(diff(before, after)).toEqual({
      name: { before: '市民中心', after: '市民中心二期' },
      customFields: { before: { 资金来源: '专项债' }, after: { 资金来源: '企业自筹' } },
    });
  });

  it('tells a number from the same digits as text, and a boolean from its word', () => {
    expect(diff({ seq: 1, explicit: true }, { seq: '1', explicit: 'true' })).toEqual({
      seq: { before: 1, after: '1' },
      explicit: { before: true, after: 'true' },
    });
  });

  it('takes values JSON writes alike as unchanged: 0 and -0, NaN or Infinity and null, undefined and null, a date and its ISO text, equal objects', () => {
    const at = new Date('2021-06-30T00:00:00.000Z');
    expect(
      diff(
        { a: 0, b: Number.NaN, c: Number.POSITIVE_INFINITY, d: undefined, e: at, f: { x: [1, 2] } },
        { a: -0, b: null, c: null, d: null, e: '2021-06-30T00:00:00.000Z', f: { x: [1, 2] }, g: null },
      ),
    ).toEqual({});
  });

  it('against nothing (a new row) lists every field that is not null', () => {
    expect(diff(null, { code: 'A-1', owner: null, totalInvestment: 0 })).toEqual({ code: { before: null, after: 'A-1' }, totalInvestment: { before: null, after: 0 } });
  });
});
