/**
 * Registering many people at once from a file: matched beforehand (by party card, else by name
 * within the unit), written here in one transaction with prepared statements. Dates of birth and
 * card numbers are personal data: stored, but never copied into the change log.
 */
import { writeOrDryRun } from './transaction.js';
import { newUid } from './uid.js';
import type { IsoDate } from '../domain/dates.js';
import { fold } from '../domain/text.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { changeMembership } from './memberships.js';

export interface PersonImportRow {
  line: number;
  /** The person this line updates; null for a new one. */
  personId: number | null;
  fullName: string;
  /** The line matched a stored name typed without accents: the stored spelling stays. */
  keepStoredName?: boolean;
  unitId: number;
  /** Undefined: keep what is stored (a new person gets the default). */
  positions?: string[];
  isMember?: boolean;
  birthOn?: IsoDate;
  partyCard?: string;
  note?: string;
}

export interface PersonImportResult {
  added: number;
  updated: number;
  unchanged: number;
  ids: number[];
  dryRun: boolean;
}

interface Stored {
  fullName: string;
  unitId: number | null;
  positions: string;
  isMember: number;
  birthOn: string | null;
  partyCard: string | null;
  note: string | null;
}

/** People (active or not) whose party card is one of these: card → ids. */
export function peopleByCard(db: Db, cards: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!cards.length) return out;
  const rows = db
    .prepare('SELECT id, party_card AS card FROM person WHERE party_card IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(cards)) as { id: number; card: string }[];
  for (const r of rows) out.set(r.card, [...(out.get(r.card) ?? []), r.id]);
  return out;
}

/** The personal data of one person (date of birth, party card), for --show-personal. */
export function personalData(db: Db, id: number): { birthOn: IsoDate | null; partyCard: string | null } {
  return (db.prepare('SELECT birth_on AS birthOn, party_card AS partyCard FROM person WHERE id = ?').get(id) as { birthOn: string | null; partyCard: string | null } | undefined) ?? {
    birthOn: null,
    partyCard: null,
  };
}

export function importPeople(
  db: Db,
  audit: Audit,
  rows: readonly PersonImportRow[],
  opts: { source: string; movedOn: IsoDate; dryRun?: boolean; tick?: (done: number) => void },
): PersonImportResult {
  const read = db.prepare(
    `SELECT full_name AS fullName, unit_id AS unitId, positions, is_member AS isMember, birth_on AS birthOn, party_card AS partyCard, note FROM person WHERE id = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO person (full_name, name_folded, unit_id, positions, is_member, active, note, illustrative, created_at, birth_on, party_card, uid)
     VALUES (?, ?, ?, ?, ?, 1, ?, 0, ?, ?, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE person SET full_name = ?, name_folded = ?, unit_id = ?, positions = ?, is_member = ?, note = ?, birth_on = ?, party_card = ? WHERE id = ?`,
  );
  const work = () => {
    const result: PersonImportResult = { added: 0, updated: 0, unchanged: 0, ids: [], dryRun: !!opts.dryRun };
    rows.forEach((r, i) => {
      if (i % 500 === 0) opts.tick?.(i);
      if (r.personId === null) {
        const id = Number(
          insert.run(r.fullName, fold(r.fullName), r.unitId, JSON.stringify(r.positions ?? []), r.isMember === false ? 0 : 1, r.note ?? null, audit.at, r.birthOn ?? null, r.partyCard ?? null, newUid())
            .lastInsertRowid,
        );
        result.ids.push(id);
        result.added++;
        return;
      }
      const before = read.get(r.personId) as Stored;
      const after: Stored = {
        fullName: r.keepStoredName ? before.fullName : r.fullName,
        unitId: r.unitId,
        positions: r.positions ? JSON.stringify(r.positions) : before.positions,
        isMember: r.isMember === undefined ? before.isMember : r.isMember ? 1 : 0,
        birthOn: r.birthOn ?? before.birthOn,
        partyCard: r.partyCard ?? before.partyCard,
        note: r.note ?? before.note,
      };
      result.ids.push(r.personId);
      const changed = (Object.keys(after) as (keyof Stored)[]).filter((k) => after[k] !== before[k]);
      if (!changed.length) {
        result.unchanged++;
        return;
      }
      // A new unit or new positions hold from the day of the import; what held before is kept.
      if (after.unitId !== before.unitId || after.positions !== before.positions)
        changeMembership(db, audit, r.personId, { unitId: after.unitId!, positions: JSON.parse(after.positions) as string[] }, opts.movedOn);
      update.run(after.fullName, fold(after.fullName), after.unitId, after.positions, after.isMember, after.note, after.birthOn, after.partyCard, r.personId);
      // Which fields changed, never their personal values.
      logChange(db, audit, 'person', r.personId, 'update', { source: opts.source, line: r.line, fields: changed });
      result.updated++;
    });
    opts.tick?.(rows.length);
    if (result.added || result.updated) logChange(db, audit, 'person', null, 'import', { source: opts.source, added: result.added, updated: result.updated, unchanged: result.unchanged });
    return result;
  };
  return writeOrDryRun(db, opts.dryRun, work);
}

/**
 * The people (active or not) of these units bearing one of these folded names: "unit id, folded
 * name" → ids. Only the names asked for are read (through the index on name_folded), not everyone
 * of the units: a city's units hold hundreds of thousands of people.
 */
export function peopleByUnitName(db: Db, unitIds: number[], foldedNames: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!unitIds.length || !foldedNames.length) return out;
  const rows = db
    .prepare(
      `SELECT id, name_folded AS folded, unit_id AS unitId FROM person
        WHERE name_folded IN (SELECT value FROM json_each(?)) AND unit_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(foldedNames), JSON.stringify(unitIds)) as { id: number; folded: string; unitId: number }[];
  for (const r of rows) {
    const key = unitNameKey(r.unitId, r.folded);
    out.set(key, [...(out.get(key) ?? []), r.id]);
  }
  return out;
}

/** The key of peopleByUnitName's answer. */
export const unitNameKey = (unitId: number, folded: string): string => `${unitId}\u0001${folded}`;
