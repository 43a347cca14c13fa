import { BadInputError } from '../../errors/app-error';
import { daysInMonth, dayNumber, formatDate, isValidIsoDate } from '../../metrics/dates';
import { defaultCadenceName, ReportingCadence, ReportingRule } from '../campaign/task-force.entity';
import { parsePeriod } from '../progress/period';

/** One reporting period of any cadence: its key as given back, kind, first and last day. */
export interface ReportingPeriod {
  key: string;
  kind: ReportingCadence;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (date: string, days: number) => formatDate(new Date((dayNumber(date) + days) * 86_400_000));

const formats = 'a day (2024-05-15), ISO week (2024-W18), 旬 (2024-05-T2: days 11–20), half month (2024-05-H1: days 1–15, H2: 16–end), month (2024-05) or quarter (2024-Q2)';

/**
 * Parses a reporting period of any cadence: the progress-report periods (month 2024-05, quarter 2024-Q2, ISO week
 * 2024-W18, 旬 2024-05-T1/T2/T3) and also a day 2024-05-15 and a half month 2024-05-H1/H2. BAD_USER_INPUT naming
 * `field` otherwise.
 */
export function parseReportingPeriod(raw: string, field = 'period'): ReportingPeriod {
  const text = raw.trim().toUpperCase();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (!isValidIsoDate(text)) throw new BadInputError(`${field} must be ${formats}; "${raw.slice(0, 20)}" is not a day of the calendar.`, field);
    return { key: text, kind: ReportingCadence.DAY, start: text, end: text };
  }
  const half = /^(\d{4})-(\d{2})-H([12])$/.exec(text);
  if (half && Number(half[2]) >= 1 && Number(half[2]) <= 12 && Number(half[1]) >= 1900 && Number(half[1]) < 2200) {
    const [year, month] = [Number(half[1]), Number(half[2])];
    const first = half[3] === '1';
    return { key: text, kind: ReportingCadence.HALF_MONTH, start: `${half[1]}-${half[2]}-${first ? '01' : '16'}`, end: `${half[1]}-${half[2]}-${first ? '15' : pad(daysInMonth(year, month))}` };
  }
  try {
    const period = parsePeriod(raw, field);
    return { key: period.key, kind: period.type as unknown as ReportingCadence, start: period.start, end: period.end };
  } catch {
    throw new BadInputError(`${field} must be ${formats}, got "${raw.slice(0, 20)}".`, field);
  }
}

/** The largest dueDay of each kind (a day past a period's end means its last day). */
const dueDayMax: Record<ReportingCadence, number> = { DAY: 1, WEEK: 7, TEN_DAYS: 11, HALF_MONTH: 16, MONTH: 31, QUARTER: 31 };

/** The last day on which a report of `period` is on time under `rule` (or on the period's last day without one). */
export function dueDate(period: ReportingPeriod, rule: Pick<ReportingRule, 'dueDay' | 'graceDays'> | null): string {
  let day = period.end;
  if (rule && rule.dueDay !== null) {
    // MONTH and QUARTER count the day in the period's last month; the others from the period's first day.
    const base = period.kind === ReportingCadence.MONTH || period.kind === ReportingCadence.QUARTER ? `${period.end.slice(0, 8)}01` : period.start;
    const candidate = addDays(base, rule.dueDay - 1);
    day = candidate < period.end ? candidate : period.end;
  }
  return addDays(day, rule?.graceDays ?? 0);
}

/** A cadence as given by a client or a seed. */
export interface ReportingRuleValue {
  kind: ReportingCadence;
  name?: string | null;
  dueDay?: number | null;
  graceDays?: number | null;
}

/**
 * Checks a task force's cadences (BAD_USER_INPUT naming `field[i].…`): at most 10, each kind once, a name of at most
 * 20 characters (default 日报/周报/旬报/半月报/月报/季报), dueDay within its kind's period, graceDays 0–92.
 */
export function checkReportingRules(rules: ReportingRuleValue[], field: string): ReportingRule[] {
  if (rules.length > 10) throw new BadInputError(`${field} holds at most 10 cadences.`, field);
  const seen = new Set<ReportingCadence>();
  return rules.map((rule, i) => {
    const at = `${field}[${i}]`;
    if (seen.has(rule.kind)) throw new BadInputError(`${at}.kind: ${rule.kind} is already set; a task force has each kind of cadence once.`, `${at}.kind`);
    seen.add(rule.kind);
    const name = rule.name?.trim() || defaultCadenceName[rule.kind];
    if ([...name].length > 20) throw new BadInputError(`${at}.name must be at most 20 characters.`, `${at}.name`);
    const dueDay = rule.dueDay ?? null;
    if (dueDay !== null && (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > dueDayMax[rule.kind])) {
      throw new BadInputError(`${at}.dueDay of a ${rule.kind} cadence must be 1–${dueDayMax[rule.kind]}, got ${dueDay}.`, `${at}.dueDay`);
    }
    const graceDays = rule.graceDays ?? 0;
    if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > 92) throw new BadInputError(`${at}.graceDays must be 0–92, got ${graceDays}.`, `${at}.graceDays`);
    return { kind: rule.kind, name, dueDay, graceDays };
  });
}

/** The key of the period of `kind` that holds `date` (2024-05-15 → 2024-W20, 2024-05-T2, 2024-05-H1, 2024-05, 2024-Q2). */
export function periodContaining(date: string, kind: ReportingCadence): string {
  const [year, month, day] = [date.slice(0, 4), date.slice(5, 7), Number(date.slice(8, 10))];
  switch (kind) {
    case ReportingCadence.DAY:
      return date;
    case ReportingCadence.TEN_DAYS:
      return `${year}-${month}-T${day <= 10 ? 1 : day <= 20 ? 2 : 3}`;
    case ReportingCadence.HALF_MONTH:
      return `${year}-${month}-H${day <= 15 ? 1 : 2}`;
    case ReportingCadence.MONTH:
      return `${year}-${month}`;
    case ReportingCadence.QUARTER:
      return `${year}-Q${Math.ceil(Number(month) / 3)}`;
    case ReportingCadence.WEEK: {
      // ISO week: the week's Thursday names the year; week 1 holds 4 January.
      const thursday = dayNumber(date) - ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 3;
      const isoYear = Number(formatDate(new Date(thursday * 86_400_000)).slice(0, 4));
      const week = 1 + Math.floor((thursday - dayNumber(`${isoYear}-01-01`)) / 7);
      return `${isoYear}-W${pad(week)}`;
    }
  }
}
