// TAB in real interactive shells (bash, zsh, fish) inside tmux, with the script each installs: the
// screen is read after every key, waiting for what only that key can bring.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sampleDbPath, tempDir } from '../helpers.js';

const SOCKET = `thuky-completion-${process.pid}-${Date.now()}`;
const WAIT_MS = 20_000;
const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-u', '-L', SOCKET, ...args], { encoding: 'utf8', stdio: 'pipe' });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(session: string, text: string): Promise<string> {
  const until = Date.now() + WAIT_MS;
  let last = '';
  while (Date.now() < until) {
    try {
      last = tmux('capture-pane', '-p', '-t', session);
    } catch {
      last = '';
    }
    if (last.includes(text)) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${JSON.stringify(text)}; the terminal showed:\n${last}`);
}

let db: string;
let dir: string;
const env = () => ({ THUKY_DB: db, THUKY_TODAY: '2017-06-17', LANG: 'C.UTF-8', NO_COLOR: '1' });

function start(session: string, command: string, extraEnv: Record<string, string> = {}) {
  const vars = Object.entries({ ...env(), ...extraEnv }).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '20', `env ${vars.join(' ')} ${command}`);
}

beforeAll(() => {
  db = sampleDbPath();
  dir = tempDir();
});

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
});

describe.skipIf(!has('tmux'))('TAB in interactive shells', () => {
  it('bash: "ben" becomes "Phường Bến and both wards are listed; a letter more picks one', async () => {
    const rc = join(dir, 'bashrc');
    // The list at the first TAB (readline's default is to wait for a second and third one).
    writeFileSync(rc, `PS1='READY$ '\nbind 'set show-all-if-ambiguous on'\nsource <(node ${JSON.stringify(BIN)} completion bash)\n`);
    start('bash', `bash --noprofile --rcfile ${rc} -i`);
    await waitFor('bash', 'READY$');
    tmux('send-keys', '-t', 'bash', 'thuky task add "x" --unit ben', 'Tab');
    const listed = await waitFor('bash', '"Phường Bến Nghé"   "Phường Bến Thành"');
    expect(listed.trimEnd().split('\n').pop()).toBe('READY$ thuky task add "x" --unit "Phường Bến');
    tmux('send-keys', '-t', 'bash', 'T', 'Tab');
    const line = await waitFor('bash', '--unit "Phường Bến Thành"');
    expect(line.trimEnd().split('\n').pop()).toBe('READY$ thuky task add "x" --unit "Phường Bến Thành"');
  });

  it.skipIf(!has('zsh'))('zsh: lists the wards with their kind and dates, and sub-commands with descriptions', async () => {
    const zdot = join(dir, 'zsh');
    mkdirSync(zdot, { recursive: true });
    writeFileSync(join(zdot, '.zshrc'), `PS1='READY%% '\nautoload -U compinit && compinit -u\nsource <(node ${JSON.stringify(BIN)} completion zsh)\n`);
    start('zsh', 'zsh -i', { ZDOTDIR: zdot });
    await waitFor('zsh', 'READY%');
    tmux('send-keys', '-t', 'zsh', 'thuky task add x --unit ben', 'Tab');
    await waitFor('zsh', '--unit Phường\\ Bến\\');
    tmux('send-keys', '-t', 'zsh', 'Tab');
    const listed = await waitFor('zsh', 'Phường Bến Thành  -- phường');
    expect(listed).toContain('Phường Bến Nghé   -- phường, … – 30/06/2025');
    tmux('send-keys', '-t', 'zsh', 'C-u', 'thuky me', 'Tab');
    await waitFor('zsh', 'READY% thuky meeting');
  });

  it.skipIf(!has('fish'))('fish: "ben" is put in its accented form and the wards are offered', async () => {
    const config = join(dir, 'fishconfig');
    mkdirSync(join(config, 'fish'), { recursive: true });
    writeFileSync(join(config, 'fish', 'config.fish'), `function fish_prompt; echo 'READY> '; end\nnode ${JSON.stringify(BIN)} completion fish | source\n`);
    start('fish', 'fish -i', { XDG_CONFIG_HOME: config });
    await waitFor('fish', 'READY>');
    tmux('send-keys', '-t', 'fish', 'thuky task add x --unit ben', 'Tab');
    const shown = await waitFor('fish', 'Thành  (phường');
    expect(shown).toContain("--unit 'Phường Bến '");
    expect(shown).toContain('Nghé  (phường, … – 30/06/2025)');
    tmux('send-keys', '-t', 'fish', 'Tab');
    await waitFor('fish', "--unit 'Phường Bến Nghé'");
  });
});
