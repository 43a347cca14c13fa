import * as fs from 'node:fs';
import * as path from 'node:path';
import { headerUnit, matchHeader, normalizeHeader } from './header-matching';
import { ledgerColumns } from './ledger-columns';

const field = (header: string) => matchHeader(header)?.column.field ?? null;

describe('header matching', () => {
  it('matches names and aliases in Simplified and Traditional, ignoring spaces and bracketed units', () => {
    expect(field('项目代码')).toBe('code');
    expect(field('項目代碼')).toBe('code');
    expect(field(' 项 目 名 称 ')).toBe('name');
    expect(field('總投資（億元）')).toBe('totalInvestment');
    expect(field('总投资\n(万元)')).toBe('totalInvestment');
    expect(field('*责任单位')).toBe('unit');
    expect(field('计划开工时间【必填】')).toBe('plannedStart');
    expect(field('总投资/亿元')).toBe('totalInvestment');
  });

  it('reads 1-N月 and year-prefixed headers', () => {
    expect(field('1-9月完成投资')).toBe('ytdCompletedInvestment');
    expect(field('1—6月累计完成投资（万元）')).toBe('ytdCompletedInvestment');
    expect(field('1至12月完成投资')).toBe('ytdCompletedInvestment');
    expect(field('2021年计划投资')).toBe('annualPlanInvestment');
    expect(field('2021年度计划投资')).toBe('annualPlanInvestment');
  });

  it('tells 領域 (subgroup, Traditional) from 领域 (sector)', () => {
    expect(field('領域')).toBe('subgroup');
    expect(field('领域')).toBe('sector');
  });

  it('leaves unknown headers to custom fields', () => {
    expect(matchHeader('资金来源')).toBeNull();
    expect(matchHeader('')).toBeNull();
  });

  it('reads the unit a header states', () => {
    expect(headerUnit('总投资（亿元）')).toBe('yi');
    expect(headerUnit('總投資(億元)')).toBe('yi');
    expect(headerUnit('总投资（万元）')).toBe('wan');
    expect(headerUnit('总投资')).toBeNull();
    expect(normalizeHeader('總投資（億元）')).toBe('总投资');
  });

  it('has the columns of docs/ledger-columns.csv (a copy of ../shared/ledger-columns.csv, checked when that is beside the clone)', () => {
    const csv = path.resolve(__dirname, '../../docs/ledger-columns.csv');
    const shared = path.resolve(__dirname, '../../../shared/ledger-columns.csv');
    if (fs.existsSync(shared)) expect(fs.readFileSync(csv, 'utf8')).toBe(fs.readFileSync(shared, 'utf8'));
    const rows = fs.readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    expect(ledgerColumns.map((c) => [c.header, c.aliases.join('|'), c.field, c.required ? 'yes' : 'no'])).toEqual(rows.map((r) => [r[0], r[1], r[2], r[r.length - 1]]));
    for (const column of ledgerColumns) for (const alias of [column.header, ...column.aliases]) expect(field(alias)).toBe(column.field);
  });
});
