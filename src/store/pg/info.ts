/** What `db info` says of a PostgreSQL database: engine, server version, connection without secrets. */
import { isPostgres } from './database.js';
import { targetOf } from './url.js';

export interface EngineInfo {
  engine: 'postgresql';
  serverVersion: string;
  /** user@host:port/database, never a password. */
  connection: string;
}

/** null for a SQLite file. */
export function engineInfo(db: unknown): EngineInfo | null {
  if (!isPostgres(db)) return null;
  const t = targetOf(db.name);
  const ssl = t.sslmode ? ` (sslmode=${t.sslmode})` : '';
  return { engine: 'postgresql', serverVersion: db.serverVersion, connection: `${t.user}@${t.host}:${t.port}/${t.database}${ssl}` };
}
