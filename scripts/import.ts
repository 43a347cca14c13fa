/**
 * Imports a ledger file from the command line, like POST /imports:
 *
 *   npm run import -- FILE --task-force ID [--as-of 2020-09-30] [--dry-run] [--create-missing] [--user admin]
 *
 * ID is the task force's global ID (as the API shows it) or its database number. The database is the one
 * DATABASE_URL names (default ./data/ledger.db). The change log records the import as done by --user
 * (default admin); a REPORTER may import only its own unit's rows, as over HTTP. Prints the JSON report; exits 0
 * when the rows were written (or the dry run found no error), 1 when the file has errors, 2 on bad usage.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseGlobalId } from '../src/common/global-id';
import { loadConfig } from '../src/config/config';
import { createDataSource } from '../src/db/data-source';
import { User } from '../src/domain/user/user.entity';
import { AppError } from '../src/errors/app-error';
import { Services } from '../src/server/services';
import { checkImportAsOf } from '../src/spreadsheet/ledger-date';
import { LedgerImporter } from '../src/spreadsheet/ledger-importer.service';
import { SpreadsheetFileError } from '../src/spreadsheet/spreadsheet-error';

const usage = 'usage: npm run import -- FILE --task-force ID [--as-of YYYY-MM-DD] [--dry-run] [--create-missing] [--user USERNAME]';

function parseArgs(argv: string[]): { file: string; taskForce: string; dryRun: boolean; createMissing: boolean; user: string; asOf: string | null } {
  let file: string | undefined;
  let taskForce: string | undefined;
  let user = 'admin';
  let dryRun = false;
  let asOf: string | null = null;
  let createMissing = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--task-force' || arg === '--taskForce') taskForce = argv[++i];
    else if (arg.startsWith('--task-force=')) taskForce = arg.slice('--task-force='.length);
    else if (arg === '--dry-run') dryRun = true;
    else if (arg === '--as-of') asOf = argv[++i] ?? '';
    else if (arg.startsWith('--as-of=')) asOf = arg.slice('--as-of='.length);
    else if (arg === '--create-missing') createMissing = true;
    else if (arg === '--user') user = argv[++i];
    else if (arg.startsWith('--user=')) user = arg.slice('--user='.length);
    else if (!arg.startsWith('--') && !file) file = arg;
    else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  if (!file || !taskForce || !user) throw new Error(usage);
  return { file, taskForce, dryRun, createMissing, user, asOf: checkImportAsOf(asOf, '--as-of') };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const taskForceId = /^\d+$/.test(args.taskForce) ? Number(args.taskForce) : parseGlobalId(args.taskForce)?.id;
  if (!taskForceId || (!/^\d+$/.test(args.taskForce) && parseGlobalId(args.taskForce)?.type !== 'TaskForce')) {
    process.stderr.write(`--task-force must be a task force's global ID or number, got "${args.taskForce}"\n`);
    return 2;
  }
  const config = loadConfig();
  const file = fs.readFileSync(args.file);
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const user = await dataSource.manager.findOne(User, { where: { username: args.user } });
    if (!user || user.disabled) {
      process.stderr.write(`no active user "${args.user}"\n`);
      return 2;
    }
    // Other processes find the new change events on their next poll of the change log.
    const services = { config, dataSource, live: { notifyCommitted: () => undefined } } as unknown as Services;
    const report = await new LedgerImporter(services).import(user, file, {
      taskForceId,
      dryRun: args.dryRun,
      createMissing: args.createMissing,
      asOf: args.asOf,
      fileName: path.basename(args.file).slice(0, 31),
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const summary = report.errorCount
      ? `${report.errorCount} error(s); nothing was written`
      : `${report.dryRun ? 'dry run: would create' : 'created'} ${report.created}, ${report.dryRun ? 'update' : 'updated'} ${report.updated}, unchanged ${report.unchanged}`;
    process.stderr.write(`${summary}\n`);
    for (const dated of report.figuresDated) process.stderr.write(`figures of ${dated.rows} row(s) dated ${dated.date}: ${dated.reason}\n`);
    return report.errorCount ? 1 : 0;
  } catch (error) {
    if (error instanceof SpreadsheetFileError || error instanceof AppError) {
      process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message, ...(error instanceof SpreadsheetFileError ? { reason: error.problem } : {}) } }, null, 2)}\n`);
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
