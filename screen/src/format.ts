/**
 * How the screen writes figures: amounts in 万元 (or 亿元 for totals) with thousands separators, ratios as percentages,
 * gaps in percentage points, dates in Chinese. Pure, so the screen's own tests check them.
 */

/** Thousands separators and at most `decimals` decimals (trailing zeros dropped unless `fixed`): 1200 → "1,200". */
export function groupDigits(value: number, decimals = 2, fixed = false): string {
  const sign = value < 0 ? '-' : '';
  const rounded = Math.abs(value).toFixed(decimals);
  let [whole, fraction = ''] = rounded.split('.');
  if (!fixed) fraction = fraction.replace(/0+$/, '');
  whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return text === '0' ? text : sign + text;
}

/** An amount in 万元 as written on the ledger: 1200 → "1,200 万元"; null → "—". */
export function wan(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : `${groupDigits(value)} 万元`;
}

/** 万元 shown in 亿元 with two decimals: 21248100 → "2,124.81". */
export function yi(valueInWan: number | null | undefined): string {
  return valueInWan === null || valueInWan === undefined ? '—' : groupDigits(valueInWan / 10_000, 2, true);
}

/** A fraction as a percentage: 0.853 → "85.3%"; null (no denominator) → "—". */
export function percent(ratio: number | null | undefined, decimals = 1): string {
  return ratio === null || ratio === undefined || Number.isNaN(ratio) ? '—' : `${(ratio * 100).toFixed(decimals)}%`;
}

/** Percentage points with their sign: 3.25 → "+3.3", −14.7 → "−14.7" (a real minus sign, legible at a distance). */
export function points(gap: number | null | undefined): string {
  if (gap === null || gap === undefined || Number.isNaN(gap)) return '—';
  const text = Math.abs(gap).toFixed(1);
  if (text === '0.0') return '0.0';
  return (gap > 0 ? '+' : '−') + text;
}

/** An ISO date as Chinese: "2022-12-31" → "2022年12月31日". */
export function chineseDate(iso: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!match) return '—';
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

/** The wall clock: "2026年12月6日 星期日" and "17:32:05", in the browser's time zone. */
export function clock(now: Date): { date: string; time: string } {
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日 星期${weekdays[now.getDay()]}`,
    time: `${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`,
  };
}

/** Light names as the office says them. */
export const lightNames: Record<string, string> = { RED: '红灯', YELLOW: '黄灯', GREEN: '绿灯', NO_DATA: '无数据' };
export const lightColors: Record<string, string> = { RED: '#f25f5c', YELLOW: '#f6c344', GREEN: '#3ccf7e', NO_DATA: '#8a93a3' };
