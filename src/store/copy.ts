/**
 * A whole database copied to another engine (SQLite file → PostgreSQL, or back): every table, the
 * history included (change log, command runs, row changes), with the same ids, in one transaction
 * on the target. The target must be empty (no row in any table): nothing is merged or overwritten.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeError } from '../errors.js';
import { openDatabase, type Db } from './db.js';
import { isPostgres, type PgDatabase } from './pg/database.js';
import { DERIVED_TABLES } from './tallies.js';
import { writeTransaction } from './transaction.js';

/**
 * Tables that describe the database's own place in replication (its office, the wards of a city):
 * they belong to the database, not to its data, and are never copied.
 */
const LOCAL_TABLES: readonly string[] = ['thuky_office', 'thuky_ward'];

/**
 * The tables of a thuky database (the same set on both engines at one schema version), but the
 * counts kept by triggers on SQLite (tallies.ts), which the target counts again from the rows.
 */
export function userTables(db: Db): string[] {
  const all = isPostgres(db)
    ? db.tableNames()
    : (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]);
  return all.filter((t) => !LOCAL_TABLES.includes(t) && !DERIVED_TABLES.includes(t));
}

function columnsOf(db: Db, table: string): string[] {
  return (db.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name);
}

function primaryKey(db: Db, table: string): string[] {
  const cols = db.pragma(`table_info(${quote(table)})`) as { name: string; pk: number }[];
  return cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function rowCounts(db: Db, tables: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((db.prepare(`SELECT count(*) AS n FROM ${quote(t)}`).get() as { n: number }).n);
  return out;
}

export interface CopyResult {
  tables: number;
  rows: number;
  counts: Record<string, number>;
}

const BATCH = 2000;

/**
 * Copies every row of `from` into the empty database `to`; `toName` names it in a refusal. A
 * PostgreSQL source is read in one snapshot (REPEATABLE READ), so that writers meanwhile do not
 * leave the copy half before, half after their change.
 */
export function copyDatabase(from: Db, to: Db, toName: string): CopyResult {
  if (!isPostgres(from)) return copyRows(from, to, toName);
  from.execNative('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    return copyRows(from, to, toName);
  } finally {
    from.execNative('COMMIT');
  }
}

function copyRows(from: Db, to: Db, toName: string): CopyResult {
  const tables = userTables(from);
  const missing = tables.filter((t) => !userTables(to).includes(t));
  if (missing.length) throw new RuntimeError('db.cannotOpen', { path: toName, reason: `missing tables: ${missing.join(', ')}` });
  for (const [table, n] of Object.entries(rowCounts(to, tables))) if (n > 0) throw new RuntimeError('db.copy.notEmpty', { path: toName, table, n });
  const counts: Record<string, number> = {};
  let rows = 0;
  writeTransaction(to, () => {
    // References are checked at the commit: tables go in any order, and rows that refer to rows of
    // their own table (a unit's parent, a carried-over task) in id order.
    to.pragma('defer_foreign_keys = ON');
    // The rows come with their ids and nothing is recorded for undo: PostgreSQL's per-row triggers
    // (next id, undo record) stay off while they go in, within this transaction only.
    const pg = isPostgres(to) ? to : undefined;
    if (pg) for (const table of tables) pg.execNative(`ALTER TABLE ${quote(table)} DISABLE TRIGGER USER`);
    for (const table of tables) {
      const columns = columnsOf(from, table).filter((c) => columnsOf(to, table).includes(c));
      // In id order; a table keyed otherwise (links such as unit_successor) in the order its rows were
      // written (SQLite's rowid, PostgreSQL's heap), which is the order a query without ORDER BY reads.
      const key = primaryKey(from, table);
      const order = key.length === 1 && key[0] === 'id' ? ' ORDER BY id' : isPostgres(from) ? '' : ' ORDER BY rowid';
      const read = from.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}${order}`).raw();
      const insert = insertInto(to, table, columns);
      let batch: unknown[][] = [];
      let n = 0;
      for (const row of read.iterate() as Iterable<unknown[]>) {
        batch.push(row);
        if (batch.length === BATCH) {
          insert(batch);
          n += batch.length;
          batch = [];
        }
      }
      if (batch.length) insert(batch);
      n += batch.length;
      counts[table] = n;
      rows += n;
    }
    if (pg) {
      // Each task event names its task's unit (SQLite leaves it empty; the trigger that fills it is off).
      pg.execNative('UPDATE task_event e SET unit_id = t.unit_id FROM task t WHERE t.id = e.task_id AND e.unit_id IS NULL');
      // The references are checked now (all rows are in), which leaves the tables free to alter.
      pg.execNative('SET CONSTRAINTS ALL IMMEDIATE');
      for (const table of tables) pg.execNative(`ALTER TABLE ${quote(table)} ENABLE TRIGGER USER`);
    }
  });
  // Statistics and the visibility map of the new rows, so that the first queries on the copy are
  // planned for its real size and read their indexes alone (outside the transaction, as VACUUM must).
  if (isPostgres(to)) to.execNative(`VACUUM (ANALYZE) ${tables.map(quote).join(', ')}`);
  return { tables: tables.length, rows, counts };
}

/** A writer of rows in batches: into PostgreSQL one statement per batch, into SQLite one prepared INSERT per row. */
function insertInto(db: Db, table: string, columns: string[]): (rows: unknown[][]) => void {
  const names = columns.map(quote).join(', ');
  if (isPostgres(db)) {
    const pg = db as PgDatabase;
    const text = `INSERT INTO ${quote(table)} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`;
    return (rows) => {
      const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
      pg.query(text, [JSON.stringify(objects)]);
      pg.totalChanges += rows.length;
    };
  }
  const stmt = db.prepare(`INSERT INTO ${quote(table)} (${names}) VALUES (${columns.map(() => '?').join(', ')})`);
  return (rows) => {
    for (const r of rows) stmt.run(...r);
  };
}

/**
 * `db restore` on PostgreSQL: a SQLite backup (checked first by the caller) copied into the empty
 * database `to`, history included, in one transaction. A backup of an older version is brought up
 * to this one on a temporary copy first (the file itself is never written). A database that holds
 * data is refused untouched: a server keeps no file to set aside as a file restore does.
 */
export function restoreIntoEmpty(backup: string, to: Db, toName: string): CopyResult {
  const dir = mkdtempSync(join(tmpdir(), 'thuky-restore-'));
  try {
    const temp = join(dir, 'backup.db');
    copyFileSync(backup, temp);
    const source = openDatabase(temp);
    try {
      for (const [table, n] of Object.entries(rowCounts(to, userTables(to)))) if (n > 0) throw new RuntimeError('restore.pgNotEmpty', { path: toName, table, n });
      return copyDatabase(source, to, toName);
    } finally {
      source.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
