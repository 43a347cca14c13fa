import { AppError, ErrorCode } from '../errors/app-error';
import { LiveRequestContext } from './live-context';

export type LiveLimitReason = 'TOO_MANY_SUBSCRIPTIONS' | 'TOO_MANY_REPLAYS';

/** A token has as many subscriptions open, or replays running, as it may (README, "Live updates"). */
export class LiveLimitError extends AppError {
  constructor(reason: LiveLimitReason, limit: number, variable: string, message: string) {
    super(ErrorCode.BAD_USER_INPUT, `${message} (at most ${limit} per token, ${variable}).`, { reason, limit, variable });
    this.name = 'LiveLimitError';
  }
}

/** Whose limits apply: a screen token's own, or a user's over all of their sessions. */
function holderOf(ctx: LiveRequestContext): string {
  if (ctx.screenTokenId) return `screen:${ctx.screenTokenId}`;
  return `user:${ctx.user?.dbId ?? '-'}`;
}

class Counter {
  private readonly byHolder = new Map<string, number>();

  count(holder: string): number {
    return this.byHolder.get(holder) ?? 0;
  }

  get total(): number {
    let total = 0;
    for (const count of this.byHolder.values()) total += count;
    return total;
  }

  /** Counts one more for `holder` unless it already has `limit`; the release counts it down once. */
  take(holder: string, limit: number): (() => void) | null {
    const count = this.count(holder);
    if (count >= limit) return null;
    this.byHolder.set(holder, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.count(holder) - 1;
      if (left > 0) this.byHolder.set(holder, left);
      else this.byHolder.delete(holder);
    };
  }
}

/**
 * Per-token bounds of one process: subscriptions open at once (changes and metricsChanged, over all sockets) and
 * change-log replays running at once. A replay reads and sends the backlog; a token's screens reconnecting all
 * together queue behind each other instead of all reading at once.
 */
export class LiveLimits {
  private readonly subscriptions = new Counter();
  private readonly replays = new Counter();

  constructor(private readonly settings: { maxSubscriptionsPerToken: number; maxReplaysPerToken: number }) {}

  /** Counts a subscription of the caller until the returned release is called; LiveLimitError past the limit. */
  openSubscription(ctx: LiveRequestContext): () => void {
    const limit = this.settings.maxSubscriptionsPerToken;
    const release = this.subscriptions.take(holderOf(ctx), limit);
    if (!release) throw new LiveLimitError('TOO_MANY_SUBSCRIPTIONS', limit, 'LIVE_MAX_SUBSCRIPTIONS_PER_TOKEN', `This token already has ${limit} subscriptions open; close one first`);
    return release;
  }

  /** Counts a replay of the change log until the returned release is called; LiveLimitError past the limit. */
  startReplay(ctx: LiveRequestContext): () => void {
    const limit = this.settings.maxReplaysPerToken;
    const release = this.replays.take(holderOf(ctx), limit);
    if (!release) throw new LiveLimitError('TOO_MANY_REPLAYS', limit, 'LIVE_MAX_REPLAYS_PER_TOKEN', `This token already has ${limit} change-log replays running; subscribe again with after once one has caught up`);
    return release;
  }

  /** Subscriptions open and replays running, over every token (for tests and health figures). */
  get totals(): { subscriptions: number; replays: number } {
    return { subscriptions: this.subscriptions.total, replays: this.replays.total };
  }
}
