/**
 * The shape in which the five source campaign documents are transcribed for the demo data.
 * Everything here is written as the document states it: names keep their script (Traditional stays
 * Traditional), a name the document lost is an empty string, a figure the document does not give is
 * left out. Amounts are in 万元 (a document's 亿元 is multiplied by 10,000 when transcribed).
 */

/** Kinds of responsible unit. */
export type SeedUnitKind = 'COUNTY' | 'DISTRICT' | 'DEPARTMENT' | 'ZONE' | 'ENTERPRISE' | 'OTHER';

export interface SeedUnit {
  /** Name as the document writes it, e.g. 市發改委, 宝清县, 市经开区管委会. */
  name: string;
  kind: SeedUnitKind;
}

export interface SeedPerson {
  /** As written; '' when the document lost it; a surname alone when only the surname survived. */
  name: string;
  /** 职务 as written, e.g. 市委常委、副市长. */
  title: string;
  /** Name of the unit the title places the person in (must be in `units`), when the title names one. */
  unit?: string;
}

export interface SeedRole {
  /** Role word as the document writes it: 组长, 常务副组长, 副组长, 成员, 联络员, 办公室主任 … */
  role: string;
  person: SeedPerson;
}

export interface SeedSubgroup {
  /** As written, e.g. 綜合政策保障組, 第一包保推进组, 公共卫生体系补短板工程. */
  name: string;
  roles: SeedRole[];
  /** 牵头部门 (first one when several). */
  leadUnit?: string;
  /** Further lead units when the document names several (e.g. 市发改委、市应急局). */
  coLeadUnits?: string[];
  /** 办公室设在. */
  officeUnit?: string;
  /** 主要任务 / 三年目标 text as written (may be long). */
  mainTasks?: string;
  /** 包保单位 / units the subgroup covers. */
  units: string[];
  /** Project count and amounts the document states for this subgroup (seed 001 per 工程). */
  projectPlan?: SeedProjectPlan;
}

export interface SeedProjectPlan {
  /** Number of projects the document states. */
  count: number;
  /** Σ total investment in 万元. */
  totalInvestment: number;
  /** Σ annual plan investment for the first year in 万元 (e.g. 2020年估算投资). */
  annualPlanInvestment?: number;
  /** Year the annual plan refers to. */
  annualPlanYear?: number;
  /** Unit that carries the generated example projects. */
  unit: string;
  /** Sector label for the generated example projects. */
  sector?: string;
  /** Prefix for generated example names, e.g. 公共卫生体系补短板工程. */
  namePrefix: string;
}

export interface SeedMilestone {
  /** Label as written: 三季度末, 全年, 6月底前 … */
  label: string;
  /** ISO date the milestone is due. */
  due: string;
  /** Expected value in the target's measure unit, or … */
  value?: number;
  /** … expected ratio of the target value (0.85 = 85%). */
  ratio?: number;
}

export interface SeedTarget {
  /** Short code to keep order, e.g. '1', '3a', '3b'. */
  code: string;
  /** What is measured, as written (short), e.g. 全社會固定資產投資. */
  name: string;
  /** Measure kind, e.g. 完成投资, 增长率, 里程, 数量, 比重. */
  measure?: string;
  /** Unit of measure: 万元, %, 公里, 个, 张, 座 … (amounts converted to 万元). */
  unitOfMeasure?: string;
  baseline?: number;
  targetValue: number;
  direction: 'AT_LEAST' | 'AT_MOST';
  /** TASK_FORCE, SUBGROUP (with `subgroup`) or UNIT (with `unit`). */
  scope: 'TASK_FORCE' | 'SUBGROUP' | 'UNIT';
  subgroup?: string;
  unit?: string;
  /** 牵头部门 for the target. */
  leadUnit?: string;
  /** Date the target is due (ISO), e.g. year end or plan end. */
  due?: string;
  milestones?: SeedMilestone[];
  /** The sentence of the document the figure comes from. */
  source: string;
}

export interface SeedTask {
  /** Number as in the document (1…27). */
  number: number;
  /** Short title as written (the bold lead phrase), e.g. 聚力謀劃重大項目. */
  title: string;
  /** Full text of the item as written. */
  description?: string;
  /** Section heading it belongs to, e.g. (一)強化項目謀劃,提高項目供給質量. */
  section?: string;
  leadUnit?: string;
  cooperatingUnits: string[];
  /** ISO date when the document gives one. */
  due?: string;
}

export interface SeedPhase {
  name: string;
  start: string;
  end: string;
}

export interface SeedExampleProjects {
  /** Group label, e.g. 新興產業項目. */
  label: string;
  count: number;
  /** Σ total investment in 万元; left out when the document states only the count (the projects carry no amounts). */
  totalInvestment?: number;
  /** 建设阶段 the document's words give the group (重点推进, 在建: UNDER_CONSTRUCTION; 新开工, 签约: PREPARING); 谋划 otherwise. */
  stage?: 'PLANNING' | 'PREPARING' | 'UNDER_CONSTRUCTION';
  unit: string;
  sector?: string;
  subgroup?: string;
  namePrefix: string;
}

export interface SeedCampaign {
  /** Key of the source file, e.g. '000'. */
  key: string;
  /** Title of the plan as written. */
  name: string;
  /** 领导小组 / 工作组 name as written, when the document names one. */
  groupName?: string;
  /** 文号 as written, e.g. 同政辦發〔2020〕29號. */
  documentNumber?: string;
  /** Issuing office as written. */
  issuer?: string;
  /** Issue date (ISO). */
  issuedOn?: string;
  /** City the campaign belongs to (for the unit directory): 大同市, 鄂州市, 吳忠市, 双鸭山市. */
  region: string;
  periodStart?: string;
  periodEnd?: string;
  /** Reporting cadence the document sets: WEEK, TEN_DAYS (旬), HALF_MONTH, MONTH, QUARTER. */
  reportingCadence?: 'WEEK' | 'TEN_DAYS' | 'HALF_MONTH' | 'MONTH' | 'QUARTER';
  /** Every cadence the document sets (周监测, 旬调度, 月通报 …), with the day reports are due when it says (ReportingRule). */
  reportingCadences?: Array<{ kind: 'DAY' | 'WEEK' | 'TEN_DAYS' | 'HALF_MONTH' | 'MONTH' | 'QUARTER'; name: string; dueDay?: number; graceDays?: number }>;
  /** Every unit named anywhere in this document. */
  units: SeedUnit[];
  /** Task-force level roles (组长, 副组长, 办公室主任 …). */
  roles: SeedRole[];
  /** Unit where the task force's office sits (领导小组办公室设在). */
  officeUnit?: string;
  subgroups: SeedSubgroup[];
  targets: SeedTarget[];
  tasks: SeedTask[];
  phases?: SeedPhase[];
  /** Project counts with totals stated outside subgroups (e.g. seed 002 task 13). */
  exampleProjects?: SeedExampleProjects[];
}
