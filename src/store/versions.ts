/**
 * Versions of the records a person edits (migration 8): 1 when written, one more at each change.
 * An edit that names the version it was made on (`--if-version`) is refused when the record has
 * changed since, with who changed it and when, as the change log knows (exit 1, nothing written).
 */
import { RuntimeError } from '../errors.js';
import type { Db } from './db.js';

export type VersionedTable = 'unit' | 'person' | 'document' | 'meeting' | 'task' | 'plan' | 'evaluation' | 'activity';

/** The record's version, or undefined when there is no such record. */
export function rowVersion(db: Db, table: VersionedTable, id: number): number | undefined {
  const v = db.prepare(`SELECT version FROM "${table}" WHERE id = ?`).pluck().get(id) as number | undefined;
  return v === undefined ? undefined : Number(v);
}

/**
 * The record's uid (migration 9) and version, as show --json gives them: the uid names the record
 * wherever it travels, the version is what an edit names (--if-version).
 */
export function rowIdentity(db: Db, table: VersionedTable, id: number): { uid: string | null; version: number } | undefined {
  const row = db.prepare(`SELECT uid, version FROM "${table}" WHERE id = ?`).get(id) as { uid: string | null; version: number } | undefined;
  return row && { uid: row.uid, version: Number(row.version) };
}

/** Local time of an ISO instant: HH:mm, with the day when it is not the day of `now`. */
function localTime(at: string, now: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const p = (n: number) => String(n).padStart(2, '0');
  const day = (x: Date) => `${p(x.getDate())}/${p(x.getMonth() + 1)}/${x.getFullYear()}`;
  const time = `${p(d.getHours())}:${p(d.getMinutes())}`;
  const today = new Date(now);
  return Number.isNaN(today.getTime()) || day(today) === day(d) ? time : `${time} ${day(d)}`;
}

/**
 * Refuses (exit 1) when the record's version is not `expected`; call it inside the write
 * transaction, before writing. `now` is the command's time (for the day shown).
 */
export function assertVersion(db: Db, table: VersionedTable, id: number, expected: number | undefined, now: string): void {
  if (expected === undefined) return;
  const current = rowVersion(db, table, id);
  if (current === undefined || current === expected) return;
  // The last change of the record: the change log's line, else the recorded run that changed it (undo).
  const last =
    (db.prepare('SELECT os_user AS user, at FROM change_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1').get(table, id) as { user: string; at: string } | undefined) ??
    (db
      .prepare(`SELECT r.os_user AS user, r.at FROM row_change c JOIN command_run r ON r.id = c.run_id WHERE c.tbl = ? AND c.pk = ? ORDER BY c.id DESC LIMIT 1`)
      .get(table, JSON.stringify({ id })) as { user: string; at: string } | undefined);
  if (last) throw new RuntimeError(`edit.stale.${table}`, { id, user: last.user, time: localTime(last.at, now), version: current, expected });
  throw new RuntimeError(`edit.staleUnknown.${table}`, { id, version: current, expected });
}
