import { createHash } from 'node:crypto';
import { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { FormattedExecutionResult, FragmentDefinitionNode, Kind } from 'graphql';
import { DataSource, LessThan } from 'typeorm';
import { isUniqueViolation } from '../db/unique-violation';
import { IdempotencyRecord } from '../domain/user/user.entity';
import { AppError, BadInputError, ConflictError, ErrorCode } from '../errors/app-error';
import { logger } from '../common/logger';
import { RequestContext } from '../common/request-context';
import { beforeEveryCommitOfRequest, commitsSoFar } from '../db/transaction';
import { withholdSecrets } from './secret-fields';

/** How long a key is remembered. */
const keepMs = 24 * 60 * 60 * 1000;
const sweepEveryMs = 10 * 60 * 1000;
const keyPattern = /^[A-Za-z0-9_.:\-]{8,100}$/;
/** A record whose request has not finished yet. */
const inProgress = '';
/**
 * A record whose request committed a write but whose response is not kept (yet): written inside the request's own
 * transaction, so it commits or rolls back with the write. Never valid JSON of a response.
 */
const committedMarker = '#committed';
/** An unfinished record this old with no commit marked is from a request that died: its key may be taken again. */
const abandonedAfterMs = 60_000;

/** idempotency_record.result is TEXT (64 KiB on MySQL). */
const maxKeptBytes = 60_000;
/** What a retry gets when the first request committed but its response was lost (the COMMIT's answer never came). */
const answerLost: FormattedExecutionResult = {
  errors: [
    {
      message: 'The first request with this Idempotency-Key was committed, but its answer was lost on the way. Read the objects again instead of retrying.',
      extensions: { code: ErrorCode.CONFLICT, firstRequestSucceeded: true },
    },
  ],
};

/** What a retry gets when the first response could not be kept whole. */
const tooLargeToKeep: FormattedExecutionResult = {
  errors: [
    {
      message: 'The first request with this Idempotency-Key succeeded, but its response was too large to keep. Read the objects again instead of retrying.',
      extensions: { code: ErrorCode.CONFLICT, firstRequestSucceeded: true },
    },
  ],
};

type Claim = { userId: number; key: string } | { replay: FormattedExecutionResult };

/**
 * Safe retries for mutations: a request with the header `Idempotency-Key` claims the key (per credential) before it
 * runs; a retry with the same key and the same request gets the first response again and writes nothing; the
 * same key with a different request is BAD_USER_INPUT; a retry while the first is still running is CONFLICT.
 * The key is marked inside every transaction the request commits, so the mark and the write commit together: a
 * first attempt that failed unexpectedly (INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE) releases the key for a retry
 * only when nothing of it committed — even when the COMMIT's answer was lost, which the request alone cannot tell;
 * otherwise a retry gets the response (or, when it was lost, a note that the write went through).
 */
export function idempotencyPlugin(dataSource: DataSource): ApolloServerPlugin<RequestContext> {
  let lastSweep = 0;
  const sweep = async () => {
    if (Date.now() - lastSweep < sweepEveryMs) return;
    lastSweep = Date.now();
    await dataSource.manager.delete(IdempotencyRecord, { createdAt: LessThan(new Date(Date.now() - keepMs)) });
  };

  const claim = async (ctx: GraphQLRequestContext<RequestContext>, clientKey: string): Promise<Claim | null> => {
    const user = ctx.contextValue.user;
    if (!user) return null;
    // A key belongs to the credential that sent it, not only to its user: another token of the same user (a
    // screen token of the admin, say) can neither replay nor block it. Kept as a hash of both.
    const credential = ctx.request.http?.headers.get('authorization') ?? '';
    const key = createHash('sha256').update(`${credential}\u0000${clientKey}`).digest('hex');
    const operation = ctx.operationName ?? ctx.operation?.name?.value ?? 'anonymous';
    const inputHash = createHash('sha256')
      .update(JSON.stringify([ctx.request.query ?? '', ctx.request.operationName ?? null, ctx.request.variables ?? {}]))
      .digest('hex');
    await sweep();
    try {
      await dataSource.manager.insert(IdempotencyRecord, { userId: user.dbId, key, operation: operation.slice(0, 60), inputHash, result: inProgress });
      return { userId: user.dbId, key };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await dataSource.manager.findOne(IdempotencyRecord, { where: { userId: user.dbId, key } });
    if (!existing) throw new ConflictError('This Idempotency-Key was just released; send the request again.');
    if (existing.inputHash !== inputHash) {
      throw new BadInputError('This Idempotency-Key was used for a different request; use a new key for a new request.', 'Idempotency-Key');
    }
    if (existing.result === committedMarker) return { replay: answerLost };
    if (existing.result === inProgress) {
      // A request that died (its process killed) leaves its claim: nothing of it committed, so the key is free again.
      const age = Date.now() - new Date(existing.createdAt).getTime();
      if (age > abandonedAfterMs) {
        const taken = await dataSource.manager.update(IdempotencyRecord, { userId: user.dbId, key, result: inProgress }, { createdAt: new Date() });
        if (taken.affected) return { userId: user.dbId, key };
      }
      throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly.', { retryable: true });
    }
    return { replay: JSON.parse(existing.result) as FormattedExecutionResult };
  };

  return {
    async requestDidStart(start) {
      const key = start.request.http?.headers.get('idempotency-key');
      if (!key) return;
      let claimed: Claim | null = null;
      const commitsAtStart = commitsSoFar() ?? 0;
      return {
        async didResolveOperation(ctx) {
          if (ctx.operation?.operation !== 'mutation') return;
          try {
            if (!keyPattern.test(key)) throw new BadInputError('Idempotency-Key must be 8–100 letters, digits or _ . : -; a UUID is a good choice.', 'Idempotency-Key');
            claimed = await claim(ctx, key);
            if (claimed && 'userId' in claimed) {
              const where = { userId: claimed.userId, key: claimed.key, result: inProgress };
              beforeEveryCommitOfRequest(async (manager) => {
                await manager.update(IdempotencyRecord, where, { result: committedMarker });
              });
            }
          } catch (error) {
            if (error instanceof AppError) error.extensions.http = { status: error.status };
            throw error;
          }
        },
        async responseForOperation(ctx) {
          if (!claimed || !('replay' in claimed)) return null;
          ctx.response.http.headers.set('idempotent-replayed', 'true');
          return { http: ctx.response.http, body: { kind: 'single', singleResult: claimed.replay } };
        },
        async willSendResponse(ctx) {
          if (!claimed || !('userId' in claimed)) return;
          const where = { userId: claimed.userId, key: claimed.key };
          const body = ctx.response.body;
          const result = body.kind === 'single' ? body.singleResult : null;
          const failedUnexpectedly =
            !result || (result.errors ?? []).some((e) => e.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR || e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE);
          // Mutations of a document run one after another, each committing its own writes: once one has committed,
          // a retry must replay this response (whatever failed after it) rather than write again.
          const committed = (commitsSoFar() ?? 0) > commitsAtStart;
          if (failedUnexpectedly && !committed) {
            // A COMMIT may have gone through with its answer lost: the mark written inside it tells. Only an unmarked
            // claim is released; when the database cannot say, the claim stays and is released once abandoned.
            const released = await dataSource.manager.delete(IdempotencyRecord, { ...where, result: inProgress }).catch(() => null);
            if (released?.affected) return;
            const current = await dataSource.manager.findOne(IdempotencyRecord, { where }).catch(() => null);
            if (current?.result !== committedMarker) return;
            await dataSource.manager.update(IdempotencyRecord, where, { result: JSON.stringify(answerLost) }).catch(() => undefined);
            return;
          }
          // The response has been computed and its writes committed: failing to keep it must not turn the answer
          // into an error. A response too large for the column is kept as a note that the write went through.
          // Secrets the response issued (a temporary password, a token) are never kept: a replay says they were issued.
          const fragments = ctx.document?.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION) ?? [];
          let kept = JSON.stringify(result && ctx.operation ? withholdSecrets(ctx.schema, fragments, ctx.operation, result) : result);
          if (Buffer.byteLength(kept) > maxKeptBytes) kept = JSON.stringify(tooLargeToKeep);
          try {
            await dataSource.manager.update(IdempotencyRecord, where, { result: kept });
          } catch (error) {
            logger.error('could not keep an idempotent response', { key: claimed.key, error: error instanceof Error ? error : String(error) });
            await dataSource.manager.update(IdempotencyRecord, where, { result: JSON.stringify(tooLargeToKeep) }).catch(() => undefined);
          }
        },
      };
    },
  };
}
