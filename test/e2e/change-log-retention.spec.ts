import { pruneChangeLog } from '../../src/domain/change/change-log-retention';
import { writeChanges } from '../../src/domain/change/change-log';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { gql, startTestServer, TestServer } from '../utils/test-server';
import { connectLive, LiveClient } from '../utils/ws-client';

/**
 * The change log keeps CHANGE_LOG_RETENTION_DAYS of events: older ones are deleted oldest first, so what is kept is a
 * gap-free suffix; the audit reads what is kept, and a resume from a pruned cursor is refused naming the earliest kept.
 */
describe('change log retention', () => {
  let server: TestServer;
  let live: LiveClient | null = null;
  afterAll(async () => {
    await live?.dispose();
    await server?.close();
  });

  it('deletes the events older than the retention, keeps a gap-free suffix, and refuses a resume from before it', async () => {
    server = await startTestServer({ demo: false });
    const manager = server.dataSource.manager;
    const tf = await manager.save(TaskForce, manager.create(TaskForce, { name: '留存测试', region: '测试市' }));
    const entries = Array.from({ length: 12 }, (_, i) => ({
      entity: 'TaskForce' as const,
      entityId: tf.dbId,
      action: 'UPDATE',
      changes: { name: { before: `名${i}`, after: `名${i + 1}` } },
      scope: { taskForceId: tf.dbId },
    }));
    const events = await writeChanges(manager, null, entries);
    const seqs = events.map((e) => e.seq);
    // The first 7 were written 500 days ago; the other 5 now.
    await server.dataSource.query('UPDATE change_event SET at = ? WHERE seq <= ?', [
      server.dataSource.driver.preparePersistentValue(new Date(Date.now() - 500 * 86_400_000), server.dataSource.getMetadata('ChangeEvent').findColumnWithPropertyName('at')!),
      seqs[6],
    ]);

    expect(await pruneChangeLog(server.dataSource, 400)).toBe(7);
    const kept = (await server.dataSource.query('SELECT seq FROM change_event ORDER BY seq')).map((r: { seq: string | number }) => Number(r.seq));
    expect(kept).toEqual(seqs.slice(7));
    // Nothing more is old: a second run deletes nothing.
    expect(await pruneChangeLog(server.dataSource, 400)).toBe(0);
    expect(await pruneChangeLog(server.dataSource, 0)).toBe(0);

    const audit = await gql(server.url, 'query($s: ID!) { changeLog(filter: { scope: $s }, first: 50) { totalCount } }', { s: tf.id }, server.adminToken);
    expect(audit.data!.changeLog.totalCount).toBe(5);

    live = connectLive(server.url, server.adminToken);
    const resume = live.subscribe('subscription($s: ID!, $a: String) { changes(scope: $s, after: $a) { cursor } }', { s: tf.id, a: String(seqs[2]) });
    await resume.until((s) => s.errors.length > 0, 10_000, 'the refusal of a pruned cursor');
    expect(resume.errors[0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(resume.errors[0].message).toContain(`the earliest is ${seqs[7]}`);
    const fromKept = live.subscribe('subscription($s: ID!, $a: String) { changes(scope: $s, after: $a) { cursor } }', { s: tf.id, a: String(seqs[8]) });
    await fromKept.until((s) => s.data.length === 3, 10_000, 'the three events after a kept cursor');
    expect(fromKept.data.map((d) => Number(d.changes.cursor))).toEqual(seqs.slice(9));
  });
});
