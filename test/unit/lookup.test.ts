import { describe, expect, it } from 'vitest';
import { NotFoundError, UsageError } from '../../src/errors.js';
import { parseIdText, resolveRef, type RefLookup } from '../../src/store/lookup.js';

interface Rec {
  id: number;
  code: string | null;
  name: string;
}
const records: Rec[] = [
  { id: 5, code: 'BT', name: 'Phường Bến Thành' },
  { id: 12, code: '5', name: 'Phường 5' },
  { id: 13, code: '40', name: 'Phường 40' },
];
const lookup: RefLookup<Rec> = {
  entity: 'unit',
  byId: (id) => records.find((r) => r.id === id),
  byCode: (code) => records.filter((r) => r.code === code),
  label: (r) => r.name,
  byName: (q) => {
    const found = records.find((r) => r.name.toLowerCase() === q.toLowerCase() || r.code === q);
    if (!found) throw new UsageError('lookup.notFound', { entity: 'unit', query: q });
    return found;
  },
};

describe('resolveRef', () => {
  it('#N is an id and nothing else', () => {
    expect(resolveRef('#5', lookup).id).toBe(5);
    expect(resolveRef(' # 12 ', lookup).id).toBe(12);
    expect(() => resolveRef('#40', lookup)).toThrow(UsageError);
    expect(() => resolveRef('#40', lookup, { idNotFoundExit1: true })).toThrow(NotFoundError);
  });

  it('a bare number that is one record\'s id and another\'s code is ambiguous, both listed', () => {
    try {
      resolveRef('5', lookup);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).key).toBe('lookup.idOrCode');
      expect((err as UsageError).params.candidates).toBe('  #5\tPhường Bến Thành\n  #12\tPhường 5');
    }
  });

  it('a bare number that is only an id, or only a code, resolves', () => {
    expect(resolveRef('12', lookup).id).toBe(12);
    expect(resolveRef('40', lookup).id).toBe(13);
    expect(resolveRef('phường 5', lookup).id).toBe(12);
    expect(() => resolveRef('77', lookup, { idNotFoundExit1: true })).toThrow(NotFoundError);
    expect(() => resolveRef('77', lookup)).toThrow(UsageError);
  });

  it('parseIdText takes N and #N only', () => {
    expect(parseIdText('12')).toBe(12);
    expect(parseIdText('#12')).toBe(12);
    expect(parseIdText('12a')).toBeUndefined();
    expect(parseIdText('#')).toBeUndefined();
    expect(parseIdText('-3')).toBeUndefined();
  });
});
