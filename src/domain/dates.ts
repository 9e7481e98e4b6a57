/**
 * Calendar dates without a time of day. Internally a date is an ISO string "yyyy-MM-dd";
 * these strings sort and compare correctly as text, which SQLite relies on too.
 */

import { addDays as dfAddDays } from 'date-fns/addDays';
import { addMonths as dfAddMonths } from 'date-fns/addMonths';

export type IsoDate = string;

/**
 * The calendar range every date lies in, typed or computed. Outside it a date is refused, never
 * stored as "no date": a deadline of +9999y is an error, not a task without a deadline.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;
export const FIRST_DATE: IsoDate = '1900-01-01';
export const LAST_DATE: IsoDate = '2999-12-31';

/** Why a typed date was refused: nothing typed, not a date, not a day of the calendar, outside the range. */
export type DateInputReason = 'empty' | 'format' | 'impossible' | 'range';

export class DateInputError extends Error {
  constructor(
    readonly input: string,
    readonly reason: DateInputReason,
  ) {
    super(`invalid date ${input} (${reason})`);
  }
}

/** A computed date (an offset, a time limit added to a start) that falls outside FIRST_YEAR..LAST_YEAR. */
export class DateRangeError extends RangeError {
  constructor(readonly year: number) {
    super(`date out of range (year ${year})`);
  }
}

/** Asia/Ho_Chi_Minh has been UTC+7 all year round since 1975: no daylight saving to follow. */
const HCM_OFFSET_MS = 7 * 3_600_000;

/**
 * Today's calendar date in Asia/Ho_Chi_Minh, whatever the machine's time zone. Computed from the
 * fixed offset: asking Intl for the zone loads the time-zone database, which costs a cron job
 * 25–30 ms at every start (a test checks both agree).
 */
export function todayInHoChiMinh(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + HCM_OFFSET_MS).toISOString().slice(0, 10);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Whether year-month-day is a day of the (proleptic Gregorian) calendar, whatever the year. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && month >= 1 && month <= 12 && Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month);
}

function inYearRange(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

function formatIso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date, or null when it is not a day of the calendar or lies outside FIRST_YEAR..LAST_YEAR. */
export function makeIsoDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !inYearRange(year) || !isCalendarDay(year, month, day)) return null;
  return formatIso(year, month, day);
}

/** A date built from parts the code itself computed (a quarter's first day): throws instead of returning null. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  if (!isCalendarDay(year, month, day)) throw new RangeError(`not a day of the calendar: ${year}-${month}-${day}`);
  if (!inYearRange(year)) throw new DateRangeError(year);
  return formatIso(year, month, day);
}

export function splitIso(date: IsoDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return !!m && makeIsoDate(+m[1], +m[2], +m[3]) !== null;
}

export interface Duration {
  amount: number;
  unit: 'd' | 'w' | 'm' | 'y';
}

const DURATION_UNITS: Record<string, Duration['unit']> = {
  d: 'd', day: 'd', days: 'd', ngay: 'd', 'ngày': 'd',
  w: 'w', week: 'w', weeks: 'w', tuan: 'w', 'tuần': 'w',
  m: 'm', month: 'm', months: 'm', thang: 'm', 'tháng': 'm',
  y: 'y', year: 'y', years: 'y', nam: 'y', 'năm': 'y',
};

/** Parses "30d", "+6m", "6 tháng", "45 ngày", "2w", "1y". Returns null when it is not a duration. */
export function parseDuration(input: string): Duration | null {
  const m = /^\+?\s*(\d{1,4})\s*([\p{L}]+)$/u.exec(input.normalize('NFC').trim().toLowerCase());
  if (!m) return null;
  const unit = DURATION_UNITS[m[2]];
  const amount = Number(m[1]);
  if (!unit || amount <= 0) return null;
  return { amount, unit };
}

// Calendar arithmetic on local midnights: no time of day ever enters, so the process time zone
// cannot shift a date.
function toLocal(date: IsoDate): Date {
  const [y, m, d] = splitIso(date);
  return new Date(y, m - 1, d);
}

function fromLocal(date: Date): IsoDate {
  return isoDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** Adds days; a result outside the calendar range throws DateRangeError. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromLocal(dfAddDays(toLocal(date), days));
}

/**
 * Adds days for a query bound ("due before as-of", "due within 7 days"): the result may step just
 * outside the calendar range (1899-12-31, 3000-01-07), which compares correctly with stored dates
 * and is never stored itself. Keep `days` small (within ±10 years).
 */
export function boundAfterDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10) + days)).toISOString().slice(0, 10);
}

/** Adds months, clamping to the last day of the target month (31/08 + 6m → 28/02 or 29/02); out of range throws DateRangeError. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return fromLocal(dfAddMonths(toLocal(date), months));
}

/** A date plus a time limit; a result outside the calendar range throws DateRangeError. */
export function addDuration(date: IsoDate, duration: Duration): IsoDate {
  switch (duration.unit) {
    case 'd':
      return addDays(date, duration.amount);
    case 'w':
      return addDays(date, duration.amount * 7);
    case 'm':
      return addMonths(date, duration.amount);
    case 'y':
      return addMonths(date, duration.amount * 12);
  }
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  // Reports compute this for every row: day numbers from the ISO text, no Date objects kept.
  return dayNumber(b) - dayNumber(a);
}

/** Days since 1970-01-01 of an ISO date. */
function dayNumber(date: IsoDate): number {
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7);
  const d = +date.slice(8, 10);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * A year written with two digits ("17/6/17"): this century up to ten years ahead of today, else the
 * last one (a birth date "05/11/75" is 1975).
 */
function fullYear(yy: number, today: IsoDate): number {
  const thisYear = Number(today.slice(0, 4));
  const century = thisYear - (thisYear % 100);
  return century + yy <= thisYear + 10 ? century + yy : century - 100 + yy;
}

const TODAY_WORDS = new Set(['today', 'hom nay', 'hôm nay', 'nay']);

/**
 * The one parser of typed dates: dd/MM/yyyy (also d/M/yyyy, dd-MM-yyyy, dd.MM.yyyy, d/M/yy), yyyy-MM-dd,
 * "today"/"hôm nay", or an offset from today ("+30d", "+6m", "-7d"). Returns a date within
 * FIRST_DATE..LAST_DATE or throws DateInputError saying why (empty, format, impossible, range).
 */
export function parseDateInput(input: string, today: IsoDate): IsoDate {
  const raw = input.normalize('NFC').trim().toLowerCase();
  if (!raw) throw new DateInputError(input, 'empty');
  if (TODAY_WORDS.has(raw)) return today;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw);
  if (m) return checkedDate(input, +m[3], +m[2], +m[1]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$/.exec(raw);
  if (m) return checkedDate(input, fullYear(+m[3], today), +m[2], +m[1]);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  if (m) return checkedDate(input, +m[1], +m[2], +m[3]);
  m = /^([+-])\s*(\d{1,4})\s*([\p{L}]+)$/u.exec(raw);
  if (m) {
    const duration = parseDuration(`${m[2]}${m[3]}`);
    if (duration) {
      try {
        return addDuration(today, m[1] === '+' ? duration : { ...duration, amount: -duration.amount });
      } catch (err) {
        if (err instanceof DateRangeError) throw new DateInputError(input, 'range');
        throw err;
      }
    }
  }
  throw new DateInputError(input, 'format');
}

function checkedDate(input: string, year: number, month: number, day: number): IsoDate {
  if (!isCalendarDay(year, month, day)) throw new DateInputError(input, 'impossible');
  if (!inYearRange(year)) throw new DateInputError(input, 'range');
  return formatIso(year, month, day);
}

/** dd/MM/yyyy, the Vietnamese way. */
export function formatDateVi(date: IsoDate | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = splitIso(date);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/** "ngày 17 tháng 6 năm 2017", as written in documents. */
export function formatDateLongVi(date: IsoDate): string {
  const [y, m, d] = splitIso(date);
  return `ngày ${d} tháng ${m} năm ${y}`;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Parses "HH:mm" (also "8h30", "8:30"). Returns "HH:mm" or null. */
export function parseTimeOfDay(input: string): string | null {
  const m = /^(\d{1,2})\s*[:hg]\s*(\d{2})?$/i.exec(input.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
