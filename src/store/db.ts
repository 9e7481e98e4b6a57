/** Opening the database: path rules, file mode, pragmas, migrations. */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuntimeError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { writeTransaction } from './transaction.js';
import { copyDatabase } from './copy.js';
import { defineNameKey } from './name-order.js';
import { isPostgres } from './pg/database.js';
import { migratePostgres, openPostgres } from './pg/open.js';
import { isPostgresUrl, withoutPassword } from './pg/url.js';

export type Db = Database.Database;

/** In the bundle: where the build found the driver's native part, relative to the bundle. */
declare const __THUKY_SQLITE_ADDON: string | undefined;

/**
 * A connection. The native part of the driver is loaded on first use, so that --help and usage
 * errors never pay for it. The bundle names the file itself: better-sqlite3 otherwise looks for
 * it through the `bindings` package, which probes a dozen paths at every start.
 */
export function connect(file: string | Buffer, options: Database.Options = {}): Db {
  const db = new Database(file, { ...options, nativeBinding: nativeBinding() });
  // The index of people in name order (person_name_order) is computed by this function.
  defineNameKey(db);
  return db;
}

let addon: string | null | undefined;
function nativeBinding(): string | undefined {
  if (addon === undefined) {
    addon = null;
    if (typeof __THUKY_SQLITE_ADDON === 'string') {
      const path = join(dirname(fileURLToPath(import.meta.url)), __THUKY_SQLITE_ADDON);
      if (existsSync(path)) addon = path;
    }
  }
  return addon ?? undefined;
}

/**
 * --db, else THUKY_DB, else $XDG_DATA_HOME/thuky/thuky.db, else ~/.local/share/thuky/thuky.db.
 * A postgresql:// URL names a PostgreSQL database; its password, if any, is kept aside (pg/url.ts).
 */
export function resolveDbPath(flag: string | undefined, env: Record<string, string | undefined>, cwd: string): string {
  if (isPostgresUrl(flag)) return withoutPassword(flag);
  if (flag) return resolve(cwd, flag);
  if (isPostgresUrl(env.THUKY_DB)) return withoutPassword(env.THUKY_DB);
  if (env.THUKY_DB) return resolve(cwd, env.THUKY_DB);
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'thuky', 'thuky.db');
}

export interface OpenOptions {
  readonly?: boolean;
  /** Create the file when missing (writes do; reports on a missing file fail instead). */
  create?: boolean;
  /** false: fail rather than read the whole file into memory when it cannot be opened in place (shell completion). */
  snapshot?: boolean;
}

/**
 * thuky's mark in the SQLite header (PRAGMA application_id, "THKY"), set when the schema is
 * created and on older thuky databases the first time they are opened for writing. A file with
 * another mark, or none and tables of its own, belongs to another program and is never touched.
 */
export const APPLICATION_ID = 0x54484b59;

/** Tables every thuky schema has: with a user_version, they make an unmarked file an older thuky database. */
const THUKY_TABLES = ['unit', 'person', 'document', 'meeting', 'task', 'change_log'];

interface Identity {
  applicationId: number;
  version: number;
  /** No table at all (a new, empty database). */
  empty: boolean;
  /** Has the tables every thuky schema has. */
  thukyTables: boolean;
}

/**
 * Opens (and if asked creates) the database. A new file is created with mode 0600 before SQLite
 * touches it, since it holds personal data. Before anything else, the file's identity and schema
 * version are read without changing it (see inspectFile): another program's database, or one
 * from a newer version, is refused with the file byte for byte as it was, and no -wal or -shm
 * beside it. Only then does a writer switch to WAL and migrate; a reader refuses a database that
 * is behind or ahead of this version rather than changing it.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  if (isPostgresUrl(path)) return openPostgres(path, opts) as unknown as Db;
  const exists = existsSync(path);
  if (!exists) {
    if (opts.readonly || opts.create === false) throw new RuntimeError('db.missing', { path });
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      closeSync(openSync(path, 'a', 0o600));
    } catch (err) {
      throw new RuntimeError('db.cannotCreate', { path, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
    }
  }
  checkIdentity(path, inspectFile(path), !!opts.readonly);
  let db: Db;
  try {
    db = connect(path, { readonly: !!opts.readonly, fileMustExist: true });
    // SQLite opens lazily: a reader that cannot use the WAL fails only on its first read.
    if (opts.readonly) probe(db);
  } catch (err) {
    const snapshot = opts.readonly && opts.snapshot !== false ? readOnlySnapshot(path, err) : undefined;
    if (!snapshot) throw new RuntimeError('db.cannotOpen', { path, reason: (err as Error).message });
    db = snapshot;
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new RuntimeError('db.tooNew', { path, version, supported: SCHEMA_VERSION });
    if (version < SCHEMA_VERSION) {
      if (opts.readonly) throw new RuntimeError('db.needsMigration', { path, version, supported: SCHEMA_VERSION });
      // A database with data in it is copied aside before its schema changes.
      if (version > 0) backupDatabase(db, `${path}.before-v${SCHEMA_VERSION}.bak`);
      migrate(db);
    } else if (!opts.readonly) stampApplicationId(db);
  } catch (err) {
    db.close();
    if (err instanceof RuntimeError) throw err;
    throw new RuntimeError('db.cannotOpen', { path, reason: (err as Error).message });
  }
  return db;
}

/** Refuses a file that is not a thuky database, or one this version cannot use. */
function checkIdentity(path: string, id: Identity, readonly: boolean): void {
  if (id.applicationId !== APPLICATION_ID) {
    const olderThuky = id.applicationId === 0 && id.version > 0 && id.thukyTables;
    const empty = id.applicationId === 0 && id.version === 0 && id.empty;
    if (!olderThuky && !empty) throw new RuntimeError('db.foreign', { path });
  }
  if (id.version > SCHEMA_VERSION) throw new RuntimeError('db.tooNew', { path, version: id.version, supported: SCHEMA_VERSION });
  if (readonly && id.version < SCHEMA_VERSION) throw new RuntimeError('db.needsMigration', { path, version: id.version, supported: SCHEMA_VERSION });
}

/**
 * Reads a file's identity without changing anything beside it. SQLite would create -wal and
 * -shm files for a read-only handle on a WAL database and leave them there, so when there is no
 * -wal (everything is in the main file) the 100-byte header is read directly: its magic string,
 * user_version (offset 60) and application_id (offset 68); an unmarked file's table list (an
 * older thuky database, or another program's) is read from a copy in memory. With a -wal present
 * (someone has the database open) the header may be stale, and a read-only handle reads through
 * the -wal that is already there.
 */
function inspectFile(path: string): Identity {
  const header = Buffer.alloc(100);
  let read = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, header, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new RuntimeError('db.cannotOpen', { path, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  if (read > 0 && (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0')) throw new RuntimeError('db.foreign', { path });
  if (existsSync(`${path}-wal`)) return withHandle(path, () => openReadOnly(path));
  if (read === 0) return { applicationId: 0, version: 0, empty: true, thukyTables: false };
  const applicationId = header.readInt32BE(68);
  const version = header.readInt32BE(60);
  if (applicationId === APPLICATION_ID) return { applicationId, version, empty: false, thukyTables: true };
  if (applicationId !== 0) return { applicationId, version, empty: false, thukyTables: false };
  // The schema is written first, so its pages are at the start of the file: a copy of the first
  // megabyte is usually enough, and the whole file is read only when it is not.
  try {
    return readIdentity(memoryCopy(fileStart(path, header, SCHEMA_PREFIX_BYTES)));
  } catch {
    return withHandle(path, () => memoryCopy(readFileSync(path)));
  }
}

const SCHEMA_PREFIX_BYTES = 1 << 20;

/** The first pages of a database file (whole pages, at most `max` bytes), with the page count in its header set to match. */
function fileStart(path: string, header: Buffer, max: number): Buffer {
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = Math.max(1, Math.floor(max / pageSize));
  const bytes = Buffer.alloc(pages * pageSize);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  const start = bytes.subarray(0, Math.floor(read / pageSize) * pageSize);
  // Shorter than one page: not a whole database, let the full read say what it is.
  if (!start.length) throw new Error('shorter than a page');
  start.writeUInt32BE(start.length / pageSize, 28);
  return start;
}

/** Identity through a handle; SQLite's errors become refusals naming the file. */
function withHandle(path: string, open: () => Db): Identity {
  try {
    return readIdentity(open());
  } catch (err) {
    if (err instanceof RuntimeError) throw err;
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') throw new RuntimeError('db.foreign', { path });
    throw new RuntimeError('db.cannotOpen', { path, reason: (err as Error).message });
  }
}

/** Reads the identity from a handle, and closes it. */
function readIdentity(db: Db): Identity {
  try {
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    return {
      applicationId: db.pragma('application_id', { simple: true }) as number,
      version: db.pragma('user_version', { simple: true }) as number,
      empty: tables.size === 0,
      thukyTables: THUKY_TABLES.every((t) => tables.has(t)),
    };
  } finally {
    db.close();
  }
}

/** A read-only handle, or an in-memory snapshot where SQLite cannot read the file in place. */
function openReadOnly(path: string): Db {
  try {
    const db = connect(path, { readonly: true, fileMustExist: true });
    probe(db);
    return db;
  } catch (err) {
    const snapshot = readOnlySnapshot(path, err);
    if (!snapshot) throw err;
    return snapshot;
  }
}

/** Marks a thuky database as thuky's (older ones were created without the mark). */
function stampApplicationId(db: Db): void {
  if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID)
    writeTransaction(db, () => db.pragma(`application_id = ${APPLICATION_ID}`));
}

/** The first read of a freshly opened handle; closes it on failure. */
function probe(db: Db): void {
  try {
    db.pragma('user_version', { simple: true });
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * A WAL database in a folder the reader cannot write to cannot be opened read-only (SQLite needs
 * to create its -shm file there), and this build of SQLite takes no `?immutable=1` URI. A reader
 * (cron on a read-only copy, a report run by another user) then gets an in-memory snapshot of
 * the file: the header is switched to rollback-journal mode so the copy opens, and it is
 * query-only. Returns undefined when the failure is something else.
 */
function readOnlySnapshot(path: string, err: unknown): Db | undefined {
  const code = (err as { code?: string }).code ?? '';
  if (!/^SQLITE_(READONLY|CANTOPEN)/.test(code)) return undefined;
  try {
    return memoryCopy(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** A query-only database in memory from a file's bytes, switched to rollback-journal mode so that it opens. */
export function memoryCopy(bytes: Buffer): Db {
  if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  const db = connect(bytes);
  db.pragma('query_only = ON');
  return db;
}

/**
 * A consistent copy of the database in one file (VACUUM INTO), safe while others read or write.
 * The copy holds the same personal data, so it gets mode 0600 too. Refuses to overwrite a file.
 */
export function backupDatabase(db: Db, target: string): string {
  if (existsSync(target)) throw new RuntimeError('db.backupExists', { path: target });
  if (isPostgres(db)) return backupPostgres(db, target);
  try {
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    // VACUUM INTO fills an empty file and keeps its mode: create it owner-only first.
    closeSync(openSync(target, 'wx', 0o600));
    db.prepare('VACUUM INTO ?').run(target);
  } catch (err) {
    if (err instanceof RuntimeError) throw err;
    throw new RuntimeError('db.backupFailed', { path: target, reason: (err as Error).message });
  }
  return target;
}

/**
 * A PostgreSQL database backed up to a new SQLite file (mode 0600): every row, history included,
 * read in one snapshot (db copy). A failed copy leaves no file behind.
 */
function backupPostgres(db: Db, target: string): string {
  try {
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    closeSync(openSync(target, 'wx', 0o600));
  } catch (err) {
    throw new RuntimeError('db.backupFailed', { path: target, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  try {
    const file = openDatabase(target, { create: true });
    try {
      copyDatabase(db, file, target);
      file.pragma('wal_checkpoint(TRUNCATE)');
      file.pragma('journal_mode = DELETE');
    } finally {
      file.close();
    }
  } catch (err) {
    for (const f of [target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
    if (err instanceof RuntimeError) throw err;
    throw new RuntimeError('db.backupFailed', { path: target, reason: (err as Error).message });
  }
  return target;
}

/**
 * Applies every pending migration in one transaction and records the version. Foreign keys are off
 * meanwhile (a migration may rebuild a table that others refer to) and every one is checked before
 * the commit: a migration that would leave a dangling reference is rolled back.
 */
export function migrate(db: Db): { from: number; to: number } {
  if (isPostgres(db)) return migratePostgres(db);
  // The index person_name_order calls it (a connection made elsewhere than connect() may lack it).
  defineNameKey(db);
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) throw new RuntimeError('db.tooNew', { path: db.name, version: from, supported: SCHEMA_VERSION });
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  // Rebuilding a table (SQLite's procedure for a changed constraint) needs foreign keys off;
  // every reference is checked before the commit instead.
  db.pragma('foreign_keys = OFF');
  try {
    writeTransaction(db, () => {
      for (const m of MIGRATIONS) {
        if (m.version > from) {
          db.exec(m.sql);
          db.pragma(`user_version = ${m.version}`);
        }
      }
      const dangling = db.pragma('foreign_key_check') as unknown[];
      if (dangling.length) throw new Error(`foreign key check failed after migration: ${JSON.stringify(dangling.slice(0, 3))}`);
      if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
    });
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return { from, to: SCHEMA_VERSION };
}

/** A fresh in-memory database with the whole schema, for tests. */
export function memoryDatabase(): Db {
  const db = connect(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Rows changed through this connection so far (SQLite's total_changes()). */
export function totalChanges(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

/** The schema version a database records (PRAGMA user_version). */
export function schemaVersionOf(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The number of rows of each named table (names from the program, never from input). */
export function tableCounts(db: Db, tables: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return counts;
}

/**
 * Whether the big listings (every task, people, a year's plans) are ordered and their JSON built by
 * the database itself: on SQLite, through the Vietnamese rank functions this connection registers
 * (name-order.ts) and SQLite's JSON; a PostgreSQL server has neither, and gets the same bytes from
 * rows sorted here.
 */
export function listsInSql(db: Db): boolean {
  return !isPostgres(db);
}

