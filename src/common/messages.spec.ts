import { parseReportingPeriod } from '../domain/reporting/reporting-period';
import { seriesDates } from '../domain/series/metrics-series.service';
import { SeriesInterval } from '../domain/series/metrics-series.type';
import { decodeId } from './global-id';
import { localeOf, translateMessage, translateMessages } from './messages';
import { pageRequest } from './paging';

/** The message `action` throws. */
function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('it did not throw');
}

describe('message catalogue', () => {
  it('picks Chinese only when the highest-weighted language is zh', () => {
    expect(localeOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(localeOf('zh')).toBe('zh');
    expect(localeOf('zh-Hant-TW')).toBe('zh');
    expect(localeOf('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(localeOf('en;q=0.5,zh;q=0.8')).toBe('zh');
    expect(localeOf('*')).toBe('en');
    expect(localeOf('zh;q=0,en')).toBe('en');
    expect(localeOf(undefined)).toBe('en');
    expect(localeOf('')).toBe('en');
  });

  it('translates whole messages and a column problem after its header, and leaves unknown ones English', () => {
    expect(translateMessage('Wrong username or password.', 'zh')).toBe('用户名或密码错误。');
    expect(translateMessage('Wrong username or password.', 'en')).toBe('Wrong username or password.');
    expect(translateMessage('Project UHJvamVjdDox does not exist.', 'zh')).toBe('项目 UHJvamVjdDox 不存在。');
    expect(translateMessage('计划开工时间: expected a date, found "明年".', 'zh')).toBe('计划开工时间：应为日期，实际为 "明年"。');
    expect(translateMessage('Something nobody catalogued.', 'zh')).toBe('Something nobody catalogued.');
    expect(translateMessage('Only the leading-group office (ADMIN) sets 所属小组 (交通 → 卫生).', 'zh')).toBe('只有领导小组办公室（ADMIN）可以设置所属小组（交通 → 卫生）。');
    expect(translateMessage('Custom columns: custom fields may hold at most 50 columns, got 51.', 'zh')).toBe('自定义列：自定义列最多 50 列，实际 51 列。');
  });

  it('translates the messages of an answer, not its codes or fields', () => {
    const body = { error: { code: 'BAD_USER_INPUT', message: 'The file is empty.' }, errors: [{ code: 'NOT_FOUND', field: 'unit', message: 'Wrong username or password.' }] };
    expect(translateMessages(body, 'zh')).toEqual({ error: { code: 'BAD_USER_INPUT', message: '文件是空的。' }, errors: [{ code: 'NOT_FOUND', field: 'unit', message: '用户名或密码错误。' }] });
  });

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
