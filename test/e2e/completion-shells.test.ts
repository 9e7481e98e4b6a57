// The completion scripts run by the shells themselves: bash calls the completion function as it
// does at a TAB (COMP_WORDS, COMP_CWORD set), and what lands in COMPREPLY is read back.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, sampleDbPath, tempDir } from '../helpers.js';

const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;

let db: string;
let bashScript: string;
beforeAll(() => {
  db = sampleDbPath();
  const r = runBin(['completion', 'bash']);
  expect(r.code).toBe(0);
  bashScript = join(tempDir(), 'thuky.bash');
  writeFileSync(bashScript, r.stdout);
});

/** COMPREPLY after a TAB at the end of `line` (words as typed, the last one being completed). */
function bashTab(words: string[], env: Record<string, string> = {}): string[] {
  const program = [
    `source ${JSON.stringify(bashScript)}`,
    // The function bound to thuky, as bash would look it up.
    `fn=$(complete -p thuky | sed -E 's/.*-F ([^ ]+).*/\\1/')`,
    'COMP_WORDS=(thuky "$@")',
    'COMP_CWORD=$#',
    'COMP_LINE="thuky $*"',
    'COMP_POINT=${#COMP_LINE}',
    'COMPREPLY=()',
    '"$fn" thuky "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
    `printf '%s\\n' "\${COMPREPLY[@]}"`,
  ].join('\n');
  const r = spawnSync('bash', ['-c', program, 'bash', ...words], {
    encoding: 'utf8',
    env: { ...process.env, THUKY_DB: db, THUKY_TODAY: '2017-06-17', LANG: 'C.UTF-8', ...env },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter((l) => l !== '');
}

describe('bash', () => {
  it('binds the function to thuky, sorted by thuky rather than by bash', () => {
    const r = spawnSync('bash', ['-c', `source ${JSON.stringify(bashScript)}; complete -p thuky`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('complete -o nosort -F _thuky_complete thuky');
  });

  it.each([
    ['a sub-command', ['task', 'ad'], ['add']],
    ['options', ['task', 'list', '--as'], ['--as-of']],
    ['enum choices', ['meeting', 'list', '--kind', 'giao'], ['giao-ban-chuyen-de', 'giao-ban']],
    ['accent-free unit names, quoted for the shell', ['task', 'add', 'x', '--unit', 'ben'], ['"Phường Bến Nghé"', '"Phường Bến Thành"']],
    ['a name with an opening double quote', ['task', 'add', 'x', '--unit', '"phuong cau k'], ['"Phường Cầu Kho"']],
    ['a name with an opening single quote', ['task', 'add', 'x', '--unit', "'nguyen"], ["'Phường Nguyễn Cư Trinh'", "'Phường Nguyễn Thái Bình'"]],
    ['a document code', ['meeting', 'list', '--doc', '02'], ['02-ĐA/TU']],
  ])('%s', (_name, words, expected) => {
    expect(bashTab(words)).toEqual(expected);
  });

  it('each quoted candidate is one shell word whose value is the name', () => {
    const [first] = bashTab(['task', 'add', 'x', '--unit', 'tan d']);
    const r = spawnSync('bash', ['-c', `printf '[%s]' ${first}`], { encoding: 'utf8' });
    expect(r.stdout).toBe('[Phường Tân Định]');
  });

  it('lets bash complete file names for --db', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hcm.db'), '');
    const r = spawnSync('bash', ['-c', [`source ${JSON.stringify(bashScript)}`, `cd ${JSON.stringify(dir)}`, 'COMP_WORDS=(thuky --db hc)', 'COMP_CWORD=2', '_thuky_complete', `printf '%s\\n' "\${COMPREPLY[@]}"`].join('\n')], {
      encoding: 'utf8',
      env: { ...process.env, THUKY_DB: db },
    });
    expect(r.stdout.trim()).toBe('hcm.db');
  });

  it('offers nothing, and prints nothing, when the database is broken', () => {
    const broken = join(tempDir(), 'broken.db');
    writeFileSync(broken, 'garbage');
    expect(bashTab(['task', 'add', 'x', '--unit', 'ben'], { THUKY_DB: broken })).toEqual([]);
  });
});

describe('zsh and fish scripts', () => {
  it.skipIf(!has('zsh'))('zsh reads the zsh script without error', () => {
    const file = join(tempDir(), '_thuky');
    writeFileSync(file, runBin(['completion', 'zsh']).stdout);
    const r = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!has('fish'))('fish loads the fish script and registers the completion', () => {
    const file = join(tempDir(), 'thuky.fish');
    writeFileSync(file, runBin(['completion', 'fish']).stdout);
    const r = spawnSync('fish', ['--no-config', '-c', `source ${JSON.stringify(file)}; complete -c thuky`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('__thuky_complete');
  });

  it.skipIf(!has('fish'))('fish completes sub-commands with their descriptions through the script', () => {
    const file = join(tempDir(), 'thuky.fish');
    writeFileSync(file, runBin(['completion', 'fish']).stdout);
    const r = spawnSync('fish', ['--no-config', '-c', `source ${JSON.stringify(file)}; complete -C 'thuky task ex'`], {
      encoding: 'utf8',
      env: { ...process.env, THUKY_DB: db },
    });
    expect(r.stdout.trim()).toMatch(/^extend\tgia hạn/);
  });

  it('refuses a shell it does not know (exit 2, the accepted ones named)', () => {
    const r = runBin(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bash, zsh, fish');
    expect(r.stdout).toBe('');
  });
});
