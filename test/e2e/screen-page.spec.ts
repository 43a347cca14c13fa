import * as fs from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { toGlobalId } from '../../src/common/global-id';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { Project } from '../../src/domain/project/project.entity';
import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * The wall screen (大屏) in a real browser: it signs in with a screen token from the URL fragment, shows seed 001's
 * figures, moves when a project changes, and returns to the token prompt the moment its token is revoked.
 * Chromium comes from the machine (.ci/run installs Debian's package; CHROMIUM_PATH overrides).
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EZHOU_NAME = '鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)';

describe('pages in a browser: GET /screen/:id and the query page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let taskForceId: string;
  let screenToken: string;
  let screenTokenId: string;

  beforeAll(async () => {
    if (!fs.existsSync(executablePath)) throw new Error(`No browser at ${executablePath}: install Debian's chromium (see .ci/run) or set CHROMIUM_PATH.`);
    server = await startTestServer({ demo: true });
    const taskForce = await server.dataSource.manager.findOneByOrFail(TaskForce, { name: EZHOU_NAME });
    taskForceId = toGlobalId('TaskForce', taskForce.dbId);
    const created = await gql(server.url, `mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token screenToken { id } } }`, {
      i: { name: '领导小组办公室大屏', scope: taskForceId },
    }, server.adminToken);
    screenToken = created.data!.screenTokenCreate.token;
    screenTokenId = created.data!.screenTokenCreate.screenToken.id;
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    page = await browser.newPage();
  });

  /** Waits until the element's text is exactly `value` (the page updates itself). */
  const textBecomes = (id: string, value: string) =>
    page.waitForFunction(
      ([elementId, expected]) => (globalThis as unknown as { document: { getElementById(i: string): { textContent: string | null } | null } }).document.getElementById(elementId)?.textContent === expected,
      [id, value] as const,
      { timeout: 10_000 },
    );

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('an address that is not a task force is 404', async () => {
    const response = await fetch(`${server.url.replace('/graphql', '')}/screen/${toGlobalId('Project', 1)}`);
    expect(response.status).toBe(404);
  });

  test('shows the campaign, follows a change live, and drops to the token prompt when the token is revoked', async () => {
    const base = server.url.replace('/graphql', '');
    await page.goto(`${base}/screen/${taskForceId}#token=${encodeURIComponent(screenToken)}`);
    await textBecomes('title', EZHOU_NAME);
    // The fragment is consumed and not left in the address bar.
    expect(page.url()).toBe(`${base}/screen/${taskForceId}`);
    // Seed 001: 206 projects, 2,124.81 亿元 in all, ten 工程 (one of them, 高标准农田, without projects).
    expect(await page.textContent('#k-count')).toBe('206');
    expect(await page.textContent('#k-total')).toBe('2,124.81');
    expect(await page.locator('#rows tr').count()).toBe(10);
    await textBecomes('status', '实时');

    // The office raises one project's total investment by 1 亿元 (10,000 万元): 2,124.81 → 2,125.81.
    const project = await server.dataSource.manager.findOneOrFail(Project, { where: { taskForceId: Number(Buffer.from(taskForceId, 'base64url').toString().split(':')[1]) }, order: { dbId: 'ASC' } });
    const updated = await gql(server.url, `mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }`, {
      i: { id: toGlobalId('Project', project.dbId), expectedVersion: project.version, totalInvestment: Number(project.totalInvestment) + 10_000 },
    }, server.adminToken);
    expect(updated.errors).toBeUndefined();
    await textBecomes('k-total', '2,125.81');
    // The screen token sees who changed it by display name only (admin has none): never the username.
    await page.locator('#feed li', { hasText: 'UPDATE Project' }).first().waitFor({ timeout: 10_000 });
    expect(await page.locator('#feed li', { hasText: 'admin' }).count()).toBe(0);

    // Revoking the token closes the screen's socket (4403) and the page asks for a new token.
    const revoked = await gql(server.url, `mutation($i: ScreenTokenRevokeInput!) { screenTokenRevoke(input: $i) { screenToken { revokedAt } } }`, { i: { id: screenTokenId } }, server.adminToken);
    expect(revoked.errors).toBeUndefined();
    await page.locator('#login').waitFor({ state: 'visible', timeout: 5_000 });
    expect(await page.isVisible('#kpis')).toBe(false);
    expect(await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('ledger-screen-token'))).toBeNull();
  });

  test('the query page at GET /graphql signs in and runs a query in the browser', async () => {
    const base = server.url.replace('/graphql', '');
    const ide = await browser.newPage();
    try {
      await ide.goto(`${base}/graphql`);
      await ide.fill('#username', 'admin');
      // The harness's admin password (test/utils/test-server.ts userToken).
      await ide.fill('#password', 'pw-admin-secret');
      await ide.click('#signinBtn');
      await ide.waitForFunction(
        () => ((globalThis as unknown as { document: { getElementById(i: string): { value: string } | null } }).document.getElementById('token')?.value ?? '').length > 20,
        undefined,
        { timeout: 10_000 },
      );
      await ide.fill('#query', '{ taskForces { documentNumber } }');
      await ide.fill('#variables', '');
      await ide.click('#run');
      // Seed 001's 文号 is among the answers.
      await ide.waitForFunction(
        () => ((globalThis as unknown as { document: { getElementById(i: string): { value: string } | null } }).document.getElementById('response')?.value ?? '').includes('taskForces'),
        undefined,
        { timeout: 10_000 },
      );
      const response = JSON.parse(await ide.inputValue('#response')) as { data: { taskForces: Array<{ documentNumber: string | null }> } };
      expect(response.data.taskForces.map((t) => t.documentNumber)).toContain('鄂州政发〔2020〕10号');
    } finally {
      await ide.close();
    }
  });
});
