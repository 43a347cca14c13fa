import { decodeId } from '../../common/global-id';
import { Subgroup } from '../campaign/subgroup.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { ChangeEvent } from '../change/change-event.entity';
import { Project } from '../project/project.entity';
import { Unit } from '../unit/unit.entity';
import { ForbiddenError, NotFoundError } from '../../errors/app-error';
import { MetricsNodeKind } from '../../metrics/metrics.service';
import type { Loaders } from '../../loaders/loaders';

export type ScopeType = 'TaskForce' | 'Subgroup' | 'Unit' | 'Project';
export type ScopeColumn = 'taskForceId' | 'subgroupId' | 'unitId' | 'projectId';
export type ScopeNode = TaskForce | Subgroup | Unit | Project;

/** A node that can be watched, with the change-log column that places events under it. */
export interface WatchScope {
  type: ScopeType;
  id: number;
  column: ScopeColumn;
  kind: MetricsNodeKind;
}

const columns: Record<ScopeType, ScopeColumn> = { TaskForce: 'taskForceId', Subgroup: 'subgroupId', Unit: 'unitId', Project: 'projectId' };
const kinds: Record<ScopeType, MetricsNodeKind> = { TaskForce: 'TASK_FORCE', Subgroup: 'SUBGROUP', Unit: 'UNIT', Project: 'PROJECT' };

export function decodeScope(globalId: string, field = 'scope'): WatchScope {
  const { type, id } = decodeId(globalId, ['TaskForce', 'Subgroup', 'Unit', 'Project'], field);
  return { type, id, column: columns[type], kind: kinds[type] };
}

export function loadScopeNode(loaders: Loaders, scope: WatchScope): Promise<ScopeNode | null> {
  switch (scope.type) {
    case 'TaskForce':
      return loaders.taskForce.load(scope.id);
    case 'Subgroup':
      return loaders.subgroup.load(scope.id);
    case 'Unit':
      return loaders.unit.load(scope.id);
    case 'Project':
      return loaders.project.load(scope.id);
  }
}

/**
 * Whether `node` lies inside the node a screen token may watch. The tree is task force ⊃ subgroup ⊃ project and
 * unit ⊃ project; a unit is shared by every task force, so it is never inside a task force or a subgroup (its
 * events and its metrics would show other campaigns).
 */
export function isWithin(token: WatchScope, target: WatchScope, node: ScopeNode): boolean {
  if (token.type === target.type) return token.id === target.id;
  if (target.type === 'Subgroup') return token.type === 'TaskForce' && (node as Subgroup).taskForceId === token.id;
  if (target.type === 'Project') {
    const project = node as Project;
    if (token.type === 'TaskForce') return project.taskForceId === token.id;
    if (token.type === 'Subgroup') return project.subgroupId === token.id;
    if (token.type === 'Unit') return project.unitId === token.id;
  }
  return false;
}

/** Loads the node a subscription watches: NOT_FOUND when it does not exist, FORBIDDEN outside a screen token's scope. */
export async function authorizeScope(loaders: Loaders, tokenScope: string | null | undefined, globalId: string): Promise<{ scope: WatchScope; node: ScopeNode; token: WatchScope | null }> {
  const scope = decodeScope(globalId);
  const node = await loadScopeNode(loaders, scope);
  if (!node) throw new NotFoundError(scope.type, globalId, 'scope');
  const token = tokenScope ? decodeScope(tokenScope, 'token scope') : null;
  if (token && !isWithin(token, scope, node)) throw new ForbiddenError('This screen token may only watch nodes inside its own scope.');
  return { scope, node, token };
}

/** Whether a change event lies inside a screen token's scope (null: the token or user may read everything). */
export function eventVisible(token: WatchScope | null, event: ChangeEvent): boolean {
  return token === null || event[token.column] === token.id;
}
