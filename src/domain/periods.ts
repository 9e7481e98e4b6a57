/** Reporting periods: a year, a quarter, a month, or a range of dates. */
import { DateInputError, daysInMonth, FIRST_YEAR, isoDate, LAST_YEAR, parseDateInput, splitIso, type IsoDate } from './dates.js';
import { fold } from './text.js';

export type PeriodKind = 'year' | 'quarter' | 'month' | 'range';

export interface Period {
  kind: PeriodKind;
  /** Canonical code: "2017", "2017-Q2", "2017-06", "2017-01-01..2017-03-31". */
  code: string;
  from: IsoDate;
  to: IsoDate;
}

/** Why a typed period was refused: nothing typed, not a period, outside the calendar range, a range that ends before it starts. */
export type PeriodInputReason = 'empty' | 'format' | 'range' | 'order';

export class PeriodInputError extends Error {
  constructor(
    readonly input: string,
    readonly reason: PeriodInputReason = 'format',
  ) {
    super(`invalid period ${input} (${reason})`);
  }
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

export function yearPeriod(year: number): Period {
  return { kind: 'year', code: String(year), from: `${year}-01-01`, to: `${year}-12-31` };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    kind: 'quarter',
    code: `${year}-Q${quarter}`,
    from: isoDate(year, firstMonth, 1),
    to: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

export function monthPeriod(year: number, month: number): Period {
  return {
    kind: 'month',
    code: `${year}-${String(month).padStart(2, '0')}`,
    from: isoDate(year, month, 1),
    to: isoDate(year, month, daysInMonth(year, month)),
  };
}

/** The quarter a date falls in. */
export function quarterOf(date: IsoDate): Period {
  const [y, m] = splitIso(date);
  return quarterPeriod(y, Math.floor((m - 1) / 3) + 1);
}

/** A year in a period: within the calendar range, or a PeriodInputError naming the range. */
function validYear(input: string, y: number): boolean {
  if (Number.isInteger(y) && y >= FIRST_YEAR && y <= LAST_YEAR) return true;
  throw new PeriodInputError(input, 'range');
}

/**
 * Parses "2017", "2017-Q2", "Q2/2017", "quý II/2017", "quý 2 năm 2017", "2017-06", "06/2017",
 * and ranges "FROM..TO" of any date form parseDateInput takes.
 */
export function parsePeriod(input: string, today: IsoDate): Period {
  const raw = input.normalize('NFC').trim();
  if (!raw) throw new PeriodInputError(input, 'empty');
  if (raw.includes('..')) {
    const [a, b, ...rest] = raw.split('..');
    if (rest.length || !a.trim() || !b.trim()) throw new PeriodInputError(input);
    let from: IsoDate, to: IsoDate;
    try {
      from = parseDateInput(a, today);
      to = parseDateInput(b, today);
    } catch (err) {
      if (err instanceof DateInputError) throw new PeriodInputError(input, err.reason === 'range' ? 'range' : 'format');
      throw err;
    }
    if (to < from) throw new PeriodInputError(input, 'order');
    return { kind: 'range', code: `${from}..${to}`, from, to };
  }
  const f = fold(raw).replace(/\s+/g, ' ');
  let m = /^(\d{4})$/.exec(f);
  if (m && validYear(input, +m[1])) return yearPeriod(+m[1]);
  m = /^(?:nam )?(\d{4})$/.exec(f);
  if (m && validYear(input, +m[1])) return yearPeriod(+m[1]);
  m = /^(\d{4})\s*-?\s*q([1-4])$/.exec(f);
  if (m && validYear(input, +m[1])) return quarterPeriod(+m[1], +m[2]);
  m = /^(?:q|quy )\s*([1-4]|i{1,3}|iv)\s*(?:\/|-| nam |\s)\s*(\d{4})$/.exec(f);
  if (m && validYear(input, +m[2])) return quarterPeriod(+m[2], ROMAN[m[1]] ?? +m[1]);
  m = /^(\d{4})-(\d{1,2})$/.exec(f);
  if (m && validYear(input, +m[1]) && +m[2] >= 1 && +m[2] <= 12) return monthPeriod(+m[1], +m[2]);
  m = /^(?:thang )?(\d{1,2})\s*(?:\/|-| nam )\s*(\d{4})$/.exec(f);
  if (m && validYear(input, +m[2]) && +m[1] >= 1 && +m[1] <= 12) return monthPeriod(+m[2], +m[1]);
  throw new PeriodInputError(input);
}

const ROMAN_OUT = ['', 'I', 'II', 'III', 'IV'];

/** "quý II năm 2017", "năm 2017", "tháng 6 năm 2017", "từ 01/01/2017 đến 31/03/2017". */
export function periodLabel(period: Period, lang: 'vi' | 'en' = 'vi'): string {
  const [y, m] = splitIso(period.from);
  const fmt = (d: IsoDate) => {
    const [yy, mm, dd] = splitIso(d);
    return `${String(dd).padStart(2, '0')}/${String(mm).padStart(2, '0')}/${yy}`;
  };
  switch (period.kind) {
    case 'year':
      return lang === 'vi' ? `năm ${y}` : `${y}`;
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      return lang === 'vi' ? `quý ${ROMAN_OUT[q]} năm ${y}` : `Q${q} ${y}`;
    }
    case 'month':
      return lang === 'vi' ? `tháng ${m} năm ${y}` : `${y}-${String(m).padStart(2, '0')}`;
    case 'range':
      return lang === 'vi' ? `từ ${fmt(period.from)} đến ${fmt(period.to)}` : `${fmt(period.from)} to ${fmt(period.to)}`;
  }
}

/** Every calendar month that a period touches, as "yyyy-MM". */
export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  let [y, m] = splitIso(period.from);
  const [ty, tm] = splitIso(period.to);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Year ends (31/12) that fall inside the period. */
export function yearEndsIn(period: Period): number[] {
  const out: number[] = [];
  for (let y = Number(period.from.slice(0, 4)); y <= Number(period.to.slice(0, 4)); y++) {
    const end = `${y}-12-31`;
    if (end >= period.from && end <= period.to) out.push(y);
  }
  return out;
}

