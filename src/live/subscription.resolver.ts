import { Arg, Field, ObjectType, Resolver, Root, Subscription, ID } from 'type-graphql';
import { requireUser } from '../auth/guards';
import { Node } from '../common/node.interface';
import { ChangeEvent } from '../domain/change/change-event.entity';
import { AppError, BadInputError, ErrorCode } from '../errors/app-error';
import { Metrics } from '../metrics/metrics.type';
import { Channel } from './channel';
import { earliestSeq, latestSeq } from './change-feed';
import { LiveRequestContext, stillAllowed } from './live-context';
import { MetricsSnapshot } from './metrics-feed';
import { authorizeScope, eventVisible } from '../domain/node/scope';
import { liveSlices } from './time-slice';

@ObjectType({ description: 'A node\'s recomputed metrics.' })
export class MetricsUpdate {
  @Field(() => Node, { description: 'The task force, subgroup, unit or project the metrics are of.' })
  node!: Node;

  @Field(() => Metrics, { description: 'The node\'s metrics now.' })
  metrics!: Metrics;
}

/** Ends a stream whose reader fell too far behind; the client resumes from its last cursor. */
class TooSlowError extends AppError {
  constructor(lastCursor: number) {
    super(ErrorCode.CONFLICT, `This subscriber fell too far behind; subscribe again with after: "${lastCursor}" to resume.`, { resumeAfter: String(lastCursor) });
  }
}

/**
 * Every event under `scope` after `after` (default: the end of the log), in sequence order, with no gap and no
 * duplicate: the stream joins the process's change feed first (events past the feed's position arrive live and
 * wait while replaying), replays the log from the cursor, then releases what waited, dropping what was replayed.
 * The replay reads shared pages (ReplayPages) one at a time, the next once the client has taken the last.
 */
async function subscribeChanges(ctx: LiveRequestContext, scopeId: string, after: string | null | undefined): Promise<AsyncIterable<ChangeEvent>> {
  requireUser(ctx.user);
  const { feed, replays, limits, settings } = ctx.services.live;
  // The token's places are taken as the subscription arrives, before anything is awaited: a burst of replays is
  // counted in arrival order, whatever the time slices and the database make of the checks below.
  const closeSubscription = limits.openSubscription(ctx);
  let endReplay: () => void = () => {};
  try {
    if (after !== null && after !== undefined) endReplay = limits.startReplay(ctx);
  } catch (error) {
    closeSubscription();
    throw error;
  }
  let scope: Awaited<ReturnType<typeof authorizeScope>>['scope'];
  let token: Awaited<ReturnType<typeof authorizeScope>>['token'];
  let last: number;
  const manager = ctx.services.dataSource.manager;
  try {
    // A burst of subscriptions (a wall of screens reconnecting) is taken in time slices too.
    const turn = liveSlices.pass();
    if (turn) await turn;
    ({ scope, token } = await authorizeScope(ctx.loaders, ctx.tokenScope, scopeId));
    const latest = await latestSeq(manager);
    last = latest;
    if (after !== null && after !== undefined) {
      if (!/^\d{1,15}$/.test(after) || Number(after) > latest) {
        throw new BadInputError(`after "${after.slice(0, 20)}" is not a cursor of this change log (the latest is ${latest}).`, 'after');
      }
      const earliest = await earliestSeq(manager);
      if (earliest !== null && Number(after) < earliest - 1) {
        throw new BadInputError(`after "${after}" is older than the change log keeps (the earliest is ${earliest}); reload the view and subscribe without after.`, 'after');
      }
      last = Number(after);
    }
  } catch (error) {
    endReplay();
    closeSubscription();
    throw error;
  }

  let replaying = true;
  const waiting: ChangeEvent[] = [];
  const deliver = (event: ChangeEvent) => {
    if (event.seq <= last || channel.closed) return;
    last = event.seq;
    // The token may have been revoked or have expired since the socket opened, and the event must lie in its scope.
    if (!stillAllowed(ctx)) {
      void channel.return();
      return;
    }
    if (!eventVisible(token, event)) return;
    if (!channel.push(event)) channel.fail(new TooSlowError(event.seq - 1));
  };
  // The replay reads the log up to here; a long replay behind a busy log forgets what waited and reads further instead.
  let replayTo = 0;
  const onLive = (event: ChangeEvent) => {
    if (!replaying) return deliver(event);
    waiting.push(event);
    if (waiting.length >= settings.maxQueuedEvents) {
      waiting.length = 0;
      replayTo = event.seq;
    }
  };
  const membership = feed.listen(scope.column, scope.id, onLive);
  replayTo = membership.position;
  const channel = new Channel<ChangeEvent>(settings.maxQueuedEvents, () => {
    membership.stop();
    endReplay();
    closeSubscription();
  });

  void (async () => {
    try {
      // Only what the feed handed out before this stream joined needs reading here.
      let cursor = last;
      while (cursor < replayTo && !channel.closed) {
        const page = await replays.after(scope, cursor);
        if (page.through <= cursor) throw new Error(`change-log replay made no progress after ${cursor}`);
        for (const event of page.events) deliver(event);
        cursor = page.through;
        // Back-pressure: the next page is read once the client has taken this one.
        await channel.drained();
      }
      replaying = false;
      endReplay();
      for (const event of waiting.splice(0)) deliver(event);
    } catch (error) {
      channel.fail(error);
    }
  })();
  return channel;
}

/** The node's metrics now, then each time they change; shared by every subscriber of the node in this process. */
async function subscribeMetrics(ctx: LiveRequestContext, scopeId: string): Promise<AsyncIterable<MetricsUpdate>> {
  requireUser(ctx.user);
  const { scope, node } = await authorizeScope(ctx.loaders, ctx.tokenScope, scopeId);
  const closeSubscription = ctx.services.live.limits.openSubscription(ctx);
  let delivered: MetricsSnapshot | null = null;
  let stopWatching = () => {};
  const channel = new Channel<MetricsUpdate>(16, () => {
    stopWatching();
    closeSubscription();
  });
  const send = (snapshot: MetricsSnapshot) => {
    if (snapshot === delivered || channel.closed) return;
    if (!stillAllowed(ctx)) return void channel.return();
    delivered = snapshot;
    // Metrics supersede each other: a reader that is behind only needs the latest.
    channel.pushLatest({ node: snapshot.node as Node, metrics: snapshot.metrics as unknown as Metrics });
  };
  let watching: Awaited<ReturnType<typeof ctx.services.live.metrics.watch>>;
  try {
    watching = await ctx.services.live.metrics.watch(scope, node, send);
  } catch (error) {
    void channel.return();
    throw error;
  }
  stopWatching = watching.stop;
  if (watching.current) send(watching.current);
  return channel;
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => ChangeEvent, {
    description:
      'Every change under the node `scope` (task force, subgroup, unit or project), in sequence order. With `after` (the last cursor seen) the log is replayed from there first, then live events follow with no gap and no duplicate; a cursor this log does not hold is BAD_USER_INPUT.',
    subscribe: ({ args, context }) => subscribeChanges(context as LiveRequestContext, args.scope, args.after),
  })
  changes(@Root() event: ChangeEvent, @Arg('scope', () => ID, { description: 'The task force, subgroup, unit or project to watch (global ID).' }) _scope: string, @Arg('after', () => String, { description: 'Cursor of the last event seen: the log is replayed from there before live events follow.', nullable: true }) _after?: string): ChangeEvent {
    return event;
  }

  @Subscription(() => MetricsUpdate, {
    description: 'The node\'s metrics: the current state first, then a push each time they change (at most one per 250 ms, the last state always delivered).',
    subscribe: ({ args, context }) => subscribeMetrics(context as LiveRequestContext, args.scope),
  })
  metricsChanged(@Root() update: MetricsUpdate, @Arg('scope', () => ID, { description: 'The task force, subgroup, unit or project whose metrics to follow (global ID).' }) _scope: string): MetricsUpdate {
    return update;
  }
}
