import { DataSource } from 'typeorm';
import { ProjectQueryService } from '../domain/project/project-query.service';
import { MetricsService } from '../metrics/metrics.service';
import { onChangesCommitted } from '../domain/change/change-log';
import { ChangeFeed } from './change-feed';
import { LiveLimits } from './live-limits';
import { MetricsFeed } from './metrics-feed';
import { CommitNotifier } from './notifier';
import { ReplayPages } from './replay-pages';

/** Live settings read from the environment (see README, "Live updates"). */
export interface LiveSettings {
  /** Cross-process wake-ups; unset: this process works alone. */
  redisUrl?: string;
  /** Prefix of the Redis channels, so deployments sharing a Redis do not wake each other. */
  redisPrefix: string;
  /** First Redis reconnection delay (backing off to 20 times it). */
  redisRetryMs: number;
  /** Safety-net poll of the change log. */
  pollMs: number;
  /** WebSocket ping interval; a client that misses a pong is dropped. */
  keepAliveMs: number;
  /** Open sockets per process; further upgrades are refused with 503. */
  maxConnections: number;
  /** Operations at once on one socket. */
  maxSubscriptionsPerConnection: number;
  /** Events queued for one slow subscriber before its stream ends (it resumes with its cursor). */
  maxQueuedEvents: number;
  /** Subscriptions open at once per token (a screen token, or a user over all of their sessions). */
  maxSubscriptionsPerToken: number;
  /** Change-log replays (`changes` with `after`) running at once per token. */
  maxReplaysPerToken: number;
  /** Events per read of the change log when replaying. */
  replayPageSize: number;
}

/** Replay pages kept for replays that follow (at `replayPageSize` events each). */
const keptReplayPages = 32;

/** Metrics pushes per node are at least this far apart. */
export const metricsCoalesceMs = 250;

/**
 * Everything live in one process: the commit notifier (local, and Redis when configured), the one change-log
 * reader, the shared pages of replays, the per-token bounds, and the shared metrics of watched nodes.
 */
export class LiveService {
  readonly notifier = new CommitNotifier();
  readonly feed: ChangeFeed;
  readonly metrics: MetricsFeed;
  readonly replays: ReplayPages;
  readonly limits: LiveLimits;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    metricsService: MetricsService,
    projectQuery: ProjectQueryService,
    readonly settings: LiveSettings,
  ) {
    this.feed = new ChangeFeed(dataSource, { pollMs: settings.pollMs });
    this.replays = new ReplayPages(dataSource, () => this.feed.position, {
      // A page goes into a subscriber's queue whole.
      pageSize: Math.min(settings.replayPageSize, settings.maxQueuedEvents),
      keepPages: keptReplayPages,
    });
    this.limits = new LiveLimits(settings);
    this.metrics = new MetricsFeed(dataSource, metricsService, projectQuery, { coalesceMs: metricsCoalesceMs, refreshMs: 60_000 });
  }

  async start(): Promise<void> {
    await this.feed.start();
    this.metrics.start(this.feed);
    const wake = this.notifier.onCommitted(() => this.feed.wake());
    // Every commit that recorded changes (domain/change/change-log.ts) wakes the readers here and, through Redis, elsewhere.
    const committed = onChangesCommitted(this.dataSource, () => this.notifier.notifyCommitted());
    this.unsubscribe = () => {
      wake();
      committed();
    };
    if (this.settings.redisUrl) await this.notifier.connectRedis(this.settings.redisUrl, this.settings.redisPrefix, this.settings.redisRetryMs);
  }

  /** Call after a change that may invalidate tokens: every process re-checks its sockets. */
  notifySessionsChanged(): void {
    this.notifier.notifySessionsChanged();
  }

  onSessionsChanged(listener: () => void): () => void {
    return this.notifier.onSessionsChanged(listener);
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.metrics.stop();
    this.feed.stop();
    this.replays.clear();
    await this.notifier.close();
  }
}
