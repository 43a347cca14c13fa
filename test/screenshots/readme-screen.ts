/**
 * The README's picture of the wall screen: the demo 鄂州 campaign at 1920×1080 in Debian's Chromium. The demo holds
 * the document's 2020 plan and no reports, so its last year (2022, the screen's default date) would be all 无数据:
 * first, through the API as an office would, each project gets a 2022 plan (its 2020 one) and reports for March,
 * June, September and November 2022 at paces drawn from a seeded generator (the same picture each run); then three
 * ordinary updates so the ticker has lines. Run after `npm run build:screen`:
 *
 *   npx ts-node --transpile-only test/screenshots/readme-screen.ts [docs/screen-ezhou.png]
 */
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { toGlobalId } from '../../src/common/global-id';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { Project } from '../../src/domain/project/project.entity';
import { seededRandom } from '../../src/common/random';
import { ensureFrontEndBuilt } from '../utils/front-end-build';
import { gql, startTestServer } from '../utils/test-server';

const EZHOU_NAME = '鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)';

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? 'docs/screen-ezhou.png');
  ensureFrontEndBuilt('build:screen', 'dist/screen');
  const server = await startTestServer({ demo: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const taskForce = await server.dataSource.manager.findOneByOrFail(TaskForce, { name: EZHOU_NAME });
    const id = toGlobalId('TaskForce', taskForce.dbId);
    const created = await gql(server.url, 'mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token } }', { i: { name: '领导小组办公室大屏', scope: id } }, server.adminToken);
    const token: string = created.data!.screenTokenCreate.token;
    const call = async (query: string, variables: Record<string, unknown>) => {
      const result = await gql(server.url, query, variables, server.adminToken);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!;
    };
    const next = seededRandom(2022);
    for (const project of await server.dataSource.manager.find(Project, { where: { taskForceId: taskForce.dbId }, order: { dbId: 'ASC' } })) {
      const plan = Number(project.annualPlanInvestment ?? 0);
      if (!plan) continue;
      const projectId = toGlobalId('Project', project.dbId);
      await call('mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }', {
        i: { id: projectId, expectedVersion: project.version, annualPlans: [{ year: 2022, amount: plan }] },
      });
      // Completion against time: from well behind (0.45) to ahead (1.15) of the months gone by.
      const pace = 0.45 + 0.7 * next();
      for (const month of [3, 6, 9, 11]) {
        const ytd = Math.round(plan * Math.min(1, (pace * month) / 12));
        await call('mutation($i: ProgressReportInput!) { progressReport(input: $i) { report { period } } }', {
          i: { projectId, period: `2022-${String(month).padStart(2, '0')}`, ytdCompletedInvestment: ytd, reason: '补录 2022 年报表（演示）' },
        });
      }
    }
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url.replace('/graphql', '')}/screen/${id}#token=${encodeURIComponent(token)}`);
    await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(i: string): { textContent: string | null } | null } }).document.getElementById('status')?.textContent === '实时', undefined, { timeout: 30_000 });
    // Three reports of the kind an office sees every day.
    const projects = await server.dataSource.manager.find(Project, { where: { taskForceId: taskForce.dbId }, order: { dbId: 'ASC' }, skip: 20, take: 3 });
    for (const [i, project] of projects.entries()) {
      const fields = [
        { ytdCompletedInvestment: Math.round(Number(project.annualPlanInvestment ?? 10_000) * 0.6) + Number(project.ytdCompletedInvestment ?? 0) },
        { fundsInPlace: Math.round(Number(project.plannedFunds ?? 10_000) * 0.8) },
        { stage: 'UNDER_CONSTRUCTION' },
      ][i];
      const result = await gql(server.url, 'mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }', {
        i: { id: toGlobalId('Project', project.dbId), expectedVersion: project.version, ...fields },
      }, server.adminToken);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
    }
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } }).document.querySelectorAll('#ticker li[data-cursor]').length >= 3, undefined, { timeout: 10_000 });
    await page.waitForTimeout(3_000); // the fresh-line highlight fades
    await page.screenshot({ path: out });
    process.stdout.write(`wrote ${out}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
