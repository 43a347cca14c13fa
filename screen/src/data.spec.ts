import { kindOfId, topAndBottom } from './data';

const row = (rank: number) => ({ rank, name: `单位${rank}`, value: 1 - rank / 10, light: 'GREEN' });

describe('what a screen shows', () => {
  test('the kind of node an address names, from its global ID', () => {
    // base64url of "TaskForce:2", "Subgroup:7", "Unit:12", "Project:1".
    expect(kindOfId('VGFza0ZvcmNlOjI')).toBe('TaskForce');
    expect(kindOfId('U3ViZ3JvdXA6Nw')).toBe('Subgroup');
    expect(kindOfId('VW5pdDoxMg')).toBe('Unit');
    expect(kindOfId('UHJvamVjdDox')).toBeNull();
    expect(kindOfId('%%%')).toBeNull();
  });

  test('红榜 the first five; 黑榜 the last five of the rest, last first, never the same unit twice', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => row(i + 1));
    const { top, bottom } = topAndBottom(twelve);
    expect(top.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(bottom.map((r) => r.rank)).toEqual([12, 11, 10, 9, 8]);
    const eight = topAndBottom(twelve.slice(0, 8));
    expect(eight.bottom.map((r) => r.rank)).toEqual([8, 7, 6]);
    expect(topAndBottom(twelve.slice(0, 4)).bottom).toEqual([]);
  });
});
