import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** One graphql-ws connection for a test, with the close event recorded; dispose it after the test. */
export interface LiveClient {
  client: Client;
  /** Resolves with the close code once the socket closed (for any reason). */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves when the server acknowledged the connection. */
  connected: Promise<void>;
  subscribe<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Subscription<T>;
  /** Cuts the connection abruptly, as a network failure would (no close handshake). */
  terminate(): void;
  dispose(): Promise<void>;
}

export interface Subscription<T> {
  /** Every `next` payload's data, in arrival order. */
  data: T[];
  /** GraphQL errors received (in a `next` payload or an `error` message). */
  errors: Array<{ message: string; extensions?: Record<string, any> }>;
  completed: boolean;
  /** Set when the subscription ended because the socket closed (its close code). */
  closeCode: number | null;
  /** Waits until `predicate` holds over what arrived, failing after `timeoutMs`. */
  until(predicate: (sub: Subscription<T>) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  unsubscribe(): void;
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** Polls `check` every 10 ms until it holds, failing with `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Opens a graphql-ws connection at once (not lazily), never retrying, so closes are visible to the test. */
export function connectLive(httpUrl: string, token: string | null): LiveClient {
  let onClosed!: (value: { code: number; reason: string }) => void;
  let onConnected!: () => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  let socket: WebSocket | null = null;
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    on: {
      connected: (open) => {
        socket = open as WebSocket;
        onConnected();
      },
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason ?? '') });
      },
    },
    onNonLazyError: () => {},
  });

  return {
    client,
    closed,
    connected,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}): Subscription<T> {
      const sub: Subscription<T> = {
        data: [],
        errors: [],
        completed: false,
        closeCode: null,
        until: (predicate, timeoutMs = 10_000, what = 'the subscription') => waitUntil(() => predicate(sub), timeoutMs, what),
        unsubscribe: () => stop(),
      };
      const stop = client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            if (result.data) sub.data.push(result.data as T);
            if (result.errors) sub.errors.push(...(result.errors as Subscription<T>['errors']));
          },
          error: (error) => {
            if (Array.isArray(error)) sub.errors.push(...(error as Subscription<T>['errors']));
            else if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'number') sub.closeCode = (error as { code: number }).code;
            else sub.errors.push({ message: String((error as Error)?.message ?? (error as { reason?: string })?.reason ?? error) });
            sub.completed = true;
          },
          complete: () => {
            sub.completed = true;
          },
        },
      );
      return sub;
    },
    terminate() {
      socket?.terminate();
    },
    async dispose() {
      await client.dispose();
    },
  };
}
