/**
 * Membership over time. person.unit_id is a person's unit now, since person.unit_since (NULL:
 * since before records began); the memberships that ended are rows of membership_history. A
 * report about a past period counts the members of that period, whatever happened since.
 */
import { addDays, type IsoDate } from '../domain/dates.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';

/**
 * The party members (active people) of the units in @units (JSON ids) at some time between @from
 * and @until, as (personId, unitId) rows: today's members who had joined by @until, and the ended
 * memberships that overlap the period (never the same person and unit twice).
 */
export const MEMBERS_IN_PERIOD = `
  SELECT p.id AS personId, p.unit_id AS unitId FROM person p
   WHERE p.unit_id IN (SELECT value FROM json_each(@units)) AND p.is_member = 1 AND p.active = 1
     AND (p.unit_since IS NULL OR p.unit_since <= @until)
  UNION ALL
  SELECT h.person_id AS personId, h.unit_id AS unitId FROM membership_history h JOIN person p ON p.id = h.person_id
   WHERE h.unit_id IN (SELECT value FROM json_each(@units)) AND h.is_member = 1 AND p.active = 1
     AND h.valid_to >= @from AND (h.valid_from IS NULL OR h.valid_from <= @until)
     AND NOT (p.unit_id IS h.unit_id AND p.is_member = 1 AND (p.unit_since IS NULL OR p.unit_since <= @until))`;

export interface MoveResult {
  moved: number;
}

/**
 * Moves people to another unit from a day: the membership they had ends the day before (kept in
 * the history with its positions) and the new one starts that day. Positions go with them.
 */
export function moveMembers(db: Db, audit: Audit, personIds: number[], toUnitId: number, on: IsoDate): MoveResult {
  const read = db.prepare('SELECT id, unit_id AS unitId, unit_since AS since, positions, is_member AS isMember FROM person WHERE id = ?');
  const history = db.prepare(
    'INSERT INTO membership_history (person_id, unit_id, valid_from, valid_to, positions, is_member, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare('UPDATE person SET unit_id = ?, unit_since = ? WHERE id = ?');
  const dayBefore = addDays(on, -1);
  let moved = 0;
  db.transaction(() => {
    for (const id of personIds) {
      const p = read.get(id) as { id: number; unitId: number | null; since: string | null; positions: string; isMember: number } | undefined;
      if (!p || p.unitId === toUnitId) continue;
      // A membership that began on the day itself leaves no history (it never lasted a day).
      if (p.unitId !== null && (p.since === null || p.since <= dayBefore)) history.run(id, p.unitId, p.since, dayBefore, p.positions, p.isMember, audit.at);
      update.run(toUnitId, on, id);
      logChange(db, audit, 'person', id, 'move', { fromUnitId: p.unitId, toUnitId, on });
      moved++;
    }
  })();
  return { moved };
}
