import { localeOf, translateMessage, translateMessages } from './messages';

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
});
