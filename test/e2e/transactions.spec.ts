import { DataSource } from 'typeorm';
import { activeManager, afterCommit, inTransaction } from '../../src/db/transaction';
import { onChangesCommitted, recordChange } from '../../src/domain/change/change-log';
import { ChangeEvent } from '../../src/domain/change/change-event.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { startTestServer, TestServer, testDb } from '../utils/test-server';

/**
 * The transaction that travels with the work (src/db/transaction.ts): nested calls join it, the change log is
 * written just before COMMIT and announced after it, nothing is announced on a rollback, and a deadlock on MariaDB
 * is retried instead of reaching the client.
 */
describe('transactions', () => {
  let server: TestServer;
  let dataSource: DataSource;
  let units: Unit[];

  beforeAll(async () => {
    server = await startTestServer({ demo: false });
    dataSource = server.dataSource;
    await dataSource.manager.insert(Unit, [
      { name: '甲单位', region: '测试市', kind: UnitKind.DEPARTMENT, searchText: '甲' },
      { name: '乙单位', region: '测试市', kind: UnitKind.DEPARTMENT, searchText: '乙' },
    ]);
    units = await dataSource.manager.find(Unit, { order: { dbId: 'ASC' } });
  });
  afterAll(() => server?.close());

  const maxSeq = async () => Number((await dataSource.query('SELECT MAX(seq) AS m FROM change_event'))[0].m ?? 0);

  it('lets a nested inTransaction join the outer one (same manager; on SQLite a second transaction would wait on the first)', async () => {
    const seen = await inTransaction(dataSource, async (outer) => {
      expect(activeManager(dataSource)).toBe(outer);
      return inTransaction(dataSource, async (inner) => inner);
    });
    expect(activeManager(dataSource)).toBeNull();
    // The inner work ran with the outer transaction's manager.
    expect(seen.queryRunner).toBeDefined();
  });

  it('writes the change events just before COMMIT, gap-free, and wakes subscribers once after it', async () => {
    const before = await maxSeq();
    const wakes: number[] = [];
    const stop = onChangesCommitted(dataSource, () => wakes.push(Date.now()));
    try {
      await inTransaction(dataSource, async (manager) => {
        await recordChange(manager, null, 'Unit', units[0].dbId, 'UPDATE', { name: { before: '甲单位', after: '甲单位一' } }, { taskForceId: null, unitId: units[0].dbId });
        await inTransaction(dataSource, (nested) =>
          recordChange(nested, null, 'Unit', units[1].dbId, 'UPDATE', { name: { before: '乙单位', after: '乙单位一' } }, { taskForceId: null, unitId: units[1].dbId }),
        );
        // Staged: not in the table yet, inside the transaction, and nobody woken.
        expect(Number((await manager.query('SELECT COUNT(*) AS n FROM change_event WHERE seq > ?', [before]))[0].n)).toBe(0);
        expect(wakes).toEqual([]);
      });
      expect(wakes).toHaveLength(1);
      const events = await dataSource.manager.find(ChangeEvent, { where: {}, order: { seq: 'ASC' } });
      const mine = events.filter((e) => e.seq > before);
      expect(mine.map((e) => e.seq)).toEqual([before + 1, before + 2]);
      expect(mine.map((e) => e.entityId)).toEqual([units[0].id, units[1].id]);
    } finally {
      stop();
    }
  });

  it('announces nothing and writes no event when the transaction rolls back', async () => {
    const before = await maxSeq();
    const wakes: number[] = [];
    const hooks: string[] = [];
    const stop = onChangesCommitted(dataSource, () => wakes.push(1));
    try {
      await expect(
        inTransaction(dataSource, async (manager) => {
          await recordChange(manager, null, 'Unit', units[0].dbId, 'UPDATE', { name: { before: 'x', after: 'y' } }, { taskForceId: null, unitId: units[0].dbId });
          afterCommit(() => hooks.push('after'));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
    } finally {
      stop();
    }
    expect(await maxSeq()).toBe(before);
    expect(wakes).toEqual([]);
    expect(hooks).toEqual([]);
  });

  it('retries a transaction that a deadlock chose as victim, so both writers finish', async () => {
    // Two writers lock the same two rows in opposite orders. On MariaDB both hold their first lock before asking
    // for the second, so InnoDB must kill one (ER_LOCK_DEADLOCK) and the retry lets it finish; SQLite runs one
    // writer at a time, so there both simply finish.
    let arrived = 0;
    let release!: () => void;
    const bothHoldTheirFirstLock = new Promise<void>((resolve) => (release = resolve));
    const attempts = [0, 0];
    const writer = (w: number, first: Unit, second: Unit) =>
      inTransaction(dataSource, async (manager) => {
        attempts[w] += 1;
        await manager.update(Unit, { dbId: first.dbId }, { region: `writer ${w} attempt ${attempts[w]}` });
        if (testDb === 'mysql' && attempts[w] === 1) {
          arrived += 1;
          if (arrived === 2) release();
          await bothHoldTheirFirstLock;
        }
        await manager.update(Unit, { dbId: second.dbId }, { region: `writer ${w} attempt ${attempts[w]}` });
        return w;
      });
    await expect(Promise.all([writer(0, units[0], units[1]), writer(1, units[1], units[0])])).resolves.toEqual([0, 1]);
    if (testDb === 'mysql') expect(attempts[0] + attempts[1]).toBe(3); // one victim, retried once
    else expect(attempts).toEqual([1, 1]);
  }, 60_000);
});
