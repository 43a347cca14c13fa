import { seededRandom } from '../common/random';
import { daysInMonth } from '../metrics/dates';
import { seedOf } from './example-projects';

/**
 * Example monthly reports (进度填报, `isExample`) for the demo's example projects that carry a yearly plan, so that a
 * demo campaign shows what a running one shows — projects on pace, behind, far behind and starting late, a unit
 * that stops reporting — instead of one colour. They are invented, deterministically from the project's code, and
 * marked as examples; the documents give only the plans.
 *
 * Each project draws a pace profile and a reporting habit:
 * - pace (of its year's plan, at month m of 12, counted from its start month s): year-to-date completed
 *   investment = plan × min(r × (m − s + 1) / 12, 1.15), rounded to whole 万元, never above the total;
 *   - ON_PACE (45%): starts in January, r in [0.92, 1.12) — 投资完成率 at the year's end ≥ 92%, GREEN;
 *   - BEHIND (25%): starts in January, r in [0.72, 0.90) — 72–90% at the year's end, YELLOW;
 *   - FAR_BEHIND (18%): starts in January, r in [0.30, 0.68) — RED;
 *   - LATE_START (12%): starts in a month from April to September, r in [0.85, 1.10) — nothing until then;
 * - reporting: STEADY (85%) reports every month; PATCHY (10%) misses a month with probability 0.3; STOPS (5%)
 *   reports up to a month from June to October and then no more (its figures stand still, its unit shows 未报送).
 *
 * A report is filed 1 to 10 days after its month ends (within the grace period), 10:00 in UTC+8.
 */

export type PaceProfile = 'ON_PACE' | 'BEHIND' | 'FAR_BEHIND' | 'LATE_START';
export type ReportingHabit = 'STEADY' | 'PATCHY' | 'STOPS';

export interface ExampleReportPlan {
  profile: PaceProfile;
  habit: ReportingHabit;
  /** r: the share of the year's plan done per twelve months of work. */
  pace: number;
  /** The month (1–12) work starts. */
  startMonth: number;
  /** For STOPS: the last month reported. */
  lastReportedMonth: number;
}

export interface ExampleReport {
  /** `YYYY-MM`. */
  period: string;
  periodStart: string;
  periodEnd: string;
  ytdCompletedInvestment: number;
  /** Completed in the month itself (本期完成投资). */
  periodInvestment: number;
  stage: 'PREPARING' | 'UNDER_CONSTRUCTION';
  submittedAt: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The profile and habit of one project, drawn from its code. */
export function exampleReportPlan(code: string): ExampleReportPlan {
  const next = seededRandom(seedOf(`${code}:reports`));
  const u = next();
  const between = (low: number, high: number) => low + (high - low) * next();
  let profile: PaceProfile;
  let pace: number;
  let startMonth = 1;
  if (u < 0.45) [profile, pace] = ['ON_PACE', between(0.92, 1.12)];
  else if (u < 0.7) [profile, pace] = ['BEHIND', between(0.72, 0.9)];
  else if (u < 0.88) [profile, pace] = ['FAR_BEHIND', between(0.3, 0.68)];
  else {
    profile = 'LATE_START';
    pace = between(0.85, 1.1);
    startMonth = 4 + Math.floor(next() * 6);
  }
  const w = next();
  const habit: ReportingHabit = w < 0.85 ? 'STEADY' : w < 0.95 ? 'PATCHY' : 'STOPS';
  const lastReportedMonth = habit === 'STOPS' ? 6 + Math.floor(next() * 5) : 12;
  return { profile, habit, pace, startMonth, lastReportedMonth };
}

/** Year-to-date completed investment (万元) at the end of month `month` under `plan`. */
export function exampleYtd(plan: ExampleReportPlan, annualPlan: number, totalInvestment: number | null, month: number): number {
  const monthsWorked = Math.max(0, month - plan.startMonth + 1);
  const share = Math.min((plan.pace * monthsWorked) / 12, 1.15);
  const ytd = Math.round(annualPlan * share);
  return totalInvestment === null ? ytd : Math.min(ytd, Math.floor(totalInvestment));
}

/**
 * The example reports of one project for the months `firstMonth` to `lastMonth` of `year` (the campaign's months in
 * its plan year) whose filing day has passed by `today` (ISO, UTC+8).
 */
export function exampleReports(
  code: string,
  annualPlan: number,
  totalInvestment: number | null,
  year: number,
  firstMonth: number,
  today: string,
  lastMonth = 12,
): ExampleReport[] {
  const plan = exampleReportPlan(code);
  const next = seededRandom(seedOf(`${code}:filing`));
  const out: ExampleReport[] = [];
  for (let month = firstMonth; month <= Math.min(lastMonth, plan.lastReportedMonth); month++) {
    const missed = plan.habit === 'PATCHY' && next() < 0.3;
    const delay = 1 + Math.floor(next() * 10);
    const ytd = exampleYtd(plan, annualPlan, totalInvestment, month);
    if (missed) continue;
    const last = daysInMonth(year, month);
    const periodEnd = `${year}-${pad(month)}-${pad(last)}`;
    // 10:00 in UTC+8 = 02:00 UTC, `delay` days after the month's last day.
    const submittedAt = new Date(Date.UTC(year, month - 1, last + delay, 2));
    const filedOn = new Date(submittedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    if (filedOn > today) break;
    out.push({
      period: `${year}-${pad(month)}`,
      periodStart: `${year}-${pad(month)}-01`,
      periodEnd,
      ytdCompletedInvestment: ytd,
      periodInvestment: ytd - (month > 1 ? exampleYtd(plan, annualPlan, totalInvestment, month - 1) : 0),
      stage: ytd > 0 ? 'UNDER_CONSTRUCTION' : 'PREPARING',
      submittedAt,
    });
  }
  return out;
}
