import { BadInputError } from '../errors/app-error';
import { defaultPageSize } from './args';

/**
 * Relay paging of a list in both directions: forward with `first`/`after`, backward with `last`/`before` (the page
 * that ends just before the cursor, or the list's last page without one). Edges always come in the list's order.
 */
export interface PageRequest {
  /** Items wanted. */
  size: number;
  /** `after` (forward) or `before` (backward); null for the list's first or last page. */
  cursor: string | null;
  backward: boolean;
}

export interface PagingArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Reads the four Relay arguments; mixing the two directions is BAD_USER_INPUT naming the argument. */
export function pageRequest(args: PagingArgs, max: number): PageRequest {
  const has = (value: unknown) => value !== undefined && value !== null;
  if (has(args.first) && has(args.last)) throw new BadInputError('Give first (paging forward) or last (paging backward), not both.', 'last');
  if (has(args.after) && has(args.before)) throw new BadInputError('Give after (paging forward) or before (paging backward), not both.', 'before');
  const backward = has(args.last) || has(args.before);
  if (backward && has(args.first)) throw new BadInputError('before pages backward: give last with it, not first.', 'first');
  if (backward && has(args.after)) throw new BadInputError('last pages backward: give before with it, not after.', 'after');
  const field = backward ? 'last' : 'first';
  const size = (backward ? args.last : args.first) ?? defaultPageSize;
  if (!Number.isInteger(size) || size < 0 || size > max) throw new BadInputError(`${field} must be between 0 and ${max}.`, field);
  return { size, cursor: (backward ? args.before : args.after) ?? null, backward };
}

/**
 * A page from `rows`, fetched in the request's direction, one more than wanted (the extra tells whether more lie
 * that way): the page in the list's order and its PageInfo flags. The side the cursor came from holds at least the
 * cursor's own item.
 */
export function pageOf<T>(rows: T[], request: PageRequest): { items: T[]; hasNextPage: boolean; hasPreviousPage: boolean } {
  const items = rows.slice(0, request.size);
  const more = rows.length > request.size;
  if (!request.backward) return { items, hasNextPage: more, hasPreviousPage: request.cursor !== null };
  return { items: items.reverse(), hasNextPage: request.cursor !== null, hasPreviousPage: more };
}

/**
 * The page of an ordered list held in memory. `boundary`: forward, the index of the page's first item (after the
 * cursor's, or 0); backward, the index the page ends before (the cursor's, or the list's length).
 */
export function slicePage<T>(all: T[], request: PageRequest, boundary: number): { items: T[]; hasNextPage: boolean; hasPreviousPage: boolean } {
  if (!request.backward) {
    const items = all.slice(boundary, boundary + request.size);
    return { items, hasNextPage: boundary + request.size < all.length, hasPreviousPage: boundary > 0 };
  }
  const start = Math.max(0, boundary - request.size);
  return { items: all.slice(start, boundary), hasNextPage: boundary < all.length, hasPreviousPage: start > 0 };
}
