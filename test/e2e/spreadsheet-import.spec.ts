import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { toGlobalId } from '../../src/common/global-id';
import { SubgroupUnit, SubgroupUnitRole } from '../../src/domain/campaign/subgroup-unit.entity';
import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { ChangeEvent } from '../../src/domain/change/change-event.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { Role } from '../../src/domain/user/user.entity';
import { foldForSearch } from '../../src/common/search-text';
import { readerThread } from '../../src/spreadsheet/ledger-batches';
import { startTestServer, testDb, TestServer } from '../utils/test-server';

/**
 * POST /imports end to end, on the fixtures built by scripts/build-fixtures.ts. Expected figures are the ones
 * written in that script's comments, converted by hand (亿元 × 10,000 = 万元).
 */

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures', name));

interface Report {
  dryRun: boolean;
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errorsByCode: Record<string, number>;
  errors: Array<{ sheet: string | null; row: number | null; column: string | null; code: string; message: string }>;
  rows: Array<{ sheet: string; row: number; code: string; action: string; changes?: Record<string, { before: unknown; after: unknown }> }>;
  rowsOmitted: number;
  rowsTruncated: boolean;
  note?: string;
  figuresDated?: Array<{ date: string; source: string; reason: string; rows: number }>;
  createdUnits: string[];
  createdSubgroups: string[];
  skippedSheets: string[];
  error?: { code: string; message: string; reason?: string };
}

describe('spreadsheet import', () => {
  let server: TestServer;
  let ezhou: TaskForce;
  let datong: TaskForce;
  const subgroups = new Map<string, Subgroup>();
  const units = new Map<string, Unit>();

  async function post(file: Buffer, query: string, token: string | null = server.adminToken): Promise<{ status: number; body: Report }> {
    const response = await fetch(`http://127.0.0.1:${server.port}/imports?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
    return { status: response.status, body: (await response.json()) as Report };
  }

  const tf = (taskForce: TaskForce) => `taskForce=${toGlobalId('TaskForce', taskForce.dbId)}`;
  const projectCount = () => server.dataSource.manager.count(Project);
  const eventCount = () => server.dataSource.manager.count(ChangeEvent);
  const project = (code: string) => server.dataSource.manager.findOneByOrFail(Project, { code });

  beforeAll(async () => {
    server = await startTestServer();
    const manager = server.dataSource.manager;
    ezhou = await manager.save(manager.create(TaskForce, { name: '鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)', region: '鄂州市' }));
    datong = await manager.save(manager.create(TaskForce, { name: '大同市深化轉型項目建設年行動方案', region: '大同市' }));
    for (const [name, kind, region] of [
      ['市交通运输局', UnitKind.DEPARTMENT, '鄂州市'],
      ['市卫健委', UnitKind.DEPARTMENT, '鄂州市'],
      ['鄂城区', UnitKind.DISTRICT, '鄂州市'],
      ['梁子湖区', UnitKind.DISTRICT, '鄂州市'],
      ['华容区', UnitKind.DISTRICT, '鄂州市'],
      ['市發改委', UnitKind.DEPARTMENT, '大同市'],
      ['左雲縣', UnitKind.COUNTY, '大同市'],
    ] as const) {
      units.set(name, await manager.save(manager.create(Unit, { name, kind, region, searchText: foldForSearch(name) })));
    }
    for (const [position, name] of ['交通补短板工程', '公共卫生体系补短板工程', '城市补短板工程', '水利补短板工程'].entries()) {
      subgroups.set(name, await manager.save(manager.create(Subgroup, { taskForceId: ezhou.dbId, name, position })));
    }
    for (const [position, name] of ['新興產業', '傳統產業'].entries()) {
      subgroups.set(name, await manager.save(manager.create(Subgroup, { taskForceId: datong.dbId, name, position })));
    }
    // 鄂城区 is covered by 城市补短板工程 only: its projects without a 所属小组 derive that subgroup.
    await manager.insert(SubgroupUnit, { subgroupId: subgroups.get('城市补短板工程')!.dbId, unitId: units.get('鄂城区')!.dbId, role: SubgroupUnitRole.COVERED });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('previews the 鄂州 ledger without writing anything', async () => {
    const { status, body } = await post(fixture('ezhou-ledger.xlsx'), `${tf(ezhou)}&dryRun=true`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, committed: false, created: 5, updated: 0, unchanged: 0, errors: [] });
    expect(body.rows.map((r) => [r.row, r.code, r.action])).toEqual([
      [4, 'EZ-JT-001', 'create'],
      [5, 'EZ-JT-002', 'create'],
      [7, 'EZ-WS-001', 'create'],
      [9, 'EZ-CS-001', 'create'],
      [10, 'EZ-CS-002', 'create'],
    ]);
    expect(body.skippedSheets).toEqual(['填表说明']);
    expect(await projectCount()).toBe(0);
    expect(await eventCount()).toBe(0);
  });

  it('imports it in one go, converting 亿元, dates, formulas and merged cells, and leaves a ChangeEvent per row', async () => {
    const { status, body } = await post(fixture('ezhou-ledger.xlsx'), tf(ezhou));
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: false, committed: true, created: 5, updated: 0, unchanged: 0, errors: [] });

    const jt1 = await project('EZ-JT-001');
    expect(jt1).toMatchObject({
      name: '鄂州花湖机场高速公路',
      unitId: units.get('市交通运输局')!.dbId,
      subgroupId: subgroups.get('交通补短板工程')!.dbId,
      subgroupExplicit: true,
      nature: '新建',
      stage: 'UNDER_CONSTRUCTION',
      totalInvestment: 125_000, // "12.5亿元"
      annualPlanInvestment: 30_000,
      ytdCompletedInvestment: 8_000,
      plannedStart: '2021-04-15', // 2021年4月15日
      actualStart: '2021-04-20', // a date cell
      contact: '+86 711 1234567',
      customFields: { 资金来源: '专项债' },
      seq: 1,
    });
    const jt2 = await project('EZ-JT-002');
    expect(jt2).toMatchObject({ ytdCompletedInvestment: 6_500, plannedStart: '2021-04-01', actualStart: '2021-05-01', nature: '续建' }); // formula 6000+500; 2021.4; serial 44317
    expect(await project('EZ-WS-001')).toMatchObject({ totalInvestment: 3_000, plannedStart: '2021-06-01', stage: 'PREPARING' }); // "3000万元"; 2021/6/1
    const cs1 = await project('EZ-CS-001');
    const cs2 = await project('EZ-CS-002');
    // 责任单位 merged over both rows; no 所属小组: derived from the coverage of 鄂城区.
    for (const p of [cs1, cs2]) expect(p).toMatchObject({ unitId: units.get('鄂城区')!.dbId, subgroupId: subgroups.get('城市补短板工程')!.dbId, subgroupExplicit: false });
    expect(cs2).toMatchObject({ stage: 'PLANNING', plannedStart: '2021-09-01', totalInvestment: 1_200.25 });

    const sum: { total: string | number } | undefined = await server.dataSource.manager
      .createQueryBuilder(Project, 'p')
      .select('SUM(p.total_investment)', 'total')
      .where('p.task_force_id = :id', { id: ezhou.dbId })
      .getRawOne();
    expect(Number(sum!.total)).toBe(186_000.75); // 125,000 + 56,000 + 3,000 + 800.5 + 1,200.25

    const events = await server.dataSource.manager.find(ChangeEvent, { order: { seq: 'ASC' } });
    expect(events).toHaveLength(5);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events.every((e) => e.entity === 'Project' && e.action === 'CREATE' && e.actor === 'admin' && e.taskForceId === ezhou.dbId)).toBe(true);
    expect(JSON.parse(events[0].changes).totalInvestment).toEqual({ before: null, after: 125_000 });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await eventCount();
    const { status, body } = await post(fixture('ezhou-ledger.xlsx'), tf(ezhou));
    expect(status).toBe(200);
    expect(body).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 5, errors: [] });
    expect(await eventCount()).toBe(before);
    expect((await project('EZ-JT-001')).version).toBe(1);
  });

  it('reads Traditional headers and 億元 columns', async () => {
    const { status, body } = await post(fixture('datong-traditional.xlsx'), tf(datong));
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 2, errors: [] });
    expect(await project('DT-001')).toMatchObject({ totalInvestment: 12_345, annualPlanInvestment: 5_000, plannedStart: '2021-03-01', subgroupId: subgroups.get('新興產業')!.dbId, unitId: units.get('市發改委')!.dbId });
    // 總投資 2 億元 → 20,000; 年度 "3000萬元" keeps its own unit → 3,000.
    expect(await project('DT-002')).toMatchObject({ totalInvestment: 20_000, annualPlanInvestment: 3_000, plannedStart: '2021-05-10', stage: 'PREPARING' });
  });

  it('reads a UTF-8 CSV with aliases and a 亿元 header', async () => {
    const { status, body } = await post(fixture('ezhou-ledger.csv'), `${tf(ezhou)}&name=水利`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 2, errors: [] });
    expect(await project('EZ-SL-001')).toMatchObject({ totalInvestment: 5_800, annualPlanInvestment: 2_000, plannedStart: '2021-05-01', remarks: '含"两湖"连通,一期' });
    expect(await project('EZ-SL-002')).toMatchObject({ totalInvestment: 10_500, annualPlanInvestment: 3_000, plannedStart: '2021-07-01' });
  });

  it('creates projects from sheets with and without 建设阶段 in one go (the stage defaults to 谋划)', async () => {
    const workbook = new ExcelJS.Workbook();
    const withStage = workbook.addWorksheet('在建项目');
    withStage.addRow(['项目代码', '项目名称', '责任单位', '建设阶段']);
    withStage.addRow(['MIX-1', '有阶段的项目', '市交通运输局', '在建']);
    const without = workbook.addWorksheet('谋划项目');
    without.addRow(['项目代码', '项目名称', '责任单位']);
    without.addRow(['MIX-2', '无阶段的项目', '市交通运输局']);
    const { status, body } = await post(Buffer.from(await workbook.xlsx.writeBuffer()), tf(ezhou));
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 2, errors: [] });
    expect(await project('MIX-1')).toMatchObject({ stage: 'UNDER_CONSTRUCTION' });
    expect(await project('MIX-2')).toMatchObject({ stage: 'PLANNING' });
  });

  // Codes compare as the database compares them: SQLite byte for byte; MariaDB by the column's collation
  // (utf8mb4_unicode_ci: without case, width or accents). Either way an import never answers 500 for them.
  describe('project codes that differ only in case', () => {
    const mariadb = testDb === 'mysql';
    const csv = (...rows: string[]) => Buffer.from(['项目代码,项目名称,责任单位', ...rows].join('\n'), 'utf8');

    it(mariadb ? 'on MariaDB a row updates the project its code matches, which keeps its code' : 'on SQLite a code in other case is another project', async () => {
      expect((await post(csv('CW-001,大写代码项目,市交通运输局'), `${tf(ezhou)}&name=大写`)).body).toMatchObject({ created: 1, errors: [] });
      const { status, body } = await post(csv('cw-001,改名后的项目,市交通运输局'), `${tf(ezhou)}&name=小写`);
      expect(status).toBe(200);
      if (mariadb) {
        expect(body).toMatchObject({ created: 0, updated: 1, errors: [] });
        expect(body.rows).toEqual([expect.objectContaining({ code: 'cw-001', action: 'update', changes: { name: { before: '大写代码项目', after: '改名后的项目' } } })]);
        expect(await server.dataSource.manager.find(Project, { where: { taskForceId: ezhou.dbId, code: 'CW-001' } })).toEqual([
          expect.objectContaining({ code: 'CW-001', name: '改名后的项目' }),
        ]);
      } else {
        expect(body).toMatchObject({ created: 1, updated: 0, errors: [] });
        expect(await project('cw-001')).toMatchObject({ name: '改名后的项目' });
        expect(await project('CW-001')).toMatchObject({ name: '大写代码项目' });
      }
    });

    it('keeps a full-width code as written, and re-imports it as unchanged', async () => {
      const file = csv('ＦＷ－００１,全角代码项目,市交通运输局');
      expect((await post(file, `${tf(ezhou)}&name=全角`)).body).toMatchObject({ created: 1, errors: [] });
      expect(await project('ＦＷ－００１')).toMatchObject({ name: '全角代码项目' });
      const [projects, events] = [await projectCount(), await eventCount()];
      expect((await post(file, `${tf(ezhou)}&name=全角`)).body).toMatchObject({ created: 0, updated: 0, unchanged: 1, errors: [] });
      expect([await projectCount(), await eventCount()]).toEqual([projects, events]);
    });

    it(mariadb ? 'on MariaDB two new rows whose codes differ only in case are a row error, and nothing is written' : 'on SQLite two new rows whose codes differ only in case are two projects', async () => {
      const [projects, events] = [await projectCount(), await eventCount()];
      const { status, body } = await post(csv('cw-dup,甲,市交通运输局', 'CW-DUP,乙,市交通运输局'), `${tf(ezhou)}&name=大小写`);
      if (mariadb) {
        expect(status).toBe(400);
        expect(body.errors).toEqual([expect.objectContaining({ sheet: '大小写', row: 3, column: 'A', code: 'CONFLICT', message: expect.stringMatching(/CW-DUP is the same code as .* for the database/) })]);
        expect([await projectCount(), await eventCount()]).toEqual([projects, events]);
      } else {
        expect(status).toBe(200);
        expect(body).toMatchObject({ created: 2, errors: [] });
        expect([await projectCount(), await eventCount()]).toEqual([projects + 2, events + 2]);
      }
    });

    it(mariadb ? 'on MariaDB a row matching a project created 250 rows earlier (another chunk) is a row error naming that row' : 'on SQLite a code in other case 250 rows later is another project', async () => {
      const [projects, events] = [await projectCount(), await eventCount()];
      const rows = Array.from({ length: 260 }, (_, i) => `CK-${i + 1},分块项目${i + 1},市交通运输局`);
      const { status, body } = await post(csv(...rows, 'ck-1,重复的项目,市交通运输局'), `${tf(ezhou)}&name=分块`);
      if (mariadb) {
        expect(status).toBe(400);
        // Row 2 is CK-1 (row 1 the header); ck-1 is the 261st data row, row 262.
        expect(body.errors).toEqual([
          expect.objectContaining({ sheet: '分块', row: 262, column: 'A', code: 'CONFLICT', message: expect.stringContaining('ck-1 is the same code as CK-1 in sheet "分块" row 2') }),
        ]);
        expect([await projectCount(), await eventCount()]).toEqual([projects, events]);
      } else {
        expect(status).toBe(200);
        expect(body).toMatchObject({ created: 261, errors: [] });
        expect([await projectCount(), await eventCount()]).toEqual([projects + 261, events + 261]);
      }
    });
  });

  describe('bad input writes nothing and says where', () => {
    let projectsBefore: number;
    let eventsBefore: number;
    beforeEach(async () => {
      projectsBefore = await projectCount();
      eventsBefore = await eventCount();
    });
    afterEach(async () => {
      expect(await projectCount()).toBe(projectsBefore);
      expect(await eventCount()).toBe(eventsBefore);
    });

    it.each([
      ['missing-column.xlsx', 3, '项目代码', /no 项目代码 column/],
      ['bad-number.xlsx', 5, 'F', /约5000/],
      ['negative-amount.xlsx', 5, 'G', /negative/],
      ['impossible-date.xlsx', 5, 'H', /2021年2月30日.*not a date that exists/],
      ['duplicate-code.xlsx', 5, 'B', /BAD-001 appears twice.*row 4/],
      ['empty-code.xlsx', 5, 'B', /项目代码 is empty/],
    ])('%s → 400 at row %s column %s', async (file, row, column, message) => {
      const { status, body } = await post(fixture(file), tf(ezhou));
      expect(status).toBe(400);
      expect(body.error?.code).toBe('BAD_USER_INPUT');
      expect(body.committed).toBe(false);
      expect(body.created).toBe(0);
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toMatchObject({ sheet: '台账', row, column, code: 'BAD_USER_INPUT' });
      expect(body.errors[0].message).toMatch(message);
    });

    it('a unit the directory lacks is a NOT_FOUND row error, and createMissing would create it', async () => {
      const refused = await post(fixture('unknown-unit.xlsx'), tf(ezhou));
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ row: 5, column: 'D', code: 'NOT_FOUND' })]);
      const preview = await post(fixture('unknown-unit.xlsx'), `${tf(ezhou)}&dryRun=true&createMissing=true`);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ created: 2, errors: [], createdUnits: ['市航天局'] });
    });

    it.each([
      ['empty.xlsx', 400, undefined],
      ['empty.csv', 400, 'EMPTY_FILE'],
      ['not-a-spreadsheet.png', 415, 'NOT_A_SPREADSHEET'],
      ['not-xlsx.zip', 415, 'NOT_A_SPREADSHEET'],
      ['truncated.xlsx', 400, 'TRUNCATED'],
      ['too-many-entries.xlsx', 413, 'TOO_MANY_ENTRIES'],
    ])('%s → %s %s', async (file, status, reason) => {
      const result = await post(fixture(file), tf(ezhou));
      expect(result.status).toBe(status);
      expect(result.body.error?.code).toBe('BAD_USER_INPUT');
      if (reason) expect(result.body.error?.reason).toBe(reason);
      expect(result.body.errors.length).toBeGreaterThan(0);
    });

    it('caps rows, bytes and the unpacked size (zip bombs, honest or lying)', async () => {
      const limits = server.app.services.config.spreadsheet;
      const saved = { ...limits };
      Object.assign(limits, { maxRows: 50, maxBytes: 64 * 1024, maxUncompressedBytes: 16 * 1024 * 1024 });
      try {
        expect((await post(fixture('too-many-rows.csv'), tf(ezhou))).body.error?.reason).toBe('TOO_MANY_ROWS');
        const large = await post(fixture('too-large.csv'), tf(ezhou));
        expect(large.status).toBe(413);
        expect(large.body.error?.reason).toBe('TOO_LARGE');
        const bomb = await post(fixture('zip-bomb.xlsx'), tf(ezhou));
        expect(bomb.status).toBe(413);
        expect(bomb.body.error?.reason).toBe('UNCOMPRESSED_TOO_LARGE');
        const lying = await post(fixture('zip-bomb-lying.xlsx'), tf(ezhou));
        expect(lying.status).toBe(413);
        expect(lying.body.error?.message).toMatch(/more than the 1000 bytes/);
      } finally {
        Object.assign(limits, saved);
      }
    });

    it('asks for a token, a role that may import, and a task force that exists', async () => {
      const file = fixture('ezhou-ledger.xlsx');
      expect((await post(file, tf(ezhou), null)).status).toBe(401);
      const viewer = await server.userToken('viewer-import', Role.VIEWER);
      expect((await post(file, tf(ezhou), viewer)).status).toBe(403);
      expect((await post(file, `taskForce=${toGlobalId('TaskForce', 999)}`)).status).toBe(404);
      expect((await post(file, 'taskForce=nonsense')).status).toBe(400);
    });
  });

  describe('a reporter', () => {
    let reporter: string;
    beforeAll(async () => {
      reporter = await server.userToken('reporter-health', Role.REPORTER, units.get('市卫健委')!.dbId);
    });

    it("is refused another unit's row, and then nothing of the file is written", async () => {
      const eventsBefore = await eventCount();
      const { status, body } = await post(fixture('reporter-other-unit.xlsx'), tf(ezhou), reporter);
      expect(status).toBe(403);
      expect(body.committed).toBe(false);
      expect(body.updated).toBe(0);
      expect(body.errors).toEqual([expect.objectContaining({ sheet: '台账', row: 5, code: 'FORBIDDEN' })]);
      // The reporter's own row (row 4) was not written either.
      expect(await project('EZ-WS-001')).toMatchObject({ ytdCompletedInvestment: 0, visualProgress: '完成可研', version: 1 });
      expect(await project('EZ-JT-001')).toMatchObject({ ytdCompletedInvestment: 8_000, version: 1 });
      expect(await eventCount()).toBe(eventsBefore);
    });

    it('may not create units', async () => {
      expect((await post(fixture('reporter-own-unit.xlsx'), `${tf(ezhou)}&createMissing=true`, reporter)).status).toBe(403);
    });

    it('updates its own unit and the preview lists the fields that change', async () => {
      const preview = await post(fixture('reporter-own-unit.xlsx'), `${tf(ezhou)}&dryRun=true`, reporter);
      expect(preview.status).toBe(200);
      expect(preview.body.rows).toHaveLength(1);
      expect(preview.body.rows[0]).toMatchObject({ code: 'EZ-WS-001', action: 'update' });
      expect(preview.body.rows[0].changes).toMatchObject({
        ytdCompletedInvestment: { before: 0, after: 300 },
        visualProgress: { before: '完成可研', after: '完成初步设计' },
      });
      const { status, body } = await post(fixture('reporter-own-unit.xlsx'), tf(ezhou), reporter);
      expect(status).toBe(200);
      expect(body).toMatchObject({ committed: true, updated: 1, created: 0, unchanged: 0 });
      const updated = await project('EZ-WS-001');
      expect(updated).toMatchObject({ ytdCompletedInvestment: 300, visualProgress: '完成初步设计', version: 2 });
      const last = await server.dataSource.manager.find(ChangeEvent, { order: { seq: 'DESC' }, take: 1 });
      expect(last[0]).toMatchObject({ entity: 'Project', action: 'UPDATE', actor: 'reporter-health', unitId: units.get('市卫健委')!.dbId });
      // The fixtures' second title row says 截至2021年4月30日, which dates the figures; statsDate already stood there
      // (the import that created the project had the same title).
      expect(Object.keys(JSON.parse(last[0].changes)).sort()).toEqual(['visualProgress', 'ytdCompletedInvestment']);
      expect(updated.statsDate).toBe('2021-04-30');
      expect(body.figuresDated).toEqual([{ date: '2021-04-30', source: 'TITLE', reason: 'the title of sheet "台账" (row 2: "截至2021年4月30日")', rows: 1 }]);
    });

    it('creates new projects of its own unit, as projectCreate lets it', async () => {
      const before = await projectCount();
      const { status, body } = await post(fixture('reporter-new-project.xlsx'), tf(ezhou), reporter);
      expect(status).toBe(200);
      expect(body).toMatchObject({ committed: true, created: 1, updated: 0, unchanged: 0, errorCount: 0 });
      expect(await projectCount()).toBe(before + 1);
      // 市卫健委 falls under no subgroup of the task force, so the project has none.
      expect(await project('EZ-WS-002')).toMatchObject({
        name: '市疾控中心实验室',
        unitId: units.get('市卫健委')!.dbId,
        subgroupId: null,
        subgroupExplicit: false,
        ytdCompletedInvestment: 120,
        visualProgress: '主体施工',
        totalInvestment: null,
        stage: 'PLANNING',
        version: 1,
      });
      const last = await server.dataSource.manager.find(ChangeEvent, { order: { seq: 'DESC' }, take: 1 });
      expect(last[0]).toMatchObject({ entity: 'Project', action: 'CREATE', actor: 'reporter-health', unitId: units.get('市卫健委')!.dbId, projectId: (await project('EZ-WS-002')).dbId });
    });

    it('is refused 总投资, 年度计划投资 and 所属小组 on new projects too, each a row error naming its column', async () => {
      const projectsBefore = await projectCount();
      const eventsBefore = await eventCount();
      const { status, body } = await post(fixture('reporter-new-admin-fields.xlsx'), tf(ezhou), reporter);
      expect(status).toBe(403);
      expect(body).toMatchObject({ committed: false, created: 0, errorCount: 3, errorsByCode: { FORBIDDEN: 3 } });
      expect(body.errors.map((e) => [e.row, e.column, e.code])).toEqual([
        [4, 'E', 'FORBIDDEN'],
        [5, 'D', 'FORBIDDEN'],
        [6, 'F', 'FORBIDDEN'],
      ]);
      expect(body.errors[0].message).toMatch(/总投资/);
      expect(body.errors[1].message).toMatch(/所属小组/);
      expect(body.errors[2].message).toMatch(/年度计划投资/);
      expect(await projectCount()).toBe(projectsBefore);
      expect(await eventCount()).toBe(eventsBefore);
    });
  });

  describe('a file of several chunks (1,005 rows; the importer works 250 at a time)', () => {
    const rows = 1005;
    const code = (i: number) => `BULK-${String(i).padStart(4, '0')}`;
    /** 1,005 projects of 左雲縣 in 大同: 总投资 = base + i 万元; every even row also gets `evenTotal` + i when given. */
    const csv = (base: number, progress: string, evenTotal?: number) => {
      const lines = ['项目代码,项目名称,责任单位,总投资（万元）,形象进度'];
      for (let i = 1; i <= rows; i += 1) lines.push(`${code(i)},大同批量项目${i},左雲縣,${evenTotal !== undefined && i % 2 === 0 ? evenTotal + i : base + i},${progress}`);
      return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
    };
    const bulkEvents = (action: string) =>
      server.dataSource.manager
        .createQueryBuilder(ChangeEvent, 'e')
        .innerJoin(Project, 'p', 'p.id = e.project_id')
        .where("p.code LIKE 'BULK-%' AND e.action = :action", { action })
        .orderBy('e.seq', 'ASC')
        .getMany();

    it('previews with the first 1,000 rows listed and says how many more there are', async () => {
      const { status, body } = await post(csv(100, '开工'), `${tf(datong)}&dryRun=true`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ created: 1005, errorCount: 0, rowsOmitted: 5, rowsTruncated: true });
      expect(body.rows).toHaveLength(1000);
      expect(body.rows[999]).toMatchObject({ code: code(1000), row: 1001, action: 'create' }); // row 1 is the header
      expect(body.note).toMatch(/5 more/);
      expect(await server.dataSource.manager.count(Project, { where: { taskForceId: datong.dbId } })).toBe(2);
    });

    it('rolls back the rows of chunks already written when a later row fails', async () => {
      const eventsBefore = await eventCount();
      // Row 1,005 of the file (data row 1,004, in the last chunk) has an amount that is not one.
      const file = Buffer.from(csv(100, '开工').toString('utf8').replace(`${code(1004)},大同批量项目1004,左雲縣,1104`, `${code(1004)},大同批量项目1004,左雲縣,约1104`), 'utf8');
      const { status, body } = await post(file, tf(datong));
      expect(status).toBe(400);
      expect(body).toMatchObject({ committed: false, created: 0, errorCount: 1 });
      expect(body.errors[0]).toMatchObject({ row: 1005, column: 'D', code: 'BAD_USER_INPUT' });
      expect(await server.dataSource.manager.count(Project, { where: { taskForceId: datong.dbId } })).toBe(2);
      expect(await eventCount()).toBe(eventsBefore);
    });

    it('creates every row in one transaction with gap-free change events', async () => {
      const eventsBefore = await eventCount();
      const { status, body } = await post(csv(100, '开工'), tf(datong));
      expect(status).toBe(200);
      expect(body).toMatchObject({ committed: true, created: 1005, rowsOmitted: 5 });
      expect(await server.dataSource.manager.count(Project, { where: { taskForceId: datong.dbId } })).toBe(2 + 1005);
      expect(await project(code(1005))).toMatchObject({ totalInvestment: 1105, visualProgress: '开工', unitId: units.get('左雲縣')!.dbId, version: 1 });
      expect(await eventCount()).toBe(eventsBefore + 1005);
      const seqs = (await bulkEvents('CREATE')).map((e) => e.seq);
      expect(seqs).toHaveLength(1005);
      expect(seqs[1004] - seqs[0]).toBe(1004);
      expect(seqs[0]).toBe(eventsBefore + 1);
    });

    it('updates rows with different changed columns, each guarded by its version', async () => {
      // Odd rows: 形象进度 only; even rows: 总投资 100 + i → 300 + i as well.
      const { status, body } = await post(csv(100, '过半', 300), tf(datong));
      expect(status).toBe(200);
      expect(body).toMatchObject({ committed: true, created: 0, updated: 1005, unchanged: 0 });
      expect(await project(code(1))).toMatchObject({ totalInvestment: 101, visualProgress: '过半', version: 2 });
      expect(await project(code(2))).toMatchObject({ totalInvestment: 302, visualProgress: '过半', version: 2 });
      expect(await project(code(1004))).toMatchObject({ totalInvestment: 1304, version: 2 });
      const updates = await bulkEvents('UPDATE');
      expect(updates).toHaveLength(1005);
      expect(Object.keys(JSON.parse(updates[0].changes))).toEqual(['visualProgress']);
      expect(JSON.parse(updates[1].changes)).toEqual({ totalInvestment: { before: 102, after: 302 }, visualProgress: { before: '开工', after: '过半' } });
      expect(updates[1004].seq - updates[0].seq).toBe(1004);

      const again = await post(csv(100, '过半', 300), tf(datong));
      expect(again.body).toMatchObject({ committed: true, updated: 0, unchanged: 1005, rows: [], rowsOmitted: 0 });
    });
  });

  describe('workbooks read in the reader thread (the size from which it starts set to 0)', () => {
    const rows = 1005;
    const code = (i: number) => `THREAD-${String(i).padStart(4, '0')}`;
    /** 1,005 projects of 左雲縣 in 大同 under a title row, as an xlsx; `bad` puts an amount that is not one in that data row. */
    const xlsx = async (progress: string, bad?: number): Promise<Buffer> => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('填表说明').addRow(['金额以万元计']);
      const sheet = wb.addWorksheet('台账');
      sheet.addRow(['大同市项目台账']);
      sheet.addRow(['项目代码', '项目名称', '责任单位', '总投资（万元）', '形象进度']);
      for (let i = 1; i <= rows; i += 1) sheet.addRow([code(i), `线程项目${i}`, '左雲縣', i === bad ? `约${500 + i}` : 500 + i, progress]);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const threadCount = () => server.dataSource.manager.createQueryBuilder(Project, 'p').where("p.code LIKE 'THREAD-%'").getCount();
    let saved: number;

    beforeAll(() => {
      saved = readerThread.minBytes;
      readerThread.minBytes = 0;
    });
    afterAll(() => {
      readerThread.minBytes = saved;
    });

    it('reports what the inline reader reports (preview of a fixture, row errors, refused files)', async () => {
      const viaThread = await post(fixture('ezhou-ledger.xlsx'), `${tf(ezhou)}&dryRun=true`);
      readerThread.minBytes = Number.POSITIVE_INFINITY;
      const inline = await post(fixture('ezhou-ledger.xlsx'), `${tf(ezhou)}&dryRun=true`);
      readerThread.minBytes = 0;
      expect(viaThread.status).toBe(200);
      expect(viaThread.body).toEqual(inline.body);
      const bad = await post(fixture('bad-number.xlsx'), tf(ezhou));
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ row: 5, column: 'F' });
      expect(bad.body.errors[0].message).toMatch(/约5000/);
      const truncated = await post(fixture('truncated.xlsx'), tf(ezhou));
      expect(truncated.status).toBe(400);
      expect(truncated.body.error?.reason).toBe('TRUNCATED');
    });

    it('rolls back written chunks on a late row error, then commits every row with gap-free events, then finds them unchanged', async () => {
      const eventsBefore = await eventCount();
      const failed = await post(await xlsx('开工', 1003), tf(datong));
      expect(failed.status).toBe(400);
      expect(failed.body).toMatchObject({ committed: false, created: 0, errorCount: 1, skippedSheets: ['填表说明'] });
      expect(failed.body.errors[0]).toMatchObject({ sheet: '台账', row: 1005, column: 'D', code: 'BAD_USER_INPUT' });
      expect(await threadCount()).toBe(0);
      expect(await eventCount()).toBe(eventsBefore);

      const { status, body } = await post(await xlsx('开工'), tf(datong));
      expect(status).toBe(200);
      expect(body).toMatchObject({ committed: true, created: 1005, errorCount: 0, rowsOmitted: 5, skippedSheets: ['填表说明'] });
      expect(body.rows[0]).toMatchObject({ sheet: '台账', row: 3, code: code(1), action: 'create' });
      expect(await threadCount()).toBe(1005);
      expect(await project(code(1005))).toMatchObject({ totalInvestment: 1505, visualProgress: '开工', unitId: units.get('左雲縣')!.dbId });
      expect(await eventCount()).toBe(eventsBefore + 1005);

      const again = await post(await xlsx('开工'), tf(datong));
      expect(again.body).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 1005 });
    });
  });
});
