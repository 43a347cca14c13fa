import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { today } from '../metrics/dates';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { RankingService } from '../domain/ranking/ranking.service';
import { RankingEntry, RankingIndicator, RankingLevel } from '../domain/ranking/ranking.type';
import { MetricsValue, weightedScore } from '../metrics/indicators';
import { RequestContext } from '../common/request-context';
import { printFontName, printOptions, thinBorder, wrappedRowHeight } from './print-setup';
import { ReportingCadence } from '../domain/campaign/task-force.entity';
import { BadInputError } from '../errors/app-error';
import { periodContaining } from '../domain/reporting/reporting-period';
import { ReportingStatusService } from '../domain/reporting/reporting-status.service';
import { UnitReportingStatus } from '../domain/reporting/reporting-status.type';

/** Chinese names of the ranking indicators, as 通报 write them. */
export const indicatorLabel: Record<RankingIndicator, string> = {
  INVESTMENT_COMPLETION_RATE: '投资完成率',
  START_RATE: '开工率',
  COMPLETION_RATE: '竣工率',
  FUNDS_IN_PLACE_RATE: '资金到位率',
  WEIGHTED_SCORE: '综合得分',
};

export const lightLabel: Record<string, string> = { GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯', NO_DATA: '无数据' };
export const lightColour: Record<string, string> = { GREEN: 'FF00B050', YELLOW: 'FFFFC000', RED: 'FFFF0000', NO_DATA: 'FFBFBFBF' };

/** Columns of a ranking sheet: header, number format, and the value of an entry. */
interface RankingColumn {
  header: string;
  format?: string;
  width: number;
  value: (entry: RankingEntry, score: number | null) => string | number | null;
}

const percent = '0.0%';
const amount = '#,##0.00';

function columns(levelName: string): RankingColumn[] {
  return [
    { header: '排名', width: 6, value: (e) => e.rank },
    { header: levelName, width: 28, value: (e) => e.node.name },
    { header: '项目数', width: 8, value: (e) => e.metrics.projectCount },
    { header: '总投资（万元）', format: amount, width: 14, value: (e) => e.metrics.totalInvestment },
    { header: '年度计划投资（万元）', format: amount, width: 14, value: (e) => e.metrics.annualPlanInvestment },
    { header: '年初至今完成投资（万元）', format: amount, width: 14, value: (e) => e.metrics.ytdCompletedInvestment },
    { header: '投资完成率', format: percent, width: 10, value: (e) => e.metrics.investmentCompletionRate },
    { header: '时序进度', format: percent, width: 10, value: (e) => e.metrics.timeProgress },
    { header: '进度差（百分点）', format: '0.0', width: 10, value: (e) => e.metrics.progressGap },
    { header: '开工率', format: percent, width: 10, value: (e) => e.metrics.startRate },
    { header: '竣工率', format: percent, width: 10, value: (e) => e.metrics.completionRate },
    { header: '资金到位率', format: percent, width: 10, value: (e) => e.metrics.fundsInPlaceRate },
    { header: '综合得分', format: '0.000', width: 10, value: (_e, score) => score },
    { header: '红黄绿灯', width: 8, value: (e) => lightLabel[e.metrics.light] ?? e.metrics.light },
  ];
}

/**
 * The ranking report (排队通报) of a task force: one sheet ranking the units, one ranking the subgroups, each with
 * rank, name, the indicators, 进度差 and the traffic light as a coloured cell. The figures come from the same
 * ranking query the GraphQL API serves.
 */
export async function writeRankingXlsx(
  ctx: RequestContext,
  taskForce: TaskForce,
  asOf: string,
  by: RankingIndicator,
  out: Writable,
  reportingPeriod: string | null = null,
  /** The day the 报送情况 is read at: the asOf the caller gave, when it is a past day; else today. */
  reportingReadAt: string | null = null,
): Promise<void> {
  const weights = taskForce.rankingWeights;
  const basis =
    by === RankingIndicator.WEIGHTED_SCORE
      ? `综合得分 = 开工率×${weights.startRate} + 投资完成率×${weights.investmentCompletionRate} + 竣工率×${weights.completionRate}${weights.fundsInPlaceRate ? ` + 资金到位率×${weights.fundsInPlaceRate}` : ''}（无基数的指标计 0）`
      : indicatorLabel[by];
  const scoreOf = (entry: RankingEntry) => weightedScore(entry.metrics as unknown as MetricsValue, weights);

  // Both rankings are computed before the first byte is written, so a failure still gets a JSON error.
  const levels = [
    [RankingLevel.UNIT, '按责任单位', '责任单位'],
    [RankingLevel.SUBGROUP, '按小组', '所属小组'],
  ] as const;
  const rankings: RankingEntry[][] = [];
  for (const [level] of levels) rankings.push(await RankingService.rank(ctx, taskForce, level, by, asOf));
  const reporting = await reportingSheetData(ctx, taskForce, asOf, reportingPeriod, reportingReadAt);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'project-ledger-service';
  for (const [index, [, sheetName, levelName]] of levels.entries()) {
    const entries = rankings[index];
    const cols = columns(levelName);
    // Printed on A4 landscape, one page wide, the title, note and header on every page (print-setup.ts).
    const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }], ...printOptions('A4', '1:3') });
    sheet.columns = cols.map((c, i) => ({ key: `c${i}`, width: c.width }));
    const totalWidth = cols.reduce((sum, c) => sum + c.width, 0);
    const font = { name: printFontName, size: 11 };
    // Text cells are written as text: xlsx keeps them as strings, so no formula guard is needed (CSV has one).
    const title = sheet.addRow([`${taskForce.name} 项目推进情况通报`]);
    title.font = { name: printFontName, bold: true, size: 16 };
    title.alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 28;
    sheet.mergeCells(1, 1, 1, cols.length);
    title.commit();
    const noteText = `截至 ${asOf}　排序依据：${basis}；进度差 = 投资完成率 − 时序进度；绿灯 ≥ ${taskForce.greenMinGap}，黄灯 ≥ ${taskForce.yellowMinGap}，其下红灯（百分点）`;
    const note = sheet.addRow([noteText]);
    note.font = font;
    note.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    note.height = wrappedRowHeight([{ text: noteText, width: totalWidth }]);
    sheet.mergeCells(2, 1, 2, cols.length);
    note.commit();
    const header = sheet.addRow(cols.map((c) => c.header));
    header.height = wrappedRowHeight(cols.map((c) => ({ text: c.header, width: c.width })));
    header.eachCell((cell) => {
      cell.font = { ...font, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = thinBorder;
    });
    header.commit();
    sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: cols.length } };
    for (const entry of entries) {
      const score = scoreOf(entry);
      const row = sheet.addRow(cols.map((c) => c.value(entry, score)));
      cols.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        cell.font = font;
        cell.border = thinBorder;
        if (c.format) cell.numFmt = c.format;
      });
      const light = row.getCell(cols.length);
      light.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: lightColour[entry.metrics.light] ?? 'FFFFFFFF' } };
      light.font = { ...font, bold: true, color: { argb: entry.metrics.light === 'YELLOW' ? 'FF000000' : 'FFFFFFFF' } };
      light.alignment = { horizontal: 'center' };
      row.commit();
    }
    sheet.commit();
  }
  if (reporting) writeReportingSheet(workbook, taskForce, reporting);
  await workbook.commit();
}

interface ReportingSheetData {
  /** The day the record is read at (the 通报's asOf). */
  readAt: string;
  statuses: UnitReportingStatus[];
  unitNames: Map<number, string>;
  unreported: Map<number, string[]>;
}

/**
 * 报送情况 of the 通报: the given period, else the period of the task force's first cadence (monthly without one)
 * that holds asOf; none when that default lies outside the campaign. A given period that is malformed or outside is
 * BAD_USER_INPUT naming period.
 */
async function reportingSheetData(ctx: RequestContext, taskForce: TaskForce, asOf: string, given: string | null, readAt: string | null): Promise<ReportingSheetData | null> {
  const period = given ?? periodContaining(asOf, taskForce.reportingCadences[0]?.kind ?? ReportingCadence.MONTH);
  let statuses: UnitReportingStatus[];
  try {
    // As the record stood on the day asked for: a 通报 dated in the past shows who had reported by then (a finished
    // campaign's default date, its last day, reads today's record: reports filed after the end still count).
    statuses = await ReportingStatusService.forPeriod(ctx.manager, taskForce, period, 'period', readAt);
  } catch (error) {
    if (given === null && error instanceof BadInputError) return null;
    throw error;
  }
  const units = await ctx.loaders.unit.loadMany(statuses.map((s) => s.unitId));
  const unitNames = new Map(statuses.map((s, i) => [s.unitId, (units[i] as { name?: string } | null)?.name ?? '']));
  const projects = statuses.length ? await statuses[0].unreported() : new Map();
  const unreported = new Map([...projects].map(([unitId, list]) => [unitId as number, (list as Array<{ name: string }>).map((p) => p.name)]));
  return { readAt: readAt ?? today(), statuses, unitNames, unreported };
}

function writeReportingSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, taskForce: TaskForce, data: ReportingSheetData): void {
  const cols = [
    { header: '序号', width: 6 },
    { header: '责任单位', width: 24 },
    { header: '应报项目数', width: 10 },
    { header: '按时报送', width: 10 },
    { header: '逾期报送', width: 10 },
    { header: '未报送', width: 10 },
    { header: '待报送', width: 10 },
    { header: '按时报送率', width: 10, format: percent },
    { header: '未报送项目', width: 60 },
  ];
  const sheet = workbook.addWorksheet('报送情况', { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }], ...printOptions('A4', '1:3') });
  sheet.columns = cols.map((c, i) => ({ key: `c${i}`, width: c.width }));
  const font = { name: printFontName, size: 11 };
  const first = data.statuses[0];
  const title = sheet.addRow([`${taskForce.name} 报送情况`]);
  title.font = { name: printFontName, bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.mergeCells(1, 1, 1, cols.length);
  title.commit();
  const noteText = first
    ? `报送期 ${first.period}（${first.periodStart} 至 ${first.periodEnd}）${first.cadence ? `，${first.cadence.name}` : '（本专班无此周期的报送要求，以期末为截止日）'}，截止 ${first.dueDate}；按时 = 截止日（含）前报送；统计至 ${data.readAt}`
    : '本期无应报项目';
  const note = sheet.addRow([noteText]);
  note.font = font;
  note.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  note.height = wrappedRowHeight([{ text: noteText, width: cols.reduce((sum, c) => sum + c.width, 0) }]);
  sheet.mergeCells(2, 1, 2, cols.length);
  note.commit();
  const header = sheet.addRow(cols.map((c) => c.header));
  header.height = wrappedRowHeight(cols.map((c) => ({ text: c.header, width: c.width })));
  header.eachCell((cell) => {
    cell.font = { ...font, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = thinBorder;
  });
  header.commit();
  data.statuses.forEach((status, i) => {
    // A cell holds at most 32,767 characters.
    const names = (data.unreported.get(status.unitId) ?? []).join('、').slice(0, 32_000);
    const row = sheet.addRow([i + 1, data.unitNames.get(status.unitId) ?? '', status.dueCount, status.onTimeCount, status.lateCount, status.missingCount, status.pendingCount, status.onTimeRate, names]);
    cols.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.font = font;
      cell.border = thinBorder;
      cell.alignment = { vertical: 'top', wrapText: j === cols.length - 1 };
      if (c.format) cell.numFmt = c.format;
    });
    row.commit();
  });
  sheet.commit();
}
