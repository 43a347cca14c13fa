/**
 * The screen's live connection: graphql-ws with `metricsChanged` and `changes` on the token's scope. The screen
 * reconnects by itself (not graphql-ws' retry, which would send the first `after` again): after a cut it waits,
 * connects anew and subscribes to `changes` from the last cursor it saw, so what happened meanwhile is replayed.
 * A token the service refuses (4401, 4403) ends it: the page shows why and the token form.
 */
import { Client, createClient } from 'graphql-ws';
import { closeReason, CursorTracker, reconnectDelay } from './cursor';
import type { TickerEvent } from './ticker';

export interface LiveHandlers {
  /** The socket is up (first time or again); `again` after a cut, when the page re-reads its figures. */
  connected(again: boolean): void;
  /** The socket went down and the screen is reconnecting. */
  disconnected(): void;
  /** The token is not accepted any more (revoked, expired, out of scope). */
  refused(reason: 'unauthorized' | 'forbidden', message: string): void;
  /** The scope's figures as pushed (the fields `metricsFields` asked for). */
  metrics(figures: Record<string, unknown>): void;
  change(event: TickerEvent): void;
}

const CHANGES = 'subscription($s: ID!, $after: String) { changes(scope: $s, after: $after) { cursor entity action entityId actor at fields { field before after } } }';

export class LiveConnection {
  private client: Client | null = null;
  private attempts = 0;
  private everConnected = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly token: string,
    private readonly scope: string,
    readonly cursor: CursorTracker,
    private readonly handlers: LiveHandlers,
    /** The Metrics fields the page shows, pushed by metricsChanged. */
    private readonly metricsFields = 'asOf',
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    void client?.dispose();
  }

  private connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    const client = createClient({
      url,
      lazy: false,
      retryAttempts: 0,
      keepAlive: 10_000,
      connectionParams: { authorization: `Bearer ${this.token}` },
      on: {
        connected: () => {
          if (this.client !== client) return;
          const again = this.everConnected;
          this.everConnected = true;
          this.attempts = 0;
          this.handlers.connected(again);
        },
        closed: (event) => {
          if (this.client !== client || this.stopped) return;
          const close = event as { code?: number; reason?: string } | undefined;
          const reason = closeReason(close?.code);
          if (reason !== 'retry') {
            this.stop();
            this.handlers.refused(reason, close?.reason ?? '');
            return;
          }
          this.client = null;
          void client.dispose();
          this.handlers.disconnected();
          this.attempts += 1;
          this.timer = setTimeout(() => this.connect(), reconnectDelay(this.attempts));
        },
      },
    });
    this.client = client;
    this.subscribe(client);
  }

  private subscribe(client: Client): void {
    const metrics = `subscription($s: ID!) { metricsChanged(scope: $s) { metrics { ${this.metricsFields} } } }`;
    client.subscribe<{ metricsChanged: { metrics: Record<string, unknown> } }>({ query: metrics, variables: { s: this.scope } }, {
      next: (result) => {
        if (result.data) this.handlers.metrics(result.data.metricsChanged.metrics);
        else if (result.errors?.length) this.subscriptionError(result.errors);
      },
      error: (error) => this.subscriptionError(error),
      complete: () => undefined,
    });
    client.subscribe<{ changes: TickerEvent }>({ query: CHANGES, variables: { s: this.scope, after: this.cursor.after ?? null } }, {
      next: (result) => {
        const event = result.data?.changes;
        if (event && this.cursor.advance(event.cursor)) this.handlers.change(event);
        else if (result.errors?.length) this.subscriptionError(result.errors);
      },
      error: (error) => this.subscriptionError(error, client),
      complete: () => undefined,
    });
  }

  /** A subscription refused by the service (not a closed socket, which `closed` handles). */
  private subscriptionError(error: unknown, client?: Client): void {
    if (!Array.isArray(error)) return;
    const first = error[0] as { message?: string; extensions?: { code?: string } } | undefined;
    const code = first?.extensions?.code;
    if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') {
      this.stop();
      this.handlers.refused(code === 'FORBIDDEN' ? 'forbidden' : 'unauthorized', first?.message ?? '');
      return;
    }
    if (code === 'BAD_USER_INPUT' && client && this.client === client && this.cursor.after) {
      // The log no longer holds our place (pruned): start from now and re-read every figure.
      this.cursor.reset();
      this.handlers.connected(true);
      client.subscribe<{ changes: TickerEvent }>({ query: CHANGES, variables: { s: this.scope, after: null } }, {
        next: (result) => {
          const event = result.data?.changes;
          if (event && this.cursor.advance(event.cursor)) this.handlers.change(event);
        },
        error: () => undefined,
        complete: () => undefined,
      });
    }
  }
}
