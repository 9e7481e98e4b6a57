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
 * Records every row change made through this connection from now on, under one command run.
 * Returns the run's token (its row is created at the first change).
 */
export function startRecording(db: Db, info: RunInfo): string {
  const token = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const values: Record<string, string | null> = { at: info.at, user: info.user, command: info.command, args: info.args ? JSON.stringify(info.args) : null, token };
  db.function('thuky_run', { deterministic: true }, (key: unknown) => values[String(key)] ?? null);
  const ensureRun = `INSERT INTO main.command_run (at, os_user, command, args, token)
      SELECT thuky_run('at'), thuky_run('user'), thuky_run('command'), thuky_run('args'), thuky_run('token')
       WHERE NOT EXISTS (SELECT 1 FROM main.command_run WHERE token = thuky_run('token'));`;
  const runId = `(SELECT id FROM main.command_run WHERE token = thuky_run('token'))`;
  const sql: string[] = [];
  for (const t of dataTables(db)) {
    const table = `main.${quoteId(t.name)}`;
    const pkOf = (prefix: 'new' | 'old') => jsonOf(prefix, t.pk);
    const trigger = (op: string) => quoteId(`thuky_record_${t.name}_${op}`);
    sql.push(
      `CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('insert')} AFTER INSERT ON ${table} BEGIN ${ensureRun}
         INSERT INTO main.row_change (run_id, tbl, pk, op, after) VALUES (${runId}, ${quoteLiteral(t.name)}, ${pkOf('new')}, 'insert', ${jsonOf('new', t.columns)}); END;`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('update')} AFTER UPDATE ON ${table}
         WHEN ${t.columns.map((c) => `old.${quoteId(c)} IS NOT new.${quoteId(c)}`).join(' OR ')} BEGIN ${ensureRun}
         INSERT INTO main.row_change (run_id, tbl, pk, op, before, after) VALUES (${runId}, ${quoteLiteral(t.name)}, ${pkOf('old')}, 'update', ${jsonOf('old', t.columns)}, ${jsonOf('new', t.columns)}); END;`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('delete')} AFTER DELETE ON ${table} BEGIN ${ensureRun}
         INSERT INTO main.row_change (run_id, tbl, pk, op, before) VALUES (${runId}, ${quoteLiteral(t.name)}, ${pkOf('old')}, 'delete', ${jsonOf('old', t.columns)}); END;`,
    );
  }
  sql.push(
    `CREATE TEMP TRIGGER IF NOT EXISTS thuky_record_change_log AFTER INSERT ON main.change_log WHEN new.run_id IS NULL BEGIN ${ensureRun}
       UPDATE main.change_log SET run_id = ${runId} WHERE id = new.id; END;`,
  );
  db.exec(sql.join('\n'));
  return token;
}

/** The id of the run this connection records under, once it has written something. */
export function currentRunId(db: Db): number | null {
  try {
    return (db.prepare(`SELECT id FROM command_run WHERE token = thuky_run('token')`).pluck().get() as number | undefined) ?? null;
  } catch {
    return null;
  }
}
