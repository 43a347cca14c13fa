import { EntityManager } from 'typeorm';
import { readQuery } from '../../db/sqlite-readers';
import { BadInputError } from '../../errors/app-error';
import { dayNumber, formatDate, today } from '../../metrics/dates';
import { TaskForce } from '../campaign/task-force.entity';
import { Project } from '../project/project.entity';
import { dueDate, parseReportingPeriod } from './reporting-period';
import { UnitReportingStatus } from './reporting-status.type';

const nextDay = (date: string) => formatDate(new Date((dayNumber(date) + 1) * 86_400_000));

/** The projects a period asks reports of: live, of the task force, not finished before the period began. */
const dueProjects = 'p.task_force_id = :tf AND p.archived_at IS NULL AND (p.actual_end IS NULL OR p.actual_end >= :start)';
/** A report counts for the period when the date its figures stand for lies within it. */
const reportInPeriod = 'r.project_id = p.id AND r.as_of_date BETWEEN :start AND :end';

/**
 * 报送情况 (who has reported for a period, who has not) of a task force, counted by the database: one grouped
 * statement for the counts by unit, and one more for the unreported projects' names when they are asked for.
 */
export const ReportingStatusService = {
  /**
   * `asOf`: the day the record is read at (UTC+8, inclusive; default today): reports submitted after it do not count
   * yet, and a project without one is missing only when the due date is before it (pending otherwise).
   */
  async forPeriod(manager: EntityManager, taskForce: TaskForce, rawPeriod: string, field = 'period', asOf: string | null = null): Promise<UnitReportingStatus[]> {
    const period = parseReportingPeriod(rawPeriod, field);
    if ((taskForce.periodStart && period.end < taskForce.periodStart) || (taskForce.periodEnd && period.start > taskForce.periodEnd)) {
      throw new BadInputError(
        `${field} ${period.key} (${period.start}…${period.end}) lies outside the task force's period ${taskForce.periodStart ?? '…'}…${taskForce.periodEnd ?? '…'}.`,
        field,
      );
    }
    const cadence = taskForce.reportingCadences.find((rule) => rule.kind === period.kind) ?? null;
    const due = dueDate(period, cadence);
    // On time: a report of the period submitted before the day after the due date begins in UTC+8 (the users' calendar).
    const onTimeBefore = new Date(`${nextDay(due)}T00:00:00+08:00`);
    const readAt = asOf ?? today();
    const cutoff = asOf ? new Date(`${nextDay(asOf)}T00:00:00+08:00`) : null;
    const filed = cutoff ? ' AND r.submitted_at < :cutoff' : '';
    const driver = manager.connection.driver;
    const [sql, parameters] = driver.escapeQueryWithParameters(
      [
        'SELECT p.unit_id AS unit, COUNT(*) AS due,',
        '  COALESCE(SUM(CASE WHEN f.first_at < :onTimeBefore THEN 1 ELSE 0 END), 0) AS on_time,',
        '  COALESCE(SUM(CASE WHEN f.first_at >= :onTimeBefore THEN 1 ELSE 0 END), 0) AS late,',
        '  COALESCE(SUM(CASE WHEN f.first_at IS NULL THEN 1 ELSE 0 END), 0) AS unreported',
        'FROM project p',
        'LEFT JOIN (SELECT r.project_id, MIN(r.submitted_at) AS first_at FROM progress_report r JOIN project p ON p.id = r.project_id',
        `  WHERE p.task_force_id = :tf AND ${reportInPeriod}${filed} GROUP BY r.project_id) f ON f.project_id = p.id`,
        `WHERE ${dueProjects}`,
        'GROUP BY p.unit_id',
      ].join('\n'),
      { tf: taskForce.dbId, start: period.start, end: period.end, onTimeBefore, ...(cutoff ? { cutoff } : {}) },
    );
    const rows = await readQuery(manager, sql, parameters);
    const pastDue = readAt > due;
    let unreported: Promise<Map<number, Project[]>> | null = null;
    const loadUnreported = () => (unreported ??= this.unreported(manager, taskForce, period.start, period.end, cutoff));
    const statuses = rows.map((row) => {
      const [dueCount, onTimeCount, lateCount, open] = [row.due, row.on_time, row.late, row.unreported].map(Number);
      return Object.assign(new UnitReportingStatus(), {
        unitId: Number(row.unit),
        unreported: loadUnreported,
        period: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        dueDate: due,
        cadence,
        dueCount,
        onTimeCount,
        lateCount,
        missingCount: pastDue ? open : 0,
        pendingCount: pastDue ? 0 : open,
        onTimeRate: dueCount ? onTimeCount / dueCount : null,
      });
    });
    // Those to chase first: most missing, then most late, then the unit id (stable).
    return statuses.sort((a, b) => b.missingCount - a.missingCount || b.lateCount - a.lateCount || a.unitId - b.unitId);
  },

  /** The projects due without a report in the period (submitted before `cutoff`), by unit, in code order. */
  async unreported(manager: EntityManager, taskForce: TaskForce, start: string, end: string, cutoff: Date | null = null): Promise<Map<number, Project[]>> {
    const projects = await manager
      .createQueryBuilder(Project, 'p')
      .where(dueProjects, { tf: taskForce.dbId, start })
      .andWhere(`NOT EXISTS (SELECT 1 FROM progress_report r WHERE ${reportInPeriod}${cutoff ? ' AND r.submitted_at < :cutoff' : ''})`, { start, end, ...(cutoff ? { cutoff } : {}) })
      .orderBy('p.code', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
    const out = new Map<number, Project[]>();
    for (const project of projects) out.set(project.unitId, [...(out.get(project.unitId) ?? []), project]);
    return out;
  },
};
