import Redis from 'ioredis';
import { logger } from '../common/logger';
import { channelName, LiveTopic, LiveTopics, liveTopics, parseTopicPayload } from './topics';

export interface WakeupHandlers {
  /** A message from another process. */
  message<K extends LiveTopic>(topic: K, payload: LiveTopics[K]): void;
  /** The subscription is live again after a loss: whatever was published meanwhile is gone, so re-read the log. */
  resubscribed(): void;
}

/**
 * Carries wake-ups between processes over Redis pub/sub: one publishing connection and one subscribed
 * connection per process. Losing Redis loses only wake-ups; on reconnection every stream re-reads the log.
 */
export class RedisWakeup {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channels: Map<string, LiveTopic>;
  private subscribedOnce = false;
  private lost = false;
  private lastPublishWarning = 0;
  private closing = false;
  /** Times the subscription came back after a loss (each followed by a re-read of the log). */
  recoveries = 0;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly handlers: WakeupHandlers,
    /** First reconnection delay; each further attempt waits this much longer, up to 20 times it. */
    retryMs = 50,
  ) {
    const options = { lazyConnect: true, retryStrategy: (times: number) => Math.min(retryMs * times, retryMs * 20) };
    // No offline queue for publishing: a wake-up that cannot go now is not worth sending late (others poll).
    this.publisher = new Redis(url, { ...options, connectionName: `${prefix}:pub`, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(url, { ...options, connectionName: `${prefix}:sub`, autoResubscribe: false });
    this.channels = new Map(liveTopics.map((topic) => [channelName(prefix, topic), topic]));
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => {
        if (!this.closing) logger.debug('redis error', { error: error.message });
      });
    }
    this.subscriber.on('message', (channel: string, raw: string) => {
      const topic = this.channels.get(channel);
      const payload = topic ? parseTopicPayload(raw) : null;
      if (topic && payload) this.handlers.message(topic, payload);
    });
    this.subscriber.on('close', () => {
      if (this.closing || !this.subscribedOnce) return;
      if (!this.lost) logger.warn('redis subscription lost; reconnecting', { prefix });
      this.lost = true;
    });
    this.subscriber.on('ready', () => void this.subscribe());
  }

  /** Connects both clients; a Redis that is down at start-up is retried in the background. */
  async start(): Promise<void> {
    await Promise.all(
      [this.publisher, this.subscriber].map((client) =>
        client.connect().catch((error: Error) => logger.warn('redis unavailable at start; retrying', { error: error.message })),
      ),
    );
  }

  publish<K extends LiveTopic>(topic: K, payload: LiveTopics[K]): void {
    if (this.closing) return;
    this.publisher.publish(channelName(this.prefix, topic), JSON.stringify(payload)).catch((error: Error) => {
      if (Date.now() - this.lastPublishWarning > 10_000) {
        this.lastPublishWarning = Date.now();
        logger.warn('redis publish failed; other processes will catch up by polling', { error: error.message });
      }
    });
  }

  /** True while the subscribed connection is up and subscribed. */
  get connected(): boolean {
    return this.subscribedOnce && !this.lost && this.subscriber.status === 'ready';
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([this.publisher, this.subscriber].map((client) => client.quit().catch(() => client.disconnect())));
  }

  /** (Re)subscribes on every ready connection; after a loss, tells the streams to re-read the log once subscribed. */
  private async subscribe(): Promise<void> {
    try {
      await this.subscriber.subscribe(...this.channels.keys());
    } catch (error) {
      logger.warn('redis subscribe failed', { error: (error as Error).message });
      return;
    }
    const recovered = this.subscribedOnce;
    this.subscribedOnce = true;
    this.lost = false;
    if (recovered) {
      this.recoveries += 1;
      logger.info('redis subscription restored; catching up from the change log', { prefix: this.prefix });
      this.handlers.resubscribed();
    }
  }
}
