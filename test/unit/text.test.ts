import { describe, expect, it } from 'vitest';
import { cleanText, compareVi, fold, ranksVi, sanitizeForTerminal, sortVi, VI_COLLATION } from '../../src/domain/text.js';
import { parseDocCode } from '../../src/domain/documents.js';
import { pickOne } from '../../src/store/lookup.js';
import { UsageError } from '../../src/errors.js';

describe('text rules', () => {
  it('folds accents, đ and case for lookups', () => {
    expect(fold('Phường Bến Nghé')).toBe('phuong ben nghe');
    expect(fold('ĐA KAO')).toBe('da kao');
    expect(fold('Đinh Thị Thảo Trang')).toBe('dinh thi thao trang');
    expect(fold('  Huỳnh   Thanh  Hải ')).toBe('huynh thanh hai');
    expect(fold('Hải'.normalize('NFD'))).toBe('hai');
  });

  it('cleans input to NFC with single spaces', () => {
    const nfd = 'Huỳnh Thanh  Hải'.normalize('NFD');
    const clean = cleanText(nfd);
    expect(clean).toBe('Huỳnh Thanh Hải');
    expect(clean === clean.normalize('NFC')).toBe(true);
  });

  it('sorts in Vietnamese order', () => {
    const wards = ['Tân Định', 'Đa Kao', 'Cô Giang', 'Bến Nghé', 'Cầu Kho', 'Bến Thành'];
    expect(sortVi(wards, (w) => w)).toEqual(['Bến Nghé', 'Bến Thành', 'Cầu Kho', 'Cô Giang', 'Đa Kao', 'Tân Định']);
    expect(compareVi('Đa Kao', 'Dũng')).toBeGreaterThan(0);
  });

  it('sorts by several texts in turn, numbers as numbers, rows that collate equal kept in order', () => {
    const people = [
      { unit: 'Phường 10', name: 'Trần Văn An', n: 1 },
      { unit: 'Phường 2', name: 'Lê Thị Ánh', n: 2 },
      { unit: 'Phường 2', name: 'Nguyễn Văn An', n: 3 },
      { unit: 'Phường 2', name: 'Nguyên Văn An', n: 4 },
      { unit: 'Phường 2', name: 'Phạm Ăn', n: 5 },
      { unit: 'Phường 2', name: 'Lê Văn An', n: 6 },
    ];
    const given = (p: { name: string }) => p.name.slice(p.name.lastIndexOf(' ') + 1);
    const sorted = sortVi(people, (p) => p.unit, given, (p) => p.name);
    // Phường 2 before Phường 10; given names An < Ánh (tone ignored: "anh") < Ăn (ă is a letter after a);
    // "Nguyễn Văn An" and "Nguyên Văn An" differ only by a tone: they collate equal and keep their order.
    expect(sorted.map((p) => p.n)).toEqual([6, 3, 4, 2, 5, 1]);
  });

  it('sorts by rank exactly as comparing every pair with the collator does', () => {
    const syllables = ['an', 'Ăn', 'ân', 'Bình', 'binh', 'Cường', 'Đức', 'Dũng', 'Hà', 'Ha', 'Hạ', 'Phường 1', 'Phường 10', 'Phường 9', 'Ơn', 'Ôn', 'On'];
    let seed = 7;
    const pick = () => syllables[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % syllables.length];
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ a: pick(), b: `${pick()} ${pick()}`, i }));
    const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
    const expected = [...rows].sort((x, y) => collator.compare(x.a, y.a) || collator.compare(x.b, y.b));
    expect(sortVi(rows, (r) => r.a, (r) => r.b).map((r) => r.i)).toEqual(expected.map((r) => r.i));
  });

  it('neutralises control characters for the terminal', () => {
    expect(sanitizeForTerminal('a\u001b[31mb')).toBe('a\\x1b[31mb');
    expect(sanitizeForTerminal('dòng 1\ndòng 2\tx')).toBe('dòng 1\ndòng 2\tx');
  });
});

describe('document codes', () => {
  it.each([
    ['05-CT/TW', { code: '05-CT/TW', number: '05', type: 'CT', issuer: 'TW' }],
    ['02-ĐA/TU', { code: '02-ĐA/TU', number: '02', type: 'ĐA', issuer: 'TU' }],
    ['02-DA/TU', { code: '02-ĐA/TU', number: '02', type: 'ĐA', issuer: 'TU' }],
    ['16-HD/VPTW', { code: '16-HD/VPTW', number: '16', type: 'HD', issuer: 'VPTW' }],
    ['132-qđ/tw', { code: '132-QĐ/TW', number: '132', type: 'QĐ', issuer: 'TW' }],
    ['12-NQ/ĐU', { code: '12-NQ/ĐU', number: '12', type: 'NQ', issuer: 'ĐU' }],
  ])('%s', (input, expected) => {
    expect(parseDocCode(input)).toEqual(expected);
  });

  it.each(['05/TW', 'CT-05/TW', '05-XX/TW', 'abc', '', '05-CT'])('%s is malformed', (input) => {
    expect(parseDocCode(input)).toBeNull();
  });
});

describe('pickOne', () => {
  const wards = ['Phường Bến Nghé', 'Phường Bến Thành', 'Phường Đa Kao'].map((name, i) => ({ id: i + 1, name, folded: fold(name), code: ['BN', 'BT', 'DK'][i] }));

  it('finds by code and by accent-insensitive name (ids: resolveRef, test/unit/lookup.test.ts)', () => {
    expect(pickOne('unit', 'dk', wards).name).toBe('Phường Đa Kao');
    expect(pickOne('unit', 'ben nghe', wards).name).toBe('Phường Bến Nghé');
    expect(pickOne('unit', 'BEN NGHE', wards).name).toBe('Phường Bến Nghé');
    expect(pickOne('unit', 'Bến Nghé', wards).name).toBe('Phường Bến Nghé');
  });

  it('an ambiguous name is a usage error listing the candidates', () => {
    try {
      pickOne('unit', 'phuong', wards);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).params.count).toBe(3);
      expect(String((err as UsageError).params.candidates)).toContain('Phường Đa Kao');
    }
  });

  it('prefers the candidate the context marks when names clash', () => {
    const twins = [
      { id: 1, name: 'Phường Bến Thành', folded: 'phuong ben thanh', preferred: false },
      { id: 2, name: 'Phường Bến Thành', folded: 'phuong ben thanh', preferred: true },
    ];
    expect(pickOne('unit', 'ben thanh', twins).id).toBe(2);
  });

  it('a name that matches nothing is exit 2', () => {
    expect(() => pickOne('unit', 'cho lon', wards)).toThrow(UsageError);
  });
});

describe('terminal safety of whole outputs', async () => {
  const { sanitizeKeepingColour } = await import('../../src/domain/text.js');
  it('keeps colour but neutralises other escapes', () => {
    expect(sanitizeKeepingColour('\u001b[31mđỏ\u001b[39m')).toBe('\u001b[31mđỏ\u001b[39m');
    expect(sanitizeKeepingColour('x\u001b]0;title\u0007y')).toBe('x\\x1b]0;title\\x07y');
    expect(sanitizeKeepingColour('a\rb')).toBe('a\\x0db');
  });
});

describe('Vietnamese order by collation keys', () => {
  const icu = new Intl.Collator('vi', VI_COLLATION);
  const rnd = (() => {
    let x = 99;
    return () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  })();
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const units = ['Phường Bến Nghé', 'Phường Bến Thành', 'Phường 1', 'Phường 10', 'Phường 2', 'Xã Đa Kao', 'xã da kao', 'Xã Dương Minh Châu', 'Phường Ô Chợ Dừa', 'Phường Ơ', 'Đặc khu Côn Đảo', 'Phường Cầu Ông Lãnh', 'Xã Tân Nhựt', 'Phường An Khánh'];

  it('sortVi, ranksVi and compareVi give ICU\'s order whether every text has a key or one has none', () => {
    for (const odd of [null, 'Phường “Mới”', 'Zoë']) {
      const texts = Array.from({ length: 400 }, () => pick(units));
      if (odd) texts[Math.floor(rnd() * texts.length)] = odd;
      const rows = texts.map((t, i) => ({ t, i }));
      const expected = [...rows].sort((a, b) => icu.compare(a.t, b.t) || a.i - b.i);
      expect(sortVi(rows, (r) => r.t).map((r) => r.i), String(odd)).toEqual(expected.map((r) => r.i));
      const ranks = ranksVi(texts, (t) => t);
      for (let k = 0; k < 2000; k++) {
        const a = Math.floor(rnd() * texts.length);
        const b = Math.floor(rnd() * texts.length);
        const want = Math.sign(icu.compare(texts[a], texts[b]));
        expect(Math.sign(ranks[a] - ranks[b]), `${texts[a]} / ${texts[b]}`).toBe(want);
        expect(Math.sign(compareVi(texts[a], texts[b])), `${texts[a]} / ${texts[b]}`).toBe(want);
      }
    }
  });
});
