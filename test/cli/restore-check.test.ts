/** thuky db restore and thuky db check. */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import type { Db } from '../../src/store/db.js';
import { defineNameKey } from '../../src/store/name-order.js';
import { describe, expect, it } from 'vitest';
import { engineDb, ON_POSTGRES, openTestDb, queryRows, run, sampleDbPath, tempDir } from '../helpers.js';

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const taskCount = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) FROM task').pluck().get() as number);
  } finally {
    db.close();
  }
};

describe('thuky db restore', () => {
  // The replaced file kept beside it: PostgreSQL restores into an empty database only (test/pg/engines.test.ts).
  it.skipIf(ON_POSTGRES)('backup, a mistake, --dry-run shows what the backup holds, -y puts it back and keeps the current file', async () => {
    const db = sampleDbPath();
    const backup = join(tempDir(), 'b.db');
    expect((await run(['db', 'backup', backup], { db })).code).toBe(0);
    expect((await run(['task', 'add', 'Nhầm năm', '--all-wards', '--within', '30d', '--start', '01/07/2017'], { db })).code).toBe(0);
    const dry = await run(['db', 'restore', backup, '--dry-run', '--json'], { db });
    expect(dry.code).toBe(0);
    const summary = JSON.parse(dry.stdout) as { schemaVersion: number; counts: Record<string, number>; lastChange: { command: string } };
    expect(summary.counts.task).toBe(83);
    expect(summary.counts.unit).toBe(16);
    expect(summary.lastChange.command).toBe('test');
    expect(taskCount(db)).toBe(93);
    // In a pipe without -y: refused, nothing changed.
    const before = hash(db);
    const refused = await run(['db', 'restore', backup], { db });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('-y');
    expect(hash(db)).toBe(before);
    const r = await run(['db', 'restore', backup, '-y'], { db, now: new Date('2026-12-01T08:00:00Z') });
    expect(r.code, r.stderr).toBe(0);
    expect(taskCount(db)).toBe(83);
    const kept = `${db}.before-restore-20261201-080000`;
    expect(existsSync(kept)).toBe(true);
    expect(taskCount(kept)).toBe(93);
    expect(existsSync(backup)).toBe(true);
  });

  it('refuses a file that is not a thuky database, one of a newer schema, and a damaged one: exit 2, both files untouched', async () => {
    const db = sampleDbPath();
    // On PostgreSQL, its database is made from the file now, not beside the first refusal.
    engineDb(db);
    const dir = tempDir();
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'không phải cơ sở dữ liệu\n');
    const other = join(dir, 'other.db');
    const o = new Database(other);
    o.exec('CREATE TABLE x (a)');
    o.close();
    const newer = join(dir, 'newer.db');
    copyFileSync(db, newer);
    const n = new Database(newer);
    n.pragma('journal_mode = DELETE');
    n.pragma('user_version = 99');
    n.close();
    const cases: [string, string][] = [
      [text, 'không phải cơ sở dữ liệu thuky'],
      [other, 'không phải cơ sở dữ liệu thuky'],
      [newer, 'lược đồ 99'],
      [join(dir, 'missing.db'), 'không có tệp này'],
    ];
    for (const [file, message] of cases) {
      const filesBefore = readdirSync(dirname(db)).sort();
      const dbHash = hash(db);
      const fileHash = existsSync(file) ? hash(file) : null;
      for (const args of [['--dry-run'], ['-y']]) {
        const r = await run(['db', 'restore', file, ...args], { db });
        expect(r.code, file).toBe(2);
        expect(r.stderr).toContain(message);
      }
      expect(hash(db)).toBe(dbHash);
      if (fileHash) expect(hash(file)).toBe(fileHash);
      expect(readdirSync(dirname(db)).sort()).toEqual(filesBefore);
    }
  });
});

describe('thuky db check', () => {
  it('passes on the sample (exit 0) and lists what is wrong (exit 1)', async () => {
    const db = sampleDbPath();
    const good = await run(['db', 'check', '--json'], { db });
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, integrity: 'ok', schemaVersion: SCHEMA_VERSION, problems: [] });
    const raw = openTestDb(db, { raw: true });
    // Another tool writing a person's columns on SQLite needs the function of the index of names, person_name_order.
    if (!ON_POSTGRES) defineNameKey(raw as unknown as Db);
    raw.exec(`
      UPDATE task SET done_on = '2017-02-31' WHERE id = 1;
      UPDATE person SET name_folded = 'sai' WHERE id = 3;
      UPDATE task SET due_on = NULL WHERE id = 2;
      UPDATE task SET extensions = 2 WHERE id = 3;
      INSERT INTO task_group (title, created_at) VALUES ('rỗng', '2026-01-01');`);
    // A row pointing nowhere can be written into SQLite only: PostgreSQL enforces every foreign key.
    if (!ON_POSTGRES)
      raw.exec(`
      PRAGMA foreign_keys = OFF;
      INSERT INTO activity (unit_id, held_on, kind, title, created_at) VALUES (999, '2017-01-01', 'khac', 'x', '2026-01-01');`);
    raw.close();
    const bad = await run(['db', 'check', '--json'], { db });
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { ok: boolean; problems: { kind: string; table: string; id: string; key: string }[] };
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => `${p.kind} ${p.table} ${p.key}`).sort()).toEqual(
      [
        ...(ON_POSTGRES ? [] : ['foreignKey activity check.p.foreignKey']),
        'orphan task_group check.p.emptyGroup',
        'validation task check.p.badDate',
        'validation task check.p.closedBeforeStart',
        'validation person check.p.folded',
        'validation task check.p.lostDue',
        'validation task check.p.extensions',
      ].sort(),
    );
    const text = await run(['db', 'check'], { db });
    expect(text.code).toBe(1);
    if (!ON_POSTGRES) expect(text.stdout).toContain('unit_id = 999');
    expect(text.stderr).toContain(ON_POSTGRES ? 'Có 6 vấn đề' : 'Có 7 vấn đề');
  });
});

// The counts kept by triggers exist on SQLite only (migration 13; PostgreSQL joins the rows).
describe.skipIf(ON_POSTGRES)('thuky db check: the counts the compliance report reads', () => {
  it('finds a count that differs from its recount, names unit and year, and --repair recounts it (exit 0 after)', async () => {
    const db = sampleDbPath();
    const before = await run(['report', 'compliance', '--year', '2017', '--json'], { db });
    expect(before.code, before.stderr).toBe(0);
    const raw = new Database(db);
    const row = raw.prepare('SELECT unit_id AS unitId, year, submitted_on AS on_, n FROM plan_tally WHERE year = 2017 ORDER BY unit_id LIMIT 1').get() as { unitId: number; year: number; on_: string; n: number };
    expect(row).toBeDefined();
    // Another tool that drops the triggers (or a damaged file) leaves the count behind its rows.
    raw.prepare('UPDATE plan_tally SET n = n + 5 WHERE unit_id = ? AND year = ? AND submitted_on = ?').run(row.unitId, row.year, row.on_);
    raw.close();
    const drifted = await run(['report', 'compliance', '--year', '2017', '--json'], { db });
    expect(drifted.code, drifted.stderr).toBe(0);
    const plansOf = (out: string) => (JSON.parse(out) as { units: { unitId: number; criteria: { plans: { submitted: number } } }[] }).units.find((u) => u.unitId === row.unitId)?.criteria.plans.submitted;
    expect(plansOf(drifted.stdout)).toBe(plansOf(before.stdout)! + 5);

    const bad = await run(['db', 'check', '--json'], { db });
    expect(bad.code).toBe(1);
    const problems = (JSON.parse(bad.stdout) as { problems: { kind: string; table: string; message: string }[] }).problems;
    const unitName = queryRows<{ name: string }>(db, 'SELECT name FROM unit WHERE id = ?', row.unitId)[0].name;
    const [y, m, d] = row.on_.split('-');
    expect(problems).toEqual([
      {
        kind: 'derived',
        table: 'plan_tally',
        id: String(row.unitId),
        key: 'check.p.planTally',
        message: `${unitName}: số kế hoạch năm 2017 nộp ngày ${d}/${m}/${y} trong bảng đếm là ${row.n + 5}, đếm lại từ các bản ghi được ${row.n} (bảng đánh giá thực hiện sẽ sai): chạy thuky db check --repair`,
      },
    ]);
    const en = await run(['db', 'check', '--lang', 'en'], { db });
    expect(en.code).toBe(1);
    expect(en.stdout).toContain(`the count of 2017 plans handed in on ${d}/${m}/${y} is ${row.n + 5}, a recount of the records gives ${row.n}`);

    const runs = async () => (JSON.parse((await run(['undo', '--list', '--json'], { db })).stdout) as unknown[]).length;
    const runsBefore = await runs();
    const repaired = await run(['db', 'check', '--repair'], { db });
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stderr).toContain('Đã đếm lại các bảng đếm từ các bản ghi (1 dòng lệch).');
    expect(repaired.stderr).toContain('Không có vấn đề.');
    expect((await run(['db', 'check'], { db })).code).toBe(0);
    const after = await run(['report', 'compliance', '--year', '2017', '--json'], { db });
    expect(after.stdout).toBe(before.stdout);
    // Nothing to undo: the counts are not data of their own.
    expect(await runs()).toBe(runsBefore);
  });
});
