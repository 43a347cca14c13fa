import { Arg, Ctx, Field, Float, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { resolveAsOf } from '../../common/args';
import { milestoneValueDue, targetCompletion } from '../../metrics/indicators';
import { loadReference } from '../../loaders/loaders';
import { RequestContext } from '../../common/request-context';
import { Subgroup } from '../campaign/subgroup.entity';
import { Unit } from '../unit/unit.entity';
import { TargetActual } from './target-actual.entity';
import { TargetMilestone } from './target-milestone.entity';
import { Target } from './target.entity';

@ObjectType({ description: 'A target against the milestone due by a date.' })
class MilestoneProgress {
  @Field({ description: 'Label of the milestone due, e.g. 三季度末.' })
  label!: string;

  @Field({ description: 'ISO date the milestone is due.' })
  due!: string;

  @Field(() => Float, { description: 'Expected value at that milestone, in the target\'s measure.' })
  expectedValue!: number;

  @Field(() => Float, { nullable: true, description: 'actual ÷ expected (direction-aware).' })
  completionRatio!: number | null;
}

async function actualAt(ctx: RequestContext, target: Target, asOf: string): Promise<TargetActual | null> {
  const actuals = await ctx.loaders.actualsByTarget.load(target.dbId);
  let latest: TargetActual | null = null;
  for (const a of actuals) if (a.asOf <= asOf && (latest === null || a.asOf >= latest.asOf)) latest = a;
  return latest;
}

@Resolver(() => Target)
export class TargetResolver {
  @FieldResolver(() => Float, { nullable: true, description: 'Latest actual value on or before asOf (default today).' })
  async actualValue(@Root() target: Target, @Arg('asOf', () => String, { description: 'ISO date; the latest actual value on or before it. Default today.', nullable: true }) asOf: string | null, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await actualAt(ctx, target, resolveAsOf(asOf)))?.value ?? null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'actual ÷ target value (AT_MOST: target ÷ actual); null without an actual value.' })
  async completionRatio(@Root() target: Target, @Arg('asOf', () => String, { description: 'ISO date; the ratio of the latest actual value on or before it. Default today.', nullable: true }) asOf: string | null, @Ctx() ctx: RequestContext): Promise<number | null> {
    const actual = await actualAt(ctx, target, resolveAsOf(asOf));
    return targetCompletion(actual?.value ?? null, target.targetValue, target.direction);
  }

  @FieldResolver(() => MilestoneProgress, { nullable: true, description: 'Progress against the latest milestone due by asOf; null when none is due yet.' })
  async milestoneProgress(@Root() target: Target, @Arg('asOf', () => String, { description: 'ISO date the milestones are judged at; default today.', nullable: true }) asOf: string | null, @Ctx() ctx: RequestContext): Promise<MilestoneProgress | null> {
    const date = resolveAsOf(asOf);
    const milestones = await ctx.loaders.milestonesByTarget.load(target.dbId);
    const expected = milestoneValueDue(milestones, target.targetValue, date);
    if (expected === null) return null;
    const due = milestones.filter((m) => m.due <= date).sort((a, b) => b.due.localeCompare(a.due))[0];
    const actual = await actualAt(ctx, target, date);
    return { label: due.label, due: due.due, expectedValue: expected, completionRatio: targetCompletion(actual?.value ?? null, expected, target.direction) };
  }

  @FieldResolver(() => [TargetMilestone], { description: 'The dated intermediate values (节点目标), earliest first.' })
  milestones(@Root() target: Target, @Ctx() ctx: RequestContext): Promise<TargetMilestone[]> {
    return ctx.loaders.milestonesByTarget.load(target.dbId);
  }

  @FieldResolver(() => [TargetActual], { description: 'Actual values over time, oldest first.' })
  actuals(@Root() target: Target, @Ctx() ctx: RequestContext): Promise<TargetActual[]> {
    return ctx.loaders.actualsByTarget.load(target.dbId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: '牵头部门.' })
  leadUnit(@Root() target: Target, @Ctx() ctx: RequestContext): Unit | Promise<Unit | null> | null {
    return loadReference(target.leadUnit, target.leadUnitId, ctx.loaders.unit);
  }

  @FieldResolver(() => Subgroup, { nullable: true, description: 'The subgroup, for SUBGROUP targets.' })
  subgroup(@Root() target: Target, @Ctx() ctx: RequestContext): Promise<Subgroup | null> | null {
    return target.subgroupId ? ctx.loaders.subgroup.load(target.subgroupId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit, for UNIT targets.' })
  unit(@Root() target: Target, @Ctx() ctx: RequestContext): Unit | Promise<Unit | null> | null {
    return loadReference(target.unit, target.unitId, ctx.loaders.unit);
  }
}
