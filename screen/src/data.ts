/**
 * What one screen view shows, read through the public GraphQL API: a task force, a subgroup or a unit, with its
 * figures, the bars under it, the light counts, the ranking, targets, problems and the monthly trend. Parts the
 * service does not offer yet (see Capabilities) come back null and their panels say so.
 */
import { Api, Capabilities } from './api';
import type { BarItem, TrendPoint } from './charts';

export type ScopeKind = 'TaskForce' | 'Subgroup' | 'Unit';

export interface Figures {
  asOf: string;
  projectCount: number;
  totalInvestment: number;
  annualPlanInvestment: number;
  ytdCompletedInvestment: number;
  investmentCompletionRate: number | null;
  timeProgress: number;
  progressGap: number | null;
  light: string;
  startRate: number | null;
  completionRate: number | null;
  fundsInPlaceRate: number | null;
  openProblemCount: number;
  overdueProblemCount?: number | null;
  problemClosureRate?: number | null;
}

export interface RankRow {
  rank: number;
  name: string;
  value: number | null;
  light: string;
}

export interface TargetRow {
  name: string;
  unitOfMeasure: string | null;
  targetValue: number;
  actualValue: number | null;
  completionRatio: number | null;
  milestone: { label: string; due: string; expectedValue: number; completionRatio: number | null } | null;
}

export interface ScreenData {
  kind: ScopeKind;
  id: string;
  name: string;
  subtitle: string;
  figures: Figures;
  bars: BarItem[];
  barsTitle: string;
  lights: Record<'RED' | 'YELLOW' | 'GREEN' | 'NO_DATA', number>;
  ranking: { title: string; top: RankRow[]; bottom: RankRow[] } | null;
  targets: TargetRow[] | null;
  trend: TrendPoint[] | null;
  closedProblemCount: number | null;
  /** The task force's subgroups (for the carousel); empty below a task force. */
  subgroups: Array<{ id: string; name: string }>;
}

const baseFigures =
  'asOf projectCount totalInvestment annualPlanInvestment ytdCompletedInvestment investmentCompletionRate timeProgress progressGap light startRate completionRate fundsInPlaceRate openProblemCount';

export function figureFields(capabilities: Capabilities): string {
  const optional = ['overdueProblemCount', 'problemClosureRate'].filter((f) => capabilities.metricsFields.has(f));
  return [baseFigures, ...optional].join(' ');
}

/** The kind of node a global ID names (base64url of "Type:id"), or null. */
export function kindOfId(id: string): ScopeKind | null {
  try {
    const decoded = atob(id.replace(/-/g, '+').replace(/_/g, '/'));
    const type = decoded.split(':')[0];
    return type === 'TaskForce' || type === 'Subgroup' || type === 'Unit' ? type : null;
  } catch {
    return null;
  }
}

const lightKeys = ['RED', 'YELLOW', 'GREEN', 'NO_DATA'] as const;

function lightCountsQuery(filterKey: string): string {
  // Judged at the date on the wall, like every other figure on it.
  return lightKeys.map((light) => `${light}: projects(filter: { ${filterKey}: $id, light: [${light}], lightAsOf: $asOf }, first: 1) { totalCount }`).join('\n');
}

function lightsOf(data: Record<string, unknown>): ScreenData['lights'] {
  const counts = { RED: 0, YELLOW: 0, GREEN: 0, NO_DATA: 0 };
  for (const light of lightKeys) counts[light] = (data[light] as { totalCount: number } | undefined)?.totalCount ?? 0;
  return counts;
}

export function topAndBottom(rows: RankRow[], size = 5): { top: RankRow[]; bottom: RankRow[] } {
  const top = rows.slice(0, size);
  const bottom = rows.length > size ? rows.slice(Math.max(size, rows.length - size)).reverse() : [];
  return { top, bottom };
}

const targetFields = `name unitOfMeasure targetValue subgroup { id } actualValue(asOf: $asOf) completionRatio(asOf: $asOf)
  milestoneProgress(asOf: $asOf) { label due expectedValue completionRatio }`;

type RawTarget = Omit<TargetRow, 'milestone'> & { subgroup: { id: string } | null; milestoneProgress: TargetRow['milestone'] };

function targetRows(targets: RawTarget[], subgroupId?: string): TargetRow[] {
  return targets
    .filter((t) => (subgroupId ? t.subgroup?.id === subgroupId : true))
    .map((t) => ({ name: t.name, unitOfMeasure: t.unitOfMeasure, targetValue: t.targetValue, actualValue: t.actualValue, completionRatio: t.completionRatio, milestone: t.milestoneProgress }));
}

async function trendOf(api: Api, capabilities: Capabilities, id: string, asOf: string): Promise<TrendPoint[] | null> {
  if (!capabilities.queryFields.has('metricsSeries')) return null;
  const fields = capabilities.seriesFields;
  const dateField = ['asOf', 'periodEnd', 'end', 'date', 'month', 'period'].find((f) => fields.has(f));
  if (!dateField || !fields.has('metrics')) return null;
  const year = asOf.slice(0, 4);
  const data = await api.query<{ metricsSeries: Array<Record<string, unknown> & { metrics: { investmentCompletionRate: number | null; timeProgress: number | null } }> }>(
    `query($id: ID!, $from: String!, $to: String!) { metricsSeries(scope: $id, from: $from, to: $to, interval: MONTH) { ${dateField} metrics { investmentCompletionRate timeProgress } } }`,
    { id, from: `${year}-01-01`, to: asOf },
  );
  return data.metricsSeries.map((point) => ({
    month: String(point[dateField]).slice(0, 7),
    rate: point.metrics.investmentCompletionRate,
    timeProgress: point.metrics.timeProgress,
  }));
}

async function closedProblems(api: Api, capabilities: Capabilities, kind: ScopeKind, id: string): Promise<number | null> {
  if (!capabilities.queryFields.has('problems')) return null;
  const filter = capabilities.problemFilterFields;
  const key = kind === 'TaskForce' ? 'taskForceId' : kind === 'Subgroup' ? 'subgroupId' : 'unitId';
  if (!filter.has(key) || !filter.has('state')) return null;
  const data = await api.query<{ problems: { totalCount: number } }>(`query($id: ID!) { problems(filter: { ${key}: $id, state: [CLOSED] }, first: 1) { totalCount } }`, { id });
  return data.problems.totalCount;
}

/** Reads one view. `taskForceId` is the token's task force when it has one (a subgroup view then shows its targets). */
export async function loadScreen(api: Api, capabilities: Capabilities, id: string, taskForceId: string | null, asOfWanted: string | null = null): Promise<ScreenData> {
  const kind = kindOfId(id);
  if (!kind) throw new Error('这个地址不是领导小组、推进组或单位的大屏。');
  const F = figureFields(capabilities);
  // The date the figures stand for: the node's default (a finished campaign: its last day), used by every part.
  const head = await api.query<{ node: { metrics?: { asOf: string } } | null }>(
    `query($id: ID!, $asOf: String) { node(id: $id) { ... on TaskForce { metrics(asOf: $asOf) { asOf } } ... on Subgroup { metrics(asOf: $asOf) { asOf } } ... on Unit { metrics(asOf: $asOf) { asOf } } } }`,
    { id, asOf: asOfWanted },
  );
  if (!head.node?.metrics) throw new Error('没有找到这个大屏的对象。');
  const asOf = head.node.metrics.asOf;
  const [trend, closedProblemCount] = await Promise.all([trendOf(api, capabilities, id, asOf).catch(() => null), closedProblems(api, capabilities, kind, id).catch(() => null)]);

  if (kind === 'TaskForce') {
    const data = await api.query<Record<string, unknown> & {
      taskForce: { id: string; name: string; documentNumber: string | null; metrics: Figures; subgroups: Array<{ id: string; name: string; metrics: { investmentCompletionRate: number | null; light: string } }>; targets: RawTarget[] };
      ranking: Array<{ rank: number; value: number | null; node: { name?: string }; metrics: { light: string } }>;
    }>(
      `query($id: ID!, $asOf: String) {
        taskForce(id: $id) { id name documentNumber metrics(asOf: $asOf) { ${F} }
          subgroups { id name metrics(asOf: $asOf) { investmentCompletionRate light } }
          targets { ${targetFields} } }
        ranking(taskForceId: $id, asOf: $asOf, by: INVESTMENT_COMPLETION_RATE, level: UNIT) { rank value node { ... on Unit { name } } metrics { light } }
        ${lightCountsQuery('taskForceId')}
      }`,
      { id, asOf },
    );
    const tf = data.taskForce;
    const rows = data.ranking.map((r) => ({ rank: r.rank, name: r.node.name ?? '', value: r.value, light: r.metrics.light }));
    return {
      kind,
      id,
      name: tf.name,
      subtitle: tf.documentNumber ?? '',
      figures: tf.metrics,
      bars: tf.subgroups.map((s) => ({ name: s.name, rate: s.metrics.investmentCompletionRate, light: s.metrics.light })),
      barsTitle: '各推进组',
      lights: lightsOf(data),
      ranking: { title: '单位红黑榜 · 投资完成率', ...topAndBottom(rows) },
      targets: targetRows(tf.targets),
      trend,
      closedProblemCount,
      subgroups: tf.subgroups.map((s) => ({ id: s.id, name: s.name })),
    };
  }

  const filterKey = kind === 'Subgroup' ? 'subgroupId' : 'unitId';
  const data = await api.query<Record<string, unknown> & {
    node: { name: string; metrics: Figures };
    groups: Array<{ labels: string[]; metrics: { investmentCompletionRate: number | null; light: string; ytdCompletedInvestment: number } }>;
    taskForce?: { name: string; targets: RawTarget[] } | null;
  }>(
    `query($id: ID!, $asOf: String${taskForceId ? ', $tf: ID!' : ''}) {
      node(id: $id) { ... on Subgroup { name metrics(asOf: $asOf) { ${F} } } ... on Unit { name metrics(asOf: $asOf) { ${F} } } }
      groups: projectAggregate(asOf: $asOf, filter: { ${filterKey}: $id }, groupBy: [${kind === 'Subgroup' ? 'UNIT' : 'SUBGROUP'}]) { labels metrics { investmentCompletionRate light ytdCompletedInvestment } }
      ${taskForceId && kind === 'Subgroup' ? `taskForce(id: $tf) { name targets { ${targetFields} } }` : ''}
      ${lightCountsQuery(filterKey)}
    }`,
    taskForceId && kind === 'Subgroup' ? { id, asOf, tf: taskForceId } : { id, asOf },
  );
  const groups = data.groups.map((g) => ({ name: g.labels[0] || '（未分组）', rate: g.metrics.investmentCompletionRate, light: g.metrics.light, ytd: g.metrics.ytdCompletedInvestment }));
  // The ranking of what lies under the node, by the same rule as `ranking`: rate, then completed investment.
  const ranked = [...groups].sort((a, b) => (b.rate ?? -Infinity) - (a.rate ?? -Infinity) || b.ytd - a.ytd);
  const rows = ranked.map((g, i) => ({ rank: i + 1, name: g.name, value: g.rate, light: g.light }));
  return {
    kind,
    id,
    name: data.node.name,
    subtitle: data.taskForce?.name ?? (kind === 'Subgroup' ? '推进组大屏' : '单位大屏'),
    figures: data.node.metrics,
    bars: groups.map(({ name, rate, light }) => ({ name, rate, light })),
    barsTitle: kind === 'Subgroup' ? '各责任单位' : '各推进组',
    lights: lightsOf(data),
    ranking: { title: kind === 'Subgroup' ? '本组单位红黑榜 · 投资完成率' : '推进组排名 · 投资完成率', ...topAndBottom(rows) },
    targets: data.taskForce ? targetRows(data.taskForce.targets, id) : null,
    trend,
    closedProblemCount,
    subgroups: [],
  };
}
