import { EntityManager, Not } from 'typeorm';
import { requireRole } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { foldForSearch } from '../../common/search-text';
import { inTransaction } from '../../db/transaction';
import { BadInputError, ConflictError, NotFoundError } from '../../errors/app-error';
import { diff, recordChange } from '../change/change-log';
import { RequestContext } from '../../common/request-context';
import { staleVersion, updateVersioned } from '../../db/versioned-update';
import { Role } from '../user/user.entity';
import { Unit } from './unit.entity';
import { UnitCreateInput, UnitUpdateInput } from './unit.inputs';

async function assertNameFree(manager: EntityManager, region: string, name: string, exceptId?: number): Promise<void> {
  const taken = await manager.exists(Unit, { where: { region, name, ...(exceptId ? { dbId: Not(exceptId) } : {}) } });
  if (taken) throw new ConflictError(`A unit named ${name}${region ? ` in ${region}` : ''} already exists.`, { field: 'input.name' });
}

export const UnitService = {
  async create(ctx: RequestContext, input: UnitCreateInput): Promise<Unit> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    const name = input.name.trim();
    if (!name) throw new BadInputError('input.name must not be blank.', 'input.name');
    const region = input.region?.trim() ?? '';
    const unit = await inTransaction(ctx.services.dataSource, async (manager) => {
      await assertNameFree(manager, region, name);
      const values = { name, region, kind: input.kind };
      const saved = await manager.save(manager.create(Unit, { ...values, searchText: foldForSearch(name) }));
      await recordChange(manager, admin, 'Unit', saved.dbId, 'CREATE', diff(null, values), { taskForceId: null, unitId: saved.dbId });
      return saved;
    });
    return unit;
  },

  async update(ctx: RequestContext, input: UnitUpdateInput): Promise<Unit> {
    const admin = requireRole(ctx.user, Role.ADMIN);
    const id = decodeId(input.id, 'Unit', 'input.id').id;
    const unit = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Unit, { where: { dbId: id } });
      if (!current) throw new NotFoundError('Unit', input.id, 'input.id');
      const values: Record<string, unknown> = {};
      if (input.name !== undefined && input.name !== null) {
        values.name = input.name.trim();
        if (!values.name) throw new BadInputError('input.name must not be blank.', 'input.name');
      }
      if (input.region !== undefined) values.region = input.region?.trim() ?? '';
      if (input.kind) values.kind = input.kind;
      const changes = diff(current as unknown as Record<string, unknown>, values);
      if (!Object.keys(changes).length) {
        if (current.version !== input.expectedVersion) throw staleVersion('Unit', input.expectedVersion, current.version);
        return current;
      }
      if (changes.name || changes.region) await assertNameFree(manager, (values.region as string | undefined) ?? current.region, (values.name as string | undefined) ?? current.name, id);
      if (changes.name) values.searchText = foldForSearch(values.name as string);
      await updateVersioned(manager, Unit, current, input.expectedVersion, values, 'Unit');
      await recordChange(manager, admin, 'Unit', id, 'UPDATE', changes, { taskForceId: null, unitId: id });
      return manager.findOneOrFail(Unit, { where: { dbId: id } });
    });
    return unit;
  },
};
