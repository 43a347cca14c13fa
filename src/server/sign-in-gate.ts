import type { NextFunction, Request, Response } from 'express';
import { getOperationAST, OperationDefinitionNode, parse } from 'graphql';
import type { Session } from '../auth/auth.service';
import { ErrorCode } from '../errors/app-error';
import type { Services } from './services';
import { noteOf } from './telemetry';

/** Root fields that need no token: signing in (and `__typename`). */
const publicRootFields = new Set(['login', '__typename']);
/** Schema introspection: open to callers without a token only when GRAPHQL_PUBLIC_INTROSPECTION=true. */
const introspectionRootFields = new Set(['__schema', '__type']);

/**
 * Whether an operation may run without a token: it selects only `login` (and `__typename`), or, when
 * `publicIntrospection` is on, schema introspection too. Fragments at the root are not open.
 */
export function isPublicOperation(operation: OperationDefinitionNode, publicIntrospection: boolean): boolean {
  return operation.selectionSet.selections.every(
    (s) => s.kind === 'Field' && (publicRootFields.has(s.name.value) || (publicIntrospection && introspectionRootFields.has(s.name.value))),
  );
}

const sessions = new WeakMap<Request, Session | null>();

/** Who the request's bearer token stands for (null: nobody), as `signInGate` found it. */
export function sessionOf(req: Request): Session | null {
  return sessions.get(req) ?? null;
}

/** The GraphQL document of a POST body or a GET query string, when there is one. */
function documentText(req: Request): { query: string; operationName?: string } | null {
  const source = req.method === 'GET' ? req.query : req.body;
  if (!source || typeof source !== 'object' || Array.isArray(source)) return null;
  const { query, operationName } = source as Record<string, unknown>;
  if (typeof query !== 'string') return null;
  return { query, operationName: typeof operationName === 'string' ? operationName : undefined };
}

/**
 * Express middleware in front of Apollo on /graphql: checks the bearer token once, and refuses a caller without
 * a valid one before the document is validated, unless the operation selects only `login` (and introspection when
 * GRAPHQL_PUBLIC_INTROSPECTION=true).
 * The document is parsed with the same token bound as Apollo's (a parse that hits it stops there), so an
 * anonymous request costs at most one bounded parse.
 */
export function signInGate(services: Services) {
  const maxTokens = services.config.limits.maxTokens;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const session = await services.auth.authenticate(services.dataSource.manager, req.headers.authorization);
      sessions.set(req, session);
      if (session) return next();
      const text = documentText(req);
      // No document, or one that does not parse: Apollo answers 400 after the same bounded parse.
      if (!text) return next();
      let open = false;
      try {
        const operation = getOperationAST(parse(text.query, { maxTokens, noLocation: true }), text.operationName);
        open = !!operation && isPublicOperation(operation, services.config.publicIntrospection);
      } catch {
        return next();
      }
      if (open) return next();
      noteOf(req).errorCodes.push(ErrorCode.UNAUTHENTICATED);
      res.status(401).json({
        errors: [
          {
            message: services.config.publicIntrospection
              ? 'Sign in first: send "Authorization: Bearer <token>" (see the login mutation).'
              : 'Sign in first: send "Authorization: Bearer <token>" (see the login mutation); introspection too needs a token here (GRAPHQL_PUBLIC_INTROSPECTION is off).',
            extensions: { code: ErrorCode.UNAUTHENTICATED },
          },
        ],
      });
    } catch (error) {
      next(error);
    }
  };
}
