import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult } from 'graphql';
import { LiveRequestContext } from './live-context';
import { liveSlices } from './time-slice';

/**
 * Executions of one event, per identical operation and caller. The change feed hands the same event object to
 * every subscriber, so 2,000 screens with the same query and token cost one execution, not 2,000; the entry goes
 * with the event (a WeakMap), so nothing is kept after the push.
 */
const executions = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

/** The caller and the operation: equal keys give equal results for the same event. */
function operationKey(args: ExecutionArgs): string {
  const ctx = args.contextValue as LiveRequestContext | undefined;
  // A screen token sees display names where its user sees usernames: never one execution for both.
  const caller = ctx?.user ? `${ctx.user.dbId}:${ctx.user.role}:${ctx.tokenScope ?? ''}:${ctx.screenTokenId ? 'screen' : 'user'}` : '-';
  const source = args.document.loc?.source.body ?? '';
  return `${caller}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}\u0000${source}`;
}

function executeShared(args: ExecutionArgs, key: string, payload: unknown): Promise<ExecutionResult> {
  if (payload === null || typeof payload !== 'object' || !key) return Promise.resolve(execute({ ...args, rootValue: payload }) as ExecutionResult);
  let perEvent = executions.get(payload);
  if (!perEvent) {
    perEvent = new Map();
    executions.set(payload, perEvent);
  }
  let result = perEvent.get(key);
  if (!result) {
    result = Promise.resolve(execute({ ...args, rootValue: payload }) as ExecutionResult);
    perEvent.set(key, result);
  }
  return result;
}

/**
 * graphql-js `subscribe` with the per-event executions shared and taken in time slices (liveSlices); `return()`
 * reaches the source at once (the stream then leaves the change feed), even while it waits for the next event.
 */
export async function subscribeShared(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  // Anything with a location-independent source text is shareable; a document without one is executed per subscriber.
  const key = args.document.loc ? operationKey(args) : '';
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const step = await iterator.next();
      if (step.done) return { value: undefined, done: true };
      // A stream with a backlog (a replay) would otherwise execute and send it in one burst of microtasks.
      const turn = liveSlices.pass();
      if (turn) await turn;
      return { value: await executeShared(args, key, step.value), done: false };
    },
    async return() {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return mapped;
}
