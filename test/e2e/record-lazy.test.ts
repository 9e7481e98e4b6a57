/** The prompts library is loaded only by the interactive session, never by the other commands. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, sampleDbPath, tempDir } from '../helpers.js';

describe('start-up of the built binary', () => {
  it('does not load @inquirer for listings, nor for a refused `meeting record`', () => {
    const dir = tempDir();
    const hook = join(dir, 'trace.cjs');
    // Reports every package loaded through require (the bundle is CommonJS; import() of a package goes through it too).
    writeFileSync(
      hook,
      `const M = require('node:module'); const load = M._load;
       M._load = function (request, ...rest) { if (String(request).includes('@inquirer')) process.stderr.write('LOADED ' + request + '\\n'); return load.call(this, request, ...rest); };`,
    );
    const db = sampleDbPath();
    const run = (args: string[]) => spawnSync(process.execPath, ['-r', hook, BIN, ...args, '--db', db], { encoding: 'utf8', input: '' });
    for (const args of [['meeting', 'list'], ['meeting', 'drafts'], ['unit', 'list'], ['meeting', 'record']]) {
      const out = run(args);
      expect(out.stderr).not.toContain('LOADED');
    }
    expect(run(['meeting', 'record']).status).toBe(2);
    // The trace does see the package when something requires it, as the bundle's record chunk does.
    const control = spawnSync(process.execPath, ['-r', hook, '-e', "require('@inquirer/prompts')"], { encoding: 'utf8', cwd: ROOT });
    expect(control.stderr).toContain('LOADED @inquirer/prompts');
    const bundle = readFileSync(join(ROOT, 'dist', 'thuky.cjs'), 'utf8');
    expect(bundle).toContain('require("@inquirer/prompts")');
  });
});
