/** Lengths of time for --stale and --fresh-within: "30m" is minutes there, and a bad value names its flag. */
import { describe, expect, it } from 'vitest';
import { parseElapsed, formatLocalMinute } from '../../src/domain/datetime.js';
import { createParser } from '../../src/cli/parse.js';
import { parseOverdueOptions } from '../../src/cli/commands/tasks/overdue.js';
import { parseComplianceOptions } from '../../src/cli/commands/compliance/report.js';
import { UsageError } from '../../src/errors.js';
import { translator } from '../../src/i18n/index.js';

const MIN = 60_000;

describe('parseElapsed', () => {
  it.each([
    ['7d', 7 * 1440 * MIN],
    ['12h', 12 * 60 * MIN],
    ['30m', 30 * MIN],
    ['2w', 14 * 1440 * MIN],
    ['45 phút', 45 * MIN],
    ['3 ngày', 3 * 1440 * MIN],
    [' 6 GIỜ ', 6 * 60 * MIN],
  ])('%s', (input, ms) => expect(parseElapsed(input)).toBe(ms));

  it.each(['', 'abc', '7', '0d', '-1d', '3 tháng', '1y', '7x', 'd7'])('refuses %j', (input) => expect(parseElapsed(input)).toBeNull());
});

describe('--fresh-within and --stale values', () => {
  const p = createParser(() => '2017-12-31');
  it('are read before anything is opened', () => {
    expect(parseOverdueOptions({ freshWithin: '12h' }, p).freshWithin).toBe(12 * 60 * MIN);
    expect(parseOverdueOptions({}, p)).not.toHaveProperty('freshWithin');
    expect(parseComplianceOptions({ year: '2017', freshWithin: '30m' }, p).freshWithin).toBe(30 * MIN);
  });

  it('a bad one is a usage error naming the flag, in Vietnamese and English', () => {
    let err: unknown;
    try {
      parseOverdueOptions({ freshWithin: '3 tháng' }, p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    const e = err as UsageError;
    expect(translator('vi')(e.key, e.params)).toBe('--fresh-within: "3 tháng" không phải là khoảng thời gian. Nhập ví dụ 7d (7 ngày), 12h (12 giờ), 30m (30 phút), 2w (2 tuần)');
    expect(translator('en')(e.key, e.params)).toContain('--fresh-within: "3 tháng" is not a length of time');
    expect(() => p.elapsed('--stale', ' ')).toThrow(UsageError);
  });
});

describe('formatLocalMinute', () => {
  it('shows a UTC instant on the office clock, to the minute', () => {
    expect(formatLocalMinute('2026-12-01T17:05:59.999Z')).toBe('02/12/2026 00:05');
    expect(formatLocalMinute('not a time')).toBe('not a time');
  });
});
