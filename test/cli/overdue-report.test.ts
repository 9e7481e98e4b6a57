// thuky overdue: grouped by unit, every format, cron flags, read-only opening.
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PgDatabase } from '../../src/store/pg/database.js';
import { ON_POSTGRES, openTestDb, run, runJson, sampleDbPath } from '../helpers.js';

interface Item {
  section: string;
  id: number;
  unitName: string;
  title: string;
  dueOn: string;
  days: number;
  daysOverdue: number | null;
  daysLeft: number | null;
  extensions: number;
  source: string;
}
interface Report {
  asOf: string;
  dueWithin: number | null;
  overdue: Item[];
  dueSoon: Item[];
  counts: { overdue: number; overdueUnits: number; dueSoon: number; dueSoonUnits: number };
}

describe('thuky overdue on the sample', () => {
  it('lists, as of 31/12/2017, only Cầu Kho and Nguyễn Cư Trinh, most overdue first, with ISO dates in JSON', async () => {
    const db = sampleDbPath();
    const r = await runJson<Report>(['overdue', '--as-of', '31/12/2017'], { db });
    expect(r.asOf).toBe('2017-12-31');
    expect(r.counts).toMatchObject({ overdue: 5, overdueUnits: 2 });
    expect(r.overdue.map((i) => i.unitName)).toEqual(['Phường Cầu Kho', 'Phường Cầu Kho', 'Phường Cầu Kho', 'Phường Nguyễn Cư Trinh', 'Phường Nguyễn Cư Trinh']);
    const ck = r.overdue.slice(0, 3).map((i) => i.daysOverdue!);
    expect([...ck].sort((a, b) => b - a)).toEqual(ck);
    expect(r.overdue.every((i) => /^\d{4}-\d{2}-\d{2}$/.test(i.dueOn))).toBe(true);
    const extended = r.overdue.find((i) => i.extensions > 0)!;
    expect(extended).toMatchObject({ unitName: 'Phường Nguyễn Cư Trinh', dueOn: '2017-10-31', daysOverdue: 61, extensions: 1 });
    expect(extended.source).toContain('kết luận 2');
    expect(r.dueSoon).toEqual([]);
  });

  it('prints plain text for mail: grouped by ward, no colour, no box drawing, identical on a terminal and in a pipe', async () => {
    const db = sampleDbPath();
    const pipe = await run(['overdue', '--as-of', '31/12/2017', '--format', 'text'], { db });
    const tty = await run(['overdue', '--as-of', '31/12/2017', '--format', 'text'], { db, tty: true, env: { FORCE_COLOR: '1' } });
    expect(pipe.code).toBe(0);
    expect(tty.stdout).toBe(pipe.stdout);
    expect(pipe.stdout).not.toMatch(/\x1b\[|[┌│─]/);
    expect(pipe.stdout).toContain('Phường Cầu Kho (3)');
    expect(pipe.stdout).toContain('Phường Nguyễn Cư Trinh (2)');
    expect(pipe.stdout.indexOf('Cầu Kho')).toBeLessThan(pipe.stdout.indexOf('Nguyễn Cư Trinh'));
    expect(pipe.stdout).toContain('đã gia hạn 1 lần (hạn ban đầu 30/09/2017)');
    expect(pipe.stdout.trim().split('\n').pop()).toBe('Tổng cộng: 5 nhiệm vụ quá hạn ở 2 đơn vị, tính đến ngày 31/12/2017.');
    // Without --format, a pipe (cron) gets the same text.
    const plain = await run(['overdue', '--as-of', '31/12/2017'], { db });
    expect(plain.stdout).toBe(pipe.stdout);
    // The JSON lists the same items.
    const json = await runJson<Report>(['overdue', '--as-of', '31/12/2017'], { db });
    for (const i of json.overdue) expect(pipe.stdout).toContain(`#${i.id} ${i.title}`);
  });

  it('is a coloured table on a terminal', async () => {
    const db = sampleDbPath();
    const out = await run(['overdue', '--as-of', '31/12/2017'], { db, tty: true });
    expect(out.stdout).toContain('┌');
    expect(out.stdout).toContain('\x1b[');
    expect(out.stdout).toContain('Tổng cộng: 5 nhiệm vụ quá hạn');
  });

  it('prints nothing with --quiet-when-empty when nothing is overdue, and exits 0', async () => {
    const db = sampleDbPath();
    for (const format of ['text', 'json', 'csv', 'table']) {
      const out = await run(['overdue', '--as-of', '01/01/2017', '--quiet-when-empty', '--format', format], { db });
      expect(out).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    const fail = await run(['overdue', '--as-of', '01/01/2017', '--quiet-when-empty', '--fail-on-overdue'], { db });
    expect(fail.code).toBe(0);
    const empty = await run(['overdue', '--as-of', '01/01/2017', '--format', 'text'], { db });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('Không có nhiệm vụ quá hạn.');
  });

  it('exits 3 with --fail-on-overdue when something is overdue, after printing it', async () => {
    const db = sampleDbPath();
    const out = await run(['overdue', '--as-of', '31/12/2017', '--fail-on-overdue', '--format', 'text'], { db });
    expect(out.code).toBe(3);
    expect(out.stdout).toContain('Phường Cầu Kho');
    const quiet = await run(['overdue', '--as-of', '31/12/2017', '--fail-on-overdue', '--quiet-when-empty', '--json'], { db });
    expect(quiet.code).toBe(3);
  });

  it('adds a due-soon section with --due-within', async () => {
    const db = sampleDbPath();
    const r = await runJson<Report>(['overdue', '--as-of', '31/12/2017', '--due-within', '7'], { db });
    expect(r.dueWithin).toBe(7);
    expect(r.dueSoon).toHaveLength(10);
    expect(r.dueSoon.every((i) => i.dueOn >= '2017-12-31' && i.dueOn <= '2018-01-07' && i.daysLeft! >= 0)).toBe(true);
    // Due on the as-of day itself is due soon, not overdue.
    expect(r.dueSoon.some((i) => i.dueOn === '2017-12-31')).toBe(true);
    expect(r.overdue.some((i) => i.dueOn === '2017-12-31')).toBe(false);
    const week = await runJson<Report>(['overdue', '--as-of', '31/12/2017', '--due-within', '1w'], { db });
    expect(week.dueWithin).toBe(7);
    expect(week.dueSoon).toEqual(r.dueSoon);
    const text = await run(['overdue', '--as-of', '31/12/2017', '--due-within', '7', '--format', 'text'], { db });
    expect(text.stdout).toContain('SẮP ĐẾN HẠN (trong 7 ngày tới)');
    expect(text.stdout).toContain('nhiệm vụ sắp đến hạn trong 7 ngày tới');
  });

  it('filters by unit and kind', async () => {
    const db = sampleDbPath();
    const r = await runJson<Report>(['overdue', '--as-of', '31/12/2017', '--unit', 'nguyen cu trinh'], { db });
    expect(r.overdue.map((i) => i.unitName)).toEqual(['Phường Nguyễn Cư Trinh', 'Phường Nguyễn Cư Trinh']);
    // Several units after one flag, or the flag repeated.
    const two = await runJson<Report>(['overdue', '--as-of', '31/12/2017', '--unit', 'CK', 'NCT', '--unit', 'BN'], { db });
    expect(two.counts).toMatchObject({ overdue: 5, overdueUnits: 2 });
    const one = await runJson<Report>(['overdue', '--as-of', '31/12/2017', '--unit', 'BN', 'BT'], { db });
    expect(one.overdue).toEqual([]);
    const bt = await runJson<Report>(['overdue', '--as-of', '31/12/2017', '--kind', 'breakthrough'], { db });
    expect(bt.overdue).toEqual([]);
    const bad = await run(['overdue', '--kind', 'meeting'], { db });
    expect(bad.code).toBe(2);
    expect((await run(['overdue', '--due-within', 'x'], { db })).code).toBe(2);
    expect((await run(['overdue', '--as-of', '31/02/2017'], { db })).code).toBe(2);
  });

  it('writes CSV for Excel (BOM, CRLF, the title, one row per task, the summary) and Markdown', async () => {
    const db = sampleDbPath();
    const csv = await run(['overdue', '--as-of', '31/12/2017', '--format', 'csv'], { db });
    expect(csv.stdout.startsWith('\uFEFF')).toBe(true);
    const lines = csv.stdout.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe('"NHIỆM VỤ QUÁ HẠN, tính đến ngày 31/12/2017"');
    expect(lines[1]).toBe('Đơn vị,Mã số,Nội dung,Thời hạn,Số ngày quá hạn,Gia hạn,Nguồn giao');
    expect(lines.slice(2, 7).every((l) => l.startsWith('Phường '))).toBe(true);
    expect(lines[7]).toBe('');
    expect(lines[8]).toMatch(/^"?Tổng cộng: 5/);
    const md = await run(['overdue', '--as-of', '31/12/2017', '--format', 'md'], { db });
    expect(md.stdout).toContain('| Đơn vị | Mã số |');
    expect(md.stdout).toContain('Tổng cộng: 5');
  });

  it('opens the database read-only: the file is unchanged, and a writer holding a lock does not block it', async () => {
    const db = sampleDbPath();
    const before = readFileSync(db);
    const mtime = statSync(db).mtimeMs;
    expect((await run(['overdue', '--as-of', '31/12/2017', '--json'], { db })).code).toBe(0);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(statSync(db).mtimeMs).toBe(mtime);

    // Someone is recording a meeting: a write transaction is open (on PostgreSQL holding the lock that
    // every writer takes first, see store/pg/database.ts).
    const writer = openTestDb(db, { raw: true });
    if (ON_POSTGRES) {
      (writer as unknown as PgDatabase).execNative('BEGIN');
      (writer as unknown as PgDatabase).query('SELECT pg_advisory_xact_lock($1)', [0x54484b59]);
    } else {
      writer.pragma('journal_mode = WAL');
      writer.exec('BEGIN IMMEDIATE');
    }
    writer.exec(`UPDATE task SET note = 'đang ghi' WHERE id = 1`);
    try {
      const out = await run(['overdue', '--as-of', '31/12/2017', '--fail-on-overdue', '--json'], { db });
      expect(out.code).toBe(3);
      expect((JSON.parse(out.stdout) as Report).counts.overdue).toBe(5);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  // The file's mode: a PostgreSQL database has no file.
  it.skipIf(ON_POSTGRES)('works on a read-only file', async () => {
    const db = sampleDbPath();
    chmodSync(db, 0o444);
    const out = await run(['overdue', '--as-of', '31/12/2017', '--json'], { db });
    expect(out.code).toBe(0);
    expect((JSON.parse(out.stdout) as Report).counts.overdue).toBe(5);
    // A write on the same file is refused (exit 1) when the OS enforces the mode (not for root).
    chmodSync(db, 0o600);
  });

  it('reports a missing database as exit 1 without creating it', async () => {
    const out = await run(['overdue', '--db', '/tmp/thuky-no-such-dir/x.db']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('chưa có cơ sở dữ liệu');
  });
});
