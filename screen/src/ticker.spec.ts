import { fieldPhrase, tickerLine, TickerEvent, tickerTime } from './ticker';

const event = (entity: string, action: string, fields: TickerEvent['fields']): TickerEvent => ({
  cursor: '41',
  entity,
  action,
  entityId: 'UHJvamVjdDox',
  at: '2026-12-06T09:05:00.000Z',
  fields,
});

describe('ticker lines read in Chinese with the project and the figure', () => {
  test('a project update: unit · project：ledger label before → after 万元', () => {
    const line = tickerLine(event('Project', 'UPDATE', [{ field: 'ytdCompletedInvestment', before: '1200', after: '1500' }]), {
      unitName: '市卫健委',
      projectName: '公共卫生补短板项目1',
    });
    expect(line).toBe('市卫健委 · 公共卫生补短板项目1：年初至今完成投资 1,200 → 1,500 万元');
  });

  test('amounts stored as decimal text, several fields, bookkeeping left out', () => {
    const line = tickerLine(
      event('Project', 'UPDATE', [
        { field: 'totalInvestment', before: '"52000.50"', after: '"62000.50"' },
        { field: 'stage', before: '"PREPARING"', after: '"UNDER_CONSTRUCTION"' },
        { field: 'version', before: '3', after: '4' },
        { field: 'visualProgress', before: null, after: '"主体结构封顶"' },
      ]),
      { unitName: '市住建局', projectName: '老旧小区改造' },
    );
    expect(line).toBe('市住建局 · 老旧小区改造：总投资 52,000.5 → 62,000.5 万元；建设阶段 前期 → 在建；形象进度 主体结构封顶');
  });

  test('more than three fields are summed up; a field the ledger does not know is left out', () => {
    const fields = ['totalInvestment', 'annualPlanInvestment', 'plannedFunds', 'fundsInPlace', 'somethingInternal'].map((field) => ({ field, before: '1', after: '2' }));
    expect(tickerLine(event('Project', 'UPDATE', fields), { unitName: '市发改委', projectName: '项目A' })).toBe(
      '市发改委 · 项目A：总投资 1 → 2 万元；年度计划投资 1 → 2 万元；计划到位资金 1 → 2 万元 等4项',
    );
  });

  test('problems, new projects, reports and unknown subjects', () => {
    expect(tickerLine(event('Problem', 'TRANSITION', [{ field: 'state', before: '"ASSIGNED"', after: '"CLOSED"' }]), { unitName: '市水利局', title: '征地拆迁滞后' })).toBe(
      '市水利局 · 问题「征地拆迁滞后」：状态 已交办 → 已销号',
    );
    expect(tickerLine(event('Project', 'CREATE', [{ field: 'totalInvestment', before: null, after: '30000' }]), { unitName: '市交通运输局', projectName: '新港大道' })).toBe(
      '市交通运输局 · 新港大道：新建项目，总投资 30,000 万元',
    );
    expect(tickerLine(event('ProgressReport', 'CREATE', []), { unitName: '市卫健委', projectName: '传染病医院', period: '2022-09' })).toBe('市卫健委 · 传染病医院：报送 2022-09 进度');
    expect(tickerLine(event('Project', 'ARCHIVE', []), {})).toBe('项目：项目归档');
    // Accounts and tokens are not news for a wall.
    expect(tickerLine(event('User', 'CREATE', []), {})).toBeNull();
    expect(tickerLine(event('ScreenToken', 'REVOKE', []), {})).toBeNull();
  });

  test('a moved project says its unit changed; a value cleared reads 空', () => {
    expect(fieldPhrase({ field: 'unitId', before: '3', after: '4' })).toBe('责任单位调整');
    expect(fieldPhrase({ field: 'fundsInPlace', before: '800', after: null })).toBe('累计到位资金 800 → 空 万元');
    expect(fieldPhrase({ field: 'subgroupExplicit', before: 'false', after: 'true' })).toBeNull();
  });

  test('the time of the event in the browser zone', () => {
    const at = new Date(2026, 11, 6, 14, 3).toISOString();
    expect(tickerTime(at)).toBe('14:03');
    expect(tickerTime('not a date')).toBe('');
  });
});
