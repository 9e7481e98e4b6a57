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

/** Thrown inside a dry run's transaction to roll it back while handing its result out. */
class RolledBack<T> extends Error {
  constructor(readonly result: T) {
    super('dry run');
  }
}

/**
 * A write transaction that, on a dry run, does all its work and checks, then rolls back and returns
 * what it would have done: "would add 168 units" is then exactly what the real run does.
 */
export function writeOrDryRun<T>(db: Db, dryRun: boolean | undefined, fn: () => T): T {
  try {
    return writeTransaction(db, () => {
      const result = fn();
      if (dryRun) throw new RolledBack(result);
      return result;
    });
  } catch (err) {
    if (err instanceof RolledBack) return err.result as T;
    throw err;
  }
}
