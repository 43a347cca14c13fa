import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { RedisWakeup } from './redis-wakeup';
import { LiveTopic } from './topics';

/**
 * Wakes subscribers after a commit: this process's at once, the other processes' through Redis when
 * REDIS_URL is set. Subscribers then read the change log (the log is the record; a wake-up only says "look").
 * Callers notify after their transaction committed.
 */
export class CommitNotifier {
  private readonly emitter = new EventEmitter();
  /** Tells this process's own messages apart when Redis echoes them back. */
  readonly origin = randomUUID();
  private redis: RedisWakeup | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Carries notifications to and from other processes through Redis. */
  async connectRedis(url: string, prefix: string, retryMs?: number): Promise<void> {
    this.redis = new RedisWakeup(url, prefix, {
      message: (topic, payload) => {
        if (payload.origin !== this.origin) this.emitLocal(topic);
      },
      resubscribed: () => {
        // Wake-ups published while the subscription was down are lost: look at the log and the tokens again.
        this.emitLocal('committed');
        this.emitLocal('sessions');
      },
    }, retryMs);
    await this.redis.start();
  }

  /** Times the Redis subscription came back after a loss. */
  get redisRecoveries(): number {
    return this.redis?.recoveries ?? 0;
  }

  /** Whether cross-process wake-ups are flowing (always true for a single process without Redis). */
  get crossProcess(): 'off' | 'connected' | 'disconnected' {
    if (!this.redis) return 'off';
    return this.redis.connected ? 'connected' : 'disconnected';
  }

  notifyCommitted(): void {
    this.emitLocal('committed');
    this.redis?.publish('committed', { origin: this.origin });
  }

  /**
   * Says that some tokens may have stopped being valid (revoked screen token, disabled user, changed password),
   * so open sockets re-check theirs, in every process.
   */
  notifySessionsChanged(): void {
    this.emitLocal('sessions');
    this.redis?.publish('sessions', { origin: this.origin });
  }

  /** Calls `listener` after every commit (here or elsewhere); returns the unsubscribe function. */
  onCommitted(listener: () => void): () => void {
    return this.on('committed', listener);
  }

  /** Calls `listener` whenever sessions may have changed; returns the unsubscribe function. */
  onSessionsChanged(listener: () => void): () => void {
    return this.on('sessions', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    const redis = this.redis;
    this.redis = null;
    await redis?.close();
  }

  private on(topic: LiveTopic, listener: () => void): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  private emitLocal(topic: LiveTopic): void {
    this.emitter.emit(topic);
  }
}
