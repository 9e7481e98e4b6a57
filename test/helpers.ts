/** Shared test helpers: run the CLI in-process or as the built binary, on temporary databases. */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { memoryContext } from '../src/cli/context.js';
import { runCli } from '../src/cli/program.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { loadSample } from '../src/store/sample/index.js';
import { isPostgres } from '../src/store/pg/database.js';
import { connectPostgres } from '../src/store/pg/open.js';
import { withoutPassword } from '../src/store/pg/url.js';
import { copyEngineDb, engineDb, ON_POSTGRES } from './pg-helpers.js';

export { engineDb, ON_POSTGRES } from './pg-helpers.js';

export const ROOT = resolve(import.meta.dirname, '..');

/** The 10 wards of District 1 in 2017, in Vietnamese order, as the sample names them. */
export const WARDS_2017 = [
  'Phường Bến Nghé',
  'Phường Bến Thành',
  'Phường Cầu Kho',
  'Phường Cầu Ông Lãnh',
  'Phường Cô Giang',
  'Phường Đa Kao',
  'Phường Nguyễn Cư Trinh',
  'Phường Nguyễn Thái Bình',
  'Phường Phạm Ngũ Lão',
  'Phường Tân Định',
];
export const BIN = join(ROOT, 'bin', 'thuky.js');

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'thuky-'));
}

export function tempDbPath(): string {
  return join(tempDir(), 'thuky.db');
}

const AUDIT = { at: '2026-11-27T00:00:00.000Z', user: 'tester', command: 'test' };

let template: string | undefined;
/** A fresh copy of a database with the quan1-2017 sample loaded (built once per test file). */
export function sampleDbPath(): string {
  if (!template || !existsSync(template)) {
    template = tempDbPath();
    const db = openDatabase(template, { create: true });
    loadSample(db, AUDIT, 'quan1-2017');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  const path = tempDbPath();
  copyFileSync(template, path);
  // On PostgreSQL, the copy is made there too, from the template's own database (one per test file).
  if (ON_POSTGRES) copyEngineDb(template, path);
  return path;
}

export function openSample(): Db {
  return openDatabase(sampleDbPath(), { create: false });
}

export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command line in-process. `tty` makes stdout and stdin look like a terminal. */
export async function run(argv: string[], opts: { db?: string; tty?: boolean; env?: Record<string, string | undefined>; now?: Date } = {}): Promise<RunOutput> {
  const ctx = memoryContext({ tty: opts.tty, env: { ...opts.env }, now: opts.now });
  const args = opts.db ? [...argv, '--db', engineDb(opts.db)] : argv;
  const code = await runCli(args, ctx);
  return { code, stdout: ctx.out(), stderr: ctx.err() };
}

/** Runs a command line in-process and parses its JSON output. */
export async function runJson<T = unknown>(argv: string[], opts: Parameters<typeof run>[1] = {}): Promise<T> {
  const out = await run([...argv, '--json'], opts);
  if (out.code !== 0) throw new Error(`exit ${out.code}: ${out.stderr}`);
  return JSON.parse(out.stdout) as T;
}

/** Spawns the built binary (run `npm run build` first; `npm test` does). */
export function runBin(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): RunOutput {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    input: opts.input ?? '',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const HISTORY = new Set(['change_log', 'row_change', 'command_run']);

/**
 * The database that run() used for a database file: the file itself, or with THUKY_TEST_ENGINE=
 * postgresql its PostgreSQL database (created from the file on first use, see engineDb), so that
 * a test reads and writes either engine with SQLite's SQL (the store's PostgreSQL connection
 * translates it). A reader, or a `raw` writer, is a bare connection that checks nothing of the
 * database's identity or version; a writer otherwise opens it as a command does.
 */
export function openTestDb(path: string, opts: { readonly?: boolean; raw?: boolean } = {}): Db {
  const readonly = !!opts.readonly;
  if (!ON_POSTGRES) return readonly || opts.raw ? new Database(path, { readonly, fileMustExist: true }) : openDatabase(path, { create: false });
  const url = withoutPassword(engineDb(path));
  return (readonly || opts.raw ? connectPostgres(url, { readonly }) : openDatabase(url, { create: false })) as unknown as Db;
}

/** Runs one statement on a test database and closes it: its rows (`all`). */
export function queryRows<T = Record<string, unknown>>(path: string, sql: string, ...params: unknown[]): T[] {
  const db = openTestDb(path, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The tables of a test database, on either engine (PostgreSQL's leave out thuky_meta). */
export function tableNamesOf(db: Db): string[] {
  if (isPostgres(db)) return db.tableNames();
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

function primaryKey(db: Db, table: string): string {
  const pk = (db.pragma(`table_info("${table}")`) as { name: string; pk: number }[]).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  return pk.map((c) => `"${c.name}"`).join(', ');
}

/** Every data table's rows in primary-key order: the database "minus the change log". */
export function dumpData(path: string): Record<string, unknown[]> {
  const db = openTestDb(path, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of tableNamesOf(db)) {
      if (HISTORY.has(t)) continue;
      out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY ${primaryKey(db, t)}`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every row of every table of a test database, hashed: equal snapshots mean nothing was written. */
export function dbSnapshot(path: string): string {
  const db = openTestDb(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    for (const t of tableNamesOf(db)) {
      hash.update(`\n#${t}\n`);
      // SQLite: in rowid order, but a table WITHOUT ROWID (the counts of migration 13) in its key's.
      const withoutRowid = !isPostgres(db) && db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck().get(t) === 1;
      const order = isPostgres(db) || withoutRowid ? primaryKey(db, t) || '1' : 'rowid';
      for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY ${order}`).raw().all()) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

/** The number of rows of each named table of a test database. */
export function countRows(path: string, tables: readonly string[]): Record<string, number> {
  const db = openTestDb(path, { readonly: true });
  try {
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) AS n FROM "${t}"`).pluck().get() as number]));
  } finally {
    db.close();
  }
}
