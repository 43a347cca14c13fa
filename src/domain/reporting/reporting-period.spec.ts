import 'reflect-metadata';
import { ReportingCadence } from '../campaign/task-force.entity';
import { checkReportingRules, dueDate, parseReportingPeriod, periodContaining } from './reporting-period';

describe('parseReportingPeriod', () => {
  it('reads every kind of period with its first and last day', () => {
    expect(parseReportingPeriod('2024-05-15')).toEqual({ key: '2024-05-15', kind: 'DAY', start: '2024-05-15', end: '2024-05-15' });
    expect(parseReportingPeriod('2024-w18')).toEqual({ key: '2024-W18', kind: 'WEEK', start: '2024-04-29', end: '2024-05-05' }); // Monday 29 April
    expect(parseReportingPeriod('2024-05-T3')).toEqual({ key: '2024-05-T3', kind: 'TEN_DAYS', start: '2024-05-21', end: '2024-05-31' });
    expect(parseReportingPeriod('2024-02-H2')).toEqual({ key: '2024-02-H2', kind: 'HALF_MONTH', start: '2024-02-16', end: '2024-02-29' }); // leap year
    expect(parseReportingPeriod('2024-05')).toEqual({ key: '2024-05', kind: 'MONTH', start: '2024-05-01', end: '2024-05-31' });
    expect(parseReportingPeriod('2024-Q2')).toEqual({ key: '2024-Q2', kind: 'QUARTER', start: '2024-04-01', end: '2024-06-30' });
  });

  it('names the argument when the text is no period', () => {
    for (const text of ['2024-02-30', '2024-05-H3', '2024-W54', '2024-5', 'May']) {
      expect(() => parseReportingPeriod(text)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'period' }) }));
    }
  });
});

describe('dueDate', () => {
  const q3 = parseReportingPeriod('2020-Q3');
  it('takes the due day of the quarter\'s last month, the month\'s day, the week\'s weekday, or the last day', () => {
    expect(dueDate(q3, { dueDay: 25, graceDays: 0 })).toBe('2020-09-25'); // 每季度最后一个月的25日前
    expect(dueDate(q3, null)).toBe('2020-09-30');
    expect(dueDate(parseReportingPeriod('2024-05'), { dueDay: null, graceDays: 5 })).toBe('2024-06-05'); // by the 5th of the next month
    expect(dueDate(parseReportingPeriod('2024-02'), { dueDay: 31, graceDays: 0 })).toBe('2024-02-29'); // past the end: its last day
    expect(dueDate(parseReportingPeriod('2024-W18'), { dueDay: 5, graceDays: 0 })).toBe('2024-05-03'); // Friday
    expect(dueDate(parseReportingPeriod('2024-05-T2'), { dueDay: 11, graceDays: 0 })).toBe('2024-05-20'); // 11th day of a 10-day 旬: its last
    expect(dueDate(parseReportingPeriod('2024-05-T3'), { dueDay: 11, graceDays: 1 })).toBe('2024-06-01'); // 21 + 10 = 31 May, + 1
  });
});

describe('periodContaining', () => {
  it('names the period of each kind that holds a date', () => {
    const on = '2024-05-15';
    expect([ReportingCadence.DAY, ReportingCadence.WEEK, ReportingCadence.TEN_DAYS, ReportingCadence.HALF_MONTH, ReportingCadence.MONTH, ReportingCadence.QUARTER].map((k) => periodContaining(on, k))).toEqual([
      '2024-05-15', '2024-W20', '2024-05-T2', '2024-05-H1', '2024-05', '2024-Q2',
    ]);
    expect(periodContaining('2021-01-01', ReportingCadence.WEEK)).toBe('2020-W53'); // a Friday in 2020's last ISO week
    expect(periodContaining('2024-12-30', ReportingCadence.WEEK)).toBe('2025-W01'); // a Monday in 2025's first
    for (const date of ['2021-01-01', '2024-12-30', '2026-06-30']) {
      const period = parseReportingPeriod(periodContaining(date, ReportingCadence.WEEK));
      expect(period.start <= date && date <= period.end).toBe(true);
    }
  });
});

describe('checkReportingRules', () => {
  it('gives default names and refuses a kind twice, a due day outside its period and negative grace', () => {
    expect(checkReportingRules([{ kind: ReportingCadence.MONTH }], 'x')).toEqual([{ kind: 'MONTH', name: '月报', dueDay: null, graceDays: 0 }]);
    expect(() => checkReportingRules([{ kind: ReportingCadence.WEEK }, { kind: ReportingCadence.WEEK }], 'x')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'x[1].kind' }) }));
    expect(() => checkReportingRules([{ kind: ReportingCadence.HALF_MONTH, dueDay: 17 }], 'x')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'x[0].dueDay' }) }));
    expect(() => checkReportingRules([{ kind: ReportingCadence.DAY, graceDays: -1 }], 'x')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'x[0].graceDays' }) }));
  });
});
