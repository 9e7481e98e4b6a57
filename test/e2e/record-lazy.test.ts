/** The prompts library is loaded only by the interactive session, never by the other commands. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sampleDbPath, tempDir } from '../helpers.js';

/** A copy of the built CLI whose node_modules has every package except @inquirer/*. */
function installWithoutInquirer(): string {
  const dir = tempDir();
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  symlinkSync(join(ROOT, 'data'), join(dir, 'data'));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === '@inquirer' || name.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

describe('start-up of the built binary', () => {
  it('listings and a refused `meeting record` work without the prompts package installed', () => {
    const dir = installWithoutInquirer();
    const db = sampleDbPath();
    const run = (args: string[]) => spawnSync(process.execPath, [join(dir, 'bin', 'thuky.js'), ...args, '--db', db], { encoding: 'utf8', input: '' });
    for (const args of [['meeting', 'list'], ['meeting', 'drafts'], ['unit', 'list'], ['overdue', '--as-of', '31/12/2017']]) {
      const out = run(args);
      expect(out.stderr, args.join(' ')).not.toMatch(/inquirer/i);
      expect(out.status, args.join(' ')).toBe(0);
    }
    expect(run(['meeting', 'record']).status).toBe(2);
    // Control: in that copy the package really cannot be loaded.
    const control = spawnSync(process.execPath, ['-e', "import('@inquirer/prompts').then(() => process.exit(0), () => process.exit(9))"], { cwd: dir, encoding: 'utf8' });
    expect(control.status).toBe(9);
  });
});
