import { describe, expect, it } from 'vitest';
import { catalogueParts } from '../../src/i18n/catalogue.js';
import { interpolate, translator } from '../../src/i18n/index.js';

describe('message catalogues', () => {
  it.each(Object.entries(catalogueParts))('part %s has the same keys in Vietnamese and English', (_name, part) => {
    expect(Object.keys(part.en).sort()).toEqual(Object.keys(part.vi).sort());
  });

  it('has no key defined by two parts', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, part] of Object.entries(catalogueParts))
      for (const key of Object.keys(part.vi)) {
        if (seen.has(key)) clashes.push(`${key} (${seen.get(key)}, ${name})`);
        seen.set(key, name);
      }
    expect(clashes).toEqual([]);
  });

  it('interpolates parameters and leaves unknown ones visible', () => {
    expect(interpolate('{a} và {b}', { a: 1 })).toBe('1 và {b}');
    expect(translator('vi')('common.yes')).toBe('có');
    expect(translator('en')('common.yes')).toBe('yes');
  });
});
