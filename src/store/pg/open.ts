/**
 * Opening a PostgreSQL database: the same rules as a SQLite file (db.ts). Its identity is read
 * first without changing anything: a database with tables of another program, or a thuky schema
 * newer than this version, is refused untouched; a reader refuses a schema behind this version.
 * A writer applies the pending migrations (migrations.ts, the same numbers as SQLite's) in one
 * transaction. What SQLite keeps in its header (application_id, user_version) is the row of
 * thuky_meta.
 */
import { RuntimeError } from '../../errors.js';
import { SCHEMA_VERSION } from '../migrations.js';
import { PgDatabase, setPragmaHandler } from './database.js';
import { PG_MIGRATIONS } from './migrations.js';
import { pragma } from './pragmas.js';
import { targetOf } from './url.js';

setPragmaHandler(pragma);

/** The same mark as a SQLite file's application_id ("THKY"). */
const APPLICATION_ID = 0x54484b59;

export interface PgIdentity {
  applicationId: number;
  version: number;
  /** No table in the schema searched first. */
  empty: boolean;
}

export function connectPostgres(url: string, opts: { readonly?: boolean } = {}): PgDatabase {
  const target = targetOf(url);
  try {
    return new PgDatabase(target, opts);
  } catch (err) {
    throw new RuntimeError('db.cannotOpen', { path: url, reason: (err as Error).message });
  }
}

export function identityOf(db: PgDatabase): PgIdentity {
  const tables = db.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = current_schema()`,
  ).rows.map((r) => r[0] as string);
  if (!tables.includes('thuky_meta')) return { applicationId: 0, version: 0, empty: tables.length === 0 };
  const row = db.query('SELECT application_id, user_version FROM thuky_meta').rows[0];
  return { applicationId: row ? Number(row[0]) : 0, version: row ? Number(row[1]) : 0, empty: false };
}

export function openPostgres(url: string, opts: { readonly?: boolean; create?: boolean } = {}): PgDatabase {
  const db = connectPostgres(url, opts);
  try {
    const id = identityOf(db);
    if (id.applicationId !== APPLICATION_ID && !id.empty) throw new RuntimeError('db.foreign', { path: url });
    if (id.version > SCHEMA_VERSION) throw new RuntimeError('db.tooNew', { path: url, version: id.version, supported: SCHEMA_VERSION });
    if (id.version < SCHEMA_VERSION) {
      if (opts.readonly) {
        if (id.empty) throw new RuntimeError('db.missing', { path: url });
        throw new RuntimeError('db.needsMigration', { path: url, version: id.version, supported: SCHEMA_VERSION });
      }
      migratePostgres(db);
    }
  } catch (err) {
    db.close();
    if (err instanceof RuntimeError) throw err;
    throw new RuntimeError('db.cannotOpen', { path: url, reason: (err as Error).message });
  }
  return db;
}

/** Applies the pending migrations in one transaction and records the version reached. */
export function migratePostgres(db: PgDatabase): { from: number; to: number } {
  return db.transaction(() => {
    const from = identityOf(db).version;
    if (from > SCHEMA_VERSION) throw new RuntimeError('db.tooNew', { path: db.name, version: from, supported: SCHEMA_VERSION });
    for (const m of PG_MIGRATIONS) if (m.version > from) db.execNative(m.sql);
    db.execNative('DELETE FROM thuky_meta');
    db.query('INSERT INTO thuky_meta (application_id, user_version) VALUES ($1, $2)', [APPLICATION_ID, SCHEMA_VERSION]);
    return { from, to: SCHEMA_VERSION };
  }).immediate();
}
