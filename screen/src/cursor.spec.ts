import { closeReason, CursorTracker, reconnectDelay } from './cursor';

describe('the place in the change log', () => {
  test('starts with no cursor, then takes each newer one; repeats and older ones are dropped', () => {
    const cursor = new CursorTracker();
    expect(cursor.after).toBeUndefined();
    expect(cursor.advance('41')).toBe(true);
    expect(cursor.advance('42')).toBe(true);
    // A replay after a cut overlapping what had arrived: shown once.
    expect(cursor.advance('42')).toBe(false);
    expect(cursor.advance('7')).toBe(false);
    expect(cursor.after).toBe('42');
  });

  test('compares cursors as numbers, not text ("100" after "99"), beyond 2^53', () => {
    const cursor = new CursorTracker('99');
    expect(cursor.advance('100')).toBe(true);
    expect(cursor.advance('9007199254740993')).toBe(true);
    expect(cursor.after).toBe('9007199254740993');
    expect(cursor.advance('9007199254740992')).toBe(false);
  });

  test('ignores a malformed cursor, and forgets its place when the log no longer holds it', () => {
    const cursor = new CursorTracker('5');
    expect(cursor.advance('abc')).toBe(false);
    expect(cursor.after).toBe('5');
    cursor.reset();
    expect(cursor.after).toBeUndefined();
    expect(cursor.advance('3')).toBe(true);
  });

  test('a refused token ends the connection; anything else is retried, waiting longer each time up to 8 s', () => {
    expect(closeReason(4401)).toBe('unauthorized');
    expect(closeReason(4403)).toBe('forbidden');
    expect(closeReason(1006)).toBe('retry');
    expect(closeReason(1001)).toBe('retry');
    expect(closeReason(undefined)).toBe('retry');
    expect([1, 2, 3, 4, 5, 9].map(reconnectDelay)).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });
});
