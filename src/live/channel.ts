/**
 * A bounded queue read as an async iterator: the producer pushes, graphql-ws pulls. `return()` (the client
 * completed, or the socket closed) runs the cleanup once, so the producer stops feeding it.
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((error: unknown) => void) | null = null;
  private drainWaiters: Array<() => void> = [];
  private done = false;
  private error: unknown = null;

  constructor(
    /** Past this many queued items, `push` refuses (the reader is too slow). */
    private readonly capacity: number,
    private readonly cleanup: () => void,
  ) {}

  get closed(): boolean {
    return this.done;
  }

  get size(): number {
    return this.queue.length;
  }

  /** Queues one item; false when the channel is closed or full. */
  push(value: T): boolean {
    // After a failure nothing more is queued: the stream ends at the first refused item, so a client resuming
    // from the error's cursor gets every later event (none is dropped in between).
    if (this.done || this.error !== null) return false;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.failWaiting = null;
      resolve({ value, done: false });
      return true;
    }
    if (this.queue.length >= this.capacity) return false;
    this.queue.push(value);
    return true;
  }

  /** Queues one item, dropping the oldest queued one when full (for values that supersede each other). */
  pushLatest(value: T): void {
    if (!this.done && !this.waiting && this.queue.length >= this.capacity) this.queue.shift();
    this.push(value);
  }

  /** Resolves once the reader has taken everything queued (or the channel closed): a replay reads its next page then. */
  async drained(): Promise<void> {
    while (!this.done && this.queue.length > 0) {
      await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    }
  }

  /** Ends the stream with an error after what is already queued. */
  fail(error: unknown): void {
    // The first failure stands: its resume cursor is the last item actually queued.
    if (this.done || this.error !== null) return;
    this.error = error;
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.waiting = null;
      this.failWaiting = null;
      this.finish();
      reject(error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) {
      const value = this.queue.shift() as T;
      if (this.drainWaiters.length && this.queue.length === 0) this.wakeDrained();
      return Promise.resolve({ value, done: false });
    }
    if (this.error !== null && !this.done) {
      const error = this.error;
      this.finish();
      return Promise.reject(error);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.queue.length = 0;
    if (this.waiting) this.waiting({ value: undefined, done: true });
    this.waiting = null;
    this.failWaiting = null;
    this.wakeDrained();
    this.cleanup();
  }

  private wakeDrained(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const wake of waiters) wake();
  }
}
