/**
 * The demo data against the five source documents in /work/shared/seeds/, read through GraphQL only.
 *
 * Every expected value below is read in the documents themselves (quoted in the comments) or computed by hand
 * from them; nothing is copied from the service's output or from the transcriptions in src/seed/campaigns/.
 * Amounts are 万元: a document's 亿元 × 10,000.
 */
import { gql, startTestServer, TestServer } from '../utils/test-server';

let server: TestServer;

async function query<T = any>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await gql<T>(server.url, text, variables, server.adminToken);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** Amounts compared in whole 分 (0.01 万元) so that sums of decimals are exact. */
const cents = (value: number): number => Math.round(value * 100);
const hasAtMostTwoDecimals = (value: number): boolean => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
const names = (units: Array<{ name: string }>): string[] => units.map((u) => u.name);

const TASK_FORCES = /* GraphQL */ `
  {
    taskForces {
      id name documentNumber issuer issuedOn region periodStart periodEnd groupName reportingCadence
      phases { name start end }
      officeUnit { name }
    }
  }
`;

let taskForces: any[];
/** The task forces by source document. */
const tf: Record<'000' | '001' | '002' | '003' | '004', any> = {} as any;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  taskForces = (await query(TASK_FORCES)).taskForces;
  const byNumber = (number: string) => taskForces.find((t) => t.documentNumber === number);
  tf['000'] = byNumber('同政辦發〔2020〕29號');
  tf['001'] = byNumber('鄂州政发〔2020〕10号');
  tf['002'] = byNumber('同政辦發〔2019〕49號');
  tf['004'] = byNumber('双政办发〔2021〕4号');
  tf['003'] = taskForces.find((t) => t.name.includes('吳忠市'));
});

afterAll(() => server?.close());

describe('the five task forces', () => {
  it('are the five documents, with the 文号 as written and none for seed 003', () => {
    expect(taskForces).toHaveLength(5);
    // 000: "同政辦發〔2020〕29號"; 001: "鄂州政发〔2020〕10号"; 002: "同政辦發〔2019〕49號"; 004: "双政办发〔2021〕4号";
    // 003 (吳忠) gives no 文号.
    expect(taskForces.map((t) => t.documentNumber).sort()).toEqual(
      [null, '同政辦發〔2019〕49號', '同政辦發〔2020〕29號', '双政办发〔2021〕4号', '鄂州政发〔2020〕10号'].sort(),
    );
    for (const key of ['000', '001', '002', '003', '004'] as const) expect(tf[key]).toBeDefined();
    expect(tf['003'].documentNumber).toBeNull();
  });

  it('carry the plan names as written (Traditional stays Traditional)', () => {
    // 000: "中文名:關於大同市爭取上級政策、資金、項目工作的行動方案"
    expect(tf['000'].name).toBe('關於大同市爭取上級政策、資金、項目工作的行動方案');
    // 001: "《鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)》"
    expect(tf['001'].name).toBe('鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)');
    // 002: "《大同市深化轉型項目建設年行動方案》"
    expect(tf['002'].name).toBe('大同市深化轉型項目建設年行動方案');
    // 003: "《吳忠市擴大有效投資百日攻堅分工方案》"
    expect(tf['003'].name).toBe('吳忠市擴大有效投資百日攻堅分工方案');
    // 004: "双鸭山市2021年“省、市百大项目”…包保推进方案" (the notice omits 年; both end in 包保推进方案)
    expect(tf['004'].name).toMatch(/^双鸭山市2021.*“省、市百大项目”和“500万产业项目”建设目标任务包保推进方案$/);
  });

  it('carry issuer, issue date and region as the documents state them', () => {
    const pick = (t: any) => ({ issuer: t.issuer, issuedOn: t.issuedOn, region: t.region });
    // "發布單位:大同市人民政府辦公室", "頒布時間:2020年6月5日"
    expect(pick(tf['000'])).toEqual({ issuer: '大同市人民政府辦公室', issuedOn: '2020-06-05', region: '大同市' });
    // signed "鄂州市人民政府 2020年11月18日"
    expect(pick(tf['001'])).toEqual({ issuer: '鄂州市人民政府', issuedOn: '2020-11-18', region: '鄂州市' });
    // signed "大同市人民政府辦公室 2019年5月15日"
    expect(pick(tf['002'])).toEqual({ issuer: '大同市人民政府辦公室', issuedOn: '2019-05-15', region: '大同市' });
    // signed "吳忠市人民政府辦公室 2023年8月8日"
    expect(pick(tf['003'])).toEqual({ issuer: '吳忠市人民政府辦公室', issuedOn: '2023-08-08', region: '吳忠市' });
    // "双鸭山市人民政府办公室", "发布时间:2021-04-08"
    expect(pick(tf['004'])).toEqual({ issuer: '双鸭山市人民政府办公室', issuedOn: '2021-04-08', region: '双鸭山市' });
  });

  it('carry the campaign periods the documents set', () => {
    // 000: "實施時間:2020年6月5日"; no end is stated.
    expect(tf['000'].periodStart).toBe('2020-06-05');
    // 001: "(2020—2022年)", "用三年时间"
    expect([tf['001'].periodStart, tf['001'].periodEnd]).toEqual(['2020-01-01', '2022-12-31']);
    // 002: the plan of 深化轉型項目建設年 2019 ("2019年共設定6項量化指標"), goals for the full year
    expect(tf['002'].periodStart.startsWith('2019-')).toBe(true);
    expect(tf['002'].periodEnd).toBe('2019-12-31');
    // 003: issued 2023-08-08, goals for 三季度末 and 全年 2023
    expect(tf['003'].periodStart >= '2023-01-01' && tf['003'].periodStart <= '2023-08-08').toBe(true);
    expect(tf['003'].periodEnd).toBe('2023-12-31');
    // 004: a 2021 plan whose phases run 4月15日—12月30日
    expect(tf['004'].periodStart >= '2021-01-01' && tf['004'].periodStart <= '2021-04-15').toBe(true);
    expect(tf['004'].periodEnd >= '2021-12-30' && tf['004'].periodEnd <= '2021-12-31').toBe(true);
  });

  it('answers phases for every task force: [] where the document sets no dated phases', () => {
    // 000, 001 and 003 name no dated phases; 004 sets two (checked with seed 004 below).
    expect([tf['000'].phases, tf['001'].phases, tf['003'].phases]).toEqual([[], [], []]);
    expect(tf['004'].phases).toHaveLength(2);
  });
});

const ROLE_FIELDS = 'role kind title person { id name title unit { name } }';

describe('seed 000 — 大同市 工作組 (Traditional)', () => {
  let data: any;
  beforeAll(async () => {
    data = (
      await query(
        `query($id: ID!) { taskForce(id: $id) {
          groupName
          roles { ${ROLE_FIELDS} }
          subgroups { name leader { id name title } members { ${ROLE_FIELDS} } }
          tasks { number title description section }
        } }`,
        { id: tf['000'].id },
      )
    ).taskForce;
  });

  it('carries 四、工作要求 (一)…(四) as tasks 23-26 after the groups\' 22 (issue 14)', () => {
    // "(一)提高政治站位 / (二)搶抓申報機遇 / (三)強化協同聯動 / (四)嚴格考核驗收"
    const requirements = data.tasks.filter((t: any) => t.section === '四、工作要求');
    expect(requirements.map((t: any) => [t.number, t.title])).toEqual([
      [23, '提高政治站位'],
      [24, '搶抓申報機遇'],
      [25, '強化協同聯動'],
      [26, '嚴格考核驗收'],
    ]);
    expect(requirements[3].description).toMatch(/^考核辦要將向上爭取政策、資金、項目工作列入本年度考核任務/);
    expect(data.tasks).toHaveLength(26);
  });

  it('names its leading group 工作組 with 組長, 常務副組長 and four 副組長', () => {
    // "三、成立工作組"
    expect(data.groupName).toBe('工作組');
    // "組長:武宏文 市委副書記、市長 / 常務副組長:薛明耀 市委常委、常務副市長 / 副 組 長:郭 蕾 副市長 / 馬安全 副市長 /
    //  荊 虎 副市長 / 郝獻民 副市長" — the spaces in 副 組 長 and 郭 蕾 are typesetting.
    expect(data.roles.map((r: any) => ({ role: r.role, kind: r.kind, name: r.person.name, title: r.title }))).toEqual([
      { role: '組長', kind: 'LEADER', name: '武宏文', title: '市委副書記、市長' },
      { role: '常務副組長', kind: 'EXECUTIVE_DEPUTY', name: '薛明耀', title: '市委常委、常務副市長' },
      { role: '副組長', kind: 'DEPUTY', name: '郭蕾', title: '副市長' },
      { role: '副組長', kind: 'DEPUTY', name: '馬安全', title: '副市長' },
      { role: '副組長', kind: 'DEPUTY', name: '荊虎', title: '副市長' },
      { role: '副組長', kind: 'DEPUTY', name: '郝獻民', title: '副市長' },
    ]);
    for (const role of data.roles) expect(role.person.title).toBe(role.title);
  });

  it('has the six 小組 with their 組長 and 副組長, names and titles as written', () => {
    // "工作組下設六個小組。(一)綜合政策保障組 … (六)交通文旅項目組"
    const expected: Array<[string, [string, string], Array<[string, string]>]> = [
      ['綜合政策保障組', ['薛明耀', '市委常委、常務副市長'], [['王明生', '市發改委主任'], ['劉義深', '市財政局局長'], ['王一明', '市金融辦主任']]],
      ['教育和公共衛生項目組', ['郭蕾', '副市長'], [['范振凱', '市教育局局長'], ['張宏東', '市衛健委主任']]],
      [
        '生態和市政項目組',
        ['馬安全', '副市長'],
        [
          ['王學軍', '市規劃和自然資源局局長'],
          ['赫瑞', '市生態環境局局長'],
          ['田培山', '市住建局局長'],
          ['王璽', '市城市管理局局長'],
          ['耿建舉', '市應急管理局局長'],
          ['蘇春枝', '市能源局局長'],
          ['任帥', '市園林綠化中心主任'],
        ],
      ],
      ['新型基礎設施項目組', ['荊虎', '副市長'], [['韓雁春', '市工信局副局長'], ['王成舜', '市科技局局長'], ['高淑霞', '市商務局局長'], ['王宏栓', '市國資委主任']]],
      ['農林水項目組', ['郝獻民', '副市長'], [['張穎龍', '市農業農村局局長'], ['文曉東', '市水務局局長'], ['白雪峰', '市扶貧辦主任']]],
      ['交通文旅項目組', ['郝獻民', '副市長'], [['戴陶', '市文旅局局長'], ['梁翼龍', '市交通局局長'], ['劉建勇', '市文物局局長'], ['王東升', '市民政局局長']]],
    ];
    expect(data.subgroups.map((s: any) => s.name)).toEqual(expected.map(([name]) => name));
    for (const [name, [leaderName, leaderTitle], deputies] of expected) {
      const subgroup = data.subgroups.find((s: any) => s.name === name);
      expect({ name, leader: [subgroup.leader?.name, subgroup.leader?.title] }).toEqual({ name, leader: [leaderName, leaderTitle] });
      const leaders = subgroup.members.filter((m: any) => m.kind === 'LEADER');
      expect(leaders.map((m: any) => [m.role, m.person.name, m.title])).toEqual([['組長', leaderName, leaderTitle]]);
      const deputyRows = subgroup.members.filter((m: any) => m.kind === 'DEPUTY');
      expect({ name, deputies: deputyRows.map((m: any) => [m.person.name, m.title]) }).toEqual({ name, deputies });
      for (const deputy of deputyRows) expect(deputy.role).toBe('副組長');
    }
  });

  it('places each 副組長 in the unit the title names (市發改委主任 → 市發改委)', () => {
    const deputies = data.subgroups.flatMap((s: any) => s.members.filter((m: any) => m.kind === 'DEPUTY'));
    expect(deputies).toHaveLength(3 + 2 + 7 + 4 + 3 + 4); // counted in the six lists above
    for (const deputy of deputies) {
      expect(deputy.person.unit).not.toBeNull();
      // e.g. 韓雁春 市工信局副局長 → 市工信局; 任帥 市園林綠化中心主任 → 市園林綠化中心
      expect({ title: deputy.title, startsWithUnit: deputy.title.startsWith(deputy.person.unit.name) }).toEqual({ title: deputy.title, startsWithUnit: true });
    }
    const wang = deputies.find((d: any) => d.person.name === '王明生');
    expect(wang.person.unit.name).toBe('市發改委');
  });

  it('keeps one person for a name written twice (薛明耀, 郭蕾, 郝獻民)', () => {
    const leaderOf = (name: string) => data.subgroups.find((s: any) => s.name === name).leader.id;
    const roleOf = (name: string) => data.roles.find((r: any) => r.person.name === name).person.id;
    // 薛明耀 is 常務副組長 and 組長 of 綜合政策保障組; 郭蕾 副組長 and 組長 of 教育和公共衛生項目組;
    // 郝獻民 leads both 農林水項目組 and 交通文旅項目組.
    expect(leaderOf('綜合政策保障組')).toBe(roleOf('薛明耀'));
    expect(leaderOf('教育和公共衛生項目組')).toBe(roleOf('郭蕾'));
    expect(leaderOf('農林水項目組')).toBe(roleOf('郝獻民'));
    expect(leaderOf('交通文旅項目組')).toBe(roleOf('郝獻民'));
  });
});

describe('seed 001 — 鄂州市 十大工程', () => {
  /** [name, 分管领导, 牵头部门, co-lead units, 项目个数, 估算总投资 万元, 2020年估算投资 万元] as the document states them. */
  const WORKS: Array<[string, string, string, string[], number, number, number]> = [
    // "全市三年拟实施项目28个,估算总投资46.71亿元,2020年估算投资5.8亿元"
    ['公共卫生体系补短板工程', '程少云', '市卫健委', [], 28, 467100, 58000],
    // "项目24个,估算总投资约549.9亿元,2020年估算投资65.2亿元"
    ['交通补短板工程', '岳劲', '市交通运输局', [], 24, 5499000, 652000],
    // "项目9个,估算总投资约58.3亿元,2020年估算投资5.9亿元"
    ['水利补短板工程', '姜飞轮', '市水利局', [], 9, 583000, 59000],
    // "8个项目,估算总投资20亿元,2020年估算投资1亿元"
    ['能源提升工程', '李忠禄', '市发改委', [], 8, 200000, 10000],
    // "项目50个,估算总投资828.1亿元,2020年估算投资49.6亿元"
    ['新基建工程', '李忠禄', '市发改委', [], 50, 8281000, 496000],
    // "(牵头部门:市发改委、市应急局)", "项目4个,估算总投资28.3亿元,2020年估算投资0.8亿元"
    ['冷链物流和应急储备设施补短板工程', '李忠禄', '市发改委', ['市应急局'], 4, 283000, 8000],
    // "(分管领导李忠禄;牵头部门:市住建局)", "项目61个,估算总投资254.6亿元,2020年估算投资24.3亿元"
    ['城市补短板工程', '李忠禄', '市住建局', [], 61, 2546000, 243000],
    // "项目12个,估算总投资333亿元,2020年估算投资21.5亿元"
    ['产业园区提升工程', '李忠禄', '市发改委', [], 12, 3330000, 215000],
    // no project figures are stated for 新一轮高标准农田建设
    ['新一轮高标准农田建设', '姜飞轮', '市农业农村局', [], 0, 0, 0],
    // "项目10个,估算总投资5.9亿元,2020年估算投资1亿元"
    ['生态环境补短板工程', '李忠禄', '市生态环境局', [], 10, 59000, 10000],
  ];
  // Totals by hand:
  //   projects 28+24+9+8+50+4+61+12+0+10 = 206
  //   total    46.71+549.9+58.3+20+828.1+28.3+254.6+333+5.9 = 2124.81 亿元 = 21,248,100 万元
  //   2020     5.8+65.2+5.9+1+49.6+0.8+24.3+21.5+1 = 175.1 亿元 = 1,751,000 万元
  const TOTAL_PROJECTS = 206;
  const TOTAL_INVESTMENT = 21248100;
  const TOTAL_ANNUAL = 1751000;

  let data: any;
  beforeAll(async () => {
    data = (
      await query(
        `query($id: ID!) { taskForce(id: $id) {
          metrics(asOf: "2020-12-31") { projectCount totalInvestment annualPlanInvestment }
          subgroups {
            name
            leader { name }
            members { role kind person { name } }
            leadUnit { name }
            coLeadUnits { name }
            metrics(asOf: "2020-12-31") { projectCount totalInvestment annualPlanInvestment }
          }
          targets { code name targetValue unitOfMeasure direction baseline scope subgroup { name } leadUnit { name } }
          projects(first: 500) {
            totalCount
            pageInfo { hasNextPage }
            nodes { code isExample totalInvestment annualPlanInvestment subgroup { name } }
          }
        } }`,
        { id: tf['001'].id },
      )
    ).taskForce;
  });

  it('has the ten 工程 in order, 分管领导 as leader and 牵头部门 as lead unit (冷链 with co-lead 市应急局)', () => {
    expect(data.subgroups.map((s: any) => s.name)).toEqual(WORKS.map(([name]) => name));
    for (const [name, leader, leadUnit, coLeads] of WORKS) {
      const s = data.subgroups.find((g: any) => g.name === name);
      expect({ name, leader: s.leader?.name, leadUnit: s.leadUnit?.name, coLeadUnits: names(s.coLeadUnits) }).toEqual({ name, leader, leadUnit, coLeadUnits: coLeads });
      expect(s.members.filter((m: any) => m.kind === 'LEADER').map((m: any) => [m.role, m.person.name])).toEqual([['分管领导', leader]]);
    }
  });

  it('rolls up each 工程 to the stated project count, 估算总投资 and 2020年估算投资', () => {
    for (const [name, , , , count, total, annual] of WORKS) {
      const s = data.subgroups.find((g: any) => g.name === name);
      expect({ name, count: s.metrics.projectCount, total: cents(s.metrics.totalInvestment), annual: cents(s.metrics.annualPlanInvestment) }).toEqual({
        name,
        count,
        total: cents(total),
        annual: cents(annual),
      });
    }
  });

  it('rolls up the task force to 206 projects, 21,248,100 万元 and 1,751,000 万元 for 2020', () => {
    expect(WORKS.reduce((n, w) => n + w[4], 0)).toBe(TOTAL_PROJECTS);
    expect(WORKS.reduce((n, w) => n + w[5], 0)).toBe(TOTAL_INVESTMENT);
    expect(WORKS.reduce((n, w) => n + w[6], 0)).toBe(TOTAL_ANNUAL);
    expect({ ...data.metrics, totalInvestment: cents(data.metrics.totalInvestment), annualPlanInvestment: cents(data.metrics.annualPlanInvestment) }).toEqual({
      projectCount: TOTAL_PROJECTS,
      totalInvestment: cents(TOTAL_INVESTMENT),
      annualPlanInvestment: cents(TOTAL_ANNUAL),
    });
  });

  it('lists 206 example projects whose amounts have at most 2 decimals and add up per 工程 exactly', () => {
    const projects = data.projects;
    expect(projects.totalCount).toBe(TOTAL_PROJECTS);
    expect(projects.pageInfo.hasNextPage).toBe(false);
    expect(projects.nodes).toHaveLength(TOTAL_PROJECTS);
    expect(new Set(projects.nodes.map((p: any) => p.code)).size).toBe(TOTAL_PROJECTS);
    const sums = new Map<string, { count: number; total: number; annual: number }>();
    for (const p of projects.nodes) {
      expect({ code: p.code, isExample: p.isExample }).toEqual({ code: p.code, isExample: true });
      expect(p.totalInvestment).toBeGreaterThan(0);
      expect(p.annualPlanInvestment).toBeGreaterThan(0);
      expect({ code: p.code, total: hasAtMostTwoDecimals(p.totalInvestment), annual: hasAtMostTwoDecimals(p.annualPlanInvestment) }).toEqual({ code: p.code, total: true, annual: true });
      const key = p.subgroup?.name ?? '(none)';
      const sum = sums.get(key) ?? { count: 0, total: 0, annual: 0 };
      sums.set(key, { count: sum.count + 1, total: sum.total + cents(p.totalInvestment), annual: sum.annual + cents(p.annualPlanInvestment) });
    }
    const expected = new Map(WORKS.filter((w) => w[4] > 0).map(([name, , , , count, total, annual]) => [name, { count, total: cents(total), annual: cents(annual) }]));
    expect(Object.fromEntries(sums)).toEqual(Object.fromEntries(expected));
  });

  it('states the sample targets with their values, baselines and directions', () => {
    const find = (part: string) => {
      const found = data.targets.filter((t: any) => t.name.includes(part));
      expect({ part, count: found.length }).toEqual({ part, count: 1 });
      return found[0];
    };
    // "到2022年,全市高等级航道里程达77.6公里" (交通补短板工程, 牵头部门 市交通运输局)
    const waterway = find('高等级航道');
    expect([waterway.targetValue, waterway.unitOfMeasure, waterway.direction, waterway.scope, waterway.subgroup?.name, waterway.leadUnit?.name]).toEqual([
      77.6, '公里', 'AT_LEAST', 'SUBGROUP', '交通补短板工程', '市交通运输局',
    ]);
    // "重症监护病区(ICU)从疫情前的大约20张增加到80张以上"
    const icu = find('ICU');
    expect([icu.targetValue, icu.baseline, icu.unitOfMeasure, icu.direction, icu.subgroup?.name, icu.leadUnit?.name]).toEqual([
      80, 20, '张', 'AT_LEAST', '公共卫生体系补短板工程', '市卫健委',
    ]);
    // "可转换病区床位从疫情前的不足200张增加到1600张"
    const beds = find('可转换病区');
    expect([beds.targetValue, beds.baseline, beds.direction]).toEqual([1600, 200, 'AT_LEAST']);
    // "城市供水管网漏损率控制在10%以下" — a ceiling
    const leakage = find('漏损率');
    expect([leakage.targetValue, leakage.unitOfMeasure, leakage.direction, leakage.subgroup?.name, leakage.leadUnit?.name]).toEqual([
      10, '%', 'AT_MOST', '城市补短板工程', '市住建局',
    ]);
    // "部署2000个以上的5G基站"
    const stations = find('5G基站');
    expect([stations.targetValue, stations.direction, stations.subgroup?.name]).toEqual([2000, 'AT_LEAST', '新基建工程']);
  });
});

describe('seed 002 — 大同市 深化轉型項目建設年 (Traditional)', () => {
  /** [number, title, 責任單位 first, the others in order] from "三、工作任務". */
  const TASKS: Array<[number, string, string, string[]]> = [
    [1, '聚力謀劃重大項目', '市發改委', ['市直有關部門', '各縣區人民政府']],
    [2, '完善謀劃工作機制', '市直有關部門', ['各縣區人民政府']],
    [3, '提升招商引資質量', '市促進外來投資局', ['各縣區人民政府']],
    [4, '加快簽約項目落地', '市促進外來投資局', ['市經濟技術開發區', '相關縣區人民政府']],
    [5, '深化手續辦理月專題活動', '各縣區人民政府', ['市直有關部門']],
    [6, '深化集中開工月專題活動', '各縣區人民政府', ['市直有關部門']],
    [7, '深化進工地到一線解難題專題活動', '各縣區人民政府', ['市直有關部門']],
    [8, '深化集中投產月專題活動', '各縣區人民政府', ['市直有關部門']],
    [9, '深化打擊惡意阻工擾工專項行動', '市公安局', ['各縣區人民政府']],
    [10, '深化紅頂中介整治專項行動', '市發改委', ['市直有關部門', '各縣區人民政府']],
    [11, '最佳化落實六項常態化工作機制', '各縣區人民政府', ['市直有關部門']],
    [12, '推進重大基礎設施項目建設', '市發改委', ['市電力公司', '相關縣區人民政府']],
    [13, '實施百項工業轉型升級項目', '市工信局', ['各縣區人民政府']],
    [14, '加快重點工程建設', '市發改委', ['各縣區人民政府']],
    // "(責任單位:市商務局、市工信局、市促進外來投資局,開發區、左雲縣、新榮區)" — 開發區 checked separately below
    [15, '培育開發區產業集群', '市商務局', ['市工信局', '市促進外來投資局', '*開發區', '左雲縣', '新榮區']],
    [16, '擴大民間投資', '市發改委', ['市直有關部門', '各縣區人民政府']],
    [17, '擴大外資利用', '市發改委', ['市財政局', '市商務局', '市直有關部門', '各縣區人民政府']],
    [18, '規範有序推進項目', '市發改委', ['市財政局', '各縣區人民政府']],
    [19, '保障項目用地', '市規劃和自然資源局', []],
    [20, '拓寬項目資金渠道', '市政府金融工作辦公室', ['市財政局']],
    [21, '用好政府資金', '市發改委', ['市工信局', '市財政局', '各縣區人民政府']],
    [22, '有效配置環境資源', '市生態環境局', ['市發改委', '市工信局', '市能源局']],
    [23, '最佳化環評審批', '市生態環境局', []],
    [24, '深化企業投資項目承諾制改革', '市發改委', ['各縣區人民政府']],
    [25, '推進工程建設項目審批制度改革', '市住建局', ['各縣區人民政府']],
    [26, '建設全市行政審批政務服務“一張網”', '市行政審批服務管理局', ['市直有關部門', '各縣區人民政府']],
    [27, '提升中介機構服務能力', '市發改委', ['市直有關部門', '各縣區人民政府']],
  ];

  let data: any;
  beforeAll(async () => {
    data = (
      await query(
        `query($id: ID!) { taskForce(id: $id) {
          subgroups { name }
          tasks { number title section leadUnit { name } cooperatingUnits { name } }
          targets { code name targetValue unitOfMeasure direction scope leadUnit { name } }
          projects(first: 500) { totalCount nodes { isExample totalInvestment sector unit { name } } }
        } }`,
        { id: tf['002'].id },
      )
    ).taskForce;
  });

  it('has the 27 tasks numbered 1..27 with their titles as written', () => {
    // "七個方面、27條任務"
    const work = data.tasks.filter((t: any) => t.section !== '四、工作要求');
    expect(work.map((t: any) => t.number)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    expect(work.map((t: any) => t.title)).toEqual(TASKS.map(([, title]) => title));
  });

  it('carries 四、工作要求 (一)…(四) as tasks 28-31 (issue 14)', () => {
    const requirements = data.tasks.filter((t: any) => t.section === '四、工作要求');
    expect(requirements.map((t: any) => [t.number, t.title])).toEqual([
      [28, '加強組織領導'],
      [29, '凝聚工作合力'],
      [30, '加大宣傳力度'],
      [31, '加強考核激勵'],
    ]);
  });

  it('gives every task its lead unit and cooperating units in the order the document lists them', () => {
    for (const [number, , lead, cooperating] of TASKS) {
      const task = data.tasks.find((t: any) => t.number === number);
      const actual = names(task.cooperatingUnits).map((name, i) => (cooperating[i] === '*開發區' && name.includes('開發區') ? '*開發區' : name));
      expect({ number, lead: task.leadUnit?.name, cooperating: actual }).toEqual({ number, lead, cooperating });
    }
    // spot checks named in the brief: task 1 市發改委, task 9 市公安局
    expect(data.tasks[0].leadUnit.name).toBe('市發改委');
    expect(data.tasks[8].leadUnit.name).toBe('市公安局');
  });

  it('states the 總體目標 in 万元 and %, with their 牽頭部門', () => {
    const target = (name: string, unitOfMeasure: string) => {
      const found = data.targets.filter((t: any) => t.name.includes(name) && t.unitOfMeasure === unitOfMeasure);
      expect({ name, unitOfMeasure, count: found.length }).toEqual({ name, unitOfMeasure, count: 1 });
      return found[0];
    };
    // "3.全社會固定資產投資完成605億元,同比增長10%。(牽頭部門:市發改委)" — 605 億元 = 6,050,000 万元
    const investment = target('全社會固定資產投資', '万元');
    expect([investment.code, investment.targetValue, investment.direction, investment.scope, investment.leadUnit?.name]).toEqual([
      '3a', 6050000, 'AT_LEAST', 'TASK_FORCE', '市發改委',
    ]);
    const growth = target('全社會固定資產投資', '%');
    expect([growth.code.startsWith('3'), growth.targetValue, growth.direction, growth.leadUnit?.name]).toEqual([true, 10, 'AT_LEAST', '市發改委']);
    // "1.全市新增儲備項目總投資達到1200億元" — 12,000,000 万元
    expect(target('新增儲備項目總投資', '万元').targetValue).toBe(12000000);
    // "2.全市招商引資簽約項目投資額達到1000億元 (牽頭部門:市促進外來投資局)" — 10,000,000 万元
    const signed = target('招商引資簽約項目投資額', '万元');
    expect([signed.targetValue, signed.leadUnit?.name]).toEqual([10000000, '市促進外來投資局']);
    // "4.全市工業技改投資同比增長20%以上。(牽頭部門:市工信局)"
    const techRefit = target('工業技改投資', '%');
    expect([techRefit.targetValue, techRefit.direction, techRefit.leadUnit?.name]).toEqual([20, 'AT_LEAST', '市工信局']);
  });

  it('has no subgroups and 100 example projects of 市工信局 totalling 13,030,000 万元', () => {
    expect(data.subgroups).toEqual([]);
    // task 13: "重點推進100個項目,總投資1303億元 (責任單位:市工信局,…)" — 1303 億元 = 13,030,000 万元
    expect(data.projects.totalCount).toBe(100);
    expect(data.projects.nodes).toHaveLength(100);
    let total = 0;
    for (const p of data.projects.nodes) {
      expect(p.isExample).toBe(true);
      expect(p.unit.name).toBe('市工信局');
      expect(hasAtMostTwoDecimals(p.totalInvestment)).toBe(true);
      total += cents(p.totalInvestment);
    }
    expect(total).toBe(cents(13030000));
  });

  it('splits them into 79 新興產業 (10,650,000) and 21 傳統產業 (2,380,000) projects', async () => {
    // "新興產業項目79個,總投資1065億元;傳統產業項目21個,總投資238億元" — 79 + 21 = 100, 1065 + 238 = 1303 億元
    const groups = (
      await query(`query($tf: ID!) { projectAggregate(filter: { taskForceId: $tf }, groupBy: [SECTOR]) { key labels metrics { projectCount totalInvestment } } }`, {
        tf: tf['002'].id,
      })
    ).projectAggregate;
    expect(groups).toHaveLength(2);
    const group = (word: string) => {
      const found = groups.filter((g: any) => g.labels[0].includes(word));
      expect({ word, count: found.length }).toEqual({ word, count: 1 });
      return { projectCount: found[0].metrics.projectCount, totalInvestment: cents(found[0].metrics.totalInvestment) };
    };
    expect(group('新興')).toEqual({ projectCount: 79, totalInvestment: cents(10650000) });
    expect(group('傳統')).toEqual({ projectCount: 21, totalInvestment: cents(2380000) });
    // "重點推進100個項目": under way (在建), not 謀劃.
    const stages = (await query(`query($tf: ID!) { projectAggregate(filter: { taskForceId: $tf, stage: [UNDER_CONSTRUCTION] }, groupBy: []) { metrics { projectCount } } }`, { tf: tf['002'].id })).projectAggregate;
    expect(stages.map((g: any) => g.metrics.projectCount)).toEqual([100]);

    // the same through the project list, filtered by those sectors
    const sectors = groups.map((g: any) => g.key[0]);
    for (const [sector, count, total] of [
      [sectors.find((s: string) => s.includes('新興')), 79, 10650000],
      [sectors.find((s: string) => s.includes('傳統')), 21, 2380000],
    ] as Array<[string, number, number]>) {
      const page = (
        await query(`query($tf: ID!, $sector: [String!]) { projects(first: 500, filter: { taskForceId: $tf, sector: $sector }) { totalCount nodes { totalInvestment } } }`, {
          tf: tf['002'].id,
          sector: [sector],
        })
      ).projects;
      expect({ sector, count: page.totalCount, total: page.nodes.reduce((s: number, p: any) => s + cents(p.totalInvestment), 0) }).toEqual({ sector, count, total: cents(total) });
    }
  });
});

describe('seed 003 — 吳忠市 擴大有效投資百日攻堅', () => {
  let data: any;
  beforeAll(async () => {
    data = (
      await query(
        `query($id: ID!) { taskForce(id: $id) {
          name issuer groupName
          subgroups { name }
          targets {
            code name measure source targetValue unitOfMeasure direction scope
            unit { name } leadUnit { name }
            milestones { label due ratio value }
            milestoneProgress(asOf: "2023-10-01") { label due expectedValue }
          }
          tasks { number title description section leadUnit { name } cooperatingUnits { name } }
        } }`,
        { id: tf['003'].id },
      )
    ).taskForce;
  });

  it('names no lead the document does not: the 主要目標 (1a) and the tasks listing several 責任單位 jointly have none', () => {
    // "確保全年固定資產投資增長11%以上" names no unit; "(責任單位:市發展改革委、工信局、…)" lists units jointly.
    expect(data.targets.find((t: any) => t.code === '1a').leadUnit).toBeNull();
    expect(data.tasks.filter((t: any) => t.number <= 7).map((t: any) => [t.number, t.leadUnit?.name ?? null, t.cooperatingUnits[0].name])).toEqual([
      [1, null, '市發展改革委'],
      [2, null, '市發展改革委'],
      [3, null, '市發展改革委'],
      [4, null, '市發展改革委'],
      [5, '市商務和投資促進局', '各縣〔市、區〕人民政府'], // "市商務和投資促進局等": the one unit it names
      [6, null, '市人民政府督查室'],
      [7, null, '市發展改革委'],
    ]);
  });

  it('carries the project counts it states without amounts as example projects without amounts (issue 14)', async () => {
    // 任務一 109 個下半年新開工項目, 任務二 23 個進展緩慢和未開工重點項目 (市發展改革委); 任務五 194 個在建招商引資項目,
    // 20 個重點簽約項目, 860 個意向性項目 (市商務和投資促進局).
    const stated: Array<[string, number, string, string]> = [
      ['下半年新開工項目', 109, 'PREPARING', '市發展改革委'],
      ['進展緩慢和未開工重點項目', 23, 'PREPARING', '市發展改革委'],
      ['在建招商引資項目', 194, 'UNDER_CONSTRUCTION', '市商務和投資促進局'],
      ['蘇浙滬重點簽約項目', 20, 'PREPARING', '市商務和投資促進局'],
      ['意向性項目', 860, 'PLANNING', '市商務和投資促進局'],
    ];
    const nodes: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (
        await query('query($id: ID!, $after: String) { taskForce(id: $id) { projects(first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { name isExample stage totalInvestment annualPlanInvestment annualPlans { year } unit { name } } } } }', {
          id: tf['003'].id,
          after,
        })
      ).taskForce.projects;
      nodes.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(nodes).toHaveLength(109 + 23 + 194 + 20 + 860);
    for (const [prefix, count, stage, unit] of stated) {
      const group = nodes.filter((n) => n.name.startsWith(`${prefix}示例項目`));
      expect({ prefix, count: group.length, stages: [...new Set(group.map((n) => n.stage))], units: [...new Set(group.map((n) => n.unit.name))] }).toEqual({ prefix, count, stages: [stage], units: [unit] });
    }
    expect(nodes.every((n) => n.isExample && n.totalInvestment === null && n.annualPlanInvestment === null && n.annualPlans.length === 0)).toBe(true);
  });

  it('carries no pinyin annotations or padding from the saved page in any name or text', async () => {
    const units = (await query(`{ units(region: "吳忠市") { name } }`)).units;
    expect(units.length).toBeGreaterThan(0);
    const texts: string[] = [
      data.name,
      data.issuer,
      data.groupName,
      ...names(units),
      ...data.targets.flatMap((t: any) => [t.name, t.measure, t.source, t.unitOfMeasure, t.unit?.name, t.leadUnit?.name, ...t.milestones.map((m: any) => m.label)]),
      ...data.tasks.flatMap((t: any) => [t.title, t.description, t.section, t.leadUnit?.name, ...names(t.cooperatingUnits)]),
    ].filter((text): text is string => typeof text === 'string');
    expect(texts.length).toBeGreaterThan(20);
    // The saved page writes 區(qū), 現(xiàn), 發(fā) …: a bracket followed by latin letters never belongs to the text.
    const pinyin = /[(（]\s*[a-zA-Z\u00C0-\u024F]/;
    expect(texts.filter((text) => pinyin.test(text))).toEqual([]);
    // nor the "??????" padding runs of the page
    expect(texts.filter((text) => text.includes('?'))).toEqual([]);
    // and the affected words come out clean, e.g. 利通區, 紅寺堡區 (the units of 一、主要目標)
    expect(names(units)).toEqual(expect.arrayContaining(['利通區', '紅寺堡區', '青銅峽市', '鹽池縣', '同心縣', '太陽山開發區', '金積工業園區']));
  });

  it('states the city growth goal and one growth target per county, district and zone', () => {
    // "確保全年固定資產投資增長11%以上,其中:利通區增長10%以上,紅寺堡區增長12%以上,青銅峽市增長12%以上,
    //  鹽池縣增長12%以上,同心縣增長12%以上,太陽山開發區增長10%以上,金積工業園區增長10%以上"
    const growth = data.targets.filter((t: any) => t.scope === 'UNIT' && t.unitOfMeasure === '%');
    expect(Object.fromEntries(growth.map((t: any) => [t.unit?.name, t.targetValue]))).toEqual({
      利通區: 10,
      紅寺堡區: 12,
      青銅峽市: 12,
      鹽池縣: 12,
      同心縣: 12,
      太陽山開發區: 10,
      金積工業園區: 10,
    });
    expect(growth).toHaveLength(7);
    for (const t of growth) {
      expect(t.direction).toBe('AT_LEAST');
      expect(t.name).toContain('固定資產投資');
    }
    const city = data.targets.filter((t: any) => t.scope === 'TASK_FORCE' && t.name.includes('固定資產投資') && t.unitOfMeasure === '%');
    expect(city.map((t: any) => [t.targetValue, t.direction])).toEqual([[11, 'AT_LEAST']]);
  });

  it('gives 重點項目投資完成率 the milestone 三季度末 85% and 100% for the full year', () => {
    // "確保三季度末重點項目投資完成率達到85%以上,全年達到100%"
    const found = data.targets.filter((t: any) => t.name.includes('重點項目投資完成率'));
    expect(found).toHaveLength(1);
    const rate = found[0];
    expect([rate.targetValue, rate.unitOfMeasure, rate.direction]).toEqual([100, '%', 'AT_LEAST']);
    expect(rate.milestones).toContainEqual({ label: '三季度末', due: '2023-09-30', ratio: 0.85, value: null });
    const yearEnd = rate.milestones.filter((m: any) => m.due === '2023-12-31');
    expect(yearEnd).toHaveLength(1);
    // 100% of the target: either ratio 1 or the level 100
    expect(yearEnd[0].ratio === 1 || yearEnd[0].value === 100).toBe(true);
    // due by 2023-10-01 is 三季度末: expected 0.85 × 100 = 85
    expect(rate.milestoneProgress).toEqual({ label: '三季度末', due: '2023-09-30', expectedValue: 85 });
  });

  it('states 招商引資到位資金 421 億元 = 4,210,000 万元', () => {
    // "全年招商引資到位資金421億元以上。(責任單位:市商務和投資促進局等,…)"
    const found = data.targets.filter((t: any) => t.name.includes('招商引資到位資金'));
    expect(found.map((t: any) => [t.targetValue, t.unitOfMeasure, t.direction, t.leadUnit?.name])).toEqual([[4210000, '万元', 'AT_LEAST', '市商務和投資促進局']]);
  });

  it('has the seven 百日攻堅 tasks and no subgroups', () => {
    // "二、重點任務 (一)…(七)", "確保七項百日攻堅任務取得實效"
    expect(data.subgroups).toEqual([]);
    const attacks = data.tasks.filter((t: any) => t.section === '二、重點任務');
    expect(attacks.map((t: any) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(attacks.map((t: any) => t.title)).toEqual([
      '實施謀劃接續百日攻堅',
      '實施建設提速百日攻堅',
      '實施結構優化百日攻堅',
      '實施要素保障百日攻堅',
      '實施招引落地百日攻堅',
      '實施包抓督導百日攻堅',
      '實施質量安全百日攻堅',
    ]);
    // "(責任單位:市商務和投資促進局等,…)"
    expect(data.tasks[4].leadUnit?.name).toBe('市商務和投資促進局');
  });

  it('carries the four safeguards after the tasks (their heading lost in the saved page) as tasks 8-11 (issue 14)', () => {
    // "(一)全面加強組織領導。… (四)強化督查考核問效。…"
    const safeguards = data.tasks.filter((t: any) => t.section === '三、保障措施');
    expect(safeguards.map((t: any) => [t.number, t.title])).toEqual([
      [8, '全面加強組織領導'],
      [9, '完善要素服務保障'],
      [10, '積極爭取資金支持'],
      [11, '強化督查考核問效'],
    ]);
    expect(safeguards[1].description).toMatch(/^完善要素服務保障。各級發展改革部門要會同行業主管和要素保障部門/);
  });
});

describe('seed 004 — 双鸭山市 包保推进 (characters lost in the saved page)', () => {
  let data: any;
  beforeAll(async () => {
    data = (
      await query(
        `query($id: ID!) { taskForce(id: $id) {
          groupName reportingCadence
          phases { name start end }
          officeUnit { name }
          roles { ${ROLE_FIELDS} }
          subgroups {
            name
            leader { name title }
            officeUnit { name }
            units { name }
            members { ${ROLE_FIELDS} }
          }
        } }`,
        { id: tf['004'].id },
      )
    ).taskForce;
  });

  it('has the 领导小组: 组长 赵荣国 代市长, seven 副组长 of which two lost their names, and the office in 市发展改革委', () => {
    // "(以下简称领导小组)"
    expect(data.groupName).toMatch(/领导小组$/);
    // "   长:赵荣国  代市长"
    expect(data.roles.filter((r: any) => r.kind === 'LEADER').map((r: any) => [r.role, r.person.name, r.title])).toEqual([['组长', '赵荣国', '代市长']]);
    // "长:魏丙新 市委常委、副市长 / 于学胜 市委常委、副市长 / [lost] 副市长 / [lost] 副市长 / 张传林 副市长 /
    //  李世芳 副市长 / 郎峰岐 市政府秘书长" ("各位副市长、秘书长为副组长")
    expect(data.roles.filter((r: any) => r.kind === 'DEPUTY').map((r: any) => [r.role, r.person.name, r.title])).toEqual([
      ['副组长', '魏丙新', '市委常委、副市长'],
      ['副组长', '于学胜', '市委常委、副市长'],
      ['副组长', '姜', '副市长'], // the lost names are those of the 副市长 leading groups 3 and 4
      ['副组长', '孙', '副市长'],
      ['副组长', '张传林', '副市长'],
      ['副组长', '李世芳', '副市长'],
      ['副组长', '郎峰岐', '市政府秘书长'],
    ]);
    // "领导小组办公室设在市发展改革委,主任由市发展改革委主任裴振同担任"
    expect(data.officeUnit?.name).toBe('市发展改革委');
    expect(data.roles.filter((r: any) => r.kind === 'OFFICE_DIRECTOR').map((r: any) => [r.person.name, r.title, r.person.unit?.name])).toEqual([
      ['裴振同', '市发展改革委主任', '市发展改革委'],
    ]);
  });

  /** [name, 组长 name, 组长 title, covered units as listed after 负责包保, office unit, office director]. */
  const GROUPS: Array<[string, string, string, string[], string, string]> = [
    // "负责包保宝清县、岭东区和3个市直单位(市发展改革委、市粮食局、市民政局)", "办公室设在市发展改革委,主任由…裴振同担任"
    ['第一包保推进组', '魏丙新', '市委常委、副市长', ['宝清县', '岭东区', '市发展改革委', '市粮食局', '市民政局'], '市发展改革委', '裴振同'],
    // "负责包保集贤县、宝山区和4个市直单位(市工业和信息化局、市科技局、市交通运输局、市煤管局)"
    ['第二包保推进组', '于学胜', '市委常委、副市长', ['集贤县', '宝山区', '市工业和信息化局', '市科技局', '市交通运输局', '市煤管局'], '市工业和信息化局', '孙胜谦'],
    // "   长:姜    副市长", "负责包保友谊县", "办公室设在市统计局,主任由市统计局局长何惠忠担任"
    ['第三包保推进组', '姜', '副市长', ['友谊县'], '市统计局', '何惠忠'],
    // "   长:孙    副市长", "负责包保饶河县、市经开区管委会和3个市直单位(市商务局、市经合局、市文化广电和旅游局)"
    ['第四包保推进组', '孙', '副市长', ['饶河县', '市经开区管委会', '市商务局', '市经合局', '市文化广电和旅游局'], '市经合局', '孙晓辉'],
    // "负责包保四方台区和1个市直单位(市农业农村局)", "主任由市农业农村局局长全巍担任"
    ['第五包保推进组', '张传林', '副市长', ['四方台区', '市农业农村局'], '市农业农村局', '全巍'],
    // "负责包保尖山区和2个市直单位(市自然资源局、市住房和城乡建设局)", office "设在市住房城乡建设局" (the same bureau)
    ['第六包保推进组', '李世芳', '副市长', ['尖山区', '市自然资源局', '市住房和城乡建设局'], '市住房和城乡建设局', '杨开利'],
  ];

  it('has the six 包保推进组 with their 组长 (surnames 姜 and 孙 kept as written)', () => {
    expect(data.subgroups.map((s: any) => s.name)).toEqual(GROUPS.map(([name]) => name));
    for (const [name, leaderName, leaderTitle] of GROUPS) {
      const s = data.subgroups.find((g: any) => g.name === name);
      expect({ name, leader: [s.leader?.name, s.leader?.title] }).toEqual({ name, leader: [leaderName, leaderTitle] });
      expect(s.members.filter((m: any) => m.kind === 'LEADER').map((m: any) => [m.role, m.person.name])).toEqual([['组长', leaderName]]);
    }
  });

  it('covers exactly the units each group lists, in order, with its office unit and office director', () => {
    for (const [name, , , covered, office, director] of GROUPS) {
      const s = data.subgroups.find((g: any) => g.name === name);
      const officeName = s.officeUnit?.name === '市住房城乡建设局' ? '市住房和城乡建设局' : s.officeUnit?.name; // the document writes both
      expect({ name, units: names(s.units), office: officeName }).toEqual({ name, units: covered, office });
      expect({ name, directors: s.members.filter((m: any) => m.kind === 'OFFICE_DIRECTOR').map((m: any) => m.person.name) }).toEqual({ name, directors: [director] });
    }
  });

  it('stores each person once: the task force\'s 副组长 姜 and 孙 are groups 3 and 4\'s 组长, group 5\'s 成员 局长 is its 联络员 全巍', () => {
    const personOf = (roles: any[], role: string, name: string) => roles.find((r: any) => r.role === role && r.person.name === name)?.person.id;
    const group = (name: string) => data.subgroups.find((s: any) => s.name === name).members;
    expect(personOf(data.roles, '副组长', '姜')).toBeDefined();
    expect(personOf(data.roles, '副组长', '姜')).toBe(personOf(group('第三包保推进组'), '组长', '姜'));
    expect(personOf(data.roles, '副组长', '孙')).toBe(personOf(group('第四包保推进组'), '组长', '孙'));
    const fifth = group('第五包保推进组').filter((r: any) => r.person.name === '全巍');
    expect(fifth.map((r: any) => r.role).sort()).toEqual(['办公室主任', '成员', '联络员'].sort());
    expect(new Set(fifth.map((r: any) => r.person.id)).size).toBe(1);
  });

  it('lists the 成员 as written, lost names as ""', () => {
    const expected: Record<string, Array<[string, string]>> = {
      第一包保推进组: [
        ['徐斌义', '宝清县委副书记、县长'],
        ['王崇峰', '岭东区委副书记、区长'],
        ['裴振同', '市发展改革委主任'],
        ['杨会东', '市粮食局局长'],
        ['', '市民政局局长'], // "   市民政局局长"
        ['陈金鹏', '市营商环境局局长'],
        ['何惠忠', '市统计局局长'],
      ],
      第二包保推进组: [
        ['郭', '集贤县委副书记、县长'], // "郭    集贤县委副书记、县长"
        ['', '宝山区委副书记、区长'], // "              宝山区委副书记、区长"
        ['孙胜谦', '市工业和信息化局局长'],
        ['徐广久', '市科技局局长'],
        ['王春雷', '市交通运输局局长'],
        ['', '市煤管局局长'],
      ],
      第三包保推进组: [['蔡纯意', '友谊县委副书记、县长']],
      第四包保推进组: [
        ['付殿军', '饶河县委副书记、县长'],
        ['刘建发', '市经开区管委会副主任'],
        ['', '市商务局局长'],
        ['孙晓辉', '市经合局局长'],
        ['', '市文化广电和旅游局局长'],
      ],
      第五包保推进组: [
        ['李东潮', '四方台区委副书记、区长'],
        ['全巍', '市农业农村局局长'], // the group's one 市直单位's 局长, its 联络员 and 办公室主任
        ['韩春玲', '市水务局局长'],
        ['姚玉洪', '市林草局局长'],
      ],
      第六包保推进组: [
        ['邹长存', '尖山区委副书记、区长'],
        ['于海涛', '市自然资源局局长'],
        ['杨开利', '市住房城乡建设局局长'],
        ['马', '市生态环境局局长'], // "马    市生态环境局局长"
      ],
    };
    for (const s of data.subgroups) {
      const members = s.members.filter((m: any) => m.kind === 'MEMBER');
      expect({ name: s.name, members: members.map((m: any) => [m.person.name, m.title]) }).toEqual({ name: s.name, members: expected[s.name] });
      for (const m of members) expect(m.role).toBe('成员');
    }
    // the brief's example: 第二组's 宝山区委副书记、区长 has no name
    const second = data.subgroups.find((s: any) => s.name === '第二包保推进组');
    expect(second.members.find((m: any) => m.title === '宝山区委副书记、区长').person.name).toBe('');
  });

  it('sets the two phases and the 旬 reporting cadence', () => {
    // "分阶段(4月15日—10月31日为前期准备阶段、集中开复工和加快建设阶段,11月1日—12月30日为建成收尾阶段)" (年月日 lost)
    expect(data.phases.map((p: any) => [p.start, p.end])).toEqual([
      ['2021-04-15', '2021-10-31'],
      ['2021-11-01', '2021-12-30'],
    ]);
    expect(data.phases[0].name).toContain('前期准备阶段');
    expect(data.phases[1].name).toBe('建成收尾阶段');
    // "各包保推进组组长…实行旬调度"
    expect(data.reportingCadence).toBe('TEN_DAYS');
  });
});

describe('unit directory', () => {
  it('finds 市發改委 (大同) and 市发改委 (鄂州) whichever script the search uses', async () => {
    for (const search of ['发改委', '發改委']) {
      const units = (await query(`query($s: String) { units(search: $s) { name region } }`, { s: search })).units;
      // 000/002 write 市發改委 (大同市); 001 writes 市发改委 (鄂州市)
      expect({ search, units }).toEqual({
        search,
        units: expect.arrayContaining([
          { name: '市發改委', region: '大同市' },
          { name: '市发改委', region: '鄂州市' },
        ]),
      });
      for (const unit of units) expect(unit.name.replace('發', '发')).toContain('发改委');
    }
  });

  it('finds 市發展改革委 (吳忠) and 市发展改革委 (双鸭山) by either script', async () => {
    for (const search of ['发展改革委', '發展改革委']) {
      const units = (await query(`query($s: String) { units(search: $s) { name region } }`, { s: search })).units;
      // 003 writes 市發展改革委 (吳忠市); 004 writes 市发展改革委 (双鸭山市)
      expect({ search, units }).toEqual({
        search,
        units: expect.arrayContaining([
          { name: '市發展改革委', region: '吳忠市' },
          { name: '市发展改革委', region: '双鸭山市' },
        ]),
      });
    }
  });
});
