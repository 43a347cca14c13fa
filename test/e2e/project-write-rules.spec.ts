import ExcelJS from 'exceljs';
import { toGlobalId } from '../../src/common/global-id';
import { foldForSearch } from '../../src/common/search-text';
import { SubgroupUnit, SubgroupUnitRole } from '../../src/domain/campaign/subgroup-unit.entity';
import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { Role } from '../../src/domain/user/user.entity';
import { gql, startTestServer, TestServer } from '../utils/test-server';

/**
 * The project write rules (src/domain/project/project-rules.ts) hold alike through projectCreate/projectUpdate and
 * through POST /imports: the same values go through both channels, one project each, and what is stored is compared
 * field by field, what is refused by its code (and field, where both name one). Expected figures are worked out by
 * hand in the comments.
 */

type Who = 'admin' | 'reporter';
type Values = Record<string, string | number | null>;

interface Case {
  name: string;
  as: Who;
  /** Ledger values in the API's terms (ProjectFieldsInput). */
  values?: Values;
  /** Cells of the import where the spreadsheet writes the value another way (建设阶段 in words). */
  cells?: Values;
  custom?: Record<string, string>;
  unit?: 'own' | 'other';
  subgroup?: 'covering' | 'elsewhere';
  taskForce?: 'main' | 'apart';
  /** What both channels store (a subset, checked on top of the field-by-field comparison), or the code they refuse with. */
  expect: { stored: Partial<Record<keyof Project, unknown>> } | { refused: string; field?: string };
}

/** Ledger header of each API field. */
const headerOf: Record<string, string> = {
  totalInvestment: '总投资',
  annualPlanInvestment: '年度计划投资',
  ytdCompletedInvestment: '年初至今完成投资',
  cumulativeCompletedInvestment: '自开工累计完成投资',
  plannedFunds: '计划到位资金',
  fundsInPlace: '累计到位资金',
  nature: '建设性质',
  stage: '建设阶段',
  plannedStart: '计划开工时间',
  plannedEnd: '计划竣工时间',
  actualStart: '实际开工时间',
  actualEnd: '实际竣工时间',
  visualProgress: '形象进度',
};

/** Columns that may differ between the two projects of a case: ids, codes and clocks. */
const notCompared = new Set(['dbId', 'code', 'searchText', 'createdAt', 'updatedAt']);

const columns = (n: number, value = 'x') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`列${String(i + 1).padStart(2, '0')}`, value]));
/**
 * 16 custom fields c01…c16 stored as JSON {"c01":"…",…}: each entry is "c01" (5 bytes) + : (1) + two quotes (2) = 8
 * bytes around its value, 16 × 8 = 128, plus 15 commas and 2 braces = 145 bytes. The values: 15 of 330 字 (990 bytes
 * each, 14,850) and one of 335 字 (1,005 bytes): 145 + 14,850 + 1,005 = 16,000 bytes. `extra` adds ASCII bytes.
 */
const sixteenThousandBytes = (extra = '') =>
  Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`c${String(i + 1).padStart(2, '0')}`, i < 15 ? '字'.repeat(330) : '字'.repeat(335) + extra]));

const createCases: Case[] = [
  {
    name: 'amounts with three decimals round half up to two',
    as: 'admin',
    // 1.005 → 1.01, 2.675 → 2.68, 1.015 → 1.02 (each third decimal 5: up), 0.004 → 0, 1234.5675 → 1234.57 (7: up), 0.125 → 0.13.
    values: { totalInvestment: 1.005, annualPlanInvestment: 2.675, ytdCompletedInvestment: 1.015, cumulativeCompletedInvestment: 0.004, plannedFunds: 1234.5675, fundsInPlace: 0.125 },
    expect: { stored: { totalInvestment: 1.01, annualPlanInvestment: 2.68, ytdCompletedInvestment: 1.02, cumulativeCompletedInvestment: 0, plannedFunds: 1234.57, fundsInPlace: 0.13 } },
  },
  { name: 'a negative amount', as: 'admin', values: { ytdCompletedInvestment: -1 }, expect: { refused: 'BAD_USER_INPUT', field: 'ytdCompletedInvestment' } },
  { name: 'a negative plan figure', as: 'admin', values: { totalInvestment: -0.01 }, expect: { refused: 'BAD_USER_INPUT', field: 'totalInvestment' } },
  { name: '50 custom fields (the most)', as: 'admin', custom: columns(50), expect: { stored: { customFields: columns(50) } } },
  { name: '51 custom fields', as: 'admin', custom: columns(51), expect: { refused: 'BAD_USER_INPUT' } },
  { name: 'a custom value of 1,000 characters', as: 'admin', custom: { 资金来源: '字'.repeat(1000) }, expect: { stored: { customFields: { 资金来源: '字'.repeat(1000) } } } },
  { name: 'a custom value of 1,001 characters', as: 'admin', custom: { 资金来源: '字'.repeat(1001) }, expect: { refused: 'BAD_USER_INPUT' } },
  { name: 'custom fields of 16,000 bytes', as: 'admin', custom: sixteenThousandBytes(), expect: { stored: { customFields: sixteenThousandBytes() } } },
  { name: 'custom fields of 16,001 bytes', as: 'admin', custom: sixteenThousandBytes('a'), expect: { refused: 'BAD_USER_INPUT' } },
  { name: 'a stage', as: 'admin', values: { stage: 'COMPLETED' }, cells: { stage: '竣工' }, expect: { stored: { stage: 'COMPLETED' } } },
  { name: 'no stage (the default)', as: 'admin', values: { visualProgress: '谋划中' }, expect: { stored: { stage: 'PLANNING' } } },
  { name: 'a stage that is none', as: 'admin', values: { stage: 'BUILDING' }, cells: { stage: '建造中' }, expect: { refused: 'BAD_USER_INPUT' } },
  { name: '建设性质 in Simplified', as: 'admin', values: { nature: '扩建' }, expect: { stored: { nature: '扩建' } } },
  { name: '建设性质 in Traditional, stored in Simplified', as: 'admin', values: { nature: '擴建' }, expect: { stored: { nature: '扩建' } } },
  { name: 'a 建设性质 that is none', as: 'admin', values: { nature: '新造' }, expect: { refused: 'BAD_USER_INPUT', field: 'nature' } },
  { name: 'dates', as: 'admin', values: { plannedStart: '2021-04-15', plannedEnd: '2022-12-31', actualStart: '2021-05-01' }, expect: { stored: { plannedStart: '2021-04-15', plannedEnd: '2022-12-31', actualStart: '2021-05-01', actualEnd: null } } },
  { name: 'a date that does not exist', as: 'admin', values: { plannedStart: '2021-02-30' }, expect: { refused: 'BAD_USER_INPUT', field: 'plannedStart' } },
  { name: 'an end before its start', as: 'admin', values: { actualStart: '2021-05-01', actualEnd: '2021-04-30' }, expect: { refused: 'BAD_USER_INPUT', field: 'actualEnd' } },
  { name: "a reporter's figures", as: 'reporter', values: { ytdCompletedInvestment: 10.005, fundsInPlace: 3 }, expect: { stored: { ytdCompletedInvestment: 10.01, fundsInPlace: 3, subgroupExplicit: false } } },
  { name: '总投资 from a reporter', as: 'reporter', values: { totalInvestment: 100 }, expect: { refused: 'FORBIDDEN' } },
  { name: '年度计划投资 from a reporter', as: 'reporter', values: { annualPlanInvestment: 50 }, expect: { refused: 'FORBIDDEN' } },
  { name: 'an empty 总投资 from a reporter (nothing set)', as: 'reporter', values: { totalInvestment: null, ytdCompletedInvestment: 1 }, expect: { stored: { totalInvestment: null, ytdCompletedInvestment: 1 } } },
  { name: 'a reporter naming the subgroup its unit falls under anyway', as: 'reporter', subgroup: 'covering', expect: { stored: { subgroupExplicit: false } } },
  { name: 'a reporter naming another subgroup', as: 'reporter', subgroup: 'elsewhere', expect: { refused: 'FORBIDDEN' } },
  { name: "a reporter creating another unit's project", as: 'reporter', unit: 'other', expect: { refused: 'FORBIDDEN' } },
  { name: 'a reporter creating in a task force its unit takes no part in', as: 'reporter', taskForce: 'apart', expect: { refused: 'FORBIDDEN' } },
];

interface UpdateCase {
  name: string;
  as: Who;
  /** The project as the office creates it (the same for both channels). */
  initial: Values;
  unit?: 'own' | 'other';
  /** The change, in the API's terms; the import row carries the same values. */
  change: Values;
  expect: Case['expect'];
}

const updateCases: UpdateCase[] = [
  { name: 'a reporter changing 总投资', as: 'reporter', initial: { totalInvestment: 100 }, change: { totalInvestment: 200 }, expect: { refused: 'FORBIDDEN' } },
  {
    name: 'a reporter sending 总投资 back as it is, with its own figures',
    as: 'reporter',
    initial: { totalInvestment: 100 },
    change: { totalInvestment: 100, ytdCompletedInvestment: 5.555 }, // 5.555 → 5.56
    expect: { stored: { totalInvestment: 100, ytdCompletedInvestment: 5.56, version: 2 } },
  },
  { name: "a reporter updating another unit's project", as: 'reporter', unit: 'other', initial: {}, change: { ytdCompletedInvestment: 5 }, expect: { refused: 'FORBIDDEN' } },
  { name: 'an end moved before the stored start', as: 'admin', initial: { actualStart: '2021-05-01' }, change: { actualEnd: '2021-04-30' }, expect: { refused: 'BAD_USER_INPUT', field: 'actualEnd' } },
  { name: 'an amount with three decimals', as: 'admin', initial: { plannedFunds: 1 }, change: { plannedFunds: 8.885 }, expect: { stored: { plannedFunds: 8.89, version: 2 } } },
];

describe('project write rules: the API and an import store and refuse alike', () => {
  let server: TestServer;
  let tokens: Record<Who, string>;
  let main: TaskForce;
  let apart: TaskForce;
  const units = {} as Record<'own' | 'other', Unit>;
  const subgroups = {} as Record<'covering' | 'elsewhere', Subgroup>;

  beforeAll(async () => {
    server = await startTestServer();
    const manager = server.dataSource.manager;
    main = await manager.save(manager.create(TaskForce, { name: '规则专班', region: '规则市' }));
    apart = await manager.save(manager.create(TaskForce, { name: '别的专班', region: '规则市' }));
    for (const [key, name] of [['own', '规则县'], ['other', '别的县']] as const) {
      units[key] = await manager.save(manager.create(Unit, { name, kind: UnitKind.COUNTY, region: '规则市', searchText: foldForSearch(name) }));
    }
    subgroups.covering = await manager.save(manager.create(Subgroup, { taskForceId: main.dbId, name: '覆盖组', position: 0 }));
    subgroups.elsewhere = await manager.save(manager.create(Subgroup, { taskForceId: main.dbId, name: '别的组', position: 1 }));
    // The reporter's unit takes part in the main task force (覆盖组 covers it), none in the other.
    await manager.insert(SubgroupUnit, { subgroupId: subgroups.covering.dbId, unitId: units.own.dbId, role: SubgroupUnitRole.COVERED });
    tokens = { admin: server.adminToken, reporter: await server.userToken('rules-reporter', Role.REPORTER, units.own.dbId) };
  });

  afterAll(async () => {
    await server?.close();
  });

  type Outcome = { stored: Project } | { refused: string; field?: string; codes: string[] };

  async function viaApi(operation: 'create' | 'update', who: Who, input: Record<string, unknown>, code: string): Promise<Outcome> {
    const mutation =
      operation === 'create'
        ? 'mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id } } }'
        : 'mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { id } } }';
    const result = await gql(server.url, mutation, { i: input }, tokens[who]);
    if (result.errors?.length) {
      const codes = result.errors.map((e) => String(e.extensions?.code));
      const field = result.errors[0].extensions?.field as string | undefined;
      return { refused: codes[0], codes, ...(field ? { field: field.replace(/^input\./, '') } : {}) };
    }
    return { stored: await server.dataSource.manager.findOneByOrFail(Project, { taskForceId: input.taskForceId ? decodeTaskForce(input.taskForceId as string) : main.dbId, code }) };
  }

  const decodeTaskForce = (id: string) => (id === toGlobalId('TaskForce', apart.dbId) ? apart.dbId : main.dbId);

  /** A one-row xlsx: the ledger's key columns, the given ones (numbers as number cells), custom columns after them. */
  async function workbook(row: Record<string, string | number | null>): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(Object.keys(row));
    ws.addRow(Object.values(row));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async function viaImport(who: Who, taskForce: TaskForce, row: Record<string, string | number | null>): Promise<Outcome> {
    const response = await fetch(`http://127.0.0.1:${server.port}/imports?taskForce=${toGlobalId('TaskForce', taskForce.dbId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${tokens[who]}` },
      body: await workbook(row),
    });
    const body = (await response.json()) as { committed: boolean; errors?: Array<{ code: string; field?: string }>; error?: { code: string } };
    if (!body.committed) {
      const errors = body.errors ?? [];
      const codes = errors.length ? errors.map((e) => e.code) : [body.error!.code];
      return { refused: codes[0], codes, ...(errors[0]?.field ? { field: errors[0].field } : {}) };
    }
    return { stored: await server.dataSource.manager.findOneByOrFail(Project, { taskForceId: taskForce.dbId, code: row['项目代码'] as string }) };
  }

  /** The row an import gets for the same values: cells override values where the ledger writes them another way. */
  function importRow(code: string, unit: Unit, values: Values, cells: Values = {}, custom: Record<string, string> = {}, subgroup?: Subgroup): Record<string, string | number | null> {
    const row: Record<string, string | number | null> = { 项目代码: code, 项目名称: '规则项目', 责任单位: unit.name };
    if (subgroup) row['所属小组'] = subgroup.name;
    for (const [field, value] of Object.entries({ ...values, ...cells })) row[headerOf[field]] = value;
    return { ...row, ...custom };
  }

  /** Both outcomes alike: the same code refused (every error of the import with it), or the same columns stored. */
  function expectAlike(api: Outcome, imported: Outcome, expected: Case['expect'], codes: { api: string; import: string }): void {
    if ('refused' in expected) {
      expect({ api: 'refused' in api ? api.refused : 'stored', import: 'refused' in imported ? imported.refused : 'stored' }).toEqual({ api: expected.refused, import: expected.refused });
      expect((imported as { codes: string[] }).codes.every((c) => c === expected.refused)).toBe(true);
      if (expected.field) expect({ api: (api as { field?: string }).field, import: (imported as { field?: string }).field }).toEqual({ api: expected.field, import: expected.field });
      return;
    }
    if ('refused' in api || 'refused' in imported) throw new Error(`expected both to store; API: ${JSON.stringify(api)}, import: ${JSON.stringify(imported)}`);
    const columnsOf = (project: Project, code: string) => {
      const kept = Object.fromEntries(Object.entries(project).filter(([key]) => !notCompared.has(key)));
      // The search text starts with the folded code; the rest (name, owner, location) must agree.
      return { ...kept, searchTextAfterCode: project.searchText.slice(foldForSearch(code).length) };
    };
    expect(columnsOf(imported.stored, codes.import)).toEqual(columnsOf(api.stored, codes.api));
    expect(api.stored).toMatchObject(expected.stored);
  }

  describe.each(createCases.map((c, i) => [c.name, c, i] as const))('creating: %s', (_name, c, i) => {
    it('is stored or refused alike', async () => {
      const unit = units[c.unit ?? 'own'];
      const taskForce = c.taskForce === 'apart' ? apart : main;
      const subgroup = c.subgroup ? subgroups[c.subgroup] : undefined;
      const codes = { api: `API-${i}`, import: `IMP-${i}` };
      const input: Record<string, unknown> = {
        taskForceId: toGlobalId('TaskForce', taskForce.dbId),
        code: codes.api,
        name: '规则项目',
        unitId: toGlobalId('Unit', unit.dbId),
        ...(c.values ?? {}),
        ...(c.custom ? { customFields: c.custom } : {}),
        ...(subgroup ? { subgroupId: toGlobalId('Subgroup', subgroup.dbId) } : {}),
      };
      const api = await viaApi('create', c.as, input, codes.api);
      const imported = await viaImport(c.as, taskForce, importRow(codes.import, unit, c.values ?? {}, c.cells, c.custom, subgroup));
      expectAlike(api, imported, c.expect, codes);
      if ('refused' in c.expect) {
        const manager = server.dataSource.manager;
        expect(await manager.countBy(Project, { code: codes.api })).toBe(0);
        expect(await manager.countBy(Project, { code: codes.import })).toBe(0);
      }
    });
  });

  describe.each(updateCases.map((c, i) => [c.name, c, i] as const))('updating: %s', (_name, c, i) => {
    it('is stored or refused alike', async () => {
      const unit = units[c.unit ?? 'own'];
      const codes = { api: `UPD-API-${i}`, import: `UPD-IMP-${i}` };
      const ids: Record<string, string> = {};
      for (const code of [codes.api, codes.import]) {
        const created = await gql(
          server.url,
          'mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id } } }',
          { i: { taskForceId: toGlobalId('TaskForce', main.dbId), code, name: '规则项目', unitId: toGlobalId('Unit', unit.dbId), ...c.initial } },
          tokens.admin,
        );
        expect(created.errors).toBeUndefined();
        ids[code] = created.data!.projectCreate.project.id;
      }
      const api = await viaApi('update', c.as, { id: ids[codes.api], expectedVersion: 1, ...c.change }, codes.api);
      const imported = await viaImport(c.as, main, importRow(codes.import, unit, c.change));
      expectAlike(api, imported, c.expect, codes);
      if ('refused' in c.expect) {
        // Nothing written: both still at version 1, as created.
        const manager = server.dataSource.manager;
        for (const code of [codes.api, codes.import]) expect(await manager.findOneByOrFail(Project, { code })).toMatchObject({ version: 1 });
      }
    });
  });
});

describe('concurrent projectCreate with one code', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('20 at once: one is created, 19 are CONFLICT, none an internal error', async () => {
    const manager = server.dataSource.manager;
    const taskForce = await manager.save(manager.create(TaskForce, { name: '并发专班', region: '并发市' }));
    const unit = await manager.save(manager.create(Unit, { name: '并发县', kind: UnitKind.COUNTY, region: '并发市', searchText: foldForSearch('并发县') }));
    const input = { taskForceId: toGlobalId('TaskForce', taskForce.dbId), code: 'RACE-1', name: '并发项目', unitId: toGlobalId('Unit', unit.dbId) };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => gql(server.url, 'mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id } } }', { i: input }, server.adminToken)),
    );
    const outcomes = results.map((r) => (r.errors ? String(r.errors[0].extensions?.code) : 'CREATED'));
    const counts = outcomes.reduce<Record<string, number>>((all, o) => ({ ...all, [o]: (all[o] ?? 0) + 1 }), {});
    expect(counts).toEqual({ CREATED: 1, CONFLICT: 19 });
    expect(await manager.countBy(Project, { taskForceId: taskForce.dbId, code: 'RACE-1' })).toBe(1);
  });
});
