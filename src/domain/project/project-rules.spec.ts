import {
  checkAmount,
  checkNature,
  createProblem,
  customFieldName,
  customNameProblem,
  customSetProblem,
  customValueProblem,
  dateOrderProblem,
  forbiddenChanges,
  namedSubgroupIsExplicit,
  roundAmountNumeral,
  rowProblem,
  writerProblem,
} from './project-rules';

const admin = { role: 'ADMIN', unitId: null };
const reporter = { role: 'REPORTER', unitId: 7 };
const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => (r.ok ? r.value : `refused: ${r.message}`);

describe('amounts', () => {
  it('round half up to two decimals as written, not as the nearest double', () => {
    // As doubles, 1.005 × 100 = 100.4999…, 2.675 × 100 = 267.4999…, 1.015 × 100 = 101.4999…: Math.round gives 1, 2.67, 1.01.
    expect(value(checkAmount(1.005))).toBe(1.01);
    expect(value(checkAmount(2.675))).toBe(2.68);
    expect(value(checkAmount(1.015))).toBe(1.02);
    expect(value(checkAmount(0.004))).toBe(0);
    expect(value(checkAmount(0.005))).toBe(0.01);
    expect(value(checkAmount(1234.5))).toBe(1234.5);
    expect(value(checkAmount(0))).toBe(0);
    expect(value(checkAmount(1e-7))).toBe(0); // String(1e-7) is "1e-7": written out as 0.000000100000
  });

  it('moves the point in decimal (亿元 → 万元)', () => {
    expect(roundAmountNumeral('0.0001', 4)).toBe(1);
    expect(roundAmountNumeral('2124.81', 4)).toBe(21_248_100);
    expect(roundAmountNumeral('1.23456789', 4)).toBe(12_345.68); // 12,345.6789 万元, half up
    expect(roundAmountNumeral('.5', 0)).toBe(0.5);
    expect(roundAmountNumeral('1,000', 0)).toBeNaN();
  });

  it('refuses negative, infinite and too large amounts', () => {
    expect(value(checkAmount(-0.01))).toMatch(/refused: amounts cannot be negative/);
    expect(value(checkAmount(Number.POSITIVE_INFINITY))).toMatch(/refused/);
    expect(value(checkAmount(1e14))).toMatch(/refused: .*too large/);
    expect(value(checkAmount(99_999_999_999_999))).toBe(99_999_999_999_999);
  });
});

describe('建设性质', () => {
  it('takes the five words in Simplified or Traditional, stored in Simplified', () => {
    expect(value(checkNature('扩建'))).toBe('扩建');
    expect(value(checkNature('擴建'))).toBe('扩建');
    expect(value(checkNature('遷建'))).toBe('迁建');
    expect(value(checkNature('新造'))).toMatch(/refused: .*新建, 扩建, 改建, 续建, 迁建/);
  });
});

describe('dates', () => {
  it('refuse an end before its start, and only that', () => {
    expect(dateOrderProblem('2021-05-01', '2021-04-30', 'start', 'end')).toMatch(/end \(2021-04-30\) must not be before start \(2021-05-01\)/);
    expect(dateOrderProblem('2021-05-01', '2021-05-01', 'start', 'end')).toBeNull();
    expect(dateOrderProblem(null, '2021-04-30', 'start', 'end')).toBeNull();
  });
});

describe('custom fields', () => {
  it('limit names, values, columns and bytes', () => {
    expect(customFieldName('  资金\t 来源 ')).toBe('资金 来源');
    expect(customNameProblem('')).toMatch(/1–100/);
    expect(customNameProblem('a'.repeat(100))).toBeNull();
    expect(customNameProblem('a'.repeat(101))).toMatch(/1–100/);
    expect(customValueProblem('字'.repeat(1000))).toBeNull();
    expect(customValueProblem('字'.repeat(1001))).toMatch(/1001 characters long; at most 1,000/);
    const columns = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, 'x']));
    expect(customSetProblem(columns(50))).toBeNull();
    expect(customSetProblem(columns(51))).toMatch(/at most 50 columns, got 51/);
    // {"a":"字…"}: 2 braces + 3 for "a" + 1 colon + 2 quotes = 8 bytes around the value; 5,330 × 3 = 15,990 → 15,998.
    expect(customSetProblem({ a: '字'.repeat(5330) + 'xx' })).toBeNull(); // 16,000 bytes
    expect(customSetProblem({ a: '字'.repeat(5330) + 'xxx' })).toMatch(/at most 16,000 bytes .* got 16,001/);
  });
});

describe('who writes what', () => {
  it('lets ADMIN and REPORTER (with a unit) write projects, no one else', () => {
    expect(writerProblem(admin)).toBeNull();
    expect(writerProblem(reporter)).toBeNull();
    expect(writerProblem({ role: 'REPORTER', unitId: null })).toMatch(/no unit/);
    expect(writerProblem({ role: 'LEADER', unitId: null })).toMatch(/ADMIN or REPORTER; you are LEADER/);
    expect(writerProblem({ role: 'VIEWER', unitId: 7 })).toMatch(/you are VIEWER/);
  });

  it('keeps a reporter to its own unit, and to task forces its unit takes part in', () => {
    expect(rowProblem(reporter, 7)).toBeNull();
    expect(rowProblem(reporter, 8)).toMatch(/own unit/);
    expect(rowProblem(admin, 8)).toBeNull();
    expect(createProblem(reporter, false)).toMatch(/takes no part/);
    expect(createProblem(reporter, true)).toBeNull();
    expect(createProblem(admin, false)).toBeNull();
  });

  it('leaves plan figures, moves and explicit subgroups to the ADMIN', () => {
    const changed = ['name', 'totalInvestment', 'annualPlanInvestment', 'ytdCompletedInvestment', 'unitId', 'subgroupId', 'subgroupExplicit'];
    expect(forbiddenChanges(reporter, changed)).toEqual(['totalInvestment', 'annualPlanInvestment', 'unitId', 'subgroupId']);
    expect(forbiddenChanges(admin, changed)).toEqual([]);
    // A reporter naming the subgroup its unit falls under anyway gets it derived; the ADMIN's choice is explicit.
    expect(namedSubgroupIsExplicit(reporter, 3, 3)).toBe(false);
    expect(namedSubgroupIsExplicit(reporter, 4, 3)).toBe(true);
    expect(namedSubgroupIsExplicit(admin, 3, 3)).toBe(true);
    expect(namedSubgroupIsExplicit(reporter, null, 3)).toBe(false);
  });
});
