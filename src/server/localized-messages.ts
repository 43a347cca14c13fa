import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { localeOf, translateMessages } from '../common/messages';
import type { RequestContext } from '../common/request-context';

/**
 * Error messages in the language the request's Accept-Language prefers (src/common/messages.ts): every JSON answer
 * of the HTTP routes (import reports and their row errors, export and route errors) and every GraphQL response's
 * errors. Codes, fields and locations never change.
 */
export function localizedJson(req: Request, res: Response, next: NextFunction): void {
  const locale = localeOf(req.headers['accept-language']);
  if (locale !== 'en') {
    const json = res.json.bind(res);
    res.json = (body?: unknown) => json(translateMessages(body, locale));
  }
  res.vary('Accept-Language');
  next();
}

/** The same for GraphQL responses (single results; subscriptions over graphql-ws carry no request headers). */
export const localizedErrorsPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ request }) {
    const locale = localeOf(request.http?.headers.get('accept-language'));
    if (locale === 'en') return;
    return {
      async willSendResponse({ response }) {
        if (response.body.kind === 'single') translateMessages(response.body.singleResult, locale);
      },
    };
  },
};
