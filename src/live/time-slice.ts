import { performance } from 'node:perf_hooks';

/**
 * Shares the event loop between streams that have a lot to send (a replay of thousands of events, a burst of an
 * import's changes to many subscribers). Each unit of work asks `pass()` first: while the current turn of the event
 * loop has spent less than the budget it goes on at once; past it, it waits for a later turn, so timers, HTTP
 * requests and other sockets get in between. Waiters resume in arrival order, a bounded number per turn.
 */
export class TimeSlicer {
  private sliceStartedAt = 0;
  private sliceOpen = false;
  private readonly waiting: Array<() => void> = [];
  /** Times a unit of work had to wait for a later turn (for tests). */
  deferrals = 0;

  constructor(
    readonly budgetMs: number,
    /** Waiters resumed per turn: each does at least one unit of work before it can be stopped again. */
    private readonly resumePerTurn = 64,
  ) {}

  /** null: go on now; otherwise a promise that resolves in a later turn of the event loop. */
  pass(): Promise<void> | null {
    const now = performance.now();
    if (!this.sliceOpen) this.openSlice(now);
    if (now - this.sliceStartedAt < this.budgetMs) return null;
    this.deferrals += 1;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private openSlice(now: number): void {
    this.sliceOpen = true;
    this.sliceStartedAt = now;
    // setImmediate runs after this turn's I/O callbacks: the next slice starts in a new turn.
    setImmediate(this.nextTurn);
  }

  private readonly nextTurn = (): void => {
    this.sliceOpen = false;
    if (!this.waiting.length) return;
    this.openSlice(performance.now());
    for (const resume of this.waiting.splice(0, this.resumePerTurn)) resume();
  };
}

/** The event loop is the process's: one slicer for every live stream in it. About 10 ms of live work per turn. */
export const liveSlices = new TimeSlicer(10);
