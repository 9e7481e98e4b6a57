// The built binary, as a user or cron runs it. `npm test` builds before testing.
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runBin, tempDbPath } from '../helpers.js';
import { join } from 'node:path';

describe('bin/thuky.js', () => {
  it('is built', () => {
    expect(existsSync(join(ROOT, 'dist', 'thuky.cjs'))).toBe(true);
    expect(existsSync(BIN)).toBe(true);
  });

  it('runs the README tour on a fresh database', () => {
    const db = tempDbPath();
    const init = runBin(['init', '--sample', 'quan1-2017', '--db', db]);
    expect(init.code).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o600);

    const wards = runBin(['unit', 'list', '--kind', 'ward', '--at', '17/06/2017', '--db', db, '--json']);
    expect(wards.code).toBe(0);
    expect(JSON.parse(wards.stdout)).toHaveLength(10);

    const show = runBin(['unit', 'show', 'ben nghe', '--db', db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Phường Bến Nghé');

    const ambiguous = runBin(['unit', 'show', 'phuong', '--db', db]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('Phường');

    const doc = runBin(['doc', 'show', '05-CT/TW', '--db', db, '--json']);
    expect(JSON.parse(doc.stdout)).toMatchObject({ category: 'directive', issuer: 'TW', issuedOn: '2016-05-15' });
  });

  it('prints help without a database and exits 0', () => {
    const r = runBin(['--help'], { env: { THUKY_DB: '/nonexistent/dir/x.db' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cách dùng: thuky');
    expect(existsSync('/nonexistent/dir/x.db')).toBe(false);
  });

  it('writes data to stdout and messages to stderr', () => {
    const db = tempDbPath();
    const r = runBin(['init', '--db', db]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(db);
  });
});

describe('pipes', () => {
  it('a reader that closes early is not an error', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('bash', ['-c', `node ${BIN} --help | head -1; echo "rc=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout).toContain('rc=0');
    expect(r.stderr).not.toContain('EPIPE');
  });
});
