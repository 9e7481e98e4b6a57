/**
 * Commands read their options through a pure parse (a Parser with a given "today"): tested here
 * over the flags alone, with no database and no Env.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { createParser } from '../../src/cli/parse.js';
import { parseOverdueOptions } from '../../src/cli/commands/tasks/overdue.js';
import { parseTaskReportOptions } from '../../src/cli/commands/tasks/report.js';
import { parseComplianceOptions } from '../../src/cli/commands/compliance/report.js';
import { DEFAULT_RULES } from '../../src/domain/compliance.js';

let asked = 0;
const p = createParser(() => {
  asked++;
  return '2017-12-31';
});

describe('parseOverdueOptions', () => {
  it.each([
    [{}, { asOf: '2017-12-31', kind: undefined, dueWithin: null, units: undefined }],
    [{ asOf: '30/06/2017' }, { asOf: '2017-06-30', dueWithin: null }],
    [{ dueWithin: '7' }, { asOf: '2017-12-31', dueWithin: 7 }],
    [{ asOf: '01/02/2017', dueWithin: '2w' }, { asOf: '2017-02-01', dueWithin: 14 }],
    [{ asOf: '01/02/2017', dueWithin: '1m' }, { asOf: '2017-02-01', dueWithin: 28 }],
    [{ kind: 'breakthrough', unit: ['ben nghe', 'SG'] }, { kind: 'breakthrough', units: ['ben nghe', 'SG'] }],
  ])('%j → %j', (opts, expected) => {
    expect(parseOverdueOptions(opts, p)).toMatchObject(expected);
  });

  it.each([
    [{ asOf: '' }, 'date.empty', '--as-of'],
    [{ asOf: '31/02/2017' }, 'input.impossibleDate', '--as-of'],
    [{ asOf: '01/01/3000' }, 'date.outOfRange', '--as-of'],
    [{ dueWithin: '3651' }, 'input.badNumber', '--due-within'],
    [{ dueWithin: 'soon' }, 'input.badDuration', '--due-within'],
    [{ kind: 'urgent' }, 'input.badChoice', '--kind'],
  ])('%j is refused with %s naming %s', (opts, key, field) => {
    let err: unknown;
    try {
      parseOverdueOptions(opts, p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).key).toBe(key);
    expect((err as UsageError).params.field).toBe(field);
  });

  it('a date written in full never asks for today', () => {
    asked = 0;
    parseOverdueOptions({ asOf: '17/06/2017' }, p);
    expect(asked).toBe(0);
  });
});

describe('parseTaskReportOptions', () => {
  it.each([
    [{}, { asOf: '2017-12-31', period: { code: '2017', from: '2017-01-01', to: '2017-12-31' }, warnDays: 7 }],
    [{ period: 'Q2/2017', asOf: '30/06/2017' }, { asOf: '2017-06-30', period: { from: '2017-04-01', to: '2017-06-30' } }],
    [{ asOf: '15/03/2018', warnDays: '3', kind: 'task' }, { period: { code: '2018' }, warnDays: 3, kind: 'task' }],
  ])('%j → %j', (opts, expected) => {
    expect(parseTaskReportOptions(opts, p)).toMatchObject(expected);
  });

  it.each([
    [{ period: 'Q5/2017' }, '--period'],
    [{ warnDays: '-1' }, '--warn-days'],
    [{ asOf: 'hôm kia nữa' }, '--as-of'],
  ])('%j is refused naming %s', (opts, field) => {
    expect(() => parseTaskReportOptions(opts, p)).toThrow(UsageError);
    try {
      parseTaskReportOptions(opts, p);
    } catch (e) {
      expect((e as UsageError).params.field).toBe(field);
    }
  });
});

describe('parseComplianceOptions', () => {
  it.each([
    [{ year: '2017', asOf: '31/12/2017' }, { asOf: '2017-12-31', period: { code: '2017', from: '2017-01-01', to: '2017-12-31' }, kinds: ['ward', 'commune', 'special-zone'] }],
    [{ period: 'Q2/2017' }, { asOf: '2017-12-31', period: { from: '2017-04-01', to: '2017-06-30' } }],
    [{ from: '01/03/2017', to: '31/05/2017', kind: ['ward'] }, { period: { kind: 'range', from: '2017-03-01', to: '2017-05-31' }, kinds: ['ward'] }],
  ])('%j → %j', (opts, expected) => {
    const input = parseComplianceOptions(opts, p);
    expect(input).toMatchObject(expected);
    expect(input.rules).toEqual(DEFAULT_RULES);
  });

  it.each([
    [{}, 'compliance.needPeriod'],
    [{ year: '2017', period: '2017' }, 'input.conflict'],
    [{ from: '01/03/2017' }, 'compliance.fromTo'],
    [{ from: '01/06/2017', to: '01/03/2017' }, 'compliance.toBeforeFrom'],
    [{ year: '2018', asOf: '31/12/2017' }, 'compliance.asOfBeforePeriod'],
    [{ year: '2017', kind: ['ward,district-x'] }, 'input.badChoice'],
    [{ year: '1899' }, 'input.badNumber'],
  ])('%j is refused with %s', (opts, key) => {
    expect(() => parseComplianceOptions(opts, p)).toThrow(expect.objectContaining({ key }));
  });
});
