import type { SeedCampaign } from '../seed-types';

/**
 * Seed 004: 双鸭山市2021年“省、市百大项目”和“500万产业项目”建设目标任务包保推进方案 (双政办发〔2021〕4号),
 * Simplified script kept.
 * The saved document lost characters; transcribed as follows:
 * - Role words lost their first characters ("   长:" = 组长 / 副组长, "   员:" = 成员; the trailing "员:" line
 *   before "负责包保" is the group's 联络员). The task-force list is 组长 + 副组长 ("各位副市长、秘书长为副组长").
 * - Names that lost characters keep only what survived (郭, 姜, 孙, 马); fully lost names are ''. The two
 *   task-force 副组长 with lost names (title 副市长) are 姜 and 孙: "各位副市长…为副组长" lists the 副市长 in the order
 *   of the groups they lead (魏丙新, 于学胜, [3], [4], 张传林, 李世芳), and groups 3 and 4 are led by 副市长 姜 and 孙;
 *   so each is one person, not two.
 * - Group five's 联络员 "全    市农业农村局局长" is 全巍, as stated in "主任由市农业农村局局长全巍担任"; so is its 成员
 *   "   市农业农村局局长" (name lost): the group's one 市直单位 is 市农业农村局, whose 局长 is 全巍 — one person.
 * - Dates lost 年月日: "202148" = 2021-04-08; "415—1031日" = 4月15日—10月31日; "111—1230日" = 11月1日—12月30日.
 *   Task texts keep the damaged wording as written.
 * Judgement calls:
 * - 市住房城乡建设局 (titles, office) and 市住房和城乡建设局 (coverage list) are one unit, named
 *   市住房和城乡建设局; titles keep the document's spelling.
 * - Collective units: 各县(区)人民政府 (addressee), 各县(区)政府 (成员单位) and 各县(区) (tasks 二/四) are one unit,
 *   named 各县(区)政府; 市政府有关直属单位 (addressee) and 市直有关单位 are one unit, named 市直有关单位.
 * - 市委 / 市政府 (the city party committee and government as decision makers) are not listed as units;
 *   the issuer 双鸭山市人民政府办公室 and 市政府督办室 (task 五) are.
 * - The group office director (主任由…担任) is a role 办公室主任; the 负责包保 sentence is the subgroup's mainTasks.
 * - Tasks 二 and 四 name 各县(区)、市经开区管委会和市直有关单位 as responsible: the first is leadUnit, the others
 *   cooperating. Task 五: 市政府督办室 leads with 市发展改革委, 市统计局. Tasks 一/三 name only 包保推进组 /
 *   领导小组办公室 (no unit).
 * - No numeric goals are stated (开工率、投资率、资金到位率和竣工率 have no figures): `targets` is empty.
 * - Reporting cadence: 包保推进组组长 实行旬调度 → TEN_DAYS (also 每半月现场督察, 每月汇报).
 */
export const campaign004: SeedCampaign = {
  key: '004',
  name: '双鸭山市2021年“省、市百大项目”和“500万产业项目”建设目标任务包保推进方案',
  groupName: '双鸭山市2021“省、市百大项目”和“500万产业项目”建设目标任务市级领导包保推进工作领导小组',
  documentNumber: '双政办发〔2021〕4号',
  issuer: '双鸭山市人民政府办公室',
  issuedOn: '2021-04-08',
  region: '双鸭山市',
  periodStart: '2021-01-01',
  periodEnd: '2021-12-31',
  reportingCadence: 'TEN_DAYS',
  // 包保推进组组长 实行旬调度, 每半月对项目进行现场督察, 每月向市领导小组组长(市长)汇报; 专班 每日跟踪发布项目进展情况.
  reportingCadences: [
    { kind: 'TEN_DAYS', name: '旬调度' },
    { kind: 'DAY', name: '每日发布' },
    { kind: 'HALF_MONTH', name: '每半月督察' },
    { kind: 'MONTH', name: '每月汇报' },
  ],
  units: [
    { name: '宝清县', kind: 'COUNTY' },
    { name: '集贤县', kind: 'COUNTY' },
    { name: '友谊县', kind: 'COUNTY' },
    { name: '饶河县', kind: 'COUNTY' },
    { name: '岭东区', kind: 'DISTRICT' },
    { name: '宝山区', kind: 'DISTRICT' },
    { name: '四方台区', kind: 'DISTRICT' },
    { name: '尖山区', kind: 'DISTRICT' },
    { name: '市经开区管委会', kind: 'ZONE' },
    { name: '市发展改革委', kind: 'DEPARTMENT' },
    { name: '市粮食局', kind: 'DEPARTMENT' },
    { name: '市民政局', kind: 'DEPARTMENT' },
    { name: '市营商环境局', kind: 'DEPARTMENT' },
    { name: '市统计局', kind: 'DEPARTMENT' },
    { name: '市工业和信息化局', kind: 'DEPARTMENT' },
    { name: '市科技局', kind: 'DEPARTMENT' },
    { name: '市交通运输局', kind: 'DEPARTMENT' },
    { name: '市煤管局', kind: 'DEPARTMENT' },
    { name: '市商务局', kind: 'DEPARTMENT' },
    { name: '市经合局', kind: 'DEPARTMENT' },
    { name: '市文化广电和旅游局', kind: 'DEPARTMENT' },
    { name: '市农业农村局', kind: 'DEPARTMENT' },
    { name: '市水务局', kind: 'DEPARTMENT' },
    { name: '市林草局', kind: 'DEPARTMENT' },
    { name: '市自然资源局', kind: 'DEPARTMENT' },
    { name: '市住房和城乡建设局', kind: 'DEPARTMENT' }, // also written 市住房城乡建设局
    { name: '市生态环境局', kind: 'DEPARTMENT' },
    { name: '市政府督办室', kind: 'DEPARTMENT' }, // task 五
    { name: '双鸭山市人民政府办公室', kind: 'DEPARTMENT' }, // issuer
    { name: '各县(区)政府', kind: 'OTHER' }, // also 各县(区)人民政府 (addressee), 各县(区) (tasks)
    { name: '市直有关单位', kind: 'OTHER' }, // also 市政府有关直属单位 (addressee)
  ],
  roles: [
    { role: '组长', person: { name: '赵荣国', title: '代市长' } },
    { role: '副组长', person: { name: '魏丙新', title: '市委常委、副市长' } },
    { role: '副组长', person: { name: '于学胜', title: '市委常委、副市长' } },
    { role: '副组长', person: { name: '姜', title: '副市长' } }, // name lost: 第三包保推进组's 组长 (see above)
    { role: '副组长', person: { name: '孙', title: '副市长' } }, // name lost: 第四包保推进组's 组长
    { role: '副组长', person: { name: '张传林', title: '副市长' } },
    { role: '副组长', person: { name: '李世芳', title: '副市长' } },
    { role: '副组长', person: { name: '郎峰岐', title: '市政府秘书长' } },
    { role: '办公室主任', person: { name: '裴振同', title: '市发展改革委主任', unit: '市发展改革委' } },
  ],
  officeUnit: '市发展改革委',
  subgroups: [
    {
      name: '第一包保推进组',
      roles: [
        { role: '组长', person: { name: '魏丙新', title: '市委常委、副市长' } },
        { role: '成员', person: { name: '徐斌义', title: '宝清县委副书记、县长', unit: '宝清县' } },
        { role: '成员', person: { name: '王崇峰', title: '岭东区委副书记、区长', unit: '岭东区' } },
        { role: '成员', person: { name: '裴振同', title: '市发展改革委主任', unit: '市发展改革委' } },
        { role: '成员', person: { name: '杨会东', title: '市粮食局局长', unit: '市粮食局' } },
        { role: '成员', person: { name: '', title: '市民政局局长', unit: '市民政局' } }, // name lost
        { role: '成员', person: { name: '陈金鹏', title: '市营商环境局局长', unit: '市营商环境局' } },
        { role: '成员', person: { name: '何惠忠', title: '市统计局局长', unit: '市统计局' } },
        { role: '联络员', person: { name: '裴振同', title: '市发展改革委主任', unit: '市发展改革委' } },
        { role: '办公室主任', person: { name: '裴振同', title: '市发展改革委主任', unit: '市发展改革委' } },
      ],
      officeUnit: '市发展改革委',
      mainTasks:
        '负责包保宝清县、岭东区和3个市直单位(市发展改革委、市粮食局、市民政局)目标任务落实和项目建设推进工作。',
      units: ['宝清县', '岭东区', '市发展改革委', '市粮食局', '市民政局'],
    },
    {
      name: '第二包保推进组',
      roles: [
        { role: '组长', person: { name: '于学胜', title: '市委常委、副市长' } },
        { role: '成员', person: { name: '郭', title: '集贤县委副书记、县长', unit: '集贤县' } }, // only surname survived
        { role: '成员', person: { name: '', title: '宝山区委副书记、区长', unit: '宝山区' } }, // name lost
        { role: '成员', person: { name: '孙胜谦', title: '市工业和信息化局局长', unit: '市工业和信息化局' } },
        { role: '成员', person: { name: '徐广久', title: '市科技局局长', unit: '市科技局' } },
        { role: '成员', person: { name: '王春雷', title: '市交通运输局局长', unit: '市交通运输局' } },
        { role: '成员', person: { name: '', title: '市煤管局局长', unit: '市煤管局' } }, // name lost
        { role: '联络员', person: { name: '孙胜谦', title: '市工业和信息化局局长', unit: '市工业和信息化局' } },
        { role: '办公室主任', person: { name: '孙胜谦', title: '市工业和信息化局局长', unit: '市工业和信息化局' } },
      ],
      officeUnit: '市工业和信息化局',
      mainTasks:
        '负责包保集贤县、宝山区和4个市直单位(市工业和信息化局、市科技局、市交通运输局、市煤管局)目标任务落实和项目建设推进工作。',
      units: ['集贤县', '宝山区', '市工业和信息化局', '市科技局', '市交通运输局', '市煤管局'],
    },
    {
      name: '第三包保推进组',
      roles: [
        { role: '组长', person: { name: '姜', title: '副市长' } }, // only surname survived
        { role: '成员', person: { name: '蔡纯意', title: '友谊县委副书记、县长', unit: '友谊县' } },
        { role: '联络员', person: { name: '何惠忠', title: '市统计局局长', unit: '市统计局' } },
        { role: '办公室主任', person: { name: '何惠忠', title: '市统计局局长', unit: '市统计局' } },
      ],
      officeUnit: '市统计局',
      mainTasks: '负责包保友谊县目标任务落实和项目建设推进工作。',
      units: ['友谊县'],
    },
    {
      name: '第四包保推进组',
      roles: [
        { role: '组长', person: { name: '孙', title: '副市长' } }, // only surname survived
        { role: '成员', person: { name: '付殿军', title: '饶河县委副书记、县长', unit: '饶河县' } },
        { role: '成员', person: { name: '刘建发', title: '市经开区管委会副主任', unit: '市经开区管委会' } },
        { role: '成员', person: { name: '', title: '市商务局局长', unit: '市商务局' } }, // name lost
        { role: '成员', person: { name: '孙晓辉', title: '市经合局局长', unit: '市经合局' } },
        { role: '成员', person: { name: '', title: '市文化广电和旅游局局长', unit: '市文化广电和旅游局' } }, // name lost
        { role: '联络员', person: { name: '孙晓辉', title: '市经合局局长', unit: '市经合局' } },
        { role: '办公室主任', person: { name: '孙晓辉', title: '市经合局局长', unit: '市经合局' } },
      ],
      officeUnit: '市经合局',
      mainTasks:
        '负责包保饶河县、市经开区管委会和3个市直单位(市商务局、市经合局、市文化广电和旅游局)目标任务落实和项目建设推进工作。',
      units: ['饶河县', '市经开区管委会', '市商务局', '市经合局', '市文化广电和旅游局'],
    },
    {
      name: '第五包保推进组',
      roles: [
        { role: '组长', person: { name: '张传林', title: '副市长' } },
        { role: '成员', person: { name: '李东潮', title: '四方台区委副书记、区长', unit: '四方台区' } },
        { role: '成员', person: { name: '全巍', title: '市农业农村局局长', unit: '市农业农村局' } }, // name lost: 全巍 (see above)
        { role: '成员', person: { name: '韩春玲', title: '市水务局局长', unit: '市水务局' } },
        { role: '成员', person: { name: '姚玉洪', title: '市林草局局长', unit: '市林草局' } },
        // written "全    市农业农村局局长"; full name from "主任由市农业农村局局长全巍担任"
        { role: '联络员', person: { name: '全巍', title: '市农业农村局局长', unit: '市农业农村局' } },
        { role: '办公室主任', person: { name: '全巍', title: '市农业农村局局长', unit: '市农业农村局' } },
      ],
      officeUnit: '市农业农村局',
      mainTasks: '负责包保四方台区和1个市直单位(市农业农村局)目标任务落实和项目建设推进工作。',
      units: ['四方台区', '市农业农村局'],
    },
    {
      name: '第六包保推进组',
      roles: [
        { role: '组长', person: { name: '李世芳', title: '副市长' } },
        { role: '成员', person: { name: '邹长存', title: '尖山区委副书记、区长', unit: '尖山区' } },
        { role: '成员', person: { name: '于海涛', title: '市自然资源局局长', unit: '市自然资源局' } },
        { role: '成员', person: { name: '杨开利', title: '市住房城乡建设局局长', unit: '市住房和城乡建设局' } },
        { role: '成员', person: { name: '马', title: '市生态环境局局长', unit: '市生态环境局' } }, // only surname survived
        { role: '联络员', person: { name: '杨开利', title: '市住房城乡建设局局长', unit: '市住房和城乡建设局' } },
        { role: '办公室主任', person: { name: '杨开利', title: '市住房城乡建设局局长', unit: '市住房和城乡建设局' } },
      ],
      officeUnit: '市住房和城乡建设局', // written 市住房城乡建设局
      mainTasks:
        '负责包保尖山区和2个市直单位(市自然资源局、市住房和城乡建设局)目标任务落实和项目建设推进工作。',
      units: ['尖山区', '市自然资源局', '市住房和城乡建设局'],
    },
  ],
  targets: [],
  tasks: [
    {
      number: 1,
      title: '加强组织领导,全力包保推进',
      description:
        '加强组织领导,全力包保推进。各包保推进组在市领导小组的统一领导下,负责压实、落靠所包保单位目标任务和项目建设保障要素,切实做好项目企业、所在地政府与相关行业管理部门的有效对接,督导协调服务,统筹解决项目建设存在的突出问题和困难。要紧盯项目开工率、投资率、资金到位率和竣工率,督促项目单位精准制定推进路线图和时间表,全力以赴抓好“省、市百大项目”和“500万产业项目”建设,确保实现全年包保推进目标任务。',
      section: '三、保障措施',
      cooperatingUnits: [],
    },
    {
      number: 2,
      title: '加强责任落实,完善工作安排',
      description:
        '加强责任落实,完善工作安排。各县(区)、市经开区管委会和市直有关单位要紧紧围绕责任目标任务,确保项目引进数量、开发建设质量、投产达产等方面取得重大突破。各县(区)、各单位主要领导作为项目推进第一责任人,要充分发挥领导牵头、靠前指挥作用,把“省、市百大项目”和“500万产业项目”建设推进工作摆在突出位置,对推进工作负总责。要制定详细的推进工作方案,逐个项目建立推进台账,形成明确的时间表和任务分解表,确保招商项目快落地、拟建项目快开工、复工项目快推进、在建项目快建成。',
      section: '三、保障措施',
      // written 各县(区)、市经开区管委会和市直有关单位 (jointly responsible)
      leadUnit: '各县(区)政府',
      cooperatingUnits: ['市经开区管委会', '市直有关单位'],
    },
    {
      number: 3,
      title: '加强制度管理,建立推进机制',
      description:
        '加强制度管理,建立推进机制。组建市、县(区)、项目实施单位三级推进服务专班,逐级推进项目进展,每日跟踪发布项目进展情况,切实发挥专班推进、服务、协调职能。完善部门联席会议、专题推进会议等项目推进机制和制度,根据工作需要,由领导小组办公室提请召开联席会议,统筹解决各环节中遇到的困难和问题,对涉及多部门解决的问题,根据实际情况实行现场会办。各包保推进组组长(包保副市长)对包保单元(包保县〔区〕和市直单位)的项目建设情况实行旬调度,每半月对项目进行现场督察,对包保单元的项目推进工作进行安排部署;每月向市领导小组组长(市长)汇报一次所包保单元的项目建设推进工作情况。',
      section: '三、保障措施',
      cooperatingUnits: [],
    },
    {
      number: 4,
      title: '加强组织协调,提升服务质量',
      description:
        '加强组织协调,提升服务质量。各县(区)、市经开区管委会和市直有关单位要切实提升项目服务的质量,落实“首席服务员”制度和“项目联络员”制度,建立重大项目建设“绿色通道”,深入项目建设一线,实地了解项目进展情况,掌握第一手资料,全力以赴做好综合反馈、协调服务等工作。',
      section: '三、保障措施',
      // written 各县(区)、市经开区管委会和市直有关单位 (jointly responsible)
      leadUnit: '各县(区)政府',
      cooperatingUnits: ['市经开区管委会', '市直有关单位'],
    },
    {
      number: 5,
      title: '加强督导检查,强化绩效考评',
      description:
        '加强督导检查,强化绩效考评。市政府督办室、市发展改革委、市统计局等单位要联合督查督办,对照推进计划和时间进度表,分阶段(415—1031日为前期准备阶段、集中开复工和加快建设阶段,111—1230日为建成收尾阶段)进行督导推进,全面掌“省、市百大项目”和“500万产业项目”建设推进工作落实情况。对各县(区)、市经开区管委会和市直有关单位的工作完成情况、项目建设进度、完成投资等指标进行通报考评。',
      section: '三、保障措施',
      leadUnit: '市政府督办室',
      cooperatingUnits: ['市发展改革委', '市统计局'],
    },
    {
      number: 6,
      title: '加强奖励激励,推进目标落实',
      description:
        '加强奖励激励,推进目标落实。充分发挥全市重点项目扩大有效投资“稳定器”作用,结合我市实际情况,科学制定“省、市百大项目”和“500万产业项目”奖励办法,充分调动各推进责任主体积极性,推动项目建设再上新台阶。',
      section: '三、保障措施',
      cooperatingUnits: [],
    },
  ],
  phases: [
    { name: '前期准备阶段、集中开复工和加快建设阶段', start: '2021-04-15', end: '2021-10-31' },
    { name: '建成收尾阶段', start: '2021-11-01', end: '2021-12-30' },
  ],
};
