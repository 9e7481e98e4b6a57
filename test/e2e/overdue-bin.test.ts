// The built binary as cron runs it: plain text, exit codes, a read-only database. `npm test` builds first.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runBin, sampleDbPath, tempDir } from '../helpers.js';

const hasSetpriv = existsSync('/usr/bin/setpriv');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('bin/thuky.js overdue and tasks', () => {
  it('runs the issue\'s session on a fresh sample database', () => {
    const db = join(tempDir(), 't.db');
    expect(runBin(['init', '--sample', 'quan1-2017', '--db', db]).code).toBe(0);

    const text = runBin(['overdue', '--as-of', '31/12/2017', '--db', db, '--format', 'text']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Phường Cầu Kho (3)');
    expect(text.stdout).toContain('Phường Nguyễn Cư Trinh (2)');
    expect(text.stdout).not.toMatch(/\x1b\[|┌/);

    const json = runBin(['overdue', '--as-of', '31/12/2017', '--db', db, '--json']);
    expect(JSON.parse(json.stdout).overdue).toHaveLength(5);

    const quiet = runBin(['overdue', '--as-of', '01/01/2017', '--quiet-when-empty', '--db', db]);
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });

    expect(runBin(['overdue', '--as-of', '31/12/2017', '--fail-on-overdue', '--db', db]).code).toBe(3);

    const check = runBin(['breakthrough', 'check', '--year', '2017', '--db', db]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Phường Đa Kao');
    expect(check.stdout).toContain('chung chung');

    const add = runBin(['task', 'add', 'Nộp báo cáo sơ kết', '--all-wards', '--within', '30d', '--start', '01/07/2017', '--db', db, '--json']);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toHaveLength(10);

    const report = runBin(['report', 'tasks', '--period', '2017', '--as-of', '31/12/2017', '--db', db, '--format', 'text']);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('(1) Tỷ lệ đúng hạn: ');

    const bad = runBin(['task', 'add', 'X', '--unit', 'BN', '--within', 'banana', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('banana');
  });

  it('reads a WAL database in a folder and file it cannot write (as another user)', () => {
    const dir = tempDir();
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    const db = join(ro, 'thuky.db');
    copyFileSync(sampleDbPath(), db);
    const before = readFileSync(db);
    chmodSync(db, 0o444);
    chmodSync(ro, 0o555);
    chmodSync(dir, 0o755);
    try {
      const args = [BIN, 'overdue', '--as-of', '31/12/2017', '--format', 'text', '--db', db];
      // root ignores file modes: the check is made as "nobody" when possible.
      const r =
        isRoot && hasSetpriv
          ? spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], { encoding: 'utf8' })
          : spawnSync(process.execPath, args, { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Tổng cộng: 5 nhiệm vụ quá hạn ở 2 đơn vị');
      expect(readFileSync(db).equals(before)).toBe(true);
      expect(existsSync(`${db}-shm`)).toBe(false);
      if (isRoot && hasSetpriv) {
        const write = spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'task', 'done', '1', '--db', db], { encoding: 'utf8' });
        expect(write.status).toBe(1);
      }
    } finally {
      chmodSync(ro, 0o755);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
