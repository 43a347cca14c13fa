import { BadInputError } from '../../errors/app-error';
import { addMonths, daysInMonth, formatDate } from '../../metrics/dates';
import { PeriodType } from './progress-report.entity';

export interface ParsedPeriod {
  key: string;
  type: PeriodType;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO week `week` of `year`: Monday of the week containing 4 January, plus whole weeks. */
function isoWeekStart(year: number, week: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
  return new Date(monday.getTime() + (week - 1) * 7 * 86_400_000);
}

function weeksInYear(year: number): number {
  return isoWeekStart(year + 1, 1).getTime() - isoWeekStart(year, 1).getTime() === 53 * 7 * 86_400_000 ? 53 : 52;
}

/**
 * Parses a reporting period: month 2021-04, quarter 2021-Q2, ISO week 2021-W15, 旬 2021-04-T1/T2/T3
 * (days 1–10, 11–20, 21–end). BAD_USER_INPUT naming `field` otherwise.
 */
export function parsePeriod(raw: string, field = 'input.period'): ParsedPeriod {
  const text = raw.trim().toUpperCase();
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  const year = m ? Number(m[1]) : NaN;
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && year >= 1900 && year < 2200) {
    const month = Number(m[2]);
    return { key: text, type: PeriodType.MONTH, start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${pad(daysInMonth(year, month))}` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m && Number(m[1]) >= 1900 && Number(m[1]) < 2200) {
    const start = `${m[1]}-${pad((Number(m[2]) - 1) * 3 + 1)}-01`;
    const lastMonthStart = addMonths(start, 2);
    const end = `${lastMonthStart.slice(0, 8)}${pad(daysInMonth(Number(m[1]), Number(lastMonthStart.slice(5, 7))))}`;
    return { key: text, type: PeriodType.QUARTER, start, end };
  }
  m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (m && Number(m[1]) >= 1900 && Number(m[1]) < 2200 && Number(m[2]) >= 1 && Number(m[2]) <= weeksInYear(Number(m[1]))) {
    const start = isoWeekStart(Number(m[1]), Number(m[2]));
    return { key: text, type: PeriodType.WEEK, start: formatDate(start), end: formatDate(new Date(start.getTime() + 6 * 86_400_000)) };
  }
  m = /^(\d{4})-(\d{2})-T([1-3])$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 1900 && Number(m[1]) < 2200) {
    const dek = Number(m[3]);
    const last = dek === 3 ? daysInMonth(Number(m[1]), Number(m[2])) : dek * 10;
    return { key: text, type: PeriodType.TEN_DAYS, start: `${m[1]}-${m[2]}-${pad((dek - 1) * 10 + 1)}`, end: `${m[1]}-${m[2]}-${pad(last)}` };
  }
  throw new BadInputError(
    `${field} must be a month (2021-04), quarter (2021-Q2), ISO week (2021-W15) or 旬 (2021-04-T2), got "${raw.slice(0, 20)}".`,
    field,
  );
}
