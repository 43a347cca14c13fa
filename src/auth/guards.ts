import { EntityManager } from 'typeorm';
import { SubgroupUnit, SubgroupUnitRole } from '../domain/campaign/subgroup-unit.entity';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { Project } from '../domain/project/project.entity';
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

/**
 * Whether a unit takes part in a task force: one of its subgroups covers or leads the unit, or the unit already
 * carries projects there. Units are shared by every campaign; a reporter writes only where its unit takes part.
 */
export async function unitTakesPart(manager: EntityManager, unitId: number, taskForceId: number): Promise<boolean> {
  const linked = await manager
    .createQueryBuilder(Subgroup, 's')
    .leftJoin(SubgroupUnit, 'su', 'su.subgroup_id = s.id AND su.unit_id = :unitId', { unitId })
    .where('s.task_force_id = :taskForceId', { taskForceId })
    .andWhere('(su.unit_id IS NOT NULL OR s.lead_unit_id = :unitId)', { unitId })
    .getCount();
  if (linked > 0) return true;
  return manager.exists(Project, { where: { unitId, taskForceId } });
}

/** A REPORTER writes only in task forces its unit takes part in (unitTakesPart); other roles pass. */
export async function assertReporterTakesPart(manager: EntityManager, user: User, taskForceId: number | null): Promise<void> {
  if (user.role !== Role.REPORTER) return;
  if (user.unitId !== null && taskForceId !== null && (await unitTakesPart(manager, user.unitId, taskForceId))) return;
  throw new ForbiddenError('Your unit takes no part in this task force (no subgroup of it covers your unit, and your unit carries no project in it).');
}
