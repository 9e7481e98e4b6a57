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
  const values = [audit.at, audit.user, audit.command, entity, entityId === null ? null : Number(entityId), action, changes === undefined ? null : JSON.stringify(changes)];
  if (!recording.has(db)) {
    cachedStatement(db, `INSERT INTO change_log (at, os_user, command, entity, entity_id, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(...values);
    return;
  }
  // The line carries its run; the run is made first if this line is the command's first write.
  cachedStatement(db, ENSURE_RUN).run();
  cachedStatement(
    db,
    `INSERT INTO change_log (at, os_user, command, entity, entity_id, action, changes, run_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT run_id FROM temp.thuky_run))`,
  ).run(...values);
}

/** Connections that record their row changes (startRecording). */
const recording = new WeakSet<Db>();

/** Creates the run row when there is none yet (and notes its id); does nothing otherwise. */
const ENSURE_RUN = `INSERT INTO main.command_run (at, os_user, command, args) SELECT at, os_user, command, args FROM temp.thuky_run WHERE run_id IS NULL`;

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
 * run from them. The run row itself is created by the first row change, so a command that ends up
 * writing nothing leaves nothing behind.
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
 * Records every row change made through this connection from now on, under one command run. The
 * run's details wait in a TEMP table; the first change creates the run row and notes its id there.
 * Both happen inside the writing transaction, so a rollback undoes both and the next write starts
 * afresh. (The TEMP table's own writes count in total_changes(): see Env.discardUnusedNewDatabase.)
 */
export function startRecording(db: Db, info: RunInfo): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS thuky_run (at TEXT, os_user TEXT, command TEXT, args TEXT, run_id INTEGER)');
  recording.add(db);
  db.prepare('DELETE FROM temp.thuky_run').run();
  db.prepare('INSERT INTO temp.thuky_run (at, os_user, command, args) VALUES (?, ?, ?, ?)').run(info.at, info.user, info.command, info.args ? JSON.stringify(info.args) : null);
  // The run row is made by a BEFORE trigger that fires only while there is none (a BEFORE trigger
  // always runs ahead of the AFTER ones that record), so that each recorded row costs one INSERT.
  const ensureRun = `${ENSURE_RUN};`;
  const noRunYet = '(SELECT run_id FROM temp.thuky_run) IS NULL';
  const sql: string[] = [];
  for (const t of dataTables(db)) {
    const table = `main.${quoteId(t.name)}`;
    const pkOf = (prefix: 'new' | 'old') => jsonOf(prefix, t.pk);
    const trigger = (op: string) => quoteId(`thuky_record_${t.name}_${op}`);
    for (const op of ['INSERT', 'UPDATE', 'DELETE'])
      sql.push(`CREATE TEMP TRIGGER IF NOT EXISTS ${trigger(`run_${op.toLowerCase()}`)} BEFORE ${op} ON ${table} WHEN ${noRunYet} BEGIN ${ensureRun} END;`);
    sql.push(
      `CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('insert')} AFTER INSERT ON ${table} BEGIN
         INSERT INTO main.row_change (run_id, tbl, pk, op, after) VALUES ((SELECT run_id FROM temp.thuky_run), ${quoteLiteral(t.name)}, ${pkOf('new')}, 'insert', ${jsonOf('new', t.columns)}); END;`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('update')} AFTER UPDATE ON ${table}
         WHEN ${t.columns.map((c) => `old.${quoteId(c)} IS NOT new.${quoteId(c)}`).join(' OR ')} BEGIN
         INSERT INTO main.row_change (run_id, tbl, pk, op, before, after) VALUES ((SELECT run_id FROM temp.thuky_run), ${quoteLiteral(t.name)}, ${pkOf('old')}, 'update', ${jsonOf('old', t.columns)}, ${jsonOf('new', t.columns)}); END;`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('delete')} AFTER DELETE ON ${table} BEGIN
         INSERT INTO main.row_change (run_id, tbl, pk, op, before) VALUES ((SELECT run_id FROM temp.thuky_run), ${quoteLiteral(t.name)}, ${pkOf('old')}, 'delete', ${jsonOf('old', t.columns)}); END;`,
    );
  }
  // The run's id is noted by a trigger on the run row itself, whichever statement made it.
  sql.push(`CREATE TEMP TRIGGER IF NOT EXISTS thuky_record_run AFTER INSERT ON main.command_run WHEN (SELECT run_id FROM temp.thuky_run) IS NULL BEGIN
       UPDATE temp.thuky_run SET run_id = new.id; END;`);
  db.exec(sql.join('\n'));
}

/** The id of the run this connection records under, once it has written something. */
export function currentRunId(db: Db): number | null {
  try {
    return (db.prepare('SELECT run_id FROM temp.thuky_run').pluck().get() as number | null | undefined) ?? null;
  } catch {
    return null;
  }
}
