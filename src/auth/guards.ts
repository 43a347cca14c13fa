import { EntityManager, In } from 'typeorm';
import { SubgroupUnit, SubgroupUnitRole } from '../domain/campaign/subgroup-unit.entity';
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

/** Whether a LEADER leads the subgroup, or a subgroup covering the unit. */
export async function leaderCovers(manager: EntityManager, user: User, subgroupId: number | null, unitId: number | null): Promise<boolean> {
  const led = await ledSubgroupIds(manager, user);
  if (!led.length) return false;
  if (subgroupId !== null && led.includes(subgroupId)) return true;
  if (unitId === null) return false;
  return manager.exists(SubgroupUnit, { where: { subgroupId: In(led), unitId, role: SubgroupUnitRole.COVERED } });
}

/**
 * Row-level write rule for a unit's rows (projects, reports, problems): ADMIN always; REPORTER only its own
 * unit; LEADER only where `leaderMay` and it leads the row's subgroup; VIEWER never.
 */
export async function assertMayWriteUnitRow(
  manager: EntityManager,
  user: User | null,
  row: { unitId: number | null; subgroupId: number | null },
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
      if (leaderMay && (await leaderCovers(manager, signedIn, row.subgroupId, row.unitId))) return signedIn;
      throw new ForbiddenError(leaderMay ? 'A leader may write only within the subgroups it leads.' : 'A leader may not write this.');
    default:
      throw new ForbiddenError('Viewers cannot write.');
  }
}
