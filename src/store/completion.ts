/**
 * What shell completion offers from the database: names that start with what was typed (accents
 * optional). Every query is bounded (LIMIT) and reads an index on a folded column, so that a TAB
 * answers at once however large the database.
 */
import type { IsoDate } from '../domain/dates.js';
import { fold } from '../domain/text.js';
import type { Db } from './db.js';

/** At most this many candidates of one kind: a shell shows no more than a screenful usefully. */
export const COMPLETION_LIMIT = 50;

export interface UnitChoice {
  name: string;
  kind: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  /** Existed on the date of the command line. */
  current: boolean;
}

export interface PersonChoice {
  name: string;
  unitName: string | null;
  active: boolean;
}

export interface DocumentChoice {
  code: string;
  title: string | null;
}

export interface MeetingChoice {
  id: number;
  heldOn: IsoDate;
  title: string;
}

export interface TaskChoice {
  id: number;
  title: string;
  unitName: string;
}

/** The upper bound of the folded names that start with `prefix` (folded text is lower-case ASCII, spaces and digits). */
function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`;
}

/**
 * Units whose name, or a word of it, starts with the typed text ("ben" finds Phường Bến Nghé; "phuong
 * ben" too). A name shared by several units (the old and the new Phường Bến Thành) comes once; units
 * that existed on `on` come first. Units are a few thousand at most (the whole country): the
 * folded-name index is read whole, never the table, then only the matching rows are.
 */
export function unitChoices(db: Db, typed: string, on: IsoDate, limit = COMPLETION_LIMIT): UnitChoice[] {
  const f = fold(typed);
  const rows = db
    .prepare(
      `SELECT u.name, u.kind, u.valid_from AS validFrom, u.valid_to AS validTo,
              ((u.valid_from IS NULL OR u.valid_from <= @on) AND (u.valid_to IS NULL OR u.valid_to >= @on)) AS current
         FROM unit u
        WHERE u.id IN (SELECT id FROM unit INDEXED BY unit_folded
                        WHERE @f = '' OR (name_folded >= @f AND name_folded < @end) OR instr(name_folded, ' ' || @f) > 0)
        ORDER BY current DESC, u.name_folded, u.valid_from DESC`,
    )
    .all({ f, end: prefixEnd(f), on }) as (Omit<UnitChoice, 'current'> & { current: number })[];
  const seen = new Set<string>();
  const out: UnitChoice[] = [];
  for (const r of rows) {
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    out.push({ ...r, current: !!r.current });
    if (out.length >= limit) break;
  }
  return out;
}

/** People by the start of their folded name: a range of the index, in its order (no sorting). */
export const PERSON_CHOICES = `
  SELECT p.full_name AS name, u.name AS unitName, p.active
    FROM person p INDEXED BY person_folded LEFT JOIN unit u ON u.id = p.unit_id
   WHERE p.name_folded >= @f AND p.name_folded < @end AND p.active = @active
   ORDER BY p.name_folded LIMIT @limit`;

/**
 * People whose full name starts with the typed text ("huynh th" finds Huỳnh Thanh Hải): a range of the
 * folded-name index, so 5 million people cost what 50 do. Active people first.
 */
export function personChoices(db: Db, typed: string, limit = COMPLETION_LIMIT): PersonChoice[] {
  const f = fold(typed);
  const stmt = db.prepare(PERSON_CHOICES);
  const params = { f, end: prefixEnd(f), limit };
  const active = stmt.all({ ...params, active: 1 }) as (Omit<PersonChoice, 'active'> & { active: number })[];
  const inactive = active.length < limit ? (stmt.all({ ...params, active: 0, limit: limit - active.length }) as typeof active) : [];
  return [...active, ...inactive].map((r) => ({ ...r, active: !!r.active }));
}

/** Documents whose code starts with the typed text ("05" finds 05-CT/TW), through the folded-code index. */
export function documentChoices(db: Db, typed: string, limit = COMPLETION_LIMIT): DocumentChoice[] {
  const f = fold(typed);
  return db
    .prepare(
      `SELECT code, title FROM document INDEXED BY document_code_folded
        WHERE code_folded >= @f AND code_folded < @end ORDER BY code_folded LIMIT @limit`,
    )
    .all({ f, end: prefixEnd(f), limit }) as DocumentChoice[];
}

/**
 * The id ranges whose decimal form starts with `digits`, up to `max`: "12" → 12, 120–129, 1200–1299…
 * Each is a range of the primary key, so ids are found without reading every row.
 */
export function idRanges(digits: string, max: number): [number, number][] {
  if (!/^\d*$/.test(digits) || digits.startsWith('0')) return [];
  if (digits === '') return [[1, max]];
  const out: [number, number][] = [];
  for (let lo = Number(digits), width = 1; lo <= max; lo *= 10, width *= 10) out.push([lo, Math.min(lo + width - 1, max)]);
  return out;
}

/** Meetings whose id starts with the typed digits (in order of id); with no digits, the latest ones. */
export function meetingChoices(db: Db, typed: string, limit = COMPLETION_LIMIT): MeetingChoice[] {
  const latest = typed.trim() === '';
  const stmt = db.prepare(
    `SELECT id, held_on AS heldOn, title FROM meeting WHERE id BETWEEN ? AND ? ORDER BY id ${latest ? 'DESC' : 'ASC'} LIMIT ?`,
  );
  return byIdRanges(db, 'meeting', typed.trim(), limit, (lo, hi, n) => stmt.all(lo, hi, n) as MeetingChoice[]);
}

/** Tasks whose id starts with the typed digits; with no digits, the latest ones. */
export function taskChoices(db: Db, typed: string, limit = COMPLETION_LIMIT): TaskChoice[] {
  const latest = typed.trim() === '';
  const stmt = db.prepare(
    `SELECT t.id, t.title, u.name AS unitName FROM task t JOIN unit u ON u.id = t.unit_id
      WHERE t.id BETWEEN ? AND ? ORDER BY t.id ${latest ? 'DESC' : 'ASC'} LIMIT ?`,
  );
  return byIdRanges(db, 'task', typed.trim(), limit, (lo, hi, n) => stmt.all(lo, hi, n) as TaskChoice[]);
}

function byIdRanges<R extends { id: number }>(db: Db, table: 'meeting' | 'task', digits: string, limit: number, read: (lo: number, hi: number, n: number) => R[]): R[] {
  const max = (db.prepare(`SELECT max(id) AS max FROM ${table}`).get() as { max: number | null }).max ?? 0;
  // The exact id first, then longer ids: ranges run from short to long.
  const ranges = idRanges(digits, max);
  const out: R[] = [];
  for (const [lo, hi] of ranges) {
    if (out.length >= limit) break;
    const rows = read(lo, hi, limit - out.length);
    out.push(...rows);
  }
  return out;
}
