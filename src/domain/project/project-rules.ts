/**
 * The rules every write of a project obeys, whichever channel it comes through (projectCreate/projectUpdate, a
 * ledger import, the spreadsheet routes): who may write, which fields only the office sets, how amounts round,
 * the 建设性质 list, the custom-field limits and the order of dates. Pure functions and constants, no database and
 * no decorators, so the spreadsheet reader thread can load it too. A rule answers a message (or null when the value
 * passes); each channel turns the message into its own error (a GraphQL error, a row of an import report) with the
 * code the rule names.
 */
import { foldForSearch } from '../../common/search-text';

/** A value that passed a rule (converted), or why it did not. */
export type RuleResult<T> = { ok: true; value: T } | { ok: false; message: string };

const pass = <T>(value: T): RuleResult<T> => ({ ok: true, value });
const refuse = (message: string): RuleResult<never> => ({ ok: false, message });

// ---- amounts (万元) ----

/** Amounts round half up to two decimals, in decimal (1.005 → 1.01): see common/amount.ts, shared with progress reports. */
export { checkAmount, maxAmount, numeralOf, roundAmountNumeral } from '../../common/amount';

// ---- 建设性质 ----

/** 建设性质, as stored (Simplified). */
export const projectNatures: readonly string[] = ['新建', '扩建', '改建', '续建', '迁建'];

/** 建设性质 written in Simplified or Traditional, any width or case → the stored word. */
export function checkNature(text: string): RuleResult<string> {
  const folded = foldForSearch(text);
  if (projectNatures.includes(folded)) return pass(folded);
  return refuse(`"${text.slice(0, 40)}" is not a 建设性质; write one of ${projectNatures.join(', ')}`);
}

// ---- dates ----

/** Pairs of dates whose end may not come before its start: [start, end]. */
export const orderedDates: ReadonlyArray<readonly [string, string]> = [
  ['plannedStart', 'plannedEnd'],
  ['actualStart', 'actualEnd'],
];

/** Why an end date before its start is refused; null when they are in order or one is missing. */
export function dateOrderProblem(start: string | null | undefined, end: string | null | undefined, startLabel: string, endLabel: string): string | null {
  return start && end && end < start ? `${endLabel} (${end}) must not be before ${startLabel} (${start})` : null;
}

// ---- custom fields (columns of a unit's own sheet that the ledger lacks) ----

/**
 * Stored as one JSON TEXT value (64 KiB on MariaDB, where a Chinese character takes 3 bytes): at most 50 columns,
 * names of 1–100 characters, values of at most 1,000 characters, 16,000 bytes of JSON in all.
 */
export const customFieldLimits = { columns: 50, nameCharacters: 100, valueCharacters: 1000, bytes: 16_000 } as const;

/** A custom column's name as stored: whitespace runs as one space, trimmed. */
export function customFieldName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

export function customNameProblem(name: string): string | null {
  return name && name.length <= customFieldLimits.nameCharacters ? null : `custom field names must be 1–${customFieldLimits.nameCharacters} characters`;
}

export function customValueProblem(text: string): string | null {
  const max = customFieldLimits.valueCharacters;
  return text.length > max ? `the text is ${text.length} characters long; at most ${max.toLocaleString('en')} fit` : null;
}

/** What is wrong with a whole set of custom fields as it would be stored (count, then bytes); null when it fits. */
export function customSetProblem(fields: Record<string, string>): string | null {
  const count = Object.keys(fields).length;
  if (count > customFieldLimits.columns) return `custom fields may hold at most ${customFieldLimits.columns} columns, got ${count}`;
  const bytes = Buffer.byteLength(JSON.stringify(fields));
  if (bytes > customFieldLimits.bytes) {
    return `custom fields may hold at most ${customFieldLimits.bytes.toLocaleString('en')} bytes of text in all (Chinese characters count 3), got ${bytes.toLocaleString('en')}`;
  }
  return null;
}

// ---- who writes what ----

/** The user as the rules see it. */
export interface Writer {
  role: string;
  unitId: number | null;
}

/** Figures whose change re-dates the project's latest figures (statsDate). */
export const figureFields: readonly string[] = ['ytdCompletedInvestment', 'cumulativeCompletedInvestment', 'fundsInPlace'];

/** Fields only the leading-group office (ADMIN) sets or changes: plan figures, the unit (a move) and an explicit subgroup. */
export const adminOnlyFields: Readonly<Record<string, string>> = {
  totalInvestment: '总投资',
  annualPlanInvestment: '年度计划投资',
  annualPlans: '年度计划投资',
  unitId: '责任单位',
  subgroupId: '所属小组',
};

/** The ADMIN-only fields among `changed` that this writer may not set (none for an ADMIN). */
export function forbiddenChanges(writer: Writer, changed: Iterable<string>): string[] {
  if (writer.role === 'ADMIN') return [];
  const forbidden: string[] = [];
  for (const field of changed) if (field in adminOnlyFields) forbidden.push(field);
  return forbidden;
}

export function adminOnlyMessage(field: string, detail = ''): string {
  return `Only the leading-group office (ADMIN) sets ${adminOnlyFields[field] ?? field}${detail ? ` (${detail})` : ''}.`;
}

/** Roles that write projects at all (a LEADER writes reports and problems, not the ledger). */
export const projectWriterRoles: readonly string[] = ['ADMIN', 'REPORTER'];

/** The role gate of every project write (mutations, imports): why this writer may write no project at all, or null. */
export function writerProblem(writer: Writer): string | null {
  if (!projectWriterRoles.includes(writer.role)) return `Writing projects needs the role ADMIN or REPORTER; you are ${writer.role}.`;
  if (writer.role === 'REPORTER' && writer.unitId === null) return 'This reporter account has no unit; ask the office to set it.';
  return null;
}

/** Rights on one project row (as it is, and as it would be): a REPORTER writes its own unit's rows only. */
export function rowProblem(writer: Writer, unitId: number | null): string | null {
  const gate = writerProblem(writer);
  if (gate) return gate;
  if (writer.role === 'REPORTER' && unitId !== writer.unitId) return 'A reporter may write only its own unit\'s projects.';
  return null;
}

/**
 * A REPORTER creates projects only in a task force its unit takes part in (a subgroup there covers or leads it, or
 * it already carries projects there: unitTakesPart, the one part of the rule that needs the database).
 */
export function createProblem(writer: Writer, unitTakesPart: boolean): string | null {
  if (writer.role !== 'REPORTER' || unitTakesPart) return null;
  return 'Your unit takes no part in this task force (no subgroup of it covers your unit, and your unit carries no project in it); a reporter creates projects only where its unit takes part.';
}

/**
 * Whether a new project's named subgroup is explicit: a REPORTER naming the subgroup its unit falls under anyway
 * gets it derived, as if it had named none (any other subgroup is the office's to set: forbiddenChanges).
 */
export function namedSubgroupIsExplicit(writer: Writer, named: number | null, derived: number | null): boolean {
  return named !== null && !(writer.role !== 'ADMIN' && named === derived);
}
