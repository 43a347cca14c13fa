import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { logger } from '../common/logger';
import { ChangeEvent } from '../domain/change/change-event.entity';
import { ScopeColumn } from '../domain/node/scope';
import { liveSlices } from './time-slice';

export type ChangeListener = (event: ChangeEvent) => void;

const scopeColumns: readonly ScopeColumn[] = ['taskForceId', 'subgroupId', 'unitId', 'projectId'];

export async function latestSeq(manager: EntityManager): Promise<number> {
  const row = await manager.createQueryBuilder(ChangeEvent, 'e').select('MAX(e.seq)', 'max').getRawOne<{ max: string | number | null }>();
  return Number(row?.max ?? 0);
}

export async function earliestSeq(manager: EntityManager): Promise<number | null> {
  const row = await manager.createQueryBuilder(ChangeEvent, 'e').select('MIN(e.seq)', 'min').getRawOne<{ min: string | number | null }>();
  return row?.min === null || row?.min === undefined ? null : Number(row.min);
}

/**
 * The one reader of the change log in this process. Woken by a commit (here, or elsewhere through Redis) or by
 * the poll timer, it reads `seq > cursor` in order and hands each event to the listeners of the nodes it falls
 * under, so N subscribers cost one query per wake-up, not N.
 */
export class ChangeFeed {
  private cursor = 0;
  private started = false;
  private reading = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly byNode = new Map<string, Set<ChangeListener>>();
  private readonly everything = new Set<ChangeListener>();
  /** Log reads so far (for tests and the benchmark: one per wake-up, whatever the number of subscribers). */
  reads = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { pollMs: number; batch?: number },
  ) {}

  /** Starts from the end of the log and polls as a safety net (a lost wake-up costs at most one poll interval). */
  async start(): Promise<void> {
    if (this.started) return;
    this.cursor = await latestSeq(this.dataSource.manager);
    this.started = true;
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.started = false;
    this.byNode.clear();
    this.everything.clear();
  }

  /** The last sequence number handed to listeners: every later event will reach listeners added now. */
  get position(): number {
    return this.cursor;
  }

  /** Reads the log now (or again right after the read in progress). */
  wake(): void {
    if (!this.started) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    void this.read();
  }

  /**
   * Calls `listener` with every event under the node (`column` = `id`) read from now on, and returns the position
   * at the moment of joining: events after it will arrive, events up to it are for the caller to replay.
   */
  listen(column: ScopeColumn, id: number, listener: ChangeListener): { position: number; stop: () => void } {
    const key = `${column}:${id}`;
    let set = this.byNode.get(key);
    if (!set) {
      set = new Set();
      this.byNode.set(key, set);
    }
    set.add(listener);
    return {
      position: this.cursor,
      stop: () => {
        const current = this.byNode.get(key);
        current?.delete(listener);
        if (current && current.size === 0) this.byNode.delete(key);
      },
    };
  }

  /** Calls `listener` with every event read from now on. */
  listenAll(listener: ChangeListener): () => void {
    this.everything.add(listener);
    return () => this.everything.delete(listener);
  }

  get listenerCount(): number {
    let count = this.everything.size;
    for (const set of this.byNode.values()) count += set.size;
    return count;
  }

  private async read(): Promise<void> {
    this.reading = true;
    const batch = this.options.batch ?? 500;
    try {
      do {
        this.again = false;
        for (;;) {
          this.reads += 1;
          const events = await this.dataSource.manager.find(ChangeEvent, { where: { seq: MoreThan(this.cursor) }, order: { seq: 'ASC' }, take: batch });
          // The cursor moves and the event goes out in the same tick, so a listener that joins sees either the
          // position before an event (and gets it live) or after it (and replays it). A batch to many listeners
          // is handed out over several turns of the event loop.
          for (const event of events) {
            const turn = liveSlices.pass();
            if (turn) await turn;
            if (!this.started) return;
            this.cursor = event.seq;
            this.dispatch(event);
          }
          if (events.length < batch || !this.started) break;
        }
      } while (this.again && this.started);
    } catch (error) {
      if (this.started) logger.warn('change log read failed; retrying on the next wake-up', { error: (error as Error).message });
    } finally {
      this.reading = false;
    }
  }

  private dispatch(event: ChangeEvent): void {
    for (const listener of this.everything) this.safely(listener, event);
    for (const column of scopeColumns) {
      const id = event[column];
      if (id === null || id === undefined) continue;
      const set = this.byNode.get(`${column}:${id}`);
      if (set) for (const listener of set) this.safely(listener, event);
    }
  }

  private safely(listener: ChangeListener, event: ChangeEvent): void {
    try {
      listener(event);
    } catch (error) {
      logger.error('change listener failed', { error: error as Error });
    }
  }
}
