// The pager for real: the built binary in a pseudo-terminal of 10 rows, with THUKY_PAGER set to a
// small script that marks what it is given.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findProgram } from '../../src/cli/context.js';
import { BIN, sampleDbPath, tempDir } from '../helpers.js';
import { spawnBin } from '../pty.js';

/**
 * Runs the binary in a terminal and returns everything it showed, once it has exited. Through the
 * shared harness (test/pty.ts): its exit line comes after every byte the program and the pager
 * wrote, so a busy machine cannot lose the end of the output.
 */
async function runInTerminal(args: string[], env: Record<string, string>, rows = 10, cols = 100): Promise<{ screen: string; code: number }> {
  const term = spawnBin(args, { rows, cols, env });
  const code = await term.exited;
  return { screen: term.raw().replace(/\r/g, '').replace(/<<thuky-exit:\d+>>\n?/, ''), code };
}

let db: string;
let marker: string;
beforeAll(() => {
  db = sampleDbPath();
  marker = join(tempDir(), 'mark-pager.sh');
  // Marks the start and end of its input, and says whether its output is the terminal.
  writeFileSync(marker, '#!/bin/sh\necho "[pager $1 start]"\ncat\nif [ -t 1 ]; then echo "[pager end, on a terminal]"; else echo "[pager end]"; fi\n');
  chmodSync(marker, 0o755);
});

describe('a pager in a pseudo-terminal', () => {
  it('runs $THUKY_PAGER with the whole table when it is taller than the terminal', async () => {
    const r = await runInTerminal(['unit', 'list', '--db', db], { THUKY_PAGER: `${marker} one` });
    expect(r.code).toBe(0);
    const start = r.screen.indexOf('[pager one start]');
    const end = r.screen.indexOf('[pager end, on a terminal]');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    // Every unit of the sample went through the pager, the last ones included.
    const paged = r.screen.slice(start, end);
    for (const name of ['Phường Bến Nghé', 'Phường Tân Định', 'Quận ủy Quận 1']) expect(paged).toContain(name);
  });

  it('prints directly with --no-pager, with THUKY_PAGER empty, and when the program is missing', async () => {
    for (const [args, env] of [
      [['--no-pager'], { THUKY_PAGER: marker }],
      [[], { THUKY_PAGER: '' }],
      [[], { THUKY_PAGER: join(tempDir(), 'no-such-pager') }],
    ] as const) {
      const r = await runInTerminal(['unit', 'list', '--db', db, ...args], env);
      expect(r.code).toBe(0);
      expect(r.screen).not.toContain('[pager');
      expect(r.screen).toContain('Phường Bến Nghé');
    }
  });

  it('prints directly when the output fits the terminal', async () => {
    // The table is 35 lines of up to 492 columns: it fits a terminal of 60 × 500.
    const r = await runInTerminal(['unit', 'list', '--db', db], { THUKY_PAGER: marker }, 60, 500);
    expect(r.code).toBe(0);
    expect(r.screen).not.toContain('[pager');
    expect(r.screen).toContain('Phường Bến Nghé');
  });

  it('never pages into a pipe', () => {
    const r = spawnSync(process.execPath, [BIN, 'unit', 'list', '--db', db], { encoding: 'utf8', env: { ...process.env, THUKY_PAGER: marker } });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('[pager');
    expect(r.stdout).toContain('Phường Bến Nghé');
  });

  it('knows a missing program from a present one', () => {
    expect(findProgram('sh')).toBe(true);
    expect(findProgram(marker)).toBe(true);
    expect(findProgram('no-such-pager-anywhere')).toBe(false);
  });
});
