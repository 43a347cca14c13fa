import { barsOption, gaugeOption, trendOption } from './charts';

describe('every chart describes itself for screen readers (ECharts aria)', () => {
  test('the gauge names both figures and the gap', () => {
    const option = gaugeOption(0.853, 0.75, 10.3, 'GREEN');
    expect(option.aria.enabled).toBe(true);
    expect(option.aria.label.description).toBe('投资完成率与时序进度：投资完成率 85.3%，时序进度 75.0%，进度差 +10.3 个百分点。');
    expect(option.series[0].data[0].value).toBe(85.3);
    expect(option.series[1].data[0].value).toBe(75);
  });

  test('the bars name every subgroup whole, even where the axis cuts a long name', () => {
    const items = [
      { name: '冷链物流和应急储备设施补短板工程', rate: 0.5, light: 'RED' },
      { name: '交通补短板工程', rate: null, light: 'NO_DATA' },
    ];
    const option = barsOption(items, 0.75, '各推进组');
    expect(option.aria.label.description).toBe('各推进组投资完成率（时序进度 75.0%）：冷链物流和应急储备设施补短板工程 50.0%；交通补短板工程 —。');
    // The first item at the top: ECharts draws categories from the bottom.
    // 12 characters and an ellipsis.
    expect(option.yAxis.data).toEqual(['交通补短板工程', '冷链物流和应急储备设施补…']);
    expect(option.series[0].data.map((d) => d.value)).toEqual([0, 50]);
  });

  test('the trend names each month with both ratios, and says when it has none', () => {
    const option = trendOption([
      { month: '2022-01', rate: 0.05, timeProgress: 1 / 12 },
      { month: '2022-02', rate: null, timeProgress: 2 / 12 },
    ]);
    expect(option.aria.label.description).toBe('月度趋势（投资完成率 / 时序进度）：2022-01 5.0% / 8.3%；2022-02 — / 16.7%。');
    expect(option.xAxis.data).toEqual(['1月', '2月']);
    expect(trendOption([]).aria.label.description).toBe('月度趋势（投资完成率 / 时序进度）：暂无数据。');
  });
});
