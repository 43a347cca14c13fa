import { EntityManager } from 'typeorm';
import { requireUser, assertMayWriteUnitRow, assertReporterTakesPart } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { foldForSearch } from '../../common/search-text';
import { checkAmount, checkDate, checkOrdered } from '../../common/validation';
import { inTransaction } from '../../db/transaction';
import { staleVersion, updateVersioned } from '../../db/versioned-update';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../errors/app-error';
import { diff, FieldChanges, recordChange } from '../../live/change-log';
import { today } from '../../metrics/dates';
import { RequestContext } from '../../server/context';
import { Subgroup } from '../campaign/subgroup.entity';
import { SubgroupUnit, SubgroupUnitRole } from '../campaign/subgroup-unit.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { existingUnitId } from '../unit/unit-lookup';
import { Role, User } from '../user/user.entity';
import { Problem } from '../problem/problem.entity';
import { Project } from './project.entity';
import { ProjectArchiveInput, ProjectCreateInput, ProjectFieldsInput, ProjectUpdateInput } from './project-mutation.inputs';

const figureFields = ['ytdCompletedInvestment', 'cumulativeCompletedInvestment', 'fundsInPlace'] as const;
const amountFields = ['totalInvestment', 'annualPlanInvestment', 'ytdCompletedInvestment', 'cumulativeCompletedInvestment', 'plannedFunds', 'fundsInPlace'] as const;
const planFields = ['totalInvestment', 'annualPlanInvestment'] as const;
const dateFields = ['plannedStart', 'actualStart', 'plannedEnd', 'actualEnd'] as const;
const textFields = ['sector', 'owner', 'location', 'nature', 'scope', 'visualProgress', 'problemsText', 'nextSteps', 'leaderName', 'responsiblePerson', 'contact', 'remarks'] as const;
const natures = new Set(['新建', '扩建', '改建', '续建', '迁建']);
const maxCustomFields = 50;
const maxCustomFieldBytes = 16_000;

/** Checks and normalises the ledger columns of an input; returns only the fields the input sets. */
function ledgerValues(input: ProjectFieldsInput): Partial<Record<keyof Project, unknown>> {
  const values: Partial<Record<keyof Project, unknown>> = {};
  for (const field of amountFields) if (input[field] !== undefined) values[field] = checkAmount(input[field], `input.${field}`);
  for (const field of dateFields) if (input[field] !== undefined) values[field] = checkDate(input[field], `input.${field}`);
  for (const field of textFields) if (input[field] !== undefined) values[field] = input[field]?.trim() || null;
  if (input.stage !== undefined && input.stage !== null) values.stage = input.stage;
  if (typeof values.nature === 'string' && !natures.has(values.nature)) {
    throw new BadInputError(`input.nature must be one of ${[...natures].join(', ')}, got "${values.nature}".`, 'input.nature');
  }
  if (input.customFields !== undefined) values.customFields = checkCustomFields(input.customFields);
  return values;
}

function checkCustomFields(fields: Record<string, unknown> | null): Record<string, string> | null {
  if (fields === null) return null;
  const entries = Object.entries(fields);
  if (entries.length > maxCustomFields) throw new BadInputError(`input.customFields may hold at most ${maxCustomFields} columns, got ${entries.length}.`, 'input.customFields');
  const result: Record<string, string> = {};
  for (const [key, value] of entries) {
    const field = `input.customFields.${key.slice(0, 40)}`;
    if (!key.trim() || key.length > 100) throw new BadInputError('Custom field names must be 1–100 characters.', field);
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new BadInputError('Custom field values must be text or numbers.', field);
    const text = value === null ? '' : String(value);
    if (text.length > 1000) throw new BadInputError('Custom field values must be at most 1,000 characters.', field);
    result[key.trim()] = text;
  }
  // Stored as TEXT (64 KiB on MySQL) and Chinese takes 3 bytes a character: keep the set well inside it.
  if (Buffer.byteLength(JSON.stringify(result)) > maxCustomFieldBytes) {
    throw new BadInputError(`input.customFields may hold at most ${maxCustomFieldBytes.toLocaleString('en')} bytes of text in all (Chinese characters count 3).`, 'input.customFields');
  }
  return Object.keys(result).length ? result : null;
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


function assertPlanFieldsByAdmin(user: User, values: Partial<Record<keyof Project, unknown>>): void {
  const plan = planFields.find((f) => values[f] !== undefined);
  if (plan && user.role !== Role.ADMIN) throw new ForbiddenError(`Only the leading-group office (ADMIN) sets planned and total investment (input.${plan}).`);
}

function scopeOf(project: Project) {
  return { taskForceId: project.taskForceId, subgroupId: project.subgroupId, unitId: project.unitId, projectId: project.dbId };
}

export const ProjectService = {
  async create(ctx: RequestContext, input: ProjectCreateInput): Promise<Project> {
    const user = requireUser(ctx.user);
    const taskForceId = decodeId(input.taskForceId, 'TaskForce', 'input.taskForceId').id;
    const values = ledgerValues(input);
    assertPlanFieldsByAdmin(user, values);
    checkOrdered(values.actualStart as string | null | undefined, values.actualEnd as string | null | undefined, 'input.actualStart', 'input.actualEnd');
    checkOrdered(values.plannedStart as string | null | undefined, values.plannedEnd as string | null | undefined, 'input.plannedStart', 'input.plannedEnd');
    const code = input.code.trim();
    const name = input.name.trim();
    if (!code) throw new BadInputError('input.code must not be blank.', 'input.code');
    if (!name) throw new BadInputError('input.name must not be blank.', 'input.name');

    const project = await inTransaction(ctx.services.dataSource, async (manager) => {
      if (!(await manager.exists(TaskForce, { where: { dbId: taskForceId } }))) throw new NotFoundError('TaskForce', input.taskForceId, 'input.taskForceId');
      const unitId = await existingUnitId(manager, input.unitId, 'input.unitId');
      const explicit = input.subgroupId ? await explicitSubgroup(manager, taskForceId, input.subgroupId, 'input.subgroupId') : null;
      if (explicit !== null && user.role !== Role.ADMIN) throw new ForbiddenError('Only an ADMIN sets a project\'s subgroup explicitly.');
      const subgroupId = await effectiveSubgroup(manager, taskForceId, unitId, explicit);
      await assertMayWriteUnitRow(manager, user, { unitId, subgroupId }, false);
      await assertReporterTakesPart(manager, user, taskForceId);
      if (await manager.exists(Project, { where: { taskForceId, code } })) {
        throw new ConflictError(`Project code ${code} already exists in this task force.`, { field: 'input.code' });
      }
      const row = { ...values, taskForceId, code, name, unitId, subgroupId, subgroupExplicit: explicit !== null, searchText: foldForSearch(`${code} ${name}`) };
      if (figureFields.some((f) => values[f] !== undefined && values[f] !== null)) row.statsDate = today();
      const saved = await manager.save(manager.create(Project, row as Partial<Project>));
      const { searchText: _search, ...recorded } = row;
      await recordChange(manager, user, 'Project', saved.dbId, 'CREATE', diff(null, recorded), scopeOf(saved));
      return manager.findOneOrFail(Project, { where: { dbId: saved.dbId } });
    });
    ctx.services.live.notifyCommitted();
    return project;
  },

  async update(ctx: RequestContext, input: ProjectUpdateInput): Promise<Project> {
    const user = requireUser(ctx.user);
    const id = decodeId(input.id, 'Project', 'input.id').id;
    const values = ledgerValues(input);
    if (input.name !== undefined && input.name !== null) {
      values.name = input.name.trim();
      if (!values.name) throw new BadInputError('input.name must not be blank.', 'input.name');
    }
    assertPlanFieldsByAdmin(user, values);

    const project = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Project, { where: { dbId: id } });
      if (!current || current.archivedAt) throw new NotFoundError('Project', input.id, 'input.id');
      // Rights are checked on the row as it is, then again on the row as it would be (a move to another unit).
      await assertMayWriteUnitRow(manager, user, current, false);
      if ((input.unitId !== undefined && input.unitId !== null) || input.subgroupId !== undefined) {
        const unitId = input.unitId ? await existingUnitId(manager, input.unitId, 'input.unitId') : current.unitId;
        if (unitId !== current.unitId && user.role !== Role.ADMIN) throw new ForbiddenError('Only an ADMIN moves a project to another unit.');
        let explicit = current.subgroupExplicit ? current.subgroupId : null;
        if (input.subgroupId !== undefined) {
          if (user.role !== Role.ADMIN) throw new ForbiddenError('Only an ADMIN sets a project\'s subgroup explicitly.');
          explicit = input.subgroupId ? await explicitSubgroup(manager, current.taskForceId, input.subgroupId, 'input.subgroupId') : null;
        }
        values.unitId = unitId;
        values.subgroupExplicit = explicit !== null;
        values.subgroupId = await effectiveSubgroup(manager, current.taskForceId, unitId, explicit);
      }
      const pick = <K extends keyof Project>(field: K) => (values[field] === undefined ? current[field] : values[field]) as string | null;
      checkOrdered(pick('actualStart'), pick('actualEnd'), 'input.actualStart', 'input.actualEnd');
      checkOrdered(pick('plannedStart'), pick('plannedEnd'), 'input.plannedStart', 'input.plannedEnd');
      const changes = diff(current as unknown as Record<string, unknown>, values);
      if (changes.name) {
        values.searchText = foldForSearch(`${current.code} ${values.name}`);
      }
      if (figureFields.some((f) => f in changes)) {
        values.statsDate = today();
        changes.statsDate = { before: current.statsDate, after: values.statsDate };
      }
      if (!Object.keys(changes).length) {
        if (current.version !== input.expectedVersion) throw staleVersion('Project', input.expectedVersion, current.version);
        return current;
      }
      const written = Object.fromEntries([...Object.keys(changes), ...(values.searchText ? ['searchText'] : [])].map((k) => [k, values[k as keyof Project]]));
      await updateVersioned(manager, Project, current, input.expectedVersion, written, 'Project');
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
    ctx.services.live.notifyCommitted();
    return project;
  },

  async archive(ctx: RequestContext, input: ProjectArchiveInput): Promise<Project> {
    const user = requireUser(ctx.user);
    const id = decodeId(input.id, 'Project', 'input.id').id;
    const archive = input.archived ?? true;
    const project = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Project, { where: { dbId: id } });
      if (!current) throw new NotFoundError('Project', input.id, 'input.id');
      await assertMayWriteUnitRow(manager, user, current, false);
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
    ctx.services.live.notifyCommitted();
    return project;
  },
};

function pickChanges(changes: FieldChanges, fields: string[]): FieldChanges {
  return Object.fromEntries(fields.filter((f) => f in changes).map((f) => [f, changes[f]]));
}
