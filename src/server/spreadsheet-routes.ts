import { randomUUID } from 'node:crypto';
import { httpHeadersOf, toAppError, UnavailableError } from '../errors/error-map';
import express from 'express';
import { resolveAsOf } from '../common/args';
import { today } from '../metrics/dates';
import { checkImportAsOf } from '../spreadsheet/ledger-date';
import { decodeId, parseGlobalId } from '../common/global-id';
import { logger } from '../common/logger';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { Project } from '../domain/project/project.entity';
import { writerProblem } from '../domain/project/project-rules';
import { RankingIndicator } from '../domain/ranking/ranking.type';
import { Role, User } from '../domain/user/user.entity';
import { AppError, BadInputError, ErrorCode, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors/app-error';
import { createLoaders } from '../loaders/loaders';
import { LedgerImporter } from '../spreadsheet/ledger-importer.service';
import { buildLedger, ledgerTitle, LedgerScope, writeLedgerCsv, writeLedgerXlsx } from '../spreadsheet/ledger-exporter';
import { writeRankingXlsx } from '../spreadsheet/ranking-report';
import { writeProblemListXlsx } from '../spreadsheet/problem-list-report';
import { ProblemOrder } from '../domain/problem/problem-list.inputs';
import { ProblemQueryService, ResolvedProblemFilter } from '../domain/problem/problem-query.service';
import { SpreadsheetFileError } from '../spreadsheet/spreadsheet-error';
import { RequestContext } from '../common/request-context';
import { Services } from './services';
import { noteOf } from './telemetry';
import { readUpload } from './upload-body';

interface Caller {
  user: User;
  expiresAt: number | null;
  /** Screen tokens: the node they may read (null: everything). */
  scopeId: string | null | undefined;
}

/** The JSON every refused request gets: {error: {code, message, …}} with the error's status. */
function sendError(res: express.Response, error: unknown): void {
  if (error instanceof AppError) noteOf(res.req).errorCodes.push(error.code);
  if (res.headersSent) {
    logger.error('spreadsheet export failed while streaming', { error });
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  if (error instanceof SpreadsheetFileError) {
    const issue = error.toIssue();
    res.status(error.status).json({
      error: { code: error.code, message: error.message, reason: error.problem, sheet: issue.sheet, row: issue.row, column: issue.column },
      dryRun: null,
      committed: false,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [issue],
    });
    return;
  }
  // The one map (errors/error-map.ts), as for GraphQL: unique violations, lock conflicts, outages, bugs.
  const mapped = toAppError(error, 'spreadsheet route');
  const { http: _http, code: _code, ...details } = mapped.extensions as Record<string, unknown>;
  res.status(mapped.status).set(httpHeadersOf(mapped)).json({ error: { code: mapped.code, message: mapped.message, ...details } });
}

function flag(value: unknown, name: string): boolean {
  if (value === undefined || value === '') return false;
  if (typeof value === 'string' && /^(1|true|yes)$/i.test(value)) return true;
  if (typeof value === 'string' && /^(0|false|no)$/i.test(value)) return false;
  throw new BadInputError(`${name} must be true or false.`, name);
}

function requiredParam(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new BadInputError(`The query parameter ${name} is required (a global ID).`, name);
  return value;
}

/**
 * Content-Disposition for a download: the Chinese name in filename* (browsers use it) and a plain ASCII name saying
 * what the file holds in filename (curl -OJ, wget and older clients ignore filename*), e.g. ledger-taskforce-5.xlsx.
 */
function attachment(res: express.Response, name: string, asciiName: string, ext: string): void {
  const safe = name.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim().slice(0, 120) || 'ledger';
  const ascii = asciiName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120) || 'export';
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${safe}.${ext}`)}`);
}

/**
 * Whether a screen token scoped to `tokenScope` may read `target`: the same node, or a subgroup or project inside
 * its task force, or a project inside its subgroup or unit. Users' own tokens read everything (SPEC: every role reads).
 */
async function mayRead(services: Services, caller: Caller, target: LedgerScope): Promise<boolean> {
  if (!caller.scopeId) return true;
  const token = parseGlobalId(caller.scopeId);
  if (!token) return false;
  if (token.type === target.kind) return token.id === target.id;
  const manager = services.dataSource.manager;
  if (target.kind === 'Subgroup' && token.type === 'TaskForce') {
    return (await manager.findOne(Subgroup, { where: { dbId: target.id } }))?.taskForceId === token.id;
  }
  if (target.kind === 'Project') {
    const project = await manager.findOne(Project, { where: { dbId: target.id } });
    if (!project) return false;
    return (
      (token.type === 'TaskForce' && project.taskForceId === token.id) ||
      (token.type === 'Subgroup' && project.subgroupId === token.id) ||
      (token.type === 'Unit' && project.unitId === token.id)
    );
  }
  return false;
}

/**
 * Spreadsheet import and export over plain HTTP (SPEC "HTTP surface"): POST /imports, GET /exports/ledger.xlsx,
 * GET /exports/ledger.csv, GET /exports/ranking.xlsx, GET /exports/problems.xlsx. Each needs a bearer token; errors answer
 * {error: {code, message}} with 400, 401, 403, 404, 413 or 415.
 */
export function mountSpreadsheetRoutes(app: express.Express, services: Services): void {
  const importer = new LedgerImporter(services);

  const authenticate = async (req: express.Request): Promise<Caller> => {
    const session = await services.auth.authenticate(services.dataSource.manager, req.headers.authorization);
    if (!session) throw new UnauthenticatedError();
    noteOf(req).userId = session.user.dbId;
    return { user: session.user, expiresAt: session.expiresAt, scopeId: (session as { scopeId?: string | null }).scopeId };
  };

  // Each import holds a parsed file and a transaction: a few at a time, the rest are asked to come back.
  let importsRunning = 0;
  app.post('/imports', async (req, res) => {
    let holdsSlot = false;
    let started = 0;
    try {
      const caller = await authenticate(req);
      const taskForceId = decodeId(requiredParam(req.query.taskForce, 'taskForce'), 'TaskForce', 'taskForce').id;
      const dryRun = flag(req.query.dryRun, 'dryRun');
      const createMissing = flag(req.query.createMissing, 'createMissing');
      const asOf = checkImportAsOf(req.query.asOf, 'asOf');
      // Refuse before reading the body: who may not import at all does not get to upload 32 MB first.
      const gate = writerProblem(caller.user);
      if (gate) throw new ForbiddenError(gate);
      if (createMissing && caller.user.role !== Role.ADMIN) throw new ForbiddenError('createMissing=true is for the leading-group office (ADMIN).');
      if (importsRunning >= services.config.spreadsheet.maxConcurrentImports) {
        sendError(res, new UnavailableError(`${importsRunning} imports are running; try again in a few seconds.`, 5));
        return;
      }
      importsRunning += 1;
      holdsSlot = true;
      // The raw body, or the one file of a multipart/form-data form (a file input, FormData).
      const upload = await readUpload(req, services.config.spreadsheet.maxBytes);
      const named = typeof req.query.name === 'string' ? req.query.name : upload.fileName?.replace(/\.(xlsx|csv|txt)$/i, '');
      const fileName = named ? named.slice(0, 31) : undefined;
      started = performance.now();
      const report = await importer.import(caller.user, upload.body, { taskForceId, dryRun, createMissing, fileName, asOf });
      const rows = report.created + report.updated + report.unchanged;
      const outcome = report.dryRun ? 'dry_run' : report.committed ? 'committed' : 'refused';
      services.telemetry.observeImport(outcome, (performance.now() - started) / 1000, rows);
      if (report.dryRun || report.committed) {
        res.json(report);
        return;
      }
      const codes = Object.keys(report.errorsByCode);
      const forbidden = codes.length === 1 && codes[0] === ErrorCode.FORBIDDEN;
      res.status(forbidden ? 403 : 400).json({
        error: {
          code: forbidden ? ErrorCode.FORBIDDEN : ErrorCode.BAD_USER_INPUT,
          message: `${report.errorCount} problem(s) in the file; nothing was written. Correct the cells listed in "errors" and import again.`,
        },
        ...report,
      });
    } catch (error) {
      if (started) services.telemetry.observeImport('failed', (performance.now() - started) / 1000, 0);
      sendError(res, error);
    } finally {
      if (holdsSlot) importsRunning -= 1;
    }
  });

  const ledgerRoute = (format: 'xlsx' | 'csv') => async (req: express.Request, res: express.Response) => {
    try {
      const caller = await authenticate(req);
      const scopeId = requiredParam(req.query.scope, 'scope');
      const { type, id } = decodeId(scopeId, ['TaskForce', 'Subgroup', 'Unit', 'Project'], 'scope');
      const scope: LedgerScope = { kind: type, id };
      // The figures at a date asked for (as they stood then), else as they stand.
      const asOf = typeof req.query.asOf === 'string' && req.query.asOf !== '' ? resolveAsOf(req.query.asOf) : null;
      const title = await ledgerTitle(services.dataSource.manager, scope);
      if (!title) throw new NotFoundError(type, scopeId, 'scope');
      if (!(await mayRead(services, caller, scope))) throw new ForbiddenError('This token may not read that node.');
      const ledger = await buildLedger(services.dataSource.manager, scope, title, asOf);
      attachment(res, title, `ledger-${type.toLowerCase()}-${id}`, format);
      if (format === 'xlsx') {
        res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        await writeLedgerXlsx(ledger, res);
      } else {
        res.type('text/csv; charset=utf-8');
        await writeLedgerCsv(ledger, res);
      }
    } catch (error) {
      sendError(res, error);
    }
  };
  app.get('/exports/ledger.xlsx', ledgerRoute('xlsx'));
  app.get('/exports/ledger.csv', ledgerRoute('csv'));

  // 问题清单 of a node (optionally only the overdue, &overdue=true), earliest deadline first.
  app.get('/exports/problems.xlsx', async (req, res) => {
    try {
      const caller = await authenticate(req);
      const scopeId = requiredParam(req.query.scope, 'scope');
      const { type, id } = decodeId(scopeId, ['TaskForce', 'Subgroup', 'Unit', 'Project'], 'scope');
      const scope: LedgerScope = { kind: type, id };
      const overdue = req.query.overdue === undefined ? undefined : flag(req.query.overdue, 'overdue');
      const manager = services.dataSource.manager;
      const title = await ledgerTitle(manager, scope);
      if (!title) throw new NotFoundError(type, scopeId, 'scope');
      if (!(await mayRead(services, caller, scope))) throw new ForbiddenError('This token may not read that node.');
      const column = ({ TaskForce: 'taskForceId', Subgroup: 'subgroupId', Unit: 'unitId', Project: 'projectId' } as const)[type];
      const filter: ResolvedProblemFilter = { [column]: id, overdue };
      const problems = await ProblemQueryService.all(manager, filter, ProblemOrder.DEADLINE_ASC);
      const name = `${title.replace(/ 项目台账$/, '')} 问题清单${overdue ? '（超期）' : ''}`;
      attachment(res, name, `problems-${type.toLowerCase()}-${id}${overdue ? '-overdue' : ''}`, 'xlsx');
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await writeProblemListXlsx(name, problems, res);
    } catch (error) {
      sendError(res, error);
    }
  });

  app.get('/exports/ranking.xlsx', async (req, res) => {
    try {
      const caller = await authenticate(req);
      const taskForceGlobalId = requiredParam(req.query.taskForce, 'taskForce');
      const id = decodeId(taskForceGlobalId, 'TaskForce', 'taskForce').id;
      const byParam = typeof req.query.by === 'string' ? req.query.by : RankingIndicator.WEIGHTED_SCORE;
      if (!(Object.values(RankingIndicator) as string[]).includes(byParam)) {
        throw new BadInputError(`by must be one of ${Object.values(RankingIndicator).join(', ')}.`, 'by');
      }
      const manager = services.dataSource.manager;
      const taskForce = await manager.findOne(TaskForce, { where: { dbId: id } });
      if (!taskForce) throw new NotFoundError('TaskForce', taskForceGlobalId, 'taskForce');
      const asOf = resolveAsOf(typeof req.query.asOf === 'string' ? req.query.asOf : null, 'asOf', taskForce);
      if (!(await mayRead(services, caller, { kind: 'TaskForce', id }))) throw new ForbiddenError('This token may not read that task force.');
      const ctx: RequestContext = {
        requestId: randomUUID(),
        user: caller.user,
        tokenExpiresAt: caller.expiresAt,
        loaders: createLoaders(manager, services.metrics, services.projectQuery),
        manager,
        services,
      };
      attachment(res, `${taskForce.name} 通报 ${asOf}`, `ranking-taskforce-${id}-${asOf}`, 'xlsx');
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      // 报送情况 of &period=… (any reportingStatus period), else of the task force's first cadence's period holding asOf.
      const readAt = typeof req.query.asOf === 'string' && req.query.asOf !== '' && asOf < today() ? asOf : null;
      await writeRankingXlsx(ctx, taskForce, asOf, byParam as RankingIndicator, res, typeof req.query.period === 'string' ? req.query.period : null, readAt);
    } catch (error) {
      sendError(res, error);
    }
  });
}
