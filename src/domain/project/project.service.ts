import { EntityManager } from 'typeorm';
import { requireUser, unitTakesPart } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { projectSearchText } from '../../common/search-text';
import { accepted, checkDate } from '../../common/validation';
import { inTransaction } from '../../db/transaction';
import { isUniqueViolation } from '../../db/unique-violation';
import { staleVersion, updateVersioned } from '../../db/versioned-update';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../errors/app-error';
import { diff, FieldChanges, recordChange } from '../change/change-log';
import { today } from '../../metrics/dates';
import { RequestContext } from '../../common/request-context';
import { Subgroup } from '../campaign/subgroup.entity';
import { SubgroupUnit, SubgroupUnitRole } from '../campaign/subgroup-unit.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { existingUnitId } from '../unit/unit-lookup';
import { Role, User } from '../user/user.entity';
import { Problem } from '../problem/problem.entity';
import { Project } from './project.entity';
import {
  adminOnlyMessage,
  checkAmount,
  checkNature,
  createProblem,
  customFieldName,
  customNameProblem,
  customSetProblem,
  customValueProblem,
  dateOrderProblem,
  figureFields,
  forbiddenChanges,
  namedSubgroupIsExplicit,
  orderedDates,
  rowProblem,
  writerProblem,
} from './project-rules';
import { checkPlanInputs, latestPlan, planChanges, planYearOf, plansOf, PlanWrites, writePlans } from './annual-plans';
import { ProjectArchiveInput, ProjectCreateInput, ProjectFieldsInput, ProjectUpdateInput } from './project-mutation.inputs';

const amountFields = ['totalInvestment', 'annualPlanInvestment', 'ytdCompletedInvestment', 'cumulativeCompletedInvestment', 'plannedFunds', 'fundsInPlace'] as const;
const dateFields = ['plannedStart', 'actualStart', 'plannedEnd', 'actualEnd'] as const;
const textFields = ['sector', 'owner', 'location', 'nature', 'scope', 'visualProgress', 'problemsText', 'nextSteps', 'leaderName', 'responsiblePerson', 'contact', 'remarks'] as const;

/** Checks and normalises the ledger columns of an input; returns only the fields the input sets. */
function ledgerValues(input: ProjectFieldsInput): Partial<Record<keyof Project, unknown>> {
  const values: Partial<Record<keyof Project, unknown>> = {};
  for (const field of amountFields) {
    const value = input[field];
    if (value !== undefined) values[field] = value === null ? null : accepted(checkAmount(value), `input.${field}`);
  }
  for (const field of dateFields) if (input[field] !== undefined) values[field] = checkDate(input[field], `input.${field}`);
  for (const field of textFields) if (input[field] !== undefined) values[field] = input[field]?.trim() || null;
  if (input.stage !== undefined && input.stage !== null) values.stage = input.stage;
  if (typeof values.nature === 'string') values.nature = accepted(checkNature(values.nature), 'input.nature');
  if (input.customFields !== undefined) values.customFields = checkCustomFields(input.customFields);
  return values;
}

/** The custom fields an input sets (project-rules limits); a null or blank value leaves its column out, as an empty cell does. */
function checkCustomFields(fields: Record<string, unknown> | null): Record<string, string> | null {
  if (fields === null) return null;
  const result: Record<string, string> = {};
  for (const [raw, value] of Object.entries(fields)) {
    const name = customFieldName(raw);
    const field = `input.customFields.${raw.slice(0, 40)}`;
    const nameProblem = customNameProblem(name);
    if (nameProblem) throw new BadInputError(`${field}: ${nameProblem}.`, field);
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new BadInputError('Custom field values must be text or numbers.', field);
    const text = value === null ? '' : String(value).trim();
    const valueProblem = customValueProblem(text);
    if (valueProblem) throw new BadInputError(`${field}: ${valueProblem}.`, field);
    if (text) result[name] = text;
  }
  const setProblem = customSetProblem(result);
  if (setProblem) throw new BadInputError(`input.customFields: ${setProblem}.`, 'input.customFields');
  return Object.keys(result).length ? result : null;
}

/** FORBIDDEN when the writer may not set one of these fields (project-rules: ADMIN-only fields). */
function assertMaySet(user: User, fields: Iterable<string>): void {
  const [field] = forbiddenChanges(user, fields);
  if (field) throw new ForbiddenError(adminOnlyMessage(field, `input.${field}`));
}

/** FORBIDDEN when a project rule refuses the writer (project-rules writerProblem, rowProblem, createProblem). */
function assertRule(problem: string | null): void {
  if (problem) throw new ForbiddenError(problem);
}

/** BAD_USER_INPUT when a date would end before it starts (project-rules orderedDates). */
function assertDatesOrdered(valueOf: (field: string) => string | null | undefined): void {
  for (const [start, end] of orderedDates) {
    const problem = dateOrderProblem(valueOf(start), valueOf(end), `input.${start}`, `input.${end}`);
    if (problem) throw new BadInputError(`${problem}.`, `input.${end}`);
  }
}

/** The subgroup a project falls under: the explicit one, else the one subgroup covering its unit in the task force. */
async function effectiveSubgroup(manager: EntityManager, taskForceId: number, unitId: number, explicit: number | null): Promise<number | null> {
  if (explicit !== null) return explicit;
  const covering = await manager
    .createQueryBuilder(SubgroupUnit, 'su')
    .innerJoin(Subgroup, 's', 's.id = su.subgroup_id')
    .select('DISTINCT su.subgroup_id', 'id')
    .where('su.unit_id = :unitId AND s.task_force_id = :taskForceId AND su.role = :role', { unitId, taskForceId, role: SubgroupUnitRole.COVERED })
    .getRawMany<{ id: number }>();
  return covering.length === 1 ? Number(covering[0].id) : null;
}

async function explicitSubgroup(manager: EntityManager, taskForceId: number, subgroupId: string, field: string): Promise<number> {
  const { id } = decodeId(subgroupId, 'Subgroup', field);
  const subgroup = await manager.findOne(Subgroup, { where: { dbId: id } });
  if (!subgroup) throw new NotFoundError('Subgroup', subgroupId, field);
  if (subgroup.taskForceId !== taskForceId) throw new BadInputError('The subgroup belongs to another task force.', field);
  return id;
}


function scopeOf(project: Project) {
  return { taskForceId: project.taskForceId, subgroupId: project.subgroupId, unitId: project.unitId, projectId: project.dbId };
}

export const ProjectService = {
  async create(ctx: RequestContext, input: ProjectCreateInput): Promise<Project> {
    const user = requireUser(ctx.user);
    const taskForceId = decodeId(input.taskForceId, 'TaskForce', 'input.taskForceId').id;
    assertRule(writerProblem(user));
    const values = ledgerValues(input);
    const explicitPlans = checkPlanInputs(input.annualPlans, 'input.annualPlans');
    // On a new project, a field is set when it is not null (null is what it would hold anyway).
    assertMaySet(user, [...Object.keys(values).filter((f) => values[f as keyof Project] !== null), ...(explicitPlans.size ? ['annualPlans'] : [])]);
    const annualPlan = values.annualPlanInvestment as number | null | undefined;
    delete values.annualPlanInvestment;
    assertDatesOrdered((field) => values[field as keyof Project] as string | null | undefined);
    const code = input.code.trim();
    const name = input.name.trim();
    if (!code) throw new BadInputError('input.code must not be blank.', 'input.code');
    if (!name) throw new BadInputError('input.name must not be blank.', 'input.name');

    const project = await inTransaction(ctx.services.dataSource, async (manager) => {
      const taskForce = await manager.findOne(TaskForce, { where: { dbId: taskForceId } });
      if (!taskForce) throw new NotFoundError('TaskForce', input.taskForceId, 'input.taskForceId');
      const unitId = await existingUnitId(manager, input.unitId, 'input.unitId');
      assertRule(rowProblem(user, unitId));
      assertRule(createProblem(user, user.role !== Role.REPORTER || (await unitTakesPart(manager, unitId, taskForceId))));
      const named = input.subgroupId ? await explicitSubgroup(manager, taskForceId, input.subgroupId, 'input.subgroupId') : null;
      const derived = await effectiveSubgroup(manager, taskForceId, unitId, null);
      const explicit = namedSubgroupIsExplicit(user, named, derived);
      if (explicit) assertMaySet(user, ['subgroupId']);
      const subgroupId = explicit ? named : derived;
      const taken = () => new ConflictError(`Project code ${code} already exists in this task force.`, { field: 'input.code' });
      if (await manager.exists(Project, { where: { taskForceId, code } })) throw taken();
      const searchText = projectSearchText({ code, name, owner: values.owner as string | null, location: values.location as string | null });
      const row = { ...values, taskForceId, code, name, unitId, subgroupId, subgroupExplicit: explicit, searchText };
      if (figureFields.some((f) => values[f as keyof Project] !== undefined && values[f as keyof Project] !== null)) row.statsDate = today();
      const plans: PlanWrites = new Map([...explicitPlans].filter(([, amount]) => amount !== null));
      const planYear = planYearOf(row.statsDate as string | undefined, taskForce);
      if (annualPlan !== undefined && annualPlan !== null && !plans.has(planYear)) plans.set(planYear, annualPlan);
      if (plans.size) row.annualPlanInvestment = latestPlan(new Map(), plans);
      let saved: Project;
      try {
        saved = await manager.save(manager.create(Project, row as Partial<Project>));
      } catch (error) {
        // A concurrent create of the same code committed after the check above (or the database compares the codes
        // as one, MariaDB's collation): the same answer as the check.
        if (isUniqueViolation(error)) throw taken();
        throw error;
      }
      await writePlans(manager, saved.dbId, new Map(), plans);
      const { searchText: _search, ...recorded } = row;
      const created = diff(null, recorded);
      if (plans.size) created.annualPlans = { before: null, after: Object.fromEntries(plans) };
      await recordChange(manager, user, 'Project', saved.dbId, 'CREATE', created, scopeOf(saved));
      return manager.findOneOrFail(Project, { where: { dbId: saved.dbId } });
    });
    return project;
  },

  async update(ctx: RequestContext, input: ProjectUpdateInput): Promise<Project> {
    const user = requireUser(ctx.user);
    const id = decodeId(input.id, 'Project', 'input.id').id;
    const values = ledgerValues(input);
    const explicitPlans = checkPlanInputs(input.annualPlans, 'input.annualPlans');
    const annualPlan = values.annualPlanInvestment as number | null | undefined;
    delete values.annualPlanInvestment;
    if (input.name !== undefined && input.name !== null) {
      values.name = input.name.trim();
      if (!values.name) throw new BadInputError('input.name must not be blank.', 'input.name');
    }
    assertRule(writerProblem(user));

    const project = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Project, { where: { dbId: id } });
      if (!current || current.archivedAt) throw new NotFoundError('Project', input.id, 'input.id');
      // Rights are checked on the row as it is, then again on the row as it would be (a move to another unit).
      assertRule(rowProblem(user, current.unitId));
      if ((input.unitId !== undefined && input.unitId !== null) || input.subgroupId !== undefined) {
        const unitId = input.unitId ? await existingUnitId(manager, input.unitId, 'input.unitId') : current.unitId;
        assertRule(rowProblem(user, unitId));
        let explicit = current.subgroupExplicit ? current.subgroupId : null;
        if (input.subgroupId !== undefined) {
          const named = input.subgroupId ? await explicitSubgroup(manager, current.taskForceId, input.subgroupId, 'input.subgroupId') : null;
          // Naming the subgroup the project is in changes nothing for a reporter, as in an import; another is the office's.
          if (user.role === Role.ADMIN || named !== current.subgroupId) explicit = named;
        }
        values.unitId = unitId;
        values.subgroupExplicit = explicit !== null;
        values.subgroupId = await effectiveSubgroup(manager, current.taskForceId, unitId, explicit);
      }
      assertDatesOrdered((field) => (values[field as keyof Project] === undefined ? current[field as keyof Project] : values[field as keyof Project]) as string | null);
      const changes = diff(current as unknown as Record<string, unknown>, values);
      // Yearly plans: `annualPlanInvestment` is the plan of the year of the figures' date after this write.
      let plans: { current: Map<number, number>; writes: PlanWrites } | null = null;
      if (annualPlan !== undefined || explicitPlans.size) {
        const writes: PlanWrites = new Map(explicitPlans);
        if (annualPlan !== undefined) {
          const statsDate = figureFields.some((f) => f in changes) ? today() : current.statsDate;
          const taskForce = statsDate ? null : await manager.findOne(TaskForce, { where: { dbId: current.taskForceId } });
          const year = planYearOf(statsDate, taskForce);
          if (!writes.has(year)) writes.set(year, annualPlan);
        }
        const existing = (await plansOf(manager, [current.dbId])).get(current.dbId) ?? new Map<number, number>();
        const planned = planChanges(existing, writes);
        if (planned) {
          plans = { current: existing, writes };
          changes.annualPlans = planned;
          const latest = latestPlan(existing, writes);
          if (latest !== current.annualPlanInvestment) {
            changes.annualPlanInvestment = { before: current.annualPlanInvestment, after: latest };
            values.annualPlanInvestment = latest;
          }
        }
      }
      // ADMIN-only fields are refused when they would change: a reporter may send the plan figures back as they are.
      assertMaySet(user, Object.keys(changes));
      if (changes.name || changes.owner || changes.location) {
        values.searchText = projectSearchText({ ...current, ...(values as Partial<Project>) });
      }
      if (figureFields.some((f) => f in changes)) {
        values.statsDate = today();
        changes.statsDate = { before: current.statsDate, after: values.statsDate };
      }
      if (!Object.keys(changes).length) {
        if (current.version !== input.expectedVersion) throw staleVersion('Project', input.expectedVersion, current.version);
        return current;
      }
      const columns = Object.keys(changes).filter((k) => k !== 'annualPlans');
      const written = Object.fromEntries([...columns, ...(values.searchText ? ['searchText'] : [])].map((k) => [k, values[k as keyof Project]]));
      await updateVersioned(manager, Project, current, input.expectedVersion, written, 'Project');
      if (plans) await writePlans(manager, current.dbId, plans.current, plans.writes);
      const after = await manager.findOneOrFail(Project, { where: { dbId: id } });
      // A moved project is recorded under both its old and its new place, so both screens see it.
      await recordChange(manager, user, 'Project', current.dbId, 'UPDATE', changes, scopeOf(after));
      if (after.unitId !== current.unitId || after.subgroupId !== current.subgroupId) {
        await recordChange(manager, user, 'Project', current.dbId, 'MOVE_OUT', pickChanges(changes, ['unitId', 'subgroupId', 'subgroupExplicit']), scopeOf(current));
        // The project's problems move with it: rights and scopes are decided on where the project is now.
        await manager.update(Problem, { projectId: current.dbId }, { subgroupId: after.subgroupId, unitId: after.unitId });
      }
      return after;
    });
    return project;
  },

  async archive(ctx: RequestContext, input: ProjectArchiveInput): Promise<Project> {
    const user = requireUser(ctx.user);
    const id = decodeId(input.id, 'Project', 'input.id').id;
    const archive = input.archived ?? true;
    const project = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Project, { where: { dbId: id } });
      if (!current) throw new NotFoundError('Project', input.id, 'input.id');
      assertRule(rowProblem(user, current.unitId));
      if (!archive && user.role !== Role.ADMIN) throw new ForbiddenError('Only an ADMIN restores an archived project.');
      if (Boolean(current.archivedAt) === archive) {
        if (current.version !== input.expectedVersion) throw staleVersion('Project', input.expectedVersion, current.version);
        return current;
      }
      const archivedAt = archive ? new Date() : null;
      await updateVersioned(manager, Project, current, input.expectedVersion, { archivedAt }, 'Project');
      const changes: FieldChanges = { archived: { before: !archive, after: archive } };
      if (input.reason?.trim()) changes.reason = { before: null, after: input.reason.trim() };
      await recordChange(manager, user, 'Project', current.dbId, archive ? 'ARCHIVE' : 'RESTORE', changes, scopeOf(current));
      return manager.findOneOrFail(Project, { where: { dbId: id } });
    });
    return project;
  },
};

function pickChanges(changes: FieldChanges, fields: string[]): FieldChanges {
  return Object.fromEntries(fields.filter((f) => f in changes).map((f) => [f, changes[f]]));
}
