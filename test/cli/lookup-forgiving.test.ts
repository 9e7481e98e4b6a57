/** Lookups forgive the way people write names: abbreviations, missing spaces, one typo, accents. */
import { beforeAll, describe, expect, it } from 'vitest';
import { expandAbbreviations } from '../../src/store/lookup.js';
import { run, runJson, sampleDbPath } from '../helpers.js';

let db: string;
const idOf = async (query: string) => (await runJson<{ id: number; name: string }>(['unit', 'show', query], { db })).name;

beforeAll(async () => {
  db = sampleDbPath();
  for (const [name, kind] of [
    ['Xã Thạnh An', 'commune'],
    ['Xã Thanh An', 'commune'],
    ['Xã Bình Chánh', 'commune'],
    ['Thị trấn Cần Thạnh', 'commune'],
  ])
    expect((await run(['unit', 'add', name, '--kind', kind, '--from', '01/07/2025'], { db })).code).toBe(0);
});

describe('abbreviations', () => {
  it.each([
    ['P. Bến Nghé', 'Phường Bến Nghé'],
    ['P.Bến Nghé', 'Phường Bến Nghé'],
    ['p.ben nghe', 'Phường Bến Nghé'],
    ['X. Bình Chánh', 'Xã Bình Chánh'],
    ['TT. Cần Thạnh', 'Thị trấn Cần Thạnh'],
    ['Q.1', 'Quận ủy Quận 1'],
  ])('%s → %s', async (query, name) => {
    expect(await idOf(query)).toBe(name);
  });

  it('expands only a prefix followed by a dot', () => {
    expect(expandAbbreviations('P. Bến Nghé')).toBe('phuong Bến Nghé');
    expect(expandAbbreviations('Phạm Ngũ Lão')).toBe('Phạm Ngũ Lão');
    expect(expandAbbreviations('Q.1, P.Bến Thành')).toBe('quan 1, phuong Bến Thành');
  });
});

describe('did you mean', () => {
  it.each(['benghe', 'ben nhge', 'bn nghe'])('"%s" → a suggestion, exit 2', async (query) => {
    const r = await run(['unit', 'show', query], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`không tìm thấy đơn vị "${query}"; có phải ý bạn là:`);
    expect(r.stderr).toContain('Phường Bến Nghé');
    expect(r.stdout).toBe('');
  });

  it('nothing near: a plain not found', async () => {
    const r = await run(['unit', 'show', 'zzzzqqq'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('thuky: không tìm thấy đơn vị "zzzzqqq"\n');
  });
});

describe('accents', () => {
  it('an exact accented name wins over names differing only by accents', async () => {
    expect(await idOf('Xã Thạnh An')).toBe('Xã Thạnh An');
    expect(await idOf('Xã Thanh An')).toBe('Xã Thanh An');
    expect(await idOf('xã thạnh an')).toBe('Xã Thạnh An');
  });

  it('typed without accents, both are candidates', async () => {
    const r = await run(['unit', 'show', 'xa thanh an'], { db });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Xã Thạnh An');
    expect(r.stderr).toContain('Xã Thanh An');
  });
});

describe('a unit chosen by date over an older one of the same name', () => {
  it('says which was chosen and how to pick the other', async () => {
    const r = await run(['task', 'list', '--unit', 'ben thanh', '--as-of', '01/12/2026'], { db });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('đã chọn Phường Bến Thành [BT-2025] (01/07/2025 – …), đơn vị có hiệu lực ngày 01/12/2026');
    expect(r.stderr).toMatch(/Cùng tên: Phường Bến Thành \[BT\] \(… – 30\/06\/2025\) \(\d+\)/);
  });

  it('is silent when the date picks the older unit (the newer did not exist yet)', async () => {
    const r = await run(['task', 'list', '--unit', 'ben thanh', '--as-of', '31/12/2017'], { db });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').length).toBeGreaterThan(3);
  });
});
