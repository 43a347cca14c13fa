import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { toGlobalId } from '../../src/common/global-id';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { Role } from '../../src/domain/user/user.entity';
import { startTestServer, TestServer } from '../utils/test-server';

/**
 * POST /imports refuses before it reads the body when the caller may not import, and runs a bounded number of
 * imports at once (here 1): a second one while the first is still uploading is told to come back (503).
 */
describe('POST /imports limits', () => {
  let server: TestServer;
  let base: string;
  let taskForceId: string;
  const ledger = fs.readFileSync(path.join(__dirname, '../fixtures', 'ezhou-ledger.xlsx'));

  beforeAll(async () => {
    server = await startTestServer({ demo: true, configure: (config) => ({ ...config, spreadsheet: { ...config.spreadsheet, maxConcurrentImports: 1 } }) });
    base = server.url.replace('/graphql', '');
    const taskForce = await server.dataSource.manager.findOneByOrFail(TaskForce, { documentNumber: '鄂州政发〔2020〕10号' });
    taskForceId = toGlobalId('TaskForce', taskForce.dbId);
  });
  afterAll(() => server?.close());

  /** Starts a POST and sends only the first bytes of the file, so the import holds its slot while "uploading". */
  function slowUpload(token: string): { finish: () => Promise<number> } {
    const request = http.request(`${base}/imports?taskForce=${taskForceId}&dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(ledger.length) },
    });
    const status = new Promise<number>((resolve, reject) => {
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
    });
    request.write(ledger.subarray(0, 100));
    return {
      finish: () => {
        request.end(ledger.subarray(100));
        return status;
      },
    };
  }

  const post = (token: string, query = 'dryRun=true') =>
    fetch(`${base}/imports?taskForce=${taskForceId}&${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: ledger });

  test('a VIEWER, a LEADER and a non-ADMIN createMissing are refused with 403', async () => {
    const viewer = await server.userToken('import-viewer', Role.VIEWER);
    const leader = await server.userToken('import-leader', Role.LEADER);
    const reporter = await server.userToken('import-reporter', Role.REPORTER, 1);
    for (const [token, query] of [[viewer, 'dryRun=true'], [leader, 'dryRun=true'], [reporter, 'dryRun=true&createMissing=true']]) {
      const response = await post(token, query);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
  });

  test('a second import while one is running gets 503 with Retry-After; once the first ends, the next runs', async () => {
    const first = slowUpload(server.adminToken);
    // Give the first request time to be accepted and take the only slot.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await post(server.adminToken);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('5');
    // The same code a busy or unreachable database answers: a refusal to retry later, not a conflict of data.
    expect(((await second.json()) as { error: { code: string; retryAfterSeconds: number } }).error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
    expect(await first.finish()).toBe(200);
    const third = await post(server.adminToken);
    expect(third.status).toBe(200);
  });
});
