import { BadInputError } from '../errors/app-error';
import { isValidIsoDate, today } from '../metrics/dates';

/**
 * The as-of date of a metrics request: an ISO date (or date-time, whose date is taken). When absent: today, or the
 * last day of the task force's period when that has ended (a finished campaign is shown as it closed).
 */
export function resolveAsOf(asOf: string | null | undefined, field = 'asOf', taskForce?: { periodEnd: string | null } | null): string {
  if (asOf === null || asOf === undefined || asOf === '') {
    const now = today();
    return taskForce?.periodEnd && taskForce.periodEnd < now ? taskForce.periodEnd : now;
  }
  const date = asOf.slice(0, 10);
  if (!isValidIsoDate(date) || (asOf.length > 10 && Number.isNaN(Date.parse(asOf)))) {
    throw new BadInputError(`${field} must be an ISO date such as 2021-09-30, got "${asOf.slice(0, 40)}".`, field);
  }
  return date;
}

export const defaultPageSize = 50;
