import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { EntityManager, MoreThan } from 'typeorm';
import { decodeId, NodeTypeName } from '../common/global-id';
import { Node } from '../common/node.interface';
import { ChangeEvent } from '../domain/change/change-event.entity';
import { BadInputError, NotFoundError } from '../errors/app-error';
import { today } from '../metrics/dates';
import { MetricsNodeKind } from '../metrics/metrics.service';
import { Metrics } from '../metrics/metrics.type';
import { createLoaders } from '../loaders/loaders';
import { RequestContext } from '../server/context';
import { requireUser } from '../auth/guards';

@ObjectType({ description: 'A node\'s recomputed metrics.' })
export class MetricsUpdate {
  @Field(() => Node)
  node!: Node;

  @Field(() => Metrics)
  metrics!: Metrics;
}

const scopeColumn: Partial<Record<NodeTypeName, 'taskForceId' | 'subgroupId' | 'unitId' | 'projectId'>> = {
  TaskForce: 'taskForceId',
  Subgroup: 'subgroupId',
  Unit: 'unitId',
  Project: 'projectId',
};
const metricsKind: Partial<Record<NodeTypeName, MetricsNodeKind>> = { TaskForce: 'TASK_FORCE', Subgroup: 'SUBGROUP', Unit: 'UNIT', Project: 'PROJECT' };
const pollMs = 1000;
const batch = 500;

async function latestSeq(manager: EntityManager): Promise<number> {
  const row = await manager.createQueryBuilder(ChangeEvent, 'e').select('MAX(e.seq)', 'max').getRawOne<{ max: string | number | null }>();
  return Number(row?.max ?? 0);
}

function decodeScope(scope: string) {
  const { type, id } = decodeId(scope, ['TaskForce', 'Subgroup', 'Unit', 'Project'], 'scope');
  return { type, id, column: scopeColumn[type]!, kind: metricsKind[type]! };
}

/** Replays the change log after a cursor, then follows it live: in sequence order, no gap, no duplicate. */
async function* changeStream(ctx: RequestContext, scope: string, after: string | null | undefined): AsyncGenerator<ChangeEvent> {
  requireUser(ctx.user);
  const { column, id } = decodeScope(scope);
  const manager = ctx.services.dataSource.manager;
  const latest = await latestSeq(manager);
  let cursor = latest;
  if (after !== null && after !== undefined) {
    if (!/^\d{1,15}$/.test(after) || Number(after) > latest) throw new BadInputError(`after "${after.slice(0, 20)}" is not a cursor of this change log (latest is ${latest}).`, 'after');
    cursor = Number(after);
  }
  const stop = { stopped: false };
  try {
    for (;;) {
      const events = await manager.find(ChangeEvent, { where: { seq: MoreThan(cursor), [column]: id }, order: { seq: 'ASC' }, take: batch });
      for (const event of events) {
        cursor = event.seq;
        yield event;
      }
      if (events.length < batch) await ctx.services.live.next(pollMs, stop);
    }
  } finally {
    stop.stopped = true;
  }
}

/** Pushes the node's metrics when (and only when) they change; at most one push per 250 ms. */
async function* metricsStream(ctx: RequestContext, scope: string): AsyncGenerator<MetricsUpdate> {
  requireUser(ctx.user);
  const { type, id, kind } = decodeScope(scope);
  const manager = ctx.services.dataSource.manager;
  let last = '';
  for (;;) {
    const loaders = createLoaders(manager, ctx.services.metrics, ctx.services.projectQuery);
    const node = await (type === 'TaskForce' ? loaders.taskForce : type === 'Subgroup' ? loaders.subgroup : type === 'Unit' ? loaders.unit : loaders.project).load(id);
    if (!node) throw new NotFoundError(type, scope, 'scope');
    const metrics = await loaders.metrics.load({ kind, id, asOf: today() });
    const signature = JSON.stringify(metrics);
    if (signature !== last) {
      last = signature;
      yield { node: node as Node, metrics: metrics as Metrics };
    }
    await ctx.services.live.next(pollMs * 5);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => ChangeEvent, {
    description: 'Every change under the node `scope` (task force, subgroup, unit or project), in sequence order. With `after` (the last cursor seen) the log is replayed from there first.',
    subscribe: ({ args, context }) => changeStream(context as RequestContext, args.scope, args.after),
  })
  changes(@Root() event: ChangeEvent, @Arg('scope', () => ID) _scope: string, @Arg('after', () => String, { nullable: true }) _after?: string): ChangeEvent {
    return event;
  }

  @Subscription(() => MetricsUpdate, {
    description: 'The node\'s metrics, pushed when they changed (first push: the current state).',
    subscribe: ({ args, context }) => metricsStream(context as RequestContext, args.scope),
  })
  metricsChanged(@Root() update: MetricsUpdate, @Arg('scope', () => ID) _scope: string): MetricsUpdate {
    return update;
  }
}
