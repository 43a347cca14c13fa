import { BadInputError } from '../errors/app-error';
import { isValidIsoDate } from '../metrics/dates';

/** An amount in 万元: finite, ≥ 0, below 10¹⁴, at most two decimals after rounding. */
export function checkAmount(value: number | null | undefined, field: string): number | null | undefined {
  if (value === null || value === undefined) return value;
  if (!Number.isFinite(value) || value < 0 || value >= 1e14) throw new BadInputError(`${field} must be an amount in 万元, at least 0, got ${value}.`, field);
  return Math.round(value * 100) / 100;
}

/** An ISO date YYYY-MM-DD (null clears it). */
export function checkDate(value: string | null | undefined, field: string): string | null | undefined {
  if (value === null || value === undefined) return value;
  if (!isValidIsoDate(value)) throw new BadInputError(`${field} must be an ISO date such as 2021-04-15, got "${value.slice(0, 30)}".`, field);
  return value;
}

export function checkOrdered(start: string | null | undefined, end: string | null | undefined, startField: string, endField: string): void {
  if (start && end && end < start) throw new BadInputError(`${endField} (${end}) must not be before ${startField} (${start}).`, endField);
}
