import { chineseDate, clock, groupDigits, percent, points, wan, yi } from './format';

describe('the screen writes figures', () => {
  test('amounts in 万元 with thousands separators and at most two decimals', () => {
    expect(groupDigits(1200)).toBe('1,200');
    expect(groupDigits(1234567.891)).toBe('1,234,567.89');
    expect(groupDigits(1500.5)).toBe('1,500.5');
    expect(groupDigits(-2500)).toBe('-2,500');
    expect(groupDigits(-0.001)).toBe('0');
    expect(wan(1500)).toBe('1,500 万元');
    expect(wan(null)).toBe('—');
  });

  test('totals in 亿元 with two decimals: 21,248,100 万元 is 2,124.81 亿元', () => {
    expect(yi(21_248_100)).toBe('2,124.81');
    expect(yi(0)).toBe('0.00');
    expect(yi(null)).toBe('—');
  });

  test('ratios as percentages, gaps in points with a real minus sign, no denominator as a dash', () => {
    expect(percent(0.8534)).toBe('85.3%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(null)).toBe('—');
    expect(points(-14.66)).toBe('−14.7');
    expect(points(3.25)).toBe('+3.3');
    expect(points(0.01)).toBe('0.0');
    expect(points(null)).toBe('—');
  });

  test('dates and the clock in Chinese', () => {
    expect(chineseDate('2022-12-31')).toBe('2022年12月31日');
    expect(chineseDate('2020-03-05T10:00:00Z')).toBe('2020年3月5日');
    expect(chineseDate(null)).toBe('—');
    // 6 December 2026 is a Sunday.
    expect(clock(new Date(2026, 11, 6, 9, 5, 7))).toEqual({ date: '2026年12月6日 星期日', time: '09:05:07' });
  });
});
