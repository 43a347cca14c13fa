import type { SeedCampaign } from '../seed-types';

/**
 * Seed 002 — 大同市深化轉型項目建設年行動方案 (同政辦發〔2019〕49號), a one-year plan for 2019.
 * Transcribed from the Traditional-Chinese source; names keep Traditional script.
 *
 * Judgement calls:
 * - The document calls the city development zone 市開發區 (總體目標5, task 4 figures), 市經濟技術開發區
 *   (task 4 責任單位) and 開發區 (task 15 責任單位). These are one unit; `units` uses 市經濟技術開發區.
 * - 左雲縣和新榮區經濟技術開發區 (總體目標5) are not named as responsible units; only 左雲縣 / 新榮區 are units.
 * - Addressees of the notice (各縣(區)人民政府、開發區管委會、市直有關各委、局、辦) and provincial bodies in
 *   the 政策解讀 are not responsible units of this plan and are not listed.
 * - Task description = the item text after the lead phrase, without the (責任單位:…) parenthesis.
 *   Line breaks inside an item in the source are extraction artifacts and are joined.
 * - 市政府金融工作辦公室 is kept as this document writes it (seed 000 writes 市金融辦).
 * - No reporting cadence is set for the campaign (縣區按季度排隊通報 in task 2 concerns project planning only).
 */
export const campaign002: SeedCampaign = {
  key: '002',
  name: '大同市深化轉型項目建設年行動方案',
  documentNumber: '同政辦發〔2019〕49號',
  issuer: '大同市人民政府辦公室',
  issuedOn: '2019-05-15',
  region: '大同市',
  periodStart: '2019-01-01',
  periodEnd: '2019-12-31',
  units: [
    { name: '市發改委', kind: 'DEPARTMENT' },
    { name: '市促進外來投資局', kind: 'DEPARTMENT' },
    { name: '市工信局', kind: 'DEPARTMENT' },
    { name: '市商務局', kind: 'DEPARTMENT' },
    // also written 市開發區 and 開發區 in this document
    { name: '市經濟技術開發區', kind: 'ZONE' },
    { name: '左雲縣', kind: 'COUNTY' },
    { name: '新榮區', kind: 'DISTRICT' },
    { name: '市直有關部門', kind: 'OTHER' },
    { name: '各縣區人民政府', kind: 'OTHER' },
    { name: '雲岡區', kind: 'DISTRICT' },
    { name: '雲州區', kind: 'DISTRICT' },
    { name: '相關縣區人民政府', kind: 'OTHER' },
    { name: '市公安局', kind: 'DEPARTMENT' },
    { name: '市電力公司', kind: 'ENTERPRISE' },
    { name: '市財政局', kind: 'DEPARTMENT' },
    { name: '市規劃和自然資源局', kind: 'DEPARTMENT' },
    { name: '市政府金融工作辦公室', kind: 'DEPARTMENT' },
    { name: '市生態環境局', kind: 'DEPARTMENT' },
    { name: '市能源局', kind: 'DEPARTMENT' },
    { name: '市住建局', kind: 'DEPARTMENT' },
    { name: '市行政審批服務管理局', kind: 'DEPARTMENT' },
  ],
  roles: [],
  subgroups: [],
  targets: [
    // 二、總體目標
    {
      code: '1a',
      name: '新增儲備項目總投資',
      measure: '總投資',
      unitOfMeasure: '万元',
      targetValue: 12000000, // 1200億元
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市發改委',
      due: '2019-12-31',
      source: '全市新增儲備項目總投資達到1200億元',
    },
    {
      code: '1b',
      name: '儲備項目轉化率',
      measure: '轉化率',
      unitOfMeasure: '%',
      targetValue: 30, // 30%左右 ("about"); recorded as AT_LEAST
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市發改委',
      due: '2019-12-31',
      source: '儲備項目轉化率達到30%左右',
    },
    {
      code: '2a',
      name: '招商引資簽約項目投資額',
      measure: '投資額',
      unitOfMeasure: '万元',
      targetValue: 10000000, // 1000億元
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市促進外來投資局',
      due: '2019-12-31',
      source: '全市招商引資簽約項目投資額達到1000億元',
    },
    {
      code: '2b',
      name: '招商引資簽約項目當年開工率',
      measure: '開工率',
      unitOfMeasure: '%',
      targetValue: 30,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市促進外來投資局',
      due: '2019-12-31',
      source: '當年開工率達到30%以上',
    },
    {
      code: '3a',
      name: '全社會固定資產投資',
      measure: '完成投資',
      unitOfMeasure: '万元',
      targetValue: 6050000, // 605億元
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市發改委',
      due: '2019-12-31',
      source: '全社會固定資產投資完成605億元',
    },
    {
      code: '3b',
      name: '全社會固定資產投資增長',
      measure: '增長率',
      unitOfMeasure: '%',
      targetValue: 10,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市發改委',
      due: '2019-12-31',
      source: '全社會固定資產投資完成605億元,同比增長10%',
    },
    {
      code: '4',
      name: '工業技改投資增長',
      measure: '增長率',
      unitOfMeasure: '%',
      targetValue: 20,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市工信局',
      due: '2019-12-31',
      source: '全市工業技改投資同比增長20%以上',
    },
    {
      code: '5a',
      name: '市開發區新建投資超10億元的轉型項目',
      measure: '數量',
      unitOfMeasure: '個',
      targetValue: 5,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市商務局',
      due: '2019-12-31',
      source: '市開發區至少新建5個投資超10億元的轉型項目',
    },
    {
      code: '5b',
      name: '左雲縣和新榮區經濟技術開發區新建投資超5億元的轉型項目',
      measure: '數量',
      unitOfMeasure: '個',
      targetValue: 2,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市商務局',
      due: '2019-12-31',
      source: '左雲縣和新榮區經濟技術開發區至少新建2個投資超5億元的轉型項目',
    },
    {
      // main text says 省級以上; the 政策解讀 restates it as 市級以上 — the plan text is followed
      code: '6',
      name: '省級以上重點工程完成投資占全年固定資產投資比重',
      measure: '比重',
      unitOfMeasure: '%',
      targetValue: 10,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市發改委',
      due: '2019-12-31',
      source: '省級以上重點工程完成投資占全年固定資產投資比重達到10%以上',
    },
    // 三、工作任務 — figures stated in the tasks (lead unit = first 責任單位 of the task)
    {
      code: 'T4a',
      name: '市開發區簽約落地10億元以上重大產業轉型項目',
      measure: '數量',
      unitOfMeasure: '個',
      targetValue: 10,
      direction: 'AT_LEAST',
      scope: 'UNIT',
      unit: '市經濟技術開發區',
      leadUnit: '市促進外來投資局',
      due: '2019-12-31',
      source:
        '市開發區不少於10個、左雲縣新榮區不少於3個、雲岡區雲州區不少於2個簽約落地10億元以上重大產業轉型項目',
    },
    {
      // figure is stated for 左雲縣 and 新榮區 together, so it is kept at task-force scope
      code: 'T4b',
      name: '左雲縣新榮區簽約落地10億元以上重大產業轉型項目',
      measure: '數量',
      unitOfMeasure: '個',
      targetValue: 3,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市促進外來投資局',
      due: '2019-12-31',
      source:
        '市開發區不少於10個、左雲縣新榮區不少於3個、雲岡區雲州區不少於2個簽約落地10億元以上重大產業轉型項目',
    },
    {
      // figure is stated for 雲岡區 and 雲州區 together, so it is kept at task-force scope
      code: 'T4c',
      name: '雲岡區雲州區簽約落地10億元以上重大產業轉型項目',
      measure: '數量',
      unitOfMeasure: '個',
      targetValue: 2,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市促進外來投資局',
      due: '2019-12-31',
      source:
        '市開發區不少於10個、左雲縣新榮區不少於3個、雲岡區雲州區不少於2個簽約落地10億元以上重大產業轉型項目',
    },
    {
      code: 'T6a',
      name: '續建項目復工',
      measure: '復工率',
      unitOfMeasure: '%',
      targetValue: 100, // 全部復工
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '各縣區人民政府',
      due: '2019-06-30',
      milestones: [{ label: '6月底前', due: '2019-06-30', value: 100 }],
      source: '確保續建項目6月底前全部復工',
    },
    {
      code: 'T6b',
      name: '新建項目開工',
      measure: '開工率',
      unitOfMeasure: '%',
      targetValue: 70,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '各縣區人民政府',
      due: '2019-06-30',
      milestones: [{ label: '6月底前', due: '2019-06-30', value: 70 }],
      source: '新建項目6月底前開工70%以上',
    },
    {
      code: 'T13a',
      name: '百項工業轉型升級項目',
      measure: '數量',
      unitOfMeasure: '個',
      targetValue: 100,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市工信局',
      due: '2019-12-31',
      source: '重點推進100個項目,總投資1303億元',
    },
    {
      code: 'T13b',
      name: '百項工業轉型升級項目總投資',
      measure: '總投資',
      unitOfMeasure: '万元',
      targetValue: 13030000, // 1303億元
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市工信局',
      due: '2019-12-31',
      source: '重點推進100個項目,總投資1303億元',
    },
  ],
  tasks: [
    {
      number: 1,
      title: "聚力謀劃重大項目",
      description:
        "各縣區和市直有關部門主動作為,緊貼“十二大工程”,圍繞重大基礎設施領域,聚焦接鏈補環、科技變革、產業轉移重大產業項目,開展“對接行業企業專項行動”,積極引進落地。對全市儲備項目實行分類管理,具備開工條件的及時轉入全市項目建設庫管理。",
      section: "(一)強化項目謀劃,提高項目供給質量",
      leadUnit: "市發改委",
      cooperatingUnits: ["市直有關部門", "各縣區人民政府"],
    },
    {
      number: 2,
      title: "完善謀劃工作機制",
      description:
        "實行主要領導負責制,統籌做好政府主導項目和市場化項目謀劃工作。建立省市縣三級項目謀劃常態化工作機制,明確目標任務,縣區按季度排隊通報。",
      section: "(一)強化項目謀劃,提高項目供給質量",
      leadUnit: "市直有關部門",
      cooperatingUnits: ["各縣區人民政府"],
    },
    {
      number: 3,
      title: "提升招商引資質量",
      description:
        "市縣招商主管部門加強招商組織指導,擴大招商範圍,加大招商力度。要根據《山西省製造業十二大領域發展(招商)圖譜》,梳理優勢產業項目清單,按照招商引資引智“雙十條”和民營經濟“二十條”政策,對接“大企大校大院大所”,提高招商精準度,提升招商項目履約率。加強招商引資項目與儲備項目的銜接管理。",
      section: "(二)狠抓項目招商,增強招商引資實效",
      leadUnit: "市促進外來投資局",
      cooperatingUnits: ["各縣區人民政府"],
    },
    {
      number: 4,
      title: "加快簽約項目落地",
      description:
        "按照“誰簽約,誰負責,誰協調”原則,建立重大招商項目跟蹤協調推進機制,加快簽約項目落地。市開發區不少於10個、左雲縣新榮區不少於3個、雲岡區雲州區不少於2個簽約落地10億元以上重大產業轉型項目。",
      section: "(二)狠抓項目招商,增強招商引資實效",
      leadUnit: "市促進外來投資局",
      cooperatingUnits: ["市經濟技術開發區", "相關縣區人民政府"],
    },
    {
      number: 5,
      title: "深化手續辦理月專題活動",
      description:
        "主動幫助企業辦理立項、規劃、土地、環評等手續,對重大項目強化領辦幫扶,限期辦結辦好,一季度集中開展,全年常態推進。",
      section: "(三)加快項目建設,增強轉型發展後勁",
      leadUnit: "各縣區人民政府",
      cooperatingUnits: ["市直有關部門"],
    },
    {
      number: 6,
      title: "深化集中開工月專題活動",
      description:
        "實行項目台賬管理,二季度集中開展,全年常態推進,確保續建項目6月底前全部復工,新建項目6月底前開工70%以上,全年按計畫實施。",
      section: "(三)加快項目建設,增強轉型發展後勁",
      leadUnit: "各縣區人民政府",
      cooperatingUnits: ["市直有關部門"],
    },
    {
      number: 7,
      title: "深化進工地到一線解難題專題活動",
      description:
        "定期深入項目現場,掌握推進情況,對於制約項目建設的突出問題,及時幫助解決,實現進工地到一線解難題制度化常態化。",
      section: "(三)加快項目建設,增強轉型發展後勁",
      leadUnit: "各縣區人民政府",
      cooperatingUnits: ["市直有關部門"],
    },
    {
      number: 8,
      title: "深化集中投產月專題活動",
      description:
        "在確保工程質量和安全前提下,進一步加快項目建設進度,打通投產前“最後一公里”,對由政府部門開展的竣工驗收事項實行並聯辦理,同步建設配套設施,促進項目儘早投產達效。",
      section: "(三)加快項目建設,增強轉型發展後勁",
      leadUnit: "各縣區人民政府",
      cooperatingUnits: ["市直有關部門"],
    },
    {
      number: 9,
      title: "深化打擊惡意阻工擾工專項行動",
      description:
        "嚴厲打擊各類破壞企業正常生產經營的違法犯罪行為,加強企業周邊治安整治,為企業經營和項目建設營造良好治安環境。",
      section: "(三)加快項目建設,增強轉型發展後勁",
      leadUnit: "市公安局",
      cooperatingUnits: ["各縣區人民政府"],
    },
    {
      number: 10,
      title: "深化紅頂中介整治專項行動",
      description:
        "組織開展覆蓋全市範圍的專項摸底,針對存在問題進行集中整治,規範市場行為,減輕企業負擔。",
      section: "(三)加快項目建設,增強轉型發展後勁",
      leadUnit: "市發改委",
      cooperatingUnits: ["市直有關部門", "各縣區人民政府"],
    },
    {
      number: 11,
      title: "最佳化落實六項常態化工作機制",
      description:
        "並聯審批機制重點建立市縣投資項目並聯審批流程並有效實施。職能部門責任機制重點落實市直有關部門對本系統項目審批工作負總責制度,負責協調解決事權在本級的有關審批問題。項目化管理機制重點落實市縣主要領導抓項目責任,強化重大項目領辦幫扶。協調調度機制重點落實分級分層調度,市縣區分別調度本地區重點項目推進情況和問題。",
      section: "(三)加快項目建設,增強轉型發展後勁",
      leadUnit: "各縣區人民政府",
      cooperatingUnits: ["市直有關部門"],
    },
    {
      number: 12,
      title: "推進重大基礎設施項目建設",
      description:
        "加大交通基礎設施建設力度,重點推進大張高鐵、原大客專等鐵路項目和雲岡機場三期擴建項目。加快電力項目建設,重點推進大同新榮500千伏輸變電工程、光伏平價上網示範等項目。",
      section: "(四)推動重大項目,發揮示範作用",
      leadUnit: "市發改委",
      cooperatingUnits: ["市電力公司", "相關縣區人民政府"],
    },
    {
      number: 13,
      title: "實施百項工業轉型升級項目",
      description:
        "重點推進100個項目,總投資1303億元。其中,重點推進新興產業項目79個,總投資1065億元;傳統產業項目21個,總投資238億元。",
      section: "(四)推動重大項目,發揮示範作用",
      leadUnit: "市工信局",
      cooperatingUnits: ["各縣區人民政府"],
    },
    {
      number: 14,
      title: "加快重點工程建設",
      description:
        "最佳化項目結構,創新推進方式,建立投資進度雙控制機制,健全完善重點工程項目信息管理系統,拓展延伸“13710”信息督辦,提質項目管理,加快項目建設。",
      section: "(四)推動重大項目,發揮示範作用",
      leadUnit: "市發改委",
      cooperatingUnits: ["各縣區人民政府"],
    },
    {
      number: 15,
      title: "培育開發區產業集群",
      description:
        "完善開發區基礎設施,提升產業承載能力。按照“企業+研發機構+配套企業”的模式,遴選、培育、引進一批產業關聯度大、帶動性強的十億級以上企業,制定產業規劃,延伸產業鏈條,培育主導產業集群,實現特色化錯位發展。",
      section: "(四)推動重大項目,發揮示範作用",
      leadUnit: "市商務局",
      cooperatingUnits: ["市工信局", "市促進外來投資局", "市經濟技術開發區" /* written 開發區 */, "左雲縣", "新榮區"],
    },
    {
      number: 16,
      title: "擴大民間投資",
      description:
        "開展民營資本準入障礙專項清理行動,放寬民間投資準入。抓好支持民營企業26條措施的落實落地。建立向民間資本推介項目常態化機制,重點在交通、能源等領域推介一批投資回報合理的重大項目,引導社會資本投資教育、健康醫療、養老等公共服務領域。",
      section: "(五)拓寬投資渠道,激發民資外資活力",
      leadUnit: "市發改委",
      cooperatingUnits: ["市直有關部門", "各縣區人民政府"],
    },
    {
      number: 17,
      title: "擴大外資利用",
      description:
        "全面落實準入前國民待遇加負面清單管理制度,加快推動對外資企業商務備案與工商登記“單一視窗、單一表格”受理。高效利用國外優惠貸(贈)款資源,推動實體經濟技術創新和產業升級。",
      section: "(五)拓寬投資渠道,激發民資外資活力",
      leadUnit: "市發改委",
      cooperatingUnits: ["市財政局", "市商務局", "市直有關部門", "各縣區人民政府"],
    },
    {
      number: 18,
      title: "規範有序推進項目",
      description:
        "依託國家和省綜合信息平台、全國項目信息監測服務平台定期發布項目信息,向金融機構和社會資本推介項目。繼續嚴格控制政府財政支出紅線,加強建設運營期項目績效考核管理。",
      section: "(五)拓寬投資渠道,激發民資外資活力",
      leadUnit: "市發改委",
      cooperatingUnits: ["市財政局", "各縣區人民政府"],
    },
    {
      number: 19,
      title: "保障項目用地",
      description:
        "按照突出重點、節約集約、分期分批原則,全面提升轉型項目用地服務保障水平。積極探索適應新興產業發展的土地資源利用模式,健全存量土地二次開發利用機制。加快推進“標準地”出讓改革。支持和鼓勵建設高標準廠房。",
      section: "(六)加強要素保障,提升項目服務水平",
      leadUnit: "市規劃和自然資源局",
      cooperatingUnits: [],
    },
    {
      number: 20,
      title: "拓寬項目資金渠道",
      description:
        "定期舉辦政銀企對接活動,協調解決重點企業、重大項目融資困難。有效利用地方政府專項債券。擴大企業債券發行規模,加強產業基金的設立和投入,促進保險資金與項目有效銜接,多渠道解決資金需求。",
      section: "(六)加強要素保障,提升項目服務水平",
      leadUnit: "市政府金融工作辦公室",
      cooperatingUnits: ["市財政局"],
    },
    {
      number: 21,
      title: "用好政府資金",
      description:
        "積極申報項目,努力爭取中央預算內資金支持。用好省市縣三級技改資金,發揮槓桿作用。主動對接,進一步加大地方政府專項債券規模,重點支持在建工程和補短板項目建設。",
      section: "(六)加強要素保障,提升項目服務水平",
      leadUnit: "市發改委",
      cooperatingUnits: ["市工信局", "市財政局", "各縣區人民政府"],
    },
    {
      number: 22,
      title: "有效配置環境資源",
      description:
        "建立環境總量指標增減掛鈎制度,淘汰落後、過剩產能,騰出環境容量,通過排污權交易優先安排重大轉型示範項目。",
      section: "(六)加強要素保障,提升項目服務水平",
      leadUnit: "市生態環境局",
      cooperatingUnits: ["市發改委", "市工信局", "市能源局"],
    },
    {
      number: 23,
      title: "最佳化環評審批",
      description:
        "推進“三線一單”和區域空間生態環評,繼續加快推進各類園區規劃環評工作,落實規劃環評與項目環評聯動,簡化單體項目環評審批。對重點轉型項目開闢“綠色通道”。指導幫助企業制定環境質量解決方案,推動實施綠色文明施工。",
      section: "(六)加強要素保障,提升項目服務水平",
      leadUnit: "市生態環境局",
      cooperatingUnits: [],
    },
    {
      number: 24,
      title: "深化企業投資項目承諾制改革",
      description:
        "對備案類項目全面實行承諾制管理,擴大試點項目範圍,並探索向核准類項目拓展。積極推進“承諾制+標準地+代辦制”落地,加快區域環評和區域能評改革。",
      section: "(七)深化審批服務便民化改革,最佳化營商環境",
      leadUnit: "市發改委",
      cooperatingUnits: ["各縣區人民政府"],
    },
    {
      number: 25,
      title: "推進工程建設項目審批制度改革",
      description:
        "完善工程建設項目審批管理制度體系,實現建設項目從項目立項至竣工驗收審批事項和時間再減少。推進市、縣(區)、鄉鎮互聯互通的工程建設項目審批管理平台,系統套用覆蓋至市、縣直有關部門。建立“一張藍圖”協同策劃項目生成機制,實現線上運行。",
      section: "(七)深化審批服務便民化改革,最佳化營商環境",
      leadUnit: "市住建局",
      cooperatingUnits: ["各縣區人民政府"],
    },
    {
      number: 26,
      title: "建設全市行政審批政務服務“一張網”",
      description:
        "建設全市行政審批“一張網”,加快推進審批服務“馬上辦、網上辦、就近辦、一次辦”市縣兩級全覆蓋,推行審批服務“一窗通辦”和政務服務“網上辦理”。建立全市公共資源交易電子服務體系,實現國家、省、市三級互聯互通。",
      section: "(七)深化審批服務便民化改革,最佳化營商環境",
      leadUnit: "市行政審批服務管理局",
      cooperatingUnits: ["市直有關部門", "各縣區人民政府"],
    },
    {
      number: 27,
      title: "提升中介機構服務能力",
      description:
        "發展具備多項資質條件的綜合性中介機構,培育複合型專業化中介服務人才,推動實施執業資格人員職業教育與培訓計畫,提升中介機構服務水平。規範中介機構及執業資格人員經營行為,納入信用監管體系,加大違法違規行為的責任追究力度。",
      section: "(七)深化審批服務便民化改革,最佳化營商環境",
      leadUnit: "市發改委",
      cooperatingUnits: ["市直有關部門", "各縣區人民政府"],
    },
    // 四、工作要求 (一)…(四), as tasks; the 各縣區和市直有關部門 of (二) are all of them, no unit is named.
    {
      number: 28,
      title: '加強組織領導',
      description:
        '加強組織領導。各級各部門要把思想統一到市委、市政府的決策部署上來,把轉型項目建設作為經濟工作的重中之重,加強領導,精心組織,深入實施,主要領導親自掛帥、靠前指揮,分管領導具體負責、協調推動,確保深化轉型項目建設年工作順利開展,取得實效。',
      section: '四、工作要求',
      cooperatingUnits: [],
    },
    {
      number: 29,
      title: '凝聚工作合力',
      description:
        '凝聚工作合力。各縣區和市直有關部門要加強分工協作、分級負責,構建上下聯動、橫向配合、整體推進的工作格局,形成項目建設政策合力、部門合力、工作合力。',
      section: '四、工作要求',
      cooperatingUnits: [],
    },
    {
      number: 30,
      title: '加大宣傳力度',
      description:
        '加大宣傳力度。充分利用網路、電視、電台、報紙等多種媒體,全方位、多層次對深化轉型項目建設年工作進行宣傳報導。宣傳產業政策、發布項目信息,聚焦新政策、新舉措,突出新進展、新突破,振奮精神,鼓舞士氣,營造全社會關心、關注、支持轉型項目建設的良好輿論氛圍。',
      section: '四、工作要求',
      cooperatingUnits: [],
    },
    {
      number: 31,
      title: '加強考核激勵',
      description:
        '加強考核激勵。將深化轉型項目建設年工作納入市委市政府重點工作進行督查考核,切實增強各級各部門的工作積極性。對項目推進快、轉型成效好的進行通報表揚,並在重大產業項目布局、項目前期費用、新增建設用地指標、環境容量等方面予以支持。',
      section: '四、工作要求',
      cooperatingUnits: [],
    },
  ],
  exampleProjects: [
    // task 13: 重點推進100個項目 … 新興產業項目79個,總投資1065億元;傳統產業項目21個,總投資238億元. 重點推進: under way,
    // so 在建 (UNDER_CONSTRUCTION), not 謀劃.
    {
      label: '新興產業項目',
      count: 79,
      totalInvestment: 10650000,
      stage: 'UNDER_CONSTRUCTION',
      unit: '市工信局',
      sector: '新興產業',
      namePrefix: '新興產業轉型升級項目',
    },
    {
      label: '傳統產業項目',
      count: 21,
      totalInvestment: 2380000,
      stage: 'UNDER_CONSTRUCTION',
      unit: '市工信局',
      sector: '傳統產業',
      namePrefix: '傳統產業轉型升級項目',
    },
  ],
};
