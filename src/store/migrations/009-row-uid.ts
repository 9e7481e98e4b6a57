/**
 * Migration 9: each record people create carries a global identifier, `uid` (a UUIDv7: 48 bits of
 * Unix milliseconds, version 7, variant 10, random bits; lowercase, hyphenated), so that records
 * made in different offices can meet in one database. The short ids people type stay as they are.
 * Rows already there get one here; a new row gets one from the trigger below when its INSERT gives
 * none (SQLite cannot add a column whose default is computed), and the recording triggers of a
 * writing connection give it first so the row they keep carries it (changelog.ts). A row copied or
 * restored with its uid keeps it. Link tables (meeting_person …, unit_successor) are named by the
 * uids of their ends, plan_deadline by its year; history and working tables (change_log,
 * command_run, row_change, draft, draft_lock) have none. Frozen once released.
 */
export const UID_TABLES = [
  'unit', 'person', 'document', 'meeting', 'speech', 'conclusion', 'task_group', 'task', 'task_event', 'plan',
  'evaluation', 'activity', 'membership_history',
] as const;

/** A new UUIDv7 as SQL text, computed by SQLite (3.42+ for unixepoch('subsec')). */
const MS_HEX = "printf('%012x', CAST(round(unixepoch('subsec') * 1000) AS INTEGER))";
/**
 * A new UUIDv7 as an SQL expression computed by SQLite (3.42+ for unixepoch('subsec')); inline, not
 * a subquery, so that each row of one UPDATE gets its own random bits.
 */
export const SQLITE_UUIDV7 =
  `(substr(${MS_HEX}, 1, 8) || '-' || substr(${MS_HEX}, 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 2, 3) || '-'` +
  ` || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2, 3) || '-' || lower(hex(randomblob(6))))`;

export default UID_TABLES.map(
  (t) => `ALTER TABLE ${t} ADD COLUMN uid TEXT;
UPDATE ${t} SET uid = ${SQLITE_UUIDV7};
CREATE UNIQUE INDEX ${t}_uid ON ${t}(uid);
CREATE TRIGGER ${t}_uid AFTER INSERT ON ${t} WHEN new.uid IS NULL BEGIN
  UPDATE ${t} SET uid = ${SQLITE_UUIDV7} WHERE rowid = new.rowid AND uid IS NULL;
END;`,
).join('\n') + '\n';
