import { seededRandom } from '../common/random';

/**
 * Example projects for a stated project count and investment total: amounts are split by deterministic
 * pseudo-random weights so that they add up exactly to the document's figures.
 */

export function seedOf(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619);
  return hash >>> 0;
}

/** Weights in [1, 4): the largest example is at most four times the smallest. */
export function exampleWeights(count: number, seed: number): number[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => 1 + 3 * next());
}

/**
 * Splits `total` (万元) into parts proportional to `weights` that sum to it exactly: whole 万元 when the total
 * is whole, else whole 分 (0.01 万元). Largest-remainder rounding keeps every part within one step of its share.
 */
export function splitExactly(total: number, weights: number[]): number[] {
  const cents = Math.round(total * 100);
  const step = cents % 100 === 0 ? 100 : 1;
  const units = cents / step;
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (units * w) / sum);
  const parts = shares.map(Math.floor);
  let left = units - parts.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts.map((p) => (p * step) / 100);
}
