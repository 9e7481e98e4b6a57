/** English counts agree with their nouns ("1 task", "3 tasks"); Vietnamese nouns do not change. */
import { describe, expect, it } from 'vitest';
import { catalogueParts } from '../../src/i18n/catalogue.js';
import { interpolate, translator } from '../../src/i18n/index.js';

const names = (template: string) => [...template.matchAll(/\{(\w+)(?:#[^{}]*)?\}/g)].map((m) => m[1]).sort();

describe('counts with their nouns', () => {
  it('{n#one|other}: singular for 1, plural otherwise', () => {
    expect(interpolate('{n#day|days} overdue', { n: 1 })).toBe('1 day overdue');
    expect(interpolate('{n#day|days} overdue', { n: 0 })).toBe('0 days overdue');
    expect(interpolate('{n#day|days} overdue', { n: 12 })).toBe('12 days overdue');
    expect(interpolate('{n#day|days}', {})).toBe('{n#day|days}');
  });

  it('English messages say 1 task, 2 tasks', () => {
    const en = translator('en');
    expect(en('overdue.summary', { n: 1, units: 1, date: '31/12/2017' })).toBe('Total: 1 overdue task in 1 unit as of 31/12/2017.');
    expect(en('record.saved', { id: 4, speeches: 1, conclusions: 2, tasks: 1 })).toBe('Meeting 4 saved: 1 speech, 2 conclusions, 1 task.');
    expect(en('task.days.overdue', { n: 1 })).toBe('1 day overdue');
  });

  it('every English message takes the parameters of its Vietnamese one', () => {
    const differ: string[] = [];
    for (const part of Object.values(catalogueParts))
      for (const [key, vi] of Object.entries(part.vi)) if (names(vi).join() !== names(part.en[key] ?? '').join()) differ.push(key);
    // A date written out in words: "ngày 17 tháng 6 năm 2017" from its parts, "17 June 2017" whole.
    expect(differ).toEqual(['minutes.dateLong']);
  });

  it('a Vietnamese proper name stays whole in English (the party organisation in the minutes heading)', () => {
    expect(translator('en')('minutes.partyOrganisation', { place: 'Thành phố Hồ Chí Minh' })).toBe('Đảng bộ Thành phố Hồ Chí Minh');
  });
});
