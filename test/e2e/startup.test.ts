// What a run of the built binary loads, and how it ends when its reader goes away. Facts only
// (modules loaded, exit codes, bytes): the figures of speed belong to bench/results.md.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/gen.js';
import { SCALES } from '../../bench/scales.js';
import { BIN, sampleDbPath, tempDir } from '../helpers.js';

/** Runs the binary in a pipe with a preload that records, at exit, every module the run loaded. */
function modulesLoaded(args: string[]): { code: number | null; stdout: string; builtins: string[]; files: string[] } {
  const dir = tempDir();
  const report = join(dir, 'modules.json');
  const preload = join(dir, 'preload.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({
      builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)),
      files: Object.keys(require.cache),
    })));`,
  );
  const r = spawnSync(process.execPath, ['--require', preload, BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const loaded = JSON.parse(readFileSync(report, 'utf8')) as { builtins: string[]; files: string[] };
  return { code: r.status, stdout: r.stdout, ...loaded };
}

describe('start-up of the built binary', () => {
  it('--help in a pipe loads neither Node streams nor the terminal module', () => {
    const r = modulesLoaded(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cách dùng: thuky');
    expect(r.builtins).not.toContain('stream');
    expect(r.builtins).not.toContain('tty');
    expect(r.builtins).not.toContain('net');
    // Control: the preload does see what a run loads.
    expect(r.builtins).toContain('vm');
  });

  it('a report opens SQLite through the native file the build named, without the `bindings` search', () => {
    const r = modulesLoaded(['overdue', '--json', '--as-of', '31/12/2017', '--db', sampleDbPath()]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).overdue).toHaveLength(5);
    expect(r.files.some((f) => f.endsWith('better_sqlite3.node'))).toBe(true);
    expect(r.files.filter((f) => /[\\/]node_modules[\\/](bindings|better-sqlite3[\\/]lib)[\\/]/.test(f))).toEqual([]);
  });
});

describe('a reader that stops early', () => {
  let db: string;
  beforeAll(() => {
    db = join(tempDir(), 'many.db');
    generate({ scale: { ...SCALES.tiny, tasksPerYear: 2_000 }, out: db, seed: 3, year: 2025 });
  });

  it('ends the run quietly with exit 0, even with far more output than a pipe holds', () => {
    const args = ['task', 'list', '--json', '--db', db];
    // Control: the whole output is far larger than a pipe's buffer (64 KiB), so the reader really goes away mid-way.
    const whole = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(whole.status).toBe(0);
    expect(whole.stdout.length).toBeGreaterThan(512 * 1024);

    const line = `node ${JSON.stringify(BIN)} ${args.map((a) => JSON.stringify(a)).join(' ')} | head -c 100 > /dev/null; echo "rc=\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', line], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('rc=0');
    expect(r.stderr).toBe('');
  });
});
