import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { resolveAsOf } from '../../common/args';
import { Metrics } from '../../metrics/metrics.type';
import { loadReference } from '../../loaders/loaders';
import { RequestContext } from '../../common/request-context';
import { Person } from '../person/person.entity';
import { RoleAssignment, RoleKind } from '../person/role-assignment.entity';
import { ProjectConnection } from '../project/project-connection.type';
import { ProjectListArgs } from '../project/project.inputs';
import { projectConnection } from '../project/project.resolver';
import { Unit } from '../unit/unit.entity';
import { Subgroup } from './subgroup.entity';
import { SubgroupUnitMetrics } from './subgroup-unit-metrics.type';
import { TaskForce } from './task-force.entity';
import { today } from '../../metrics/dates';

function isCurrent(role: RoleAssignment, on: string): boolean {
  return (role.since === null || role.since <= on) && (role.until === null || role.until >= on);
}

@Resolver(() => Subgroup)
export class SubgroupResolver {
  @FieldResolver(() => TaskForce, { description: 'The task force the subgroup belongs to.' })
  async taskForce(@Root() subgroup: Subgroup, @Ctx() ctx: RequestContext): Promise<TaskForce> {
    return (await ctx.loaders.taskForce.load(subgroup.taskForceId))!;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Current leader (组长 / 分管领导).' })
  async leader(@Root() subgroup: Subgroup, @Ctx() ctx: RequestContext): Promise<Person | null> {
    const roles = await ctx.loaders.rolesBySubgroup.load(subgroup.dbId);
    const leader = roles.find((r) => r.kind === RoleKind.LEADER && isCurrent(r, today()));
    return leader ? loadReference(leader.person, leader.personId, ctx.loaders.person) : null;
  }

  @FieldResolver(() => [RoleAssignment], { description: 'Everyone in a role of the subgroup (leader, deputies, members, liaison, office director), current and past.' })
  members(@Root() subgroup: Subgroup, @Ctx() ctx: RequestContext): Promise<RoleAssignment[]> {
    return ctx.loaders.rolesBySubgroup.load(subgroup.dbId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: '牵头部门.' })
  leadUnit(@Root() subgroup: Subgroup, @Ctx() ctx: RequestContext): Unit | Promise<Unit | null> | null {
    return loadReference(subgroup.leadUnit, subgroup.leadUnitId, ctx.loaders.unit);
  }

  @FieldResolver(() => [Unit], { description: 'Further lead units when the document names several.' })
  coLeadUnits(@Root() subgroup: Subgroup, @Ctx() ctx: RequestContext): Promise<Unit[]> {
    return ctx.loaders.coLeadUnitsBySubgroup.load(subgroup.dbId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: '办公室设在.' })
  officeUnit(@Root() subgroup: Subgroup, @Ctx() ctx: RequestContext): Unit | Promise<Unit | null> | null {
    return loadReference(subgroup.officeUnit, subgroup.officeUnitId, ctx.loaders.unit);
  }

  @FieldResolver(() => [Unit], { description: 'Units the subgroup covers (包保单位).' })
  units(@Root() subgroup: Subgroup, @Ctx() ctx: RequestContext): Promise<Unit[]> {
    return ctx.loaders.unitsBySubgroup.load(subgroup.dbId);
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects of the subgroup: set explicitly, or carried by a unit only this subgroup covers.' })
  async projects(@Root() subgroup: Subgroup, @Args() args: ProjectListArgs, @Ctx() ctx: RequestContext): Promise<ProjectConnection> {
    return projectConnection(ctx, 'SUBGROUP', subgroup.dbId, args);
  }

  @FieldResolver(() => Metrics, { description: 'The subgroup\'s indicators at asOf.' })
  async metrics(@Root() subgroup: Subgroup, @Arg('asOf', () => String, { description: 'ISO date the figures stand for; default today (within the task force period).', nullable: true }) asOf: string | null, @Ctx() ctx: RequestContext): Promise<Metrics> {
    const taskForce = asOf ? null : await ctx.loaders.taskForce.load(subgroup.taskForceId);
    return ctx.loaders.metrics.load({ kind: 'SUBGROUP', id: subgroup.dbId, asOf: resolveAsOf(asOf, 'asOf', taskForce) }) as Promise<Metrics>;
  }

  @FieldResolver(() => [SubgroupUnitMetrics], {
    description:
      'Each unit\'s indicators within this subgroup (its projects of the subgroup, not its whole campaign): the covered units in their order, then any other unit carrying projects of it. Computed with the task force\'s own statement.',
  })
  async unitMetrics(
    @Root() subgroup: Subgroup,
    @Arg('asOf', () => String, { description: 'ISO date the figures stand for; default today (within the task force period).', nullable: true }) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<SubgroupUnitMetrics[]> {
    const taskForce = asOf ? null : await ctx.loaders.taskForce.load(subgroup.taskForceId);
    const [rollup, covered] = await Promise.all([
      ctx.loaders.taskForceRollup(subgroup.taskForceId, resolveAsOf(asOf, 'asOf', taskForce)),
      ctx.loaders.unitsBySubgroup.load(subgroup.dbId),
    ]);
    const others = rollup.unitsInSubgroup(subgroup.dbId).filter((id) => !covered.some((unit) => unit.dbId === id)).sort((a, b) => a - b);
    const units = [...covered, ...(await ctx.loaders.unitList(others))];
    return units.map((unit) => Object.assign(new SubgroupUnitMetrics(), { unit, metrics: rollup.unitInSubgroup(subgroup.dbId, unit.dbId) as Metrics }));
  }
}
