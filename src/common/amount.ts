/**
 * Amounts in 万元, the one rounding rule of every channel that writes them (projectCreate/projectUpdate, ledger
 * imports, progress reports). The project write rules (domain/project/project-rules.ts) use it; it lives here
 * because progress reports write amounts too.
 */

/** Amounts are stored with two decimals, below this bound (DECIMAL(16,2)). */
export const maxAmount = 1e14;

/**
 * Rounds a plain non-negative decimal numeral, its point first moved `shift` places right (4: 亿元 → 万元), to two
 * decimals, half up, in decimal arithmetic: 1.005 → 1.01, 2.675 → 2.68, 1.2345 亿元 → 12,345 万元 exactly. The rule
 * is the one of the figure as written (四舍五入, as Excel's ROUND and its 0.00 format show it), not of its nearest
 * binary double, which would round 1.005 down (1.005 × 100 = 100.4999…). NaN when the text is not such a numeral.
 */
export function roundAmountNumeral(numeral: string, shift = 0): number {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(numeral);
  if (!m) return Number.NaN;
  const intPart = m[1] || '0';
  const fraction = (m[2] ?? '') + '0'.repeat(shift + 3);
  const digits = intPart + fraction.slice(0, shift);
  const rest = fraction.slice(shift);
  // Cents as an integer, then half up on the third decimal.
  let cents = BigInt(digits + rest.slice(0, 2));
  if (Number(rest[2]) >= 5) cents += 1n;
  return Number(cents) / 100;
}

/** The decimal numeral a number is written as (the shortest that reads back as the same double), without exponent. */
export function numeralOf(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(12) : text;
}

/** An amount in 万元 (finite, not negative, rounded half up to two decimals, below maxAmount), or why not. */
export function checkAmount(value: number): { ok: true; value: number } | { ok: false; message: string } {
  if (!Number.isFinite(value)) return { ok: false, message: 'expected an amount in 万元, found a value that is not a number' };
  if (value < 0) return { ok: false, message: `amounts cannot be negative, found ${value}` };
  const rounded = Number.isInteger(value) ? value : roundAmountNumeral(numeralOf(value));
  if (!(rounded < maxAmount)) return { ok: false, message: `the amount ${value} is too large; amounts in 万元 stay below ${maxAmount}` };
  return { ok: true, value: rounded };
}
