import type { SeedCampaign } from '../seed-types';

/**
 * Seed 000: 關於大同市爭取上級政策、資金、項目工作的行動方案 (同政辦發〔2020〕29號), Traditional script kept.
 * Judgement calls:
 * - Alignment spaces in two-character names (郭 蕾, 荊 虎, 赫 瑞, 王 璽, 任 帥, 戴 陶) and in role words
 *   (副 組 長, 組 長) are typesetting and removed.
 * - Banks named only as loan sources in task 2 (央行, 國開行, 農發行, 招商行) are not responsible units and are not listed.
 * - The addressees (各縣(區)人民政府, 開發區管委會, 市直各相關委、局、辦), the issuer, 考核辦 (work requirements)
 *   and the districts/county named in task 22 (平城區, 雲州區, 陽高縣) are listed as units.
 * - The document states no numeric goals, so `targets` is empty; no reporting cadence is set
 *   (only 季度考核/年終考核 assessment). No end date is stated.
 */
export const campaign000: SeedCampaign = {
  key: '000',
  name: '關於大同市爭取上級政策、資金、項目工作的行動方案',
  groupName: '工作組',
  documentNumber: '同政辦發〔2020〕29號',
  issuer: '大同市人民政府辦公室',
  issuedOn: '2020-06-05',
  region: '大同市',
  periodStart: '2020-06-05',
  units: [
    { name: '市發改委', kind: 'DEPARTMENT' },
    { name: '市財政局', kind: 'DEPARTMENT' },
    { name: '市金融辦', kind: 'DEPARTMENT' },
    { name: '市教育局', kind: 'DEPARTMENT' },
    { name: '市衛健委', kind: 'DEPARTMENT' },
    { name: '市規劃和自然資源局', kind: 'DEPARTMENT' },
    { name: '市生態環境局', kind: 'DEPARTMENT' },
    { name: '市住建局', kind: 'DEPARTMENT' },
    { name: '市城市管理局', kind: 'DEPARTMENT' },
    { name: '市應急管理局', kind: 'DEPARTMENT' },
    { name: '市能源局', kind: 'DEPARTMENT' },
    { name: '市園林綠化中心', kind: 'DEPARTMENT' },
    { name: '市工信局', kind: 'DEPARTMENT' },
    { name: '市科技局', kind: 'DEPARTMENT' },
    { name: '市商務局', kind: 'DEPARTMENT' },
    { name: '市國資委', kind: 'DEPARTMENT' },
    { name: '市農業農村局', kind: 'DEPARTMENT' },
    { name: '市水務局', kind: 'DEPARTMENT' },
    { name: '市扶貧辦', kind: 'DEPARTMENT' },
    { name: '市文旅局', kind: 'DEPARTMENT' },
    { name: '市交通局', kind: 'DEPARTMENT' },
    { name: '市文物局', kind: 'DEPARTMENT' },
    { name: '市民政局', kind: 'DEPARTMENT' },
    { name: '大同市人民政府辦公室', kind: 'DEPARTMENT' }, // issuer
    { name: '各縣(區)人民政府', kind: 'OTHER' }, // addressee (collective)
    { name: '開發區管委會', kind: 'ZONE' }, // addressee
    { name: '市直各相關委、局、辦', kind: 'OTHER' }, // addressee (collective)
    { name: '考核辦', kind: 'DEPARTMENT' }, // 四、(四) 嚴格考核驗收
    { name: '平城區', kind: 'DISTRICT' }, // task 22
    { name: '雲州區', kind: 'DISTRICT' }, // task 22
    { name: '陽高縣', kind: 'COUNTY' }, // task 22
  ],
  roles: [
    { role: '組長', person: { name: '武宏文', title: '市委副書記、市長' } },
    { role: '常務副組長', person: { name: '薛明耀', title: '市委常委、常務副市長' } },
    { role: '副組長', person: { name: '郭蕾', title: '副市長' } },
    { role: '副組長', person: { name: '馬安全', title: '副市長' } },
    { role: '副組長', person: { name: '荊虎', title: '副市長' } },
    { role: '副組長', person: { name: '郝獻民', title: '副市長' } },
  ],
  subgroups: [
    {
      name: '綜合政策保障組',
      roles: [
        { role: '組長', person: { name: '薛明耀', title: '市委常委、常務副市長' } },
        { role: '副組長', person: { name: '王明生', title: '市發改委主任', unit: '市發改委' } },
        { role: '副組長', person: { name: '劉義深', title: '市財政局局長', unit: '市財政局' } },
        { role: '副組長', person: { name: '王一明', title: '市金融辦主任', unit: '市金融辦' } },
      ],
      mainTasks: '1.主動把握國家政策方向,深入研究上級支持領域,加強全市向上爭取工作的組織、協調和統籌。定期匯總各部門向上爭取政策、資金、項目情況及取得成果,做到有計畫、有方案、有期限、有成效。\n2.深入落實國家各項金融政策,支持企業發行相關債券,積極爭取央行再貸款支持和國開行、農發行、招商行等戰疫情穩投資補短板專項貸款。\n3.組織做好專項債券的申報和額度審核工作,力爭更多項目列入上級專項債券項目庫;配合主管部門指導和督促項目單位編制項目情況及資金平衡方案,積極向上級申報發行;對已發行的債券資金及時撥付到項目單位和相關縣區,提高資金使用率;強化資金使用監管,保障專款專用、專項專用,確保“好鋼用在刀刃上”,形成資金使用良性發展機制;做好資金收支平衡,確保推進建設不止步、債務風險不增加。',
      units: ['市發改委', '市財政局', '市金融辦'],
    },
    {
      name: '教育和公共衛生項目組',
      roles: [
        { role: '組長', person: { name: '郭蕾', title: '副市長' } },
        { role: '副組長', person: { name: '范振凱', title: '市教育局局長', unit: '市教育局' } },
        { role: '副組長', person: { name: '張宏東', title: '市衛健委主任', unit: '市衛健委' } },
      ],
      mainTasks: '1.負責全市教育、公共衛生領域政策、資金、項目的爭取工作。\n2.強化城市醫療集團建設,加快市級、縣級中心醫院等醫療保障基礎設施建設。\n3.積極與國家和省級教育、衛生部門溝通協調,加大對我市新建義務教育、特殊教育、產教融合和職業教育的政策支持和資金申請工作;緊抓國家傳染病加強防治工作的有利時機,全面爭取上級資金支持,著力保障我市市級醫院、農村衛生醫療保障、傳染病防治等公共衛生領域建設。',
      units: ['市教育局', '市衛健委'],
    },
    {
      name: '生態和市政項目組',
      roles: [
        { role: '組長', person: { name: '馬安全', title: '副市長' } },
        { role: '副組長', person: { name: '王學軍', title: '市規劃和自然資源局局長', unit: '市規劃和自然資源局' } },
        { role: '副組長', person: { name: '赫瑞', title: '市生態環境局局長', unit: '市生態環境局' } },
        { role: '副組長', person: { name: '田培山', title: '市住建局局長', unit: '市住建局' } },
        { role: '副組長', person: { name: '王璽', title: '市城市管理局局長', unit: '市城市管理局' } },
        { role: '副組長', person: { name: '耿建舉', title: '市應急管理局局長', unit: '市應急管理局' } },
        { role: '副組長', person: { name: '蘇春枝', title: '市能源局局長', unit: '市能源局' } },
        { role: '副組長', person: { name: '任帥', title: '市園林綠化中心主任', unit: '市園林綠化中心' } },
      ],
      mainTasks: '1.負責全市生態環保、城鎮基礎設施、應急管理、能源領域政策、項目、資金的爭取工作。\n2.積極申報城市建設、市政基礎、城鎮老舊小區改造、棚戶區改造等領域項目的資金爭取。\n3.立足省域副中心城市的定位,主動謀劃適應城市發展、促進城市建設、推動城市管理、提高城市品位的基礎設施領域項目,有效保障我市在城市建設過程中取得突出成效;加快生態環境治理和城市綠化建設,積極推進“七河治理”,加強御河兩岸生態景觀建造,打贏“碧水藍天”保衛戰。\n4.加強天然氣管網和儲氣設施、城鄉電網的專項債券資金申請,提高專項債券作為重大項目資本金比例。\n5.積極申請中央預算內資金,推動城市應急管理設施逐步完善,應急物資儲備豐富,形成反應迅速、布局合理、規劃科學的全市應急管理體系。',
      units: ['市規劃和自然資源局', '市生態環境局', '市住建局', '市城市管理局', '市應急管理局', '市能源局', '市園林綠化中心'],
    },
    {
      name: '新型基礎設施項目組',
      roles: [
        { role: '組長', person: { name: '荊虎', title: '副市長' } },
        { role: '副組長', person: { name: '韓雁春', title: '市工信局副局長', unit: '市工信局' } },
        { role: '副組長', person: { name: '王成舜', title: '市科技局局長', unit: '市科技局' } },
        { role: '副組長', person: { name: '高淑霞', title: '市商務局局長', unit: '市商務局' } },
        { role: '副組長', person: { name: '王宏栓', title: '市國資委主任', unit: '市國資委' } },
      ],
      mainTasks: '1.負責全市工業、科技、商務領域政策、資金、項目的爭取工作。\n2.圍繞加強新基建的國家戰略,主動謀劃適應時代發展,有利長遠建設的5G網路建設、全特高壓、城際高速鐵路和城市軌道交通、新能源汽車充電樁、大數據中心、人工智慧、工業網際網路的大項目和好項目,爭取上級政策、資金支持,在新基建中搶占有利位置。\n3.積極加快科技創新平台建設、智慧化城市改造,推進全市現代化智慧型化管理,圍繞打造物流樞紐城市目標,切實加快現代物流園區和物流中轉站建設。',
      units: ['市工信局', '市科技局', '市商務局', '市國資委'],
    },
    {
      name: '農林水項目組',
      roles: [
        { role: '組長', person: { name: '郝獻民', title: '副市長' } },
        { role: '副組長', person: { name: '張穎龍', title: '市農業農村局局長', unit: '市農業農村局' } },
        { role: '副組長', person: { name: '文曉東', title: '市水務局局長', unit: '市水務局' } },
        { role: '副組長', person: { name: '白雪峰', title: '市扶貧辦主任', unit: '市扶貧辦' } },
      ],
      mainTasks: '1.負責全市農業、扶貧、水利領域政策、資金、項目的爭取工作。\n2.圍繞“農業發展、農村建設、農民增收”,積極與上級部門溝通,主動與有關單位對接,繼續申請申報脫貧後政策延續,推進脫貧後貧困人員的發展;加快農產品品牌建設和小雜糧基地建設,積極申請政策支持。\n3.強化農業水利設施發展資金申請,提升農業生產能力,積極爭取專項資金申請,加快河道治理,防範流域污染,推進生態修復。',
      units: ['市農業農村局', '市水務局', '市扶貧辦'],
    },
    {
      name: '交通文旅項目組',
      roles: [
        { role: '組長', person: { name: '郝獻民', title: '副市長' } },
        { role: '副組長', person: { name: '戴陶', title: '市文旅局局長', unit: '市文旅局' } },
        { role: '副組長', person: { name: '梁翼龍', title: '市交通局局長', unit: '市交通局' } },
        { role: '副組長', person: { name: '劉建勇', title: '市文物局局長', unit: '市文物局' } },
        { role: '副組長', person: { name: '王東升', title: '市民政局局長', unit: '市民政局' } },
      ],
      // The document gives no 主要任務: heading for this group; its numbered items are its tasks.
      mainTasks: '1.負責全市文旅、交通、文物、康養領域政策、資金、項目的爭取工作。\n2.推動全域旅遊建設,爭取更多鄉村列入特色旅遊村,打造長城一號康養鄉村旅遊品牌項目;積極提升我市旅遊城市排名,打造旅遊網紅打卡勝地;深入開發度假游、自助游、研學游等旅遊項目,形成旅遊產業新特色。\n3.加快農村“四好公路”、旅遊公路、城鄉結合道路的改造,構建暢通無阻、四通八達道路交通體系;精準規劃縣級、鄉村道路布局,形成覆蓋城鄉的公路網。\n4.加強雲岡石窟、恆山、懸空寺等文物保護與旅遊資源深度開發,實現保護與開發同步進行;加快古城修復建設,打造聚商宜業、魅力宜游、繁華宜購、溫馨宜娛新古城。\n5.主動謀劃康養項目,力推我市平城區、雲州區、陽高縣等縣區的康養項目建設,加大對我市康養項目申報資金支持力度。',
      units: ['市文旅局', '市交通局', '市文物局', '市民政局'],
    },
  ],
  targets: [],
  tasks: [
    {
      number: 1,
      title: '主動把握國家政策方向',
      description: '主動把握國家政策方向,深入研究上級支持領域,加強全市向上爭取工作的組織、協調和統籌。定期匯總各部門向上爭取政策、資金、項目情況及取得成果,做到有計畫、有方案、有期限、有成效。',
      section: '綜合政策保障組',
      cooperatingUnits: [],
    },
    {
      number: 2,
      title: '深入落實國家各項金融政策',
      description: '深入落實國家各項金融政策,支持企業發行相關債券,積極爭取央行再貸款支持和國開行、農發行、招商行等戰疫情穩投資補短板專項貸款。',
      section: '綜合政策保障組',
      cooperatingUnits: [],
    },
    {
      number: 3,
      title: '組織做好專項債券的申報和額度審核工作',
      description: '組織做好專項債券的申報和額度審核工作,力爭更多項目列入上級專項債券項目庫;配合主管部門指導和督促項目單位編制項目情況及資金平衡方案,積極向上級申報發行;對已發行的債券資金及時撥付到項目單位和相關縣區,提高資金使用率;強化資金使用監管,保障專款專用、專項專用,確保“好鋼用在刀刃上”,形成資金使用良性發展機制;做好資金收支平衡,確保推進建設不止步、債務風險不增加。',
      section: '綜合政策保障組',
      cooperatingUnits: [],
    },
    {
      number: 4,
      title: '負責全市教育、公共衛生領域政策、資金、項目的爭取工作',
      description: '負責全市教育、公共衛生領域政策、資金、項目的爭取工作。',
      section: '教育和公共衛生項目組',
      cooperatingUnits: [],
    },
    {
      number: 5,
      title: '強化城市醫療集團建設',
      description: '強化城市醫療集團建設,加快市級、縣級中心醫院等醫療保障基礎設施建設。',
      section: '教育和公共衛生項目組',
      cooperatingUnits: [],
    },
    {
      number: 6,
      title: '積極與國家和省級教育、衛生部門溝通協調',
      description: '積極與國家和省級教育、衛生部門溝通協調,加大對我市新建義務教育、特殊教育、產教融合和職業教育的政策支持和資金申請工作;緊抓國家傳染病加強防治工作的有利時機,全面爭取上級資金支持,著力保障我市市級醫院、農村衛生醫療保障、傳染病防治等公共衛生領域建設。',
      section: '教育和公共衛生項目組',
      cooperatingUnits: [],
    },
    {
      number: 7,
      title: '負責全市生態環保、城鎮基礎設施、應急管理、能源領域政策、項目、資金的爭取工作',
      description: '負責全市生態環保、城鎮基礎設施、應急管理、能源領域政策、項目、資金的爭取工作。',
      section: '生態和市政項目組',
      cooperatingUnits: [],
    },
    {
      number: 8,
      title: '積極申報城市建設、市政基礎、城鎮老舊小區改造、棚戶區改造等領域項目的資金爭取',
      description: '積極申報城市建設、市政基礎、城鎮老舊小區改造、棚戶區改造等領域項目的資金爭取。',
      section: '生態和市政項目組',
      cooperatingUnits: [],
    },
    {
      number: 9,
      title: '立足省域副中心城市的定位',
      description: '立足省域副中心城市的定位,主動謀劃適應城市發展、促進城市建設、推動城市管理、提高城市品位的基礎設施領域項目,有效保障我市在城市建設過程中取得突出成效;加快生態環境治理和城市綠化建設,積極推進“七河治理”,加強御河兩岸生態景觀建造,打贏“碧水藍天”保衛戰。',
      section: '生態和市政項目組',
      cooperatingUnits: [],
    },
    {
      number: 10,
      title: '加強天然氣管網和儲氣設施、城鄉電網的專項債券資金申請',
      description: '加強天然氣管網和儲氣設施、城鄉電網的專項債券資金申請,提高專項債券作為重大項目資本金比例。',
      section: '生態和市政項目組',
      cooperatingUnits: [],
    },
    {
      number: 11,
      title: '積極申請中央預算內資金',
      description: '積極申請中央預算內資金,推動城市應急管理設施逐步完善,應急物資儲備豐富,形成反應迅速、布局合理、規劃科學的全市應急管理體系。',
      section: '生態和市政項目組',
      cooperatingUnits: [],
    },
    {
      number: 12,
      title: '負責全市工業、科技、商務領域政策、資金、項目的爭取工作',
      description: '負責全市工業、科技、商務領域政策、資金、項目的爭取工作。',
      section: '新型基礎設施項目組',
      cooperatingUnits: [],
    },
    {
      number: 13,
      title: '圍繞加強新基建的國家戰略',
      description: '圍繞加強新基建的國家戰略,主動謀劃適應時代發展,有利長遠建設的5G網路建設、全特高壓、城際高速鐵路和城市軌道交通、新能源汽車充電樁、大數據中心、人工智慧、工業網際網路的大項目和好項目,爭取上級政策、資金支持,在新基建中搶占有利位置。',
      section: '新型基礎設施項目組',
      cooperatingUnits: [],
    },
    {
      number: 14,
      title: '積極加快科技創新平台建設、智慧化城市改造',
      description: '積極加快科技創新平台建設、智慧化城市改造,推進全市現代化智慧型化管理,圍繞打造物流樞紐城市目標,切實加快現代物流園區和物流中轉站建設。',
      section: '新型基礎設施項目組',
      cooperatingUnits: [],
    },
    {
      number: 15,
      title: '負責全市農業、扶貧、水利領域政策、資金、項目的爭取工作',
      description: '負責全市農業、扶貧、水利領域政策、資金、項目的爭取工作。',
      section: '農林水項目組',
      cooperatingUnits: [],
    },
    {
      number: 16,
      title: '圍繞“農業發展、農村建設、農民增收”',
      description: '圍繞“農業發展、農村建設、農民增收”,積極與上級部門溝通,主動與有關單位對接,繼續申請申報脫貧後政策延續,推進脫貧後貧困人員的發展;加快農產品品牌建設和小雜糧基地建設,積極申請政策支持。',
      section: '農林水項目組',
      cooperatingUnits: [],
    },
    {
      number: 17,
      title: '強化農業水利設施發展資金申請',
      description: '強化農業水利設施發展資金申請,提升農業生產能力,積極爭取專項資金申請,加快河道治理,防範流域污染,推進生態修復。',
      section: '農林水項目組',
      cooperatingUnits: [],
    },
    {
      number: 18,
      title: '負責全市文旅、交通、文物、康養領域政策、資金、項目的爭取工作',
      description: '負責全市文旅、交通、文物、康養領域政策、資金、項目的爭取工作。',
      section: '交通文旅項目組',
      cooperatingUnits: [],
    },
    {
      number: 19,
      title: '推動全域旅遊建設',
      description: '推動全域旅遊建設,爭取更多鄉村列入特色旅遊村,打造長城一號康養鄉村旅遊品牌項目;積極提升我市旅遊城市排名,打造旅遊網紅打卡勝地;深入開發度假游、自助游、研學游等旅遊項目,形成旅遊產業新特色。',
      section: '交通文旅項目組',
      cooperatingUnits: [],
    },
    {
      number: 20,
      title: '加快農村“四好公路”、旅遊公路、城鄉結合道路的改造',
      description: '加快農村“四好公路”、旅遊公路、城鄉結合道路的改造,構建暢通無阻、四通八達道路交通體系;精準規劃縣級、鄉村道路布局,形成覆蓋城鄉的公路網。',
      section: '交通文旅項目組',
      cooperatingUnits: [],
    },
    {
      number: 21,
      title: '加強雲岡石窟、恆山、懸空寺等文物保護與旅遊資源深度開發',
      description: '加強雲岡石窟、恆山、懸空寺等文物保護與旅遊資源深度開發,實現保護與開發同步進行;加快古城修復建設,打造聚商宜業、魅力宜游、繁華宜購、溫馨宜娛新古城。',
      section: '交通文旅項目組',
      cooperatingUnits: [],
    },
    {
      number: 22,
      title: '主動謀劃康養項目',
      description: '主動謀劃康養項目,力推我市平城區、雲州區、陽高縣等縣區的康養項目建設,加大對我市康養項目申報資金支持力度。',
      section: '交通文旅項目組',
      cooperatingUnits: [],
    },
    // 四、工作要求 (一)…(四), as tasks (seeds 001 and 004 carry their 保障措施 so too); no unit is named.
    {
      number: 23,
      title: '提高政治站位',
      description:
        '各單位要牢固樹立“抓項目就是抓發展,爭資金就是促發展,要政策就是做貢獻”理念,主動把爭取政策、資金、項目工作列入本單位全年重點工作和“一把手工程”同布署、同安排,確保在全省系統內資金爭取最奮力、政策爭取最有力、項目爭取最出力。',
      section: '四、工作要求',
      cooperatingUnits: [],
    },
    {
      number: 24,
      title: '搶抓申報機遇',
      description:
        '各部門要加強對上級政策的研究,對上級資金支持方向、政策傾斜角度和項目推動類型作出科學研判,提前做好準備;上級相關政策、檔案出台後要及時組織全市部門和縣區積極申報。對資金申請不主動、政策爭取不積極、項目申報不配合的部門和縣區要加強提醒、督促。',
      section: '四、工作要求',
      cooperatingUnits: [],
    },
    {
      number: 25,
      title: '強化協同聯動',
      description:
        '全市各部門之間要積極溝通、加強配合、形成合力。涉及多部門共同申請聯合申報的,部門之間要提前做好溝通,共同研究、分工推進,需要縣區配合的,縣區政府和相關單位要主動配合,保證“一路綠燈”,提供最大化支持。',
      section: '四、工作要求',
      cooperatingUnits: [],
    },
    {
      number: 26,
      title: '嚴格考核驗收',
      description:
        '考核辦要將向上爭取政策、資金、項目工作列入本年度考核任務,強化季度考核、年終考核,對行動積極、成效明顯的單位和個人給予獎勵;對拖沓緩慢、成效一般的單位和個人通報批評;對不作為、慢作為,貽誤申請申報時機的單位和個人作出嚴厲懲戒。',
      section: '四、工作要求',
      cooperatingUnits: [],
    },
  ],
};
