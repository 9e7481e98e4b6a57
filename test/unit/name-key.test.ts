import { describe, expect, it } from 'vitest';
import { collationKey, nameKey, NAME_KEY_CLASSES } from '../../src/domain/name-key.js';
import { VI_COLLATION } from '../../src/domain/text.js';

/** ICU's collator itself: compareVi and the sorts now use the keys under test when they can. */
const icu = new Intl.Collator('vi', VI_COLLATION);
const compareVi = (a: string, b: string) => icu.compare(a, b);

/** A small deterministic generator (the test must give the same strings each run). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = [...NAME_KEY_CLASSES.join('')];
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('name keys', () => {
  it('the classes are in the collator order, each holding characters that collate equal, and no two classes equal', () => {
    for (const chars of NAME_KEY_CLASSES) for (const ch of chars) expect(compareVi(ch, chars[0]), `${ch} ~ ${chars[0]}`).toBe(0);
    for (let i = 1; i < NAME_KEY_CLASSES.length; i++) expect(compareVi(NAME_KEY_CLASSES[i - 1][0], NAME_KEY_CLASSES[i][0])).toBeLessThan(0);
  });

  it('two texts compare by their keys as the Vietnamese collator compares them (200,000 random pairs, numbers included)', () => {
    const rnd = prng(7);
    // Few distinct characters and short texts, so that many pairs share prefixes or collate equal.
    const pick = (pool: string[]) => pool[Math.floor(rnd() * pool.length)];
    const pools = [ALPHABET, [...'aAàăâbđd0019 -'], [...'0123456789a ']];
    const text = () => {
      const pool = pick(pools as unknown as string[]) as unknown as string[];
      let s = '';
      for (let n = Math.floor(rnd() * 7); n > 0; n--) s += pick(pool);
      return s;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 200_000 && mismatches.length < 5; i++) {
      const a = text();
      const b = text();
      const ka = collationKey(a)!;
      const kb = collationKey(b)!;
      if (sign(compareVi(a, b)) !== sign(byBytes(ka, kb))) mismatches.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('people ordered by name key then id come in the collator\'s order by given name, then whole name, then id', () => {
    const rnd = prng(11);
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Đặng', 'Đỗ', 'Ngô', 'Võ', 'Vũ', 'Âu'];
    const middle = ['Văn', 'Thị', 'Ngọc', 'Minh', 'Hữu', 'Thị Thu', ''];
    const given = ['An', 'Ân', 'Anh', 'Ánh', 'an', 'Bình', 'Đạt', 'Dũng', 'Hà', 'Hạ', 'Ha', 'Ơn', 'Ôn', 'Uyên', 'Ưng', 'Y', 'Ý', 'Tư 2', 'Tư 10', 'Tư 02'];
    const names = Array.from({ length: 5000 }, () => [family, middle, given].map((p) => p[Math.floor(rnd() * p.length)]).filter(Boolean).join(' '));
    const givenOf = (n: string) => n.slice(n.lastIndexOf(' ') + 1);
    const ids = names.map((_, i) => i);
    const byRank = [...ids].sort((a, b) => compareVi(givenOf(names[a]), givenOf(names[b])) || compareVi(names[a], names[b]) || a - b);
    const byKey = [...ids].sort((a, b) => byBytes(nameKey(names[a])!, nameKey(names[b])!) || a - b);
    expect(byKey).toEqual(byRank);
  });

  it('a name with a character the key does not know has no key', () => {
    expect(nameKey('Nguyễn Văn Zoë')).toBeNull();
    expect(nameKey('Nguye\u0302\u0303n An')).toBeNull(); // not NFC
    expect(nameKey('Lê Văn An')).not.toBeNull();
    expect(collationKey('1'.repeat(41))).toBeNull();
  });
});
