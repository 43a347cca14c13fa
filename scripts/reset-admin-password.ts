/**
 * A lost `admin` password, without deleting the data: run beside the database, as the service is configured
 * (DATABASE_URL, DATA_DIR: SQLite or MySQL/MariaDB), and it prints a new password for `admin`.
 *
 *   npm run admin:reset-password
 *
 * Every token `admin` held stops working (as after a password reset through the API), a lock-out after failed
 * sign-ins is lifted, a disabled `admin` is enabled again, and the change log records a PASSWORD_RESET. When there
 * is no `admin` (or no schema yet), it is created as at first start. Exits 0 on success, 1 on failure.
 */
import 'reflect-metadata';
import { generatePassword, hashPassword } from '../src/auth/password';
import { loadConfig } from '../src/config/config';
import { createDataSource } from '../src/db/data-source';
import { inTransaction } from '../src/db/transaction';
import { recordChange } from '../src/domain/change/change-log';
import { User } from '../src/domain/user/user.entity';
import { ensureAdmin } from '../src/seed/admin';

async function main(): Promise<number> {
  const config = loadConfig();
  const where = config.database.type === 'sqlite' ? config.database.file : 'the MySQL/MariaDB database of DATABASE_URL';
  const dataSource = createDataSource(config.database, { connectTimeoutMs: config.databaseTimeouts.connectMs });
  try {
    await dataSource.initialize();
    // The same migrations the service applies when it starts (none when it is up to date).
    await dataSource.runMigrations({ transaction: 'each' });
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const created = await inTransaction(dataSource, async (manager) => {
      const admin = await manager.findOne(User, { where: { username: 'admin' }, lock: dataSource.options.type === 'better-sqlite3' ? undefined : { mode: 'pessimistic_write' } });
      if (!admin) {
        await ensureAdmin(manager, password);
        return true;
      }
      await manager.update(User, { dbId: admin.dbId }, { passwordHash, tokenVersion: admin.tokenVersion + 1, failedLogins: 0, lockedUntil: null, disabled: false, version: admin.version + 1 });
      await recordChange(manager, null, 'User', admin.dbId, 'PASSWORD_RESET', admin.disabled ? { disabled: { before: true, after: false } } : {}, { taskForceId: null });
      return false;
    });
    process.stdout.write(
      `${created ? 'Created user "admin"' : 'Reset the password of "admin"'} in ${where}.\nNew password: ${password}\n` +
        `(shown once; every earlier token of admin stops working; sockets it holds close within a minute)\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`Could not reset the admin password in ${where}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

main().then((code) => process.exit(code));
