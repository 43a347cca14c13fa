/**
 * What crosses processes through Redis. Payloads are JSON and carry no data: a wake-up only says "look at the
 * change log" (the log is the record) or "re-check your sockets' tokens".
 */
export interface LiveTopics {
  /** Something was committed (the change log has new rows). */
  committed: { origin: string };
  /** Some tokens may no longer be valid (revoked screen token, disabled user, changed password). */
  sessions: { origin: string };
}

export type LiveTopic = keyof LiveTopics;

export const liveTopics: readonly LiveTopic[] = ['committed', 'sessions'];

export function channelName(prefix: string, topic: LiveTopic): string {
  return `${prefix}:${topic}`;
}

/** Parses a message from another process; null for anything malformed. */
export function parseTopicPayload<K extends LiveTopic>(raw: string): LiveTopics[K] | null {
  try {
    const value = JSON.parse(raw) as unknown;
    if (value && typeof value === 'object' && typeof (value as { origin?: unknown }).origin === 'string') return value as LiveTopics[K];
  } catch {
    // fall through
  }
  return null;
}
