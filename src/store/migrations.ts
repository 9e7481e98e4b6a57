/**
 * Numbered migrations, applied in order in one transaction; the number reached is kept in
 * PRAGMA user_version. Released migrations are never edited: a change is a new entry.
 */
import core from './schema/core.js';
import tasks from './schema/tasks.js';
import meetings from './schema/meetings.js';
import compliance from './schema/compliance.js';

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [{ version: 1, sql: core + meetings + tasks + compliance }];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
