import { requireRole } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { checkDate, checkOrdered } from '../../common/validation';
import { inTransaction } from '../../db/transaction';
import { BadInputError, NotFoundError } from '../../errors/app-error';
import { diff, recordChange } from '../change/change-log';
import { RequestContext } from '../../common/request-context';
import { Subgroup } from '../campaign/subgroup.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { staleVersion, updateVersioned } from '../../db/versioned-update';
import { optionalUnitId } from '../unit/unit-lookup';
import { Role } from '../user/user.entity';
import { Person } from './person.entity';
import { PersonCreateInput, PersonUpdateInput, RoleAssignmentCreateInput, RoleAssignmentUpdateInput } from './person.inputs';
import { RoleAssignment } from './role-assignment.entity';
import { roleKindOf } from './role-kind';


export const PersonService = {
  async create(ctx: RequestContext, input: PersonCreateInput): Promise<Person> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    const person = await inTransaction(ctx.services.dataSource, async (manager) => {
      const values = { name: input.name.trim(), title: input.title?.trim() || null, unitId: await optionalUnitId(manager, input.unitId, 'input.unitId') };
      const saved = await manager.save(manager.create(Person, values));
      await recordChange(manager, admin, 'Person', saved.dbId, 'CREATE', diff(null, values), { taskForceId: null });
      return saved;
    });
    return person;
  },

  async update(ctx: RequestContext, input: PersonUpdateInput): Promise<Person> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    const id = decodeId(input.id, 'Person', 'input.id').id;
    const person = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Person, { where: { dbId: id } });
      if (!current) throw new NotFoundError('Person', input.id, 'input.id');
      const values: Record<string, unknown> = {};
      if (input.name !== undefined && input.name !== null) values.name = input.name.trim();
      if (input.title !== undefined) values.title = input.title?.trim() || null;
      if (input.unitId !== undefined) values.unitId = await optionalUnitId(manager, input.unitId, 'input.unitId');
      const changes = diff(current as unknown as Record<string, unknown>, values);
      if (!Object.keys(changes).length) {
        if (current.version !== input.expectedVersion) throw staleVersion('Person', input.expectedVersion, current.version);
        return current;
      }
      await updateVersioned(manager, Person, current, input.expectedVersion, values, 'Person');
      await recordChange(manager, admin, 'Person', id, 'UPDATE', changes, { taskForceId: null });
      return manager.findOneOrFail(Person, { where: { dbId: id } });
    });
    return person;
  },

  async assignRole(ctx: RequestContext, input: RoleAssignmentCreateInput): Promise<RoleAssignment> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    if (!input.taskForceId === !input.subgroupId) throw new BadInputError('Give exactly one of taskForceId and subgroupId.', input.taskForceId ? 'input.subgroupId' : 'input.taskForceId');
    const role = input.role.trim();
    if (!role) throw new BadInputError('input.role must not be blank.', 'input.role');
    const since = checkDate(input.since, 'input.since') ?? null;
    const until = checkDate(input.until, 'input.until') ?? null;
    checkOrdered(since, until, 'input.since', 'input.until');
    const assignment = await inTransaction(ctx.services.dataSource, async (manager) => {
      const personId = decodeId(input.personId, 'Person', 'input.personId').id;
      if (!(await manager.exists(Person, { where: { dbId: personId } }))) throw new NotFoundError('Person', input.personId, 'input.personId');
      let taskForceId: number | null = null;
      let subgroupId: number | null = null;
      if (input.subgroupId) {
        subgroupId = decodeId(input.subgroupId, 'Subgroup', 'input.subgroupId').id;
        const subgroup = await manager.findOne(Subgroup, { where: { dbId: subgroupId } });
        if (!subgroup) throw new NotFoundError('Subgroup', input.subgroupId, 'input.subgroupId');
        taskForceId = subgroup.taskForceId;
      } else {
        taskForceId = decodeId(input.taskForceId!, 'TaskForce', 'input.taskForceId').id;
        if (!(await manager.exists(TaskForce, { where: { dbId: taskForceId } }))) throw new NotFoundError('TaskForce', input.taskForceId!, 'input.taskForceId');
      }
      // A subgroup's assignment is stored against the subgroup only; its task force is the scope for the log.
      const values = { personId, taskForceId: subgroupId ? null : taskForceId, subgroupId, role, kind: input.kind ?? roleKindOf(role), title: input.title?.trim() || null, since, until, position: input.position ?? 0 };
      const saved = await manager.save(manager.create(RoleAssignment, values));
      await recordChange(manager, admin, 'RoleAssignment', saved.dbId, 'CREATE', diff(null, values), { taskForceId, subgroupId });
      return saved;
    });
    return assignment;
  },

  async updateRole(ctx: RequestContext, input: RoleAssignmentUpdateInput): Promise<RoleAssignment> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    const id = decodeId(input.id, 'RoleAssignment', 'input.id').id;
    const assignment = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(RoleAssignment, { where: { dbId: id } });
      if (!current) throw new NotFoundError('RoleAssignment', input.id, 'input.id');
      const values: Record<string, unknown> = {};
      if (input.role !== undefined && input.role !== null) {
        values.role = input.role.trim();
        if (!values.role) throw new BadInputError('input.role must not be blank.', 'input.role');
        if (!input.kind) values.kind = roleKindOf(values.role as string);
      }
      if (input.kind) values.kind = input.kind;
      if (input.title !== undefined) values.title = input.title?.trim() || null;
      if (input.since !== undefined) values.since = checkDate(input.since, 'input.since');
      if (input.until !== undefined) values.until = checkDate(input.until, 'input.until');
      if (input.position !== undefined && input.position !== null) values.position = input.position;
      checkOrdered(
        (values.since === undefined ? current.since : values.since) as string | null,
        (values.until === undefined ? current.until : values.until) as string | null,
        'input.since',
        'input.until',
      );
      const changes = diff(current as unknown as Record<string, unknown>, values);
      if (!Object.keys(changes).length) {
        if (current.version !== input.expectedVersion) throw staleVersion('RoleAssignment', input.expectedVersion, current.version);
        return current;
      }
      await updateVersioned(manager, RoleAssignment, current, input.expectedVersion, values, 'RoleAssignment');
      const taskForceId = current.taskForceId ?? (current.subgroupId ? (await manager.findOneOrFail(Subgroup, { where: { dbId: current.subgroupId } })).taskForceId : null);
      await recordChange(manager, admin, 'RoleAssignment', id, 'UPDATE', changes, { taskForceId, subgroupId: current.subgroupId });
      return manager.findOneOrFail(RoleAssignment, { where: { dbId: id } });
    });
    return assignment;
  },
};
