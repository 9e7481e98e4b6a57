/**
 * Reading what the user typed into values: dates (absolute, "hôm nay", offsets), time limits,
 * periods and bounded numbers. Pure: "today" is given, nothing is opened or printed; a refused value
 * is a usage error naming the field, the value and what is accepted. `Env` parses through one of
 * these; a command's `parse…Options` takes one, so its options are tested without a database.
 */
import { addDuration, DateInputError, DateRangeError, FIRST_DATE, formatDateVi, LAST_DATE, parseDateInput, parseDuration, type Duration, type IsoDate } from '../domain/dates.js';
import { parseElapsed } from '../domain/datetime.js';
import { parsePeriod, PeriodInputError, type Period } from '../domain/periods.js';
import { UsageError } from '../errors.js';

/** "17/06/2017", "2017-06-17", "2017-Q2": values that do not depend on today ("+30d", "hôm nay" do). */
function isAbsoluteDate(value: string): boolean {
  return /^\s*\d/.test(value) && !value.includes('..');
}

/** The accepted range, as messages show it. */
export const DATE_RANGE_PARAMS = { min: formatDateVi(FIRST_DATE), max: formatDateVi(LAST_DATE) };

/** A refused date as a usage error (exit 2) naming the field, the value and what is accepted. */
export function dateInputUsageError(field: string, value: string, err: DateInputError): UsageError {
  switch (err.reason) {
    case 'empty':
      return new UsageError('date.empty', { field });
    case 'impossible':
      return new UsageError('input.impossibleDate', { field, value });
    case 'range':
      return new UsageError('date.outOfRange', { field, value, ...DATE_RANGE_PARAMS });
    default:
      return new UsageError('input.badDate', { field, value });
  }
}

export interface Parser {
  /** `--as-of` when given, else today. */
  asOf(value: string | undefined): IsoDate;
  date(field: string, value: string, today?: IsoDate): IsoDate;
  optionalDate(field: string, value: string | undefined, today?: IsoDate): IsoDate | undefined;
  duration(field: string, value: string): Duration;
  /** How long ago (`--stale 7d`, `--fresh-within 12h`, `30m` minutes), in milliseconds. */
  elapsed(field: string, value: string): number;
  /** A time limit counted from `start` (`--within 30d`): the date it ends on, within the calendar range. */
  dateAfter(field: string, value: string, start: IsoDate): IsoDate;
  period(field: string, value: string, today?: IsoDate): Period;
  /** A whole number within bounds, or a usage error naming the field. */
  int(field: string, value: string | undefined, min: number, max: number): number | undefined;
  year(field: string, value: string | undefined): number | undefined;
}

/** A parser whose "today" (for offsets and defaults) is asked of `today` only when a value needs it. */
export function createParser(today: () => IsoDate): Parser {
  const dateWith = (field: string, value: string, base: IsoDate): IsoDate => {
    try {
      return parseDateInput(value, base);
    } catch (err) {
      if (err instanceof DateInputError) throw dateInputUsageError(field, value, err);
      throw err;
    }
  };
  const p: Parser = {
    // `--as-of ""` (in cron: `--as-of "$D"` with D unset) is an error, never a silent "today".
    asOf: (value) => (value !== undefined ? p.date('--as-of', value) : today()),
    // A date written out in full needs no "today" (nor a valid THUKY_TODAY).
    date: (field, value, base) => dateWith(field, value, base ?? (isAbsoluteDate(value) ? FIRST_DATE : today())),
    optionalDate: (field, value, base) => (value === undefined ? undefined : p.date(field, value, base)),
    duration(field, value) {
      if (value.trim() === '') throw new UsageError('duration.empty', { field });
      const d = parseDuration(value);
      if (!d) throw new UsageError('input.badDuration', { field, value });
      return d;
    },
    elapsed(field, value) {
      if (value.trim() === '') throw new UsageError('elapsed.empty', { field });
      const ms = parseElapsed(value);
      if (ms === null) throw new UsageError('input.badElapsed', { field, value });
      return ms;
    },
    dateAfter(field, value, start) {
      const d = p.duration(field, value);
      try {
        return addDuration(start, d);
      } catch (err) {
        if (err instanceof DateRangeError) throw new UsageError('date.durationOutOfRange', { field, value, start: formatDateVi(start), ...DATE_RANGE_PARAMS });
        throw err;
      }
    },
    period(field, value, base) {
      try {
        return parsePeriod(value, base ?? (isAbsoluteDate(value) ? FIRST_DATE : today()));
      } catch (err) {
        if (err instanceof PeriodInputError) {
          if (err.reason === 'empty') throw new UsageError('period.empty', { field });
          if (err.reason === 'range') throw new UsageError('period.outOfRange', { field, value, ...DATE_RANGE_PARAMS });
          if (err.reason === 'order') throw new UsageError('period.order', { field, value });
          throw new UsageError('input.badPeriod', { field, value });
        }
        throw err;
      }
    },
    int(field, value, min, max) {
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!/^-?\d+$/.test(String(value).trim()) || n < min || n > max) throw new UsageError('input.badNumber', { field, value, min, max });
      return n;
    },
    year: (field, value) => p.int(field, value, 1900, 2999),
  };
  return p;
}
