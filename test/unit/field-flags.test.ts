import { describe, expect, it } from 'vitest';
import { cliErrorText, flagOfField } from '../../src/cli/field-flags.js';
import { UsageError, userErrorText } from '../../src/errors.js';
import { translator } from '../../src/i18n/index.js';
import { checkTime } from '../../src/store/meetings/validate.js';

describe('store fields named by their flags', () => {
  const t = translator('en');

  it('maps the data field of a store error to the flag that sets it', () => {
    expect(flagOfField('heldOn')).toBe('--date');
    expect(flagOfField('ord')).toBe('--order');
    expect(flagOfField('startTime')).toBe('--start');
    // A flag named by a command, or a field set by no flag, is shown as it is.
    expect(flagOfField('--within')).toBe('--within');
    expect(flagOfField('toString')).toBe('toString');
  });

  it('says the flag at the command line and the field elsewhere', () => {
    let err: unknown;
    try {
      checkTime('endTime', '25:00');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).params.field).toBe('endTime');
    expect(cliErrorText(err as UsageError, t)).toBe('--end: "25:00" is not a time of day; use HH:mm from 00:00 to 23:59, e.g. 08:00 or 8h30');
    expect(userErrorText(err as UsageError, t)).toMatch(/^endTime: /);
    expect(cliErrorText(new UsageError('meeting.titleEmpty', { field: 'title' }), t)).toBe('--title: the meeting title (topic) cannot be empty');
  });
});
