import { BadInputError } from '../errors/app-error';

/** GraphQL type names that carry global IDs. */
export type NodeTypeName =
  | 'TaskForce'
  | 'Subgroup'
  | 'Unit'
  | 'Person'
  | 'Project'
  | 'Target'
  | 'Task'
  | 'ProgressReport'
  | 'Problem'
  | 'User'
  | 'ScreenToken'
  | 'RoleAssignment'
  | 'ChangeEvent';

const nodeTypes = new Set<string>([
  'TaskForce', 'Subgroup', 'Unit', 'Person', 'Project', 'Target', 'Task', 'ProgressReport', 'Problem', 'User', 'ScreenToken', 'RoleAssignment', 'ChangeEvent',
]);

/** Opaque, URL-safe global ID: base64url("Type:123"). */
export function toGlobalId(type: NodeTypeName, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** Decodes a global ID; returns null when it is not one of ours. */
export function parseGlobalId(globalId: string): { type: NodeTypeName; id: number } | null {
  if (typeof globalId !== 'string' || globalId.length === 0 || globalId.length > 64) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(decoded);
  if (!match || !nodeTypes.has(match[1])) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id)) return null;
  return { type: match[1] as NodeTypeName, id };
}

/** Decodes a global ID that must be of one of `types`; BAD_USER_INPUT naming `field` otherwise. */
export function decodeId<T extends NodeTypeName>(globalId: string, types: T | T[], field: string): { type: T; id: number } {
  const allowed = Array.isArray(types) ? types : [types];
  const parsed = parseGlobalId(globalId);
  if (!parsed || !allowed.includes(parsed.type as T)) {
    throw new BadInputError(`${field} must be the ID of a ${allowed.join(' or ')}, got "${String(globalId).slice(0, 64)}".`, field);
  }
  return parsed as { type: T; id: number };
}
