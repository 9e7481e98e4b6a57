/** Every write leaves a line here: when, who, which command, what changed. */
import type { Db } from './db.js';
import { cachedStatement } from './statements.js';
import { isPostgres } from './pg/database.js';
import { DERIVED_TABLES } from './tallies.js';
import { argWithoutPassword } from './pg/url.js';
import { SQLITE_UUIDV7 } from './migrations/009-row-uid.js';

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
  const runId = currentRunId(db);
  cachedStatement(
    db,
    `INSERT INTO change_log (at, os_user, command, entity, entity_id, action, changes, run_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(audit.at, audit.user, audit.command, entity, entityId === null ? null : Number(entityId), action, changes === undefined ? null : JSON.stringify(changes), runId);
}

/** The years a bulk write's rows belong to, in order (for its one line in the change log). */
export function yearsOf(rows: readonly { year: number }[]): number[] {
  return [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
}

/** Connections that record their row changes (startRecording). */
const recording = new WeakSet<Db>();

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

/**
 * Tables whose rows are history, not data, and the counts the schema's triggers keep (tallies.ts):
 * never recorded, never reverted (reverting the rows they count reverts them).
 */
const NOT_RECORDED = new Set(['change_log', 'row_change', 'command_run', ...DERIVED_TABLES]);

export interface TableShape {
  name: string;
  columns: string[];
  /** The primary key's columns (an INTEGER PRIMARY KEY is `id`). */
  pk: string[];
}

/** Every data table of the database with its columns and primary key, read from the schema. */
export function dataTables(db: Db): TableShape[] {
  const names = isPostgres(db)
    ? db.tableNames()
    : (db.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
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

/** A text as an SQL string literal (for statements built from the schema, never from input). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `json_object('a', new."a", …)`: the row's values as SQLite keeps them. */
function jsonOf(prefix: 'new' | 'old', columns: string[], bumped = false): string {
  const value = (c: string) => (bumped && c === 'version' ? 'CASE WHEN new.version IS old.version THEN old.version + 1 ELSE new.version END' : `${prefix}.${quoteId(c)}`);
  return `json_object(${columns.map((c) => `${quoteLiteral(c)}, ${value(c)}`).join(', ')})`;
}

export interface RunInfo {
  at: string;
  user: string;
  command: string;
  /** The command line as typed, for `undo --list` (stored without the password of a database URL). */
  args?: string[];
}

/**
 * The run row is written by the first write of the command, inside that write's transaction: a
 * command that writes nothing (bad input, a refusal, a dry run) leaves no trace and takes no write
 * lock, and a transaction rolled back takes its run away with it. These two statements, run by the
 * triggers and by currentRunId, write it once and keep its id in the connection's temp table.
 */
const ENSURE_RUN = [
  `INSERT INTO main.command_run (at, os_user, command, args) SELECT at, os_user, command, args FROM temp.thuky_run WHERE run_id IS NULL`,
  `UPDATE temp.thuky_run SET run_id = last_insert_rowid() WHERE run_id IS NULL`,
];
const RUN_ID = '(SELECT run_id FROM temp.thuky_run)';

/**
 * Records every row change made through this connection from now on, under one command run. The
 * triggers exist only on this connection (TEMP), so a tool that writes by other means is never
 * recorded; each recorded row costs one INSERT (and the run row once, see ENSURE_RUN).
 */
export function startRecording(db: Db, info: RunInfo): void {
  const args = info.args ? JSON.stringify(info.args.map(argWithoutPassword)) : null;
  if (isPostgres(db)) {
    // PostgreSQL: the tables' own triggers record for a connection that names its run (pg/migrations/005).
    const run = JSON.stringify({ at: info.at, user: info.user, command: info.command, args });
    db.query(`SELECT set_config('thuky.run', $1, false), set_config('thuky.run_id', '', false)`, [run]);
    recording.add(db);
    return;
  }
  db.exec('CREATE TEMP TABLE IF NOT EXISTS thuky_run (at TEXT, os_user TEXT, command TEXT, args TEXT, run_id INTEGER); DELETE FROM temp.thuky_run;');
  db.prepare('INSERT INTO temp.thuky_run (at, os_user, command, args) VALUES (?, ?, ?, ?)').run(info.at, info.user, info.command, args);
  recording.add(db);
  const ensure = ENSURE_RUN.map((q) => `${q};`).join(' ');
  const sql: string[] = [];
  for (const t of dataTables(db)) {
    const table = `main.${quoteId(t.name)}`;
    const pkOf = (prefix: 'new' | 'old') => jsonOf(prefix, t.pk);
    const trigger = (op: string) => quoteId(`thuky_record_${t.name}_${op}`);
    // A row with a version (migration 8) gets the next one when a change leaves it as it was; this
    // trigger's own UPDATE does not fire it again (recursive triggers are off).
    const versioned = t.columns.includes('version') && t.pk.length === 1 && t.pk[0] === 'id';
    // A row with a uid (migration 9) is given it here, before it is kept, when its INSERT gave none
    // (these TEMP triggers fire before the table's own); that UPDATE, a row taking its first uid, is
    // part of the insert, not a change of its own: the update trigger watches every column but the
    // uid, which nothing else changes (and so is not even compiled into a statement that sets it).
    const uid = t.columns.includes('uid');
    // An INSERT that gives the uid (store/uid.ts: the bulk writers do) costs neither statement a lookup:
    // the UPDATE's first term is false before any row is read, and coalesce stops at its first value.
    const giveUid = uid ? `UPDATE ${table} SET uid = ${SQLITE_UUIDV7} WHERE new.uid IS NULL AND rowid = new.rowid AND uid IS NULL;` : '';
    const afterInsert = uid ? jsonOf('new', t.columns).replace(`new."uid"`, `coalesce(new."uid", (SELECT uid FROM ${table} WHERE rowid = new.rowid))`) : jsonOf('new', t.columns);
    sql.push(
      `DROP TRIGGER IF EXISTS temp.${trigger('insert')}; DROP TRIGGER IF EXISTS temp.${trigger('update')}; DROP TRIGGER IF EXISTS temp.${trigger('delete')};`,
      `CREATE TEMP TRIGGER ${trigger('insert')} AFTER INSERT ON ${table} BEGIN ${ensure}${giveUid}
         INSERT INTO main.row_change (run_id, tbl, pk, op, after) VALUES (${RUN_ID}, ${quoteLiteral(t.name)}, ${pkOf('new')}, 'insert', ${afterInsert}); END;`,
      `CREATE TEMP TRIGGER ${trigger('update')} AFTER UPDATE ${uid ? `OF ${t.columns.filter((c) => c !== 'uid').map(quoteId).join(', ')} ` : ''}ON ${table}
         WHEN ${t.columns.map((c) => `old.${quoteId(c)} IS NOT new.${quoteId(c)}`).join(' OR ')} BEGIN ${ensure}${versioned ? `
         UPDATE ${table} SET version = old.version + 1 WHERE id = new.id AND new.version IS old.version;` : ''}
         INSERT INTO main.row_change (run_id, tbl, pk, op, before, after) VALUES (${RUN_ID}, ${quoteLiteral(t.name)}, ${pkOf('old')}, 'update', ${jsonOf('old', t.columns)}, ${jsonOf('new', t.columns, versioned)}); END;`,
      `CREATE TEMP TRIGGER ${trigger('delete')} AFTER DELETE ON ${table} BEGIN ${ensure}
         INSERT INTO main.row_change (run_id, tbl, pk, op, before) VALUES (${RUN_ID}, ${quoteLiteral(t.name)}, ${pkOf('old')}, 'delete', ${jsonOf('old', t.columns)}); END;`,
    );
  }
  db.exec(sql.join('\n'));
}

/** Ends recording on this connection (a run that wrote nothing was never written). */
export function finishRecording(db: Db): void {
  recording.delete(db);
}

/**
 * The id of the run this connection records under, writing the run row if this is its first write
 * (call it inside the write transaction); null when the connection does not record.
 */
export function currentRunId(db: Db): number | null {
  if (!recording.has(db) || !db.open) return null;
  if (isPostgres(db)) return db.query('SELECT thuky_run_id(true)').rows[0][0] as number;
  for (const q of ENSURE_RUN) cachedStatement(db, q).run();
  return cachedStatement(db, RUN_ID.slice(1, -1)).pluck().get() as number;
}

/** The id of this connection's run if it has written already, without writing it (for reads). */
export function writtenRunId(db: Db): number | null {
  if (!recording.has(db) || !db.open) return null;
  if (isPostgres(db)) return (db.query('SELECT thuky_run_id(false)').rows[0][0] as number | null) ?? null;
  return (cachedStatement(db, RUN_ID.slice(1, -1)).pluck().get() as number | null) ?? null;
}
