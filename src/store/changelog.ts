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
  const runId = recordingRun.get(db) ?? null;
  cachedStatement(
    db,
    `INSERT INTO change_log (at, os_user, command, entity, entity_id, action, changes, run_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(audit.at, audit.user, audit.command, entity, entityId === null ? null : Number(entityId), action, changes === undefined ? null : JSON.stringify(changes), runId);
}

/** Connections that record their row changes, with the id of their run (startRecording). */
const recordingRun = new WeakMap<Db, number>();

export interface ChangeRow {
  id: number;
  at: string;
  user: string;
  command: string;
  entity: string;
  entityId: number | null;
  action: string;
  changes: unknown;
  /** The command run the line belongs to (`thuky undo ID`); null for lines written before runs were kept. */
  runId: number | null;
}

export function listChanges(db: Db, filter: { entity?: string; since?: string; limit?: number }): ChangeRow[] {
  const rows = db
    .prepare(
      `SELECT id, at, os_user AS user, command, entity, entity_id AS entityId, action, changes, run_id AS runId
         FROM change_log
        WHERE (@entity IS NULL OR entity = @entity)
          AND (@since IS NULL OR at >= @since)
        ORDER BY id DESC
        LIMIT @limit`,
    )
    .all({ entity: filter.entity ?? null, since: filter.since ?? null, limit: filter.limit ?? -1 }) as (Omit<ChangeRow, 'changes'> & { changes: string | null })[];
  return rows.map((r) => ({ ...r, changes: r.changes ? JSON.parse(r.changes) : null }));
}

/*
 * Row changes. Every row a command creates, changes or removes is kept with its table, primary key
 * and full values before and after, under one command run. Triggers on the connection of a command
 * that writes (TEMP triggers: they exist only there, so a tool that writes by other means is never
 * broken by them) record them as they happen, so no writer can forget to: `thuky undo` reverts a
 * run from them. The run row is written when the command opens the database for writing and removed
 * again when the command ends having written nothing, so bad input leaves nothing behind.
 */

/** Tables whose rows are history, not data: never recorded, never reverted. */
const NOT_RECORDED = new Set(['change_log', 'row_change', 'command_run']);

export interface TableShape {
  name: string;
  columns: string[];
  /** The primary key's columns (an INTEGER PRIMARY KEY is `id`). */
  pk: string[];
}

/** Every data table of the database with its columns and primary key, read from the schema. */
export function dataTables(db: Db): TableShape[] {
  const names = db
    .prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return names
    .filter((n) => !NOT_RECORDED.has(n))
    .map((name) => {
      const cols = db.pragma(`table_info(${quoteId(name)})`) as { name: string; pk: number }[];
      const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      return { name, columns: cols.map((c) => c.name), pk: pk.length ? pk : ['rowid'] };
    });
}

/** An identifier taken from the schema (never from input), quoted for SQL. */
export function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `json_object('a', new."a", …)`: the row's values as SQLite keeps them. */
function jsonOf(prefix: 'new' | 'old', columns: string[]): string {
  return `json_object(${columns.map((c) => `${quoteLiteral(c)}, ${prefix}.${quoteId(c)}`).join(', ')})`;
}

export interface RunInfo {
  at: string;
  user: string;
  command: string;
  /** The command line as typed, for `undo --list`. */
  args?: string[];
}

/**
 * Records every row change made through this connection from now on, under one command run, and
 * returns the run's id. The run row is written at once (its own small transaction, so that a
 * command's failed transaction never takes it away), and the triggers carry its id as a constant:
 * each recorded row costs one INSERT and nothing else. A run that ends with nothing written is
 * removed again by finishRecording.
 */
export function startRecording(db: Db, info: RunInfo): number {
  const runId = Number(
    db.prepare('INSERT INTO command_run (at, os_user, command, args) VALUES (?, ?, ?, ?)').run(info.at, info.user, info.command, info.args ? JSON.stringify(info.args) : null).lastInsertRowid,
  );
  recordingRun.set(db, runId);
  const sql: string[] = [];
  for (const t of dataTables(db)) {
    const table = `main.${quoteId(t.name)}`;
    const pkOf = (prefix: 'new' | 'old') => jsonOf(prefix, t.pk);
    const trigger = (op: string) => quoteId(`thuky_record_${t.name}_${op}`);
    sql.push(
      `DROP TRIGGER IF EXISTS temp.${trigger('insert')}; DROP TRIGGER IF EXISTS temp.${trigger('update')}; DROP TRIGGER IF EXISTS temp.${trigger('delete')};`,
      `CREATE TEMP TRIGGER ${trigger('insert')} AFTER INSERT ON ${table} BEGIN
         INSERT INTO main.row_change (run_id, tbl, pk, op, after) VALUES (${runId}, ${quoteLiteral(t.name)}, ${pkOf('new')}, 'insert', ${jsonOf('new', t.columns)}); END;`,
      `CREATE TEMP TRIGGER ${trigger('update')} AFTER UPDATE ON ${table}
         WHEN ${t.columns.map((c) => `old.${quoteId(c)} IS NOT new.${quoteId(c)}`).join(' OR ')} BEGIN
         INSERT INTO main.row_change (run_id, tbl, pk, op, before, after) VALUES (${runId}, ${quoteLiteral(t.name)}, ${pkOf('old')}, 'update', ${jsonOf('old', t.columns)}, ${jsonOf('new', t.columns)}); END;`,
      `CREATE TEMP TRIGGER ${trigger('delete')} AFTER DELETE ON ${table} BEGIN
         INSERT INTO main.row_change (run_id, tbl, pk, op, before) VALUES (${runId}, ${quoteLiteral(t.name)}, ${pkOf('old')}, 'delete', ${jsonOf('old', t.columns)}); END;`,
    );
  }
  db.exec(sql.join('\n'));
  return runId;
}

/** Removes the run again when the command wrote nothing under it (bad input, a refusal). */
export function finishRecording(db: Db): void {
  const runId = recordingRun.get(db);
  if (runId === undefined || !db.open) return;
  recordingRun.delete(db);
  db.prepare(
    `DELETE FROM command_run WHERE id = @id
        AND NOT EXISTS (SELECT 1 FROM row_change WHERE run_id = @id)
        AND NOT EXISTS (SELECT 1 FROM change_log WHERE run_id = @id)
        AND NOT EXISTS (SELECT 1 FROM command_run WHERE undoes = @id)`,
  ).run({ id: runId });
}

/** The id of the run this connection records under. */
export function currentRunId(db: Db): number | null {
  return recordingRun.get(db) ?? null;
}
