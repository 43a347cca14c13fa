import { RequestContext } from '../../common/request-context';
import { BadInputError, NotFoundError } from '../../errors/app-error';
import { daysInMonth, isValidIsoDate, yearOf } from '../../metrics/dates';
import { MetricsValue } from '../../metrics/indicators';
import { MetricsKey } from '../../metrics/metrics.service';
import { Metrics } from '../../metrics/metrics.type';
import { decodeScope, loadScopeNode } from '../node/scope';
import { MetricsChange, MetricsPoint, SeriesInterval } from './metrics-series.type';

/** Most points one series gives (ten years of months, two years of weeks): the statement grows with the points. */
export const maxSeriesPoints = 120;

const pad = (n: number) => String(n).padStart(2, '0');

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last day of the period of `interval` that holds `date`. */
export function periodEnd(date: string, interval: SeriesInterval): string {
  const year = yearOf(date);
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const monthEnd = `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
  switch (interval) {
    case SeriesInterval.MONTH:
      return monthEnd;
    case SeriesInterval.TEN_DAYS:
      return day <= 10 ? `${year}-${pad(month)}-10` : day <= 20 ? `${year}-${pad(month)}-20` : monthEnd;
    case SeriesInterval.WEEK: {
      // ISO weeks end on Sunday (getUTCDay 0).
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return addDays(date, (7 - weekday) % 7);
    }
  }
}

/** The first day of the period of `interval` that holds `date`. */
function periodStart(date: string, interval: SeriesInterval): string {
  const day = Number(date.slice(8, 10));
  switch (interval) {
    case SeriesInterval.MONTH:
      return `${date.slice(0, 8)}01`;
    case SeriesInterval.TEN_DAYS:
      return `${date.slice(0, 8)}${day <= 10 ? '01' : day <= 20 ? '11' : '21'}`;
    case SeriesInterval.WEEK:
      return addDays(periodEnd(date, interval), -6);
  }
}

/**
 * The dates of a series from `from` to `to`: the end of every period that overlaps them, the last one cut at `to`;
 * and, first, the end of the period before `from`'s (the base of the first point's 环比). Refuses more than
 * `maxSeriesPoints` points.
 */
export function seriesDates(from: string, to: string, interval: SeriesInterval): { previous: string; points: string[] } {
  const points: string[] = [];
  for (let end = periodEnd(from, interval); ; end = periodEnd(addDays(end, 1), interval)) {
    points.push(end < to ? end : to);
    if (end >= to) break;
    if (points.length > maxSeriesPoints) break;
  }
  if (points.length > maxSeriesPoints) {
    throw new BadInputError(`A series has at most ${maxSeriesPoints} points; ${from} to ${to} by ${interval} has more. Ask for a shorter range or a longer interval.`, 'to', {
      maxPoints: maxSeriesPoints,
    });
  }
  return { previous: addDays(periodStart(from, interval), -1), points };
}

function checkDate(value: string, field: string): string {
  const date = value.slice(0, 10);
  if (!isValidIsoDate(date) || value.length !== 10) throw new BadInputError(`${field} must be an ISO date such as 2020-09-30, got "${value.slice(0, 40)}".`, field);
  return date;
}

const difference = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

function changeOf(current: MetricsValue, previous: MetricsValue): MetricsChange {
  // Year-to-date investment restarts with the year: a January point's change counts from zero.
  const sameYear = yearOf(current.asOf) === yearOf(previous.asOf);
  return {
    previousAsOf: previous.asOf,
    investmentCompletionRate: difference(current.investmentCompletionRate, previous.investmentCompletionRate),
    progressGap: current.progressGap === null || previous.progressGap === null ? null : Math.round((current.progressGap - previous.progressGap) * 10_000) / 10_000,
    cumulativeRate: difference(current.cumulativeRate, previous.cumulativeRate),
    startRate: difference(current.startRate, previous.startRate),
    completionRate: difference(current.completionRate, previous.completionRate),
    fundsInPlaceRate: difference(current.fundsInPlaceRate, previous.fundsInPlaceRate),
    ytdCompletedInvestment: Math.round((current.ytdCompletedInvestment - (sameYear ? previous.ytdCompletedInvestment : 0)) * 100) / 100,
  };
}

/**
 * A node's metrics at every period end from `from` to `to` (a trend line), with the change since the period before
 * (环比). One batch of metrics keys, so one grouped statement over all the dates (MetricsService), however many points.
 */
export const MetricsSeriesService = {
  async series(ctx: RequestContext, scopeId: string, fromArg: string, toArg: string, interval: SeriesInterval): Promise<MetricsPoint[]> {
    const from = checkDate(fromArg, 'from');
    const to = checkDate(toArg, 'to');
    if (to < from) throw new BadInputError(`to (${to}) is before from (${from}).`, 'to');
    const { previous, points } = seriesDates(from, to, interval);
    const scope = decodeScope(scopeId);
    const node = await loadScopeNode(ctx.loaders, scope);
    if (!node) throw new NotFoundError(scope.type, scopeId, 'scope');
    const keys: MetricsKey[] = [previous, ...points].map((asOf) => ({ kind: scope.kind, id: scope.id, asOf }));
    const values = (await ctx.loaders.metrics.loadMany(keys)).map((value) => {
      if (value instanceof Error) throw value;
      return value;
    });
    return points.map((asOf, i) => ({ asOf, metrics: values[i + 1] as Metrics, change: changeOf(values[i + 1], values[i]) }));
  },
};
