import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { pinoLogger } from '../common/logger';
import type { RequestContext } from '../common/request-context';
import { ErrorCode } from '../errors/app-error';

/** What the access line of one HTTP request says, filled in as the request goes (never a body, variables or a token). */
export interface RequestNote {
  requestId: string;
  /** GraphQL operation name as the client chose it (null: none, or not GraphQL). */
  operation: string | null;
  /** query, mutation or subscription, once the document was resolved. */
  operationType: string | null;
  userId: number | null;
  /** Error codes the response carried (GraphQL errors' extensions.code, or a route's error code). */
  errorCodes: string[];
}

const notes = new WeakMap<Request, RequestNote>();
/** Where a GraphQL context carries its request's note (a symbol: copies of the context made on the way keep it). */
const noteKey = Symbol('requestNote');

/** The note of a request (the access-log middleware made it; a request that bypassed it gets a fresh one). */
export function noteOf(req: Request): RequestNote {
  let note = notes.get(req);
  if (!note) {
    note = { requestId: randomUUID(), operation: null, operationType: null, userId: null, errorCodes: [] };
    notes.set(req, note);
  }
  return note;
}

/** Ties a GraphQL context to its request's note, so Apollo's plugin can fill it in. */
export function bindNote(context: object, req: Request): RequestNote {
  const note = noteOf(req);
  (context as Record<symbol, RequestNote>)[noteKey] = note;
  return note;
}

/** X-Request-Id as a client or proxy sent it, when it is a plain token of at most 64 characters; else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : randomUUID();
}

/** Which route family a path belongs to: a fixed set, so the label never grows with what clients send. */
function routeOf(path: string): string {
  if (path === '/graphql') return '/graphql';
  if (path === '/imports') return '/imports';
  if (path.startsWith('/exports/')) return '/exports';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path;
  if (path.startsWith('/screen')) return '/screen';
  return 'other';
}

/**
 * Prometheus metrics of one running service (its own registry: several services in one test process do not mix)
 * and the access log. Operation names are chosen by clients: the first `maxOperations` distinct names get their own
 * label value and later ones count as "other", so a client inventing names cannot grow the series without bound.
 */
export class Telemetry {
  readonly registry = new Registry();
  /** Where access lines go (tests swap it for a logger of their own). */
  accessLog: Logger = pinoLogger.child({ log: 'access' });
  private readonly operations = new Set<string>();
  private readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  private readonly graphqlDuration: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly errors: Counter<'code' | 'surface'>;
  private readonly importDuration: Histogram<'outcome'>;
  private readonly importRows: Counter<'outcome'>;
  private readonly socketsOpened: Counter;
  private readonly socketsClosed: Counter<'reason'>;

  constructor(private readonly maxOperations: number) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.httpDuration = new Histogram({
      name: 'ledger_http_request_duration_seconds',
      help: 'HTTP requests by route family, method and status, from the first byte in to the last byte out.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'ledger_graphql_request_duration_seconds',
      help: 'GraphQL operations over HTTP by operation name (first METRICS_MAX_OPERATIONS names, then "other"), type and outcome (ok or error).',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.errors = new Counter({
      name: 'ledger_errors_total',
      help: 'Errors answered, by code (BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, CONFLICT, SERVICE_UNAVAILABLE, INTERNAL_SERVER_ERROR, …) and surface (graphql, http, socket).',
      labelNames: ['code', 'surface'],
      registers,
    });
    this.importDuration = new Histogram({
      name: 'ledger_import_duration_seconds',
      help: 'Spreadsheet imports (POST /imports) by outcome: committed, dry_run, refused (errors in the file), failed.',
      labelNames: ['outcome'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.importRows = new Counter({
      name: 'ledger_import_rows_total',
      help: 'Data rows read by spreadsheet imports, by outcome (committed, dry_run, refused).',
      labelNames: ['outcome'],
      registers,
    });
    this.socketsOpened = new Counter({ name: 'ledger_live_sockets_opened_total', help: 'graphql-ws sockets accepted (token checked).', registers });
    this.socketsClosed = new Counter({ name: 'ledger_live_sockets_closed_total', help: 'graphql-ws sockets closed, by reason: client, auth (4403), other.', labelNames: ['reason'], registers });
  }

  /** The label for a client-chosen operation name: bounded in number and in length. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= this.maxOperations || name.length > 64) return 'other';
    this.operations.add(name);
    return name;
  }

  countError(code: string, surface: 'graphql' | 'http' | 'socket'): void {
    this.errors.inc({ code, surface });
  }

  observeImport(outcome: 'committed' | 'dry_run' | 'refused' | 'failed', seconds: number, rows: number): void {
    this.importDuration.observe({ outcome }, seconds);
    if (outcome !== 'failed') this.importRows.inc({ outcome }, rows);
  }

  socketOpened(): void {
    this.socketsOpened.inc();
  }

  socketClosed(reason: 'client' | 'auth' | 'other'): void {
    this.socketsClosed.inc({ reason });
  }

  /** Gauges read when /metrics is scraped: live sockets and subscriptions, the pool, the change log's lag. */
  watch(sources: { dataSource: DataSource; live: () => { sockets: number; subscriptions: number }; feedPosition: () => number }): void {
    const registers = [this.registry];
    new Gauge({
      name: 'ledger_live_sockets_open',
      help: 'graphql-ws sockets open in this process.',
      registers,
      collect() {
        this.set(sources.live().sockets);
      },
    });
    new Gauge({
      name: 'ledger_live_subscriptions_open',
      help: 'Subscriptions running in this process, over all sockets.',
      registers,
      collect() {
        this.set(sources.live().subscriptions);
      },
    });
    const pool = (): { all: number; free: number; queued: number } | null => {
      const driver = sources.dataSource.driver as unknown as { pool?: { _allConnections?: { length: number }; _freeConnections?: { length: number }; _connectionQueue?: { length: number } } };
      const p = driver.pool;
      if (!p?._allConnections || !p._freeConnections || !p._connectionQueue) return null;
      return { all: p._allConnections.length, free: p._freeConnections.length, queued: p._connectionQueue.length };
    };
    if (sources.dataSource.options.type === 'mysql' || sources.dataSource.options.type === 'mariadb') {
      new Gauge({
        name: 'ledger_db_pool_connections',
        help: 'MySQL/MariaDB pool connections by state: in_use (lent to a request) and idle.',
        labelNames: ['state'],
        registers,
        collect() {
          const p = pool();
          if (!p) return;
          this.set({ state: 'in_use' }, p.all - p.free);
          this.set({ state: 'idle' }, p.free);
        },
      });
      new Gauge({
        name: 'ledger_db_pool_waiting',
        help: 'Requests waiting for a MySQL/MariaDB pool connection.',
        registers,
        collect() {
          this.set(pool()?.queued ?? 0);
        },
      });
    }
    new Gauge({
      name: 'ledger_change_log_position',
      help: "The last change-log cursor this process's live feed has read and sent to subscribers.",
      registers,
      collect() {
        this.set(sources.feedPosition());
      },
    });
    new Gauge({
      name: 'ledger_change_log_lag_events',
      help: "Committed change-log events this process's live feed has not read yet (the newest cursor in the database less the feed's position); -1 when the database did not answer within 500 ms.",
      registers,
      async collect() {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), 500);
        });
        const head = await Promise.race([
          sources.dataSource
            .query('SELECT MAX(seq) AS head FROM change_event')
            .then((rows: Array<{ head: number | string | null }>) => Number(rows[0]?.head ?? 0))
            .catch(() => null),
          late,
        ]);
        clearTimeout(timer);
        this.set(head === null ? -1 : Math.max(0, head - sources.feedPosition()));
      },
    });
  }

  /**
   * First middleware: the request id (X-Request-Id honoured when it is a plain token, else made; returned on the
   * response), and one access line per request when the response ends or the client goes away.
   */
  accessMiddleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const started = process.hrtime.bigint();
      // The whole path, read now: a router mounted on a prefix strips it from req.path while its handlers run.
      const path = req.path;
      const note = noteOf(req);
      note.requestId = requestIdOf(req.headers['x-request-id']);
      res.setHeader('x-request-id', note.requestId);
      let logged = false;
      const done = () => {
        if (logged) return;
        logged = true;
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const route = routeOf(path);
        const status = res.writableFinished ? res.statusCode : 499;
        this.httpDuration.observe({ route, method: req.method, status: String(status) }, seconds);
        if (route === '/graphql' && note.operationType) {
          this.graphqlDuration.observe({ operation: this.operationLabel(note.operation), type: note.operationType, outcome: note.errorCodes.length || status >= 400 ? 'error' : 'ok' }, seconds);
        }
        // GraphQL errors Apollo answered are counted by its plugin; the rest here (routes, and /graphql refused before Apollo).
        if (status >= 400 && (route !== '/graphql' || !note.operationType)) this.countError(note.errorCodes[0] ?? `HTTP_${status}`, route === '/graphql' ? 'graphql' : 'http');
        // Probes and scrapes are frequent and say nothing: logged at debug only.
        const quiet = route === '/healthz' || route === '/readyz' || route === '/metrics';
        const line = {
          requestId: note.requestId,
          method: req.method,
          path: path.slice(0, 200),
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          operation: note.operation,
          operationType: note.operationType,
          userId: note.userId,
          errorCodes: note.errorCodes.length ? note.errorCodes : undefined,
          bytesOut: Number(res.getHeader('content-length')) || undefined,
        };
        if (quiet) this.accessLog.debug(line, 'request');
        else this.accessLog.info(line, 'request');
      };
      res.once('finish', done);
      res.once('close', done);
      next();
    };
  }

  /** Apollo plugin: fills the request's note (operation, type, user, error codes) and counts GraphQL errors. */
  apolloPlugin(): ApolloServerPlugin<RequestContext> {
    const telemetry = this;
    return {
      async requestDidStart({ contextValue }) {
        const note = (contextValue as unknown as Record<symbol, RequestNote | undefined>)[noteKey];
        if (note) note.userId = contextValue.user?.dbId ?? null;
        return {
          async didResolveOperation({ operationName, operation }) {
            if (!note) return;
            note.operation = operationName ?? null;
            note.operationType = operation?.operation ?? null;
          },
          async willSendResponse({ response, operationName }) {
            const body = response.body;
            const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
            const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
            for (const code of codes) telemetry.countError(code, 'graphql');
            if (!note) return;
            note.errorCodes = codes;
            // A request refused before its operation was resolved (a parse or validation error) still counts.
            if (!note.operationType) {
              note.operation = operationName ?? null;
              note.operationType = 'invalid';
            }
          },
        };
      },
    };
  }

  /**
   * GET /metrics in Prometheus' text format. With METRICS_TOKEN set: `Authorization: Bearer <METRICS_TOKEN>`;
   * without it: callers on this machine only (the socket's address is loopback and no proxy forwarded the request).
   */
  metricsRoute(metricsToken: string | undefined) {
    return async (req: Request, res: Response): Promise<void> => {
      const refuse = (status: number, code: string, message: string) => {
        noteOf(req).errorCodes.push(code);
        res.status(status).set('cache-control', 'no-store').json({ error: { code, message } });
      };
      if (metricsToken) {
        const sent = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const a = Buffer.from(sent);
        const b = Buffer.from(metricsToken);
        if (a.length !== b.length || !timingSafeEqual(a, b)) {
          res.set('www-authenticate', 'Bearer realm="metrics"');
          return refuse(401, ErrorCode.UNAUTHENTICATED, '/metrics needs "Authorization: Bearer <METRICS_TOKEN>".');
        }
      } else {
        const address = req.socket.remoteAddress ?? '';
        const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
        if (!loopback || req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) {
          return refuse(403, ErrorCode.FORBIDDEN, '/metrics answers callers on this machine only; set METRICS_TOKEN to scrape it from elsewhere (docs/operations.md).');
        }
      }
      const text = await this.registry.metrics();
      res.status(200).set('cache-control', 'no-store').type(this.registry.contentType).send(text);
    };
  }
}
