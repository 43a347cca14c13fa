import { maxSeriesPoints, periodEnd, seriesDates } from './metrics-series.service';
import { SeriesInterval } from './metrics-series.type';

describe('series dates', () => {
  it('ends months, 旬 and ISO weeks', () => {
    expect(periodEnd('2020-02-10', SeriesInterval.MONTH)).toBe('2020-02-29');
    expect(['2021-02-01', '2021-02-10', '2021-02-11', '2021-02-21'].map((d) => periodEnd(d, SeriesInterval.TEN_DAYS))).toEqual(['2021-02-10', '2021-02-10', '2021-02-20', '2021-02-28']);
    // 2021-03-01 is a Monday, 2021-03-07 a Sunday.
    expect(['2021-03-01', '2021-03-07', '2021-03-08'].map((d) => periodEnd(d, SeriesInterval.WEEK))).toEqual(['2021-03-07', '2021-03-07', '2021-03-14']);
  });

  it('gives every period end from `from` to `to`, the last cut at `to`, and the end of the period before', () => {
    expect(seriesDates('2020-11-15', '2021-02-10', SeriesInterval.MONTH)).toEqual({ previous: '2020-10-31', points: ['2020-11-30', '2020-12-31', '2021-01-31', '2021-02-10'] });
    expect(seriesDates('2021-03-05', '2021-03-31', SeriesInterval.TEN_DAYS)).toEqual({ previous: '2021-02-28', points: ['2021-03-10', '2021-03-20', '2021-03-31'] });
    expect(seriesDates('2021-03-03', '2021-03-03', SeriesInterval.WEEK)).toEqual({ previous: '2021-02-28', points: ['2021-03-03'] });
  });

  it(`refuses more than ${maxSeriesPoints} points`, () => {
    expect(seriesDates('2011-01-01', '2020-12-31', SeriesInterval.MONTH).points).toHaveLength(120);
    expect(() => seriesDates('2010-12-01', '2020-12-31', SeriesInterval.MONTH)).toThrow(/at most 120 points/);
  });
});
