/**
 * The wall screen (大屏) at /screen/<task force, subgroup or unit ID>. Signs in with a screen token (from the
 * `#token=…` fragment, kept in this browser, or typed into the form), reads its view through the public GraphQL
 * API, and follows `metricsChanged` and `changes` over graphql-ws. `?rotate=30` cycles a task force's subgroups
 * every 30 s. Server text is only ever inserted as text.
 */
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './style.css';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { Api, ApiError, Capabilities, readCapabilities } from './api';
import { barsOption, gaugeOption, trendOption } from './charts';
import { CursorTracker } from './cursor';
import { figureFields, Figures, kindOfId, loadScreen, RankRow, ScreenData } from './data';
import { chineseDate, clock, percent, points, yi } from './format';
import { LiveConnection } from './live';
import { TickerEvent, TickerSubject, tickerLine, tickerTime } from './ticker';

echarts.use([BarChart, GaugeChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

const STORAGE_KEY = 'ledger-screen-token';
const TICKER_LINES = 3;
const $ = (id: string) => document.getElementById(id) as HTMLElement;
const setText = (id: string, value: string) => {
  $(id).textContent = value;
};

// ---- the stage: 1920×1080, scaled to the window ----
function fit(): void {
  const stage = $('stage');
  const scale = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
  stage.style.transform = `scale(${scale})`;
  stage.style.left = `${Math.max(0, (window.innerWidth - 1920 * scale) / 2)}px`;
  stage.style.top = `${Math.max(0, (window.innerHeight - 1080 * scale) / 2)}px`;
}
window.addEventListener('resize', fit);
fit();

function tick(): void {
  const now = clock(new Date());
  setText('clock-date', now.date);
  setText('clock-time', now.time);
}
tick();
setInterval(tick, 1000);

function status(message: string, kind: '' | 'live' | 'down' = ''): void {
  const element = $('status');
  element.textContent = message;
  element.className = `status ${kind}`;
}

// ---- the token ----
const scopeId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const fromHash = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
if (fromHash) {
  localStorage.setItem(STORAGE_KEY, decodeURIComponent(fromHash[1]));
  history.replaceState(null, '', location.pathname + location.search);
}
/** `?asOf=2020-09-30`: the figures at a past date (the default: the service's, a finished campaign's last day). */
const asOfParam = /^\d{4}-\d{2}-\d{2}$/.test(new URLSearchParams(location.search).get('asOf') ?? '') ? new URLSearchParams(location.search).get('asOf') : null;
const rotateSeconds = Math.max(0, Number(new URLSearchParams(location.search).get('rotate') ?? 0) || 0);

let live: LiveConnection | null = null;

function askForToken(message: string): void {
  live?.stop();
  live = null;
  localStorage.removeItem(STORAGE_KEY);
  $('login').hidden = false;
  $('board').hidden = true;
  $('ticker-bar').hidden = true;
  setText('login-error', message);
  status('未连接', 'down');
  ($('token-input') as HTMLInputElement).focus();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = ($('token-input') as HTMLInputElement).value.trim();
  if (!value) return;
  localStorage.setItem(STORAGE_KEY, value);
  location.reload();
});

/** What the screen says when the service refuses the token or the scope. */
function refusalMessage(code: string, detail: string): string {
  if (code === 'FORBIDDEN' || code === 'forbidden')
    return `此令牌无权查看这块大屏：令牌的范围不包含该对象，或令牌已被撤销。请输入与本大屏范围相符的令牌。${detail ? `（${detail}）` : ''}`;
  return '令牌无效、已过期或已撤销，请重新输入。';
}

// ---- charts ----
const charts = new Map<string, echarts.ECharts>();
function chart(id: string): echarts.ECharts {
  let instance = charts.get(id);
  if (!instance) {
    instance = echarts.init($(id), undefined, { renderer: 'svg' });
    charts.set(id, instance);
  }
  return instance;
}
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

// ---- rendering one view ----
function renderRanking(listId: string, rows: RankRow[]): void {
  const list = $(listId);
  list.textContent = '';
  if (!rows.length) {
    const item = document.createElement('li');
    const empty = document.createElement('span');
    empty.className = 'empty';
    empty.textContent = '—';
    item.appendChild(empty);
    list.appendChild(item);
  }
  for (const row of rows) {
    const item = document.createElement('li');
    const n = document.createElement('span');
    n.className = 'n';
    n.textContent = String(row.rank);
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = row.name;
    const value = document.createElement('b');
    value.className = `gap-${row.light}`;
    value.textContent = percent(row.value);
    item.append(n, name, value);
    list.appendChild(item);
  }
}

function renderTargets(data: ScreenData): void {
  const list = $('targets');
  list.textContent = '';
  const rows = data.targets ?? [];
  if (!rows.length) {
    const item = document.createElement('li');
    const empty = document.createElement('span');
    empty.className = 'empty';
    empty.textContent = data.targets === null ? '本范围的目标不单列，见领导小组大屏' : '暂无目标';
    item.appendChild(empty);
    list.appendChild(item);
    return;
  }
  // The furthest behind first: what a leading group asks about.
  const sorted = [...rows].sort((a, b) => (a.milestone?.completionRatio ?? a.completionRatio ?? 9) - (b.milestone?.completionRatio ?? b.completionRatio ?? 9));
  const shown = 3;
  for (const target of sorted.slice(0, shown)) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 't-name';
    name.textContent = target.name;
    const ratio = document.createElement('b');
    const r = target.milestone?.completionRatio ?? target.completionRatio;
    ratio.className = `t-ratio ${r === null ? 'gap-NO_DATA' : r >= 1 ? 'gap-GREEN' : r >= 0.8 ? 'gap-YELLOW' : 'gap-RED'}`;
    ratio.textContent = r === null ? '未报' : r >= 1 ? `达标 ${percent(r, 0)}` : percent(r, 0);
    const milestone = document.createElement('span');
    milestone.className = 't-milestone';
    const unit = target.unitOfMeasure ?? '';
    milestone.textContent = target.milestone
      ? `节点「${target.milestone.label}」应达 ${target.milestone.expectedValue}${unit}，实际 ${target.actualValue ?? '—'}${target.actualValue === null ? '' : unit}`
      : `目标 ${target.targetValue}${unit}，实际 ${target.actualValue ?? '—'}${target.actualValue === null ? '' : unit}`;
    item.append(name, ratio, milestone);
    list.appendChild(item);
  }
  if (rows.length > shown) {
    const more = document.createElement('li');
    const text = document.createElement('span');
    text.className = 'empty';
    text.textContent = `另有 ${rows.length - shown} 项目标，按完成情况从低到高列出前 ${shown} 项`;
    more.appendChild(text);
    list.appendChild(more);
  }
}

/** The headline and key figures: from a full read, or straight from a metricsChanged push. */
function renderFigures(f: Figures): void {
  setText('as-of', chineseDate(f.asOf));
  setText('k-rate', percent(f.investmentCompletionRate));
  setText('k-time', percent(f.timeProgress));
  setText('k-gap', points(f.progressGap));
  $('k-gap').className = `gap-${f.light}`;
  $('k-rate').className = `gap-${f.light}`;
  setText('k-start', percent(f.startRate));
  setText('k-finish', percent(f.completionRate));
  setText('k-funds', percent(f.fundsInPlaceRate));
  setText('k-count', String(f.projectCount));
  setText('k-total', yi(f.totalInvestment));
  setText('k-ytd', yi(f.ytdCompletedInvestment));
  setText('p-open', String(f.openProblemCount));
  setText('p-overdue', f.overdueProblemCount === undefined ? '待接入' : String(f.overdueProblemCount ?? 0));
  setText('p-rate', f.problemClosureRate === undefined ? '待接入' : percent(f.problemClosureRate));
  chart('gauge').setOption(gaugeOption(f.investmentCompletionRate, f.timeProgress, f.progressGap, f.light), true);
}

/** The date of the figures on the wall (from the last full read). */
let shownAsOf: string | null = null;

function render(data: ScreenData): void {
  const f = data.figures;
  shownAsOf = f.asOf;
  setText('title', data.name);
  setText('subtitle', data.subtitle);
  document.title = `${data.name} · 大屏`;
  renderFigures(f);
  for (const light of ['RED', 'YELLOW', 'GREEN', 'NO_DATA'] as const) setText(`l-${light}`, String(data.lights[light]));
  setText('p-closed', data.closedProblemCount === null ? '' : `已销号 ${data.closedProblemCount} 个`);
  setText('bars-title', data.barsTitle);
  if (data.ranking) {
    setText('ranking-title', data.ranking.title);
    renderRanking('rank-top', data.ranking.top);
    renderRanking('rank-bottom', data.ranking.bottom);
  }
  renderTargets(data);
  chart('bars').setOption(barsOption(data.bars, f.timeProgress, data.barsTitle), true);
  const placeholder = $('trend-placeholder');
  if (data.trend) {
    placeholder.hidden = true;
    $('trend').style.visibility = 'visible';
    chart('trend').setOption(trendOption(data.trend), true);
  } else {
    placeholder.hidden = false;
    placeholder.textContent = '月度趋势待服务端提供按月序列（metricsSeries）后显示';
    $('trend').style.visibility = 'hidden';
  }
  $('login').hidden = true;
  $('board').hidden = false;
  $('ticker-bar').hidden = false;
  charts.forEach((c) => c.resize());
}

// ---- the ticker ----
const subjects = new Map<string, Promise<TickerSubject>>();
// Aliases: the same field names have different nullability on these types, which GraphQL refuses to merge.
const SUBJECT = `query($id: ID!) { node(id: $id) {
  ... on Project { name projectUnit: unit { name } }
  ... on ProgressReport { period reportProject: project { name unit { name } } }
  ... on Problem { title problemUnit: unit { name } problemProject: project { name unit { name } } }
  ... on Target { name targetUnit: unit { name } }
  ... on Task { title leadUnit { name } }
} }`;

type Named = { name: string } | null | undefined;
interface SubjectNode {
  name?: string;
  title?: string;
  period?: string;
  projectUnit?: Named;
  problemUnit?: Named;
  targetUnit?: Named;
  leadUnit?: Named;
  reportProject?: { name: string; unit: Named } | null;
  problemProject?: { name: string; unit: Named } | null;
}

function subjectOf(api: Api, event: TickerEvent): Promise<TickerSubject> {
  // A project's unit may have just changed: read it again then.
  const key = event.entityId;
  if (event.entity === 'Project' && event.fields.some((f) => f.field === 'unitId' || f.field === 'name')) subjects.delete(key);
  let subject = subjects.get(key);
  if (!subject) {
    subject = api
      .query<{ node: SubjectNode | null }>(SUBJECT, { id: event.entityId })
      .then(({ node }): TickerSubject => {
        if (!node) return {};
        if (event.entity === 'Project') return { unitName: node.projectUnit?.name, projectName: node.name };
        if (event.entity === 'ProgressReport') return { unitName: node.reportProject?.unit?.name, projectName: node.reportProject?.name, period: node.period };
        if (event.entity === 'Problem') return { unitName: node.problemProject?.unit?.name ?? node.problemUnit?.name, projectName: node.problemProject?.name, title: node.title };
        if (event.entity === 'Target') return { unitName: node.targetUnit?.name, title: node.name };
        if (event.entity === 'Task') return { unitName: node.leadUnit?.name, title: node.title };
        return {};
      })
      .catch(() => ({}));
    subjects.set(key, subject);
  }
  return subject;
}

/** Lines are shown in cursor order even when their names arrive out of order. */
let tickerChain: Promise<void> = Promise.resolve();
function addToTicker(api: Api, event: TickerEvent, fresh: boolean): void {
  const subject = subjectOf(api, event);
  tickerChain = tickerChain.then(async () => {
    const line = tickerLine(event, await subject);
    if (!line) return;
    const list = $('ticker');
    const item = document.createElement('li');
    item.dataset.cursor = event.cursor;
    if (fresh) item.className = 'fresh';
    const time = document.createElement('time');
    time.dateTime = event.at;
    time.textContent = tickerTime(event.at);
    item.append(time, document.createTextNode(line));
    if (event.actor) {
      const actor = document.createElement('span');
      actor.className = 'actor';
      actor.textContent = event.actor;
      item.appendChild(actor);
    }
    list.querySelector('.empty')?.remove();
    list.insertBefore(item, list.firstChild);
    while (list.children.length > TICKER_LINES) list.removeChild(list.lastChild as Node);
  });
}

// ---- start ----
async function start(): Promise<void> {
  const token = localStorage.getItem(STORAGE_KEY);
  if (!token) return askForToken('');
  if (!kindOfId(scopeId)) {
    status('地址有误', 'down');
    setText('title', '这个地址不是领导小组、推进组或单位的大屏');
    return;
  }
  const api = new Api(token);
  let capabilities: Capabilities;
  try {
    capabilities = await readCapabilities(api);
  } catch (error) {
    const code = error instanceof ApiError ? error.code : '';
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return askForToken(refusalMessage(code, ''));
    status('服务暂不可用，稍后重试', 'down');
    setTimeout(() => void start(), 5000);
    return;
  }
  const taskForceId = kindOfId(scopeId) === 'TaskForce' ? scopeId : null;
  let views = [scopeId];
  let viewIndex = 0;
  let loading: Promise<void> | null = null;
  let again = false;

  const load = async (): Promise<void> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      do {
        again = false;
        try {
          const data = await loadScreen(api, capabilities, views[viewIndex] ?? scopeId, taskForceId, asOfParam);
          if (views.length === 1 && rotateSeconds > 0 && data.subgroups.length) views = [scopeId, ...data.subgroups.map((s) => s.id)];
          render(data);
        } catch (error) {
          const code = error instanceof ApiError ? error.code : '';
          if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
            askForToken(refusalMessage(code, error instanceof Error ? error.message : ''));
            return;
          }
          if (!(error instanceof ApiError)) setText('subtitle', (error as Error).message);
        }
      } while (again);
    })().finally(() => {
      loading = null;
    });
    return loading;
  };

  // The headline first (one small query at the date on the wall), then everything else; many changes in a burst
  // cost one re-read of each.
  const FIGURES = `query($id: ID!, $asOf: String) { node(id: $id) { ... on TaskForce { metrics(asOf: $asOf) { ${figureFields(capabilities)} } } ... on Subgroup { metrics(asOf: $asOf) { ${figureFields(capabilities)} } } ... on Unit { metrics(asOf: $asOf) { ${figureFields(capabilities)} } } } }`;
  const quickFigures = async () => {
    const id = views[viewIndex] ?? scopeId;
    if (!shownAsOf) return;
    try {
      const data = await api.query<{ node: { metrics?: Figures } | null }>(FIGURES, { id, asOf: shownAsOf });
      if (data.node?.metrics && id === (views[viewIndex] ?? scopeId)) renderFigures(data.node.metrics);
    } catch {
      // The full re-read that follows says what went wrong.
    }
  };
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  const refreshSoon = () => {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      // The ticker's name look-ups go before the full re-read, which would hold the database longer.
      void quickFigures()
        .then(() => tickerChain)
        .then(() => load());
    }, 100);
  };

  await load();
  if (!$('login').hidden) return;

  // The latest changes for the ticker, and the place in the log to go on from.
  const cursor = new CursorTracker();
  try {
    const recent = await api.query<{ changeLog: { nodes: TickerEvent[] } }>(
      `query($s: ID!) { changeLog(filter: { scope: $s }, first: ${TICKER_LINES * 3}, order: NEWEST_FIRST) { nodes { cursor entity action entityId actor at fields { field before after } } } }`,
      { s: scopeId },
    );
    for (const event of [...recent.changeLog.nodes].reverse()) {
      cursor.advance(event.cursor);
      addToTicker(api, event, false);
    }
  } catch {
    // Without the audit trail the ticker starts with the next change.
  }

  live = new LiveConnection(token, scopeId, cursor, {
    connected: (reconnected) => {
      status('实时', 'live');
      if (reconnected) void load();
    },
    disconnected: () => status('连接中断，正在重连…', 'down'),
    refused: (reason, message) => askForToken(refusalMessage(reason, message)),
    metrics: (figures) => {
      // The scope's own figures at the service's default date (metricsChanged reads where a query without asOf
      // does): shown at once when that is what is on the wall, and only when the push stands for the same date.
      if (views[viewIndex] === scopeId && !asOfParam && figures.asOf === shownAsOf) renderFigures(figures as unknown as Figures);
      refreshSoon();
    },
    change: (event) => {
      addToTicker(api, event, true);
      refreshSoon();
    },
  }, figureFields(capabilities));
  live.start();

  if (rotateSeconds > 0) {
    setInterval(() => {
      if (views.length < 2) return;
      viewIndex = (viewIndex + 1) % views.length;
      void load();
    }, rotateSeconds * 1000);
  }
}

void start();
