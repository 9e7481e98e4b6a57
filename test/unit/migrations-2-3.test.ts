// Migration 2 rebuilds the unit table on a database that already holds data: nothing lost, links kept.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';

describe('migration 2 (special zones, personal data columns)', () => {
  it('keeps every unit and every reference to one, and then accepts the special-zone kind', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec(MIGRATIONS[0].sql);
    db.pragma('user_version = 1');
    const at = '2026-01-01T00:00:00Z';
    db.prepare(`INSERT INTO unit (id, name, name_folded, code, kind, parent_id, created_at) VALUES (1, 'Quận ủy Quận 1', 'quan uy quan 1', 'Q1', 'committee', NULL, ?)`).run(at);
    db.prepare(`INSERT INTO unit (id, name, name_folded, code, kind, parent_id, valid_to, created_at) VALUES (2, 'Phường Bến Nghé', 'phuong ben nghe', 'BN', 'ward', 1, '2025-06-30', ?)`).run(at);
    db.prepare(`INSERT INTO unit (id, name, name_folded, code, kind, parent_id, valid_from, created_at) VALUES (3, 'Phường Sài Gòn', 'phuong sai gon', 'SG', 'ward', 1, '2025-07-01', ?)`).run(at);
    db.prepare('INSERT INTO unit_successor (unit_id, successor_id) VALUES (2, 3)').run();
    db.prepare(`INSERT INTO person (id, full_name, name_folded, unit_id, created_at) VALUES (1, 'Nguyễn Văn An', 'nguyen van an', 2, ?)`).run(at);
    db.prepare(`INSERT INTO task (id, unit_id, title, year, start_on, due_on, created_at) VALUES (1, 2, 'Báo cáo', 2017, '2017-06-17', '2017-07-31', ?)`).run(at);
    db.prepare(`INSERT INTO task_event (task_id, kind, on_date, created_at) VALUES (1, 'created', '2017-06-17', ?)`).run(at);
    const before = db.prepare('SELECT * FROM unit ORDER BY id').all();
    const taskBefore = db.prepare('SELECT * FROM task').get() as Record<string, unknown>;

    expect(migrate(db)).toEqual({ from: 1, to: SCHEMA_VERSION });
    // Migration 8 gives each unit and task a version (1), migration 9 a uid (test/unit/row-uid.test.ts).
    expect(db.prepare('SELECT * FROM unit ORDER BY id').all()).toEqual((before as object[]).map((u) => ({ ...u, version: 1, uid: expect.stringMatching(/^[0-9a-f-]{36}$/) })));
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare('SELECT unit_id AS u, successor_id AS s FROM unit_successor').all()).toEqual([{ u: 2, s: 3 }]);
    expect(db.prepare('SELECT unit_id AS u, birth_on AS b, party_card AS c, unit_since AS s FROM person').get()).toEqual({ u: 2, b: null, c: null, s: null });
    // Migration 3 rebuilt the task table: the row and its event are still there, linked.
    expect(db.prepare('SELECT * FROM task').get()).toEqual({ ...taskBefore, carried_from_id: null, version: 1, uid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(db.prepare('SELECT count(*) AS n FROM task_event WHERE task_id = 1').get()).toEqual({ n: 1 });
    // A due date before the start is refused, unless the task was carried over from another.
    const carry = (from: number | null) =>
      db.prepare(`INSERT INTO task (unit_id, title, year, start_on, due_on, created_at, carried_from_id) VALUES (3, 'Báo cáo', 2025, '2025-07-01', '2017-07-31', ?, ?)`).run(at, from);
    expect(() => carry(null)).toThrow(/CHECK/);
    expect(() => carry(1)).not.toThrow();

    db.prepare(`INSERT INTO unit (name, name_folded, kind, created_at) VALUES ('Đặc khu Côn Đảo', 'dac khu con dao', 'special-zone', ?)`).run(at);
    expect(() => db.prepare(`INSERT INTO unit (name, name_folded, kind, created_at) VALUES ('X', 'x', 'district', ?)`).run(at)).toThrow(/CHECK/);
    // The parent link still points at the unit table, not at the old copy.
    expect(() => db.prepare(`INSERT INTO unit (name, name_folded, kind, parent_id, created_at) VALUES ('Y', 'y', 'ward', 999, ?)`).run(at)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`INSERT INTO person (full_name, name_folded, unit_id, created_at) VALUES ('Z', 'z', 999, ?)`).run(at)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
