import ExcelJS from 'exceljs';
import { parseGlobalId } from '../../src/common/global-id';
import { PeriodType, ProgressReport } from '../../src/domain/progress/progress-report.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Role } from '../../src/domain/user/user.entity';
import { addMonths, dayNumber, daysInMonth, formatDate, today } from '../../src/metrics/dates';
import { gql, GraphQLResponse, startTestServer, TestServer } from '../utils/test-server';

/**
 * Reporting cadences and 报送情况 (issue 14): TaskForce.reportingCadences as the seeds' documents set them and as the
 * office changes them; reportingStatus(taskForceId, period) per unit against the demo data. 鄂州 (seed 001) reports
 * each quarter "每季度最后一个月的25日前": its 206 example projects sit with 市发改委 (8 + 50 + 4 + 12 = 74), 市住建局 61,
 * 市卫健委 28, 市交通运输局 24, 市生态环境局 10 and 市水利局 9. Reports are placed by hand with their submission times.
 */

const EZHOU_DOC = '鄂州政发〔2020〕10号';
const statusFields = `period periodStart periodEnd dueDate cadence { kind name dueDay graceDays }
  unit { name } dueCount onTimeCount lateCount missingCount pendingCount onTimeRate unreportedProjects { code }`;
const statusQuery = `query($tf: ID!, $period: String!) { reportingStatus(taskForceId: $tf, period: $period) { ${statusFields} } }`;

describe('reporting cadences and 报送情况', () => {
  let server: TestServer;
  let ezhou: string;
  let waterProjects: Project[]; // 市水利局's nine, by code
  let healthProjects: Project[]; // 市卫健委's 28, by code

  async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token = server.adminToken): Promise<T> {
    const result = await gql<T>(server.url, query, variables, token);
    if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  async function status(tf: string, period: string): Promise<any[]> {
    return (await ok(statusQuery, { tf, period })).reportingStatus;
  }

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const { taskForces } = await ok('{ taskForces { id documentNumber } }');
    ezhou = taskForces.find((tf: any) => tf.documentNumber === EZHOU_DOC).id;
    const manager = server.dataSource.manager;
    const tfId = parseGlobalId(ezhou)!.id;
    // Whatever example reports the demo carries, this test places its own.
    const [clear, parameters] = manager.connection.driver.escapeQueryWithParameters('DELETE FROM progress_report WHERE project_id IN (SELECT id FROM project WHERE task_force_id = :tf)', { tf: tfId });
    await manager.query(clear, parameters);
    const projects = await manager.find(Project, { where: { taskForceId: tfId }, relations: { unit: true }, order: { code: 'ASC' } });
    waterProjects = projects.filter((p) => p.unit!.name === '市水利局');
    healthProjects = projects.filter((p) => p.unit!.name === '市卫健委');
    expect([waterProjects.length, healthProjects.length]).toEqual([9, 28]);

    const report = (project: Project, asOfDate: string, submittedAt: string, period = '2020-Q3') =>
      ({ projectId: project.dbId, period, periodType: PeriodType.QUARTER, periodStart: '2020-07-01', periodEnd: '2020-09-30', asOfDate, ytdCompletedInvestment: 100, submittedAt: new Date(submittedAt) }) as Partial<ProgressReport>;
    await manager.insert(ProgressReport, [
      // 市水利局: five on time (2020-09-20), two late (2020-10-10, standing for 2020-09-30).
      ...waterProjects.slice(0, 5).map((p) => report(p, '2020-09-20', '2020-09-20T02:00:00Z')),
      ...waterProjects.slice(5, 7).map((p) => report(p, '2020-09-30', '2020-10-10T02:00:00Z')),
      // The eighth reports only for October: nothing for the third quarter.
      report(waterProjects[7], '2020-10-31', '2020-11-02T02:00:00Z', '2020-10'),
      // 市卫健委: 23:59 on the due day in UTC+8 is on time, midnight after it late; of two reports in the quarter, the earlier submission counts.
      report(healthProjects[0], '2020-09-25', '2020-09-25T15:59:00Z'),
      report(healthProjects[1], '2020-09-25', '2020-09-25T16:00:00Z'),
      report(healthProjects[2], '2020-08-31', '2020-09-01T01:00:00Z', '2020-08'),
      report(healthProjects[2], '2020-09-30', '2020-10-20T01:00:00Z'),
    ]);
    // The ninth finished before the quarter began: it reports no more.
    await manager.update(Project, { dbId: waterProjects[8].dbId }, { actualEnd: '2020-06-30' });
  }, 120_000);
  afterAll(() => server?.close());

  it("gives each seed campaign the cadences of its document, and old clients' single cadence", async () => {
    const { taskForces } = await ok('{ taskForces { documentNumber reportingCadence reportingCadences { kind name dueDay graceDays } } }');
    const of = (doc: string) => taskForces.find((tf: any) => tf.documentNumber === doc);
    expect(of(EZHOU_DOC)).toEqual({ documentNumber: EZHOU_DOC, reportingCadence: 'QUARTER', reportingCadences: [{ kind: 'QUARTER', name: '季度报送', dueDay: 25, graceDays: 0 }] });
    expect(of('双政办发〔2021〕4号').reportingCadence).toBe('TEN_DAYS');
    expect(of('双政办发〔2021〕4号').reportingCadences.map((r: any) => `${r.kind} ${r.name}`)).toEqual(['TEN_DAYS 旬调度', 'DAY 每日发布', 'HALF_MONTH 每半月督察', 'MONTH 每月汇报']);
    const seed003 = taskForces.find((tf: any) => tf.reportingCadence === 'WEEK');
    expect(seed003.reportingCadences.map((r: any) => `${r.kind} ${r.name}`)).toEqual(['WEEK 周監測', 'TEN_DAYS 旬調度', 'MONTH 月通報']);
    expect(taskForces.filter((tf: any) => tf.reportingCadences.length === 0)).toHaveLength(2); // seeds 000 and 002 set none
  });

  it('sets cadences through the task-force mutations, refusing bad ones with the field named', async () => {
    const created = await ok(
      `mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id version reportingCadence reportingCadences { kind name dueDay graceDays } } } }`,
      { i: { name: '旧客户端的方案', periodStart: '2026-01-01', periodEnd: '2027-12-31', reportingCadence: 'MONTH' } },
    );
    const tf = created.taskForceCreate.taskForce;
    expect(tf.reportingCadences).toEqual([{ kind: 'MONTH', name: '月报', dueDay: null, graceDays: 0 }]);
    const update = `mutation($i: TaskForceUpdateInput!) { taskForceUpdate(input: $i) { taskForce { version reportingCadence reportingCadences { kind name dueDay graceDays } } } }`;
    const cadences = [
      { kind: 'WEEK', name: '周监测', dueDay: 5 },
      { kind: 'MONTH', name: '月通报', graceDays: 5 },
    ];
    const updated = await ok(update, { i: { id: tf.id, expectedVersion: tf.version, reportingCadences: cadences } });
    expect(updated.taskForceUpdate.taskForce).toEqual({
      version: tf.version + 1,
      reportingCadence: 'WEEK',
      reportingCadences: [
        { kind: 'WEEK', name: '周监测', dueDay: 5, graceDays: 0 },
        { kind: 'MONTH', name: '月通报', dueDay: null, graceDays: 5 },
      ],
    });
    const refused = async (input: Record<string, unknown>, code: string, field?: string) => {
      const result: GraphQLResponse = await gql(server.url, update, { i: { id: tf.id, expectedVersion: tf.version + 1, ...input } }, server.adminToken);
      expect(result.errors?.[0].extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    };
    await refused({ reportingCadences: [{ kind: 'WEEK' }, { kind: 'WEEK', name: '周报二' }] }, 'BAD_USER_INPUT', 'input.reportingCadences[1].kind');
    await refused({ reportingCadences: [{ kind: 'WEEK', dueDay: 8 }] }, 'BAD_USER_INPUT', 'input.reportingCadences[0].dueDay');
    await refused({ reportingCadences: [{ kind: 'MONTH', graceDays: -1 }] }, 'BAD_USER_INPUT', 'input.reportingCadences[0].graceDays');
    await refused({ expectedVersion: tf.version, reportingCadences: [] }, 'CONFLICT');
    const reporter = await server.userToken('cadence-reporter', Role.REPORTER, waterProjects[0].unitId);
    const forbidden = await gql(server.url, update, { i: { id: tf.id, expectedVersion: tf.version + 1, reportingCadences: [] } }, reporter);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('counts 鄂州 units for 2020-Q3: on time by the 25th of September (UTC+8), late after, 未报送 without a report', async () => {
    const units = await status(ezhou, '2020-q3');
    // Most missing first: 市发改委 74, 市住建局 61, 市卫健委 25, 市交通运输局 24, 市生态环境局 10, 市水利局 1.
    expect(units.map((u) => [u.unit.name, u.dueCount, u.onTimeCount, u.lateCount, u.missingCount, u.pendingCount])).toEqual([
      ['市发改委', 74, 0, 0, 74, 0],
      ['市住建局', 61, 0, 0, 61, 0],
      ['市卫健委', 28, 2, 1, 25, 0],
      ['市交通运输局', 24, 0, 0, 24, 0],
      ['市生态环境局', 10, 0, 0, 10, 0],
      ['市水利局', 8, 5, 2, 1, 0],
    ]);
    const water = units.find((u) => u.unit.name === '市水利局');
    expect(water).toMatchObject({ period: '2020-Q3', periodStart: '2020-07-01', periodEnd: '2020-09-30', dueDate: '2020-09-25', cadence: { kind: 'QUARTER', name: '季度报送', dueDay: 25, graceDays: 0 } });
    expect(water.onTimeRate).toBeCloseTo(5 / 8, 12);
    expect(water.unreportedProjects.map((p: any) => p.code)).toEqual([waterProjects[7].code]);
    const health = units.find((u) => u.unit.name === '市卫健委');
    expect(health.unreportedProjects).toHaveLength(25);
    expect(health.unreportedProjects.map((p: any) => p.code)).not.toContain(healthProjects[2].code);
  });

  it('reads other kinds of period by the dates reports stand for', async () => {
    // September: no MONTH cadence in 鄂州, so due on its last day; the 9-20 reports are on time, the 10-10 ones late.
    const september = (await status(ezhou, '2020-09')).find((u) => u.unit.name === '市水利局');
    expect(september).toMatchObject({ dueDate: '2020-09-30', cadence: null, dueCount: 8, onTimeCount: 5, lateCount: 2, missingCount: 1 });
    // Its third 旬 (21–30) holds only the reports standing for 9-30.
    const thirdTenDays = (await status(ezhou, '2020-09-T3')).find((u) => u.unit.name === '市水利局');
    expect(thirdTenDays).toMatchObject({ periodStart: '2020-09-21', periodEnd: '2020-09-30', onTimeCount: 0, lateCount: 2, missingCount: 6 });
    const halfMonth = (await status(ezhou, '2020-09-H2')).find((u) => u.unit.name === '市水利局');
    expect(halfMonth).toMatchObject({ periodStart: '2020-09-16', periodEnd: '2020-09-30', onTimeCount: 5, lateCount: 2 });
    const day = (await status(ezhou, '2020-09-20')).find((u) => u.unit.name === '市水利局');
    expect(day).toMatchObject({ periodStart: '2020-09-20', periodEnd: '2020-09-20', dueDate: '2020-09-20', onTimeCount: 5, lateCount: 0, missingCount: 3 });
    // ISO week 38 of 2020 is 9-14 … 9-20.
    const week = (await status(ezhou, '2020-W38')).find((u) => u.unit.name === '市水利局');
    expect(week).toMatchObject({ periodStart: '2020-09-14', periodEnd: '2020-09-20', onTimeCount: 5 });
  });

  it('adds a 报送情况 sheet to the 通报 export: the period of asOf by the first cadence, or the one asked for', async () => {
    const get = async (query: string) => {
      const response = await fetch(`http://127.0.0.1:${server.port}/exports/ranking.xlsx?taskForce=${encodeURIComponent(ezhou)}&${query}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
      return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    };
    const sheetOf = async (body: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('报送情况');
      if (!sheet) return null;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    // Dated 2020-09-30, in 2020-Q3 (鄂州's one cadence, 季度报送, due the 25th), the 通报 shows the record as it stood
    // that day: 市水利局's two late reports, filed on 2020-10-10, are not there yet (8 due: 5 on time, 3 missing).
    const atQuarterEnd = (await sheetOf((await get('asOf=2020-09-30')).body))!;
    expect(atQuarterEnd.find((r) => r[1] === '市水利局')!.slice(2, 7)).toEqual([8, 5, 0, 3, 0]);
    expect(atQuarterEnd.find((r) => r[1] === '市卫健委')!.slice(2, 7)).toEqual([28, 2, 1, 25, 0]);
    // A month later (2020-10-31), asked for 2020-Q3, it shows them late.
    const quarter = await get('asOf=2020-10-31&period=2020-Q3');
    expect(quarter.status).toBe(200);
    const rows = (await sheetOf(quarter.body))!;
    expect(rows[1][0]).toBe('报送期 2020-Q3（2020-07-01 至 2020-09-30），季度报送，截止 2020-09-25；按时 = 截止日（含）前报送；统计至 2020-10-31');
    expect(rows[2]).toEqual(['序号', '责任单位', '应报项目数', '按时报送', '逾期报送', '未报送', '待报送', '按时报送率', '未报送项目']);
    expect(rows.slice(3).map((r) => r.slice(0, 7))).toEqual([
      [1, '市发改委', 74, 0, 0, 74, 0],
      [2, '市住建局', 61, 0, 0, 61, 0],
      [3, '市卫健委', 28, 2, 1, 25, 0],
      [4, '市交通运输局', 24, 0, 0, 24, 0],
      [5, '市生态环境局', 10, 0, 0, 10, 0],
      [6, '市水利局', 8, 5, 2, 1, 0],
    ]);
    expect(rows[8][7]).toBeCloseTo(5 / 8, 12);
    expect(rows[8][8]).toBe(waterProjects[7].name);
    const tenDays = (await sheetOf((await get('asOf=2020-10-31&period=2020-09-T3')).body))!;
    // 鄂州 has no 旬 cadence: the sheet says the period's last day stands as the due date.
    expect(tenDays[1][0]).toBe('报送期 2020-09-T3（2020-09-21 至 2020-09-30）（本专班无此周期的报送要求，以期末为截止日），截止 2020-09-30；按时 = 截止日（含）前报送；统计至 2020-10-31');
    expect(tenDays.find((r) => r[1] === '市水利局')!.slice(2, 7)).toEqual([8, 0, 2, 6, 0]);
    const bad = await get('asOf=2020-09-30&period=2020-13');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    // Before the campaign began there is no period to report on: no sheet, the ranking still comes.
    const before = await get('asOf=2019-06-30');
    expect(before.status).toBe(200);
    expect(await sheetOf(before.body)).toBeNull();
  });

  it('refuses malformed periods, periods outside the campaign and foreign tokens', async () => {
    for (const period of ['2020-13', '2020-Q5', 'yesterday', '2020-09-31', '2020-09-H3', '2019-Q4', '2023-01']) {
      const result = await gql(server.url, statusQuery, { tf: ezhou, period }, server.adminToken);
      expect({ period, error: result.errors?.[0].extensions }).toMatchObject({ period, error: { code: 'BAD_USER_INPUT', field: 'period' } });
    }
    const notTaskForce = await gql(server.url, statusQuery, { tf: waterProjects[0].id, period: '2020-Q3' }, server.adminToken);
    expect(notTaskForce.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taskForceId' });
    const token = async (scope: string) =>
      (await ok('mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token } }', { i: { name: `大屏 ${scope}`, scope } })).screenTokenCreate.token as string;
    const { taskForces } = await ok('{ taskForces { id } }');
    const other = await token(taskForces.find((tf: any) => tf.id !== ezhou).id);
    expect((await gql(server.url, statusQuery, { tf: ezhou, period: '2020-Q3' }, other)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(server.url, statusQuery, { tf: ezhou, period: '2020-Q3' }, await token(ezhou))).errors).toBeUndefined();
  });

  it('tells on time from pending in a running period, with reports filed through the API', async () => {
    const now = today();
    const created = await ok(
      `mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }`,
      { i: { name: '本年度调度', periodStart: `${now.slice(0, 4)}-01-01`, periodEnd: `${Number(now.slice(0, 4)) + 1}-12-31`, reportingCadences: [{ kind: 'WEEK', name: '周监测', dueDay: 5 }] } },
    );
    const tf = created.taskForceCreate.taskForce.id;
    const ids: string[] = [];
    for (const code of ['W-1', 'W-2', 'W-3']) {
      const data = await ok('mutation($i: ProjectCreateInput!) { projectCreate(input: $i) { project { id } } }', { i: { taskForceId: tf, code, name: `周调度项目${code}`, unitId: waterProjects[0].unit!.id } });
      ids.push(data.projectCreate.project.id);
    }
    // This ISO week (Monday … Sunday) and its Friday, the due day.
    const weekday = (new Date(`${now}T00:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
    const monday = formatDate(new Date((dayNumber(now) - weekday) * 86_400_000));
    const friday = formatDate(new Date((dayNumber(monday) + 4) * 86_400_000));
    const thursday = new Date((dayNumber(monday) + 3) * 86_400_000);
    const jan4 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
    const weekNumber = 1 + Math.round((dayNumber(monday) - (dayNumber(formatDate(jan4)) - ((jan4.getUTCDay() + 6) % 7))) / 7);
    const period = `${thursday.getUTCFullYear()}-W${String(weekNumber).padStart(2, '0')}`;
    await ok('mutation($i: ProgressReportInput!) { progressReport(input: $i) { report { id } } }', { i: { projectId: ids[0], period, ytdCompletedInvestment: 10 } });
    const [unit] = await status(tf, period);
    expect(unit).toMatchObject({ period, periodStart: monday, dueDate: friday, dueCount: 3, onTimeCount: now <= friday ? 1 : 0, lateCount: now <= friday ? 0 : 1 });
    expect([unit.missingCount, unit.pendingCount]).toEqual(now <= friday ? [0, 2] : [2, 0]);
    // Next month has not begun: everything pending, due on its last day (no MONTH cadence).
    const next = addMonths(`${now.slice(0, 7)}-01`, 1);
    const [ahead] = await status(tf, next.slice(0, 7));
    expect(ahead).toMatchObject({ dueDate: `${next.slice(0, 8)}${daysInMonth(Number(next.slice(0, 4)), Number(next.slice(5, 7)))}`, dueCount: 3, onTimeCount: 0, missingCount: 0, pendingCount: 3 });
  });
});
