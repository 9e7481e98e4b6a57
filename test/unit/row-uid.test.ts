/**
 * Migration 9: every record carries a UUIDv7 uid, given on insert (recorded or not), to every row
 * of an older database by the migration, and kept by undo and by undoing the undo.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryDatabase, migrate, openDatabase, type Db } from '../../src/store/db.js';
import { startRecording } from '../../src/store/changelog.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { defineNameKey } from '../../src/store/name-order.js';
import { UID_TABLES } from '../../src/store/migrations/009-row-uid.js';
import { loadSample } from '../../src/store/sample/index.js';
import { run, tempDbPath } from '../helpers.js';

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const AUDIT = { at: '2026-11-27T00:00:00.000Z', user: 'tester', command: 'test' };
const ENV = { THUKY_TODAY: '31/12/2017' };

/** Every table's uids, by id; fails on a row without one. */
function uidsOf(db: Db | Database.Database): Record<string, Record<number, string>> {
  const out: Record<string, Record<number, string>> = {};
  for (const t of UID_TABLES) {
    const rows = db.prepare(`SELECT id, uid FROM ${t} ORDER BY id`).all() as { id: number; uid: string | null }[];
    for (const r of rows) expect(r.uid, `${t} ${r.id}`).toMatch(UUIDV7);
    out[t] = Object.fromEntries(rows.map((r) => [r.id, r.uid as string]));
  }
  return out;
}

function allUnique(uids: Record<string, Record<number, string>>): void {
  const all = Object.values(uids).flatMap((m) => Object.values(m));
  expect(new Set(all).size).toBe(all.length);
}

describe('row uids', () => {
  it('init --sample gives every row of every record table a distinct UUIDv7, kept in the undo record', async () => {
    const db = tempDbPath();
    expect((await run(['init', '--sample', 'quan1-2017'], { db, env: ENV })).code).toBe(0);
    const h = openDatabase(db, { readonly: true });
    const uids = uidsOf(h);
    for (const t of UID_TABLES.filter((t) => t !== 'task_group' && t !== 'membership_history')) expect(Object.keys(uids[t]).length, t).toBeGreaterThan(0);
    allUnique(uids);
    // The recorded insert carries the uid the row got, so that undoing the undo brings it back.
    const kept = h.prepare(`SELECT tbl, json_extract(pk, '$.id') AS id, json_extract(after, '$.uid') AS uid FROM row_change WHERE op = 'insert' AND tbl = 'task'`).all() as { id: number; uid: string }[];
    expect(kept.length).toBe(Object.keys(uids.task).length);
    for (const k of kept) expect(k.uid).toBe(uids.task[k.id]);
    h.close();

    expect((await run(['undo', '-y'], { db, env: ENV })).code).toBe(0);
    const empty = openDatabase(db, { readonly: true });
    expect(empty.prepare('SELECT count(*) FROM task').pluck().get()).toBe(0);
    empty.close();
    expect((await run(['undo', '-y'], { db, env: ENV })).code).toBe(0);
    const back = openDatabase(db, { readonly: true });
    expect(uidsOf(back)).toEqual(uids);
    back.close();
  });

  it('a change of a row keeps its uid, and undo and its undoing give back each state\'s uids', async () => {
    const db = tempDbPath();
    expect((await run(['init', '--sample', 'quan1-2017'], { db, env: ENV })).code).toBe(0);
    const read = () => {
      const h = openDatabase(db, { readonly: true });
      try {
        return uidsOf(h);
      } finally {
        h.close();
      }
    };
    const before = read();
    expect((await run(['person', 'edit', 'huynh thanh hai', '--position', 'Bí thư Quận ủy'], { db, env: ENV })).code).toBe(0);
    // The position change is kept in a new history row, with a uid of its own.
    const after = read();
    expect(after).toEqual({ ...before, membership_history: after.membership_history });
    expect(Object.keys(after.membership_history).length).toBe(Object.keys(before.membership_history).length + 1);
    allUnique(after);
    expect((await run(['undo', '-y'], { db, env: ENV })).code).toBe(0);
    expect(read()).toEqual(before);
    expect((await run(['undo', '-y'], { db, env: ENV })).code).toBe(0);
    expect(read()).toEqual(after);
  });

  it('rows inserted later get later uids; an insert that gives a uid keeps it', async () => {
    const db = new Database(':memory:');
    defineNameKey(db as unknown as Db); // the index person_name_order calls it
    for (const m of MIGRATIONS) db.exec(m.sql);
    const add = (name: string, uid: string | null = null) =>
      db.prepare(`INSERT INTO task_group (title, created_at, uid) VALUES (?, '2026-01-01', ?)`).run(name, uid).lastInsertRowid;
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push(add(`g${i}`));
      await new Promise((r) => setTimeout(r, 3));
    }
    const uids = ids.map((id) => db.prepare('SELECT uid FROM task_group WHERE id = ?').pluck().get(id) as string);
    for (const u of uids) expect(u).toMatch(UUIDV7);
    expect([...uids].sort()).toEqual(uids);
    expect(uids[0].slice(0, 13)).not.toBe(uids[2].slice(0, 13));
    const given = '01890a5d-ac96-774b-bcce-b302099a8057';
    const id = add('given', given);
    expect(db.prepare('SELECT uid FROM task_group WHERE id = ?').pluck().get(id)).toBe(given);
    expect(() => add('again', given)).toThrow(/UNIQUE/);
    db.close();
  });

  it('a recorded insert is kept once, with its uid, and leaves the row at version 1', () => {
    const db = memoryDatabase();
    startRecording(db, AUDIT);
    const id = db.prepare(`INSERT INTO unit (name, name_folded, kind, created_at) VALUES ('Phường Thử', 'phuong thu', 'ward', '2026-01-01')`).run().lastInsertRowid;
    const row = db.prepare('SELECT uid, version FROM unit WHERE id = ?').get(id) as { uid: string; version: number };
    expect(row.uid).toMatch(UUIDV7);
    expect(row.version).toBe(1);
    const kept = db.prepare('SELECT op, after FROM row_change').all() as { op: string; after: string }[];
    expect(kept.map((k) => k.op)).toEqual(['insert']);
    expect(JSON.parse(kept[0].after)).toMatchObject({ uid: row.uid, version: 1 });
    db.close();
  });

  it('migrating a schema-8 database gives every row already there its own uid', () => {
    // The sample, written by today's code, copied into a database at schema 8 (its columns only).
    const dir = mkdtempSync(join(tmpdir(), 'uid-'));
    const source = openDatabase(join(dir, 'sample.db'));
    loadSample(source, AUDIT, 'quan1-2017');
    source.close();
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version <= 8)) db.exec(m.sql);
    db.pragma('user_version = 8');
    db.pragma('foreign_keys = OFF');
    db.exec(`ATTACH '${join(dir, 'sample.db')}' AS src`);
    const tables = db.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    for (const t of tables) {
      const cols = (db.pragma(`main.table_info(${t})`) as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
      db.exec(`INSERT INTO main."${t}" (${cols}) SELECT ${cols} FROM src."${t}"`);
    }
    db.exec('DETACH src');
    db.pragma('foreign_keys = ON');
    expect(db.prepare('SELECT count(*) FROM task').pluck().get()).toBeGreaterThan(80);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(migrate(db as unknown as Db)).toEqual({ from: 8, to: SCHEMA_VERSION });
    allUnique(uidsOf(db));
    db.close();
  });
});
