import { Worker } from 'node:worker_threads';
import { wsUrl } from './ws-client';

/** One subscription for the load clients: a `changes` replay of `scope` after `after`, expected to deliver `expect` events. */
export interface LoadSubscription {
  scope: string;
  after: string;
  expect: number;
}

export interface LoadResult {
  /** Every `cursor` received, per subscription, in arrival order. */
  cursors: number[][];
  /** GraphQL errors (or socket closes) per subscription. */
  errors: string[][];
  /** Milliseconds from the first subscribe to the last subscription's last expected event. */
  elapsedMs: number;
}

/**
 * The load clients run in a worker thread: their own event loop parses the server's messages, so the delay the test
 * samples on the main thread is the server's (which runs in the test process). Plain JavaScript, no TypeScript.
 */
const clientSource = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require('ws');
const { createClient } = require('graphql-ws');
const { url, token, sockets, subscriptions, settleMs, timeoutMs } = workerData;
const query = 'subscription($scope: ID!, $after: String) { changes(scope: $scope, after: $after) { cursor } }';
const cursors = subscriptions.map(() => []);
const errors = subscriptions.map(() => []);
const started = Date.now();
const clients = Array.from({ length: sockets }, () => createClient({ url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { authorization: 'Bearer ' + token }, onNonLazyError: () => {} }));
let finishedAt = 0;
subscriptions.forEach((sub, i) => {
  clients[i % sockets].subscribe({ query, variables: { scope: sub.scope, after: sub.after } }, {
    next: (result) => {
      if (result.data) cursors[i].push(Number(result.data.changes.cursor));
      if (result.errors) errors[i].push(...result.errors.map((e) => e.message));
    },
    error: (error) => errors[i].push(String((error && (error.message || error.reason || error.code)) || error)),
    complete: () => {},
  });
});
const done = () => subscriptions.every((sub, i) => cursors[i].length >= sub.expect || errors[i].length > 0);
const timer = setInterval(async () => {
  if (!finishedAt && (done() || Date.now() - started > timeoutMs)) {
    finishedAt = Date.now();
    // Anything extra (a duplicate) would arrive right behind the last expected event.
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    clearInterval(timer);
    await Promise.all(clients.map((client) => client.dispose()));
    parentPort.postMessage({ cursors, errors, elapsedMs: finishedAt - started });
  }
}, 10);
`;

/**
 * Opens `sockets` connections with `token` in a worker thread and subscribes `subscriptions` over them (round robin);
 * resolves once each has received its expected count (or an error), plus `settleMs` for anything extra.
 */
export function replayInWorker(httpUrl: string, token: string, sockets: number, subscriptions: LoadSubscription[], settleMs = 300, timeoutMs = 240_000): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(clientSource, { eval: true, workerData: { url: wsUrl(httpUrl), token, sockets, subscriptions, settleMs, timeoutMs } });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
