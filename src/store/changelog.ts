/** Every write leaves a line here: when, who, which command, what changed. */
import type { Db } from './db.js';
import { cachedStatement } from './statements.js';

/** Who is writing, and with which command; passed to every store function that writes. */
export interface Audit {
  /** ISO timestamp of the write. */
  at: string;
  user: string;
  command: string;
}

export type ChangeAction = 'create' | 'update' | 'delete' | 'import' | 'migrate' | string;

export function logChange(
  db: Db,
  audit: Audit,
  entity: string,
  entityId: number | bigint | null,
  action: ChangeAction,
  changes?: unknown,
): void {
  cachedStatement(
    db,
    `INSERT INTO change_log (at, os_user, command, entity, entity_id, action, changes)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(audit.at, audit.user, audit.command, entity, entityId === null ? null : Number(entityId), action, changes === undefined ? null : JSON.stringify(changes));
}

export interface ChangeRow {
  id: number;
  at: string;
  user: string;
  command: string;
  entity: string;
  entityId: number | null;
  action: string;
  changes: unknown;
}

export function listChanges(db: Db, filter: { entity?: string; since?: string; limit?: number }): ChangeRow[] {
  const rows = db
    .prepare(
      `SELECT id, at, os_user AS user, command, entity, entity_id AS entityId, action, changes
         FROM change_log
        WHERE (@entity IS NULL OR entity = @entity)
          AND (@since IS NULL OR at >= @since)
        ORDER BY id DESC
        LIMIT @limit`,
    )
    .all({ entity: filter.entity ?? null, since: filter.since ?? null, limit: filter.limit ?? -1 }) as (Omit<ChangeRow, 'changes'> & { changes: string | null })[];
  return rows.map((r) => ({ ...r, changes: r.changes ? JSON.parse(r.changes) : null }));
}
