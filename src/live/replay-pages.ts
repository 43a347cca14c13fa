import { DataSource, MoreThan } from 'typeorm';
import { ChangeEvent } from '../domain/change/change-event.entity';
import { WatchScope } from '../domain/node/scope';

/** One read of the log: the events of a scope after `after`, and how far that read is known complete. */
export interface ReplayPage {
  after: number;
  events: ChangeEvent[];
  /** Every event of the scope with `after < seq <= through` is in `events`. */
  through: number;
}

interface CachedPage {
  scopeKey: string;
  after: number;
  /** Resolved once read; a failed read leaves the cache at once. */
  page: Promise<ReplayPage>;
  loaded: ReplayPage | null;
}

/**
 * Pages of the change log for replays, read from the database one page at a time and shared: a replay asks for the
 * page after its cursor, and any page of the same scope that starts at or before the cursor and reaches past it (read
 * or being read) serves it, so replays of one scope from the same or nearby cursors ride the same reads. The last
 * pages read are kept (a few dozen), so the cost of a burst of reconnecting screens is one read per page.
 */
export class ReplayPages {
  /** Oldest first (a Map keeps insertion order; a page used again moves to the end). */
  private readonly cache = new Map<string, CachedPage>();
  /** Log reads so far (for tests and the benchmark: one per page per scope, whatever the number of replays). */
  reads = 0;

  constructor(
    private readonly dataSource: DataSource,
    /** Every event up to this sequence number is committed (the change feed's position). */
    private readonly committedThrough: () => number,
    private readonly options: { pageSize: number; keepPages: number },
  ) {}

  get pageSize(): number {
    return this.options.pageSize;
  }

  /**
   * The events of `scope` after `cursor`, at most a page of them, and the sequence number they are complete to: past
   * the cursor whenever the change feed's position is.
   */
  async after(scope: WatchScope, cursor: number): Promise<ReplayPage> {
    const scopeKey = `${scope.column}:${scope.id}`;
    for (;;) {
      const cached = this.covering(scopeKey, cursor);
      if (!cached) return this.read(scope, scopeKey, cursor);
      const page = await cached.page;
      // A page being read when this replay came may end before the cursor; then look again.
      if (page.after <= cursor && page.through > cursor) {
        this.touch(cached);
        return page;
      }
    }
  }

  clear(): void {
    this.cache.clear();
  }

  /** The page that serves `cursor`: read and covering it, or being read from at or before it (latest start first). */
  private covering(scopeKey: string, cursor: number): CachedPage | null {
    let pending: CachedPage | null = null;
    for (const cached of this.cache.values()) {
      if (cached.scopeKey !== scopeKey || cached.after > cursor) continue;
      if (cached.loaded) {
        if (cached.loaded.through > cursor) return cached;
      } else if (!pending || cached.after > pending.after) {
        pending = cached;
      }
    }
    return pending;
  }

  private read(scope: WatchScope, scopeKey: string, cursor: number): Promise<ReplayPage> {
    const key = `${scopeKey}@${cursor}`;
    const cached: CachedPage = { scopeKey, after: cursor, loaded: null, page: Promise.resolve(null as unknown as ReplayPage) };
    cached.page = (async () => {
      // Read before the query: every event up to it is committed, so a short page is complete at least to there.
      const committed = this.committedThrough();
      this.reads += 1;
      const { pageSize } = this.options;
      const events = await this.dataSource.manager.find(ChangeEvent, {
        where: { seq: MoreThan(cursor), [scope.column]: scope.id },
        order: { seq: 'ASC' },
        take: pageSize,
      });
      const last = events.length ? events[events.length - 1].seq : cursor;
      // Sequence numbers commit in order, so a short page lists every event of the scope up to the later of the two.
      const page: ReplayPage = { after: cursor, events, through: events.length === pageSize ? last : Math.max(last, committed) };
      cached.loaded = page;
      return page;
    })();
    cached.page.catch(() => {
      if (this.cache.get(key) === cached) this.cache.delete(key);
    });
    this.cache.delete(key);
    this.cache.set(key, cached);
    this.evict();
    return cached.page;
  }

  private touch(cached: CachedPage): void {
    const key = `${cached.scopeKey}@${cached.after}`;
    if (this.cache.get(key) !== cached) return;
    this.cache.delete(key);
    this.cache.set(key, cached);
  }

  private evict(): void {
    for (const [key, cached] of this.cache) {
      if (this.cache.size <= this.options.keepPages) return;
      if (cached.loaded) this.cache.delete(key);
    }
  }
}
