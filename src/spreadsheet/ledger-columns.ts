/**
 * The ledger's columns (台账), as docs/ledger-columns.csv lists them: the header the export writes, the aliases
 * the import also accepts (Simplified or Traditional), and the Project field each fills. The unit spec checks this
 * table against that CSV (and the CSV against ../shared's original when it is beside the clone).
 */

export type LedgerFieldType = 'int' | 'string' | 'text' | 'unit' | 'subgroup' | 'nature' | 'stage' | 'amount' | 'date';

export interface LedgerColumn {
  /** Field name as ledger-columns.csv writes it. */
  field: string;
  /** Header the export writes (without the unit, which the export appends for amounts). */
  header: string;
  aliases: string[];
  type: LedgerFieldType;
  required: boolean;
  /** Longest text the database column holds, in characters. */
  maxLength?: number;
}

const csvRows: Array<[string, string, string, LedgerFieldType, boolean, number?]> = [
  ['序号', '序號|编号', 'seq', 'int', false],
  ['项目代码', '項目代碼|项目编码|项目审批代码|项目编号', 'code', 'string', true, 64],
  ['项目名称', '項目名稱|项目全称', 'name', 'string', true, 300],
  ['责任单位', '責任單位|包保单位|所属单位|县区|縣區', 'unit', 'unit', true, 100],
  ['所属小组', '所屬小組|包保推进组|工程|专项组|領域', 'subgroup', 'subgroup', false, 200],
  ['所属行业', '所屬行業|行业|领域|建设领域', 'sector', 'string', false, 100],
  ['建设单位', '建設單位|项目业主|业主单位|项目业主单位', 'owner', 'string', false, 200],
  ['建设地点', '建設地點', 'location', 'string', false, 200],
  ['建设性质', '建設性質', 'nature', 'nature', false],
  ['建设内容及规模', '建設內容及規模|建设规模及内容|建设内容', 'scope', 'text', false],
  ['建设阶段', '建設階段|项目状态|进展阶段', 'stage', 'stage', false],
  ['总投资', '總投資|项目总投资|计划总投资', 'totalInvestment', 'amount', false],
  ['年度计划投资', '年度計劃投資|本年计划投资|年度投资计划|当年计划投资', 'annualPlanInvestment', 'amount', false],
  ['年初至今完成投资', '1-N月完成投资|1-N月累计完成投资|本年累计完成投资|当年累计完成投资|年初至報告期累計', 'ytdCompletedInvestment', 'amount', false],
  ['自开工累计完成投资', '開工至今累計完成投資|累计完成投资|开工至报告期累计', 'cumulativeCompletedInvestment', 'amount', false],
  ['计划到位资金', '計劃到位資金|计划资金', 'plannedFunds', 'amount', false],
  ['累计到位资金', '累計到位資金|到位资金', 'fundsInPlace', 'amount', false],
  ['计划开工时间', '計劃開工時間|开工时间|計劃開工', 'plannedStart', 'date', false],
  ['实际开工时间', '實際開工時間', 'actualStart', 'date', false],
  ['计划竣工时间', '計劃竣工時間|竣工时间|计划投产时间', 'plannedEnd', 'date', false],
  ['实际竣工时间', '實際竣工時間|实际投产时间', 'actualEnd', 'date', false],
  ['形象进度', '形象進度|项目进展情况|进展情况', 'visualProgress', 'text', false],
  ['存在问题', '存在問題|问题及困难', 'problems', 'text', false],
  ['下步计划', '下步計劃|下一步工作', 'nextSteps', 'text', false],
  ['包保领导', '包保領導|包保责任领导|挂点领导', 'leader', 'string', false, 100],
  ['责任人', '責任人', 'responsiblePerson', 'string', false, 100],
  ['联系电话', '聯繫電話|联系方式', 'contact', 'string', false, 100],
  ['备注', '備註', 'remarks', 'text', false],
];

/** Every ledger column in the order the export writes them. */
export const ledgerColumns: readonly LedgerColumn[] = csvRows.map(([header, aliases, field, type, required, maxLength]) => ({
  field,
  header,
  aliases: aliases.split('|'),
  type,
  required,
  ...(maxLength ? { maxLength } : {}),
}));

export const columnByField: ReadonlyMap<string, LedgerColumn> = new Map(ledgerColumns.map((c) => [c.field, c]));

/** Ledger field → Project property, where the names differ or the value is not a plain column. */
export const projectPropertyOf: Readonly<Record<string, string>> = {
  problems: 'problemsText',
  leader: 'leaderName',
};

/** Text columns of type TEXT: bounded so a row fits MySQL's 64 KB TEXT in utf8mb4 (3–4 bytes a character). */
export const maxTextLength = 16_000;
