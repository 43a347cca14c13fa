import { today } from '../metrics/dates';
import { resolveAsOf } from './args';

describe('resolveAsOf', () => {
  it('takes the date given, or the date of a date-time', () => {
    expect(resolveAsOf('2021-09-30')).toBe('2021-09-30');
    expect(resolveAsOf('2021-09-30T23:00:00+08:00')).toBe('2021-09-30');
  });

  it('defaults to today, also for a task force whose period has not ended or has no end', () => {
    expect(resolveAsOf(null)).toBe(today());
    expect(resolveAsOf(null, 'asOf', { periodEnd: '2999-12-31' })).toBe(today());
    expect(resolveAsOf(undefined, 'asOf', { periodEnd: null })).toBe(today());
  });

  it('defaults to the last day of a period that has ended (鄂州 2020–2022 is shown as it closed)', () => {
    expect(resolveAsOf(null, 'asOf', { periodEnd: '2022-12-31' })).toBe('2022-12-31');
    expect(resolveAsOf('', 'asOf', { periodEnd: '2022-12-31' })).toBe('2022-12-31');
    // A date given is taken as given, even after the period.
    expect(resolveAsOf('2024-01-31', 'asOf', { periodEnd: '2022-12-31' })).toBe('2024-01-31');
  });
});
