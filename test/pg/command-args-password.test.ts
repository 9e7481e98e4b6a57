/**
 * Migration 12 on PostgreSQL: command lines recorded before passwords were taken out of them lose
 * their passwords; everything else in them stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_ADMIN } from '../pg-helpers.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { PG_MIGRATIONS } from '../../src/store/pg/migrations.js';
import { connectPostgres, migratePostgres } from '../../src/store/pg/open.js';
import { argWithoutPassword, withoutPassword } from '../../src/store/pg/url.js';

describe.skipIf(!PG_ADMIN)('recorded command lines on PostgreSQL', () => {
  it('migrating a schema-11 database takes the passwords out of them, as argWithoutPassword does', () => {
    const db = connectPostgres(withoutPassword(freshPgDatabase()));
    try {
      for (const m of PG_MIGRATIONS.filter((m) => m.version <= 11)) db.execNative(m.sql);
      db.execNative(`INSERT INTO thuky_meta (application_id, user_version) VALUES (${0x54484b59}, 11)`);
      const lines = [
        ['task', 'done', '12', '--db', 'postgresql://thuky:Bi-mat%40123@may-chu:5432/thuky'],
        ['sync', 'setup', '--city', 'postgres://thu_ky:p4ss@10.0.0.1/city', '--ward-db=POSTGRESQL://phuong:x@10.0.0.2/sg', '--ward', 'Phường Sài Gòn'],
        ['task', 'add', 'Rà soát', '--db', 'postgresql://thuky@may-chu/thuky', '--note', 'giờ họp 14:30@phòng 2'],
      ];
      for (const [i, args] of lines.entries())
        db.query(`INSERT INTO command_run (at, os_user, command, args) VALUES ($1, 'thuky', $2, $3)`, [`2026-11-0${i + 1}T08:00:00Z`, args.slice(0, 2).join(' '), JSON.stringify(args)]);
      expect(migratePostgres(db)).toEqual({ from: 11, to: SCHEMA_VERSION });
      const stored = db.query('SELECT args FROM command_run ORDER BY id').rows.map((r) => JSON.parse(r[0] as string) as string[]);
      expect(stored).toEqual(lines.map((args) => args.map(argWithoutPassword)));
      expect(stored[0][4]).toBe('postgresql://thuky@may-chu:5432/thuky');
      expect(stored[1].slice(2, 4)).toEqual(['--city', 'postgres://thu_ky@10.0.0.1/city']);
      expect(stored[1][4]).toBe('--ward-db=POSTGRESQL://phuong@10.0.0.2/sg');
      expect(stored[2]).toEqual(lines[2]);
    } finally {
      db.close();
    }
  });
});
