import { EntityManager } from 'typeorm';
import { generatePassword, hashPassword } from '../auth/password';
import { Role, User } from '../domain/user/user.entity';

/**
 * Creates the `admin` user on first start, with ADMIN_PASSWORD or a random password that is printed once.
 * Returns the generated password (null when none was generated or the user existed).
 */
export async function ensureAdmin(manager: EntityManager, configuredPassword: string | undefined): Promise<string | null> {
  if (await manager.exists(User, { where: { username: 'admin' } })) return null;
  const password = configuredPassword ?? generatePassword();
  await manager.insert(User, { username: 'admin', displayName: '领导小组办公室', passwordHash: await hashPassword(password), role: Role.ADMIN });
  return configuredPassword ? null : password;
}
