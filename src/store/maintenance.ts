/**
 * Putting a backup back (`db restore`) and checking a database's health (`db check`). A backup is
 * inspected from a copy in memory, so that looking at it never changes it nor creates files
 * beside it.
 */
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, chmodSync } from 'node:fs';
import { RuntimeError, UsageError } from '../errors.js';
import { isPostgres } from './pg/database.js';
import { isPostgresUrl } from './pg/url.js';
import { fold, nfc } from '../domain/text.js';
import { connect, memoryCopy, type Db } from './db.js';
import { SCHEMA_VERSION } from './migrations.js';
import { tallyMismatches } from './tallies.js';

/** The tables counted per kind of record (as `db info` does). */
export const COUNTED_TABLES = ['unit', 'person', 'document', 'meeting', 'speech', 'conclusion', 'task', 'task_event', 'plan', 'evaluation', 'activity', 'draft', 'change_log'];
/** Tables every thuky database has had since schema 1. */
const THUKY_TABLES = ['unit', 'person', 'document', 'meeting', 'task', 'change_log'];

export interface BackupSummary {
  path: string;
  schemaVersion: number;
  supportedVersion: number;
  counts: Record<string, number>;
  lastChange: { at: string; user: string; command: string } | null;
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks that a file is a thuky database this version can open (same or older schema) and that it
 * passes integrity_check; returns what it holds. Every refusal is a usage error (exit 2).
 */
export function inspectBackup(path: string): BackupSummary {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError('restore.missing', { path });
  if (!hasSqliteHeader(path)) throw new UsageError('restore.notThuky', { path, reason: 'not an SQLite database' });
  let db: Db;
  try {
    db = memoryCopy(readFileSync(path));
  } catch (err) {
    throw new UsageError('restore.notThuky', { path, reason: (err as Error).message });
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new UsageError('restore.tooNew', { path, version, supported: SCHEMA_VERSION });
    const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
    const missing = THUKY_TABLES.filter((t) => !tables.has(t));
    if (version < 1 || missing.length) throw new UsageError('restore.notThuky', { path, reason: missing.length ? `no table ${missing.join(', ')}` : 'schema version 0' });
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok')
      throw new UsageError('restore.corrupt', { path, detail: integrity.slice(0, 5).map((r) => r.integrity_check).join('; ') });
    const counts: Record<string, number> = {};
    for (const t of COUNTED_TABLES) if (tables.has(t)) counts[t] = (db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number) ?? 0;
    const last = db.prepare('SELECT at, os_user AS user, command FROM change_log ORDER BY id DESC LIMIT 1').get() as BackupSummary['lastChange'] | undefined;
    return { path, schemaVersion: version, supportedVersion: SCHEMA_VERSION, counts, lastChange: last ?? null };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError('restore.notThuky', { path, reason: (err as Error).message });
  } finally {
    db.close();
  }
}

/**
 * Puts the backup in place of the database. The current file (with its WAL, if any is left after a
 * checkpoint) is kept beside it as `<file>.before-restore-<stamp>`; the backup itself is copied,
 * never moved. Returns where the current file was kept (null when there was none).
 */
export function restoreBackup(backup: string, target: string, stamp: string): string | null {
  if (isPostgresUrl(target)) throw new RuntimeError('pg.unsupported', { command: 'db restore', path: target }); // see copy.ts restoreIntoEmpty
  inspectBackup(backup);
  let keptAs: string | null = null;
  if (existsSync(target)) {
    // Fold the WAL into the file first, so that the kept file is whole by itself.
    try {
      const current = connect(target, { fileMustExist: true });
      try {
        current.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        current.close();
      }
    } catch {
      // A damaged current file is kept as it is, WAL included.
    }
    keptAs = `${target}.before-restore-${stamp}`;
    if (existsSync(keptAs)) throw new UsageError('restore.keepExists', { path: keptAs });
  }
  // The copy is made beside the target first, then renamed over it: never a half-written database.
  const incoming = `${target}.restoring-${stamp}`;
  copyFileSync(backup, incoming);
  chmodSync(incoming, 0o600);
  if (keptAs) {
    renameSync(target, keptAs);
    for (const suffix of ['-wal', '-shm']) {
      const f = `${target}${suffix}`;
      if (!existsSync(f)) continue;
      if (suffix === '-wal' && statSync(f).size > 0) renameSync(f, `${keptAs}-wal`);
      else rmSync(f, { force: true });
    }
  }
  renameSync(incoming, target);
  return keptAs;
}

export type ProblemKind = 'integrity' | 'foreignKey' | 'orphan' | 'validation' | 'schema' | 'derived';

export interface Problem {
  kind: ProblemKind;
  table: string;
  id: string | null;
  /** A message key and its parameters, said in the user's language by the command. */
  key: string;
  params: Record<string, string | number | null>;
}

export interface HealthReport {
  path: string;
  schemaVersion: number;
  supportedVersion: number;
  integrity: string;
  walBytes: number;
  fileBytes: number;
  problems: Problem[];
}

/** Columns holding calendar dates (yyyy-MM-dd), per table. */
const DATE_COLUMNS: Record<string, string[]> = {
  unit: ['valid_from', 'valid_to'],
  document: ['issued_on'],
  meeting: ['held_on'],
  task: ['start_on', 'due_on', 'original_due_on', 'done_on', 'cancelled_on'],
  task_event: ['on_date', 'old_due', 'new_due'],
  plan_deadline: ['deadline_on'],
  plan: ['submitted_on'],
  activity: ['held_on'],
};

/** Names kept with a folded copy for lookups: the copy must match the name, or lookups miss it. */
const FOLDED: { table: string; text: string; folded: string }[] = [
  { table: 'unit', text: 'name', folded: 'name_folded' },
  { table: 'person', text: 'full_name', folded: 'name_folded' },
  { table: 'document', text: 'code', folded: 'code_folded' },
];

const LIMIT_PER_CHECK = 1000;

/**
 * Integrity, foreign keys, records pointing nowhere, and records that today's rules would refuse.
 */
export function checkHealth(db: Db, path: string): HealthReport {
  const problems: Problem[] = [];
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) problems.push({ kind: 'schema', table: '', id: null, key: 'check.p.schema', params: { version, supported: SCHEMA_VERSION } });
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (!(integrity.length === 1 && integrity[0] === 'ok'))
    for (const detail of integrity) problems.push({ kind: 'integrity', table: '', id: null, key: 'check.p.integrity', params: { detail } });
  const pg = isPostgres(db);
  const tables = new Set(pg ? db.tableNames() : (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]));

  for (const fk of db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string; fkid: number }[]) {
    const ref = (db.pragma(`foreign_key_list("${fk.table}")`) as { id: number; from: string }[]).find((f) => f.id === fk.fkid);
    const value = ref ? (db.prepare(`SELECT "${ref.from}" FROM "${fk.table}" WHERE rowid = ?`).pluck().get(fk.rowid) as number | string | null) : null;
    problems.push({ kind: 'foreignKey', table: fk.table, id: String(fk.rowid), key: 'check.p.foreignKey', params: { column: ref?.from ?? '?', value, parent: fk.parent } });
  }

  if (tables.has('task_group'))
    for (const g of db.prepare('SELECT id, title FROM task_group g WHERE NOT EXISTS (SELECT 1 FROM task t WHERE t.group_id = g.id) LIMIT ?').all(LIMIT_PER_CHECK) as { id: number; title: string }[])
      problems.push({ kind: 'orphan', table: 'task_group', id: String(g.id), key: 'check.p.emptyGroup', params: { title: g.title } });
  if (tables.has('unit_successor'))
    for (const s of db.prepare('SELECT unit_id AS u FROM unit_successor WHERE unit_id = successor_id LIMIT ?').all(LIMIT_PER_CHECK) as { u: number }[])
      problems.push({ kind: 'validation', table: 'unit_successor', id: String(s.u), key: 'check.p.selfSuccessor', params: {} });

  for (const [table, columns] of Object.entries(DATE_COLUMNS)) {
    if (!tables.has(table)) continue;
    for (const column of columns) {
      // PostgreSQL: a text column, its key named (SQLite's rowid is the key there), the day checked by thuky_is_date.
      const key = pg ? (table === 'plan_deadline' ? 'year' : 'id') : 'rowid';
      const rows = db
        .prepare(
          pg
            ? `SELECT "${key}" AS id, "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL AND NOT thuky_is_date("${column}") LIMIT ?`
            : `SELECT rowid AS id, "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL AND (typeof("${column}") <> 'text' OR "${column}" NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' OR date("${column}") IS NOT "${column}") LIMIT ?`,
        )
        .all(LIMIT_PER_CHECK) as { id: number; v: unknown }[];
      for (const r of rows) problems.push({ kind: 'validation', table, id: String(r.id), key: 'check.p.badDate', params: { column, value: String(r.v) } });
    }
  }
  if (tables.has('task')) {
    const rows = db
      .prepare(
        `SELECT id, start_on AS startOn, coalesce(done_on, cancelled_on) AS closedOn FROM task
          WHERE coalesce(done_on, cancelled_on) < start_on LIMIT ?`,
      )
      .all(LIMIT_PER_CHECK) as { id: number; startOn: string; closedOn: string }[];
    for (const r of rows) problems.push({ kind: 'validation', table: 'task', id: String(r.id), key: 'check.p.closedBeforeStart', params: { start: r.startOn, closed: r.closedOn } });
    const lostDue = db.prepare('SELECT id, original_due_on AS due FROM task WHERE due_on IS NULL AND original_due_on IS NOT NULL LIMIT ?').all(LIMIT_PER_CHECK) as { id: number; due: string }[];
    for (const r of lostDue) problems.push({ kind: 'validation', table: 'task', id: String(r.id), key: 'check.p.lostDue', params: { due: r.due } });
    const extensions = db
      .prepare(
        `SELECT t.id, t.extensions AS n, (SELECT count(*) FROM task_event e WHERE e.task_id = t.id AND e.kind = 'extend') AS events
           FROM task t WHERE t.extensions <> (SELECT count(*) FROM task_event e WHERE e.task_id = t.id AND e.kind = 'extend') LIMIT ?`,
      )
      .all(LIMIT_PER_CHECK) as { id: number; n: number; events: number }[];
    for (const r of extensions) problems.push({ kind: 'validation', table: 'task', id: String(r.id), key: 'check.p.extensions', params: { n: r.n, events: r.events } });
    const years = db.prepare(`SELECT id, year, start_on AS startOn FROM task WHERE kind = 'task' AND year <> CAST(substr(start_on, 1, 4) AS INTEGER) LIMIT ?`).all(LIMIT_PER_CHECK) as { id: number; year: number; startOn: string }[];
    for (const r of years) problems.push({ kind: 'validation', table: 'task', id: String(r.id), key: 'check.p.taskYear', params: { year: r.year, start: r.startOn } });
  }
  for (const f of FOLDED) {
    if (!tables.has(f.table)) continue;
    let found = 0;
    for (const r of db.prepare(`SELECT id, "${f.text}" AS text, "${f.folded}" AS folded FROM "${f.table}"`).iterate() as Iterable<{ id: number; text: string; folded: string }>) {
      if (found >= LIMIT_PER_CHECK) break;
      if (typeof r.text !== 'string') continue;
      if (nfc(r.text) !== r.text) {
        problems.push({ kind: 'validation', table: f.table, id: String(r.id), key: 'check.p.notNfc', params: { column: f.text, value: r.text } });
        found++;
      } else if (fold(r.text) !== r.folded) {
        problems.push({ kind: 'validation', table: f.table, id: String(r.id), key: 'check.p.folded', params: { column: f.text, value: r.text } });
        found++;
      }
    }
  }
  // The counts kept by triggers (SQLite, migration 13) against a recount of the rows they count.
  for (const m of tallyMismatches(db, LIMIT_PER_CHECK)) {
    const unit = m.unitName ?? `#${m.unitId}`;
    const count = { unit, year: m.year, kept: m.kept, counted: m.counted };
    if (m.table === 'plan_tally') problems.push({ kind: 'derived', table: m.table, id: String(m.unitId), key: 'check.p.planTally', params: { ...count, day: String(m.part) } });
    else problems.push({ kind: 'derived', table: m.table, id: String(m.unitId), key: m.part === 1 ? 'check.p.evaluationTallyUsed' : 'check.p.evaluationTallyUnused', params: count });
  }
  const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  return {
    path,
    schemaVersion: version,
    supportedVersion: SCHEMA_VERSION,
    integrity: integrity.join('; '),
    walBytes: pg ? 0 : size(`${path}-wal`),
    fileBytes: pg ? (db.query('SELECT pg_database_size(current_database())').rows[0][0] as number) : size(path),
    problems,
  };
}
