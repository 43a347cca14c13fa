import 'reflect-metadata';
import { resolveJwtSecret } from './auth/tokens';
import { logger } from './common/logger';
import { loadConfig } from './config/config';
import { createDataSource } from './db/data-source';
import { TaskForce } from './domain/campaign/task-force.entity';
import { ensureAdmin } from './seed/admin';
import { loadDemoData } from './seed/demo-data';
import { createServices, startApp } from './server/app';
import { readerThreads } from './spreadsheet/ledger-batches';

/** Start-up: config → database (migrations, demo data, admin) → server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length) logger.info('applied migrations', { migrations: applied.map((m) => m.name) });

  if (config.seedDemo && (await dataSource.manager.count(TaskForce)) === 0) await loadDemoData(dataSource.manager);
  const generated = await ensureAdmin(dataSource.manager, config.adminPassword);
  if (generated) {
    process.stdout.write(`\nCreated user "admin" with password: ${generated}\n(shown once; set ADMIN_PASSWORD before the first start to choose it)\n\n`);
  }

  const services = createServices(config, dataSource, resolveJwtSecret(config.jwtSecret, config.dataDir));
  const running = await startApp(services, { port: config.port });
  // A large workbook's reader thread is started ahead, so an import does not wait for it.
  void readerThreads.keepOneReady(config.spreadsheet);
  const where = config.database.type === 'sqlite' ? config.database.file : 'MySQL/MariaDB';
  logger.info('listening', { url: `http://localhost:${config.port}/graphql`, database: where });
  process.stdout.write(`Project ledger service at http://localhost:${config.port}/graphql (database: ${where})\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await running.stop();
    await readerThreads.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.error('failed to start', { error });
  process.exit(1);
});
