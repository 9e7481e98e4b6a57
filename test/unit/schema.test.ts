/**
 * Migrations are frozen: versions increase one by one, and the schema a fresh database ends with is
 * the snapshot in test/fixtures/schema.sql. A schema change without a new migration (or a new
 * migration without its snapshot) fails here. To accept an intended change after adding its
 * migration: UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/unit/schema.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryDatabase } from '../../src/store/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { ROOT } from '../helpers.js';

const SNAPSHOT = join(ROOT, 'test', 'fixtures', 'schema.sql');

/** Every object of a fresh database, in a stable order, with its SQL as SQLite stores it. */
function schemaOfFreshDatabase(): string {
  const db = memoryDatabase();
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string }[];
  const version = db.pragma('user_version', { simple: true });
  db.close();
  return [`-- user_version ${version}`, ...rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql};`)].join('\n') + '\n';
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… without gaps, and the schema version is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('end in the schema recorded in test/fixtures/schema.sql', () => {
    const actual = schemaOfFreshDatabase();
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') writeFileSync(SNAPSHOT, actual);
    if (!existsSync(SNAPSHOT)) throw new Error(`${SNAPSHOT} is missing: run with UPDATE_SCHEMA_SNAPSHOT=1 once`);
    expect(actual).toBe(readFileSync(SNAPSHOT, 'utf8'));
  });
});
