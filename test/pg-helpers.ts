/** PostgreSQL databases for tests, on the server of test/pg-global-setup.ts. */
import { randomBytes } from 'node:crypto';
import { connectPostgres } from '../src/store/pg/open.js';
import { withoutPassword } from '../src/store/pg/url.js';

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
