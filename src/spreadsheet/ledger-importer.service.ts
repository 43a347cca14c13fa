import { EntityManager, In } from 'typeorm';
import { requireUser } from '../auth/guards';
import { foldForSearch } from '../common/search-text';
import { inTransaction } from '../db/transaction';
import { SubgroupUnit, SubgroupUnitRole } from '../domain/campaign/subgroup-unit.entity';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { Project, ProjectStage } from '../domain/project/project.entity';
import { updateVersioned } from '../domain/project/project.service';
import { Unit, UnitKind } from '../domain/unit/unit.entity';
import { Role, User } from '../domain/user/user.entity';
import { ErrorCode, ForbiddenError, NotFoundError } from '../errors/app-error';
import { diff, FieldChanges, recordChange } from '../live/change-log';
import { today } from '../metrics/dates';
import { Services } from '../server/services';
import { PendingChange, recordChanges } from './change-batch';
import { LedgerReader, LedgerRow } from './ledger-reader';
import { readSpreadsheet, SpreadsheetLimits } from './sheet-source';
import { ImportIssue } from './spreadsheet-error';

export interface ImportOptions {
  taskForceId: number;
  dryRun: boolean;
  /** Create the units and subgroups the file names but the service lacks (ADMIN only). */
  createMissing: boolean;
  /** Name a CSV's single sheet takes in the report. */
  fileName?: string;
}

/** What one row does (or, in a dry run, would do). */
export interface ImportRowOutcome {
  sheet: string;
  row: number;
  code: string;
  action: 'create' | 'update' | 'unchanged';
  /** For updates: field → {before, after}; for creates: the values set. */
  changes?: FieldChanges;
}

/** The JSON report of POST /imports and of the CLI. */
export interface ImportReport {
  dryRun: boolean;
  /** True when the rows were written (a real run without errors). */
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportIssue[];
  /** Per-row preview, the first `maxReportedRows` rows. */
  rows: ImportRowOutcome[];
  rowsTruncated: boolean;
  errorsTruncated: boolean;
  /** Units and subgroups created (or, in a dry run, to be created) with createMissing. */
  createdUnits: string[];
  createdSubgroups: string[];
  /** Sheets without a ledger header row (notes, instructions) or hidden, not imported. */
  skippedSheets: string[];
}

const maxReportedRows = 5000;
const maxReportedErrors = 1000;
const chunkSize = 500;

/** Figures whose change re-dates the project's latest figures, as projectUpdate does. */
const figureFields = ['ytdCompletedInvestment', 'cumulativeCompletedInvestment', 'fundsInPlace'];
/** Only the office (ADMIN) sets planned and total investment (the same rule as projectUpdate) and moves projects between subgroups. */
const adminOnlyFields = ['totalInvestment', 'annualPlanInvestment', 'subgroupId'];
const adminOnlyLabels: Record<string, string> = { totalInvestment: '总投资', annualPlanInvestment: '年度计划投资', subgroupId: '所属小组' };
const adminOnlyColumns: Record<string, string> = { totalInvestment: 'totalInvestment', annualPlanInvestment: 'annualPlanInvestment', subgroupId: 'subgroup' };

/** Rolls the transaction back when any row failed; carries nothing, the issues are already collected. */
class RollBack extends Error {}

/** A guess at a new unit's kind from its name (县 → COUNTY, 区 → DISTRICT, …). */
export function guessUnitKind(name: string): UnitKind {
  const folded = foldForSearch(name);
  if (/(开发区|园区|新区|高新区|经济区|港区|示范区)$/.test(folded)) return UnitKind.ZONE;
  if (/(公司|集团|有限责任公司|股份有限公司)$/.test(folded)) return UnitKind.ENTERPRISE;
  if (/(县|县级市)$/.test(folded) || /^[^市]+市$/.test(folded)) return UnitKind.COUNTY;
  if (/区$/.test(folded)) return UnitKind.DISTRICT;
  if (/(局|委|办|厅|中心|院|所|站|队|部|处|会)$/.test(folded) || folded.startsWith('市')) return UnitKind.DEPARTMENT;
  return UnitKind.OTHER;
}

function projectSearchText(values: { code: string; name: string; owner?: string | null; location?: string | null }): string {
  return foldForSearch([values.code, values.name, values.owner, values.location].filter(Boolean).join(' ')).slice(0, 800);
}

/** Custom fields after applying a row's custom columns to the project's (columns not in the file stay). */
function mergeCustom(existing: Record<string, string> | null, incoming: Record<string, string | null>): Record<string, string> | null {
  const merged: Record<string, string> = { ...(existing ?? {}) };
  for (const [key, value] of Object.entries(incoming)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return Object.keys(merged).length ? merged : null;
}

/**
 * Imports a ledger file into a task force: reads it (see LedgerReader), resolves units and subgroups, checks the
 * caller's rights on every row, and — unless it is a dry run or any row failed — upserts on project code in one
 * transaction, leaving a ChangeEvent per written row. Everything or nothing is written.
 */
export class LedgerImporter {
  constructor(private readonly services: Services) {}

  private get limits(): SpreadsheetLimits {
    return this.services.config.spreadsheet;
  }

  async import(actor: User | null, file: Buffer, options: ImportOptions): Promise<ImportReport> {
    const user = requireUser(actor);
    if (user.role !== Role.ADMIN && user.role !== Role.REPORTER) {
      throw new ForbiddenError(`Importing a ledger needs the role ADMIN or REPORTER; you are ${user.role}.`);
    }
    if (user.role === Role.REPORTER && user.unitId === null) throw new ForbiddenError('This reporter account has no unit; ask the office to set it.');
    if (options.createMissing && user.role !== Role.ADMIN) {
      throw new ForbiddenError('Only the leading-group office (ADMIN) may create units and subgroups (createMissing=true).');
    }
    const dataSource = this.services.dataSource;
    const taskForce = await dataSource.manager.findOne(TaskForce, { where: { dbId: options.taskForceId } });
    if (!taskForce) throw new NotFoundError('TaskForce', String(options.taskForceId), 'taskForce');

    const reader = new LedgerReader(this.limits.maxRows);
    for await (const event of readSpreadsheet(file, this.limits, options.fileName)) reader.handle(event);
    reader.finish();

    const run = new ImportRun(user, taskForce, options, reader);
    if (options.dryRun) {
      await run.apply(dataSource.manager, false);
      return run.report(false);
    }
    try {
      await inTransaction(dataSource, async (manager) => {
        await run.apply(manager, reader.issues.length === 0);
        if (run.issues.length) throw new RollBack();
      });
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
      return run.report(false);
    }
    this.services.live.notifyCommitted();
    return run.report(true);
  }
}

/** One import's state: look-ups, outcomes and issues. */
class ImportRun {
  readonly issues: ImportIssue[];
  private readonly outcomes: ImportRowOutcome[] = [];
  private counts = { create: 0, update: 0, unchanged: 0 };
  private readonly createdUnits = new Map<string, Unit>();
  private readonly createdSubgroups = new Map<string, Subgroup>();
  private unitsByName = new Map<string, Unit[]>();
  private readonly subgroupsByName = new Map<string, Subgroup[]>();
  /** Unit → subgroups of this task force covering it (for the derived subgroup). */
  private readonly coverage = new Map<number, Set<number>>();
  private readonly linkedUnits = new Set<number>();
  private placeholderId = -1;
  private readonly statsDate = today();

  constructor(
    private readonly user: User,
    private readonly taskForce: TaskForce,
    private readonly options: ImportOptions,
    private readonly reader: LedgerReader,
  ) {
    this.issues = [...reader.issues];
  }

  /** Resolves and diffs every row; writes only when `write` (real run, file free of issues so far). */
  async apply(manager: EntityManager, write: boolean): Promise<void> {
    await this.loadDirectory(manager);
    const rows = this.reader.rows;
    for (let i = 0; i < rows.length; i += chunkSize) {
      const chunk = rows.slice(i, i + chunkSize);
      const existing = await manager.find(Project, { where: { taskForceId: this.taskForce.dbId, code: In(chunk.map((r) => r.code)) } });
      const byCode = new Map(existing.map((p) => [p.code, p]));
      const inserts: Array<{ row: LedgerRow; values: Partial<Project>; changes: FieldChanges }> = [];
      const updates: Array<{ row: LedgerRow; project: Project; written: Record<string, unknown>; changes: FieldChanges }> = [];
      for (const row of chunk) {
        const plan = await this.planRow(manager, row, byCode.get(row.code) ?? null, write && this.issues.length === 0);
        if (!plan) continue;
        if (plan.kind === 'create') inserts.push({ row, values: plan.values, changes: plan.changes });
        else if (plan.kind === 'update') updates.push({ row, project: plan.project, written: plan.written, changes: plan.changes });
      }
      if (!write || this.issues.length) continue;
      await this.writeChunk(manager, inserts, updates);
    }
  }

  report(committed: boolean): ImportReport {
    const failed = !this.options.dryRun && !committed;
    return {
      dryRun: this.options.dryRun,
      committed,
      created: failed ? 0 : this.counts.create,
      updated: failed ? 0 : this.counts.update,
      unchanged: failed ? 0 : this.counts.unchanged,
      errors: this.issues.slice(0, maxReportedErrors),
      rows: this.outcomes.slice(0, maxReportedRows),
      rowsTruncated: this.outcomes.length > maxReportedRows,
      errorsTruncated: this.issues.length > maxReportedErrors,
      createdUnits: failed ? [] : [...this.createdUnits.values()].map((u) => u.name),
      createdSubgroups: failed ? [] : [...this.createdSubgroups.values()].map((s) => s.name),
      skippedSheets: this.reader.skippedSheets,
    };
  }

  private async loadDirectory(manager: EntityManager): Promise<void> {
    const names = [...new Set(this.reader.rows.map((r) => r.unitName))];
    const folded = [...new Set(names.map((n) => foldForSearch(n)))];
    const units: Unit[] = [];
    for (let i = 0; i < names.length; i += chunkSize) {
      units.push(...(await manager.find(Unit, { where: [{ name: In(names.slice(i, i + chunkSize)) }] })));
    }
    for (let i = 0; i < folded.length; i += chunkSize) {
      units.push(...(await manager.find(Unit, { where: { searchText: In(folded.slice(i, i + chunkSize)) } })));
    }
    this.unitsByName = new Map();
    const seen = new Set<number>();
    for (const unit of units) {
      if (seen.has(unit.dbId)) continue;
      seen.add(unit.dbId);
      const key = foldForSearch(unit.name);
      this.unitsByName.set(key, [...(this.unitsByName.get(key) ?? []), unit]);
    }
    const subgroups = await manager.find(Subgroup, { where: { taskForceId: this.taskForce.dbId }, order: { position: 'ASC', dbId: 'ASC' } });
    for (const subgroup of subgroups) {
      const key = foldForSearch(subgroup.name);
      this.subgroupsByName.set(key, [...(this.subgroupsByName.get(key) ?? []), subgroup]);
    }
    if (subgroups.length) {
      const links = await manager.find(SubgroupUnit, { where: { subgroupId: In(subgroups.map((s) => s.dbId)), role: SubgroupUnitRole.COVERED } });
      for (const link of links) {
        this.coverage.set(link.unitId, (this.coverage.get(link.unitId) ?? new Set()).add(link.subgroupId));
        this.linkedUnits.add(link.unitId);
      }
    }
    const carrying: Array<{ unit: number | string }> = await manager
      .createQueryBuilder(Project, 'p')
      .select('DISTINCT p.unit_id', 'unit')
      .where('p.task_force_id = :id', { id: this.taskForce.dbId })
      .getRawMany();
    for (const row of carrying) this.linkedUnits.add(Number(row.unit));
  }

  private issue(row: LedgerRow, field: string | null, code: ErrorCode, message: string): void {
    this.issues.push({
      sheet: row.sheet.name,
      row: row.row,
      column: field ? (row.sheet.letterOf.get(field) ?? null) : null,
      code,
      message,
      ...(field ? { field } : {}),
    });
  }

  /** The unit a row names, preferring the project's current unit, then units of this task force, then its region. */
  private async resolveUnit(manager: EntityManager, row: LedgerRow, current: Project | null, write: boolean): Promise<number | null> {
    const key = foldForSearch(row.unitName);
    let candidates = this.unitsByName.get(key) ?? [];
    if (current && candidates.some((u) => u.dbId === current.unitId)) return current.unitId;
    if (candidates.length > 1) {
      const linked = candidates.filter((u) => this.linkedUnits.has(u.dbId));
      if (linked.length >= 1) candidates = linked;
    }
    if (candidates.length > 1) {
      const local = candidates.filter((u) => u.region === this.taskForce.region);
      if (local.length >= 1) candidates = local;
    }
    if (candidates.length === 1) return candidates[0].dbId;
    if (candidates.length > 1) {
      this.issue(row, 'unit', ErrorCode.CONFLICT, `责任单位 "${row.unitName}" matches ${candidates.length} units (${candidates.map((u) => u.region || '—').join(', ')}); the office must tell them apart.`);
      return null;
    }
    if (!this.options.createMissing) {
      this.issue(row, 'unit', ErrorCode.NOT_FOUND, `责任单位 "${row.unitName}" is not in the unit directory; correct the name, or let the office (ADMIN) import with createMissing=true.`);
      return null;
    }
    let unit = this.createdUnits.get(key);
    if (!unit) {
      const values = { name: row.unitName, region: this.taskForce.region, kind: guessUnitKind(row.unitName), searchText: key };
      if (write) {
        unit = manager.create(Unit, values);
        await manager.insert(Unit, unit);
        await recordChange(manager, this.user, 'Unit', unit.dbId, 'CREATE', diff(null, { name: values.name, region: values.region, kind: values.kind }), {
          taskForceId: this.taskForce.dbId,
          unitId: unit.dbId,
        });
      } else {
        unit = Object.assign(new Unit(), values, { dbId: this.placeholderId-- });
      }
      this.createdUnits.set(key, unit);
      this.unitsByName.set(key, [unit]);
    }
    return unit.dbId;
  }

  /** The subgroup a row names (null: none named); undefined when it cannot be resolved (issue recorded). */
  private async resolveSubgroup(manager: EntityManager, row: LedgerRow, write: boolean): Promise<number | null | undefined> {
    if (row.subgroupName === null) return null;
    const key = foldForSearch(row.subgroupName);
    const found = this.subgroupsByName.get(key) ?? [];
    if (found.length === 1) return found[0].dbId;
    if (found.length > 1) {
      this.issue(row, 'subgroup', ErrorCode.CONFLICT, `所属小组 "${row.subgroupName}" matches ${found.length} subgroups of this task force.`);
      return undefined;
    }
    if (!this.options.createMissing) {
      this.issue(row, 'subgroup', ErrorCode.NOT_FOUND, `所属小组 "${row.subgroupName}" is not a subgroup of this task force; correct the name, or let the office (ADMIN) import with createMissing=true.`);
      return undefined;
    }
    let subgroup = this.createdSubgroups.get(key);
    if (!subgroup) {
      const values = { taskForceId: this.taskForce.dbId, name: row.subgroupName, position: 0, leadUnitId: null, officeUnitId: null, mainTasks: null };
      if (write) {
        const max: { max: number | string | null } | undefined = await manager
          .createQueryBuilder(Subgroup, 's')
          .select('MAX(s.position)', 'max')
          .where('s.task_force_id = :id', { id: this.taskForce.dbId })
          .getRawOne();
        values.position = Number(max?.max ?? 0) + 1;
        subgroup = manager.create(Subgroup, values);
        await manager.insert(Subgroup, subgroup);
        await recordChange(manager, this.user, 'Subgroup', subgroup.dbId, 'CREATE', diff(null, { name: values.name, position: values.position }), {
          taskForceId: this.taskForce.dbId,
          subgroupId: subgroup.dbId,
        });
      } else {
        subgroup = Object.assign(new Subgroup(), values, { dbId: this.placeholderId-- });
      }
      this.createdSubgroups.set(key, subgroup);
      this.subgroupsByName.set(key, [subgroup]);
    }
    return subgroup.dbId;
  }

  private derivedSubgroup(unitId: number): number | null {
    const covering = this.coverage.get(unitId);
    return covering && covering.size === 1 ? [...covering][0] : null;
  }

  private record(row: LedgerRow, action: ImportRowOutcome['action'], changes?: FieldChanges): void {
    this.counts[action] += 1;
    if (this.outcomes.length <= maxReportedRows) this.outcomes.push({ sheet: row.sheet.name, row: row.row, code: row.code, action, ...(changes ? { changes } : {}) });
  }

  private async planRow(
    manager: EntityManager,
    row: LedgerRow,
    current: Project | null,
    write: boolean,
  ): Promise<
    | { kind: 'create'; values: Partial<Project>; changes: FieldChanges }
    | { kind: 'update'; project: Project; written: Record<string, unknown>; changes: FieldChanges }
    | { kind: 'unchanged' }
    | null
  > {
    const reporter = this.user.role === Role.REPORTER;
    const before = this.issues.length;
    if (current?.archivedAt) {
      this.issue(row, 'code', ErrorCode.CONFLICT, `Project ${row.code} is archived; the office must restore it before it can be imported again.`);
      return null;
    }
    if (reporter && current && current.unitId !== this.user.unitId) {
      this.issue(row, 'code', ErrorCode.FORBIDDEN, `Project ${row.code} belongs to another unit; a reporter may import only its own unit's rows.`);
      return null;
    }
    const unitId = await this.resolveUnit(manager, row, current, write);
    const subgroupId = await this.resolveSubgroup(manager, row, write);
    if (unitId === null || subgroupId === undefined) return null;
    if (reporter && unitId !== this.user.unitId) {
      this.issue(row, 'unit', ErrorCode.FORBIDDEN, `责任单位 "${row.unitName}" is not your unit; a reporter may import only its own unit's rows.`);
      return null;
    }
    if (reporter && !current) {
      this.issue(row, 'code', ErrorCode.FORBIDDEN, `Project ${row.code} does not exist yet; new projects are added by the leading-group office (ADMIN).`);
      return null;
    }

    const values: Record<string, unknown> = { ...row.values };
    if (row.sheet.custom.size) values.customFields = mergeCustom(current?.customFields ?? null, row.custom);
    if (values.stage === null) {
      if (current) delete values.stage;
      else values.stage = ProjectStage.PLANNING;
    }
    values.unitId = unitId;
    const subgroupPresent = row.sheet.present.has('subgroup');
    if (subgroupId !== null) {
      if (!current || current.subgroupId !== subgroupId) {
        values.subgroupId = subgroupId;
        values.subgroupExplicit = true;
      }
    } else if (!current || (subgroupPresent && current.subgroupExplicit) || (!current.subgroupExplicit && current.unitId !== unitId)) {
      values.subgroupId = this.derivedSubgroup(unitId);
      values.subgroupExplicit = false;
    }

    if (!current) {
      const created: Record<string, unknown> = { code: row.code, ...values };
      const changes = diff(null, Object.fromEntries(Object.entries(created).filter(([, v]) => v !== null && v !== undefined)));
      if (figureFields.some((f) => created[f] !== null && created[f] !== undefined)) created.statsDate = this.statsDate;
      created.taskForceId = this.taskForce.dbId;
      created.searchText = projectSearchText(created as never);
      created.subgroupExplicit ??= false;
      created.isExample = false;
      this.record(row, 'create', changes);
      return { kind: 'create', values: created as Partial<Project>, changes };
    }

    const changes = diff(current as unknown as Record<string, unknown>, values);
    if (reporter) {
      const forbidden = adminOnlyFields.filter((f) => f in changes);
      if (forbidden.length) {
        for (const field of forbidden) {
          this.issue(
            row,
            adminOnlyColumns[field],
            ErrorCode.FORBIDDEN,
            `Only the leading-group office (ADMIN) changes ${adminOnlyLabels[field]} (${String(changes[field].before)} → ${String(changes[field].after)}).`,
          );
        }
        return null;
      }
    }
    if (this.issues.length > before) return null;
    if (!Object.keys(changes).length) {
      this.record(row, 'unchanged');
      return { kind: 'unchanged' };
    }
    if (figureFields.some((f) => f in changes) && current.statsDate !== this.statsDate) {
      changes.statsDate = { before: current.statsDate, after: this.statsDate };
    }
    const written: Record<string, unknown> = Object.fromEntries(Object.keys(changes).map((k) => [k, k === 'statsDate' ? this.statsDate : values[k]]));
    if (['code', 'name', 'owner', 'location'].some((f) => f in changes)) {
      written.searchText = projectSearchText({ ...current, ...(written as Partial<Project>) } as never);
    }
    this.record(row, 'update', changes);
    return { kind: 'update', project: current, written, changes };
  }

  private async writeChunk(
    manager: EntityManager,
    inserts: Array<{ row: LedgerRow; values: Partial<Project>; changes: FieldChanges }>,
    updates: Array<{ row: LedgerRow; project: Project; written: Record<string, unknown>; changes: FieldChanges }>,
  ): Promise<void> {
    const taskForceId = this.taskForce.dbId;
    const pending: PendingChange[] = [];
    if (inserts.length) {
      // Small batches keep every driver under its bound-parameter limit (≈40 columns a row).
      for (let i = 0; i < inserts.length; i += 100) {
        await manager.createQueryBuilder().insert().into(Project).values(inserts.slice(i, i + 100).map((x) => x.values) as never).updateEntity(false).execute();
      }
      const ids = await manager.find(Project, {
        where: { taskForceId, code: In(inserts.map((x) => x.row.code)) },
        select: { dbId: true, code: true, unitId: true, subgroupId: true },
      });
      const byCode = new Map(ids.map((p) => [p.code, p]));
      pending.push(
        ...inserts.map((insert) => {
          const project = byCode.get(insert.row.code)!;
          return {
            entity: 'Project' as const,
            entityId: project.dbId,
            action: 'CREATE',
            changes: insert.changes,
            scope: { taskForceId, subgroupId: project.subgroupId, unitId: project.unitId, projectId: project.dbId },
          };
        }),
      );
    }
    for (const update of updates) {
      await updateVersioned(manager, Project, update.project, update.project.version, update.written, 'Project');
      const subgroupId = 'subgroupId' in update.written ? (update.written.subgroupId as number | null) : update.project.subgroupId;
      const unitId = 'unitId' in update.written ? (update.written.unitId as number) : update.project.unitId;
      pending.push({
        entity: 'Project',
        entityId: update.project.dbId,
        action: 'UPDATE',
        changes: update.changes,
        scope: { taskForceId, subgroupId, unitId, projectId: update.project.dbId },
      });
    }
    // One ChangeEvent per written row, in this transaction (creates of the chunk first, then its updates).
    await recordChanges(manager, this.user, pending);
  }
}
