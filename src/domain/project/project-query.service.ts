import { EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { resolveAsOf } from '../../common/args';
import { readQuery } from '../../db/sqlite-readers';
import { PageRequest, pageOf, slicePage } from '../../common/paging';
import { escapeLike, foldForSearch } from '../../common/search-text';
import { BadInputError } from '../../errors/app-error';
import { metricsFromSums, noProblems } from '../../metrics/indicators';
import { annualPlanJoin, figuresAt, latestReportJoin, readSums, sumsSelect, yearBounds } from '../../metrics/metrics-sql';
import { isValidIsoDate, today, yearOf } from '../../metrics/dates';
import { dateText, settingsOf } from '../../metrics/metrics.service';
import { TaskForce } from '../campaign/task-force.entity';
import { Project, ProjectStage } from './project.entity';
import { Light, ProjectOrder } from './project.inputs';

/** A project filter with IDs already decoded to database ids. */
export interface ResolvedProjectFilter {
  taskForceId?: number;
  subgroupId?: number;
  unitId?: number;
  stage?: ProjectStage[];
  sector?: string[];
  search?: string;
  light?: Light[];
  /** The date the light filter judges at; each task force's default date without it. */
  lightAsOf?: string;
  isExample?: boolean;
}

export type ConnectionParent = 'ALL' | 'TASK_FORCE' | 'SUBGROUP' | 'UNIT';

/** One connection request; keys that differ only in parentId are answered together. */
export interface ConnectionKey {
  parent: ConnectionParent;
  parentId: number;
  filter: ResolvedProjectFilter;
  orderBy: ProjectOrder;
  /** The page wanted: forward (first/after) or backward (last/before). */
  page: PageRequest;
}

export interface ProjectEdgeValue {
  cursor: string;
  node: Project;
}

export interface ProjectConnectionResult {
  edges: ProjectEdgeValue[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

const parentColumn: Record<Exclude<ConnectionParent, 'ALL'>, string> = {
  TASK_FORCE: 'task_force_id',
  SUBGROUP: 'subgroup_id',
  UNIT: 'unit_id',
};

interface Ordering {
  expression: (mysql: boolean) => string;
  direction: 'ASC' | 'DESC';
  /** Whether the key is a number (MariaDB hands DECIMAL keys over as text: compared as numbers all the same). */
  numeric?: boolean;
}

/** The COMPLETION_RATE_ASC key of project `p` on day `now` (our own ISO date, inlined: never a caller's text). */
function completionRateKey(now: string, mysql: boolean): string {
  if (!isValidIsoDate(now)) throw new Error(`Not an ISO date: ${now}`);
  const date = `(CASE WHEN tf.period_end < '${now}' THEN tf.period_end ELSE '${now}' END)`;
  const year = `SUBSTR(${date}, 1, 4)`;
  const dayOfYear = (monthDay: string) => (mysql ? `CONCAT(${year}, '${monthDay}')` : `(${year} || '${monthDay}')`);
  // The metrics' own row rules (figuresAt), the report read only for a past date, as the metrics read it.
  const { ytd } = figuresAt({ asOf: date, yearStart: dayOfYear('-01-01'), yearEnd: dayOfYear('-12-31') }, true);
  return (
    `COALESCE((SELECT CASE WHEN tf.period_start > ${date} THEN NULL WHEN ap.amount > 0 THEN ROUND(COALESCE(${ytd}, 0) * 1000000 / ap.amount) END ` +
    `FROM task_force tf ${annualPlanJoin(`0 + ${year}`)} ${latestReportJoin(date, `tf.period_end < '${now}'`)} WHERE tf.id = p.task_force_id), 1000000000000)`
  );
}

const orderings: Record<ProjectOrder, Ordering> = {
  // SUBSTR keeps TypeORM from mistaking the sort key for the selected name column.
  NAME: { expression: () => 'SUBSTR(p.name, 1)', direction: 'ASC' },
  TOTAL_INVESTMENT_DESC: { expression: () => 'COALESCE(p.total_investment, -1)', direction: 'DESC', numeric: true },
  // The rate a project's own metrics show without asOf, by the rules of src/metrics/metrics-sql.ts: at its task
  // force's default date D (today, or the end of a period that has ended), the stored figures if they stand on D, else
  // (D past) its latest report on or before D; year-to-date only within D's year; ÷ its plan of D's year. Nothing
  // before the period starts. An integer key (rate × 10⁶) compares exactly on every driver; no rate sorts last.
  COMPLETION_RATE_ASC: { expression: (mysql) => completionRateKey(today(), mysql), direction: 'ASC', numeric: true },
  // Text with microseconds on MySQL so the cursor round-trips exactly.
  UPDATED_AT_DESC: { expression: (mysql) => (mysql ? "DATE_FORMAT(p.updated_at, '%Y-%m-%d %H:%i:%s.%f')" : 'p.updated_at'), direction: 'DESC' },
};

function encodeCursor(sortKey: unknown, id: number): string {
  return Buffer.from(JSON.stringify([sortKey, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, field: string): [string | number, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number') && Number.isSafeInteger(value[1])) {
      return [value[0], value[1] as number];
    }
  } catch {
    // fall through to the error below
  }
  throw new BadInputError(`${field} is not a cursor of this list.`, field);
}

/**
 * The filter as SQL conditions on `p` (project) with named parameters, for the query builder and for raw SQL
 * (through the driver's escapeQueryWithParameters); the light filter is not among them (see lights).
 */
export function filterConditions(filter: ResolvedProjectFilter): Array<[string, ObjectLiteral]> {
  const out: Array<[string, ObjectLiteral]> = [];
  if (filter.taskForceId !== undefined) out.push(['p.task_force_id = :taskForceId', { taskForceId: filter.taskForceId }]);
  if (filter.subgroupId !== undefined) out.push(['p.subgroup_id = :subgroupId', { subgroupId: filter.subgroupId }]);
  if (filter.unitId !== undefined) out.push(['p.unit_id = :unitId', { unitId: filter.unitId }]);
  if (filter.stage?.length) out.push(['p.stage IN (:...stages)', { stages: filter.stage }]);
  if (filter.sector?.length) out.push(['p.sector IN (:...sectors)', { sectors: filter.sector }]);
  if (filter.isExample !== undefined) out.push(['p.is_example = :isExample', { isExample: filter.isExample }]);
  if (filter.search) {
    const words = foldForSearch(filter.search) ? filter.search.trim().split(/\s+/).map(foldForSearch).filter(Boolean) : [];
    words.forEach((word, i) => out.push([`p.search_text LIKE :search${i} ESCAPE '!'`, { [`search${i}`]: `%${escapeLike(word)}%` }]));
  }
  return out;
}

/** Lists projects as Relay connections with keyset pagination and counts. */
export class ProjectQueryService {
  async loadConnections(manager: EntityManager, keys: readonly ConnectionKey[]): Promise<ProjectConnectionResult[]> {
    const groups = new Map<string, ConnectionKey[]>();
    for (const key of keys) {
      const signature = JSON.stringify({ ...key, parentId: 0 });
      groups.set(signature, [...(groups.get(signature) ?? []), key]);
    }
    const results = new Map<ConnectionKey, ProjectConnectionResult>();
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const answers = await this.answerGroup(manager, group);
        group.forEach((key, i) => results.set(key, answers[i]));
      }),
    );
    return keys.map((key) => results.get(key)!);
  }

  /** Ids of the projects matching the filter whose light is one of `filter.light` (projectAggregate's light filter). */
  async idsWithLight(manager: EntityManager, filter: ResolvedProjectFilter): Promise<Set<number>> {
    const wanted = new Set<string>(filter.light ?? []);
    const lights = await this.lights(manager, 'ALL', [], filter);
    return new Set([...lights].filter(([, light]) => wanted.has(light)).map(([id]) => id));
  }

  /**
   * The number of projects matching. On the connection's own thread even on SQLite: a count answered from a reader
   * thread would resolve the page at a moment that depends on the thread, and with it which later batches share a
   * statement (the statement count of a query must follow from its shape).
   */
  private count(manager: EntityManager, parent: ConnectionParent, parentIds: number[], filter: ResolvedProjectFilter): Promise<number> {
    // Where rollups run, like the page (a count of 100,000 rows is not free either).
    const [sql, parameters] = this.base(manager, parent, parentIds, filter).select('COUNT(*)', 'n').getQueryAndParameters();
    return readQuery(manager, sql, parameters).then((rows) => Number(rows[0].n));
  }

  private isMysql(manager: EntityManager): boolean {
    const type = manager.connection.options.type;
    return type === 'mysql' || type === 'mariadb';
  }

  private base(manager: EntityManager, parent: ConnectionParent, parentIds: number[], filter: ResolvedProjectFilter): SelectQueryBuilder<Project> {
    const qb = manager.createQueryBuilder(Project, 'p').where('p.archived_at IS NULL');
    if (parent !== 'ALL') qb.andWhere(`p.${parentColumn[parent]} IN (:...parentIds)`, { parentIds });
    for (const [condition, parameters] of filterConditions(filter)) qb.andWhere(condition, parameters);
    return qb;
  }

  private async answerGroup(manager: EntityManager, group: ConnectionKey[]): Promise<ProjectConnectionResult[]> {
    const { parent, filter, orderBy, page: request } = group[0];
    const parentIds = group.map((k) => k.parentId);
    const mysql = this.isMysql(manager);
    const ordering = orderings[orderBy];
    const sortExpression = ordering.expression(mysql);
    const cursor = request.cursor ? decodeCursor(request.cursor, request.backward ? 'before' : 'after') : null;
    // Several parents or a light filter: one query for all rows in the list's order, partitioned and paged in memory.
    const inMemory = group.length > 1 || Boolean(filter.light?.length);
    // Otherwise the database reads from the cursor in the paging direction (backward: the order reversed).
    const reversed = request.backward && !inMemory;
    const flip = (direction: 'ASC' | 'DESC') => (direction === 'ASC' ? 'DESC' : 'ASC');
    const query = this.base(manager, parent, parentIds, filter)
      .addSelect(sortExpression, 'sort_key')
      .orderBy(sortExpression, reversed ? flip(ordering.direction) : ordering.direction)
      .addOrderBy('p.id', reversed ? 'DESC' : 'ASC');

    if (!inMemory) {
      if (cursor) {
        const keyComparison = (ordering.direction === 'ASC') !== request.backward ? '>' : '<';
        const idComparison = request.backward ? '<' : '>';
        query.andWhere(`(${sortExpression} ${keyComparison} :cursorKey OR (${sortExpression} = :cursorKey AND p.id ${idComparison} :cursorId))`, {
          cursorKey: cursor[0],
          cursorId: cursor[1],
        });
      }
      // One statement, run where rollups run (on SQLite a reader thread: sorting 100,000 projects, or reading each
      // one's plan for COMPLETION_RATE_ASC, takes 0.07–0.24 s that must not hold the event loop), hydrated as TypeORM
      // hydrates (the driver's conversions and the columns' transformers).
      const metadata = manager.connection.getMetadata(Project);
      query.select('p.id', 'c_id');
      for (const column of metadata.columns) if (column.databaseName !== 'id') query.addSelect(`p.${column.databaseName}`, `c_${column.databaseName}`);
      const [sql, parameters] = query.addSelect(sortExpression, 'sort_key').limit(request.size + 1).getQueryAndParameters();
      const [raw, totalCount] = await Promise.all([readQuery(manager, sql, parameters), this.count(manager, parent, parentIds, filter)]);
      const driver = manager.connection.driver;
      const rows = raw.map((row) => {
        const node = manager.create(Project);
        for (const column of metadata.columns) column.setEntityValue(node, driver.prepareHydratedValue(row[`c_${column.databaseName}`], column));
        return { node, key: row.sort_key as string | number };
      });
      const { items, hasNextPage, hasPreviousPage } = pageOf(rows, request);
      return [{ edges: items.map((r) => ({ cursor: encodeCursor(r.key, r.node.dbId), node: r.node })), totalCount, hasNextPage, hasPreviousPage }];
    }

    const { entities, raw } = await query.getRawAndEntities();
    let rows = entities.map((node, i) => ({ node, key: raw[i].sort_key as string | number }));
    if (filter.light?.length) {
      const wanted = new Set<string>(filter.light);
      const lights = await this.lights(manager, parent, parentIds, filter);
      rows = rows.filter((r) => wanted.has(lights.get(r.node.dbId)!));
    }
    const column = parent === 'ALL' ? null : ({ TASK_FORCE: 'taskForceId', SUBGROUP: 'subgroupId', UNIT: 'unitId' } as const)[parent];
    return group.map((key) => {
      const mine = column ? rows.filter((r) => r.node[column] === key.parentId) : rows;
      // By the cursor's key, as the SQL path reads it: forward, the page starts at the first row after the cursor;
      // backward, it ends before the first row at or after it (whether or not the cursor's own item is still there).
      let boundary = request.backward ? mine.length : 0;
      if (cursor) {
        const at = mine.findIndex((r) => this.compareToCursor(r.key, r.node.dbId, cursor, ordering) >= (request.backward ? 0 : 1));
        boundary = at >= 0 ? at : mine.length;
      }
      const { items, hasNextPage, hasPreviousPage } = slicePage(mine, request, boundary);
      return { edges: items.map((r) => ({ cursor: encodeCursor(r.key, r.node.dbId), node: r.node })), totalCount: mine.length, hasNextPage, hasPreviousPage };
    });
  }

  /** Where a row stands against the cursor in the list's order: −1 before it, 0 the cursor's own place, 1 after. */
  private compareToCursor(key: string | number, id: number, cursor: [string | number, number], ordering: Ordering): number {
    const [a, b] = [key, cursor[0]];
    // Text keys by code point (SQLite's binary order; the SQL path pages the single-parent lists).
    const keyOrder = ordering.numeric || typeof a === 'number' ? Math.sign(Number(a) - Number(b)) : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    if (keyOrder !== 0) return ordering.direction === 'ASC' ? keyOrder : -keyOrder;
    return Math.sign(id - cursor[1]);
  }

  /**
   * The light each matching project's own metrics show at `filter.lightAsOf`, or without asOf: at today, or at the
   * last day of its task force's period when that has ended. Summed by the database like every metric: one statement, the task forces'
   * default dates as a VALUES table.
   */
  private async lights(manager: EntityManager, parent: ConnectionParent, parentIds: number[], filter: ResolvedProjectFilter): Promise<Map<number, Light>> {
    const taskForces = await manager.find(TaskForce);
    const out = new Map<number, Light>();
    if (!taskForces.length) return out;
    const now = today();
    const dates = new Map(taskForces.map((tf) => [tf.dbId, filter.lightAsOf ?? resolveAsOf(null, 'asOf', tf)]));
    const parameters: ObjectLiteral = {};
    const rows = taskForces.map((tf, i) => {
      const asOf = dates.get(tf.dbId)!;
      Object.assign(parameters, { [`d${i}tf`]: tf.dbId, [`d${i}asOf`]: asOf, [`d${i}ys`]: yearBounds(asOf).yearStart, [`d${i}ye`]: yearBounds(asOf).yearEnd, [`d${i}y`]: yearOf(asOf), [`d${i}past`]: asOf < now ? 1 : 0 });
      return `(:d${i}tf, :d${i}asOf, :d${i}ys, :d${i}ye, :d${i}y, :d${i}past)`;
    });
    const conditions = filterConditions(filter);
    if (parent !== 'ALL') conditions.push([`p.${parentColumn[parent]} IN (:...parentIds)`, { parentIds }]);
    for (const [, values] of conditions) Object.assign(parameters, values);
    const withReports = [...dates.values()].some((asOf) => asOf < now);
    const [sql, values] = manager.connection.driver.escapeQueryWithParameters(
      [
        `WITH d(tf, as_of, ys, ye, y, past) AS (VALUES ${rows.join(', ')})`,
        `SELECT p.id AS project, d.tf, MIN(p.planned_start) AS planned_start, MIN(p.actual_start) AS actual_start, ${sumsSelect({ asOf: 'd.as_of', yearStart: 'd.ys', yearEnd: 'd.ye' }, withReports).join(', ')}`,
        'FROM d JOIN project p ON p.task_force_id = d.tf AND p.archived_at IS NULL',
        annualPlanJoin('d.y'),
        withReports ? latestReportJoin('d.as_of', 'd.past = 1') : '',
        conditions.length ? `WHERE ${conditions.map(([condition]) => condition).join(' AND ')}` : '',
        'GROUP BY p.id, d.tf',
      ].join('\n'),
      parameters,
    );
    const byId = new Map(taskForces.map((tf) => [tf.dbId, tf]));
    for (const row of await readQuery(manager, sql, values)) {
      const taskForce = byId.get(Number(row.tf))!;
      const start = { plannedStart: dateText(row.planned_start), actualStart: dateText(row.actual_start) };
      out.set(Number(row.project), metricsFromSums(readSums(row), dates.get(taskForce.dbId)!, settingsOf(taskForce), noProblems, start).light as Light);
    }
    return out;
  }
}
