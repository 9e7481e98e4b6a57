/**
 * The one way to write. A write transaction starts with BEGIN IMMEDIATE: it takes the write lock
 * before its first read, so it waits (busy_timeout) behind another writer. A deferred transaction
 * that reads first (max(ord), a check) and then writes cannot wait: SQLite answers SQLITE_BUSY at
 * once when it tries to upgrade its read lock, since the other writer may have changed what it read.
 * Inside an outer transaction this becomes a savepoint.
 */
import type { Db } from './db.js';

export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
