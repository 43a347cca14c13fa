import { EntityManager } from 'typeorm';
import { requireRole } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { inTransaction } from '../../db/transaction';
import { BadInputError, NotFoundError } from '../../errors/app-error';
import { diff, recordChange } from '../change/change-log';
import { RequestContext } from '../../common/request-context';
import { Problem } from '../problem/problem.entity';
import { Project } from '../project/project.entity';
import { staleVersion, updateVersioned } from '../../db/versioned-update';
import { existingUnitIds, optionalUnitId } from '../unit/unit-lookup';
import { Role, User } from '../user/user.entity';
import { deriveProjectSubgroups } from './subgroup-derivation';
import { SubgroupUnit, SubgroupUnitRole } from './subgroup-unit.entity';
import { Subgroup } from './subgroup.entity';
import { TaskForce } from './task-force.entity';
import { SubgroupCreateInput, SubgroupUpdateInput } from './subgroup.inputs';



/**
 * Re-derives the subgroup of the task force's projects after coverage changed, and records each project that
 * moved, under its old and its new subgroup, so both screens hear of it.
 */
async function rederiveProjects(manager: EntityManager, actor: User, taskForceId: number): Promise<void> {
  const select = { dbId: true, subgroupId: true, unitId: true } as const;
  const before = new Map((await manager.find(Project, { where: { taskForceId, subgroupExplicit: false }, select })).map((p) => [p.dbId, p.subgroupId]));
  await deriveProjectSubgroups(manager, taskForceId);
  const after = await manager.find(Project, { where: { taskForceId, subgroupExplicit: false }, select });
  for (const project of after) {
    const old = before.get(project.dbId) ?? null;
    if (old === project.subgroupId) continue;
    const changes = { subgroupId: { before: old, after: project.subgroupId } };
    await manager.update(Project, { dbId: project.dbId }, { version: () => 'version + 1' } as never);
    await manager.update(Problem, { projectId: project.dbId }, { subgroupId: project.subgroupId });
    await recordChange(manager, actor, 'Project', project.dbId, 'UPDATE', changes, { taskForceId, subgroupId: project.subgroupId, unitId: project.unitId, projectId: project.dbId });
    if (old !== null) await recordChange(manager, actor, 'Project', project.dbId, 'MOVE_OUT', changes, { taskForceId, subgroupId: old, unitId: project.unitId, projectId: project.dbId });
  }
}

async function coveredIds(manager: EntityManager, subgroupId: number): Promise<number[]> {
  const rows = await manager.find(SubgroupUnit, { where: { subgroupId, role: SubgroupUnitRole.COVERED }, order: { position: 'ASC' } });
  return rows.map((r) => r.unitId);
}

export const SubgroupService = {
  async create(ctx: RequestContext, input: SubgroupCreateInput): Promise<Subgroup> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    const taskForceId = decodeId(input.taskForceId, 'TaskForce', 'input.taskForceId').id;
    const name = input.name.trim();
    if (!name) throw new BadInputError('input.name must not be blank.', 'input.name');
    const subgroup = await inTransaction(ctx.services.dataSource, async (manager) => {
      if (!(await manager.exists(TaskForce, { where: { dbId: taskForceId } }))) throw new NotFoundError('TaskForce', input.taskForceId, 'input.taskForceId');
      const covered = await existingUnitIds(manager, input.coveredUnitIds ?? [], 'input.coveredUnitIds');
      const values = {
        taskForceId,
        name,
        leadUnitId: await optionalUnitId(manager, input.leadUnitId, 'input.leadUnitId'),
        officeUnitId: await optionalUnitId(manager, input.officeUnitId, 'input.officeUnitId'),
        mainTasks: input.mainTasks?.trim() || null,
        position: input.position ?? 0,
      };
      const saved = await manager.save(manager.create(Subgroup, values));
      if (covered.length) {
        await manager.insert(SubgroupUnit, covered.map((unitId, position) => ({ subgroupId: saved.dbId, unitId, role: SubgroupUnitRole.COVERED, position })));
      }
      await recordChange(manager, admin, 'Subgroup', saved.dbId, 'CREATE', diff(null, { ...values, coveredUnitIds: covered }), { taskForceId, subgroupId: saved.dbId });
      if (covered.length) await rederiveProjects(manager, admin, taskForceId);
      return saved;
    });
    return subgroup;
  },

  async update(ctx: RequestContext, input: SubgroupUpdateInput): Promise<Subgroup> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    const id = decodeId(input.id, 'Subgroup', 'input.id').id;
    const subgroup = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Subgroup, { where: { dbId: id } });
      if (!current) throw new NotFoundError('Subgroup', input.id, 'input.id');
      const values: Record<string, unknown> = {};
      if (input.name !== undefined && input.name !== null) {
        values.name = input.name.trim();
        if (!values.name) throw new BadInputError('input.name must not be blank.', 'input.name');
      }
      if (input.leadUnitId !== undefined) values.leadUnitId = await optionalUnitId(manager, input.leadUnitId, 'input.leadUnitId');
      if (input.officeUnitId !== undefined) values.officeUnitId = await optionalUnitId(manager, input.officeUnitId, 'input.officeUnitId');
      if (input.mainTasks !== undefined) values.mainTasks = input.mainTasks?.trim() || null;
      if (input.position !== undefined && input.position !== null) values.position = input.position;
      const changes = diff(current as unknown as Record<string, unknown>, values);
      let covered: number[] | null = null;
      if (input.coveredUnitIds !== undefined && input.coveredUnitIds !== null) {
        covered = await existingUnitIds(manager, input.coveredUnitIds, 'input.coveredUnitIds');
        const old = await coveredIds(manager, id);
        if (JSON.stringify(old) !== JSON.stringify(covered)) changes.coveredUnitIds = { before: old, after: covered };
        else covered = null;
      }
      if (!Object.keys(changes).length) {
        if (current.version !== input.expectedVersion) throw staleVersion('Subgroup', input.expectedVersion, current.version);
        return current;
      }
      await updateVersioned(manager, Subgroup, current, input.expectedVersion, values, 'Subgroup');
      if (covered) {
        await manager.delete(SubgroupUnit, { subgroupId: id, role: SubgroupUnitRole.COVERED });
        if (covered.length) await manager.insert(SubgroupUnit, covered.map((unitId, position) => ({ subgroupId: id, unitId, role: SubgroupUnitRole.COVERED, position })));
      }
      await recordChange(manager, admin, 'Subgroup', id, 'UPDATE', changes, { taskForceId: current.taskForceId, subgroupId: id });
      if (covered) await rederiveProjects(manager, admin, current.taskForceId);
      return manager.findOneOrFail(Subgroup, { where: { dbId: id } });
    });
    return subgroup;
  },
};
