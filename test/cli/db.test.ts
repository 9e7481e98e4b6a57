import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { ON_POSTGRES, openTestDb, run, runJson, sampleDbPath, tempDbPath } from '../helpers.js';

describe('db migrate and the change log', () => {
  it('migrates an empty file to the current schema in one step, and a second run changes nothing', async () => {
    const db = tempDbPath();
    new Database(db).close();
    expect((await run(['db', 'migrate'], { db })).code).toBe(0);
    const h = openTestDb(db, { readonly: true });
    expect(h.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // SQLite's journal: PostgreSQL has none to set.
    if (!ON_POSTGRES) expect(h.pragma('journal_mode', { simple: true })).toBe('wal');
    h.close();
    const again = await run(['db', 'migrate'], { db });
    expect(again.code).toBe(0);
  });

  // An empty file is a SQLite database of schema 0; an empty PostgreSQL database is no thuky database
  // yet, which a report sends to `thuky init` (core.test.ts, a report on a missing database).
  it.skipIf(ON_POSTGRES)('a report refuses a database that needs migrating, without changing it', async () => {
    const db = tempDbPath();
    new Database(db).close();
    const r = await run(['unit', 'list'], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('thuky db migrate');
    const h = new Database(db, { readonly: true });
    expect(h.pragma('user_version', { simple: true })).toBe(0);
    h.close();
  });

  it('log filters by entity and date and names the OS user and the command', async () => {
    const db = sampleDbPath();
    await run(['person', 'add', 'Trần Thị Bình', '--unit', 'BN'], { db, now: new Date('2026-12-01T02:00:00Z') });
    const all = await runJson<{ entity: string; user: string; command: string; action: string; at: string }[]>(['log', '--entity', 'person', '--since', '01/12/2026'], { db });
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ entity: 'person', user: 'tester', command: 'person add', action: 'create' });
    const none = await runJson<unknown[]>(['log', '--since', '01/01/2030'], { db });
    expect(none).toEqual([]);
    expect((await run(['log', '--since', '32/01/2026'], { db })).code).toBe(2);
  });
});

describe('db backup', () => {
  it('writes a consistent owner-only copy with every row, and refuses to overwrite', async () => {
    const { statSync } = await import('node:fs');
    const { join, dirname } = await import('node:path');
    const db = sampleDbPath();
    const target = join(dirname(db), 'copy.db');
    const r = await run(['db', 'backup', target], { db });
    expect(r.code).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const a = await runJson<{ counts: Record<string, number> }>(['db', 'info'], { db });
    const b = await runJson<{ counts: Record<string, number> }>(['db', 'info'], { db: target });
    expect(b.counts).toEqual(a.counts);
    expect(b.counts.unit).toBe(16);
    const again = await run(['db', 'backup', target], { db });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('đã có');
  });
});
