/**
 * The ticker's lines: a change event from `changes` written in Chinese with the project and the figure, e.g.
 * `市卫健委 · 公共卫生补短板项目1：年初至今完成投资 1,200 → 1,500 万元`. Field labels are the ledger's column
 * headers (src/spreadsheet/ledger-columns.ts, the same the export writes); amounts are in 万元. Pure.
 */
import { ledgerColumns } from '../../src/spreadsheet/ledger-columns';
import { groupDigits } from './format';

/** One field of a change: values as JSON text, as ChangeEvent.fields gives them. */
export interface TickerField {
  field: string;
  before: string | null;
  after: string | null;
}

/** What the ticker reads of a ChangeEvent. */
export interface TickerEvent {
  cursor: string;
  entity: string;
  action: string;
  entityId: string;
  at: string;
  actor?: string | null;
  fields: TickerField[];
}

/** Names of what the event is about, read once through `node(id)`. */
export interface TickerSubject {
  unitName?: string | null;
  projectName?: string | null;
  /** A problem's, target's or task's own title. */
  title?: string | null;
  /** A progress report's period, e.g. 2022-09. */
  period?: string | null;
}

const columnLabels = new Map(ledgerColumns.map((column) => [column.field, column]));

const stageNames: Record<string, string> = {
  PLANNING: '谋划',
  PREPARING: '前期',
  UNDER_CONSTRUCTION: '在建',
  SUSPENDED: '停工',
  COMPLETED: '竣工',
  IN_PRODUCTION: '投产',
};
const problemStates: Record<string, string> = {
  REPORTED: '已上报',
  ASSIGNED: '已交办',
  IN_PROGRESS: '办理中',
  RESOLUTION_REQUESTED: '申请销号',
  CLOSED: '已销号',
};
const taskStatuses: Record<string, string> = { NOT_STARTED: '未开始', IN_PROGRESS: '推进中', DONE: '已完成' };

/** Labels of fields that are not ledger columns. */
const otherLabels: Record<string, string> = {
  unitId: '责任单位',
  subgroupId: '所属小组',
  state: '状态',
  status: '状态',
  title: '问题',
  deadline: '办结时限',
  responsibleUnitId: '责任单位',
  value: '实际值',
  period: '报送期',
  archivedAt: '归档',
};
/** Fields the ticker leaves out: bookkeeping, not news. */
const quietFields = new Set(['subgroupExplicit', 'version', 'updatedAt', 'statsDate', 'customFields', 'projectId', 'taskForceId']);

const entityNames: Record<string, string> = {
  Project: '项目',
  ProgressReport: '进度报送',
  Problem: '问题',
  Target: '目标',
  Task: '任务',
  Subgroup: '推进组',
  TaskForce: '领导小组',
  Unit: '单位',
};
const actionNames: Record<string, string> = {
  CREATE: '新增',
  UPDATE: '更新',
  DELETE: '删除',
  ARCHIVE: '归档',
  RESTORE: '恢复',
  MOVE_OUT: '调出',
  TRANSITION: '状态变更',
  ASSIGN: '交办',
  STATUS: '状态变更',
  ACTUAL_SET: '报送实际值',
  ACTUAL_REPLACE: '更正实际值',
};

/** A JSON text from the change log as a value; amounts may come as numbers or as decimal strings. */
export function parseValue(json: string | null): unknown {
  if (json === null || json === undefined) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return null;
}

function shorten(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A value as the ticker writes it, given the field it belongs to. */
function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '空';
  if (field === 'stage') return stageNames[String(value)] ?? String(value);
  if (field === 'state') return problemStates[String(value)] ?? String(value);
  if (field === 'status') return taskStatuses[String(value)] ?? String(value);
  const number = asNumber(value);
  if (number !== null && (columnLabels.get(field)?.type === 'amount' || field === 'value')) return groupDigits(number);
  if (typeof value === 'string') return shorten(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return shorten(JSON.stringify(value));
}

/** One field's part of a line: `年初至今完成投资 1,200 → 1,500 万元`, or `建设阶段 在建` when it had no value before. */
export function fieldPhrase(change: TickerField): string | null {
  if (quietFields.has(change.field)) return null;
  const column = columnLabels.get(change.field);
  const label = column?.header ?? otherLabels[change.field];
  if (!label) return null;
  const before = parseValue(change.before);
  const after = parseValue(change.after);
  const unit = column?.type === 'amount' ? ' 万元' : '';
  if (change.field.endsWith('Id')) return `${label}调整`;
  if (before === null || before === undefined) return `${label} ${valueText(change.field, after)}${unit}`;
  return `${label} ${valueText(change.field, before)} → ${valueText(change.field, after)}${unit}`;
}

/** Who and what the line is about: `市卫健委 · 公共卫生补短板项目1`. */
function subjectText(event: TickerEvent, subject: TickerSubject): string {
  const parts: string[] = [];
  if (subject.unitName) parts.push(subject.unitName);
  if (subject.projectName) parts.push(subject.projectName);
  if (event.entity === 'Problem' && subject.title) parts.push(`问题「${shorten(subject.title, 20)}」`);
  else if ((event.entity === 'Target' || event.entity === 'Task') && subject.title) parts.push(`${entityNames[event.entity]}「${shorten(subject.title, 20)}」`);
  if (!parts.length) parts.push(entityNames[event.entity] ?? event.entity);
  return parts.join(' · ');
}

/** The ticker line of a change event, or null for events a wall screen does not show. */
export function tickerLine(event: TickerEvent, subject: TickerSubject = {}): string | null {
  if (!entityNames[event.entity]) return null;
  const who = subjectText(event, subject);
  const phrases = event.fields.map(fieldPhrase).filter((p): p is string => p !== null);
  switch (`${event.entity}:${event.action}`) {
    case 'Project:CREATE': {
      const total = event.fields.find((f) => f.field === 'totalInvestment');
      const amount = total ? asNumber(parseValue(total.after)) : null;
      return `${who}：新建项目${amount !== null ? `，总投资 ${groupDigits(amount)} 万元` : ''}`;
    }
    case 'Project:ARCHIVE':
      return `${who}：项目归档`;
    case 'Project:RESTORE':
      return `${who}：项目恢复`;
    case 'Project:MOVE_OUT':
      return `${who}：调出本组`;
    case 'ProgressReport:CREATE':
    case 'ProgressReport:UPDATE':
      return `${who}：报送${subject.period ? ` ${subject.period} ` : ''}进度`;
    case 'Problem:CREATE':
      return `${who}：新提出`;
    default:
      break;
  }
  if (phrases.length) return `${who}：${phrases.slice(0, 3).join('；')}${phrases.length > 3 ? ` 等${phrases.length}项` : ''}`;
  return `${who}：${actionNames[event.action] ?? event.action}`;
}

/** The clock time of an event for the ticker: "14:03". */
export function tickerTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
