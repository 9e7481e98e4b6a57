import { describe, expect, it } from 'vitest';
import { monthsOf, parsePeriod, PeriodInputError, periodLabel, quarterOf, yearEndsIn } from '../../src/domain/periods.js';

const TODAY = '2017-06-17';

describe('parsePeriod', () => {
  it.each([
    ['2017', 'year', '2017-01-01', '2017-12-31'],
    ['năm 2017', 'year', '2017-01-01', '2017-12-31'],
    ['2017-Q2', 'quarter', '2017-04-01', '2017-06-30'],
    ['2017-q4', 'quarter', '2017-10-01', '2017-12-31'],
    ['Q2/2017', 'quarter', '2017-04-01', '2017-06-30'],
    ['quý II/2017', 'quarter', '2017-04-01', '2017-06-30'],
    ['Quý II năm 2017', 'quarter', '2017-04-01', '2017-06-30'],
    ['quy 1/2017', 'quarter', '2017-01-01', '2017-03-31'],
    ['quý IV/2016', 'quarter', '2016-10-01', '2016-12-31'],
    ['2017-06', 'month', '2017-06-01', '2017-06-30'],
    ['2016-02', 'month', '2016-02-01', '2016-02-29'],
    ['06/2017', 'month', '2017-06-01', '2017-06-30'],
    ['01/01/2017..31/03/2017', 'range', '2017-01-01', '2017-03-31'],
    ['2017-01-15..2017-02-15', 'range', '2017-01-15', '2017-02-15'],
  ])('%s', (input, kind, from, to) => {
    const p = parsePeriod(input, TODAY);
    expect(p).toMatchObject({ kind, from, to });
  });

  it.each(['', '17', '2017-Q5', 'quý V/2017', '2017-13', '31/03/2017..01/01/2017', 'a..b', '2017..', 'banana', '31/02/2017..31/03/2017'])(
    '%s is refused',
    (input) => {
      expect(() => parsePeriod(input, TODAY)).toThrow(PeriodInputError);
    },
  );

  it('labels periods in Vietnamese and English', () => {
    expect(periodLabel(parsePeriod('2017-Q2', TODAY))).toBe('quý II năm 2017');
    expect(periodLabel(parsePeriod('2017', TODAY))).toBe('năm 2017');
    expect(periodLabel(parsePeriod('2017-06', TODAY))).toBe('tháng 6 năm 2017');
    expect(periodLabel(parsePeriod('2017-Q2', TODAY), 'en')).toBe('Q2 2017');
  });

  it('finds the quarter of a date, the months of a period and its year ends', () => {
    expect(quarterOf('2017-06-17').code).toBe('2017-Q2');
    expect(quarterOf('2017-07-01').code).toBe('2017-Q3');
    expect(monthsOf(parsePeriod('2017-Q2', TODAY))).toEqual(['2017-04', '2017-05', '2017-06']);
    expect(monthsOf(parsePeriod('2016-11-15..2017-01-02', TODAY))).toEqual(['2016-11', '2016-12', '2017-01']);
    expect(yearEndsIn(parsePeriod('2017', TODAY))).toEqual([2017]);
    expect(yearEndsIn(parsePeriod('2017-Q2', TODAY))).toEqual([]);
  });
});
