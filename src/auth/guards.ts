import { EntityManager } from 'typeorm';
import { SubgroupUnit, SubgroupUnitRole } from '../domain/campaign/subgroup-unit.entity';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { Role, User, UserSubgroup } from '../domain/user/user.entity';
import { ForbiddenError, UnauthenticatedError } from '../errors/app-error';

/** The signed-in user, or UNAUTHENTICATED. */
export function requireUser(user: User | null): User {
  if (!user) throw new UnauthenticatedError();
  return user;
}

export function requireRole(user: User | null, ...roles: Role[]): User {
  const signedIn = requireUser(user);
  if (!roles.includes(signedIn.role)) throw new ForbiddenError(`This needs the role ${roles.join(' or ')}; you are ${signedIn.role}.`);
  return signedIn;
}

/** Subgroup ids a LEADER leads. */
export async function ledSubgroupIds(manager: EntityManager, user: User): Promise<number[]> {
  const rows = await manager.find(UserSubgroup, { where: { userId: user.dbId } });
  return rows.map((r) => r.subgroupId);
}

/** Where a row sits: its subgroup (when known), its unit, and its task force. */
export interface RowPlace {
  subgroupId: number | null;
  unitId: number | null;
  taskForceId?: number | null;
}

/**
 * Whether a LEADER leads the row's subgroup. A row without a subgroup falls back to its unit: a subgroup the
 * leader leads must cover the unit in the row's own task force (units are shared by every campaign, so coverage
 * in another task force grants nothing).
 */
export async function leaderCovers(manager: EntityManager, user: User, row: RowPlace): Promise<boolean> {
  const led = await ledSubgroupIds(manager, user);
  if (!led.length) return false;
  if (row.subgroupId !== null) return led.includes(row.subgroupId);
  if (row.unitId === null) return false;
  const query = manager
    .createQueryBuilder(SubgroupUnit, 'su')
    .innerJoin(Subgroup, 's', 's.id = su.subgroup_id')
    .where('su.subgroup_id IN (:...led) AND su.unit_id = :unitId AND su.role = :role', { led, unitId: row.unitId, role: SubgroupUnitRole.COVERED });
  if (row.taskForceId !== null && row.taskForceId !== undefined) query.andWhere('s.task_force_id = :taskForceId', { taskForceId: row.taskForceId });
  return (await query.getCount()) > 0;
}

/**
 * Row-level write rule for a unit's rows (projects, reports, problems): ADMIN always; REPORTER only its own
 * unit; LEADER only where `leaderMay` and it leads the row's subgroup; VIEWER never.
 */
export async function assertMayWriteUnitRow(
  manager: EntityManager,
  user: User | null,
  row: RowPlace,
  leaderMay: boolean,
): Promise<User> {
  const signedIn = requireUser(user);
  switch (signedIn.role) {
    case Role.ADMIN:
      return signedIn;
    case Role.REPORTER:
      if (signedIn.unitId !== null && row.unitId === signedIn.unitId) return signedIn;
      throw new ForbiddenError('A reporter may write only its own unit\'s rows.');
    case Role.LEADER:
      if (leaderMay && (await leaderCovers(manager, signedIn, row))) return signedIn;
      throw new ForbiddenError(leaderMay ? 'A leader may write only within the subgroups it leads.' : 'A leader may not write this.');
    default:
      throw new ForbiddenError('Viewers cannot write.');
  }
}
