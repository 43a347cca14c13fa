import { EntityManager, In } from 'typeorm';
import { resolveAsOf } from '../../common/args';
import { checkAmount } from '../../common/amount';
import { accepted } from '../../common/validation';
import { BadInputError } from '../../errors/app-error';
import { yearOf } from '../../metrics/dates';
import { AnnualPlan, AnnualPlanInput } from './annual-plan.entity';

/**
 * Yearly plans (年度计划投资 per calendar year). A plan written without a year — the `annualPlanInvestment` of
 * projectCreate/projectUpdate, a ledger's 年度计划投资 column — is the plan of the year of the figures' date: the
 * project's statsDate after the write, or for an undated project the task force's default as-of date
 * (min(today, periodEnd)). `annualPlans` names the years itself. The project row's own annual_plan_investment
 * column holds the plan of its latest year planned (Project.annualPlanInvestment); metrics read annual_plan.
 */

/** Planned amount per year a write sets; null removes that year's plan. */
export type PlanWrites = Map<number, number | null>;

/** The year a plan without a year belongs to: that of the figures' date, or of the task force's default as-of date. */
export function planYearOf(statsDate: string | null | undefined, taskForce: { periodEnd: string | null } | null): number {
  return yearOf(statsDate ?? resolveAsOf(null, 'asOf', taskForce));
}

/** Checks `annualPlans` of an input: years 1900–2199, each once, amounts as every amount (two decimals, bounds). */
export function checkPlanInputs(inputs: readonly AnnualPlanInput[] | null | undefined, field: string): PlanWrites {
  const writes: PlanWrites = new Map();
  for (const [i, input] of (inputs ?? []).entries()) {
    const at = `${field}[${i}]`;
    if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 2199) throw new BadInputError(`${at}.year must be a year from 1900 to 2199, got ${input.year}.`, `${at}.year`);
    if (writes.has(input.year)) throw new BadInputError(`${at}.year: ${input.year} is listed twice.`, `${at}.year`);
    writes.set(input.year, input.amount === null || input.amount === undefined ? null : accepted(checkAmount(input.amount), `${at}.amount`));
  }
  return writes;
}

/** The plans of projects, by project id, by year. */
export async function plansOf(manager: EntityManager, projectIds: readonly number[]): Promise<Map<number, Map<number, number>>> {
  const out = new Map<number, Map<number, number>>();
  if (!projectIds.length) return out;
  const rows = await manager.find(AnnualPlan, { where: { projectId: In([...projectIds]) }, order: { year: 'ASC' } });
  for (const row of rows) {
    const plans = out.get(row.projectId) ?? new Map<number, number>();
    plans.set(row.year, row.amount);
    out.set(row.projectId, plans);
  }
  return out;
}

/** What `writes` would change in `current`: the years that change, before and after (null: no plan), or null. */
export function planChanges(current: ReadonlyMap<number, number>, writes: PlanWrites): { before: Record<string, number | null>; after: Record<string, number | null> } | null {
  const before: Record<string, number | null> = {};
  const after: Record<string, number | null> = {};
  for (const [year, amount] of writes) {
    const was = current.get(year) ?? null;
    if (was === amount) continue;
    before[year] = was;
    after[year] = amount;
  }
  return Object.keys(after).length ? { before, after } : null;
}

/** The plan of the latest year planned once `writes` are applied to `current` (the project row's column), or null. */
export function latestPlan(current: ReadonlyMap<number, number>, writes: PlanWrites): number | null {
  const merged = new Map(current);
  for (const [year, amount] of writes) {
    if (amount === null) merged.delete(year);
    else merged.set(year, amount);
  }
  const years = [...merged.keys()].sort((a, b) => b - a);
  return years.length ? merged.get(years[0])! : null;
}

/** Applies `writes` to one project's plans (inside the caller's transaction). */
export async function writePlans(manager: EntityManager, projectId: number, current: ReadonlyMap<number, number>, writes: PlanWrites): Promise<void> {
  for (const [year, amount] of writes) {
    const was = current.get(year);
    if (amount === null) {
      if (was !== undefined) await manager.delete(AnnualPlan, { projectId, year });
    } else if (was === undefined) await manager.insert(AnnualPlan, { projectId, year, amount });
    else if (was !== amount) await manager.update(AnnualPlan, { projectId, year }, { amount });
  }
}
