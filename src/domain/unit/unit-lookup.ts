import { EntityManager, In } from 'typeorm';
import { decodeId } from '../../common/global-id';
import { BadInputError, NotFoundError } from '../../errors/app-error';
import { Unit } from './unit.entity';

/** The database id of the unit a global ID names; BAD_USER_INPUT when it is not a unit's ID, NOT_FOUND when absent. */
export async function existingUnitId(manager: EntityManager, globalId: string, field: string): Promise<number> {
  const { id } = decodeId(globalId, 'Unit', field);
  if (!(await manager.exists(Unit, { where: { dbId: id } }))) throw new NotFoundError('Unit', globalId, field);
  return id;
}

/** As existingUnitId; null or omitted stays null (it clears the reference). */
export function optionalUnitId(manager: EntityManager, globalId: string | null | undefined, field: string): Promise<number | null> {
  return globalId ? existingUnitId(manager, globalId, field) : Promise.resolve(null);
}

/** The database ids of a list of units, in order; a unit listed twice is BAD_USER_INPUT, a missing one NOT_FOUND at its index. */
export async function existingUnitIds(manager: EntityManager, globalIds: string[], field: string): Promise<number[]> {
  const decoded = globalIds.map((value, index) => decodeId(value, 'Unit', `${field}[${index}]`).id);
  if (new Set(decoded).size !== decoded.length) throw new BadInputError(`${field} lists a unit twice.`, field);
  if (!decoded.length) return decoded;
  const found = new Set((await manager.find(Unit, { where: { dbId: In(decoded) }, select: { dbId: true } })).map((u) => u.dbId));
  const missing = decoded.findIndex((id) => !found.has(id));
  if (missing >= 0) throw new NotFoundError('Unit', globalIds[missing], `${field}[${missing}]`);
  return decoded;
}
