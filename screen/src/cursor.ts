/**
 * The screen's place in the change log. `changes(scope, after)` replays from the last cursor seen and then goes on
 * live with no gap; after a cut the screen subscribes again from here, so a change made while it was away still
 * reaches the ticker, and an event delivered twice (the replay overlapping what already arrived) is shown once.
 * Cursors are the log's sequence numbers as text. Pure.
 */
export class CursorTracker {
  private last: bigint | null = null;

  constructor(initial?: string | null) {
    if (initial) this.advance(initial);
  }

  /** The cursor to pass as `after` when (re)subscribing; undefined before any event was seen. */
  get after(): string | undefined {
    return this.last === null ? undefined : this.last.toString();
  }

  /** True when `cursor` is newer than any seen (and takes it as the place); false for a repeat or an older one. */
  advance(cursor: string): boolean {
    if (!/^\d+$/.test(cursor)) return false;
    const value = BigInt(cursor);
    if (this.last !== null && value <= this.last) return false;
    this.last = value;
    return true;
  }

  /** Forgets the place (the log no longer holds it): the next subscription starts from now. */
  reset(): void {
    this.last = null;
  }
}

/** graphql-ws close codes after which reconnecting with the same token cannot help. */
export function closeReason(code: number | undefined): 'unauthorized' | 'forbidden' | 'retry' {
  if (code === 4401) return 'unauthorized';
  if (code === 4403) return 'forbidden';
  return 'retry';
}

/** Wait before the n-th reconnection attempt (1-based): 0.5 s, 1 s, 2 s, 4 s, then 8 s at most. */
export function reconnectDelay(attempt: number): number {
  return Math.min(8000, 500 * 2 ** Math.max(0, attempt - 1));
}
