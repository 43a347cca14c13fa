import * as path from 'node:path';
import express from 'express';
import { parseGlobalId } from '../common/global-id';
import { sendJsonError } from './http-errors';
import { screenPage, screenPageCsp } from './screen-page';

/** The browser build of graphql-ws, served by us so screens in intranets need no internet. */
const graphqlWsBrowserClient = path.join(path.dirname(require.resolve('graphql-ws/package.json')), 'umd', 'graphql-ws.min.js');

/** GET /screen/:id — the live monitoring page of a task force; the page signs in with a screen token itself. */
export function mountScreenRoutes(app: express.Express): void {
  app.get('/screen/assets/graphql-ws.js', (_req, res) => {
    res.type('application/javascript').set('cache-control', 'public, max-age=86400').sendFile(graphqlWsBrowserClient);
  });
  app.get('/screen/:id', (req, res) => {
    if (parseGlobalId(req.params.id)?.type !== 'TaskForce') {
      sendJsonError(res, 404, 'NOT_FOUND', 'No such task force: the screen address ends with a task force ID.');
      return;
    }
    res
      .type('html')
      .set('content-security-policy', screenPageCsp(req.headers.host ?? ''))
      .set('referrer-policy', 'no-referrer')
      // No other site may frame the page (clickjacking); frame-ancestors in the CSP says the same to newer browsers.
      .set('x-frame-options', 'DENY')
      .set('x-content-type-options', 'nosniff')
      .send(screenPage());
  });
}
