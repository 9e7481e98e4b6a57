/**
 * Membership over time. person.unit_id is a person's unit now, since person.unit_since (NULL:
 * since before records began); the memberships that ended are rows of membership_history. A
 * report about a past period counts the members of that period, whatever happened since.
 */
import { writeTransaction } from './transaction.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { cachedStatement } from './statements.js';

/**
 * The two ways of being a party member of a unit in @units (JSON ids) at some time between @from
 * and @until: today's membership (person p) begun by @until, and an ended membership
 * (membership_history h, with its person p) that overlaps the period, never the same person and
 * unit twice. Each names its person and unit, so that a query can aggregate each branch apart
 * (grouped by unit as the index walks them) and add the branches up.
 */
export const MEMBER_BRANCHES = [
  {
    from: 'person p',
    personId: 'p.id',
    unitId: 'p.unit_id',
    where: `p.unit_id IN (SELECT value FROM json_each(@units)) AND p.is_member = 1 AND p.active = 1
     AND (p.unit_since IS NULL OR p.unit_since <= @until)`,
  },
  {
    from: 'membership_history h JOIN person p ON p.id = h.person_id',
    personId: 'h.person_id',
    unitId: 'h.unit_id',
    where: `h.unit_id IN (SELECT value FROM json_each(@units)) AND h.is_member = 1 AND p.active = 1
     AND h.valid_to >= @from AND (h.valid_from IS NULL OR h.valid_from <= @until)
     AND NOT (p.unit_id IS h.unit_id AND p.is_member = 1 AND (p.unit_since IS NULL OR p.unit_since <= @until))`,
  },
] as const;

/**
 * The party members of the units in @units at some time between @from and @until, as
 * (personId, unitId) rows: the union of MEMBER_BRANCHES.
 */
export const MEMBERS_IN_PERIOD = MEMBER_BRANCHES.map(
  (b) => `
  SELECT ${b.personId} AS personId, ${b.unitId} AS unitId FROM ${b.from}
   WHERE ${b.where}`,
).join(`
  UNION ALL`);

/**
 * SQL for the unit a person (table alias `person`) was in on a day (an SQL expression of this
 * module's callers, never user input): the ended membership that covers the day, else today's unit.
 */
export function unitOnSql(person: string, day: string): string {
  return `coalesce((SELECT h.unit_id FROM membership_history h WHERE h.person_id = ${person}.id AND h.valid_to >= ${day}
                      AND (h.valid_from IS NULL OR h.valid_from <= ${day}) ORDER BY h.valid_to LIMIT 1), ${person}.unit_id)`;
}

/** Like MEMBERS_IN_PERIOD, for everyone (members or not), with the membership's isMember. */
export const PEOPLE_IN_PERIOD = `
  SELECT p.id AS personId, p.unit_id AS unitId, p.is_member AS isMember FROM person p
   WHERE p.unit_id IN (SELECT value FROM json_each(@units)) AND p.active = 1
     AND (p.unit_since IS NULL OR p.unit_since <= @until)
  UNION ALL
  SELECT h.person_id AS personId, h.unit_id AS unitId, h.is_member AS isMember FROM membership_history h JOIN person p ON p.id = h.person_id
   WHERE h.unit_id IN (SELECT value FROM json_each(@units)) AND p.active = 1
     AND h.valid_to >= @from AND (h.valid_from IS NULL OR h.valid_from <= @until)
     AND NOT (p.unit_id IS h.unit_id AND (p.unit_since IS NULL OR p.unit_since <= @until))`;

export interface MoveResult {
  moved: number;
}

/**
 * Moves people to another unit from a day: the membership they had ends the day before (kept in
 * the history with its positions) and the new one starts that day. Positions go with them.
 */
export function moveMembers(db: Db, audit: Audit, personIds: number[], toUnitId: number, on: IsoDate): MoveResult {
  let moved = 0;
  writeTransaction(db, () => {
    for (const id of personIds) if (changeMembership(db, audit, id, { unitId: toUnitId }, on)) moved++;
  });
  return { moved };
}

/**
 * A new unit or new positions for a person from a day: what held until then is kept in the history
 * (unit and positions, ending the day before) and the change is the person's current membership.
 * Returns false when nothing changes.
 */
export function changeMembership(db: Db, audit: Audit, personId: number, change: { unitId?: number; positions?: string[] }, on: IsoDate): boolean {
  const p = cachedStatement(db, 'SELECT unit_id AS unitId, unit_since AS since, positions, is_member AS isMember FROM person WHERE id = ?').get(personId) as
    | { unitId: number | null; since: string | null; positions: string; isMember: number }
    | undefined;
  if (!p) return false;
  const unitId = change.unitId ?? p.unitId;
  const positions = change.positions ? JSON.stringify(change.positions) : p.positions;
  if (unitId === p.unitId && positions === p.positions) return false;
  const dayBefore = addDays(on, -1);
  // A membership that began on the day itself leaves no history (it never lasted a day).
  if (p.unitId !== null && (p.since === null || p.since <= dayBefore))
    cachedStatement(db, 'INSERT INTO membership_history (person_id, unit_id, valid_from, valid_to, positions, is_member, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      personId,
      p.unitId,
      p.since,
      dayBefore,
      p.positions,
      p.isMember,
      audit.at,
    );
  cachedStatement(db, 'UPDATE person SET unit_id = ?, positions = ?, unit_since = ? WHERE id = ?').run(unitId, positions, on, personId);
  logChange(db, audit, 'person', personId, unitId === p.unitId ? 'positions' : 'move', { fromUnitId: p.unitId, toUnitId: unitId, on });
  return true;
}

/** Where a person was, and with which positions, on a past day: null when the current membership already held then. */
export function membershipOn(db: Db, personId: number, on: IsoDate): { unitId: number | null; unitName: string | null; positions: string } | null {
  return (
    (cachedStatement(
      db,
      `SELECT h.unit_id AS unitId, u.name AS unitName, h.positions FROM membership_history h LEFT JOIN unit u ON u.id = h.unit_id
        WHERE h.person_id = ? AND h.valid_to >= ? AND (h.valid_from IS NULL OR h.valid_from <= ?) ORDER BY h.valid_to LIMIT 1`,
    ).get(personId, on, on) as { unitId: number | null; unitName: string | null; positions: string } | undefined) ?? null
  );
}
