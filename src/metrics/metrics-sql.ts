import { isValidIsoDate, yearOf } from './dates';
import { MetricsSums, ProblemCounts } from './indicators';

/**
 * The SQL of the rollups: sums and counts per node, computed by the database (SQLite and MariaDB alike), so a
 * rollup never loads project rows. indicators.ts turns the sums into ratios and lights; `sumsOf` there is the
 * JavaScript reference these expressions are tested against (test/e2e/metrics-equality.spec.ts).
 *
 * A project's figures at `asOf` (README "How the figures are computed"): its stored figures when dated on or before
 * asOf or undated, or the latest progress report on or before asOf when that is later (or the stored ones are
 * undated or later than asOf); stored figures win a tie, and of two reports of one date the later written (larger
 * id). Year-to-date counts only within asOf's year. For asOf today or later the stored figures are the latest write
 * (every report on or before today updates them), so the report is not looked up.
 *
 * The expressions read four names the caller binds: `p` (project), `r` (the chosen report row, LEFT JOINed, when
 * reports are looked up), `ap` (the project's plan of asOf's year, LEFT JOINed by annualPlanJoin) and the as-of date
 * and its year's bounds (`asOf`, `yearStart`, `yearEnd`: SQL expressions, columns of a key table or placeholders).
 */
export interface AsOfTerms {
  asOf: string;
  yearStart: string;
  yearEnd: string;
}

/** The join of each project's 年度计划投资 of the year `year` (an SQL expression; index uq_annual_plan_project_year). */
export function annualPlanJoin(year: string): string {
  return `LEFT JOIN annual_plan ap ON ap.project_id = p.id AND ap.year = ${year}`;
}

/** The join that picks each project's latest report on or before the as-of date (index ix_report_project_as_of). */
export function latestReportJoin(asOf: string, condition = ''): string {
  return (
    'LEFT JOIN progress_report r ON r.id = (SELECT r2.id FROM progress_report r2 WHERE r2.project_id = p.id AND ' +
    `r2.as_of_date <= ${asOf} ORDER BY r2.as_of_date DESC, r2.id DESC LIMIT 1)${condition ? ` AND ${condition}` : ''}`
  );
}

/** Column aliases of the sums, in MetricsSums order. */
const sumColumn: Record<keyof MetricsSums, string> = {
  projectCount: 's_projects',
  totalInvestment: 's_total',
  annualPlanInvestment: 's_annual',
  ytdCompletedInvestment: 's_ytd',
  cumulativeCompletedInvestment: 's_cumulative',
  plannedFunds: 's_planned_funds',
  fundsInPlace: 's_funds',
  plannedStartCount: 's_planned_starts',
  startedCount: 's_started',
  plannedStartDueCount: 's_planned_starts_due',
  startedDueCount: 's_started_due',
  plannedFinishCount: 's_planned_finishes',
  finishedCount: 's_finished',
  inProductionCount: 's_in_production',
};

const cents = (expression: string) => `COALESCE(SUM(ROUND(${expression} * 100)), 0)`;
const count = (condition: string) => `COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;

/**
 * A project's figures at the as-of date, row by row, over `p` (and its latest report `r` when `withReports`), by
 * README "How the figures are computed": the stored figures when they stand on that date, else the latest report;
 * year-to-date only within the year; `date` the day the chosen figures stand for (null for undated stored figures).
 */
export function figuresAt(t: AsOfTerms, withReports: boolean): { ytd: string; cumulative: string; funds: string; stage: string; date: string } {
  const storedStands = `(p.stats_date IS NULL OR p.stats_date <= ${t.asOf})`;
  const reportWins = withReports ? `(r.id IS NOT NULL AND (p.stats_date IS NULL OR p.stats_date > ${t.asOf} OR r.as_of_date > p.stats_date))` : null;
  const chosen = (reportValue: string, storedValue: string) =>
    reportWins ? `CASE WHEN ${reportWins} THEN ${reportValue} WHEN ${storedStands} THEN ${storedValue} END` : `CASE WHEN ${storedStands} THEN ${storedValue} END`;
  return {
    ytd: chosen(
      `CASE WHEN r.period_start BETWEEN ${t.yearStart} AND ${t.yearEnd} THEN r.ytd_completed_investment END`,
      `CASE WHEN p.stats_date IS NULL OR p.stats_date >= ${t.yearStart} THEN p.ytd_completed_investment END`,
    ),
    cumulative: chosen('r.cumulative_completed_investment', 'p.cumulative_completed_investment'),
    funds: chosen('r.funds_in_place', 'p.funds_in_place'),
    stage: reportWins ? `CASE WHEN ${reportWins} THEN COALESCE(r.stage, p.stage) ELSE p.stage END` : 'p.stage',
    date: chosen('r.as_of_date', 'p.stats_date'),
  };
}

/**
 * The select list of the sums over the joined projects `p` (and reports `r` when `withReports`), as `expr AS alias`.
 * Rows where `p` is NULL (a node without projects, LEFT JOINed) add nothing.
 */
export function sumsSelect(t: AsOfTerms, withReports: boolean): string[] {
  const { ytd, cumulative, funds, stage } = figuresAt(t, withReports);
  const started = `p.actual_start <= ${t.asOf}`;
  const finished = `p.actual_end <= ${t.asOf}`;
  const startsThisYear = `p.planned_start BETWEEN ${t.yearStart} AND ${t.yearEnd}`;
  const startDue = `p.planned_start BETWEEN ${t.yearStart} AND ${t.asOf}`;
  const endsThisYear = `p.planned_end BETWEEN ${t.yearStart} AND ${t.yearEnd}`;
  const expressions: Record<keyof MetricsSums, string> = {
    projectCount: 'COUNT(p.id)',
    totalInvestment: cents('p.total_investment'),
    annualPlanInvestment: cents('ap.amount'),
    ytdCompletedInvestment: cents(ytd),
    cumulativeCompletedInvestment: cents(cumulative),
    plannedFunds: cents('p.planned_funds'),
    fundsInPlace: cents(funds),
    plannedStartCount: count(startsThisYear),
    startedCount: count(`${startsThisYear} AND ${started}`),
    plannedStartDueCount: count(startDue),
    startedDueCount: count(`${startDue} AND ${started}`),
    plannedFinishCount: count(endsThisYear),
    finishedCount: count(`${endsThisYear} AND ${finished}`),
    inProductionCount: count(`${endsThisYear} AND ${finished} AND ${stage} = 'IN_PRODUCTION'`),
  };
  return (Object.keys(sumColumn) as Array<keyof MetricsSums>).map((field) => `${expressions[field]} AS ${sumColumn[field]}`);
}

/** The sum columns' aliases, for an outer query that passes them through. */
export const sumAliases: readonly string[] = Object.values(sumColumn);

/** Reads the sums of one result row (drivers give DECIMAL and big counts as strings). */
export function readSums(row: Record<string, unknown>): MetricsSums {
  const out = {} as MetricsSums;
  for (const [field, alias] of Object.entries(sumColumn) as Array<[keyof MetricsSums, string]>) out[field] = Number(row[alias] ?? 0);
  return out;
}

/** The first and last day of the year of `asOf`, as the plan-year bounds. */
export function yearBounds(asOf: string): { yearStart: string; yearEnd: string } {
  const year = yearOf(asOf);
  return { yearStart: `${year}-01-01`, yearEnd: `${year}-12-31` };
}

/** Column aliases of the problem counts, in ProblemCounts order. */
const problemColumn: Record<keyof ProblemCounts, string> = { open: 'n_open', overdue: 'n_overdue', closed: 'n_closed', total: 'n_all' };

/** `today` as an SQL date literal (checked: it is our own ISO date, never a caller's text). */
function dateLiteral(today: string): string {
  if (!isValidIsoDate(today)) throw new Error(`Not an ISO date: ${today}`);
  return `'${today}'`;
}

/** The conditions of the problem counts on a problem row `pr`, judged on the day `today` (README: problems are today's). */
function problemConditions(today: string): Record<keyof ProblemCounts, string> {
  const open = "pr.state <> 'CLOSED'";
  return {
    open,
    overdue: `${open} AND pr.deadline < ${dateLiteral(today)}`,
    closed: "pr.state = 'CLOSED'",
    total: 'pr.id IS NOT NULL',
  };
}

/** The problem counts over the joined problems `pr` (NULL rows of a LEFT JOIN add nothing), as `expr AS alias`. */
export function problemCountsSelect(today: string): string[] {
  const conditions = problemConditions(today);
  return (Object.keys(problemColumn) as Array<keyof ProblemCounts>).map((field) => `${count(conditions[field])} AS ${problemColumn[field]}`);
}

/** The problem counts as correlated subqueries: problems `pr` where `where` holds, as `(subquery) AS alias`. */
export function problemCountsSubqueries(where: string, today: string): string[] {
  const conditions = problemConditions(today);
  return (Object.keys(problemColumn) as Array<keyof ProblemCounts>).map(
    (field) => `(SELECT COUNT(*) FROM problem pr WHERE ${where} AND ${conditions[field]}) AS ${problemColumn[field]}`,
  );
}

/** Zeros under the problem counts' aliases, for the parts of a UNION that count no problems. */
export const problemCountZeros: string = Object.values(problemColumn).map((alias) => `0 AS ${alias}`).join(', ');

/** Reads the problem counts of one result row. */
export function readProblemCounts(row: Record<string, unknown>): ProblemCounts {
  const out = {} as ProblemCounts;
  for (const [field, alias] of Object.entries(problemColumn) as Array<[keyof ProblemCounts, string]>) out[field] = Number(row[alias] ?? 0);
  return out;
}
