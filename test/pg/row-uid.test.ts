/** Migration 9 on PostgreSQL: a schema-8 database's rows each get their own uid. */
import { describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_ADMIN } from '../pg-helpers.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { PG_MIGRATIONS } from '../../src/store/pg/migrations.js';
import { connectPostgres, migratePostgres } from '../../src/store/pg/open.js';
import { withoutPassword } from '../../src/store/pg/url.js';

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.skipIf(!PG_ADMIN)('row uids on PostgreSQL', () => {
  it('migrating a schema-8 database gives every row already there its own UUIDv7', () => {
    const db = connectPostgres(withoutPassword(freshPgDatabase()));
    try {
      for (const m of PG_MIGRATIONS.filter((m) => m.version <= 8)) db.execNative(m.sql);
      db.execNative(`INSERT INTO thuky_meta (application_id, user_version) VALUES (${0x54484b59}, 8)`);
      db.execNative(`INSERT INTO task_group (title, created_at) SELECT 'g' || i, '2026-01-01' FROM generate_series(1, 50) i`);
      db.execNative(`INSERT INTO unit (name, name_folded, kind, created_at) VALUES ('Phường Thử', 'phuong thu', 'ward', '2026-01-01')`);
      expect(migratePostgres(db)).toEqual({ from: 8, to: SCHEMA_VERSION });
      const uids = [...db.query('SELECT uid FROM task_group').rows, ...db.query('SELECT uid FROM unit').rows].map((r) => r[0] as string);
      expect(uids.length).toBe(51);
      for (const u of uids) expect(u).toMatch(UUIDV7);
      expect(new Set(uids).size).toBe(51);
    } finally {
      db.close();
    }
  });
});
