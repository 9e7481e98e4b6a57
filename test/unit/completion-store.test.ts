// The completion queries: what they find, and that they read indexes (a TAB must answer at once at
// city scale, 300,000 people).
import { describe, expect, it } from 'vitest';
import { documentChoices, idRanges, PERSON_CHOICES, personChoices, unitChoices } from '../../src/store/completion.js';
import { openSample } from '../helpers.js';

const db = openSample();

function plan(sql: string, params: Record<string, unknown>): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('completion queries', () => {
  it('units: a word of the name, accents aside; one entry per name; those of the day first', () => {
    expect(unitChoices(db, 'ben', '2017-06-17').map((u) => [u.name, u.current])).toEqual([
      ['Phường Bến Nghé', true],
      ['Phường Bến Thành', true],
    ]);
    expect(unitChoices(db, 'ben', '2026-01-01').map((u) => [u.name, u.current])).toEqual([
      ['Phường Bến Thành', true],
      ['Phường Bến Nghé', false],
    ]);
    expect(unitChoices(db, 'quan uy', '2017-06-17').map((u) => u.name)).toEqual(['Quận ủy Quận 1']);
    expect(unitChoices(db, 'xyz', '2017-06-17')).toEqual([]);
  });

  it('people: the start of the full name, through the folded-name index', () => {
    expect(personChoices(db, 'huynh thanh ha').map((p) => p.name)).toEqual(['Huỳnh Thanh Hải']);
    expect(personChoices(db, 'huynh', 5)).toHaveLength(5);
    const detail = plan(PERSON_CHOICES, { f: 'huynh', end: 'huynh\uffff', active: 1, limit: 50 });
    expect(detail).toMatch(/SEARCH p USING INDEX person_folded \(name_folded>\? AND name_folded<\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('documents: the start of the code, typed in any case', () => {
    expect(documentChoices(db, '05-ct').map((d) => d.code)).toEqual(['05-CT/TW']);
  });

  it('ids that start with the digits typed are ranges of the key', () => {
    expect(idRanges('8', 83)).toEqual([[8, 8], [80, 83]]);
    expect(idRanges('12', 5000)).toEqual([[12, 12], [120, 129], [1200, 1299]]);
    expect(idRanges('', 83)).toEqual([[1, 83]]);
    expect(idRanges('0', 83)).toEqual([]);
    expect(idRanges('x', 83)).toEqual([]);
  });
});
