import 'reflect-metadata';
import { defaultRankingWeights } from '../domain/campaign/task-force.entity';
import { Light } from './light';
import {
  defaultMetricsSettings,
  figuresAt,
  lightForGap,
  lightForStart,
  milestoneValueDue,
  MetricsSettings,
  problemCountsOf,
  progressGap,
  ProjectFacts,
  ProjectFigures,
  ReportFacts,
  rollup,
  RollupInput,
  RankingScoreWeights,
  targetCompletion,
  timeProgress,
  toCents,
  weightedScore,
  worstLight,
} from './indicators';

function project(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    id: 1,
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: null,
    annualPlanInvestment: null,
    plannedFunds: null,
    plannedStart: null,
    actualStart: null,
    plannedEnd: null,
    actualEnd: null,
    ytdCompletedInvestment: null,
    cumulativeCompletedInvestment: null,
    fundsInPlace: null,
    statsDate: null,
    ...overrides,
  };
}

/** A report of project 1; periodYear defaults to the year of asOfDate. */
let nextReportId = 1;
function report(asOfDate: string, overrides: Partial<ReportFacts> = {}): ReportFacts {
  return {
    projectId: 1,
    id: nextReportId++,
    asOfDate,
    periodYear: Number(asOfDate.slice(0, 4)),
    ytdCompletedInvestment: null,
    cumulativeCompletedInvestment: null,
    fundsInPlace: null,
    stage: null,
    ...overrides,
  };
}

function item(facts: Partial<ProjectFacts>, figures: Partial<ProjectFigures> = {}): RollupInput {
  return {
    project: project(facts),
    figures: { ytdCompletedInvestment: 0, cumulativeCompletedInvestment: 0, fundsInPlace: 0, stage: 'UNDER_CONSTRUCTION', ...figures },
  };
}

const settings = (overrides: Partial<MetricsSettings> = {}): MetricsSettings => ({ ...defaultMetricsSettings, ...overrides });

/** SPEC "Ranking": 开工率×0.2 + 投资完成率×0.5 + 竣工率×0.3. */
const specDefaultWeights: RankingScoreWeights = { startRate: 0.2, investmentCompletionRate: 0.5, completionRate: 0.3, fundsInPlaceRate: 0 };

// 2021-09-30 is in month 9: MONTH time progress 9/12 = 0.75 in the rollup tests below.
const SEPT_END = '2021-09-30';

describe('defaultMetricsSettings', () => {
  it('follows the published city rule: MONTH, GREEN from −10, YELLOW down to −30', () => {
    expect(defaultMetricsSettings).toEqual({ timeProgressMode: 'MONTH', periodStart: null, periodEnd: null, greenMinGap: -10, yellowMinGap: -30 });
  });
});

describe('toCents', () => {
  it('turns amounts into integer cents, null and undefined into 0', () => {
    expect(toCents(null)).toBe(0);
    expect(toCents(undefined)).toBe(0);
    expect(toCents(0.1)).toBe(10);
    expect(toCents(12.34)).toBe(1234);
    expect(toCents(0.29)).toBe(29); // 0.29 × 100 is 28.999999999999996 in binary floating point: must round, not truncate
    expect(toCents(-2.5)).toBe(-250);
  });
});

describe('timeProgress', () => {
  describe('MONTH (month-end convention)', () => {
    const month = settings({ timeProgressMode: 'MONTH' });

    it('counts the as-of month as complete', () => {
      expect(timeProgress('2023-09-15', month)).toBe(0.75); // 9 / 12
      expect(timeProgress('2023-09-01', month)).toBe(0.75); // 9 / 12, the first day of the month too
      expect(timeProgress('2021-12-31', month)).toBe(1); // 12 / 12
      expect(timeProgress('2021-01-01', month)).toBeCloseTo(1 / 12, 12); // 1 / 12
    });

    it('ignores a task-force period', () => {
      const withPeriod = settings({ timeProgressMode: 'MONTH', periodStart: '2021-04-15', periodEnd: '2021-12-30' });
      expect(timeProgress('2021-06-10', withPeriod)).toBe(0.5); // 6 / 12
    });
  });

  describe('DAY', () => {
    const day = settings({ timeProgressMode: 'DAY' });

    it('divides the day of year by the days in the year', () => {
      expect(timeProgress('2021-02-01', day)).toBeCloseTo(32 / 365, 12); // (31 + 1) / 365
      expect(timeProgress('2021-12-31', day)).toBe(1); // 365 / 365
    });

    it('uses 366 days in a leap year', () => {
      expect(timeProgress('2024-12-31', day)).toBe(1); // 366 / 366
      expect(timeProgress('2024-03-01', day)).toBeCloseTo(61 / 366, 12); // (31 + 29 + 1) / 366
    });
  });

  describe('PERIOD', () => {
    // 2021-04-15..2021-12-30 inclusive: Apr 16 (15..30) + May 31 + Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30
    // + Dec 30 = 16 + 214 + 30 = 260 days
    const period = settings({ timeProgressMode: 'PERIOD', periodStart: '2021-04-15', periodEnd: '2021-12-30' });

    it('counts the first day as elapsed', () => {
      expect(timeProgress('2021-04-15', period)).toBeCloseTo(1 / 260, 12);
    });

    it('divides the elapsed days by the days of the period', () => {
      // Apr 15..30 = 16 days, May 1..14 = 14 days: 30 elapsed
      expect(timeProgress('2021-05-14', period)).toBeCloseTo(30 / 260, 12);
    });

    it('reaches 1 on the last day', () => {
      expect(timeProgress('2021-12-30', period)).toBe(1); // 260 / 260
    });

    it('is clamped to 0 before the period', () => {
      expect(timeProgress('2021-04-14', period)).toBe(0); // 0 elapsed days
      expect(timeProgress('2021-01-10', period)).toBe(0); // negative, clamped
    });

    it('is clamped to 1 after the period', () => {
      expect(timeProgress('2021-12-31', period)).toBe(1); // 261 / 260, clamped
      expect(timeProgress('2022-06-30', period)).toBe(1);
    });

    it('falls back to DAY without a period', () => {
      expect(timeProgress('2021-02-01', settings({ timeProgressMode: 'PERIOD' }))).toBeCloseTo(32 / 365, 12);
      expect(timeProgress('2021-02-01', settings({ timeProgressMode: 'PERIOD', periodStart: '2021-01-15', periodEnd: null }))).toBeCloseTo(32 / 365, 12);
    });

    it('falls back to DAY when the period ends before it starts', () => {
      const reversed = settings({ timeProgressMode: 'PERIOD', periodStart: '2021-12-30', periodEnd: '2021-04-15' });
      expect(timeProgress('2021-02-01', reversed)).toBeCloseTo(32 / 365, 12);
    });
  });
});

describe('progressGap', () => {
  it('is the completion rate minus time progress, in points', () => {
    expect(progressGap(1, 0.75)).toBe(25); // (1 − 0.75) × 100
    expect(progressGap(0.5, 0.75)).toBe(-25); // (0.5 − 0.75) × 100
  });

  it('is exactly −10 for 65% against 75%, although 0.65 − 0.75 is not exact in floating point', () => {
    expect(progressGap(0.65, 0.75)).toBe(-10); // (0.65 − 0.75) × 100
  });

  it('rounds to 1/10,000 of a point', () => {
    expect(progressGap(0.123456789, 0)).toBe(12.3457); // 12.3456789 → 12.3457
    expect(progressGap(0, 1 / 3)).toBe(-33.3333); // −33.3333… → −33.3333
    expect(progressGap(0.6499999, 0.75)).toBe(-10); // (0.6499999 − 0.75) × 100 = −10.00001 → −10
    expect(progressGap(0.649999, 0.75)).toBe(-10.0001); // (0.649999 − 0.75) × 100 = −10.0001
  });

  it('is null without a completion rate', () => {
    expect(progressGap(null, 0.75)).toBeNull();
  });
});

describe('lightForGap', () => {
  const defaults = settings();

  it.each([
    [25, 'GREEN'],
    [0, 'GREEN'],
    [-10, 'GREEN'], // the boundary belongs to GREEN (≥ −10)
    [-10.0001, 'YELLOW'],
    [-20, 'YELLOW'],
    [-30, 'YELLOW'], // the boundary belongs to YELLOW (≥ −30)
    [-30.0001, 'RED'],
    [-30.5, 'RED'],
    [-80, 'RED'],
  ])('default thresholds: gap %p → %s', (gap, light) => {
    expect(lightForGap(gap, defaults)).toBe(light);
  });

  it('is NO_DATA without a gap (no annual plan to judge against)', () => {
    expect(lightForGap(null, defaults)).toBe('NO_DATA');
  });

  it('65% done at 75% of the year is GREEN (inclusive boundary after rounding)', () => {
    expect(lightForGap(progressGap(0.65, 0.75), defaults)).toBe('GREEN'); // gap −10
  });

  it('follows custom thresholds', () => {
    const strict = settings({ greenMinGap: -5, yellowMinGap: -15 });
    expect(lightForGap(-5, strict)).toBe('GREEN');
    expect(lightForGap(-5.0001, strict)).toBe('YELLOW');
    expect(lightForGap(-10, strict)).toBe('YELLOW'); // GREEN under the defaults
    expect(lightForGap(-15, strict)).toBe('YELLOW');
    expect(lightForGap(-15.0001, strict)).toBe('RED');
    expect(lightForGap(-20, strict)).toBe('RED'); // YELLOW under the defaults

    const lenient = settings({ greenMinGap: -20, yellowMinGap: -40 });
    expect(lightForGap(-15, lenient)).toBe('GREEN'); // YELLOW under the defaults
    expect(lightForGap(-35, lenient)).toBe('YELLOW'); // RED under the defaults
    expect(lightForGap(-40.0001, lenient)).toBe('RED');
  });
});

describe('lightForStart', () => {
  const plannedStart = '2021-11-30';

  it('is GREEN without a planned start', () => {
    expect(lightForStart({ plannedStart: null, actualStart: null }, '2022-06-30')).toBe('GREEN');
  });

  it('is GREEN before the planned start', () => {
    expect(lightForStart({ plannedStart, actualStart: null }, '2021-11-29')).toBe('GREEN');
  });

  it('is YELLOW from the planned start day when not started', () => {
    expect(lightForStart({ plannedStart, actualStart: null }, '2021-11-30')).toBe('YELLOW');
    expect(lightForStart({ plannedStart, actualStart: null }, '2022-01-31')).toBe('YELLOW');
  });

  it('turns RED exactly three months after the planned start, clamped to the month end', () => {
    // 2021-11-30 + 3 months = 2022-02-30, which does not exist → 2022-02-28
    expect(lightForStart({ plannedStart, actualStart: null }, '2022-02-27')).toBe('YELLOW');
    expect(lightForStart({ plannedStart, actualStart: null }, '2022-02-28')).toBe('RED');
    expect(lightForStart({ plannedStart, actualStart: null }, '2022-03-01')).toBe('RED');
  });

  it('is GREEN once started', () => {
    expect(lightForStart({ plannedStart, actualStart: '2021-12-01' }, '2022-03-31')).toBe('GREEN');
    expect(lightForStart({ plannedStart, actualStart: '2022-02-28' }, '2022-02-28')).toBe('GREEN'); // started on the as-of day
  });

  it('is GREEN for an early start before the planned start', () => {
    expect(lightForStart({ plannedStart, actualStart: '2021-10-01' }, '2021-10-15')).toBe('GREEN');
  });

  it('ignores an actual start after the as-of date', () => {
    // as of 2022-03-01 the project had not started yet: 2022-03-01 ≥ 2022-02-28 → RED
    expect(lightForStart({ plannedStart, actualStart: '2022-03-15' }, '2022-03-01')).toBe('RED');
    // as of 2021-12-15: due but within three months → YELLOW
    expect(lightForStart({ plannedStart, actualStart: '2022-03-15' }, '2021-12-15')).toBe('YELLOW');
  });
});

describe('worstLight', () => {
  it.each([
    ['GREEN', 'GREEN', 'GREEN'],
    ['GREEN', 'YELLOW', 'YELLOW'],
    ['YELLOW', 'GREEN', 'YELLOW'],
    ['YELLOW', 'RED', 'RED'],
    ['RED', 'GREEN', 'RED'],
    ['RED', 'YELLOW', 'RED'],
  ] as const)('%s and %s → %s', (a, b, worst) => {
    expect(worstLight(a as Light, b as Light)).toBe(worst);
  });
});

describe('figuresAt', () => {
  it('applies undated stored figures at any date', () => {
    const p = project({ statsDate: null, ytdCompletedInvestment: 50, cumulativeCompletedInvestment: 300, fundsInPlace: 80, stage: 'UNDER_CONSTRUCTION' });
    const expected = { ytdCompletedInvestment: 50, cumulativeCompletedInvestment: 300, fundsInPlace: 80, stage: 'UNDER_CONSTRUCTION' };
    expect(figuresAt(p, [], '2021-06-30')).toEqual(expected);
    expect(figuresAt(p, [], '2030-01-01')).toEqual(expected);
  });

  it('prefers a dated report to undated stored figures', () => {
    const p = project({ statsDate: null, ytdCompletedInvestment: 10, cumulativeCompletedInvestment: 100, fundsInPlace: 5 });
    const r = report('2021-03-31', { ytdCompletedInvestment: 25, cumulativeCompletedInvestment: 115, fundsInPlace: 20, stage: 'UNDER_CONSTRUCTION' });
    expect(figuresAt(p, [r], '2021-04-15')).toEqual({ ytdCompletedInvestment: 25, cumulativeCompletedInvestment: 115, fundsInPlace: 20, stage: 'UNDER_CONSTRUCTION' });
  });

  it('keeps undated stored figures when every report is after the as-of date', () => {
    const p = project({ statsDate: null, ytdCompletedInvestment: 10, cumulativeCompletedInvestment: 100, fundsInPlace: 5 });
    const r = report('2021-05-31', { ytdCompletedInvestment: 25, cumulativeCompletedInvestment: 115, fundsInPlace: 20 });
    expect(figuresAt(p, [r], '2021-04-15').ytdCompletedInvestment).toBe(10);
  });

  it('ignores stored figures dated after the as-of date in favour of an earlier report', () => {
    const p = project({ statsDate: '2021-07-31', ytdCompletedInvestment: 120, cumulativeCompletedInvestment: 620, fundsInPlace: 400 });
    const r = report('2021-06-30', { ytdCompletedInvestment: 90, cumulativeCompletedInvestment: 590, fundsInPlace: 350 });
    expect(figuresAt(p, [r], '2021-06-30')).toEqual({ ytdCompletedInvestment: 90, cumulativeCompletedInvestment: 590, fundsInPlace: 350, stage: 'UNDER_CONSTRUCTION' });
  });

  it('gives zeros and the project stage when nothing stands on or before the as-of date', () => {
    const p = project({ statsDate: '2021-07-31', ytdCompletedInvestment: 120, cumulativeCompletedInvestment: 620, fundsInPlace: 400, stage: 'PREPARING' });
    const r = report('2021-08-31', { ytdCompletedInvestment: 150, stage: 'UNDER_CONSTRUCTION' });
    expect(figuresAt(p, [r], '2021-06-30')).toEqual({ ytdCompletedInvestment: 0, cumulativeCompletedInvestment: 0, fundsInPlace: 0, stage: 'PREPARING' });
  });

  it('takes the latest report on or before the as-of date, whatever the order', () => {
    const p = project();
    const reports = [
      report('2021-04-30', { ytdCompletedInvestment: 40 }),
      report('2021-06-30', { ytdCompletedInvestment: 90 }),
      report('2021-05-31', { ytdCompletedInvestment: 60 }),
    ];
    expect(figuresAt(p, reports, '2021-07-15').ytdCompletedInvestment).toBe(90);
    expect(figuresAt(p, reports, '2021-06-30').ytdCompletedInvestment).toBe(90); // a report dated on the as-of date counts
    expect(figuresAt(p, reports, '2021-06-29').ytdCompletedInvestment).toBe(60); // the June report is not yet there
    expect(figuresAt(p, [...reports].reverse(), '2021-06-29').ytdCompletedInvestment).toBe(60);
  });

  it('prefers a later report to earlier dated stored figures', () => {
    const p = project({ statsDate: '2021-05-31', ytdCompletedInvestment: 60 });
    expect(figuresAt(p, [report('2021-06-30', { ytdCompletedInvestment: 90 })], '2021-07-15').ytdCompletedInvestment).toBe(90);
  });

  it('prefers later dated stored figures to an earlier report', () => {
    const p = project({ statsDate: '2021-06-30', ytdCompletedInvestment: 95 });
    expect(figuresAt(p, [report('2021-05-31', { ytdCompletedInvestment: 60 })], '2021-07-15').ytdCompletedInvestment).toBe(95);
  });

  it('lets the stored figures win a tie with a report of the same date', () => {
    const p = project({ statsDate: '2021-06-30', ytdCompletedInvestment: 100, cumulativeCompletedInvestment: 600, fundsInPlace: 300, stage: 'UNDER_CONSTRUCTION' });
    const r = report('2021-06-30', { ytdCompletedInvestment: 90, cumulativeCompletedInvestment: 590, fundsInPlace: 280, stage: 'SUSPENDED' });
    expect(figuresAt(p, [r], '2021-07-15')).toEqual({ ytdCompletedInvestment: 100, cumulativeCompletedInvestment: 600, fundsInPlace: 300, stage: 'UNDER_CONSTRUCTION' });
  });

  it('takes the later written of two reports standing for the same date, in whatever order they come', () => {
    const p = project({ statsDate: null, ytdCompletedInvestment: null });
    const month = report('2021-06-30', { id: 7, ytdCompletedInvestment: 70 });
    const tenDays = report('2021-06-30', { id: 9, ytdCompletedInvestment: 90 });
    expect(figuresAt(p, [month, tenDays], '2021-07-15').ytdCompletedInvestment).toBe(90);
    expect(figuresAt(p, [tenDays, month], '2021-07-15').ytdCompletedInvestment).toBe(90);
  });

  it('counts a year-old report as 0 year-to-date but keeps its cumulative and funds', () => {
    const p = project();
    const r = report('2021-12-31', { ytdCompletedInvestment: 500, cumulativeCompletedInvestment: 900, fundsInPlace: 700 });
    expect(figuresAt(p, [r], '2022-01-15')).toEqual({ ytdCompletedInvestment: 0, cumulativeCompletedInvestment: 900, fundsInPlace: 700, stage: 'UNDER_CONSTRUCTION' });
    expect(figuresAt(p, [r], '2021-12-31').ytdCompletedInvestment).toBe(500); // still the same year
  });

  it('counts year-old dated stored figures as 0 year-to-date but keeps their cumulative and funds', () => {
    const p = project({ statsDate: '2021-12-31', ytdCompletedInvestment: 500, cumulativeCompletedInvestment: 900, fundsInPlace: 700 });
    expect(figuresAt(p, [], '2022-01-15')).toEqual({ ytdCompletedInvestment: 0, cumulativeCompletedInvestment: 900, fundsInPlace: 700, stage: 'UNDER_CONSTRUCTION' });
  });

  it("reads the year of the report's period, not of its date", () => {
    // a report of the 2021 period that stands on 2022-01-05 holds 2021's year-to-date figures
    const r = report('2022-01-05', { periodYear: 2021, ytdCompletedInvestment: 500, cumulativeCompletedInvestment: 900 });
    expect(figuresAt(project(), [r], '2022-01-10')).toMatchObject({ ytdCompletedInvestment: 0, cumulativeCompletedInvestment: 900 });
  });

  it('takes the stage of the chosen report, or the project stage when the report has none', () => {
    const p = project({ stage: 'UNDER_CONSTRUCTION' });
    expect(figuresAt(p, [report('2021-06-30', { stage: 'IN_PRODUCTION' })], '2021-07-15').stage).toBe('IN_PRODUCTION');
    expect(figuresAt(p, [report('2021-06-30', { stage: null })], '2021-07-15').stage).toBe('UNDER_CONSTRUCTION');
  });

  it('turns null figures of the chosen report into 0', () => {
    const p = project({ statsDate: '2021-05-31', ytdCompletedInvestment: 60, cumulativeCompletedInvestment: 500, fundsInPlace: 200 });
    const r = report('2021-06-30', { ytdCompletedInvestment: 90, cumulativeCompletedInvestment: null, fundsInPlace: null });
    expect(figuresAt(p, [r], '2021-07-15')).toMatchObject({ ytdCompletedInvestment: 90, cumulativeCompletedInvestment: 0, fundsInPlace: 0 });
  });
});

describe('rollup', () => {
  const defaults = settings();

  it('weights the completion rate by money, not by averaging ratios', () => {
    const m = rollup(
      [item({ annualPlanInvestment: 100 }, { ytdCompletedInvestment: 90 }), item({ annualPlanInvestment: 200 }, { ytdCompletedInvestment: 20 })],
      SEPT_END,
      defaults,
      0,
    );
    expect(m.annualPlanInvestment).toBe(300); // 100 + 200
    expect(m.ytdCompletedInvestment).toBe(110); // 90 + 20
    expect(m.investmentCompletionRate).toBeCloseTo(110 / 300, 12); // (90 + 20) / (100 + 200) ≈ 0.3667
    expect(m.investmentCompletionRate).not.toBeCloseTo(0.5, 2); // the mean of 0.9 and 0.1 would be 0.5
    expect(m.progressGap).toBeCloseTo(-38.3333, 10); // (0.36666… − 0.75) × 100 = −38.3333… → −38.3333
    expect(m.light).toBe('RED'); // below −30 (the mean of ratios would give −25, YELLOW)
  });

  it('sums amounts in exact cents', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // why cents matter
    const m = rollup(
      [
        item(
          { totalInvestment: 0.1, annualPlanInvestment: 0.1, plannedFunds: 0.1 },
          { ytdCompletedInvestment: 0.1, cumulativeCompletedInvestment: 0.1, fundsInPlace: 0.1 },
        ),
        item(
          { totalInvestment: 0.2, annualPlanInvestment: 0.2, plannedFunds: 0.2 },
          { ytdCompletedInvestment: 0.2, cumulativeCompletedInvestment: 0.2, fundsInPlace: 0.2 },
        ),
      ],
      SEPT_END,
      defaults,
      0,
    );
    // 10 + 20 = 30 cents = 0.3
    expect(m.totalInvestment).toBe(0.3);
    expect(m.annualPlanInvestment).toBe(0.3);
    expect(m.ytdCompletedInvestment).toBe(0.3);
    expect(m.cumulativeCompletedInvestment).toBe(0.3);
    expect(m.plannedFunds).toBe(0.3);
    expect(m.fundsInPlace).toBe(0.3);
    // 30 / 30
    expect(m.investmentCompletionRate).toBe(1);
    expect(m.cumulativeRate).toBe(1);
    expect(m.fundsInPlaceRate).toBe(1);
  });

  it('sums larger amounts in exact cents', () => {
    const m = rollup([item({ totalInvestment: 12345.67 }), item({ totalInvestment: 8765.43 })], SEPT_END, defaults, 0);
    expect(m.totalInvestment).toBe(21111.1); // 1,234,567 + 876,543 = 2,111,110 cents
  });

  it('rounds each amount to cents before summing', () => {
    // 0.29 × 100 and 0.57 × 100 are 28.999…96 and 56.999…99 in floating point; 29 + 57 = 86 cents
    const m = rollup([item({ annualPlanInvestment: 0.29 }), item({ annualPlanInvestment: 0.57 })], SEPT_END, defaults, 0);
    expect(m.annualPlanInvestment).toBe(0.86);
  });

  it('gives null ratios for zero denominators, even with non-zero numerators', () => {
    const m = rollup(
      [item({ annualPlanInvestment: 0, totalInvestment: null, plannedFunds: null }, { ytdCompletedInvestment: 50, cumulativeCompletedInvestment: 20, fundsInPlace: 10 })],
      SEPT_END,
      defaults,
      0,
    );
    expect(m.ytdCompletedInvestment).toBe(50);
    expect(m.investmentCompletionRate).toBeNull(); // 50 / 0
    expect(m.cumulativeRate).toBeNull(); // 20 / 0
    expect(m.fundsInPlaceRate).toBeNull(); // 10 / 0
    expect(m.startRate).toBeNull(); // no planned start
    expect(m.startRateToDate).toBeNull();
    expect(m.completionRate).toBeNull(); // no planned finish
    expect(m.productionRate).toBeNull();
    expect(m.progressGap).toBeNull();
    expect(m.light).toBe('NO_DATA');
  });

  it('counts starts of the plan year (the year of asOf), actual starts on or before asOf', () => {
    const items = [
      item({ id: 1, plannedStart: '2021-03-01', actualStart: '2021-03-10' }), // planned, due, started
      item({ id: 2, plannedStart: '2021-06-01', actualStart: null }), // planned, due, not started
      item({ id: 3, plannedStart: '2021-11-01', actualStart: null }), // planned, not yet due
      item({ id: 4, plannedStart: '2020-10-01', actualStart: '2021-02-01' }), // planned for 2020: not counted
      item({ id: 5, plannedStart: '2022-03-01', actualStart: null }), // planned for 2022: not counted
      item({ id: 6, plannedStart: '2021-05-01', actualStart: '2021-10-15' }), // planned, due, starts after asOf
      item({ id: 7, plannedStart: '2021-12-01', actualStart: '2021-08-01' }), // planned, not yet due, started early
      item({ id: 8 }), // no planned start
    ];
    const m = rollup(items, SEPT_END, defaults, 0);
    expect(m.projectCount).toBe(8);
    expect(m.plannedStartCount).toBe(5); // 1, 2, 3, 6, 7
    expect(m.startedCount).toBe(2); // 1, 7
    expect(m.startRate).toBeCloseTo(2 / 5, 12);
    expect(m.plannedStartDueCount).toBe(3); // 1, 2, 6
    expect(m.startedDueCount).toBe(1); // 1
    expect(m.startRateToDate).toBeCloseTo(1 / 3, 12);
  });

  it('counts a start planned and made on the as-of day', () => {
    const m = rollup([item({ plannedStart: SEPT_END, actualStart: SEPT_END })], SEPT_END, defaults, 0);
    expect([m.plannedStartCount, m.startedCount, m.plannedStartDueCount, m.startedDueCount]).toEqual([1, 1, 1, 1]);
    expect(m.startRate).toBe(1); // 1 / 1
    expect(m.startRateToDate).toBe(1); // 1 / 1
  });

  it('counts finishes and production of the plan year, reading the stage as of asOf', () => {
    const items = [
      item({ id: 1, plannedEnd: '2021-06-30', actualEnd: '2021-06-20', stage: 'UNDER_CONSTRUCTION' }, { stage: 'IN_PRODUCTION' }), // finished, in production
      item({ id: 2, plannedEnd: '2021-08-31', actualEnd: '2021-09-05' }, { stage: 'COMPLETED' }), // finished
      item({ id: 3, plannedEnd: '2021-12-31', actualEnd: null }), // not finished
      item({ id: 4, plannedEnd: '2020-12-31', actualEnd: '2021-03-01' }, { stage: 'IN_PRODUCTION' }), // planned for 2020: not counted
      item({ id: 5, plannedEnd: '2021-10-31', actualEnd: '2021-10-20' }, { stage: 'IN_PRODUCTION' }), // finishes after asOf
      item({ id: 6, plannedEnd: '2021-07-31', actualEnd: '2021-07-31' }, { stage: 'COMPLETED' }), // finished on the last day of its month
    ];
    const m = rollup(items, SEPT_END, defaults, 0);
    expect(m.plannedFinishCount).toBe(5); // 1, 2, 3, 5, 6
    expect(m.finishedCount).toBe(3); // 1, 2, 6
    expect(m.completionRate).toBeCloseTo(3 / 5, 12);
    expect(m.inProductionCount).toBe(1); // 1
    expect(m.productionRate).toBeCloseTo(1 / 5, 12);
  });

  it('reads the production stage from the figures as of asOf, not from the stored project stage', () => {
    const finished = { plannedEnd: '2021-06-30', actualEnd: '2021-06-20' };
    const nowInProduction = rollup([item({ ...finished, stage: 'COMPLETED' }, { stage: 'IN_PRODUCTION' })], SEPT_END, defaults, 0);
    expect(nowInProduction.inProductionCount).toBe(1);
    // the stored stage is a later write (e.g. figures of October); as of September the project was only completed
    const laterInProduction = rollup([item({ ...finished, stage: 'IN_PRODUCTION' }, { stage: 'COMPLETED' })], SEPT_END, defaults, 0);
    expect(laterInProduction.inProductionCount).toBe(0);
    expect(laterInProduction.productionRate).toBe(0); // 0 / 1
  });

  it('computes cumulativeRate over total investment', () => {
    const m = rollup(
      [item({ totalInvestment: 1000 }, { cumulativeCompletedInvestment: 250 }), item({ totalInvestment: 3000 }, { cumulativeCompletedInvestment: 750 })],
      SEPT_END,
      defaults,
      0,
    );
    expect(m.totalInvestment).toBe(4000);
    expect(m.cumulativeCompletedInvestment).toBe(1000);
    expect(m.cumulativeRate).toBe(0.25); // (250 + 750) / (1000 + 3000)
  });

  it('computes fundsInPlaceRate over planned funds', () => {
    const m = rollup([item({ plannedFunds: 400 }, { fundsInPlace: 300 }), item({ plannedFunds: 100 }, { fundsInPlace: 50 })], SEPT_END, defaults, 0);
    expect(m.plannedFunds).toBe(500);
    expect(m.fundsInPlace).toBe(350);
    expect(m.fundsInPlaceRate).toBeCloseTo(0.7, 12); // (300 + 50) / (400 + 100)
  });

  it('is GREEN at exactly −10 points and YELLOW just below', () => {
    const green = rollup([item({ annualPlanInvestment: 100 }, { ytdCompletedInvestment: 70 }), item({ annualPlanInvestment: 100 }, { ytdCompletedInvestment: 60 })], SEPT_END, defaults, 0);
    expect(green.timeProgress).toBe(0.75); // 9 / 12
    expect(green.investmentCompletionRate).toBeCloseTo(0.65, 12); // (70 + 60) / 200
    expect(green.progressGap).toBe(-10); // (0.65 − 0.75) × 100
    expect(green.light).toBe('GREEN');

    const yellow = rollup([item({ annualPlanInvestment: 100 }, { ytdCompletedInvestment: 70 }), item({ annualPlanInvestment: 100 }, { ytdCompletedInvestment: 59.99 })], SEPT_END, defaults, 0);
    expect(yellow.progressGap).toBeCloseTo(-10.005, 10); // ((70 + 59.99) / 200 − 0.75) × 100 = (0.64995 − 0.75) × 100
    expect(yellow.light).toBe('YELLOW');
  });

  it('uses the thresholds and time progress mode of the settings', () => {
    const one = [item({ annualPlanInvestment: 100 }, { ytdCompletedInvestment: 65 })]; // rate 0.65
    expect(rollup(one, SEPT_END, settings({ greenMinGap: -5, yellowMinGap: -8 }), 0).light).toBe('RED'); // −10 < −8
    const low = [item({ annualPlanInvestment: 100 }, { ytdCompletedInvestment: 40 })]; // rate 0.4, gap (0.4 − 0.75) × 100 = −35
    expect(rollup(low, SEPT_END, defaults, 0).light).toBe('RED');
    expect(rollup(low, SEPT_END, settings({ greenMinGap: -20, yellowMinGap: -40 }), 0).light).toBe('YELLOW');

    const day = rollup(one, '2021-02-01', settings({ timeProgressMode: 'DAY' }), 0);
    expect(day.timeProgress).toBeCloseTo(32 / 365, 12);
    const period = rollup(one, '2021-04-15', settings({ timeProgressMode: 'PERIOD', periodStart: '2021-04-15', periodEnd: '2021-12-30' }), 0);
    expect(period.timeProgress).toBeCloseTo(1 / 260, 12);
    // (0.65 − 1/260) × 100 = 65 − 0.384615… = 64.615384… → 64.6154
    expect(period.progressGap).toBeCloseTo(64.6154, 10);
  });

  describe('single-project light: the worse of the gap and the start rule', () => {
    it('is RED when the gap is GREEN but the start is over three months late', () => {
      // gap (80/100 − 0.75) × 100 = 5 → GREEN; planned 2021-03-01, RED from 2021-06-01
      const late = [item({ annualPlanInvestment: 100, plannedStart: '2021-03-01', actualStart: null }, { ytdCompletedInvestment: 80 })];
      const single = rollup(late, SEPT_END, defaults, 0, true);
      expect(single.progressGap).toBe(5);
      expect(single.light).toBe('RED');
      expect(rollup(late, SEPT_END, defaults, 0, false).light).toBe('GREEN'); // the start rule is only for a project's own metrics
    });

    it('is YELLOW when the gap is GREEN and the start is due but less than three months late', () => {
      // planned 2021-08-15, RED only from 2021-11-15
      const due = [item({ annualPlanInvestment: 100, plannedStart: '2021-08-15', actualStart: null }, { ytdCompletedInvestment: 80 })];
      expect(rollup(due, SEPT_END, defaults, 0, true).light).toBe('YELLOW');
    });

    it('is RED when the gap is RED and the project started on time', () => {
      // gap (10/100 − 0.75) × 100 = −65
      const behind = [item({ annualPlanInvestment: 100, plannedStart: '2021-03-01', actualStart: '2021-03-01' }, { ytdCompletedInvestment: 10 })];
      const m = rollup(behind, SEPT_END, defaults, 0, true);
      expect(m.progressGap).toBe(-65);
      expect(m.light).toBe('RED');
    });

    it('is YELLOW when the gap is YELLOW and the start rule GREEN', () => {
      // gap (60/100 − 0.75) × 100 = −15
      const m = rollup([item({ annualPlanInvestment: 100, plannedStart: '2021-03-01', actualStart: '2021-03-01' }, { ytdCompletedInvestment: 60 })], SEPT_END, defaults, 0, true);
      expect(m.light).toBe('YELLOW');
    });

    it('does not apply the start rule to a set of several projects', () => {
      const late = item({ annualPlanInvestment: 100, plannedStart: '2021-03-01', actualStart: null }, { ytdCompletedInvestment: 80 });
      expect(rollup([late, late], SEPT_END, defaults, 0, true).light).toBe('GREEN'); // gap (160/200 − 0.75) × 100 = 5
    });
  });

  it('passes openProblemCount through', () => {
    expect(rollup([item({})], SEPT_END, defaults, 7).openProblemCount).toBe(7);
  });

  it('gives zeros, null ratios and NO_DATA for an empty set', () => {
    expect(rollup([], SEPT_END, defaults, 0)).toEqual({
      asOf: SEPT_END,
      projectCount: 0,
      totalInvestment: 0,
      annualPlanInvestment: 0,
      ytdCompletedInvestment: 0,
      investmentCompletionRate: null,
      cumulativeCompletedInvestment: 0,
      cumulativeRate: null,
      plannedStartCount: 0,
      startedCount: 0,
      startRate: null,
      plannedStartDueCount: 0,
      startedDueCount: 0,
      startRateToDate: null,
      plannedFinishCount: 0,
      finishedCount: 0,
      completionRate: null,
      inProductionCount: 0,
      productionRate: null,
      plannedFunds: 0,
      fundsInPlace: 0,
      fundsInPlaceRate: null,
      timeProgress: 0.75, // 9 / 12
      progressGap: null,
      light: 'NO_DATA',
      openProblemCount: 0,
      overdueProblemCount: 0,
      problemClosureRate: null,
    });
  });

  it('counts problems as they stand today: open, overdue (open, deadline before today), and 销号率 = closed ÷ all', () => {
    const problems = [
      { state: 'CLOSED', deadline: '2021-01-31' }, // closed: never overdue
      { state: 'IN_PROGRESS', deadline: '2021-09-29' }, // open, deadline passed
      { state: 'ASSIGNED', deadline: '2021-09-30' }, // open, due today: not yet overdue
      { state: 'REPORTED', deadline: null }, // open, no deadline
      { state: 'CLOSED', deadline: null },
    ];
    const counts = problemCountsOf(problems, SEPT_END);
    expect(counts).toEqual({ open: 3, overdue: 1, closed: 2, total: 5 });
    const m = rollup([item({})], SEPT_END, defaults, counts);
    expect([m.openProblemCount, m.overdueProblemCount, m.problemClosureRate]).toEqual([3, 1, 0.4]); // 2 closed ÷ 5
    expect(rollup([item({})], SEPT_END, defaults, problemCountsOf([], SEPT_END)).problemClosureRate).toBeNull(); // no problems: no rate
  });
});

describe('targetCompletion', () => {
  it('AT_LEAST: actual ÷ target', () => {
    expect(targetCompletion(9.5, 11, 'AT_LEAST')).toBeCloseTo(9.5 / 11, 12); // ≈ 0.8636
    expect(targetCompletion(0, 11, 'AT_LEAST')).toBe(0); // 0 / 11
    expect(targetCompletion(13.2, 11, 'AT_LEAST')).toBeCloseTo(1.2, 12); // 13.2 / 11, not capped
  });

  it('AT_MOST: target ÷ actual, so meeting a ceiling is ≥ 1', () => {
    expect(targetCompletion(8, 10, 'AT_MOST')).toBe(1.25); // leak rate 8 under a ceiling of 10: 10 / 8
    expect(targetCompletion(10, 10, 'AT_MOST')).toBe(1); // 10 / 10
    expect(targetCompletion(12.5, 10, 'AT_MOST')).toBe(0.8); // 10 / 12.5, over the ceiling
  });

  it('is null without an actual value', () => {
    expect(targetCompletion(null, 11, 'AT_LEAST')).toBeNull();
    expect(targetCompletion(null, 10, 'AT_MOST')).toBeNull();
  });

  it('is null for a zero AT_LEAST target', () => {
    expect(targetCompletion(5, 0, 'AT_LEAST')).toBeNull();
  });
});

describe('milestoneValueDue', () => {
  it('is null before a ratio milestone is due, and the ratio of the target on its due date', () => {
    const thirdQuarter = [{ due: '2023-09-30', value: null, ratio: 0.85 }];
    expect(milestoneValueDue(thirdQuarter, 100, '2023-09-29')).toBeNull();
    expect(milestoneValueDue(thirdQuarter, 100, '2023-09-30')).toBeCloseTo(85, 10); // 0.85 × 100
  });

  it('takes the latest milestone due on or before asOf, whatever the order', () => {
    const milestones = [
      { due: '2023-06-30', value: null, ratio: 0.4 },
      { due: '2023-12-31', value: null, ratio: 1 },
      { due: '2023-09-30', value: null, ratio: 0.85 },
    ];
    expect(milestoneValueDue(milestones, 200, '2023-07-01')).toBeCloseTo(80, 10); // 0.4 × 200
    expect(milestoneValueDue(milestones, 200, '2023-10-15')).toBeCloseTo(170, 10); // 0.85 × 200
    expect(milestoneValueDue(milestones, 200, '2023-12-31')).toBe(200); // 1 × 200
    expect(milestoneValueDue(milestones, 200, '2023-06-29')).toBeNull();
  });

  it('returns absolute milestone values as they are', () => {
    const milestones = [
      { due: '2023-06-30', value: 5.5, ratio: null },
      { due: '2023-12-31', value: 11, ratio: null },
    ];
    expect(milestoneValueDue(milestones, 11, '2023-08-01')).toBe(5.5);
    expect(milestoneValueDue([{ due: '2023-06-30', value: 0, ratio: null }], 11, '2023-08-01')).toBe(0); // 0 is a value, not a missing one
  });

  it('prefers the absolute value when a milestone has both', () => {
    expect(milestoneValueDue([{ due: '2023-06-30', value: 6, ratio: 0.85 }], 100, '2023-08-01')).toBe(6);
  });

  it('is null without milestones or when the due one has neither value nor ratio', () => {
    expect(milestoneValueDue([], 100, '2023-08-01')).toBeNull();
    expect(milestoneValueDue([{ due: '2023-06-30', value: null, ratio: null }], 100, '2023-08-01')).toBeNull();
  });

  it('gives the completion against the milestone due', () => {
    const due = milestoneValueDue([{ due: '2023-09-30', value: null, ratio: 0.85 }], 100, '2023-10-10');
    expect(targetCompletion(68, due ?? 0, 'AT_LEAST')).toBeCloseTo(0.8, 10); // 68 / (0.85 × 100) = 68 / 85
  });
});

describe('NO_DATA and the task force period', () => {
  const period = settings({ periodStart: '2020-01-01', periodEnd: '2022-12-31' });
  const planned = item({ annualPlanInvestment: 400, totalInvestment: 1000, plannedStart: '2019-03-01', actualStart: null }, { ytdCompletedInvestment: 100 });

  it('counts nothing before the period begins: empty sums, null ratios, NO_DATA', () => {
    const m = rollup([planned], '2019-06-30', period, 2);
    expect([m.projectCount, m.totalInvestment, m.annualPlanInvestment, m.ytdCompletedInvestment]).toEqual([0, 0, 0, 0]);
    expect(m.investmentCompletionRate).toBeNull();
    expect(m.light).toBe('NO_DATA');
    expect(m.openProblemCount).toBe(2); // problems are today's, not dated
  });

  it('counts from the first day of the period', () => {
    const m = rollup([planned], '2020-01-01', period, 0);
    expect(m.projectCount).toBe(1);
    expect(m.investmentCompletionRate).toBe(0.25); // 100 / 400
  });

  it("lets a missed start outrank NO_DATA in a project's own light", () => {
    const noPlan = item({ annualPlanInvestment: null, plannedStart: '2021-01-10', actualStart: null });
    expect(rollup([noPlan], '2021-02-01', settings(), 0, true).light).toBe('YELLOW'); // due, not started, < 3 months
    expect(rollup([noPlan], '2021-06-01', settings(), 0, true).light).toBe('RED'); // three months past
    expect(rollup([noPlan], '2021-01-05', settings(), 0, true).light).toBe('NO_DATA'); // not yet due
  });
});

describe('weightedScore', () => {
  it('uses the SPEC weights as the task-force default', () => {
    expect({ ...defaultRankingWeights }).toEqual(specDefaultWeights);
  });

  it('weights start rate 0.2, completion rate 0.5 and finish rate 0.3', () => {
    const m = { startRate: 0.8, investmentCompletionRate: 0.6, completionRate: 0.5, fundsInPlaceRate: 0.9 };
    // 0.8 × 0.2 + 0.6 × 0.5 + 0.5 × 0.3 + 0.9 × 0 = 0.16 + 0.30 + 0.15 + 0 = 0.61
    expect(weightedScore(m, specDefaultWeights)).toBeCloseTo(0.61, 12);
  });

  it('counts a null indicator as 0 (no re-weighting)', () => {
    const m = { startRate: 1, investmentCompletionRate: 0.5, completionRate: null, fundsInPlaceRate: null };
    // 1 × 0.2 + 0.5 × 0.5 + 0 × 0.3 = 0.45 (re-weighting over 0.7 would give 0.642…)
    expect(weightedScore(m, specDefaultWeights)).toBeCloseTo(0.45, 12);
    expect(weightedScore({ startRate: null, investmentCompletionRate: null, completionRate: 0, fundsInPlaceRate: null }, specDefaultWeights)).toBe(0);
  });

  it('is null when no indicator has a denominator (no data ranks last, not tied at 0)', () => {
    expect(weightedScore({ startRate: null, investmentCompletionRate: null, completionRate: null, fundsInPlaceRate: null }, specDefaultWeights)).toBeNull();
  });

  it('uses the funds weight when configured', () => {
    const equal = { startRate: 0.25, investmentCompletionRate: 0.25, completionRate: 0.25, fundsInPlaceRate: 0.25 };
    // 0.4 × 0.25 + 0.8 × 0.25 + 0 × 0.25 + 1 × 0.25 = 0.1 + 0.2 + 0 + 0.25 = 0.55
    expect(weightedScore({ startRate: 0.4, investmentCompletionRate: 0.8, completionRate: 0, fundsInPlaceRate: 1 }, equal)).toBeCloseTo(0.55, 12);
  });
});
