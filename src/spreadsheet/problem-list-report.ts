import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Problem, ProblemState } from '../domain/problem/problem.entity';
import { dayNumber, today } from '../metrics/dates';

/** Chinese names of the problem states, as a 问题清单 writes them. */
export const problemStateLabel: Record<ProblemState, string> = {
  REPORTED: '已上报',
  ASSIGNED: '已交办',
  IN_PROGRESS: '办理中',
  RESOLUTION_REQUESTED: '申请销号',
  CLOSED: '已销号',
};

/** A timestamp as the calendar day of the service's users (UTC+8), as today() counts days. */
const localDay = (at: Date | null): string | null => (at ? today(new Date(at)) : null);

/** One line of the 问题清单 in the office's layout (序号 … 销号情况), for a problem with its project and units joined. */
export function problemListRow(problem: Problem, index: number, on: string): Array<string | number | null> {
  const overdueDays = problem.state !== ProblemState.CLOSED && problem.deadline !== null && problem.deadline < on ? dayNumber(on) - dayNumber(problem.deadline) : 0;
  const state = problemStateLabel[problem.state] + (overdueDays ? `（超期${overdueDays}天）` : '');
  const closing = problem.state === ProblemState.CLOSED ? `已销号 ${localDay(problem.closedAt) ?? ''}${problem.closingNote ? `：${problem.closingNote}` : ''}`.trim() : '未销号';
  return [
    index + 1,
    problem.title,
    problem.project?.name ?? '',
    problem.responsibleUnit?.name ?? '',
    localDay(problem.assignedAt) ?? '',
    problem.deadline ?? '',
    state,
    closing,
  ];
}

const columns = [
  { header: '序号', width: 6 },
  { header: '问题', width: 40 },
  { header: '项目', width: 36 },
  { header: '责任单位', width: 18 },
  { header: '交办时间', width: 12 },
  { header: '办理时限', width: 12 },
  { header: '状态', width: 16 },
  { header: '销号情况', width: 36 },
];

const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * The 问题清单 of a node as xlsx: a title, the date it stands for, then one row per problem in the office's layout.
 * Text is written as text (never a formula), so no cell needs the CSV guard.
 */
export async function writeProblemListXlsx(title: string, problems: Problem[], out: Writable, on: string = today()): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'project-ledger-service';
  const sheet = workbook.addWorksheet('问题清单', {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' },
  });
  sheet.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
  const heading = sheet.addRow([title]);
  heading.font = { bold: true, size: 16 };
  heading.alignment = { horizontal: 'center' };
  sheet.mergeCells(1, 1, 1, columns.length);
  heading.commit();
  const open = problems.filter((p) => p.state !== ProblemState.CLOSED).length;
  const note = sheet.addRow([`截至 ${on}　共 ${problems.length} 个问题，已销号 ${problems.length - open} 个，未销号 ${open} 个`]);
  sheet.mergeCells(2, 1, 2, columns.length);
  note.commit();
  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = border;
  });
  header.commit();
  problems.forEach((problem, i) => {
    const row = sheet.addRow(problemListRow(problem, i, on));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = border;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    row.commit();
  });
  sheet.commit();
  await workbook.commit();
}
