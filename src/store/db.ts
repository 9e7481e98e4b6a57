/** Opening the database: path rules, file mode, pragmas, migrations. */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuntimeError } from '../cli/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type Db = Database.Database;

/** In the bundle: where the build found the driver's native part, relative to the bundle. */
declare const __THUKY_SQLITE_ADDON: string | undefined;

/**
 * A connection. The native part of the driver is loaded on first use, so that --help and usage
 * errors never pay for it. The bundle names the file itself: better-sqlite3 otherwise looks for
 * it through the `bindings` package, which probes a dozen paths at every start.
 */
export function connect(file: string | Buffer, options: Database.Options = {}): Db {
  return new Database(file, { ...options, nativeBinding: nativeBinding() });
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

/** --db, else THUKY_DB, else $XDG_DATA_HOME/thuky/thuky.db, else ~/.local/share/thuky/thuky.db. */
export function resolveDbPath(flag: string | undefined, env: Record<string, string | undefined>, cwd: string): string {
  if (flag) return resolve(cwd, flag);
  if (env.THUKY_DB) return resolve(cwd, env.THUKY_DB);
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'thuky', 'thuky.db');
}

export interface OpenOptions {
  readonly?: boolean;
  /** Create the file when missing (writes do; reports on a missing file fail instead). */
  create?: boolean;
}

/**
 * Opens (and if asked creates) the database. A new file is created with mode 0600 before SQLite
 * touches it, since it holds personal data. Migrations run here for writers; a reader refuses a
 * database that is behind or ahead of this version rather than changing it.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
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
  let db: Db;
  try {
    db = connect(path, { readonly: !!opts.readonly, fileMustExist: true });
    // SQLite opens lazily: a reader that cannot use the WAL fails only on its first read.
    if (opts.readonly) probe(db);
  } catch (err) {
    const snapshot = opts.readonly ? readOnlySnapshot(path, err) : undefined;
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
    }
  } catch (err) {
    db.close();
    if (err instanceof RuntimeError) throw err;
    throw new RuntimeError('db.cannotOpen', { path, reason: (err as Error).message });
  }
  return db;
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
    const bytes = readFileSync(path);
    if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) {
      bytes[18] = 1;
      bytes[19] = 1;
    }
    const db = connect(bytes);
    db.pragma('query_only = ON');
    return db;
  } catch {
    return undefined;
  }
}

/**
 * A consistent copy of the database in one file (VACUUM INTO), safe while others read or write.
 * The copy holds the same personal data, so it gets mode 0600 too. Refuses to overwrite a file.
 */
export function backupDatabase(db: Db, target: string): string {
  if (existsSync(target)) throw new RuntimeError('db.backupExists', { path: target });
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

/** Applies every pending migration in one transaction and records the version. */
export function migrate(db: Db): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) throw new RuntimeError('db.tooNew', { path: db.name, version: from, supported: SCHEMA_VERSION });
  db.transaction(() => {
    for (const m of MIGRATIONS) {
      if (m.version > from) {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }
    }
  }).immediate();
  return { from, to: SCHEMA_VERSION };
}

/** A fresh in-memory database with the whole schema, for tests. */
export function memoryDatabase(): Db {
  const db = connect(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
