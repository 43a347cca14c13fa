import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import { getOperationAST, GraphQLError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import { logger } from '../common/logger';
import { User } from '../domain/user/user.entity';
import { ErrorCode } from '../errors/app-error';
import { formatError } from '../errors/format-error';
import { localeOf, translateMessage } from '../common/messages';
import { createLoaders } from '../loaders/loaders';
import { defaultPageSize } from '../common/args';
import { aliasLimit, depthLimit, operationCost } from './query-limits';
import type { Services } from './services';
import { LiveRequestContext } from '../live/live-context';
import { subscribeShared } from '../live/shared-execution';
import { requestIdOf } from './telemetry';

/** What a socket knows about its caller, set in onConnect. */
interface SocketSession {
  user: User;
  authorization: string;
  expiresAt: number | null;
  scopeId: string | null | undefined;
  screenTokenId: number | null;
  /** Set once the socket is being closed for its token: nothing more is sent. */
  ended: boolean;
  expiryTimer: NodeJS.Timeout | null;
}

/** The access log's view of a socket: its id (X-Request-Id of the upgrade, or made), when it opened, who. */
interface SocketNote {
  socketId: string;
  openedAt: number;
  userId: number | null;
  subscriptions: number;
}

type Extra = { session?: SocketSession; note?: SocketNote };

/** Longest setTimeout Node accepts; later expiries re-arm. */
const maxTimerMs = 2_147_000_000;
/** Even without a signal, every socket's token is checked again this often. */
const recheckMs = 60_000;

/**
 * graphql-ws on the HTTP server's port and path: the token in connectionParams, refused or closed with 4403,
 * closed at token expiry and when a revocation is signalled (in any process), keep-alive pings, a cap on sockets
 * per process and on operations per socket, the HTTP query bounds, and the same error masking as HTTP.
 */
export function attachLiveServer(
  httpServer: http.Server,
  schema: GraphQLSchema,
  services: Services,
): { dispose: () => Promise<void>; stats: () => { sockets: number; subscriptions: number } } {
  const { config, dataSource, live, telemetry } = services;
  /** Open sockets' graphql-ws contexts, for the subscription count /metrics reads. */
  const openContexts = new Set<{ subscriptions: Record<string, unknown> }>();
  const settings = live.settings;
  const sessions = new Map<WebSocket, SocketSession>();
  const rules = [...specifiedRules, depthLimit(config.limits.maxDepth), aliasLimit(config.limits.maxAliases)];

  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: 64 * 1024,
    verifyClient: (_info, accept) => {
      if (wsServer.clients.size >= settings.maxConnections) accept(false, 503, 'Too many live connections');
      else accept(true);
    },
  });

  const closeForAuth = (socket: WebSocket, session: SocketSession, reason: string) => {
    if (session.ended) return;
    session.ended = true;
    if (session.expiryTimer) clearTimeout(session.expiryTimer);
    sessions.delete(socket);
    socket.close(CloseCode.Forbidden, reason);
  };

  const armExpiry = (socket: WebSocket, session: SocketSession) => {
    if (session.expiresAt === null) return;
    const wait = session.expiresAt * 1000 - Date.now();
    if (wait <= 0) return closeForAuth(socket, session, 'Token expired');
    session.expiryTimer = setTimeout(() => armExpiry(socket, session), Math.min(wait, maxTimerMs));
    session.expiryTimer.unref();
  };

  // Re-checks every socket's token, once per distinct token; a check already running is followed by one more.
  let checking = false;
  let checkAgain = false;
  const recheck = async () => {
    if (checking) {
      checkAgain = true;
      return;
    }
    checking = true;
    try {
      do {
        checkAgain = false;
        const byToken = new Map<string, Array<[WebSocket, SocketSession]>>();
        for (const entry of sessions) {
          const list = byToken.get(entry[1].authorization) ?? [];
          list.push(entry);
          byToken.set(entry[1].authorization, list);
        }
        for (const [authorization, sockets] of byToken) {
          const session = await services.auth.authenticate(dataSource.manager, authorization).catch((error: Error) => {
            logger.warn('token re-check failed; keeping the socket until the next check', { error: error.message });
            return undefined;
          });
          if (session === null) for (const [socket, state] of sockets) closeForAuth(socket, state, 'Token revoked');
          else if (session) for (const [, state] of sockets) state.user = session.user;
        }
      } while (checkAgain);
    } finally {
      checking = false;
    }
  };
  const stopListening = live.onSessionsChanged(() => void recheck());
  const recheckTimer = setInterval(() => void recheck(), recheckMs);
  recheckTimer.unref();

  // In the language the socket's upgrade request prefers (Accept-Language), as over HTTP.
  const formatErrors = (errors: readonly GraphQLError[], request: { headers: Record<string, string | string[] | undefined> }) => {
    const locale = localeOf(request.headers['accept-language']);
    return errors.map((error) => {
      const formatted = formatError(error.toJSON(), error);
      return { ...formatted, message: translateMessage(formatted.message, locale) };
    });
  };

  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      subscribe: subscribeShared,
      onConnect: async (ctx) => {
        const note: SocketNote = { socketId: requestIdOf(ctx.extra.request.headers['x-request-id']), openedAt: Date.now(), userId: null, subscriptions: 0 };
        ctx.extra.note = note;
        const authorization = typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : null;
        const session = authorization ? await services.auth.authenticate(dataSource.manager, authorization) : null;
        if (!session || !authorization) {
          telemetry.countError(ErrorCode.UNAUTHENTICATED, 'socket');
          telemetry.accessLog.info({ socketId: note.socketId, event: 'refused', reason: authorization ? 'invalid token' : 'no token' }, 'socket');
          return false;
        }
        note.userId = session.user.dbId;
        const state: SocketSession = {
          user: session.user,
          authorization,
          expiresAt: session.expiresAt,
          scopeId: session.scopeId,
          screenTokenId: session.screenTokenId,
          ended: false,
          expiryTimer: null,
        };
        ctx.extra.session = state;
        sessions.set(ctx.extra.socket, state);
        armExpiry(ctx.extra.socket, state);
        if (!state.ended) {
          openContexts.add(ctx);
          telemetry.socketOpened();
          telemetry.accessLog.info({ socketId: note.socketId, event: 'open', userId: note.userId, screenTokenId: state.screenTokenId ?? undefined }, 'socket');
        }
        return !state.ended;
      },
      onClose: (ctx, code) => {
        const note = ctx.extra.note;
        openContexts.delete(ctx);
        if (note && ctx.extra.session) {
          telemetry.socketClosed(code === CloseCode.Forbidden ? 'auth' : code === 1000 || code === 1001 || code === 1005 ? 'client' : 'other');
          telemetry.accessLog.info(
            { socketId: note.socketId, event: 'close', userId: note.userId, code, durationMs: Date.now() - note.openedAt, subscriptions: note.subscriptions },
            'socket',
          );
        }
        const state = ctx.extra.session;
        if (state?.expiryTimer) clearTimeout(state.expiryTimer);
        sessions.delete(ctx.extra.socket);
      },
      onSubscribe: (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > settings.maxSubscriptionsPerConnection) {
          return [new GraphQLError(`At most ${settings.maxSubscriptionsPerConnection} operations may run at once on one connection.`, { extensions: { code: ErrorCode.BAD_USER_INPUT } })];
        }
        let document;
        try {
          document = parse(payload.query, { maxTokens: 5000 });
        } catch (error) {
          return [new GraphQLError((error as Error).message, { extensions: { code: ErrorCode.BAD_USER_INPUT } })];
        }
        const errors = validate(schema, document, rules);
        if (errors.length) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } }));
        // The socket carries subscriptions only: queries and mutations go over HTTP, where sign-in, the cost bound
        // and idempotency keys apply.
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription') {
          return [new GraphQLError('Over the socket only subscriptions run; send queries and mutations as HTTP POST /graphql.', { extensions: { code: ErrorCode.BAD_USER_INPUT } })];
        }
        let cost: number;
        try {
          cost = operationCost(schema, document, payload.operationName ?? undefined, payload.variables ?? undefined, defaultPageSize);
        } catch (error) {
          return [new GraphQLError((error as Error).message, { extensions: { code: ErrorCode.BAD_USER_INPUT } })];
        }
        if (cost > config.limits.maxCost) {
          return [new GraphQLError(`The subscription's estimated cost is ${cost}; at most ${config.limits.maxCost} is allowed.`, { extensions: { code: ErrorCode.BAD_USER_INPUT } })];
        }
        if (ctx.extra.note) ctx.extra.note.subscriptions += 1;
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },

      context: (ctx): LiveRequestContext => {
        const session = ctx.extra.session;
        // Loaders are made on first use and dropped a second later: an idle subscription holds none, and a
        // long-lived one never reads from a stale cache.
        let loaders: ReturnType<typeof createLoaders> | null = null;
        return {
          requestId: randomUUID(),
          user: session?.user ?? null,
          tokenExpiresAt: session?.expiresAt ?? null,
          tokenScope: session?.scopeId,
          screenTokenId: session?.screenTokenId ?? null,
          get loaders() {
            if (!loaders) {
              loaders = createLoaders(dataSource.manager, services.metrics, services.projectQuery);
              setTimeout(() => (loaders = null), 1000).unref();
            }
            return loaders;
          },
          manager: dataSource.manager,
          services,
          live: { stillAllowed: () => !!session && !session.ended && (session.expiresAt === null || session.expiresAt * 1000 > Date.now()) },
        };
      },
      onNext: (ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatErrors(result.errors, ctx.extra.request) } : undefined),
      onError: (ctx, _id, _payload, errors) => {
        for (const error of errors) telemetry.countError(String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR), 'socket');
        return formatErrors(errors, ctx.extra.request);
      },
    },
    wsServer,
    settings.keepAliveMs,
  );

  return {
    stats: () => {
      let subscriptions = 0;
      for (const ctx of openContexts) subscriptions += Object.keys(ctx.subscriptions).length;
      return { sockets: openContexts.size, subscriptions };
    },
    async dispose() {
      stopListening();
      clearInterval(recheckTimer);
      for (const state of sessions.values()) if (state.expiryTimer) clearTimeout(state.expiryTimer);
      sessions.clear();
      await server.dispose();
    },
  };
}
