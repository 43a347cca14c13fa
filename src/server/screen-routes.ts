import * as fs from 'node:fs';
import * as path from 'node:path';
import express from 'express';
import { parseGlobalId } from '../common/global-id';
import { sendJsonError } from './http-errors';

/**
 * The wall screen's built files (screen/, `npm run build:screen`): dist/screen beside the compiled service
 * (dist/src/server → dist/screen), or under dist/ when the service runs from source (src/server → dist/screen).
 */
export function screenBuildDir(): string {
  const twoUp = path.resolve(__dirname, '..', '..');
  return path.basename(twoUp) === 'dist' ? path.join(twoUp, 'screen') : path.join(twoUp, 'dist', 'screen');
}

/** The page's policy: its own scripts, styles and fonts only, and the service's own GraphQL over HTTP and WebSocket. */
export function screenPageCsp(host: string): string {
  const origin = host.replace(/[^A-Za-z0-9.:[\]-]/g, '');
  return (
    `default-src 'none'; connect-src 'self' ws://${origin} wss://${origin}; script-src 'self'; ` +
    // ECharts sets element styles from its script; the fonts are our own woff2 files.
    "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
  );
}

/** The nodes a screen shows: a task force, one of its subgroups, or a unit. */
const screenTypes = new Set(['TaskForce', 'Subgroup', 'Unit']);

/**
 * GET /screen/:id — the live monitoring page (大屏) of a task force, subgroup or unit; the page signs in with a screen
 * token itself and reads everything through /graphql and graphql-ws. GET /screen/assets/… — its hashed, built files.
 */
export function mountScreenRoutes(app: express.Express): void {
  const dir = screenBuildDir();
  app.use('/screen/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  let page: string | null = null;
  app.get('/screen/:id', (req, res) => {
    if (!screenTypes.has(parseGlobalId(req.params.id)?.type ?? '')) {
      sendJsonError(res, 404, 'NOT_FOUND', 'No such screen: the address ends with the ID of a task force, subgroup or unit.');
      return;
    }
    try {
      page ??= fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    } catch {
      sendJsonError(res, 503, 'SERVICE_UNAVAILABLE', 'The wall screen is not built: run `npm run build` (or `npm run build:screen`).');
      return;
    }
    res
      .type('html')
      .set('content-security-policy', screenPageCsp(req.headers.host ?? ''))
      .set('referrer-policy', 'no-referrer')
      // No other site may frame the page (clickjacking); frame-ancestors in the CSP says the same to newer browsers.
      .set('x-frame-options', 'DENY')
      .set('x-content-type-options', 'nosniff')
      .set('cache-control', 'no-cache')
      .send(page);
  });
}
