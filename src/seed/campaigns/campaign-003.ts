import type { SeedCampaign } from '../seed-types';

/**
 * 吳忠市擴大有效投資百日攻堅分工方案 (吳忠市人民政府辦公室, 2023-08-08).
 * Transcription notes:
 * - Pinyin annotations pasted after characters in the saved page (區(qū), 現(xiàn) …) were removed; '?' runs are padding.
 * - In 二(二) the source is garbled at '前提下?lián)寱r間'; read as 前提下搶時間 (parallel with 搶工期、搶進度).
 * - No 文号 is given. No roles or subgroups in this document. The period runs from issue to the end of 2023
 *   because the goals are for the full year 2023; 周監測、旬調度、月通報 → reporting cadence WEEK.
 * - The counts 109 (下半年新開工項目), 23 (進展緩慢和未開工重點項目), 194 (在建招商引資項目), 20 (蘇浙滬重點簽約項目)
 *   and 860 (意向性項目) describe the project lists in annexes 1–4; they are not goals, so they are not targets.
 * - Addressees (各工(農)業園區管委會, 市直各部門), the issuer and 吳忠市人民政府 are not responsible units and are not listed.
 */
export const campaign003: SeedCampaign = {
  key: '003',
  name: '吳忠市擴大有效投資百日攻堅分工方案',
  issuer: '吳忠市人民政府辦公室',
  issuedOn: '2023-08-08',
  region: '吳忠市',
  periodStart: '2023-08-08',
  periodEnd: '2023-12-31',
  reportingCadence: 'WEEK',
  // 落實項目建設“周監測、旬調度、月通報”工作機制 (the document names no due days: each period's last day).
  reportingCadences: [
    { kind: 'WEEK', name: '周監測' },
    { kind: 'TEN_DAYS', name: '旬調度' },
    { kind: 'MONTH', name: '月通報' },
  ],
  units: [
    { name: '利通區', kind: 'DISTRICT' },
    { name: '紅寺堡區', kind: 'DISTRICT' },
    { name: '青銅峽市', kind: 'COUNTY' },
    { name: '鹽池縣', kind: 'COUNTY' },
    { name: '同心縣', kind: 'COUNTY' },
    { name: '太陽山開發區', kind: 'ZONE' },
    { name: '金積工業園區', kind: 'ZONE' },
    { name: '市發展改革委', kind: 'DEPARTMENT' },
    // The 責任單位 lists abbreviate after 市發展改革委 (工信局、自然資源局 …); the shared 市 prefix is expanded.
    { name: '市工信局', kind: 'DEPARTMENT' },
    { name: '市自然資源局', kind: 'DEPARTMENT' },
    { name: '市生態環境局', kind: 'DEPARTMENT' },
    { name: '市住建局', kind: 'DEPARTMENT' },
    { name: '市交通運輸局', kind: 'DEPARTMENT' },
    { name: '市水務局', kind: 'DEPARTMENT' },
    { name: '市應急管理局', kind: 'DEPARTMENT' },
    // Written 市場監管局 in the abbreviated list of 二(七); expanded with the shared 市 prefix like the others.
    { name: '市市場監管局', kind: 'DEPARTMENT' },
    { name: '市商務和投資促進局', kind: 'DEPARTMENT' },
    // Written 市人民政府督查室 in the 責任單位 of 二(六) and 市政府督查室 in its text; one unit, the 責任單位 spelling.
    { name: '市人民政府督查室', kind: 'DEPARTMENT' },
    // Collective phrases used as responsible units in every 責任單位 line.
    { name: '各縣〔市、區〕人民政府', kind: 'OTHER' },
    { name: '各園區管委會', kind: 'OTHER' },
  ],
  roles: [],
  subgroups: [],
  targets: [
    // 一、主要目標: city-wide growth, then one growth target per county/district/zone (1b–1h).
    {
      code: '1a',
      name: '固定資產投資',
      measure: '增長率',
      unitOfMeasure: '%',
      targetValue: 11,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      due: '2023-12-31',
      source: '確保全年固定資產投資增長11%以上',
    },
    {
      code: '1b',
      name: '固定資產投資',
      measure: '增長率',
      unitOfMeasure: '%',
      targetValue: 10,
      direction: 'AT_LEAST',
      scope: 'UNIT',
      unit: '利通區',
      due: '2023-12-31',
      source: '利通區增長10%以上',
    },
    {
      code: '1c',
      name: '固定資產投資',
      measure: '增長率',
      unitOfMeasure: '%',
      targetValue: 12,
      direction: 'AT_LEAST',
      scope: 'UNIT',
      unit: '紅寺堡區',
      due: '2023-12-31',
      source: '紅寺堡區增長12%以上',
    },
    {
      code: '1d',
      name: '固定資產投資',
      measure: '增長率',
      unitOfMeasure: '%',
      targetValue: 12,
      direction: 'AT_LEAST',
      scope: 'UNIT',
      unit: '青銅峽市',
      due: '2023-12-31',
      source: '青銅峽市增長12%以上',
    },
    {
      code: '1e',
      name: '固定資產投資',
      measure: '增長率',
      unitOfMeasure: '%',
      targetValue: 12,
      direction: 'AT_LEAST',
      scope: 'UNIT',
      unit: '鹽池縣',
      due: '2023-12-31',
      source: '鹽池縣增長12%以上',
    },
    {
      code: '1f',
      name: '固定資產投資',
      measure: '增長率',
      unitOfMeasure: '%',
      targetValue: 12,
      direction: 'AT_LEAST',
      scope: 'UNIT',
      unit: '同心縣',
      due: '2023-12-31',
      source: '同心縣增長12%以上',
    },
    {
      code: '1g',
      name: '固定資產投資',
      measure: '增長率',
      unitOfMeasure: '%',
      targetValue: 10,
      direction: 'AT_LEAST',
      scope: 'UNIT',
      unit: '太陽山開發區',
      due: '2023-12-31',
      source: '太陽山開發區增長10%以上',
    },
    {
      code: '1h',
      name: '固定資產投資',
      measure: '增長率',
      unitOfMeasure: '%',
      targetValue: 10,
      direction: 'AT_LEAST',
      scope: 'UNIT',
      unit: '金積工業園區',
      due: '2023-12-31',
      source: '金積工業園區增長10%以上',
    },
    // 二(一): 100億元 = 1,000,000 万元. Lead units of 2–5 are the first 責任單位 of the task they come from.
    {
      code: '2',
      name: '下半年新開工項目年度投資規模',
      measure: '投資規模',
      unitOfMeasure: '万元',
      targetValue: 1000000,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      due: '2023-12-31',
      source: '力爭下半年新開工項目年度投資規模達100億元以上',
    },
    // 二(二): 85% at end of Q3 is a milestone of the 100% full-year goal.
    {
      code: '3',
      name: '重點項目投資完成率',
      measure: '完成率',
      unitOfMeasure: '%',
      targetValue: 100,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      due: '2023-12-31',
      milestones: [
        { label: '三季度末', due: '2023-09-30', ratio: 0.85 },
        { label: '全年', due: '2023-12-31', ratio: 1 },
      ],
      source: '確保三季度末重點項目投資完成率達到85%以上,全年達到100%',
    },
    // 二(二): 全部開工 = 100% of these projects started by end of Q3.
    {
      code: '4a',
      name: '中央預算內投資項目、自治區預算內統籌投資項目、地方政府專項債券項目開工',
      measure: '開工率',
      unitOfMeasure: '%',
      targetValue: 100,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      due: '2023-09-30',
      source: '確保三季度末全部開工建設',
    },
    {
      code: '4b',
      name: '中央預算內投資項目、自治區預算內統籌投資項目、地方政府專項債券項目投資完成率',
      measure: '完成率',
      unitOfMeasure: '%',
      targetValue: 85,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      due: '2023-12-31',
      source: '全年投資完成率達到85%',
    },
    // 二(五): 421億元 = 4,210,000 万元.
    {
      code: '5a',
      name: '招商引資目標任務時序進度',
      measure: '時序進度',
      unitOfMeasure: '%',
      targetValue: 75,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市商務和投資促進局',
      due: '2023-09-30',
      source: '確保三季度末招商引資目標任務時序進度達到75%',
    },
    {
      code: '5b',
      name: '招商引資到位資金',
      measure: '到位資金',
      unitOfMeasure: '万元',
      targetValue: 4210000,
      direction: 'AT_LEAST',
      scope: 'TASK_FORCE',
      leadUnit: '市商務和投資促進局',
      due: '2023-12-31',
      source: '全年招商引資到位資金421億元以上',
    },
  ],
  tasks: [
    // 二、重點任務 (一)…(七). description = the item text after its title, without the (責任單位:…) clause. The
    // document names no 牵头 unit: where it lists several 責任單位 jointly, none is the lead and all are in
    // cooperatingUnits in order, then the two collective phrases; task 5 names one (市商務和投資促進局等), its lead.
    {
      number: 1,
      title: '實施謀劃接續百日攻堅',
      description:
        '堅持項目“成熟一個、開工一個、推進一個”原則,在建項目比速度、新開項目搶進度、擬建項目拼力度,加快項目接續建設,全面擴大有效投資。建立項目儲備長效機制,在前期確定的109個下半年新開工項目基礎上,持續加大項目謀劃和前期推進力度,力爭下半年新開工項目年度投資規模達100億元以上,著力形成謀劃入庫、前期推進、開工建設、竣工投產、儲備展望“五個一批”梯度結構,確保重大項目滾動實施、接續推進(詳見附件1)。圍繞荒漠化綜合防治、重點生態工程建設、“四水四定”、環境治理等領域,謀劃一批戰略性、前瞻性、全局性的重大項目,積極爭取政策、資金、項目支持。圍繞城市更新、新型城鎮化改造、教育強國、養老托育等領域,接續謀劃儲備一批老舊小區改造、“四類管網”更新改造、基礎教育質量提升、養老服務中心等基礎設施和社會事業項目,有序推進項目實施。市住建局要會同各行業部門,做好海綿城市建設領域項目謀劃儲備及前期推進,確保資金下達后及時開工建設一批基礎設施項目,充分發揮資金效益。',
      section: '二、重點任務',
      cooperatingUnits: [
        '市發展改革委',
        '市工信局',
        '市自然資源局',
        '市生態環境局',
        '市住建局',
        '市交通運輸局',
        '市水務局',
        '各縣〔市、區〕人民政府',
        '各園區管委會',
      ],
    },
    {
      number: 2,
      title: '實施建設提速百日攻堅',
      description:
        '扎實開展項目“五比”和“擴大有效投資鞏固提升年”活動,落實項目建設“周監測、旬調度、月通報”和“曬比促”工作機制,清單化項目推進時序進度,加快落實項目要素資源保障,在保證質量安全的前提下搶時間、搶工期、搶進度,全力加快23個進展緩慢和未開工重點項目工作推進,確保三季度末重點項目投資完成率達到85%以上,全年達到100%(詳見附件2)。加快項目施工設計、招投標等前期工作,落實配套資金、征地拆遷等開工要素,加快中央預算內投資項目、自治區預算內統籌投資項目、地方政府專項債券項目工程建設和資金撥付進度,確保三季度末全部開工建設,全年投資完成率達到85%(詳見附件3)。依法依規做好統計入庫工作,嚴把投資項目入庫質量,持續開展統計業務培訓,切實做到應納盡納、應統盡統。',
      section: '二、重點任務',
      cooperatingUnits: [
        '市發展改革委',
        '市工信局',
        '市自然資源局',
        '市生態環境局',
        '市住建局',
        '市交通運輸局',
        '市水務局',
        '各縣〔市、區〕人民政府',
        '各園區管委會',
      ],
    },
    {
      number: 3,
      title: '實施結構優化百日攻堅',
      description:
        '緊盯交通、水利、制造業、房地產開發等重點領域,發揮主管部門牽頭抓總作用,確保房地產開發投資持續保持穩定增長,推動制造業和基礎設施投資扭轉下降態勢。市發展改革委緊盯電力投資,對新能源項目實行清單化管理,持續保持電力投資支撐拉動作用。市工信局緊盯工業領域投資,力促制造業和技改投資回暖。市交通運輸局、水務局要緊盯交通、水利基礎設施領域投資,全力謀項目爭項目,加快補齊基礎設施建設短板弱項。市住建局緊盯房地產項目,抓好項目建設推進和擬新開工項目手續辦理,推動房地產開發投資穩定增長。',
      section: '二、重點任務',
      cooperatingUnits: [
        '市發展改革委',
        '市工信局',
        '市住建局',
        '市交通運輸局',
        '市水務局',
        '各縣〔市、區〕人民政府',
        '各園區管委會',
      ],
    },
    {
      number: 4,
      title: '實施要素保障百日攻堅',
      description:
        '各級發展改革、自然資源、生態環境、住建、應急管理、水務、審批服務等部門要建立協同聯動機制,優化項目審批流程,積極向上做好對接溝通,協助企業加快各項資料準備申報工作,全力推進項目審批核準、用地報批、規劃許可、環評、能評、安評、水保等審批手續辦理。采取“基礎指標+盤活指標”方式,優化即來即辦、快審快報、定期辦結用地審批模式,保障項目用地供給,扎實做好報批、征用等工作。健全水資源剛性約束指標體系、管控體系、考核體系,嚴格落實項目和取水“雙限批”。加強與企業溝通協調,做好咨詢服務,精簡環評、能評、安評等報告審批流程,采取線上線下相結合的方式開展專家評審,切實做到“一次性辦結”,縮短申辦時間。',
      section: '二、重點任務',
      cooperatingUnits: [
        '市發展改革委',
        '市工信局',
        '市自然資源局',
        '市生態環境局',
        '市住建局',
        '市水務局',
        '市應急管理局',
        '各縣〔市、區〕人民政府',
        '各園區管委會',
      ],
    },
    {
      number: 5,
      title: '實施招引落地百日攻堅',
      description:
        '明確招引主攻方向、精準對接目標企業,全力以赴找信息、千方百計跑企業、想方設法談項目,聚力招大引強、招新引特,在清潔能源、現代化工、輕工紡織等領域簽訂一批大項目、好項目,著力形成“招來一個、引進一批、帶動一片、發展一方”的集群效應。抓住當前工程施工的大好時機,倒排工期、掛圖作戰,推動194個在建招商引資項目形成更多實物量。緊盯蘇浙滬20個重點簽約項目和正在洽談跟進的860個意向性項目(詳見附件4),落實代辦、幫辦、督辦工作機制,幫助招商企業解決具體問題、掃清工作障礙,推動項目早開工、快建設、早投產,確保三季度末招商引資目標任務時序進度達到75%,全年招商引資到位資金421億元以上。',
      section: '二、重點任務',
      leadUnit: '市商務和投資促進局',
      cooperatingUnits: [
        '各縣〔市、區〕人民政府',
        '各園區管委會',
      ],
    },
    {
      number: 6,
      title: '實施包抓督導百日攻堅',
      description:
        '市政府督查室會同市發展改革委,聯合開展項目“五比”活動專項督查,通過曬成績、比干勁、促發展,在全市營造大抓發展、抓大發展、抓高質量發展的良好氛圍。各地各部門要充分發揮領導包抓、專班推進機制作用,加大督導調研力度,通過形式研判、清單推進、現場辦公、督查通報等多種形式,切實提速項目建設進度。市發展改革委結合督查情況,定期梳理需自治區、吳忠市協調解決問題清單,轉發給各主管部門,全程跟蹤落實情況,及時協調解決項目推進存在的堵點難點問題。',
      section: '二、重點任務',
      cooperatingUnits: [
        '市人民政府督查室',
        '市發展改革委',
        '各縣〔市、區〕人民政府',
        '各園區管委會',
      ],
    },
    {
      number: 7,
      title: '實施質量安全百日攻堅',
      description:
        '從項目謀劃、論證、設計階段樹牢質量第一理念,規范履行項目審批程序,在前期工作階段進一步加強工程質量管理,落實項目決策咨詢評估制度和“項目四制”管理制度,加強項目實施事中事后監管。各地各部門要牢固樹立安全發展理念,做到時刻警惕、警鐘長鳴,嚴格要求、嚴格標準、嚴格制度,在加快施工進度的同時,既要確保施工安全,又要確保工程質量。壓實項目建設、施工、監理單位的安全生產責任,做到安全責任到位、安全培訓到位、安全管理到位。常態化開展作業現場安全生產監督巡查工作,及時排查風險隱患,切實做到不留死角、不留盲區,確保從源頭上防范化解安全風險。嚴把項目質量安全關,完善項目竣工驗收準備,做好人防、消防、環保等專項驗收工作,確保項目合規投入使用。',
      section: '二、重點任務',
      cooperatingUnits: [
        '市發展改革委',
        '市工信局',
        '市住建局',
        '市交通運輸局',
        '市水務局',
        '市應急管理局',
        '市市場監管局',
        '各縣〔市、區〕人民政府',
        '各園區管委會',
      ],
    },
    // 三、… (一)…(四): the section heading is lost in the saved page ("??"); its items are the plan's safeguards
    // (organisation, services, funds, supervision), so it is named 三、保障措施 as seed 004 names its own. No unit is named.
    {
      number: 8,
      title: '全面加強組織領導',
      description:
        '全面加強組織領導。各地各部門要高度重視,充分認識開展“擴大有效投資百日攻堅”活動的重要意義,進一步強化政治擔當、責任意識,抓實項目謀劃儲備、落地建設、入庫納統、投產達效全周期管理,明確工作標準、進度安排,逐項細化量化、逐項推進落實,確保七項百日攻堅任務取得實效。',
      section: '三、保障措施',
      cooperatingUnits: [],
    },
    {
      number: 9,
      title: '完善要素服務保障',
      description:
        '完善要素服務保障。各級發展改革部門要會同行業主管和要素保障部門,建立健全重大項目推進協同服務機制,開辟綠色通道、特事特辦、會商聯辦、容缺辦理、限時辦理,全力加快項目前期推進。要全面落實促進民營經濟發展壯大“31條”和自治區營商環境提質升級行動方案,清理破除帶有市場準入限制的顯性和隱性壁壘,建立長效排查機制,打造良好營商環境。',
      section: '三、保障措施',
      cooperatingUnits: [],
    },
    {
      number: 10,
      title: '積極爭取資金支持',
      description:
        '積極爭取資金支持。各地各部門要進一步加大信息共享、資源分享、項目整合力度,及時跟蹤最新政策動態和資金安排信息,主動挖掘、包裝和儲備一批規模大、帶動強的好項目,做實做細項目前期論證、規劃選址等前期工作,精準謀劃項目,多方協調爭取,強化前期論證,爭取更多項目列入國家和自治區規劃盤子。',
      section: '三、保障措施',
      cooperatingUnits: [],
    },
    {
      number: 11,
      title: '強化督查考核問效',
      description:
        '強化督查考核問效。將“擴大有效投資百日攻堅”活動推進情況納入全年擴大有效投資重大項目考核,在新聞媒體上設立“展示臺”“監督臺”“曝光臺”,對各地固定資產投資、重點項目建設、招商引資、上爭資金情況進行公示,大力宣傳百日攻堅工作中成效明顯、業績突出的地區及部門,同時對工作緩慢、推進不力的及時進行曝光,著力營造大干實干的良好氛圍。',
      section: '三、保障措施',
      cooperatingUnits: [],
    },
  ],
  // The counts the document states without amounts (its annexes, which list the projects, are not part of it): example
  // projects carry the counts and no amounts, carried by the first 責任單位 of the task naming them.
  exampleProjects: [
    // task 1: 在前期確定的109個下半年新開工項目 — to start this half year: 前期.
    { label: '下半年新開工項目', count: 109, stage: 'PREPARING', unit: '市發展改革委', namePrefix: '下半年新開工項目' },
    // task 2: 全力加快23個進展緩慢和未開工重點項目 — slow or not yet started: 前期 until they start.
    { label: '進展緩慢和未開工重點項目', count: 23, stage: 'PREPARING', unit: '市發展改革委', namePrefix: '進展緩慢和未開工重點項目' },
    // task 5: 推動194個在建招商引資項目 — 在建.
    { label: '在建招商引資項目', count: 194, stage: 'UNDER_CONSTRUCTION', unit: '市商務和投資促進局', namePrefix: '在建招商引資項目' },
    // task 5: 蘇浙滬20個重點簽約項目 — signed, not started: 前期.
    { label: '蘇浙滬重點簽約項目', count: 20, stage: 'PREPARING', unit: '市商務和投資促進局', namePrefix: '蘇浙滬重點簽約項目' },
    // task 5: 正在洽談跟進的860個意向性項目 — in negotiation: 謀劃.
    { label: '意向性項目', count: 860, stage: 'PLANNING', unit: '市商務和投資促進局', namePrefix: '意向性項目' },
  ],
};
