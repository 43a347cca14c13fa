import 'reflect-metadata';
import { resolveJwtSecret } from './auth/tokens';
import { logger } from './common/logger';
import { loadConfig } from './config/config';
import { boundDatabaseWaits, createDataSource } from './db/data-source';
import { limitRollups } from './db/sqlite-readers';
import { TaskForce } from './domain/campaign/task-force.entity';
import { ensureAdmin } from './seed/admin';
import { loadDemoData } from './seed/demo-data';
import { createServices, startApp } from './server/app';
import { readerThreads } from './spreadsheet/ledger-batches';

/** Start-up: config → database (migrations, demo data, admin) → server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource(config.database, { connectTimeoutMs: config.databaseTimeouts.connectMs });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length) logger.info('applied migrations', { migrations: applied.map((m) => m.name) });

  if (config.seedDemo && (await dataSource.manager.count(TaskForce)) === 0) await loadDemoData(dataSource.manager);
  const generated = await ensureAdmin(dataSource.manager, config.adminPassword);
  if (generated) {
    process.stdout.write(`\nCreated user "admin" with password: ${generated}\n(shown once; set ADMIN_PASSWORD before the first start to choose it)\n\n`);
  }

  // From here on a database that is down or frozen fails requests within seconds (migrations above may run long).
  boundDatabaseWaits(dataSource, config.databaseTimeouts);
  limitRollups(dataSource, config.databaseTimeouts.rollupMs);

  const services = createServices(config, dataSource, resolveJwtSecret(config.jwtSecret, config.dataDir));
  const running = await startApp(services, { port: config.port });
  // A large workbook's reader thread is started ahead, so an import does not wait for it.
  void readerThreads.keepOneReady(config.spreadsheet);
  const where = config.database.type === 'sqlite' ? config.database.file : 'MySQL/MariaDB';
  logger.info('listening', { url: `http://localhost:${config.port}/graphql`, database: where });
  process.stdout.write(`Project ledger service at http://localhost:${config.port}/graphql (database: ${where})\n`);

  // This process owns shutdown (Apollo's own signal handlers are off): stop accepting, let requests in flight
  // finish, close the sockets (1001, which graphql-ws clients reconnect on), the threads and the pools, exit 0.
  // Past SHUTDOWN_TIMEOUT_MS, or on a second signal, it exits anyway (1).
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal while shutting down: exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    logger.info('shutting down', { signal, deadlineMs: config.shutdownTimeoutMs });
    setTimeout(() => {
      logger.error('shutdown did not finish in time: exiting anyway', { deadlineMs: config.shutdownTimeoutMs });
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    try {
      await running.stop();
      await readerThreads.stop();
      await dataSource.destroy();
    } catch (error) {
      logger.error('shutdown failed', { error });
      process.exit(1);
    }
    logger.info('stopped', { ms: Date.now() - started });
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  logger.error('failed to start', { error });
  process.exit(1);
});
