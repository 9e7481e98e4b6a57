/**
 * The calendar range (01/01/1900–31/12/2999): every typed or computed date is inside it or refused,
 * never turned into "no date".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addDuration,
  addMonths,
  boundAfterDays,
  DateInputError,
  DateRangeError,
  FIRST_DATE,
  isoDate,
  LAST_DATE,
  makeIsoDate,
  parseDateInput,
  type Duration,
} from '../../src/domain/dates.js';
import { parsePeriod, PeriodInputError } from '../../src/domain/periods.js';
import { findControlChar } from '../../src/domain/text.js';

const TODAY = '2017-12-31';

function reasonOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof DateInputError || err instanceof PeriodInputError) return err.reason;
    throw err;
  }
}

describe('typed dates outside the calendar range', () => {
  it.each(['+9999y', '-9999y', '+1000y', '-200y', '-118y', '+9999 năm', '- 9999 năm'])('%s is out of range, not "no date"', (input) => {
    expect(reasonOf(() => parseDateInput(input, TODAY))).toBe('range');
  });

  it.each([
    ['+9999m', '2851-03-31'],
    ['+9999w', '2209-08-20'],
    ['-9999 ngày', '1990-08-16'],
  ])('%s stays inside the range: %s', (input, expected) => {
    expect(parseDateInput(input, TODAY)).toBe(expected);
  });

  it.each(['01/01/3000', '31/12/1899', '3000-01-01', '0001-01-01', '9999-12-31', '15/06/1066'])('%s is out of range', (input) => {
    expect(reasonOf(() => parseDateInput(input, TODAY))).toBe('range');
  });

  it.each(['29/02/3000', '31/04/1800', '2999-02-29'])('%s is not a day of the calendar (whatever the year)', (input) => {
    expect(reasonOf(() => parseDateInput(input, TODAY))).toBe('impossible');
  });

  it.each(['', '   ', '\t'])('%j is empty', (input) => {
    expect(reasonOf(() => parseDateInput(input, TODAY))).toBe('empty');
  });

  it('the first and the last day of the range are accepted, typed or reached by an offset', () => {
    expect(parseDateInput('01/01/1900', TODAY)).toBe(FIRST_DATE);
    expect(parseDateInput('31/12/2999', TODAY)).toBe(LAST_DATE);
    expect(parseDateInput('+982y', TODAY)).toBe(LAST_DATE);
    expect(reasonOf(() => parseDateInput('+1d', LAST_DATE))).toBe('range');
    expect(parseDateInput('-117y', TODAY)).toBe('1900-12-31');
    expect(reasonOf(() => parseDateInput('-1d', FIRST_DATE))).toBe('range');
  });

  it('any offset gives a date inside the range or a range error, never anything else', () => {
    const unit = fc.constantFrom<Duration['unit']>('d', 'w', 'm', 'y');
    fc.assert(
      fc.property(fc.constantFrom('+', '-'), fc.integer({ min: 1, max: 9999 }), unit, fc.integer({ min: 0, max: 400_000 }), (sign, amount, u, base) => {
        const today = boundAfterDays(FIRST_DATE, base % 401_767); // any day of the range
        let out: string;
        try {
          out = parseDateInput(`${sign}${amount}${u}`, today);
        } catch (err) {
          expect(err).toBeInstanceOf(DateInputError);
          expect((err as DateInputError).reason).toBe('range');
          return;
        }
        expect(out).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(out >= FIRST_DATE && out <= LAST_DATE).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('date arithmetic', () => {
  it('a time limit or an offset that leaves the range throws DateRangeError (no null, no !)', () => {
    expect(() => addDuration('2017-06-17', { amount: 9999, unit: 'y' })).toThrow(DateRangeError);
    expect(() => addMonths('1900-03-31', -3)).toThrow(DateRangeError);
    expect(() => addDays(LAST_DATE, 1)).toThrow(DateRangeError);
    expect(addDays(LAST_DATE, -1)).toBe('2999-12-30');
  });

  it('a query bound may step one day outside the range, and still compares correctly with stored dates', () => {
    expect(boundAfterDays(FIRST_DATE, -1)).toBe('1899-12-31');
    expect(boundAfterDays(LAST_DATE, 7)).toBe('3000-01-07');
    expect(boundAfterDays('2017-12-31', 1)).toBe('2018-01-01');
    expect(boundAfterDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(boundAfterDays(FIRST_DATE, -1) < FIRST_DATE).toBe(true);
  });

  it('makeIsoDate is a check (null outside the range); isoDate throws instead', () => {
    expect(makeIsoDate(3000, 1, 1)).toBeNull();
    expect(makeIsoDate(2017, 2, 29)).toBeNull();
    expect(isoDate(2017, 6, 17)).toBe('2017-06-17');
    expect(() => isoDate(3000, 1, 1)).toThrow(DateRangeError);
    expect(() => isoDate(2017, 2, 29)).toThrow(RangeError);
  });
});

describe('periods outside the calendar range', () => {
  it.each([
    ['+9999y..+9999y', 'range'],
    ['-9999y..01/01/2017', 'range'],
    ['01/01/2017..01/01/3000', 'range'],
    ['3000', 'range'],
    ['1899-Q4', 'range'],
    ['Q1/3000', 'range'],
    ['12/3000', 'range'],
    ['', 'empty'],
    ['  ', 'empty'],
    ['31/12/2017..01/01/2017', 'order'],
    ['01/01/2017..', 'format'],
    ['banana', 'format'],
  ])('%j is refused: %s', (input, reason) => {
    expect(reasonOf(() => parsePeriod(input, TODAY))).toBe(reason);
  });

  it('the last year of the range is a period', () => {
    expect(parsePeriod('2999-Q4', TODAY)).toMatchObject({ from: '2999-10-01', to: LAST_DATE });
    expect(parsePeriod('1900', TODAY)).toMatchObject({ from: FIRST_DATE, to: '1900-12-31' });
  });
});

describe('control characters in plain text', () => {
  it('finds ESC, NUL, DEL and C1 with line and column; tab and line breaks are plain text', () => {
    expect(findControlChar('Ý kiến\tđầy đủ\r\nhai dòng\n')).toBeNull();
    expect(findControlChar('dòng một\nđỏ \u001b[31m')).toEqual({ char: 'U+001B', line: 2, column: 4 });
    expect(findControlChar('a\u0000b')).toEqual({ char: 'U+0000', line: 1, column: 2 });
    expect(findControlChar('x\r\ny\rz\u007f')).toEqual({ char: 'U+007F', line: 3, column: 2 });
    expect(findControlChar('\u009b')).toEqual({ char: 'U+009B', line: 1, column: 1 });
  });
});
