/**
 * Reverting a command run from its row changes (see changelog.ts): every row it created is
 * removed, every row it changed or removed is put back as it was, in one transaction. The undo is
 * itself a run (recorded like any other), marked as undoing the first, so it can be undone too.
 */
import { writeTransaction } from './transaction.js';
import { UsageError } from '../errors.js';
import { currentRunId, writtenRunId, dataTables, logChange, quoteId, type Audit, type TableShape } from './changelog.js';
import type { Db } from './db.js';
import { cachedStatement } from './statements.js';
import { isPostgres } from './pg/database.js';

export type RowOp = 'insert' | 'update' | 'delete';

export interface RowChange {
  id: number;
  runId: number;
  tbl: string;
  pk: string;
  op: RowOp;
  before: string | null;
  after: string | null;
}

export interface CommandRun {
  id: number;
  at: string;
  user: string;
  command: string;
  args: string[] | null;
  /** The run this one undid, when it is an undo. */
  undoes: number | null;
  /** The undo that reverted this run, while that undo stands. */
  undoneBy: number | null;
  /** How many rows it created, changed, removed. */
  inserted: number;
  updated: number;
  deleted: number;
}

interface RunRow {
  id: number;
  at: string;
  user: string;
  command: string;
  args: string | null;
  undoes: number | null;
}

const RUN_COLUMNS = `r.id, r.at, r.os_user AS user, r.command, r.args, r.undoes,
  (SELECT count(*) FROM row_change c WHERE c.run_id = r.id AND c.op = 'insert') AS inserted,
  (SELECT count(*) FROM row_change c WHERE c.run_id = r.id AND c.op = 'update') AS updated,
  (SELECT count(*) FROM row_change c WHERE c.run_id = r.id AND c.op = 'delete') AS deleted`;

/** The undo that currently reverts a run: an undo of it that is not itself undone. */
export function undoneBy(db: Db, runId: number, depth = 0): number | null {
  if (depth > 10_000) return null;
  const undos = db.prepare('SELECT id FROM command_run WHERE undoes = ? ORDER BY id DESC').pluck().all(runId) as number[];
  for (const u of undos) if (undoneBy(db, u, depth + 1) === null) return u;
  return null;
}

function toRun(db: Db, r: RunRow & { inserted: number; updated: number; deleted: number }): CommandRun {
  return { ...r, args: r.args ? (JSON.parse(r.args) as string[]) : null, undoneBy: undoneBy(db, r.id) };
}

export function getRun(db: Db, id: number): CommandRun | undefined {
  const r = db.prepare(`SELECT ${RUN_COLUMNS} FROM command_run r WHERE r.id = ?`).get(id) as (RunRow & { inserted: number; updated: number; deleted: number }) | undefined;
  return r && toRun(db, r);
}

/** The latest runs, newest first. */
export function listRuns(db: Db, limit: number): CommandRun[] {
  const rows = db
    .prepare(
      `SELECT ${RUN_COLUMNS} FROM command_run r
        WHERE EXISTS (SELECT 1 FROM row_change c WHERE c.run_id = r.id) OR EXISTS (SELECT 1 FROM change_log l WHERE l.run_id = r.id)
        ORDER BY r.id DESC LIMIT ?`,
    )
    .all(limit) as (RunRow & { inserted: number; updated: number; deleted: number })[];
  return rows.map((r) => toRun(db, r));
}

/** The most recent run that changed rows and stands (is not undone): what a plain `undo` reverts. */
export function latestUndoable(db: Db): CommandRun | undefined {
  const ids = db.prepare('SELECT id FROM command_run r WHERE EXISTS (SELECT 1 FROM row_change c WHERE c.run_id = r.id) ORDER BY id DESC').pluck().iterate() as Iterable<number>;
  for (const id of ids) if (undoneBy(db, id) === null) return getRun(db, id);
  return undefined;
}

export function runChanges(db: Db, runId: number): RowChange[] {
  return db.prepare('SELECT id, run_id AS runId, tbl, pk, op, before, after FROM row_change WHERE run_id = ? ORDER BY id').all(runId) as RowChange[];
}

export interface UndoStep {
  /** What the undo does to the row: remove it (the run created it), restore it, put it back. */
  action: 'remove' | 'restore' | 'putBack';
  tbl: string;
  pk: Record<string, unknown>;
  /** The row as the undo leaves it (restore, putBack) or as it was (remove). */
  row: Record<string, unknown>;
}

export interface UndoPlan {
  run: CommandRun;
  steps: UndoStep[];
}

/**
 * What undoing a run would do, row by row (one step per row, the row's first and last state in the
 * run combined). Refused (exit 2) when the run is already undone, or when a later command changed
 * one of its rows since (that command is named).
 */
export function planUndo(db: Db, runId: number): UndoPlan {
  const run = getRun(db, runId);
  if (!run) throw new UsageError('undo.noSuchRun', { id: runId });
  if (run.undoneBy !== null) throw new UsageError('undo.alreadyUndone', { id: runId, by: run.undoneBy });
  const changes = runChanges(db, runId);
  if (!changes.length) throw new UsageError('undo.nothingRecorded', { id: runId });
  const shapes = new Map(dataTables(db).map((t) => [t.name, t]));
  // Per row: its state before the run (first change) and after it (last change).
  const rows = new Map<string, { tbl: string; pk: string; first: RowChange; last: RowChange }>();
  for (const c of changes) {
    const key = `${c.tbl}\u0000${c.pk}`;
    const seen = rows.get(key);
    if (seen) seen.last = c;
    else rows.set(key, { tbl: c.tbl, pk: c.pk, first: c, last: c });
  }
  const steps: UndoStep[] = [];
  for (const { tbl, pk, first, last } of rows.values()) {
    const shape = shapes.get(tbl);
    if (!shape) throw new UsageError('undo.tableGone', { id: runId, table: tbl });
    const expected = last.op === 'delete' ? null : last.after;
    const current = currentRow(db, shape, pk);
    if (!sameRow(current, expected)) throw blockedBy(db, runId, tbl, pk);
    const before = first.op === 'insert' ? null : first.before;
    if (before === null && expected === null) continue;
    const action = before === null ? 'remove' : expected === null ? 'putBack' : 'restore';
    steps.push({ action, tbl, pk: JSON.parse(pk), row: JSON.parse((before ?? expected)!) });
  }
  return { run, steps };
}

/** The later command that changed a row of the run, as a refusal naming it. */
function blockedBy(db: Db, runId: number, tbl: string, pk: string): UsageError {
  // The undo being made is a run too: its own changes are not in the way.
  const self = writtenRunId(db) ?? -1;
  const later = db
    .prepare('SELECT run_id FROM row_change WHERE tbl = ? AND pk = ? AND run_id > ? AND run_id <> ? ORDER BY run_id DESC LIMIT 1')
    .pluck()
    .get(tbl, pk, runId, self) as number | undefined;
  if (later === undefined) return new UsageError('undo.changedOutside', { id: runId, table: tbl, key: pkText(pk) });
  const run = getRun(db, later)!;
  return new UsageError('undo.blocked', { id: runId, later: later, command: run.command, at: run.at, user: run.user, table: tbl, key: pkText(pk) });
}

function pkText(pk: string): string {
  return Object.values(JSON.parse(pk) as Record<string, unknown>).join('/');
}

function whereOf(shape: TableShape, param: string): string {
  return shape.pk.map((c) => `${quoteId(c)} IS json_extract(${param}, ${quoteJsonPath(c)})`).join(' AND ');
}

function quoteJsonPath(column: string): string {
  return `'$."${column.replace(/'/g, "''")}"'`;
}

/** The row as json_object() writes it (the same text the recording triggers stored), or null. */
function currentRow(db: Db, shape: TableShape, pk: string): string | null {
  const cols = shape.columns.map((c) => `'${c.replace(/'/g, "''")}', ${quoteId(c)}`).join(', ');
  return (cachedStatement(db, `SELECT json_object(${cols}) FROM ${quoteId(shape.name)} WHERE ${whereOf(shape, '@pk')}`).pluck().get({ pk }) as string | undefined) ?? null;
}

function sameRow(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  // Same values written differently (a real 5.0 against 5): compare as values.
  return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
}

/**
 * Reverts the run in one transaction and returns the plan it carried out. A row some later
 * command added that points at a row this undo removes refuses the undo, naming that command.
 */
export function applyUndo(db: Db, audit: Audit, runId: number): UndoPlan {
  try {
    return revertRun(db, audit, runId);
  } catch (err) {
    // A dependency the checks above did not name: refused all the same, nothing changed.
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new UsageError('undo.blockedUnnamed', { id: runId });
    throw err;
  }
}

function revertRun(db: Db, audit: Audit, runId: number): UndoPlan {
  return writeTransaction(db, () => {
    const plan = planUndo(db, runId);
    const shapes = new Map(dataTables(db).map((t) => [t.name, t]));
    // Whatever a later command hangs on a removed row is found below, with its command named.
    db.pragma('defer_foreign_keys = ON');
    const changes = runChanges(db, runId);
    for (let i = changes.length - 1; i >= 0; i--) revert(db, shapes.get(changes[i].tbl)!, changes[i]);
    const dangling = firstDangling(db, shapes, plan.steps);
    if (dangling) throw blockedBy(db, runId, dangling.table, dangling.pk);
    logChange(db, audit, 'run', runId, 'undo', { command: plan.run.command, rows: plan.steps.length });
    const self = currentRunId(db);
    if (self !== null) db.prepare('UPDATE command_run SET undoes = ? WHERE id = ?').run(runId, self);
    return plan;
  });
}

interface ForeignKey {
  child: string;
  column: string;
  parent: string;
  parentColumn: string;
}

function foreignKeys(db: Db, shapes: Map<string, TableShape>): ForeignKey[] {
  const out: ForeignKey[] = [];
  for (const shape of shapes.values())
    for (const fk of db.pragma(`foreign_key_list(${quoteId(shape.name)})`) as { table: string; from: string; to: string | null }[])
      out.push({ child: shape.name, column: fk.from, parent: fk.table, parentColumn: fk.to ?? shapes.get(fk.table)?.pk[0] ?? 'id' });
  return out;
}

function pkJson(shape: TableShape): string {
  return `json_object(${shape.pk.map((c) => `'${c.replace(/'/g, "''")}', ${quoteId(c)}`).join(', ')})`;
}

/**
 * After the reverts: a row (of a later command) still pointing at a row the undo removed, or a row
 * the undo put back pointing at a row that is gone. Returns the row whose later change is in the
 * way. Each check reads one key, so an undo never scans whole tables.
 */
function firstDangling(db: Db, shapes: Map<string, TableShape>, steps: UndoStep[]): { table: string; pk: string } | null {
  const fks = foreignKeys(db, shapes);
  for (const step of steps) {
    if (step.action === 'remove') {
      for (const fk of fks.filter((f) => f.parent === step.tbl)) {
        const value = step.row[fk.parentColumn];
        if (value === null || value === undefined) continue;
        const child = shapes.get(fk.child)!;
        const pk = cachedStatement(db, `SELECT ${pkJson(child)} FROM ${quoteId(fk.child)} WHERE ${quoteId(fk.column)} = ? LIMIT 1`).pluck().get(value) as string | undefined;
        if (pk !== undefined) return { table: fk.child, pk };
      }
    } else {
      for (const fk of fks.filter((f) => f.child === step.tbl)) {
        const value = step.row[fk.column];
        if (value === null || value === undefined) continue;
        const parent = shapes.get(fk.parent);
        if (!parent) continue;
        const found = cachedStatement(db, `SELECT 1 FROM ${quoteId(fk.parent)} WHERE ${quoteId(fk.parentColumn)} = ?`).get(value);
        if (!found) return { table: fk.parent, pk: JSON.stringify({ [fk.parentColumn]: value }) };
      }
    }
  }
  return null;
}

function revert(db: Db, shape: TableShape, c: RowChange): void {
  const cols = shape.columns;
  if (c.op === 'insert') {
    cachedStatement(db, `DELETE FROM ${quoteId(shape.name)} WHERE ${whereOf(shape, '@pk')}`).run({ pk: c.pk });
  } else if (isPostgres(db)) {
    // PostgreSQL types each value by its column: the row is read back through the table's row type.
    const names = cols.map(quoteId).join(', ');
    const row = `SELECT ${names} FROM json_populate_record(NULL::${quoteId(shape.name)}, @row::json)`;
    if (c.op === 'delete') cachedStatement(db, `INSERT INTO ${quoteId(shape.name)} (${names}) ${row}`).run({ row: c.before });
    else cachedStatement(db, `UPDATE ${quoteId(shape.name)} SET (${names}) = (${row}) WHERE ${whereOf(shape, '@pk')}`).run({ row: c.before, pk: c.pk });
  } else if (c.op === 'delete') {
    cachedStatement(
      db,
      `INSERT INTO ${quoteId(shape.name)} (${cols.map(quoteId).join(', ')}) SELECT ${cols.map((col) => `json_extract(@row, ${quoteJsonPath(col)})`).join(', ')}`,
    ).run({ row: c.before });
  } else {
    // The key is the row's own (the WHERE) and never set: a SET that names a parent key makes SQLite
    // look for the rows pointing at it in every child table, some without an index on the column
    // (a person is pointed at by tasks, speeches, meetings): a scan of the table per row reverted.
    const set = cols.filter((col) => !shape.pk.includes(col));
    // A row that is all key (a link) has nothing else to put back.
    if (!set.length) return;
    cachedStatement(
      db,
      `UPDATE ${quoteId(shape.name)} SET ${set.map((col) => `${quoteId(col)} = json_extract(@row, ${quoteJsonPath(col)})`).join(', ')} WHERE ${whereOf(shape, '@pk')}`,
    ).run({ row: c.before, pk: c.pk });
  }
}
