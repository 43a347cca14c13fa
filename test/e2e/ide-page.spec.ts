import * as fs from 'node:fs';
import { Browser, chromium, Page, Request } from 'playwright-core';
import { toGlobalId } from '../../src/common/global-id';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { ensureFrontEndBuilt } from '../utils/front-end-build';
import { startTestServer, TestServer } from '../utils/test-server';

/**
 * The query page at GET /graphql in a real browser: GraphiQL, built from ide/ (built here when a fresh clone has not
 * run `npm run build`), signs in through the bar above it, shows our schema in its docs explorer, runs a query, and
 * loads nothing from outside the service. Chromium comes from the machine (.ci/run installs Debian's package;
 * CHROMIUM_PATH overrides).
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the query page (GraphiQL) in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    if (!fs.existsSync(executablePath)) throw new Error(`No browser at ${executablePath}: install Debian's chromium (see .ci/run) or set CHROMIUM_PATH.`);
    ensureFrontEndBuilt('build:ide', 'dist/ide');
    server = await startTestServer({ demo: true });
    base = server.url.replace(/\/graphql$/, '');
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page whose every request is counted; any that leaves the service's host is refused and recorded. */
  async function watchedPage(locale = 'en-US'): Promise<{ page: Page; local: Request[]; outside: string[] }> {
    const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const local: Request[] = [];
    const outside: string[] = [];
    const host = new URL(base).host;
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.host === host) {
        local.push(route.request());
        await route.continue();
      } else {
        outside.push(url.toString());
        await route.abort();
      }
    });
    // Web sockets are not routed: note any that opens elsewhere.
    page.on('websocket', (ws) => {
      if (new URL(ws.url()).host !== host) outside.push(ws.url());
    });
    return { page, local, outside };
  }

  test('signs in, shows our types in the docs explorer, runs a query and a subscription, and asks nothing of the internet', async () => {
    const { page, local, outside } = await watchedPage();
    try {
      await page.goto(`${base}/graphql`);
      await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
      expect(await page.textContent('#signin-bar .who')).toBe('Not signed in');

      await page.fill('#signin-bar input[name=username]', 'admin');
      // The harness's admin password (test/utils/test-server.ts).
      await page.fill('#signin-bar input[name=password]', 'pw-admin-secret');
      await page.click('#signin-bar button[type=submit]');
      await page.locator('#signin-bar .who', { hasText: 'Signed in as admin (ADMIN)' }).waitFor({ timeout: 10_000 });

      // The docs explorer lists the root Query type; its taskForces field leads to our TaskForce type and its description.
      await page.locator('button[aria-label="Show Documentation Explorer"]').click();
      const docs = page.locator('.graphiql-doc-explorer');
      await docs.locator('a', { hasText: /^Query$/ }).first().click({ timeout: 20_000 });
      await docs.getByText('Every task force (campaign), newest period first.').waitFor({ timeout: 10_000 });
      await docs.locator('a', { hasText: /^TaskForce$/ }).first().click();
      await docs.getByText('A campaign and its leading group (领导小组/工作组).').waitFor({ timeout: 10_000 });

      // Replace the query in the editor and run it; the answer carries the token the sign-in put in the header.
      await page.locator('.graphiql-query-editor .monaco-editor').first().click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText('query Numbers { taskForces { documentNumber } }');
      const answer = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('Numbers'));
      await page.locator('button[aria-label^="Execute query"]').click();
      const response = await answer;
      expect(response.request().headers()['authorization']).toMatch(/^Bearer .{20,}/);
      const body = (await response.json()) as { data: { taskForces: Array<{ documentNumber: string | null }> } };
      // Seed 001's 文号.
      expect(body.data.taskForces.map((t) => t.documentNumber)).toContain('鄂州政发〔2020〕10号');
      await page.locator('.graphiql-response', { hasText: '鄂州政发〔2020〕10号' }).waitFor({ timeout: 10_000 });

      // A subscription goes over graphql-ws with the same token: seed 001 has 206 projects (its first push).
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      const ezhou = await server.dataSource.manager.findOneByOrFail(TaskForce, { documentNumber: '鄂州政发〔2020〕10号' });
      const scope = toGlobalId('TaskForce', ezhou.dbId);
      await page.locator('.graphiql-query-editor .monaco-editor').first().click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(`subscription Live { metricsChanged(scope: "${scope}") { metrics { projectCount } } }`);
      // GraphiQL takes the editor's text after a short debounce: run only once the editor shows the subscription.
      await page.locator('.graphiql-query-editor .view-lines', { hasText: 'metricsChanged' }).waitFor({ timeout: 10_000 });
      await page.waitForTimeout(500);
      await page.locator('button[aria-label^="Execute"]').click();
      await page.locator('.graphiql-response', { hasText: '206' }).waitFor({ timeout: 30_000 });
      expect(sockets).toEqual([`${base.replace(/^http/, 'ws')}/graphql`]);

      expect(outside).toEqual([]);
      // The page, its scripts, styles, workers and the GraphQL calls: all from the service.
      expect(local.length).toBeGreaterThan(3);
      expect(local.some((r) => new URL(r.url()).pathname.startsWith('/ide/assets/'))).toBe(true);
    } finally {
      await page.context().close();
    }
  }, 120_000);

  test('speaks Chinese to a browser that prefers it', async () => {
    const { page, outside } = await watchedPage('zh-CN');
    try {
      await page.goto(`${base}/graphql`);
      await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
      expect(await page.textContent('#signin-bar .who')).toBe('未登录');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await page.locator('#signin-bar button[type=submit]').textContent()).toBe('登录');
      expect(outside).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  test('a GraphQL client asking for JSON still gets GraphQL, not the page', async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
    expect(response.headers.get('content-type')).toContain('json');
  });
});
