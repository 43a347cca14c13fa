import { BadInputError } from '../errors/app-error';
import { isValidIsoDate } from '../metrics/dates';
import { checkAmount as amountRule } from './amount';

/** An amount in 万元 (common/amount.ts: ≥ 0, below 10¹⁴, rounded half up to two decimals); null and undefined pass. */
export function checkAmount(value: number | null | undefined, field: string): number | null | undefined {
  if (value === null || value === undefined) return value;
  return accepted(amountRule(value), field);
}

/** The value a rule accepted, or BAD_USER_INPUT with the rule's message, naming the field. */
export function accepted<T>(result: { ok: true; value: T } | { ok: false; message: string }, field: string): T {
  if (!result.ok) throw new BadInputError(`${field}: ${result.message}.`, field);
  return result.value;
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
