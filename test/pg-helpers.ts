/** PostgreSQL databases for tests, on the server of test/pg-global-setup.ts. */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { copyDatabase } from '../src/store/copy.js';
import { openDatabase } from '../src/store/db.js';
import { connectPostgres } from '../src/store/pg/open.js';
import { isPostgresUrl, withoutPassword } from '../src/store/pg/url.js';

/** The test server's admin URL, or undefined when the run has none (THUKY_TEST_PG=off). */
export const PG_ADMIN = process.env.THUKY_TEST_PG?.startsWith('postgres') ? process.env.THUKY_TEST_PG : undefined;

/** A new, empty database; its URL with the password (kept in memory only, as the CLI does). */
export function freshPgDatabase(prefix = 'thuky'): string {
  if (!PG_ADMIN) throw new Error('no PostgreSQL test server');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = connectPostgres(withoutPassword(PG_ADMIN));
  try {
    admin.execNative(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`);
  } finally {
    admin.close();
  }
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Whether run() (helpers.ts) sends the commands of this test run to PostgreSQL. */
export const ON_POSTGRES = process.env.THUKY_TEST_ENGINE === 'postgresql' && !!PG_ADMIN;

const byPath = new Map<string, string>();

/**
 * With THUKY_TEST_ENGINE=postgresql, run() (helpers.ts) sends a command meant for a database file
 * to a PostgreSQL database instead: one per file, created on first use with a copy of what the
 * file holds then (db copy), so that the command tests can be run against PostgreSQL.
 */
export function engineDb(path: string): string {
  if (!ON_POSTGRES || isPostgresUrl(path)) return path;
  let url = byPath.get(path);
  if (!url) {
    url = freshPgDatabase('suite');
    byPath.set(path, url);
    if (existsSync(path) && statSync(path).size > 0) {
      const source = openDatabase(path, { readonly: true });
      const target = openDatabase(withoutPassword(url), { create: true });
      try {
        copyDatabase(source, target, url);
      } finally {
        source.close();
        target.close();
      }
    }
  }
  return url;
}

/**
 * A copy of a test database under a new file path, on the engine run() uses: the file copied, or
 * a PostgreSQL database made from the path's own (CREATE DATABASE … TEMPLATE) that run() then
 * uses for the new path.
 */
export function copyEngineDb(from: string, to: string): void {
  if (!ON_POSTGRES) {
    copyFileSync(from, to);
    return;
  }
  const source = new URL(engineDb(from)).pathname.slice(1);
  const name = `suite_${randomBytes(6).toString('hex')}`;
  const admin = connectPostgres(withoutPassword(PG_ADMIN!));
  try {
    admin.execNative(`CREATE DATABASE ${name} TEMPLATE ${source}`);
  } finally {
    admin.close();
  }
  const url = new URL(PG_ADMIN!);
  url.pathname = `/${name}`;
  byPath.set(to, url.toString());
}

