/** Calendar helpers on ISO dates (YYYY-MM-DD), free of time zones. */

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const m = isoDate.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Years outside 1900–2199 are typing mistakes in this domain (and JavaScript dates mishandle years below 100).
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function monthOf(date: string): number {
  return Number(date.slice(5, 7));
}

/** Days since 1970-01-01 (UTC), for differences. */
export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(yearOf(date), monthOf(date) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

/** 1 for 1 January. */
export function dayOfYear(date: string): number {
  return dayNumber(date) - dayNumber(`${date.slice(0, 4)}-01-01`) + 1;
}

/** Same day `months` later, clamped to the month's last day (2021-01-31 + 1 → 2021-02-28). */
export function addMonths(date: string, months: number): string {
  const total = yearOf(date) * 12 + (monthOf(date) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today in the service's calendar (UTC+8, where its users are). */
export function today(now: Date = new Date()): string {
  return formatDate(new Date(now.getTime() + 8 * 3600_000));
}
