import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeId } from '../../common/global-id';
import { checkDate, checkOrdered } from '../../common/validation';
import { BadInputError } from '../../errors/app-error';
import { PageRequest, pageOf } from '../../common/paging';
import { dayNumber, formatDate, today } from '../../metrics/dates';
import { EscalationLevel, Problem, ProblemState } from './problem.entity';
import { ProblemFilter, ProblemOrder } from './problem-list.inputs';

/** A problem filter with IDs decoded and dates checked. */
export interface ResolvedProblemFilter {
  taskForceId?: number;
  subgroupId?: number;
  unitId?: number;
  responsibleUnitId?: number;
  projectId?: number;
  state?: ProblemState[];
  overdue?: boolean;
  escalationLevel?: EscalationLevel[];
  raisedFrom?: string;
  raisedTo?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
}

/** Decodes a ProblemFilter (BAD_USER_INPUT naming the field when an ID or a date is malformed or a range reversed). */
export function resolveProblemFilter(filter: ProblemFilter | null | undefined): ResolvedProblemFilter {
  if (!filter) return {};
  const id = <T extends 'TaskForce' | 'Subgroup' | 'Unit' | 'Project'>(value: string | null | undefined, type: T, field: string) =>
    value ? decodeId(value, type, `filter.${field}`).id : undefined;
  const date = (value: string | null | undefined, field: string) => checkDate(value, `filter.${field}`) ?? undefined;
  const out: ResolvedProblemFilter = {
    taskForceId: id(filter.taskForceId, 'TaskForce', 'taskForceId'),
    subgroupId: id(filter.subgroupId, 'Subgroup', 'subgroupId'),
    unitId: id(filter.unitId, 'Unit', 'unitId'),
    responsibleUnitId: id(filter.responsibleUnitId, 'Unit', 'responsibleUnitId'),
    projectId: id(filter.projectId, 'Project', 'projectId'),
    state: filter.state ?? undefined,
    overdue: filter.overdue ?? undefined,
    escalationLevel: filter.escalationLevel ?? undefined,
    raisedFrom: date(filter.raisedFrom, 'raisedFrom'),
    raisedTo: date(filter.raisedTo, 'raisedTo'),
    deadlineFrom: date(filter.deadlineFrom, 'deadlineFrom'),
    deadlineTo: date(filter.deadlineTo, 'deadlineTo'),
  };
  checkOrdered(out.raisedFrom, out.raisedTo, 'filter.raisedFrom', 'filter.raisedTo');
  checkOrdered(out.deadlineFrom, out.deadlineTo, 'filter.deadlineFrom', 'filter.deadlineTo');
  return out;
}

const nextDay = (date: string) => formatDate(new Date((dayNumber(date) + 1) * 86_400_000));

/** The filter as SQL conditions on `pr` (problem) with named parameters; overdue is judged on `now` (today). */
export function problemFilterConditions(filter: ResolvedProblemFilter, now: string = today()): Array<[string, ObjectLiteral]> {
  const out: Array<[string, ObjectLiteral]> = [];
  const column = (name: keyof ResolvedProblemFilter, sql: string) => {
    if (filter[name] !== undefined) out.push([`pr.${sql} = :${name}`, { [name]: filter[name] }]);
  };
  column('taskForceId', 'task_force_id');
  column('subgroupId', 'subgroup_id');
  column('unitId', 'unit_id');
  column('responsibleUnitId', 'responsible_unit_id');
  column('projectId', 'project_id');
  if (filter.state?.length) out.push(['pr.state IN (:...states)', { states: filter.state }]);
  if (filter.escalationLevel?.length) out.push(['pr.escalation_level IN (:...levels)', { levels: filter.escalationLevel }]);
  const overdue = `(pr.state <> '${ProblemState.CLOSED}' AND pr.deadline < :overdueDay)`;
  if (filter.overdue === true) out.push([overdue, { overdueDay: now }]);
  if (filter.overdue === false) out.push([`NOT (pr.state <> '${ProblemState.CLOSED}' AND pr.deadline IS NOT NULL AND pr.deadline < :overdueDay)`, { overdueDay: now }]);
  // Raised days are UTC days of created_at: from the first instant of raisedFrom to before the day after raisedTo.
  if (filter.raisedFrom) out.push(['pr.created_at >= :raisedFrom', { raisedFrom: filter.raisedFrom }]);
  if (filter.raisedTo) out.push(['pr.created_at < :raisedBefore', { raisedBefore: nextDay(filter.raisedTo) }]);
  if (filter.deadlineFrom) out.push(['pr.deadline >= :deadlineFrom', { deadlineFrom: filter.deadlineFrom }]);
  if (filter.deadlineTo) out.push(['pr.deadline <= :deadlineTo', { deadlineTo: filter.deadlineTo }]);
  return out;
}

interface Ordering {
  /** The sort key as SQL, and the same key read from a problem for its cursor. */
  expression: string;
  direction: 'ASC' | 'DESC';
  read(problem: Problem): string | number;
}

// Problems without a deadline sort after every dated one; the key is text on both databases.
const noDeadline = '9999-12-31';
const orderings: Record<ProblemOrder, Ordering> = {
  // Ids grow with creation, so newest first is id descending (exact on every driver).
  RAISED_DESC: { expression: 'pr.id', direction: 'DESC', read: (problem) => problem.dbId },
  DEADLINE_ASC: { expression: `COALESCE(pr.deadline, '${noDeadline}')`, direction: 'ASC', read: (problem) => problem.deadline ?? noDeadline },
};

function encodeCursor(order: ProblemOrder, key: string | number, id: number): string {
  return Buffer.from(JSON.stringify([order, key, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, order: ProblemOrder, field: string): [string | number, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value[0] === order && (typeof value[1] === 'string' || typeof value[1] === 'number') && Number.isSafeInteger(value[2])) {
      return [value[1], value[2] as number];
    }
  } catch {
    // fall through to the error below
  }
  throw new BadInputError(`${field} is not a cursor of this list (in this order).`, field);
}

export interface ProblemPage {
  edges: Array<{ cursor: string; node: Problem }>;
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** Problem lists filtered and paged by the database (keyset cursor on the sort key and the ID). */
export const ProblemQueryService = {
  base(manager: EntityManager, filter: ResolvedProblemFilter, now: string = today()): SelectQueryBuilder<Problem> {
    const qb = manager.createQueryBuilder(Problem, 'pr').where('1 = 1');
    for (const [condition, parameters] of problemFilterConditions(filter, now)) qb.andWhere(condition, parameters);
    return qb;
  },

  async page(manager: EntityManager, filter: ResolvedProblemFilter, order: ProblemOrder, request: PageRequest): Promise<ProblemPage> {
    const now = today();
    const ordering = orderings[order];
    const idDirection = order === ProblemOrder.RAISED_DESC ? 'DESC' : 'ASC';
    // Backward (last/before): read from the cursor in the reversed order, then turn the page round.
    const flip = (direction: 'ASC' | 'DESC') => (request.backward ? (direction === 'ASC' ? 'DESC' : 'ASC') : direction);
    const query = this.base(manager, filter, now).orderBy(ordering.expression, flip(ordering.direction)).addOrderBy('pr.id', flip(idDirection));
    if (request.cursor) {
      const [key, id] = decodeCursor(request.cursor, order, request.backward ? 'before' : 'after');
      const greater = (direction: 'ASC' | 'DESC') => (flip(direction) === 'ASC' ? '>' : '<');
      if (order === ProblemOrder.RAISED_DESC) query.andWhere(`pr.id ${greater(idDirection)} :cursorId`, { cursorId: id });
      else {
        query.andWhere(`(${ordering.expression} ${greater(ordering.direction)} :cursorKey OR (${ordering.expression} = :cursorKey AND pr.id ${greater(idDirection)} :cursorId))`, {
          cursorKey: String(key),
          cursorId: id,
        });
      }
    }
    const [rows, totalCount] = await Promise.all([query.take(request.size + 1).getMany(), this.base(manager, filter, now).getCount()]);
    const { items, hasNextPage, hasPreviousPage } = pageOf(rows, request);
    return { edges: items.map((node) => ({ cursor: encodeCursor(order, ordering.read(node), node.dbId), node })), totalCount, hasNextPage, hasPreviousPage };
  },

  /** Every matching problem in the given order, with its project and units joined (the 问题清单 export). */
  all(manager: EntityManager, filter: ResolvedProblemFilter, order: ProblemOrder): Promise<Problem[]> {
    const ordering = orderings[order];
    return this.base(manager, filter)
      .leftJoinAndSelect('pr.project', 'project')
      .leftJoinAndSelect('pr.unit', 'unit')
      .leftJoinAndSelect('pr.responsibleUnit', 'responsibleUnit')
      .orderBy(ordering.expression, ordering.direction)
      .addOrderBy('pr.id', order === ProblemOrder.RAISED_DESC ? 'DESC' : 'ASC')
      .getMany();
  },
};
