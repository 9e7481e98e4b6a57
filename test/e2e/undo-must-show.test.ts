/** The session, run with the built binary (`npm run build` first). */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, tempDbPath } from '../helpers.js';

describe('putting mistakes right, with the built binary', () => {
  it('undo, undo of the undo, edit and remove, a refused unit removal, backup and restore, check', () => {
    const db = tempDbPath();
    const env = { THUKY_DB: db, THUKY_TODAY: '31/12/2017' };
    const thuky = (...args: string[]) => runBin(args, { env });
    const tasks = () => (JSON.parse(thuky('task', 'list', '--json').stdout) as { title: string }[]).filter((t) => t.title === 'Nhầm năm').length;
    expect(thuky('init', '--sample', 'quan1-2017').code).toBe(0);
    expect(thuky('task', 'add', 'Nhầm năm', '--all-wards', '--within', '30d', '--start', '01/07/2017').code).toBe(0);
    expect(tasks()).toBe(10);
    const plain = thuky('undo');
    expect(plain.code).toBe(2); // no terminal here: the plan is shown, -y is needed
    expect(plain.stdout).toContain('xóa 10 dòng nhiệm vụ');
    expect(tasks()).toBe(10);
    expect(thuky('undo', '-y').code).toBe(0);
    expect(tasks()).toBe(0);
    expect(thuky('undo', '-y').code).toBe(0);
    expect(tasks()).toBe(10);
    expect(thuky('activity', 'edit', '3', '--kind', 'hoc-tap').code).toBe(0);
    expect(thuky('activity', 'remove', '3', '--reason', 'nhập trùng', '-y').code).toBe(0);
    const refused = thuky('unit', 'remove', 'ben nghe', '--reason', 'x');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/nhiệm vụ[\s\S]*hội nghị được mời[\s\S]*người thuộc đơn vị/);
    expect(thuky('activity', 'remove', '4').code).toBe(2);
    const backup = join(dirname(db), 'b.db');
    expect(thuky('db', 'backup', backup).code).toBe(0);
    expect(thuky('db', 'restore', backup, '--dry-run').code).toBe(0);
    expect(thuky('db', 'restore', backup, '-y').code).toBe(0);
    expect(readdirSync(dirname(db)).some((f) => f.startsWith('thuky.db.before-restore-'))).toBe(true);
    expect(existsSync(backup)).toBe(true);
    const check = thuky('db', 'check');
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});
