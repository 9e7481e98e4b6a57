/**
 * Prepared statements kept per connection. Preparing costs more than running a small INSERT, so
 * code that writes row by row (imports, the change log) prepares each statement once.
 */
import type Database from 'better-sqlite3';
import type { Db } from './db.js';

const byDb = new WeakMap<Db, Map<string, Database.Statement>>();

export function cachedStatement(db: Db, sql: string): Database.Statement {
  let statements = byDb.get(db);
  if (!statements) byDb.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
