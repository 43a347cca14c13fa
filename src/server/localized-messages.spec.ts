import { decodeId } from '../common/global-id';
import { translateMessage } from '../common/messages';
import { pageRequest } from '../common/paging';
import { parseReportingPeriod } from '../domain/reporting/reporting-period';
import { seriesDates } from '../domain/series/metrics-series.service';
import { SeriesInterval } from '../domain/series/metrics-series.type';

/** The message `action` throws. */
function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('it did not throw');
}

describe('Chinese messages of the input checks (src/common/messages.ts)', () => {
  it('translates the input checks of reporting periods, series, paging and IDs as the code words them', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [() => parseReportingPeriod('2020-8'), /^period 须为日（2024-05-15）.*，实际为 "2020-8"。$/],
      [() => parseReportingPeriod('2020-02-30'), /^period 须为日.*；"2020-02-30" 不是日历上的日期。$/],
      [() => seriesDates('2000-01-01', '2020-12-31', SeriesInterval.WEEK), /^一个序列最多 120 个点；2000-01-01 至 2020-12-31 按 WEEK 超出此数。/],
      [() => pageRequest({ first: 1, last: 1 }, 500), /^first（往后翻页）与 last（往前翻页）只能给出一个。$/],
      [() => pageRequest({ after: 'a', before: 'b' }, 500), /^after（往后翻页）与 before（往前翻页）只能给出一个。$/],
      [() => pageRequest({ first: 1, before: 'b' }, 500), /^before 用于往前翻页：请与 last 一起使用，而不是 first。$/],
      [() => pageRequest({ last: 1, after: 'a' }, 500), /^last 用于往前翻页：请与 before 一起使用，而不是 after。$/],
      [() => pageRequest({ last: 501 }, 500), /^last 须在 0 到 500 之间。$/],
      [() => decodeId('abc', ['TaskForce', 'Subgroup'], 'scope'), /^scope 须为专班或小组的 ID，实际为 "abc"。$/],
    ];
    for (const [action, chinese] of cases) {
      const english = messageOf(action);
      expect([english, translateMessage(english, 'zh')]).toEqual([english, expect.stringMatching(chinese)]);
    }
  });
});
