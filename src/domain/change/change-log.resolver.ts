import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { requireUser } from '../../auth/guards';
import { defaultPageSize } from '../../common/args';
import { decodeId, parseGlobalId } from '../../common/global-id';
import { BadInputError, ForbiddenError } from '../../errors/app-error';
import { RequestContext } from '../../common/request-context';
import { Role } from '../user/user.entity';
import { ChangeEvent } from './change-event.entity';
import { ChangeEventConnection, ChangeLogFilter, ChangeLogOrder, FieldChange } from './change-log.inputs';

const scopeColumns = { TaskForce: 'task_force_id', Subgroup: 'subgroup_id', Unit: 'unit_id', Project: 'project_id' } as const;
/** Changes to accounts and tokens are for the leading-group office only. */
const adminOnlyEntities = ['User', 'ScreenToken'];

function parseInstant(value: string, field: string): Date {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+08:00`) : new Date(value);
  if (Number.isNaN(instant.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw new BadInputError(`${field} must be an ISO date or timestamp, got "${value.slice(0, 40)}".`, field);
  return instant;
}

@Resolver(() => ChangeEvent)
export class ChangeLogResolver {
  @Query(() => ChangeEventConnection, { description: 'The audit trail: who changed what, when, with each field\'s value before and after. Newest first unless `order` says otherwise.' })
  async changeLog(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ChangeLogFilter, { description: 'Narrows the trail by node, entity, actor or time.', nullable: true }) filter: ChangeLogFilter | null,
    @Arg('first', () => Int, { description: 'Page size (default 50, at most 500).', nullable: true }) first: number | null,
    @Arg('after', () => String, { description: 'Cursor of the last event already seen; the page starts after it.', nullable: true }) after: string | null,
    @Arg('order', () => ChangeLogOrder, { description: 'OLDEST_FIRST (default) or NEWEST_FIRST.', nullable: true }) order: ChangeLogOrder | null,
  ): Promise<ChangeEventConnection> {
    const user = requireUser(ctx.user);
    const limit = first ?? defaultPageSize;
    const max = ctx.services.config.limits.maxPageSize;
    if (!Number.isInteger(limit) || limit < 0 || limit > max) throw new BadInputError(`first must be from 0 to ${max}, got ${limit}.`, 'first');
    if (after !== null && after !== undefined && !/^[1-9]\d{0,15}$/.test(after)) throw new BadInputError(`after must be a cursor from this list, got "${after.slice(0, 20)}".`, 'after');
    const newestFirst = (order ?? ChangeLogOrder.NEWEST_FIRST) === ChangeLogOrder.NEWEST_FIRST;
    if (ctx.screenTokenId !== null && ctx.screenTokenId !== undefined && ctx.tokenScope && filter?.scope !== ctx.tokenScope) {
      throw new ForbiddenError('This screen token reads the change log of its own scope only: pass filter.scope = the token\'s scope.');
    }

    if (ctx.screenTokenId && filter?.actor) throw new ForbiddenError('A screen token sees display names, not usernames: it cannot filter the change log by actor.');
    const qb = ctx.manager.createQueryBuilder(ChangeEvent, 'e');
    this.applyFilter(qb, filter ?? {});
    if (user.role !== Role.ADMIN) qb.andWhere('e.entity NOT IN (:...adminOnly)', { adminOnly: adminOnlyEntities });
    const totalCount = await qb.clone().getCount();
    if (after) qb.andWhere(newestFirst ? 'e.seq < :after' : 'e.seq > :after', { after: Number(after) });
    const rows = await qb.orderBy('e.seq', newestFirst ? 'DESC' : 'ASC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    return {
      edges: page.map((node) => ({ cursor: node.cursor, node })),
      nodes: page,
      pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage: false, startCursor: page[0]?.cursor ?? null, endCursor: page.at(-1)?.cursor ?? null },
      totalCount,
    };
  }

  private applyFilter(qb: SelectQueryBuilder<ChangeEvent>, filter: ChangeLogFilter): void {
    if (filter.scope) {
      const { type, id } = decodeId(filter.scope, ['TaskForce', 'Subgroup', 'Unit', 'Project'], 'filter.scope');
      qb.andWhere(`e.${scopeColumns[type]} = :scopeId`, { scopeId: id });
    }
    if (filter.entity) qb.andWhere('e.entity = :entity', { entity: filter.entity });
    if (filter.entityId) {
      if (!parseGlobalId(filter.entityId)) throw new BadInputError(`filter.entityId must be a global ID, got "${filter.entityId.slice(0, 64)}".`, 'filter.entityId');
      qb.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    }
    if (filter.actor) qb.andWhere('e.actor = :actor', { actor: filter.actor });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action.toUpperCase() });
    const since = filter.since ? parseInstant(filter.since, 'filter.since') : null;
    const until = filter.until ? parseInstant(filter.until, 'filter.until') : null;
    if (since && until && until <= since) throw new BadInputError('filter.until must be after filter.since.', 'filter.until');
    if (since || until) {
      qb.andWhere(
        new Brackets((w) => {
          if (since) w.andWhere('e.at >= :since', { since });
          if (until) w.andWhere('e.at < :until', { until });
        }),
      );
    }
  }

  @FieldResolver(() => String, { nullable: true, description: 'Username of who made the change; a screen token sees the display name instead (null when there is none).' })
  async actor(@Root() event: ChangeEvent, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!ctx.screenTokenId) return event.actor;
    if (event.actorId === null) return null;
    return (await ctx.loaders.user.load(event.actorId))?.displayName ?? null;
  }

  @FieldResolver(() => [FieldChange], { description: 'The changed fields, one per entry: the audit trail\'s "field, before, after".' })
  fields(@Root() event: ChangeEvent): FieldChange[] {
    const changes = JSON.parse(event.changes) as Record<string, { before: unknown; after: unknown }>;
    return Object.entries(changes).map(([field, { before, after }]) => ({
      field,
      before: before === null || before === undefined ? null : JSON.stringify(before),
      after: after === null || after === undefined ? null : JSON.stringify(after),
    }));
  }
}
