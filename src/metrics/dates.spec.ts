import { addMonths, dayNumber, dayOfYear, daysInMonth, formatDate, isLeapYear, isValidIsoDate, monthOf, today, yearOf } from './dates';

describe('isLeapYear', () => {
  it.each([
    [2024, true], // divisible by 4, not by 100
    [2021, false], // not divisible by 4
    [1900, false], // divisible by 100, not by 400
    [2000, true], // divisible by 400
  ])('%i → %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2021, 1, 31],
    [2021, 2, 28], // 2021 is not a leap year
    [2024, 2, 29], // 2024 is
    [1900, 2, 28], // century, not divisible by 400
    [2000, 2, 29], // divisible by 400
    [2021, 4, 30],
    [2021, 11, 30],
    [2021, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('isValidIsoDate', () => {
  it.each(['2021-04-15', '2021-04-30', '2024-02-29', '2000-02-29', '2021-12-31', '2021-01-01'])('accepts %s', (value) => {
    expect(isValidIsoDate(value)).toBe(true);
  });

  it.each([
    '2021-02-29', // 2021 is not a leap year
    '1900-02-29', // 1900 is not a leap year
    '2021-04-31', // April has 30 days
    '2021-13-01', // no 13th month
    '2021-00-10', // no month 0
    '2021-04-00', // no day 0
    '2021-4-15', // month not zero-padded
    '2021/04/15', // wrong separator
    '2021-04-15T00:00:00Z', // a timestamp, not a date
    '',
  ])('rejects %p', (value) => {
    expect(isValidIsoDate(value)).toBe(false);
  });
});

describe('yearOf / monthOf', () => {
  it('reads the year and month of an ISO date', () => {
    expect(yearOf('2021-04-15')).toBe(2021);
    expect(monthOf('2021-04-15')).toBe(4);
    expect(monthOf('2021-12-01')).toBe(12);
  });
});

describe('dayNumber', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('1971-01-01')).toBe(365); // 1970 has 365 days
  });

  it('gives differences that follow leap years', () => {
    expect(dayNumber('2022-01-01') - dayNumber('2021-01-01')).toBe(365);
    expect(dayNumber('2025-01-01') - dayNumber('2024-01-01')).toBe(366);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2); // 2000-02-29 exists
    expect(dayNumber('1900-03-01') - dayNumber('1900-02-28')).toBe(1); // 1900-02-29 does not
  });

  it('counts 259 days from 2021-04-15 to 2021-12-30', () => {
    // Apr 15→30: 15, then May 31 + Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 = 214, then Dec 1→30: 30
    // 15 + 214 + 30 = 259
    expect(dayNumber('2021-12-30') - dayNumber('2021-04-15')).toBe(259);
  });
});

describe('dayOfYear', () => {
  it.each([
    ['2021-01-01', 1],
    ['2021-02-01', 32], // 31 + 1
    ['2021-03-01', 60], // 31 + 28 + 1
    ['2024-03-01', 61], // 31 + 29 + 1
    ['2021-04-15', 105], // 31 + 28 + 31 + 15
    ['2021-12-31', 365],
    ['2024-12-31', 366],
  ])('%s is day %i', (date, day) => {
    expect(dayOfYear(date)).toBe(day);
  });
});

describe('addMonths', () => {
  it.each([
    ['2021-10-15', 3, '2022-01-15'], // same day, across a year end
    ['2021-01-31', 1, '2021-02-28'], // clamped to February's last day
    ['2024-01-31', 1, '2024-02-29'], // leap February
    ['2021-11-30', 3, '2022-02-28'], // 30 February does not exist
    ['2021-08-31', 1, '2021-09-30'], // September has 30 days
    ['2021-12-31', 2, '2022-02-28'],
    ['2024-02-29', 12, '2025-02-28'], // a year later has no 29 February
    ['2021-03-31', -1, '2021-02-28'], // backwards, clamped
    ['2021-01-15', -1, '2020-12-15'], // backwards across a year start
    ['2021-04-15', 0, '2021-04-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('formatDate', () => {
  it('formats the UTC calendar date', () => {
    // month index 3 = April; 23:59:59 UTC is still the 15th in UTC
    expect(formatDate(new Date(Date.UTC(2021, 3, 15, 23, 59, 59)))).toBe('2021-04-15');
  });
});

describe('today (UTC+8)', () => {
  it('is still the same day until 16:00 UTC', () => {
    // 15:59:59.999 UTC + 8 h = 23:59:59.999 on the 15th
    expect(today(new Date('2021-04-15T15:59:59.999Z'))).toBe('2021-04-15');
  });

  it('turns to the next day at 16:00 UTC', () => {
    // 16:00 UTC + 8 h = 00:00 on the 16th
    expect(today(new Date('2021-04-15T16:00:00.000Z'))).toBe('2021-04-16');
  });

  it('turns the year at 16:00 UTC on 31 December', () => {
    expect(today(new Date('2021-12-31T16:00:00.000Z'))).toBe('2022-01-01');
  });
});
