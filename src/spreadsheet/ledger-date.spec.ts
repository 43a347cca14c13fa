import { checkImportAsOf, isStatsDateHeader, titleDate } from './ledger-date';

describe('titleDate', () => {
  it('reads the date a ledger title states', () => {
    expect(titleDate('鄂州市重点项目台账(截至2020年9月底)')).toEqual({ date: '2020-09-30', words: '截至2020年9月' });
    expect(titleDate('填报单位：市发改委　　截至2021年4月30日　　单位：万元')?.date).toBe('2021-04-30');
    expect(titleDate('截止到2020年2月末')?.date).toBe('2020-02-29'); // leap year
    expect(titleDate('2020年1-9月重点项目进展情况')?.date).toBe('2020-09-30');
    expect(titleDate('2021年1至6月')?.date).toBe('2021-06-30');
    expect(titleDate('双鸭山市百大项目台账（2021年）')?.date).toBe('2021-12-31'); // full-width brackets
    expect(titleDate('項目台賬(2019年度)')?.date).toBe('2019-12-31');
  });

  it('finds no date where there is none or it does not exist', () => {
    expect(titleDate('项目台账')).toBeNull();
    expect(titleDate('2020年重点项目')).toBeNull(); // a year without (…) or 截至 is not a date of the figures
    expect(titleDate('截至2020年2月30日')).toBeNull();
    expect(titleDate('截至2020年13月')).toBeNull();
  });
});

describe('isStatsDateHeader', () => {
  it('knows the 统计截止日期 column in both scripts', () => {
    expect(['统计截止日期', '統計截止日期', ' 截止日期 ', '数据截止日期'].map(isStatsDateHeader)).toEqual([true, true, true, true]);
    expect(isStatsDateHeader('计划开工时间')).toBe(false);
  });
});

describe('checkImportAsOf', () => {
  it('takes an ISO date not after today, refuses anything else naming the field', () => {
    expect(checkImportAsOf(undefined, 'asOf')).toBeNull();
    expect(checkImportAsOf('', 'asOf')).toBeNull();
    expect(checkImportAsOf('2020-09-30', 'asOf', '2026-12-07')).toBe('2020-09-30');
    expect(() => checkImportAsOf('2020-09-31', 'asOf')).toThrow(/asOf must be an ISO date/);
    expect(() => checkImportAsOf(['2020-09-30'], 'asOf')).toThrow(/asOf must be an ISO date/);
    expect(() => checkImportAsOf('2026-12-08', '--as-of', '2026-12-07')).toThrow(/--as-of 2026-12-08 is after today/);
  });
});
