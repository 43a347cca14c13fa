import { excelSerialToIso, parseAmount, parseDate, parseInteger, parseNature, parseStage } from './cell-values';

const value = <T>(result: { ok: true; value: T } | { ok: false; message: string }) => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const message = (result: { ok: boolean; message?: string }) => (result.ok ? null : result.message);

describe('amounts', () => {
  it('reads 万元 and converts 亿元 from the header or the cell, exactly', () => {
    expect(value(parseAmount(3500, null))).toBe(3500);
    expect(value(parseAmount(1.2345, 'yi'))).toBe(12_345); // 1.2345 × 10,000, not 12,344.999…
    expect(value(parseAmount('12.5亿元', null))).toBe(125_000);
    expect(value(parseAmount('12.5億元', 'wan'))).toBe(125_000);
    expect(value(parseAmount('3,500万元', 'yi'))).toBe(3_500); // the cell's unit wins over the header's
    expect(value(parseAmount('０.５８', 'yi'))).toBe(5_800); // full-width digits
    expect(value(parseAmount(0.58, 'yi'))).toBe(5_800);
    expect(value(parseAmount(1234.565, null))).toBe(1234.57); // rounded half up to 分
    expect(value(parseAmount('-', null))).toBeNull();
    expect(value(parseAmount('无', null))).toBeNull();
    expect(value(parseAmount(null, null))).toBeNull();
  });

  it('refuses negatives, words and other units', () => {
    expect(message(parseAmount(-300, null))).toMatch(/negative/);
    expect(message(parseAmount('-300', null))).toMatch(/negative/);
    expect(message(parseAmount('约5000', null))).toMatch(/expected an amount/);
    expect(message(parseAmount('5000美元', null))).toMatch(/expected an amount/);
    expect(message(parseAmount({ error: '#DIV/0!' }, null))).toMatch(/#DIV\/0!/);
    expect(message(parseAmount(new Date(), null))).toMatch(/date/);
  });

  it('rounds half up to two decimals as written, number cells and text alike (the rule of project-rules)', () => {
    expect(value(parseAmount(1.005, null))).toBe(1.01);
    expect(value(parseAmount('1.005', null))).toBe(1.01);
    expect(value(parseAmount(2.675, null))).toBe(2.68);
    expect(value(parseAmount('0.000049亿元', null))).toBe(0.49); // 0.49 万元 exactly
  });
});

describe('dates', () => {
  it.each([
    ['2021年4月15日', '2021-04-15'],
    ['2021年4月', '2021-04-01'],
    ['2021 年 4 月 15 日', '2021-04-15'],
    ['2021.4', '2021-04-01'],
    ['2021.10', '2021-10-01'],
    ['2021.4.15', '2021-04-15'],
    ['2021/4/15', '2021-04-15'],
    ['2021-04-15', '2021-04-15'],
    ['2021-04-15 08:30:00', '2021-04-15'],
    ['20210415', '2021-04-15'],
    ['2020年2月29日', '2020-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(value(parseDate(text))).toBe(iso);
  });

  it('reads Excel serials, date cells and year.month numbers', () => {
    expect(value(parseDate(44317))).toBe('2021-05-01'); // 44317 days after 1899-12-30
    expect(value(parseDate(1))).toBe('1900-01-01');
    expect(value(parseDate(61))).toBe('1900-03-01');
    expect(value(parseDate(new Date(Date.UTC(2021, 3, 20))))).toBe('2021-04-20');
    expect(value(parseDate(2021.4))).toBe('2021-04-01');
    expect(value(parseDate(2021.12))).toBe('2021-12-01');
    expect(excelSerialToIso(60)).toBeNull(); // Excel's phantom 1900-02-29
  });

  it('refuses impossible dates and a year alone', () => {
    expect(message(parseDate('2021年2月30日'))).toMatch(/not a date that exists/);
    expect(message(parseDate('2021-13-01'))).toMatch(/not a date that exists/);
    expect(message(parseDate('2021年'))).toMatch(/year alone/);
    expect(message(parseDate(2021))).toMatch(/year alone/);
    expect(message(parseDate('下半年'))).toMatch(/expected a date/);
  });
});

describe('codes, stages, natures', () => {
  it('reads whole numbers only for 序号', () => {
    expect(value(parseInteger(3))).toBe(3);
    expect(value(parseInteger('12'))).toBe(12);
    expect(message(parseInteger(1.5))).toMatch(/whole number/);
  });

  it('reads stages and natures in either script', () => {
    expect(value(parseStage('在建'))).toBe('UNDER_CONSTRUCTION');
    expect(value(parseStage('竣工'))).toBe('COMPLETED');
    expect(value(parseStage('前期'))).toBe('PREPARING');
    expect(value(parseStage('投產'))).toBe('IN_PRODUCTION');
    expect(message(parseStage('快好了'))).toMatch(/谋划, 前期, 在建/);
    expect(value(parseNature('擴建'))).toBe('扩建');
    expect(message(parseNature('新建(续建)'))).toMatch(/建设性质/);
  });
});
