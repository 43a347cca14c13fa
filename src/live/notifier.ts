import { EventEmitter } from 'node:events';

/** Wakes this process's subscribers after a commit; they then read the change log (the log is the record). */
export class CommitNotifier {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  notifyCommitted(): void {
    this.emitter.emit('committed');
  }

  /**
   * Says that some tokens may have stopped being valid (revoked screen token, disabled user, changed password),
   * so open sockets re-check theirs.
   */
  notifySessionsChanged(): void {
    this.emitter.emit('sessions-changed');
  }

  /** Calls `listener` whenever sessions may have changed; returns the unsubscribe function. */
  onSessionsChanged(listener: () => void): () => void {
    this.emitter.on('sessions-changed', listener);
    return () => this.emitter.off('sessions-changed', listener);
  }

  /** Resolves on the next commit or after `timeoutMs` (a poll that also catches other processes' commits). */
  next(timeoutMs: number, signal?: { stopped: boolean }): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('committed', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.emitter.once('committed', done);
      if (signal?.stopped) done();
    });
  }
}
