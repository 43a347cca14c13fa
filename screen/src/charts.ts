/**
 * ECharts options of the screen's three charts. Each carries ECharts' `aria` option with a description naming every
 * item and its value, so screen readers, search-in-page and tests read the chart as text. Pure (plain objects).
 */
import { lightColors, percent, points } from './format';

export const fontFamily = '"Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const text = '#dce8f7';
const muted = '#8fa9c9';
const line = '#244a7a';

export interface BarItem {
  name: string;
  /** 投资完成率 (fraction), null without an annual plan. */
  rate: number | null;
  light: string;
}

export interface TrendPoint {
  /** "2022-03" */
  month: string;
  rate: number | null;
  timeProgress: number | null;
}

const aria = (description: string) => ({ enabled: true, label: { enabled: true, description } });

/** Half gauge: 投资完成率 as the arc and the pointer, 时序进度 as a marker on the same scale. */
export function gaugeOption(rate: number | null, timeProgress: number | null, gap: number | null, light: string) {
  const value = rate === null ? 0 : Math.round(rate * 1000) / 10;
  const time = timeProgress === null ? 0 : Math.round(timeProgress * 1000) / 10;
  const max = Math.max(100, Math.ceil(Math.max(value, time) / 10) * 10);
  const description = `投资完成率与时序进度：投资完成率 ${percent(rate)}，时序进度 ${percent(timeProgress)}，进度差 ${points(gap)} 个百分点。`;
  return {
    aria: aria(description),
    textStyle: { fontFamily },
    series: [
      {
        type: 'gauge',
        min: 0,
        max,
        startAngle: 200,
        endAngle: -20,
        radius: '92%',
        center: ['50%', '58%'],
        progress: { show: true, width: 26, itemStyle: { color: lightColors[light] ?? lightColors.NO_DATA } },
        axisLine: { lineStyle: { width: 26, color: [[1, '#1b355c']] } },
        axisTick: { show: false },
        splitLine: { length: 10, distance: 4, lineStyle: { color: muted, width: 2 } },
        axisLabel: { distance: 32, color: muted, fontSize: 20, fontFamily, formatter: (v: number) => (v % 20 === 0 ? String(v) : '') },
        pointer: { show: true, width: 8, length: '62%', itemStyle: { color: text } },
        anchor: { show: true, size: 16, itemStyle: { color: text } },
        title: { show: false },
        detail: { show: false },
        data: [{ value, name: '投资完成率' }],
      },
      {
        // 时序进度: a white tick on the outer edge.
        type: 'gauge',
        min: 0,
        max,
        startAngle: 200,
        endAngle: -20,
        radius: '96%',
        center: ['50%', '58%'],
        axisLine: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: true, icon: 'triangle', width: 22, length: 26, offsetCenter: [0, '-92%'], itemStyle: { color: '#4fc3ff' } },
        title: { show: false },
        detail: { show: false },
        data: [{ value: time, name: '时序进度' }],
      },
    ],
  };
}

/** Bars of 投资完成率 per subgroup (or unit), coloured by light, against a line at 时序进度. */
export function barsOption(items: BarItem[], timeProgress: number | null, what: string) {
  const description =
    `${what}投资完成率（时序进度 ${percent(timeProgress)}）：` +
    (items.length ? items.map((item) => `${item.name} ${percent(item.rate)}`).join('；') : '暂无数据') +
    '。';
  const reversed = [...items].reverse(); // the first item at the top
  return {
    aria: aria(description),
    textStyle: { fontFamily },
    grid: { left: 300, right: 96, top: 40, bottom: 36 },
    xAxis: {
      type: 'value',
      min: 0,
      max: (extent: { max: number }) => Math.max(100, Math.ceil(extent.max / 10) * 10),
      axisLabel: { color: muted, fontSize: 20, formatter: '{value}%', fontFamily },
      splitLine: { lineStyle: { color: line } },
    },
    yAxis: {
      type: 'category',
      // Long names cut by hand (the aria description keeps them whole): 20 px characters in a 280 px column.
      data: reversed.map((item) => (item.name.length > 13 ? `${item.name.slice(0, 12)}…` : item.name)),
      axisLabel: { color: text, fontSize: 20, fontFamily },
      axisLine: { lineStyle: { color: line } },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 26,
        data: reversed.map((item) => ({
          value: item.rate === null ? 0 : Math.round(item.rate * 1000) / 10,
          itemStyle: { color: lightColors[item.light] ?? lightColors.NO_DATA, borderRadius: [0, 4, 4, 0] },
          label: { formatter: percent(item.rate) },
        })),
        label: { show: true, position: 'right', color: text, fontSize: 20, fontFamily },
        markLine: timeProgress === null
          ? undefined
          : {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#4fc3ff', width: 3, type: 'dashed' },
              label: { formatter: `时序 ${percent(timeProgress)}`, color: '#4fc3ff', fontSize: 20, fontFamily, position: 'end' },
              data: [{ xAxis: Math.round(timeProgress * 1000) / 10 }],
            },
      },
    ],
  };
}

/** The monthly trend: 投资完成率 month by month against 时序进度. */
export function trendOption(series: TrendPoint[]) {
  const description =
    '月度趋势（投资完成率 / 时序进度）：' +
    (series.length ? series.map((p) => `${p.month} ${percent(p.rate)} / ${percent(p.timeProgress)}`).join('；') : '暂无数据') +
    '。';
  const scaled = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return {
    aria: aria(description),
    textStyle: { fontFamily },
    grid: { left: 80, right: 24, top: 52, bottom: 40 },
    legend: { top: 4, right: 12, textStyle: { color: text, fontSize: 20, fontFamily }, itemWidth: 28, itemHeight: 12 },
    xAxis: {
      type: 'category',
      data: series.map((p) => `${Number(p.month.slice(5, 7))}月`),
      axisLabel: { color: muted, fontSize: 20, fontFamily },
      axisLine: { lineStyle: { color: line } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: muted, fontSize: 20, formatter: '{value}%', fontFamily },
      splitLine: { lineStyle: { color: line } },
    },
    series: [
      {
        name: '投资完成率',
        type: 'line',
        smooth: true,
        symbolSize: 10,
        lineStyle: { width: 4, color: '#3ccf7e' },
        itemStyle: { color: '#3ccf7e' },
        areaStyle: { color: 'rgba(60, 207, 126, 0.15)' },
        data: series.map((p) => scaled(p.rate)),
      },
      {
        name: '时序进度',
        type: 'line',
        symbolSize: 8,
        lineStyle: { width: 3, type: 'dashed', color: '#4fc3ff' },
        itemStyle: { color: '#4fc3ff' },
        data: series.map((p) => scaled(p.timeProgress)),
      },
    ],
  };
}
