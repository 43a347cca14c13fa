import { ExampleReportPlan, exampleReportPlan, exampleReports, exampleYtd } from './example-reports';

const steady = (pace: number, startMonth = 1): ExampleReportPlan => ({ profile: 'ON_PACE', habit: 'STEADY', pace, startMonth, lastReportedMonth: 12 });

describe('example reports of the demo', () => {
  it('grows year-to-date investment at the pace from the start month, rounded to whole 万元 and capped', () => {
    // 1,200 × 1.0 × 6/12 = 600; × 0.5 × 12/12 = 600; × 0.9 × 7/12 = 630.
    expect(exampleYtd(steady(1.0), 1200, null, 6)).toBe(600);
    expect(exampleYtd(steady(0.5), 1200, null, 12)).toBe(600);
    expect(exampleYtd(steady(0.9), 1200, null, 7)).toBe(630);
    // Starting in April: nothing in March, one month's share (1,200 × 1/12 = 100) in April, 9 months' in December.
    expect(exampleYtd(steady(1.0, 4), 1200, null, 3)).toBe(0);
    expect(exampleYtd(steady(1.0, 4), 1200, null, 4)).toBe(100);
    expect(exampleYtd(steady(1.0, 4), 1200, null, 12)).toBe(900);
    // 1,000 × 1.1 × 7/12 = 641.67 → 642.
    expect(exampleYtd(steady(1.1), 1000, null, 7)).toBe(642);
    // Never above 115% of the plan, nor above the total investment.
    expect(exampleYtd(steady(1.4), 1000, null, 12)).toBe(1150);
    expect(exampleYtd(steady(1.0), 1000, 800, 12)).toBe(800);
  });

  it('files one report per month of the year, a few days after the month ends, none not yet filed by today', () => {
    // Codes of seed 001's example projects: 001-<工程>-<n>.
    const codes = Array.from({ length: 40 }, (_, i) => `001-01-${String(i + 1).padStart(3, '0')}`);
    for (const code of codes) {
      const plan = exampleReportPlan(code);
      const reports = exampleReports(code, 1200, 10_000, 2020, 1, '2026-12-06', 12);
      const months = reports.map((r) => Number(r.period.slice(5)));
      expect(months).toEqual([...months].sort((a, b) => a - b));
      if (plan.habit === 'STEADY') expect(months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      if (plan.habit === 'STOPS') expect(Math.max(...months)).toBeLessThanOrEqual(plan.lastReportedMonth);
      for (const r of reports) {
        const month = Number(r.period.slice(5));
        expect(r.ytdCompletedInvestment).toBe(exampleYtd(plan, 1200, 10_000, month));
        // 本期完成投资 is the month's own: this month's year-to-date less last month's.
        expect(r.periodInvestment).toBe(r.ytdCompletedInvestment - (month > 1 ? exampleYtd(plan, 1200, 10_000, month - 1) : 0));
        expect(r.stage).toBe(r.ytdCompletedInvestment > 0 ? 'UNDER_CONSTRUCTION' : 'PREPARING');
        const delayDays = (r.submittedAt.getTime() - Date.parse(`${r.periodEnd}T02:00:00Z`)) / 86_400_000;
        expect(delayDays).toBeGreaterThanOrEqual(1);
        expect(delayDays).toBeLessThanOrEqual(10);
      }
    }
    // On 2020-07-05 (UTC+8) at most June's report can have been filed, and only when filed by the 5th.
    const early = exampleReports('001-01-001', 1200, null, 2020, 1, '2020-07-05', 12);
    expect(early.every((r) => r.period <= '2020-06')).toBe(true);
    expect(early.every((r) => r.submittedAt.toISOString().slice(0, 10) <= '2020-07-05')).toBe(true);
    // A campaign starting in March files from March (a steady reporter's first report is March's), and one ending in
    // October files up to October.
    const steadyCode = codes.find((code) => exampleReportPlan(code).habit === 'STEADY')!;
    const fromMarch = exampleReports(steadyCode, 1200, null, 2020, 3, '2026-12-06', 10);
    expect(fromMarch.map((r) => r.period)).toEqual(['2020-03', '2020-04', '2020-05', '2020-06', '2020-07', '2020-08', '2020-09', '2020-10']);
  });

  it('draws every profile and habit among seed 001\'s 206 example projects, in about the stated shares', () => {
    // Seed 001's nine 工程 with example projects: 28, 24, 9, 8, 50, 4, 61, 12, 10 (206).
    const counts = [28, 24, 9, 8, 50, 4, 61, 12, 10];
    const codes = counts.flatMap((n, g) => Array.from({ length: n }, (_, i) => `001-${String(g + 1).padStart(2, '0')}-${String(i + 1).padStart(3, '0')}`));
    expect(codes).toHaveLength(206);
    const plans = codes.map(exampleReportPlan);
    const share = (f: (p: ExampleReportPlan) => boolean) => plans.filter(f).length / plans.length;
    // Stated shares 45 / 25 / 18 / 12 %, habits 85 / 10 / 5 %: each within 10 points (206 draws).
    expect(Math.abs(share((p) => p.profile === 'ON_PACE') - 0.45)).toBeLessThan(0.1);
    expect(Math.abs(share((p) => p.profile === 'BEHIND') - 0.25)).toBeLessThan(0.1);
    expect(Math.abs(share((p) => p.profile === 'FAR_BEHIND') - 0.18)).toBeLessThan(0.1);
    expect(Math.abs(share((p) => p.profile === 'LATE_START') - 0.12)).toBeLessThan(0.1);
    expect(Math.abs(share((p) => p.habit === 'STEADY') - 0.85)).toBeLessThan(0.1);
    expect(share((p) => p.habit === 'PATCHY')).toBeGreaterThan(0);
    expect(share((p) => p.habit === 'STOPS')).toBeGreaterThan(0);
    for (const p of plans) {
      const [low, high] = { ON_PACE: [0.92, 1.12], BEHIND: [0.72, 0.9], FAR_BEHIND: [0.3, 0.68], LATE_START: [0.85, 1.1] }[p.profile];
      expect(p.pace).toBeGreaterThanOrEqual(low);
      expect(p.pace).toBeLessThan(high);
      if (p.profile === 'LATE_START') {
        expect(p.startMonth).toBeGreaterThanOrEqual(4);
        expect(p.startMonth).toBeLessThanOrEqual(9);
      } else {
        expect(p.startMonth).toBe(1);
      }
    }
  });
});
