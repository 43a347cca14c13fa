import * as http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { activeManager, countingCommits } from '../db/transaction';
import express from 'express';
import { GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { TokenService } from '../auth/tokens';
import { AppConfig } from '../config/config';
import { ProjectQueryService } from '../domain/project/project-query.service';
import { UnauthenticatedError } from '../errors/app-error';
import { databaseUnavailableHandler, retryAfterSeconds, serviceUnavailablePlugin } from '../errors/database-unavailable';
import { formatError } from '../errors/format-error';
import { createLoaders } from '../loaders/loaders';
import { attachLiveServer } from './live-server';
import { LiveService } from '../live/live.service';
import { MetricsService } from '../metrics/metrics.service';
import { keepChangeLogPruned } from '../domain/change/change-log-retention';
import { attachSqliteReaders, detachSqliteReaders } from '../db/sqlite-readers';
import { RequestContext } from '../common/request-context';
import { idempotencyPlugin } from './idempotency';
import { jsonErrorHandler, jsonNotFound } from './http-errors';
import { mountIdeRoutes } from './ide-routes';
import { localizedErrorsPlugin, localizedJson } from './localized-messages';
import { aliasLimit, costLimitPlugin, depthLimit, variableLimit } from './query-limits';
import { isPublicOperation, sessionOf, signInGate } from './sign-in-gate';
import { defaultPageSize } from '../common/args';
import { createSchema } from './schema';
import { Services } from './services';
import { mountScreenRoutes } from './screen-routes';
import { mountSpreadsheetRoutes } from './spreadsheet-routes';
import { corsMiddleware } from './cors';
import { bindNote, Telemetry } from './telemetry';

export interface RunningApp {
  app: express.Express;
  httpServer: http.Server;
  services: Services;
  schema: GraphQLSchema;
  /** Stops accepting (/readyz turns 503), drains requests in flight. The data source stays open (its owner closes it). */
  stop(): Promise<void>;
}

/** Every operation needs a signed-in user except login (and introspection when GRAPHQL_PUBLIC_INTROSPECTION=true). */
const requireSignIn = (publicIntrospection: boolean): ApolloServerPlugin<RequestContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        if (contextValue.user) return;
        if (!isPublicOperation(operation as OperationDefinitionNode, publicIntrospection)) {
          const error = new UnauthenticatedError();
          error.extensions.http = { status: 401 };
          throw error;
        }
      },
    };
  },
});

export function createServices(config: AppConfig, dataSource: DataSource, jwtSecret: string): Services {
  const tokens = new TokenService(jwtSecret, config.jwtTtlSeconds);
  const metrics = new MetricsService();
  const projectQuery = new ProjectQueryService();
  return {
    config,
    dataSource,
    tokens,
    auth: new AuthService(tokens, config.login),
    metrics,
    projectQuery,
    live: new LiveService(dataSource, metrics, projectQuery, { ...config.live, redisUrl: config.redisUrl }),
    telemetry: new Telemetry(config.metricsMaxOperations),
  };
}

/** Builds the Express app with GraphQL, health and readiness, and starts listening. */
export async function startApp(services: Services, options: { port: number; host?: string }): Promise<RunningApp> {
  const { config, dataSource } = services;
  attachSqliteReaders(dataSource, config.sqliteReaderThreads);
  const schema = await createSchema();
  const app = express();
  app.disable('x-powered-by');
  // req.ip is the socket's address unless TRUST_PROXY names the proxies whose X-Forwarded-For may be believed.
  app.set('trust proxy', config.trustProxy);
  // Error messages in Chinese when Accept-Language prefers zh (codes unchanged).
  app.use(localizedJson);
  // First: the request id (X-Request-Id) and one access line per request; then CORS for CORS_ORIGINS.
  app.use(services.telemetry.accessMiddleware());
  app.use(corsMiddleware(config.corsOrigins));
  const httpServer = http.createServer(app);
  // Idle keep-alive connections are kept longer than clients and balancers keep theirs (undici 4 s, common balancers
  // 60 s), so the server never closes one just as a client sends on it (the client would see ECONNRESET).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  // graphql-ws on the same port and path; the token comes in connectionParams.authorization (src/live/live-server.ts).
  await services.live.start();
  const stopPruning = keepChangeLogPruned(dataSource, config.changeLogRetentionDays);
  const wsCleanup = attachLiveServer(httpServer, schema, services);
  services.telemetry.watch({ dataSource, live: wsCleanup.stats, feedPosition: () => services.live.feed.position });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    introspection: true,
    // Apollo's CSRF prevention refuses requests a browser sends without a preflight. A request with an Authorization
    // header (how every token travels here; no cookies) is never such a request, so a GET query from an allowed
    // origin (urql's and Apollo Client's GETs) passes; an anonymous GET still needs a non-simple header.
    csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM and SIGINT: Apollo's own handlers would stop it a second time and never return.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: [depthLimit(config.limits.maxDepth), aliasLimit(config.limits.maxAliases), variableLimit(config.limits.maxVariables)],
    plugins: [
      // Requests in flight get until shortly before the hard exit deadline; then their sockets are closed.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: Math.max(500, config.shutdownTimeoutMs - 2000) }),
      ApolloServerPluginLandingPageDisabled(),
      requireSignIn(config.publicIntrospection),
      costLimitPlugin(config.limits.maxCost, defaultPageSize),
      serviceUnavailablePlugin,
      localizedErrorsPlugin,
      idempotencyPlugin(dataSource),
      services.telemetry.apolloPlugin(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/metrics', services.telemetry.metricsRoute(config.metricsToken));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Liveness never touches the database; readiness asks it, within a bound, and says no while shutting down.
  let draining = false;
  let ping: Promise<'ready' | 'unreachable'> | null = null;
  app.get('/readyz', async (_req, res) => {
    if (draining) {
      res.status(503).set('retry-after', String(retryAfterSeconds)).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    // Probes that arrive while one is waiting share it, so a frozen database does not take a connection per probe.
    ping ??= dataSource.query('SELECT 1').then(
      () => 'ready' as const,
      () => 'unreachable' as const,
    ).finally(() => {
      ping = null;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), config.readinessTimeoutMs);
    });
    const outcome = await Promise.race([ping, late]);
    clearTimeout(timer);
    if (outcome === 'ready') {
      res.json({ status: 'ready' });
      return;
    }
    const reason = outcome === 'late' ? `database did not answer within ${config.readinessTimeoutMs} ms` : 'database unreachable';
    res.status(503).set('retry-after', String(retryAfterSeconds)).json({ status: 'unavailable', reason });
  });

  // Ledgers and reports are the campaign's figures: no browser or proxy keeps a copy.
  app.use(['/exports', '/imports'], (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  mountSpreadsheetRoutes(app, services);
  mountScreenRoutes(app);

  // In a browser, GET /graphql opens GraphiQL (built into dist/ide), which needs nothing from the internet.
  mountIdeRoutes(app);

  app.use(
    '/graphql',
    express.json({ limit: config.limits.maxBodyBytes }),
    // The token is checked before Apollo sees the document: without one, only login and introspection are parsed further.
    signInGate(services),
    // Each request counts the transactions it commits (the idempotency plugin keeps a key once one has).
    (req, res, next) => countingCommits(next),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<RequestContext> => {
        const manager = dataSource.manager;
        const session = sessionOf(req);
        const context: RequestContext = {
          requestId: '',
          user: session?.user ?? null,
          clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          tokenExpiresAt: session?.expiresAt ?? null,
          tokenScope: session?.scopeId,
          screenTokenId: session?.screenTokenId ?? null,
          loaders: createLoaders(manager, services.metrics, services.projectQuery),
          // Inside a transaction, its manager: one manager in scope (db/transaction.ts).
          get manager() {
            return activeManager(dataSource) ?? manager;
          },
          services,
        };
        // The access log's request id (X-Request-Id honoured), and its note for the operation name and user.
        context.requestId = bindNote(context, req).requestId;
        return context;
      },
    }),
  );

  // Last: an address nothing answered, and any error a route or body parser passed on, answer JSON (no HTML, no stack).
  app.use(jsonNotFound);
  app.use(databaseUnavailableHandler);
  app.use(jsonErrorHandler);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? config.host, () => resolve());
  });

  return {
    app,
    httpServer,
    services,
    schema,
    async stop() {
      draining = true;
      // Apollo's drain closes the sockets (graphql-ws cleanup) and waits for requests; then the live readers and Redis.
      await apollo.stop();
      stopPruning();
      await services.live.close();
      await detachSqliteReaders(dataSource);
    },
  };
}
