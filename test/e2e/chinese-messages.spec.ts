import { createClient } from 'graphql-ws';
import JSZip from 'jszip';
import WebSocket from 'ws';
import { toGlobalId } from '../../src/common/global-id';
import { foldForSearch } from '../../src/common/search-text';
import { SubgroupUnit, SubgroupUnitRole } from '../../src/domain/campaign/subgroup-unit.entity';
import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { startTestServer, TestServer } from '../utils/test-server';

/**
 * Office staff read the service in Chinese: with Accept-Language preferring zh, import reports and their row errors,
 * GraphQL errors and route errors are in Simplified Chinese, in English otherwise; codes never change. A dry run
 * shows 责任单位 and 所属小组 by name, and an .ods file is refused naming ODS and what to do.
 */
describe('messages in the language the browser prefers', () => {
  let server: TestServer;
  let taskForce: TaskForce;

  beforeAll(async () => {
    server = await startTestServer();
    const manager = server.dataSource.manager;
    taskForce = await manager.save(manager.create(TaskForce, { name: '语言测试专班', region: '鄂州市' }));
    const unit = await manager.save(manager.create(Unit, { name: '市交通运输局', kind: UnitKind.DEPARTMENT, region: '鄂州市', searchText: foldForSearch('市交通运输局') }));
    const subgroup = await manager.save(manager.create(Subgroup, { taskForceId: taskForce.dbId, name: '交通补短板工程', position: 0 }));
    await manager.insert(SubgroupUnit, { subgroupId: subgroup.dbId, unitId: unit.dbId, role: SubgroupUnitRole.COVERED });
  });

  afterAll(async () => {
    await server?.close();
  });

  async function importCsv(csv: string, language: string | null, query = ''): Promise<{ status: number; body: Record<string, any> }> {
    return importFile(Buffer.from(csv, 'utf8'), language, query);
  }

  async function importFile(file: Buffer, language: string | null, query = ''): Promise<{ status: number; body: Record<string, any> }> {
    const response = await fetch(`http://127.0.0.1:${server.port}/imports?taskForce=${toGlobalId('TaskForce', taskForce.dbId)}${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, ...(language ? { 'accept-language': language } : {}) },
      body: file,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  const badLedger = ['项目代码,项目名称,责任单位,所属小组,总投资', 'LANG-001,测试项目一,市交通运输局,不存在的小组,100', 'LANG-002,测试项目二,市交通运输局,交通补短板工程,-5', ''].join('\r\n');

  test('import row errors: Chinese for zh-CN, English otherwise, same codes and cells', async () => {
    const zh = await importCsv(badLedger, 'zh-CN,zh;q=0.9,en;q=0.8');
    const en = await importCsv(badLedger, 'en-US,en;q=0.9,zh;q=0.5');
    const none = await importCsv(badLedger, null);
    expect(zh.status).toBe(400);
    expect(en.status).toBe(400);
    const strip = (errors: Array<Record<string, unknown>>) => errors.map(({ message: _m, ...rest }) => rest);
    expect(strip(zh.body.errors)).toEqual(strip(en.body.errors));
    expect(none.body.errors).toEqual(en.body.errors);

    const bySubgroup = (body: Record<string, any>) => body.errors.find((e: { field: string }) => e.field === 'subgroup');
    const byAmount = (body: Record<string, any>) => body.errors.find((e: { field: string }) => e.field === 'totalInvestment');
    expect(bySubgroup(en.body).message).toBe('所属小组 "不存在的小组" is not a subgroup of this task force; correct the name, or let the office (ADMIN) import with createMissing=true.');
    expect(bySubgroup(zh.body).message).toBe('所属小组 "不存在的小组" 不是本专班的小组；请更正名称，或由办公室（ADMIN）以 createMissing=true 导入。');
    expect(bySubgroup(zh.body).code).toBe('NOT_FOUND');
    expect(byAmount(en.body).message).toBe('总投资: amounts cannot be negative, found "-5".');
    expect(byAmount(zh.body).message).toBe('总投资：金额不能为负数，实际为 "-5"。');
    expect(byAmount(zh.body).code).toBe('BAD_USER_INPUT');
    // The report's own summary too.
    expect(zh.body.error.message).toMatch(/^文件中有 \d+ 处问题，未写入任何数据。/);
    expect(zh.body.error.code).toBe(en.body.error.code);
  });

  test('GraphQL errors in Chinese, codes unchanged', async () => {
    const ask = async (language: string, query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': language, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> };
    };
    const wrongPassword = 'mutation($i: LoginInput!) { login(input: $i) { token } }';
    const zh = await ask('zh-CN', wrongPassword, { i: { username: 'admin', password: 'not-the-password' } });
    expect(zh.errors![0]).toMatchObject({ message: '用户名或密码错误。', extensions: { code: 'UNAUTHENTICATED' } });
    const en = await ask('en', wrongPassword, { i: { username: 'admin', password: 'not-the-password' } });
    expect(en.errors![0]).toMatchObject({ message: 'Wrong username or password.', extensions: { code: 'UNAUTHENTICATED' } });

    const missing = toGlobalId('TaskForce', 999_999);
    const notFound = await ask('zh', 'query($id: ID!) { taskForce(id: $id) { name } }', { id: missing }, server.adminToken);
    if (notFound.errors) expect(notFound.errors[0]).toMatchObject({ message: `专班 ${missing} 不存在。`, extensions: { code: 'NOT_FOUND' } });

    const anonymous = await ask('zh-TW,zh;q=0.9', '{ taskForces { name } }');
    expect(anonymous.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors![0].message).toMatch(/^请先登录：在请求头中发送 "Authorization: Bearer <令牌>"（见 login 变更）/);
  });

  test('subscription errors over graphql-ws follow the socket\'s Accept-Language', async () => {
    const errorOf = async (language: string) => {
      class Socket extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { 'accept-language': language } });
        }
      }
      const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: Socket, connectionParams: { authorization: `Bearer ${server.adminToken}` }, retryAttempts: 0 });
      try {
        return await new Promise<Array<{ message: string; extensions?: { code?: string } }>>((resolve, reject) => {
          client.subscribe(
            { query: 'subscription($s: ID!) { changes(scope: $s, after: "999999") { __typename } }', variables: { s: toGlobalId('TaskForce', taskForce.dbId) } },
            {
              // A refused subscription answers a result with errors (or an error message, by graphql-ws' path).
              next: (result) => (result.errors ? resolve(result.errors as never) : reject(new Error('an event instead of an error'))),
              error: (errors) => resolve(errors as never),
              complete: () => reject(new Error('completed without an error')),
            },
          );
        });
      } finally {
        await client.dispose();
      }
    };
    const [en] = await errorOf('en');
    const [zh] = await errorOf('zh-CN');
    expect(en.extensions?.code).toBe('BAD_USER_INPUT');
    expect(zh.extensions?.code).toBe('BAD_USER_INPUT');
    expect(en.message).toMatch(/^after "999999" is not a cursor of this change log \(the latest is \d+\)\.$/);
    expect(zh.message).toMatch(/^after "999999" 不是本变更日志的游标（最新的是 \d+）。$/);
  });

  test('a dry run shows 责任单位 and 所属小组 by name, 建设阶段 by its label, and no internal fields', async () => {
    const ledger = ['项目代码,项目名称,责任单位,所属小组,建设阶段,总投资', 'LANG-101,试运行项目,市交通运输局,交通补短板工程,在建,100', ''].join('\r\n');
    const { status, body } = await importCsv(ledger, 'zh-CN', '&dryRun=true');
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(1);
    const changes = body.rows[0].changes;
    expect(changes.unit).toEqual({ before: null, after: '市交通运输局' });
    expect(changes.subgroup).toEqual({ before: null, after: '交通补短板工程' });
    expect(changes.stage).toEqual({ before: null, after: '在建' });
    expect(changes.totalInvestment).toEqual({ before: null, after: 100 });
    expect(Object.keys(changes)).not.toEqual(expect.arrayContaining(['unitId']));
    for (const internal of ['unitId', 'subgroupId', 'subgroupExplicit']) expect(changes).not.toHaveProperty(internal);
  });

  test('an .ods file is refused naming ODS and saying to save it as .xlsx, in either language', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    zip.file('content.xml', '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
    zip.file('META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>');
    const ods = await zip.generateAsync({ type: 'nodebuffer' });
    const en = await importFile(ods, 'en');
    // 415: the file is not of a kind the service reads (spreadsheet-error.ts).
    expect(en.status).toBe(415);
    expect(en.body.error.message).toMatch(/OpenDocument spreadsheet \(\.ods/);
    expect(en.body.error.message).toMatch(/Excel workbook \(\.xlsx\)/);
    const zh = await importFile(ods, 'zh-CN');
    expect(zh.body.error.code).toBe(en.body.error.code);
    expect(zh.body.error.message).toMatch(/\.ods/);
    expect(zh.body.error.message).toMatch(/另存为.*\.xlsx/);
  });
});
