import { defaultFieldResolver, getNamedType, GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isLeafType, isObjectType } from 'graphql';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { Problem } from '../domain/problem/problem.entity';
import { ProgressReport } from '../domain/progress/progress-report.entity';
import { Project } from '../domain/project/project.entity';
import { Target } from '../domain/target/target.entity';
import { Task } from '../domain/task/task.entity';
import { Unit } from '../domain/unit/unit.entity';
import { ForbiddenError } from '../errors/app-error';
import type { RequestContext } from '../common/request-context';

/**
 * What a scoped screen token may read: its node and what lies under it. A task force holds its subgroups,
 * projects, problems, targets and tasks, and the units it involves (covered or led by its subgroups, its office
 * units, and the units of its projects, problems, targets and tasks); a subgroup holds its projects, problems and
 * targets and the units it involves; a unit holds its projects and problems (in every campaign); a project holds
 * its problems and reports.
 */
export interface ScreenRegion {
  kind: 'TaskForce' | 'Subgroup' | 'Unit' | 'Project';
  id: number;
  /** The task force the node belongs to (a unit: none). */
  taskForceId: number | null;
  units: ReadonlySet<number>;
}

/** Per request (or socket) context; a socket's is read again after `regionTtlMs`, so it follows new coverage. */
const regions = new WeakMap<object, { at: number; region: Promise<ScreenRegion | null> }>();
const regionTtlMs = 5000;

const taskForceUnits = `
  SELECT su.unit_id AS u FROM subgroup_unit su JOIN subgroup s ON s.id = su.subgroup_id WHERE s.task_force_id = :id
  UNION SELECT lead_unit_id FROM subgroup WHERE task_force_id = :id
  UNION SELECT office_unit_id FROM subgroup WHERE task_force_id = :id
  UNION SELECT office_unit_id FROM task_force WHERE id = :id
  UNION SELECT unit_id FROM project WHERE task_force_id = :id
  UNION SELECT unit_id FROM problem WHERE task_force_id = :id
  UNION SELECT responsible_unit_id FROM problem WHERE task_force_id = :id
  UNION SELECT unit_id FROM target WHERE task_force_id = :id
  UNION SELECT lead_unit_id FROM target WHERE task_force_id = :id
  UNION SELECT lead_unit_id FROM task WHERE task_force_id = :id
  UNION SELECT tu.unit_id FROM task_unit tu JOIN task t ON t.id = tu.task_id WHERE t.task_force_id = :id`;

const subgroupUnits = `
  SELECT unit_id AS u FROM subgroup_unit WHERE subgroup_id = :id
  UNION SELECT lead_unit_id FROM subgroup WHERE id = :id
  UNION SELECT office_unit_id FROM subgroup WHERE id = :id
  UNION SELECT unit_id FROM project WHERE subgroup_id = :id
  UNION SELECT unit_id FROM problem WHERE subgroup_id = :id
  UNION SELECT responsible_unit_id FROM problem WHERE subgroup_id = :id
  UNION SELECT unit_id FROM target WHERE subgroup_id = :id
  UNION SELECT lead_unit_id FROM target WHERE subgroup_id = :id`;

async function unitsOf(ctx: RequestContext, sql: string, id: number): Promise<Set<number>> {
  const [query, parameters] = ctx.manager.connection.driver.escapeQueryWithParameters(sql, { id });
  const rows: Array<{ u: number | string | null }> = await ctx.manager.query(query, parameters);
  return new Set(rows.filter((r) => r.u !== null).map((r) => Number(r.u)));
}

async function loadRegion(ctx: RequestContext): Promise<ScreenRegion | null> {
  const scope = parseGlobalId(ctx.tokenScope ?? '');
  if (!scope) return null;
  switch (scope.type) {
    case 'TaskForce':
      return { kind: 'TaskForce', id: scope.id, taskForceId: scope.id, units: await unitsOf(ctx, taskForceUnits, scope.id) };
    case 'Subgroup': {
      const subgroup = await ctx.loaders.subgroup.load(scope.id);
      return { kind: 'Subgroup', id: scope.id, taskForceId: subgroup?.taskForceId ?? null, units: await unitsOf(ctx, subgroupUnits, scope.id) };
    }
    case 'Unit':
      return { kind: 'Unit', id: scope.id, taskForceId: null, units: new Set([scope.id]) };
    case 'Project': {
      const project = await ctx.loaders.project.load(scope.id);
      return { kind: 'Project', id: scope.id, taskForceId: project?.taskForceId ?? null, units: new Set() };
    }
    default:
      return null;
  }
}

/** The region of a scoped screen token (once per request), or null for everyone else. */
export function screenRegion(ctx: RequestContext): Promise<ScreenRegion | null> {
  if (!ctx.screenTokenId || !ctx.tokenScope) return Promise.resolve(null);
  const cached = regions.get(ctx);
  if (cached && Date.now() - cached.at < regionTtlMs) return cached.region;
  const region = loadRegion(ctx);
  regions.set(ctx, { at: Date.now(), region });
  return region;
}

function forbidden(region: ScreenRegion): ForbiddenError {
  return new ForbiddenError(`This screen token reads only its ${region.kind} (${toGlobalId(region.kind, region.id)}) and what lies under it.`);
}

function projectInside(region: ScreenRegion, project: Project): boolean {
  switch (region.kind) {
    case 'TaskForce':
      return project.taskForceId === region.id;
    case 'Subgroup':
      return project.subgroupId === region.id;
    case 'Unit':
      return project.unitId === region.id;
    case 'Project':
      return project.dbId === region.id;
  }
}

/** Whether an object lies inside the region; objects of types without a place (people, users, figures) do. */
export async function insideRegion(ctx: RequestContext, region: ScreenRegion, value: unknown): Promise<boolean> {
  if (value instanceof TaskForce) return region.kind === 'TaskForce' && value.dbId === region.id;
  if (value instanceof Subgroup) return (region.kind === 'TaskForce' && value.taskForceId === region.id) || (region.kind === 'Subgroup' && value.dbId === region.id);
  if (value instanceof Unit) return region.units.has(value.dbId);
  if (value instanceof Project) return projectInside(region, value);
  if (value instanceof Problem) {
    if (region.kind === 'TaskForce') return value.taskForceId === region.id;
    if (region.kind === 'Unit') return value.unitId === region.id;
    if (value.projectId !== null) {
      const project = await ctx.loaders.project.load(value.projectId);
      return !!project && projectInside(region, project);
    }
    return region.kind === 'Subgroup' && value.subgroupId === region.id;
  }
  if (value instanceof ProgressReport) {
    const project = await ctx.loaders.project.load(value.projectId);
    return !!project && projectInside(region, project);
  }
  if (value instanceof Target) {
    if (region.kind === 'TaskForce') return value.taskForceId === region.id;
    if (region.kind === 'Subgroup') return value.subgroupId === region.id;
    return region.kind === 'Unit' && value.unitId === region.id;
  }
  if (value instanceof Task) return region.kind === 'TaskForce' && value.taskForceId === region.id;
  return true;
}

/** The global ID `raw` names a node of `type` with an id, or null (malformed, or another type). */
function idOf(raw: unknown, type: 'TaskForce' | 'Subgroup' | 'Unit'): number | null {
  if (typeof raw !== 'string') return null;
  const parsed = parseGlobalId(raw);
  return parsed && parsed.type === type ? parsed.id : null;
}

/**
 * Narrows a project filter (projects, projectAggregate, and every node's `projects`) to the region: a filter that
 * names a task force, subgroup or unit outside it is FORBIDDEN; otherwise the region's own node is added to it.
 */
async function narrowProjectFilter(ctx: RequestContext, region: ScreenRegion, args: Record<string, unknown>): Promise<void> {
  if (region.kind === 'Project') throw forbidden(region);
  const filter = { ...((args.filter as Record<string, unknown> | null | undefined) ?? {}) };
  const named = { taskForceId: filter.taskForceId ?? null, subgroupId: filter.subgroupId ?? null, unitId: filter.unitId ?? null };
  if (named.taskForceId !== null) {
    const id = idOf(named.taskForceId, 'TaskForce');
    if (id === null || (region.taskForceId !== null && id !== region.taskForceId)) throw forbidden(region);
  }
  if (named.subgroupId !== null) {
    const id = idOf(named.subgroupId, 'Subgroup');
    const subgroup = id === null ? null : await ctx.loaders.subgroup.load(id);
    if (!subgroup || (region.kind !== 'Unit' && !(await insideRegion(ctx, region, subgroup)))) throw forbidden(region);
  }
  if (named.unitId !== null) {
    const id = idOf(named.unitId, 'Unit');
    if (id === null || (region.kind !== 'Unit' ? !region.units.has(id) : id !== region.id)) throw forbidden(region);
  }
  if (region.kind === 'TaskForce') filter.taskForceId = toGlobalId('TaskForce', region.id);
  if (region.kind === 'Subgroup') filter.subgroupId = toGlobalId('Subgroup', region.id);
  if (region.kind === 'Unit') filter.unitId = toGlobalId('Unit', region.id);
  args.filter = filter;
}

/**
 * Narrows a problem filter (Query.problems, the 问题清单) to the region: a task force, subgroup, unit or project named
 * outside it is FORBIDDEN; otherwise the region's own node is added, as insideRegion places problems (a task force's
 * by task force, a subgroup's by subgroup, a unit's by the unit raised against, a project's by project).
 */
async function narrowProblemFilter(ctx: RequestContext, region: ScreenRegion, args: Record<string, unknown>): Promise<void> {
  const filter = { ...((args.filter as Record<string, unknown> | null | undefined) ?? {}) };
  const { projectId, ...rest } = filter;
  if (projectId !== null && projectId !== undefined) {
    const parsed = typeof projectId === 'string' ? parseGlobalId(projectId) : null;
    const project = parsed && parsed.type === 'Project' ? await ctx.loaders.project.load(parsed.id) : null;
    if (!project || !projectInside(region, project)) throw forbidden(region);
  }
  if (region.kind === 'Project') {
    if (rest.taskForceId != null || rest.subgroupId != null || rest.unitId != null) throw forbidden(region);
    filter.projectId = toGlobalId('Project', region.id);
    args.filter = filter;
    return;
  }
  // The same checks of named nodes as a project filter's, and the region's node added the same way.
  const narrowed: Record<string, unknown> = { filter: rest };
  await narrowProjectFilter(ctx, region, narrowed);
  args.filter = { ...filter, ...(narrowed.filter as Record<string, unknown>) };
}

/** Arguments that reach beyond the object the field belongs to. */
async function checkArguments(ctx: RequestContext, region: ScreenRegion, info: GraphQLResolveInfo, args: Record<string, unknown>): Promise<void> {
  const field = info.parentType.getFields()[info.fieldName];
  const type = getNamedType(field.type).name;
  if (type === 'ProjectConnection' || (info.parentType.name === 'Query' && info.fieldName === 'projectAggregate')) {
    await narrowProjectFilter(ctx, region, args);
  } else if (type === 'ProblemConnection') {
    await narrowProblemFilter(ctx, region, args);
  } else if (info.parentType.name === 'Query' && (info.fieldName === 'ranking' || info.fieldName === 'reportingStatus')) {
    // A ranking (or 报送情况) compares every unit or subgroup of a task force: only a token of that task force reads it.
    if (region.kind !== 'TaskForce' || idOf(args.taskForceId, 'TaskForce') !== region.id) throw forbidden(region);
  } else if (info.parentType.name === 'Query' && info.fieldName === 'metricsSeries') {
    // A series is of its scope node: the token's node or one under it; a unit's spans its campaigns, so only its own token.
    const scope = parseGlobalId(typeof args.scope === 'string' ? args.scope : '');
    if (!scope) return; // malformed: the resolver says so
    const node =
      scope.type === 'TaskForce' ? await ctx.loaders.taskForce.load(scope.id)
      : scope.type === 'Subgroup' ? await ctx.loaders.subgroup.load(scope.id)
      : scope.type === 'Project' ? await ctx.loaders.project.load(scope.id)
      : null;
    const allowed = scope.type === 'Unit' ? region.kind === 'Unit' && region.id === scope.id : node !== null && (await insideRegion(ctx, region, node));
    if (!allowed) throw forbidden(region);
  } else if (info.parentType.name === 'Unit' && info.fieldName === 'metrics') {
    // A unit's figures span its subgroups and campaigns: a task force's token reads them within the task force.
    const taskForceId = args.taskForceId === null || args.taskForceId === undefined ? null : idOf(args.taskForceId, 'TaskForce');
    const allowed = region.kind === 'Unit' || (region.kind === 'TaskForce' && taskForceId === region.id);
    if (!allowed) throw forbidden(region);
  }
}

async function scopedResolve(
  resolve: GraphQLFieldResolver<unknown, RequestContext>,
  root: unknown,
  args: Record<string, unknown>,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  const region = await screenRegion(context);
  if (!region) throw new ForbiddenError('This screen token\'s scope no longer exists.');
  if (root && typeof root === 'object' && !(await insideRegion(context, region, root))) throw forbidden(region);
  await checkArguments(context, region, info, args);
  const result = await resolve(root, args, context, info);
  if (Array.isArray(result)) {
    const kept = await Promise.all(result.map((item) => insideRegion(context, region, item)));
    return result.filter((_item, i) => kept[i]);
  }
  if (result && typeof result === 'object' && !(await insideRegion(context, region, result))) throw forbidden(region);
  return result;
}

/**
 * Screen-token scope on every GraphQL read: wraps each query field that returns an object (or a list of them),
 * which is every way from one object to another, so a scoped token reads only its node and what lies under it
 * (ScreenRegion). An object outside, a field of one, or an argument naming a node outside is FORBIDDEN (the field
 * is null with that error); a list leaves out what lies outside; project lists and aggregates are narrowed to the
 * region. Scalar fields are not wrapped, and anyone but a scoped screen token goes straight to the resolver, so
 * other requests pay one property check per object field. Subscriptions check their events themselves.
 */
export function applyScreenScope(schema: GraphQLSchema): GraphQLSchema {
  const subscription = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === subscription) continue;
    for (const field of Object.values(type.getFields())) {
      if (isLeafType(getNamedType(field.type))) continue;
      const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, RequestContext>;
      field.resolve = (root, args, context: RequestContext, info) =>
        context?.screenTokenId && context.tokenScope ? scopedResolve(resolve, root, args, context, info) : resolve(root, args, context, info);
    }
  }
  return schema;
}
