import { assertMayWriteUnitRow, requireUser } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { checkAmount } from '../../common/validation';
import { inTransaction } from '../../db/transaction';
import { BadInputError, ForbiddenError, NotFoundError } from '../../errors/app-error';
import { diff, recordChange } from '../change/change-log';
import { today } from '../../metrics/dates';
import { RequestContext } from '../../common/request-context';
import { Project } from '../project/project.entity';
import { Role } from '../user/user.entity';
import { parsePeriod } from './period';
import { ProgressReport } from './progress-report.entity';
import { ProgressReportInput } from './progress-report.inputs';

/** Days after a period's end during which its report may still be filed or changed without a reason. */
export const reportGraceDays = 15;

function isClosed(periodEnd: string, on: string): boolean {
  const closes = new Date(Date.parse(`${periodEnd}T00:00:00Z`) + reportGraceDays * 86_400_000).toISOString().slice(0, 10);
  return on > closes;
}

export const ProgressReportService = {
  async submit(ctx: RequestContext, input: ProgressReportInput): Promise<ProgressReport> {
    const user = requireUser(ctx.user);
    const projectId = decodeId(input.projectId, 'Project', 'input.projectId').id;
    const period = parsePeriod(input.period);
    const now = today();
    if (period.start > now) throw new BadInputError(`input.period ${period.key} has not begun yet.`, 'input.period');
    const closed = isClosed(period.end, now);
    if (closed && user.role !== Role.ADMIN) {
      throw new ForbiddenError(`Period ${period.key} closed ${reportGraceDays} days after ${period.end}; only the leading-group office (ADMIN) may report it, with a reason.`);
    }
    if (closed && !input.reason?.trim()) throw new BadInputError(`Period ${period.key} is closed: give a reason.`, 'input.reason');
    const figures = {
      ytdCompletedInvestment: checkAmount(input.ytdCompletedInvestment, 'input.ytdCompletedInvestment') ?? null,
      periodInvestment: checkAmount(input.periodInvestment, 'input.periodInvestment') ?? null,
      cumulativeCompletedInvestment: checkAmount(input.cumulativeCompletedInvestment, 'input.cumulativeCompletedInvestment') ?? null,
      fundsInPlace: checkAmount(input.fundsInPlace, 'input.fundsInPlace') ?? null,
    };
    const asOfDate = period.end < now ? period.end : now;

    const report = await inTransaction(ctx.services.dataSource, async (manager) => {
      const project = await manager.findOne(Project, { where: { dbId: projectId } });
      if (!project || project.archivedAt) throw new NotFoundError('Project', input.projectId, 'input.projectId');
      await assertMayWriteUnitRow(manager, user, project, false);
      const values = {
        ...figures,
        stage: input.stage ?? null,
        visualProgress: input.visualProgress ?? null,
        workersOnSite: input.workersOnSite ?? null,
        problemsText: input.problemsText ?? null,
        nextSteps: input.nextSteps ?? null,
        lateChangeReason: closed ? input.reason!.trim() : null,
        isExample: false,
      };
      const existing = await manager.findOne(ProgressReport, { where: { projectId, period: period.key } });
      const scope = { taskForceId: project.taskForceId, subgroupId: project.subgroupId, unitId: project.unitId, projectId };
      let saved: ProgressReport;
      if (existing) {
        const changes = diff(existing as unknown as Record<string, unknown>, values);
        await manager.update(ProgressReport, { dbId: existing.dbId }, { ...values, asOfDate, submittedAt: new Date(), submittedById: user.dbId, version: existing.version + 1 });
        saved = await manager.findOneOrFail(ProgressReport, { where: { dbId: existing.dbId } });
        await recordChange(manager, user, 'ProgressReport', saved.dbId, 'UPDATE', changes, scope);
      } else {
        const created = manager.create(ProgressReport, {
          ...values,
          projectId,
          period: period.key,
          periodType: period.type,
          periodStart: period.start,
          periodEnd: period.end,
          asOfDate,
          submittedAt: new Date(),
          submittedById: user.dbId,
        });
        saved = await manager.save(created);
        await recordChange(manager, user, 'ProgressReport', saved.dbId, 'CREATE', diff(null, { period: period.key, ...values }), scope);
      }
      // The ledger shows the latest report's figures.
      if (project.statsDate === null || asOfDate >= project.statsDate) {
        const projectValues: Record<string, unknown> = { ytdCompletedInvestment: figures.ytdCompletedInvestment, statsDate: asOfDate };
        if (figures.cumulativeCompletedInvestment !== null) projectValues.cumulativeCompletedInvestment = figures.cumulativeCompletedInvestment;
        if (figures.fundsInPlace !== null) projectValues.fundsInPlace = figures.fundsInPlace;
        if (input.stage) projectValues.stage = input.stage;
        if (input.visualProgress) projectValues.visualProgress = input.visualProgress;
        const changes = diff(project as unknown as Record<string, unknown>, projectValues);
        if (Object.keys(changes).length) {
          await manager
            .createQueryBuilder()
            .update(Project)
            .set({ ...projectValues, version: () => 'version + 1' } as never)
            .where('id = :id', { id: projectId })
            .execute();
          await recordChange(manager, user, 'Project', projectId, 'UPDATE', changes, scope);
        }
      }
      return saved;
    });
    return report;
  },
};
