import { setImmediate as nextTurn } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { logger } from '../../common/logger';
import { readQuery } from '../../db/sqlite-readers';
import { ChangeEvent } from './change-event.entity';
import { sweepStagedChanges } from './change-log';

/** Events deleted per statement: small enough that one delete never holds the event loop (SQLite) or the log long. */
const batch = 2000;

/**
 * Deletes the change events older than `retentionDays` (by their time), oldest first, so the log stays a gap-free
 * suffix of the sequence: a resume from a cursor before it gets BAD_USER_INPUT naming the earliest cursor kept.
 * Returns how many were deleted. Export the audit first (changeLog) when it must be kept longer.
 */
export async function pruneChangeLog(dataSource: DataSource, retentionDays: number, now = new Date()): Promise<number> {
  if (retentionDays <= 0) return 0;
  // The time as the driver stores the column (text on SQLite, DATETIME(3) on MariaDB).
  const atColumn = dataSource.getMetadata(ChangeEvent).findColumnWithPropertyName('at')!;
  const cutoff = dataSource.driver.preparePersistentValue(new Date(now.getTime() - retentionDays * 86_400_000), atColumn);
  // Everything up to the newest old event goes, so what is kept has no gap (the log is gap-free from its first cursor).
  const [bounds] = await readQuery(dataSource.manager, 'SELECT (SELECT MIN(seq) FROM change_event) AS lo, MAX(seq) AS hi FROM change_event WHERE at < ?', [cutoff]);
  if (bounds?.hi === null || bounds?.hi === undefined) return 0;
  const lo = Number(bounds.lo);
  const hi = Number(bounds.hi);
  for (let from = lo; from <= hi; from += batch) {
    await dataSource.query('DELETE FROM change_event WHERE seq >= ? AND seq < ? AND seq <= ?', [from, from + batch, hi]);
    await nextTurn();
  }
  return hi - lo + 1;
}

/** Prunes at start and then every `everyMs` (and sweeps staged events a crash left behind); returns the stop. */
export function keepChangeLogPruned(dataSource: DataSource, retentionDays: number, everyMs = 3_600_000): () => void {
  if (retentionDays <= 0) return () => undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const deleted = await pruneChangeLog(dataSource, retentionDays);
      if (deleted) logger.info('change log pruned', { deleted, retentionDays });
      await sweepStagedChanges(dataSource);
    } catch (error) {
      logger.warn('change log pruning failed; it is tried again later', { error: (error as Error).message });
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
