// The one meaning of "all grassroots units": kinds, the day, the committee, and the user's narrowing.
import { describe, expect, it } from 'vitest';
import { GRASSROOTS_KINDS, selectGrassroots, type UnitShape } from '../../src/domain/grassroots.js';

const u = (id: number, kind: string, parentId: number | null, validFrom: string | null = null, validTo: string | null = null): UnitShape & { name: string } => ({
  id,
  name: `u${id}`,
  kind,
  parentId,
  validFrom,
  validTo,
});

// 1 city committee; 2 an old district committee under it; wards, communes and a special zone.
const UNITS = [
  u(1, 'committee', null),
  u(2, 'committee', 1, null, '2025-06-30'),
  u(3, 'ward', 2, null, '2025-06-30'),
  u(4, 'ward', 2, null, '2025-06-30'),
  u(5, 'ward', 1, '2025-07-01'),
  u(6, 'commune', 1, '2025-07-01'),
  u(7, 'special-zone', 1, '2025-07-01'),
  u(8, 'agency', 1),
  u(9, 'cell', 5, '2025-07-01'),
  u(10, 'ward', null, '2025-07-01'),
];
const ids = (list: { id: number }[]) => list.map((x) => x.id);

describe('selectGrassroots', () => {
  it('covers wards, communes and special zones, never agencies, committees or cells', () => {
    expect(GRASSROOTS_KINDS).toEqual(['ward', 'commune', 'special-zone']);
    expect(ids(selectGrassroots(UNITS, { on: '2025-09-01' }))).toEqual([5, 6, 7, 10]);
  });

  it('keeps only the units that exist on the day', () => {
    expect(ids(selectGrassroots(UNITS, { on: '2017-06-17' }))).toEqual([3, 4]);
    expect(ids(selectGrassroots(UNITS, { on: '2025-06-30' }))).toEqual([3, 4]);
    expect(ids(selectGrassroots(UNITS, { on: '2025-07-01' }))).toEqual([5, 6, 7, 10]);
  });

  it('takes the units under the committee at any depth, or all of them when it has none', () => {
    expect(ids(selectGrassroots(UNITS, { on: '2025-09-01', committeeId: 1 }))).toEqual([5, 6, 7]);
    expect(ids(selectGrassroots(UNITS, { on: '2017-06-17', committeeId: 1 }))).toEqual([3, 4]);
    expect(ids(selectGrassroots(UNITS, { on: '2017-06-17', committeeId: 2 }))).toEqual([3, 4]);
    // An agency organising a meeting has no wards of its own: "all" means all.
    expect(ids(selectGrassroots(UNITS, { on: '2025-09-01', committeeId: 8 }))).toEqual([5, 6, 7, 10]);
  });

  it('narrows by kind and by --under', () => {
    expect(ids(selectGrassroots(UNITS, { on: '2025-09-01', kinds: ['commune'] }))).toEqual([6]);
    expect(ids(selectGrassroots(UNITS, { on: '2025-09-01', kinds: ['ward', 'special-zone'] }))).toEqual([5, 7, 10]);
    expect(ids(selectGrassroots(UNITS, { on: '2017-06-17', underId: 2 }))).toEqual([3, 4]);
    expect(ids(selectGrassroots(UNITS, { on: '2025-09-01', underId: 2 }))).toEqual([]);
    // A kind outside the grassroots ones never widens the rule.
    expect(ids(selectGrassroots(UNITS, { on: '2025-09-01', kinds: ['cell'] }))).toEqual([]);
  });

  it('without a day, takes the units it is given (already those of the day)', () => {
    expect(ids(selectGrassroots(UNITS.filter((x) => x.id >= 5), { committeeId: 1 }))).toEqual([5, 6, 7]);
  });
});
