import { DataSource } from 'typeorm';
import { logger } from '../common/logger';
import { ChangeEvent } from '../domain/change/change-event.entity';
import { ProjectQueryService } from '../domain/project/project-query.service';
import { createLoaders } from '../loaders/loaders';
import { resolveAsOf } from '../common/args';
import { MetricsValue } from '../metrics/indicators';
import { MetricsService } from '../metrics/metrics.service';
import { ChangeFeed } from './change-feed';
import { loadScopeNode, ScopeNode, WatchScope } from '../domain/node/scope';

/** A node's metrics as pushed to every subscriber of the node. */
export interface MetricsSnapshot {
  node: ScopeNode;
  metrics: MetricsValue;
}

type MetricsListener = (snapshot: MetricsSnapshot) => void;

interface WatchedNode {
  scope: WatchScope;
  /** The task force of a subgroup, project or task force (null for a unit, which spans task forces). */
  taskForceId: number | null;
  listeners: Set<MetricsListener>;
  latest: MetricsSnapshot | null;
  signature: string;
  dirty: boolean;
  computing: boolean;
  timer: NodeJS.Timeout | null;
  lastComputeAt: number;
  /** The first computation, which every early subscriber awaits. */
  ready: Promise<void>;
}

/**
 * Keeps the metrics of every watched node of this process: recomputed once per node per batch whatever the
 * number of subscribers, at most once per `coalesceMs` per node (a burst of commits becomes one computation,
 * and a change during a computation triggers another, so the last state is always delivered), and pushed
 * only when the result differs from the last push.
 */
export class MetricsFeed {
  private readonly nodes = new Map<string, WatchedNode>();
  private readonly due = new Set<WatchedNode>();
  private flushScheduled = false;
  private stopFeed: (() => void) | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Node computations so far (one per node per batch), for tests and the benchmark. */
  computations = 0;
  /** Batches so far. */
  batches = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    private readonly projectQuery: ProjectQueryService,
    private readonly options: { coalesceMs: number; refreshMs: number },
  ) {}

  start(feed: ChangeFeed): void {
    this.stopped = false;
    this.stopFeed = feed.listenAll((event) => this.onEvent(event));
    // Time progress and the as-of date move with the clock, not only with commits.
    this.refreshTimer = setInterval(() => {
      for (const node of this.nodes.values()) this.markDirty(node);
    }, this.options.refreshMs);
    this.refreshTimer.unref();
  }

  stop(): void {
    this.stopped = true;
    this.stopFeed?.();
    this.stopFeed = null;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    for (const node of this.nodes.values()) if (node.timer) clearTimeout(node.timer);
    this.nodes.clear();
    this.due.clear();
  }

  get watchedNodes(): number {
    return this.nodes.size;
  }

  /**
   * Calls `listener` with the node's metrics each time they change, and returns the current ones; the caller
   * has already checked the node exists and may be watched.
   */
  async watch(scope: WatchScope, node: ScopeNode, listener: MetricsListener): Promise<{ current: MetricsSnapshot | null; stop: () => void }> {
    const key = `${scope.type}:${scope.id}`;
    let watched = this.nodes.get(key);
    if (!watched) {
      const created: WatchedNode = {
        scope,
        taskForceId: scope.type === 'TaskForce' ? scope.id : scope.type === 'Unit' ? null : (node as { taskForceId: number }).taskForceId,
        listeners: new Set(),
        latest: null,
        signature: '',
        dirty: false,
        computing: false,
        timer: null,
        lastComputeAt: 0,
        ready: Promise.resolve(),
      };
      created.ready = this.compute([created]);
      this.nodes.set(key, created);
      watched = created;
    }
    const entry = watched;
    entry.listeners.add(listener);
    const stop = () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0 && this.nodes.get(key) === entry) {
        this.nodes.delete(key);
        this.due.delete(entry);
        if (entry.timer) clearTimeout(entry.timer);
      }
    };
    await entry.ready;
    return { current: entry.latest, stop };
  }

  /** Which watched nodes a change may move: its own nodes, and (conservatively) everything in its task force. */
  private onEvent(event: ChangeEvent): void {
    for (const node of this.nodes.values()) {
      const { scope } = node;
      const affected =
        scope.type === 'Unit'
          ? event.unitId === scope.id || event.entity === 'TaskForce'
          : (event.taskForceId !== null && event.taskForceId === node.taskForceId) || event[scope.column] === scope.id;
      if (affected) this.markDirty(node);
    }
  }

  private markDirty(node: WatchedNode): void {
    if (this.stopped) return;
    node.dirty = true;
    if (node.timer || node.computing || this.due.has(node)) return;
    const wait = Math.max(0, node.lastComputeAt + this.options.coalesceMs - Date.now());
    node.timer = setTimeout(() => {
      node.timer = null;
      this.due.add(node);
      this.scheduleFlush();
    }, wait);
  }

  /** Nodes that fall due together are computed in one batch. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const batch = [...this.due].filter((node) => this.nodes.has(`${node.scope.type}:${node.scope.id}`));
      this.due.clear();
      if (batch.length) void this.compute(batch);
    });
  }

  private async compute(batch: WatchedNode[]): Promise<void> {
    const startedAt = Date.now();
    for (const node of batch) {
      node.computing = true;
      node.dirty = false;
      node.lastComputeAt = startedAt;
    }
    this.batches += 1;
    this.computations += batch.length;
    try {
      const loaders = createLoaders(this.dataSource.manager, this.metrics, this.projectQuery);
      const results = await Promise.all(
        batch.map(async (node) => {
          // The date a query without asOf reads: today, or the end of the node's task force's period once it ended
          // (a unit across task forces: today).
          const taskForce = node.taskForceId === null ? null : await loaders.taskForce.load(node.taskForceId);
          const asOf = resolveAsOf(null, 'asOf', taskForce);
          const [row, metrics] = await Promise.all([loadScopeNode(loaders, node.scope), loaders.metrics.load({ kind: node.scope.kind, id: node.scope.id, asOf })]);
          return { node, row, metrics };
        }),
      );
      for (const { node, row, metrics } of results) {
        if (!row) continue;
        const signature = JSON.stringify(metrics);
        if (signature === node.signature) continue;
        node.signature = signature;
        node.latest = { node: row, metrics };
        for (const listener of node.listeners) listener(node.latest);
      }
    } catch (error) {
      if (!this.stopped) logger.warn('metrics recomputation failed; retrying', { error: (error as Error).message });
      for (const node of batch) node.dirty = true;
    } finally {
      for (const node of batch) {
        node.computing = false;
        if (node.dirty) this.markDirty(node);
      }
    }
  }
}
