import { RateLimitedError } from '../errors/app-error';

/** Thresholds of the login throttle (config `login`). */
export interface LoginThrottleSettings {
  windowMinutes: number;
  /** Failures from one source address, whatever the account, before that source is refused (password spraying). */
  maxFailuresPerSource: number;
  /** Failures for one account from one source before that pair is refused; other sources still sign in. */
  maxFailuresPerAccountSource: number;
  /** Failures for one account from all sources before each attempt on it is slowed down (never refused). */
  slowAccountAfter: number;
}

interface Window {
  failures: number;
  /** When the window opened by the first failure closes, in ms since epoch. */
  endsAt: number;
}

/** How long each attempt on an account under attack from many sources waits before it is checked. */
const slowDownMs = 1000;
/** Entries kept before expired ones are swept (a spray of names or addresses must not grow memory for ever). */
const sweepAbove = 10_000;

/**
 * Counts failed sign-ins (wrong password at login, wrong current password at passwordChange) per source address,
 * per (account, source) pair and per account, in fixed windows opened by the first failure. A source or a pair
 * over its limit is refused (429 RATE_LIMITED with Retry-After) until its window closes; an account over its
 * limit is only slowed down, so failures from one source never lock its owner out elsewhere. Accounts are keyed by
 * the name as sent, so a name that does not exist is throttled exactly like one that does. Per process.
 */
export class LoginThrottle {
  private readonly windowMs: number;
  private readonly sources = new Map<string, Window>();
  private readonly pairs = new Map<string, Window>();
  private readonly accounts = new Map<string, Window>();

  constructor(private readonly settings: LoginThrottleSettings) {
    this.windowMs = settings.windowMinutes * 60_000;
  }

  /** Refuses a blocked source or pair, and waits when the account is under attack; call before checking a password. */
  async admit(account: string, source: string): Promise<void> {
    const now = Date.now();
    const blockedUntil = Math.max(
      this.blockedUntil(this.sources, source, this.settings.maxFailuresPerSource, now),
      this.blockedUntil(this.pairs, pairKey(account, source), this.settings.maxFailuresPerAccountSource, now),
    );
    if (blockedUntil > now) {
      const seconds = Math.max(1, Math.ceil((blockedUntil - now) / 1000));
      throw new RateLimitedError(`Too many failed sign-ins from this address; try again in ${seconds} seconds.`, seconds);
    }
    if (this.blockedUntil(this.accounts, accountKey(account), this.settings.slowAccountAfter, now) > now) {
      await new Promise((resolve) => setTimeout(resolve, slowDownMs));
    }
  }

  failed(account: string, source: string): void {
    const now = Date.now();
    this.count(this.sources, source, now);
    this.count(this.pairs, pairKey(account, source), now);
    this.count(this.accounts, accountKey(account), now);
  }

  /** The right password from this source: its pair starts again (the source and account counts stay). */
  succeeded(account: string, source: string): void {
    this.pairs.delete(pairKey(account, source));
  }

  private blockedUntil(map: Map<string, Window>, key: string, max: number, now: number): number {
    const window = map.get(key);
    if (!window || window.endsAt <= now) return 0;
    return window.failures >= max ? window.endsAt : 0;
  }

  private count(map: Map<string, Window>, key: string, now: number): void {
    const window = map.get(key);
    if (window && window.endsAt > now) {
      window.failures += 1;
      return;
    }
    if (map.size >= sweepAbove) for (const [k, w] of map) if (w.endsAt <= now) map.delete(k);
    map.set(key, { failures: 1, endsAt: now + this.windowMs });
  }
}

function accountKey(account: string): string {
  return account.trim().toLowerCase();
}

function pairKey(account: string, source: string): string {
  return `${accountKey(account)}\u0000${source}`;
}
