import * as fs from 'node:fs';
import * as path from 'node:path';
import { toGlobalId } from '../../src/common/global-id';
import { Project } from '../../src/domain/project/project.entity';
import { today } from '../../src/metrics/dates';
import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * Runs the README's "A reporter's workflow" exactly as written (placeholders filled in), so the README stays true:
 * the office creates a reporter, the reporter updates its project, files this month's report and raises a problem,
 * which is assigned, taken up, and closed.
 */
const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = readme.split("### A reporter's workflow")[1].split('\n### ')[0];
const operations = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)]
  .flatMap((block) => block[1].split(/\n(?=mutation|query)/))
  .map((operation) => operation.trim())
  .filter(Boolean);

/** Who runs each step: the office assigns and closes, the reporter does the rest. */
function runsAsAdmin(operation: string): boolean {
  return /userCreate|problemAssign|to: CLOSED/.test(operation);
}

describe("the README's reporter workflow", () => {
  let server: TestServer;
  afterAll(() => server?.close());

  test('runs end to end as written', async () => {
    expect(operations.map((o) => /(?:mutation|query) \{\s*(\w+)/.exec(o)?.[1])).toEqual([
      'userCreate', 'login', 'projects', 'projectUpdate', 'progressReport',
      'problemRaise', 'problemAssign', 'problemTransition', 'problemTransition', 'problemTransition',
    ]);
    server = await startTestServer({ demo: true });
    const project = await server.dataSource.manager.findOneOrFail(Project, { where: { isExample: true }, order: { dbId: 'ASC' } });
    const month = today().slice(0, 7);
    const ids: Record<string, string> = { '<unit id>': toGlobalId('Unit', project.unitId), '<project id>': toGlobalId('Project', project.dbId) };
    let reporterToken = '';
    const results: Record<string, any> = {};
    for (const written of operations) {
      // The README's dates are of the month it was written in; run them in the current month.
      const operation = written.replace(/"2026-11"/g, `"${month}"`).replace(/<[a-z ]+ id>/g, (placeholder) => ids[placeholder] ?? placeholder);
      const result = await gql(server.url, operation, {}, runsAsAdmin(written) ? server.adminToken : reporterToken || undefined);
      expect({ operation: written, errors: result.errors }).toEqual({ operation: written, errors: undefined });
      const [field, value] = Object.entries(result.data!)[0];
      results[field] = value;
      if (field === 'login') reporterToken = value.token;
      if (field === 'problemRaise') ids['<problem id>'] = value.problem.id;
    }
    expect(results.login.user.unit.id).toBe(ids['<unit id>']);
    expect(results.projects.nodes.map((p: { id: string }) => p.id)).toContain(ids['<project id>']);
    expect(results.projectUpdate.project).toMatchObject({ version: 2, ytdCompletedInvestment: 1200 });
    expect(results.progressReport.report).toMatchObject({ period: month, ytdCompletedInvestment: 1500 });
    expect(results.problemTransition.problem).toEqual({ state: 'CLOSED', closingNote: '已落实用地指标' });
  });
});
