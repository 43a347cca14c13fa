import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { resolveAsOf } from '../../common/args';
import { today } from '../../metrics/dates';
import { decodeId } from '../../common/global-id';
import { RequestContext } from '../../common/request-context';
import { NotFoundError } from '../../errors/app-error';
import { Project } from '../project/project.entity';
import { Unit } from '../unit/unit.entity';
import { ReportingStatusService } from './reporting-status.service';
import { UnitReportingStatus } from './reporting-status.type';

@Resolver(() => UnitReportingStatus)
export class ReportingStatusResolver {
  @Query(() => [UnitReportingStatus], {
    description:
      '报送情况 of a task force for one period, per unit with projects due, most missing (未报送) first. period: a day 2024-05-15, ISO week 2024-W18, 旬 2024-05-T2 (days 11–20), half month 2024-05-H1 (1–15) or -H2, month 2024-05, quarter 2024-Q2; its due date comes from the task force\'s cadence of that kind (reportingCadences). A malformed period, or one outside the task force\'s period, is BAD_USER_INPUT naming period.',
  })
  async reportingStatus(
    @Arg('taskForceId', () => ID, { description: 'The task force.' }) taskForceId: string,
    @Arg('period', { description: 'The reporting period (formats above).' }) period: string,
    @Arg('asOf', () => String, {
      nullable: true,
      description: 'The day the record is read at (ISO, UTC+8; default today): reports submitted after it are not counted yet, and a project without one is missing only once its due date is before it.',
    })
    asOf: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<UnitReportingStatus[]> {
    // A day to come reads as today (nothing is filed in the future).
    const readAt = asOf && resolveAsOf(asOf, 'asOf') < today() ? resolveAsOf(asOf, 'asOf') : null;
    const taskForce = await ctx.loaders.taskForce.load(decodeId(taskForceId, 'TaskForce', 'taskForceId').id);
    if (!taskForce) throw new NotFoundError('TaskForce', taskForceId, 'taskForceId');
    return ReportingStatusService.forPeriod(ctx.manager, taskForce, period, 'period', readAt);
  }

  @FieldResolver(() => Unit, { description: 'The unit (责任单位).' })
  async unit(@Root() status: UnitReportingStatus, @Ctx() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.unit.load(status.unitId))!;
  }

  @FieldResolver(() => [Project], { description: 'Its projects without a report for the period (missing or pending), by code: the 催办 list.' })
  async unreportedProjects(@Root() status: UnitReportingStatus): Promise<Project[]> {
    return (await status.unreported()).get(status.unitId) ?? [];
  }
}
