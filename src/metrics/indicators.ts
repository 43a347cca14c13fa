import { addMonths, dayNumber, dayOfYear, isLeapYear, monthOf, yearOf } from './dates';

/**
 * The indicator formulas of the specification, as pure functions over plain numbers.
 * Amounts are summed in integer 分 of 万元 (cents) so rollups are exact; ratios are sums of numerators over sums
 * of denominators (money-weighted), never averages of ratios; a zero denominator gives null.
 */

import { Light } from './light';

export { Light };
export type TimeProgressModeName = 'MONTH' | 'DAY' | 'PERIOD';

export interface MetricsSettings {
  timeProgressMode: TimeProgressModeName;
  periodStart: string | null;
  periodEnd: string | null;
  /** GREEN when progressGap ≥ greenMinGap (points). */
  greenMinGap: number;
  /** YELLOW when yellowMinGap ≤ progressGap < greenMinGap; RED below. */
  yellowMinGap: number;
}

export const defaultMetricsSettings: MetricsSettings = {
  timeProgressMode: 'MONTH',
  periodStart: null,
  periodEnd: null,
  greenMinGap: -10,
  yellowMinGap: -30,
};

/** The ledger facts of one project that the indicators read. */
export interface ProjectFacts {
  id: number;
  stage: string;
  totalInvestment: number | null;
  /** 年度计划投资 of the year of the asOf the facts are rolled up at (annual_plan; README "How the figures are computed"). */
  annualPlanInvestment: number | null;
  plannedFunds: number | null;
  plannedStart: string | null;
  actualStart: string | null;
  plannedEnd: string | null;
  actualEnd: string | null;
  /** Latest figures stored on the project and the date they stand for (null = undated). */
  ytdCompletedInvestment: number | null;
  cumulativeCompletedInvestment: number | null;
  fundsInPlace: number | null;
  statsDate: string | null;
}

/** Figures of one progress report. */
export interface ReportFacts {
  projectId: number;
  /** The report's id: of two reports standing for the same date, the later written (larger id) counts. */
  id: number;
  /** Date the figures stand for. */
  asOfDate: string;
  /** Year the period belongs to (year-to-date figures reset each year). */
  periodYear: number;
  ytdCompletedInvestment: number | null;
  cumulativeCompletedInvestment: number | null;
  fundsInPlace: number | null;
  stage: string | null;
}

/** A project's figures as they stood at a date. */
export interface ProjectFigures {
  ytdCompletedInvestment: number;
  cumulativeCompletedInvestment: number;
  fundsInPlace: number;
  stage: string;
}

export interface MetricsValue {
  asOf: string;
  projectCount: number;
  totalInvestment: number;
  annualPlanInvestment: number;
  ytdCompletedInvestment: number;
  investmentCompletionRate: number | null;
  cumulativeCompletedInvestment: number;
  cumulativeRate: number | null;
  plannedStartCount: number;
  startedCount: number;
  startRate: number | null;
  plannedStartDueCount: number;
  startedDueCount: number;
  startRateToDate: number | null;
  plannedFinishCount: number;
  finishedCount: number;
  completionRate: number | null;
  inProductionCount: number;
  productionRate: number | null;
  plannedFunds: number;
  fundsInPlace: number;
  fundsInPlaceRate: number | null;
  timeProgress: number;
  progressGap: number | null;
  light: Light;
  openProblemCount: number;
  overdueProblemCount: number;
  problemClosureRate: number | null;
}

/**
 * A node's problems as they stand today (problems are not dated by asOf): not closed, of those past their deadline
 * (before today), closed (销号), and all. The database counts these beside the sums (metrics-sql problemCountsSelect);
 * `problemCountsOf` is the JavaScript reference.
 */
export interface ProblemCounts {
  open: number;
  overdue: number;
  closed: number;
  total: number;
}

export const noProblems: Readonly<ProblemCounts> = Object.freeze({ open: 0, overdue: 0, closed: 0, total: 0 });

/** The counts of a set of problems on the day `today` (a problem is overdue when open and its deadline is before today). */
export function problemCountsOf(problems: ReadonlyArray<{ state: string; deadline: string | null }>, today: string): ProblemCounts {
  const counts = { ...noProblems };
  for (const problem of problems) {
    counts.total += 1;
    if (problem.state === 'CLOSED') counts.closed += 1;
    else {
      counts.open += 1;
      if (problem.deadline !== null && problem.deadline < today) counts.overdue += 1;
    }
  }
  return counts;
}

export function toCents(amount: number | null | undefined): number {
  return amount === null || amount === undefined ? 0 : Math.round(amount * 100);
}

function fromCents(cents: number): number {
  return cents / 100;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * 时序进度: MONTH = month ÷ 12 (the as-of month counts as complete, month-end convention);
 * DAY = day of year ÷ days in the year; PERIOD = elapsed days of the task-force period ÷ its days
 * (falls back to DAY without a period).
 */
export function timeProgress(asOf: string, settings: Pick<MetricsSettings, 'timeProgressMode' | 'periodStart' | 'periodEnd'>): number {
  switch (settings.timeProgressMode) {
    case 'MONTH':
      return monthOf(asOf) / 12;
    case 'PERIOD':
      if (settings.periodStart && settings.periodEnd && settings.periodEnd >= settings.periodStart) {
        const total = dayNumber(settings.periodEnd) - dayNumber(settings.periodStart) + 1;
        const elapsed = dayNumber(asOf) - dayNumber(settings.periodStart) + 1;
        return Math.min(1, Math.max(0, elapsed / total));
      }
      return dayOfYear(asOf) / (isLeapYear(yearOf(asOf)) ? 366 : 365);
    case 'DAY':
    default:
      return dayOfYear(asOf) / (isLeapYear(yearOf(asOf)) ? 366 : 365);
  }
}

/** 进度差 in percentage points, rounded to 1/10,000 of a point so thresholds compare exactly. */
export function progressGap(investmentCompletionRate: number | null, time: number): number | null {
  return investmentCompletionRate === null ? null : roundTo((investmentCompletionRate - time) * 100, 4);
}

export function lightForGap(gap: number | null, settings: Pick<MetricsSettings, 'greenMinGap' | 'yellowMinGap'>): Light {
  if (gap === null) return Light.NO_DATA;
  if (gap >= settings.greenMinGap) return Light.GREEN;
  return gap >= settings.yellowMinGap ? Light.YELLOW : Light.RED;
}

/** A project due to start that has not: YELLOW, RED once three months have passed since the planned start. */
export function lightForStart(project: Pick<ProjectFacts, 'plannedStart' | 'actualStart'>, asOf: string): Light {
  if (!project.plannedStart || project.plannedStart > asOf) return Light.GREEN;
  if (project.actualStart && project.actualStart <= asOf) return Light.GREEN;
  return addMonths(project.plannedStart, 3) <= asOf ? Light.RED : Light.YELLOW;
}

// A start that is due and missed is a finding even where the plan gives no gap to judge: YELLOW and RED outrank NO_DATA.
const severity: Record<Light, number> = { GREEN: 0, NO_DATA: 0.5, YELLOW: 1, RED: 2 };
export function worstLight(a: Light, b: Light): Light {
  return severity[a] >= severity[b] ? a : b;
}

/**
 * A project's figures at `asOf`: the latest of its stored figures (when dated on or before asOf, or undated)
 * and its reports standing on or before asOf. Year-to-date investment counts only within asOf's year.
 * `reports` must belong to this project.
 */
export function figuresAt(project: ProjectFacts, reports: ReportFacts[], asOf: string): ProjectFigures {
  type Candidate = { date: string | null; id: number; year: number | null; ytd: number | null; cumulative: number | null; funds: number | null; stage: string | null };
  let best: Candidate | null = null;
  const consider = (c: Candidate) => {
    if (best === null) best = c;
    else if (c.date !== null && (best.date === null || c.date > best.date || (c.date === best.date && c.id > best.id))) best = c;
  };
  if (project.statsDate === null || project.statsDate <= asOf) {
    consider({
      date: project.statsDate,
      // Stored figures win a tie with any report: they are the latest write for their date.
      id: Number.MAX_SAFE_INTEGER,
      year: project.statsDate === null ? null : yearOf(project.statsDate),
      ytd: project.ytdCompletedInvestment,
      cumulative: project.cumulativeCompletedInvestment,
      funds: project.fundsInPlace,
      stage: project.stage,
    });
  }
  for (const r of reports) {
    if (r.asOfDate > asOf) continue;
    consider({ date: r.asOfDate, id: r.id, year: r.periodYear, ytd: r.ytdCompletedInvestment, cumulative: r.cumulativeCompletedInvestment, funds: r.fundsInPlace, stage: r.stage });
  }
  const chosen = best as Candidate | null;
  if (chosen === null) return { ytdCompletedInvestment: 0, cumulativeCompletedInvestment: 0, fundsInPlace: 0, stage: project.stage };
  const sameYear = chosen.year === null || chosen.year === yearOf(asOf);
  return {
    ytdCompletedInvestment: sameYear ? chosen.ytd ?? 0 : 0,
    cumulativeCompletedInvestment: chosen.cumulative ?? 0,
    fundsInPlace: chosen.funds ?? 0,
    stage: chosen.stage ?? project.stage,
  };
}

export interface RollupInput {
  project: ProjectFacts;
  figures: ProjectFigures;
}

/**
 * What a rollup adds up: amounts in integer cents (分) and counts. The database computes these with grouped SQL
 * (metrics-sql.ts); `sumsOf` is the same fold in JavaScript, kept as the reference the SQL is tested against.
 */
export interface MetricsSums {
  projectCount: number;
  totalInvestment: number;
  annualPlanInvestment: number;
  ytdCompletedInvestment: number;
  cumulativeCompletedInvestment: number;
  plannedFunds: number;
  fundsInPlace: number;
  plannedStartCount: number;
  startedCount: number;
  plannedStartDueCount: number;
  startedDueCount: number;
  plannedFinishCount: number;
  finishedCount: number;
  inProductionCount: number;
}

export const sumFields: ReadonlyArray<keyof MetricsSums> = [
  'projectCount', 'totalInvestment', 'annualPlanInvestment', 'ytdCompletedInvestment', 'cumulativeCompletedInvestment',
  'plannedFunds', 'fundsInPlace', 'plannedStartCount', 'startedCount', 'plannedStartDueCount', 'startedDueCount',
  'plannedFinishCount', 'finishedCount', 'inProductionCount',
];

export function emptySums(): MetricsSums {
  return Object.fromEntries(sumFields.map((f) => [f, 0])) as unknown as MetricsSums;
}

export function addSums(into: MetricsSums, more: MetricsSums): MetricsSums {
  for (const f of sumFields) into[f] += more[f];
  return into;
}

/**
 * The sums of a set of projects at `asOf`. Counts of starts and finishes are of the plan year (the year of asOf):
 * planned = planned date within that year; actual = actual date on or before asOf.
 */
export function sumsOf(items: RollupInput[], asOf: string): MetricsSums {
  const planYear = String(yearOf(asOf));
  const sums = emptySums();
  for (const { project, figures } of items) {
    sums.projectCount += 1;
    sums.totalInvestment += toCents(project.totalInvestment);
    sums.annualPlanInvestment += toCents(project.annualPlanInvestment);
    sums.ytdCompletedInvestment += toCents(figures.ytdCompletedInvestment);
    sums.cumulativeCompletedInvestment += toCents(figures.cumulativeCompletedInvestment);
    sums.plannedFunds += toCents(project.plannedFunds);
    sums.fundsInPlace += toCents(figures.fundsInPlace);
    const started = project.actualStart !== null && project.actualStart <= asOf;
    if (project.plannedStart && project.plannedStart.startsWith(planYear)) {
      sums.plannedStartCount += 1;
      if (started) sums.startedCount += 1;
      if (project.plannedStart <= asOf) {
        sums.plannedStartDueCount += 1;
        if (started) sums.startedDueCount += 1;
      }
    }
    if (project.plannedEnd && project.plannedEnd.startsWith(planYear)) {
      sums.plannedFinishCount += 1;
      const finished = project.actualEnd !== null && project.actualEnd <= asOf;
      if (finished) sums.finishedCount += 1;
      if (finished && figures.stage === 'IN_PRODUCTION') sums.inProductionCount += 1;
    }
  }
  return sums;
}

/**
 * Turns sums into the indicators: ratios, 时序进度, 进度差 and the light. `start` is given for a project's own
 * metrics, whose light also follows the start rule.
 */
export function metricsFromSums(
  sums: MetricsSums,
  asOf: string,
  settings: MetricsSettings,
  problems: ProblemCounts,
  start: Pick<ProjectFacts, 'plannedStart' | 'actualStart'> | null = null,
): MetricsValue {
  // Before the campaign began nothing of it stands: every sum is empty and the light is NO_DATA.
  if (settings.periodStart !== null && asOf < settings.periodStart) {
    sums = emptySums();
    start = null;
  }
  const investmentCompletionRate = ratio(sums.ytdCompletedInvestment, sums.annualPlanInvestment);
  const time = timeProgress(asOf, settings);
  const gap = progressGap(investmentCompletionRate, time);
  let light = lightForGap(gap, settings);
  if (start) light = worstLight(light, lightForStart(start, asOf));
  return {
    asOf,
    projectCount: sums.projectCount,
    totalInvestment: fromCents(sums.totalInvestment),
    annualPlanInvestment: fromCents(sums.annualPlanInvestment),
    ytdCompletedInvestment: fromCents(sums.ytdCompletedInvestment),
    investmentCompletionRate,
    cumulativeCompletedInvestment: fromCents(sums.cumulativeCompletedInvestment),
    cumulativeRate: ratio(sums.cumulativeCompletedInvestment, sums.totalInvestment),
    plannedStartCount: sums.plannedStartCount,
    startedCount: sums.startedCount,
    startRate: ratio(sums.startedCount, sums.plannedStartCount),
    plannedStartDueCount: sums.plannedStartDueCount,
    startedDueCount: sums.startedDueCount,
    startRateToDate: ratio(sums.startedDueCount, sums.plannedStartDueCount),
    plannedFinishCount: sums.plannedFinishCount,
    finishedCount: sums.finishedCount,
    completionRate: ratio(sums.finishedCount, sums.plannedFinishCount),
    inProductionCount: sums.inProductionCount,
    productionRate: ratio(sums.inProductionCount, sums.plannedFinishCount),
    plannedFunds: fromCents(sums.plannedFunds),
    fundsInPlace: fromCents(sums.fundsInPlace),
    fundsInPlaceRate: ratio(sums.fundsInPlace, sums.plannedFunds),
    timeProgress: time,
    progressGap: gap,
    light,
    openProblemCount: problems.open,
    overdueProblemCount: problems.overdue,
    // 销号率: closed ÷ all problems of the node.
    problemClosureRate: ratio(problems.closed, problems.total),
  };
}

/**
 * Metrics of a set of projects at `asOf`, folded in JavaScript: the reference for the SQL rollups, and the rule
 * for a single project already in hand. `single` marks a project's own metrics (the start rule applies). `problems`
 * as a bare number: that many open problems, none overdue or closed.
 */
export function rollup(items: RollupInput[], asOf: string, settings: MetricsSettings, problems: ProblemCounts | number, single = false): MetricsValue {
  const counts = typeof problems === 'number' ? { open: problems, overdue: 0, closed: 0, total: problems } : problems;
  return metricsFromSums(sumsOf(items, asOf), asOf, settings, counts, single && items.length === 1 ? items[0].project : null);
}

export type TargetDirectionName = 'AT_LEAST' | 'AT_MOST';

/** Target completion: actual ÷ target for AT_LEAST; target ÷ actual for AT_MOST (meeting a ceiling is ≥ 1). */
export function targetCompletion(actual: number | null, target: number, direction: TargetDirectionName): number | null {
  if (actual === null) return null;
  if (direction === 'AT_LEAST') return target === 0 ? null : actual / target;
  if (actual === 0) return target >= 0 ? 1 : null;
  return target / actual;
}

export interface MilestoneFacts {
  due: string;
  value: number | null;
  ratio: number | null;
}

/** The milestone value due by `asOf` (the latest one due on or before it), in the target's measure. */
export function milestoneValueDue(milestones: MilestoneFacts[], targetValue: number, asOf: string): number | null {
  let due: MilestoneFacts | null = null;
  for (const m of milestones) if (m.due <= asOf && (due === null || m.due > due.due)) due = m;
  if (due === null) return null;
  if (due.value !== null) return due.value;
  return due.ratio === null ? null : due.ratio * targetValue;
}

export interface RankingScoreWeights {
  startRate: number;
  investmentCompletionRate: number;
  completionRate: number;
  fundsInPlaceRate: number;
}

/** Weighted score of a node; an indicator without a denominator contributes nothing; null when none has one. */
export function weightedScore(m: Pick<MetricsValue, 'startRate' | 'investmentCompletionRate' | 'completionRate' | 'fundsInPlaceRate'>, w: RankingScoreWeights): number | null {
  if (m.startRate === null && m.investmentCompletionRate === null && m.completionRate === null && m.fundsInPlaceRate === null) return null;
  return (
    (m.startRate ?? 0) * w.startRate +
    (m.investmentCompletionRate ?? 0) * w.investmentCompletionRate +
    (m.completionRate ?? 0) * w.completionRate +
    (m.fundsInPlaceRate ?? 0) * w.fundsInPlaceRate
  );
}
