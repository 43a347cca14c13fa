import * as fs from 'node:fs';
import * as path from 'node:path';
import express from 'express';
import { idePageLabel, idePageLabels, localeOf } from '../common/messages';

/**
 * The query page: GraphiQL built from ide/ into dist/ide by `npm run build:ide` (npm run build runs it). GET /graphql
 * from a browser answers its index.html with the labels in the browser's language; its scripts, styles, web workers
 * and fonts are served from /ide/. Nothing comes from the internet.
 */

/** The repository root: the folder with package.json above this file (src/server or dist/src/server). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const ideBuildDir = path.join(repositoryRoot(), 'dist', 'ide');

// Monaco (GraphiQL's editor) sets inline styles and runs its language services in same-origin web workers.
const csp = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

let template: { mtimeMs: number; html: string } | null = null;

function indexHtml(): string | null {
  const file = path.join(ideBuildDir, 'index.html');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (!template || template.mtimeMs !== stat.mtimeMs) template = { mtimeMs: stat.mtimeMs, html: fs.readFileSync(file, 'utf8') };
  return template.html;
}

/** JSON inside <script type="application/json">: no "</script>" or "<!--" can close it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Mounts /ide/ (the built files) and the page at GET /graphql for browsers (Accept: text/html, no query). */
export function mountIdeRoutes(app: express.Express): void {
  app.use('/ide', express.static(ideBuildDir, { index: false, fallthrough: true, immutable: true, maxAge: '7d' }));
  app.get('/graphql', (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(['text/html', 'application/json']) !== 'text/html') {
      next();
      return;
    }
    const locale = localeOf(req.headers['accept-language']);
    const headers = { 'x-frame-options': 'DENY', 'content-security-policy': csp, 'cache-control': 'no-store', 'content-language': locale === 'zh' ? 'zh-CN' : 'en', vary: 'Accept-Language' };
    const html = indexHtml();
    if (!html) {
      res.status(503).type('text/plain; charset=utf-8').set(headers).send(idePageLabel('ide.notBuilt', locale));
      return;
    }
    const labels = idePageLabels(locale);
    const page = html
      .replace('<html lang="en">', `<html lang="${locale === 'zh' ? 'zh-CN' : 'en'}">`)
      .replace(/<title>[^<]*<\/title>/, () => `<title>${labels['ide.title']}</title>`)
      .replace('<!--ledger-labels-->', () => `<script type="application/json" id="ledger-labels">${scriptJson(labels)}</script>`);
    res.type('html').set(headers).send(page);
  });
}
