import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDuration,
  addMonths,
  daysBetween,
  DateInputError,
  formatDateLongVi,
  formatDateVi,
  isIsoDate,
  parseDateInput,
  parseDuration,
  parseTimeOfDay,
  todayInHoChiMinh,
} from '../../src/domain/dates.js';

const TODAY = '2017-06-17';

describe('parseDateInput', () => {
  it.each([
    ['17/6/2017', '2017-06-17'],
    ['17/06/2017', '2017-06-17'],
    ['01-07-2017', '2017-07-01'],
    ['1.7.2017', '2017-07-01'],
    ['2017-06-17', '2017-06-17'],
    ['2017-6-7', '2017-06-07'],
    ['hôm nay', TODAY],
    ['Hôm nay', TODAY],
    ['hom nay', TODAY],
    ['today', TODAY],
    ['+30d', '2017-07-17'],
    ['+6m', '2017-12-17'],
    ['+2w', '2017-07-01'],
    ['+1y', '2018-06-17'],
    ['-7d', '2017-06-10'],
    ['29/02/2016', '2016-02-29'],
    ['29/02/2000', '2000-02-29'],
    // Two-digit years: this century up to ten years ahead of today (2017), else the last one.
    ['17/6/17', '2017-06-17'],
    ['1/7/25', '2025-07-01'],
    ['31/12/27', '2027-12-31'],
    ['05/11/75', '1975-11-05'],
    ['01.01.28', '1928-01-01'],
  ])('%s → %s', (input, expected) => {
    expect(parseDateInput(input, TODAY)).toBe(expected);
  });

  it.each(['31/02/2017', '31/02/17', '29/02/2017', '29/02/1900', '32/01/2017', '00/01/2017', '15/13/2017', '2017-02-30', '2017-13-01'])(
    '%s is an impossible date',
    (input) => {
      expect(() => parseDateInput(input, TODAY)).toThrow(DateInputError);
      try {
        parseDateInput(input, TODAY);
      } catch (err) {
        expect((err as DateInputError).reason).toBe('impossible');
      }
    },
  );

  it.each(['', 'banana', '17/6', '2017', '+30', '+30x', 'tomorrow'])('%s is not a date', (input) => {
    expect(() => parseDateInput(input, TODAY)).toThrow(DateInputError);
  });

  it('NFD input (decomposed accents) is read like NFC', () => {
    expect(parseDateInput('hôm nay'.normalize('NFD'), TODAY)).toBe(TODAY);
  });

  it('round-trips every valid date through dd/MM/yyyy', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(parseDateInput(formatDateVi(iso), TODAY)).toBe(iso);
      }),
    );
  });
});

describe('durations and month arithmetic', () => {
  it.each([
    ['30d', { amount: 30, unit: 'd' }],
    ['45 ngày', { amount: 45, unit: 'd' }],
    ['6 tháng', { amount: 6, unit: 'm' }],
    ['3m', { amount: 3, unit: 'm' }],
    ['+6m', { amount: 6, unit: 'm' }],
    ['2 tuần', { amount: 2, unit: 'w' }],
    ['1 năm', { amount: 1, unit: 'y' }],
  ])('parses %s', (input, expected) => {
    expect(parseDuration(input)).toEqual(expected);
  });

  it.each(['banana', '0d', '', '6', 'd6', '6 giờ'])('%s is not a duration', (input) => {
    expect(parseDuration(input)).toBeNull();
  });

  it('31/08 + 6 months clamps to the end of February', () => {
    expect(addMonths('2017-08-31', 6)).toBe('2018-02-28');
    expect(addMonths('2015-08-31', 6)).toBe('2016-02-29');
    expect(addDuration('2017-01-31', { amount: 1, unit: 'm' })).toBe('2017-02-28');
  });

  it('counts days across month and year ends', () => {
    expect(daysBetween('2017-12-31', '2018-01-01')).toBe(1);
    expect(daysBetween('2017-06-17', '2017-06-17')).toBe(0);
    expect(daysBetween('2016-02-28', '2016-03-01')).toBe(2);
    expect(daysBetween('2017-07-01', '2017-06-17')).toBe(-14);
  });
});

describe('formatting and today', () => {
  it('prints dd/MM/yyyy and the long form used in documents', () => {
    expect(formatDateVi('2017-06-07')).toBe('07/06/2017');
    expect(formatDateLongVi('2017-06-17')).toBe('ngày 17 tháng 6 năm 2017');
    expect(formatDateVi(null)).toBe('');
  });

  it('today is the calendar date in Asia/Ho_Chi_Minh, not UTC', () => {
    // 18:30 UTC on 31/12/2017 is already 01/01/2018 in Vietnam (UTC+7).
    expect(todayInHoChiMinh(new Date('2017-12-31T18:30:00Z'))).toBe('2018-01-01');
    expect(todayInHoChiMinh(new Date('2017-12-31T16:59:00Z'))).toBe('2017-12-31');
  });

  it('checks ISO dates', () => {
    expect(isIsoDate('2017-02-28')).toBe(true);
    expect(isIsoDate('2017-02-29')).toBe(false);
    expect(isIsoDate('17/06/2017')).toBe(false);
  });

  it.each([
    ['8:30', '08:30'],
    ['08:00', '08:00'],
    ['14h', '14:00'],
    ['7g30', '07:30'],
  ])('time %s → %s', (input, expected) => {
    expect(parseTimeOfDay(input)).toBe(expected);
  });

  it.each(['25:00', '12:60', 'noon', ''])('time %s is refused', (input) => {
    expect(parseTimeOfDay(input)).toBeNull();
  });
});

describe('today in Asia/Ho_Chi_Minh from the fixed offset', () => {
  it('agrees with the time-zone database around midnight, month and year ends, and across years', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
    const instants: Date[] = [];
    for (const day of ['1990-01-01', '2017-06-17', '2017-12-31', '2024-02-29', '2025-06-30', '2026-11-27', '2030-12-31'])
      for (const hour of [0, 16, 16.99, 17, 17.01, 23.99]) instants.push(new Date(Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000));
    for (const at of instants) expect(todayInHoChiMinh(at), at.toISOString()).toBe(zone.format(at));
  });
});
