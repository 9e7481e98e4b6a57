/**
 * The README runs as written: every command of its tour (from "Dùng thử" to the benchmarks) is run in
 * order, with the built binary, on a fresh database, checking the exit code its comment promises
 * ("mã thoát 2"; 0 otherwise) and, for sessions written with `$ `, that the output shown is printed
 * (an ellipsis "…" stands for any text). Blocks marked `<!-- tour:skip -->` (the interactive session,
 * which needs a terminal) and blocks of other languages (text, crontab, json) are not run.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers.js';

interface Step {
  /** The command as written in the README (continuations joined). */
  command: string;
  expectedCode: number;
  /** Output lines shown after a `$ ` command. */
  shown: string[];
  line: number;
}

function tourSteps(readme: string): Step[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.includes('<!-- section:tour -->'));
  const end = lines.findIndex((l) => l.includes('<!-- section:bench -->'));
  const steps: Step[] = [];
  let i = start;
  while (i < end) {
    const fence = /^```(\w*)\s*$/.exec(lines[i]);
    if (!fence) {
      i++;
      continue;
    }
    let close = i + 1;
    while (!/^```\s*$/.test(lines[close])) close++;
    const body = lines.slice(i + 1, close);
    let before = i - 1;
    while (before > start && lines[before].trim() === '') before--;
    const skipped = lines[before].includes('<!-- tour:skip -->');
    const lang = fence[1];
    const session = body.some((l) => l.startsWith('$ '));
    if (!skipped && (lang === 'sh' || (lang === '' && session))) steps.push(...blockSteps(body, i + 2, session));
    i = close + 1;
  }
  return steps;
}

function expectedCodeOf(command: string): number {
  const comment = /\s#\s(.*)$/.exec(command)?.[1] ?? '';
  const code = /mã thoát (\d+)/.exec(comment)?.[1];
  return code ? Number(code) : 0;
}

function blockSteps(body: string[], firstLine: number, session: boolean): Step[] {
  const steps: Step[] = [];
  for (let k = 0; k < body.length; k++) {
    let text = body[k];
    if (session) {
      if (!text.startsWith('$ ')) continue;
      text = text.slice(2);
    } else if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const line = firstLine + k;
    // A heredoc: the command and its lines up to the end word.
    const heredoc = /<<-?\s*'?(\w+)'?/.exec(text);
    if (heredoc) {
      const endWord = heredoc[1];
      const parts = [text];
      while (body[++k] !== endWord) parts.push(body[k]);
      parts.push(endWord);
      steps.push({ command: parts.join('\n'), expectedCode: 0, shown: [], line });
      continue;
    }
    while (text.endsWith('\\')) text = `${text.slice(0, -1)} ${body[++k].trim()}`;
    const shown: string[] = [];
    if (session) for (let o = k + 1; o < body.length && !body[o].startsWith('$ '); o++) if (body[o].trim()) shown.push(body[o]);
    steps.push({ command: text, expectedCode: expectedCodeOf(text), shown, line });
  }
  return steps;
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const steps = tourSteps(readme);
const hasJq = spawnSync('sh', ['-c', 'command -v jq']).status === 0;

describe('the README tour runs as written', () => {
  const work = tempDir();
  const bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'thuky'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'thuky'), 0o755);
  const db = join(work, 't.db');
  const env: Record<string, string | undefined> = { ...process.env, PATH: `${bin}:${process.env.PATH}`, THUKY_DB: db, HOME: work, NO_COLOR: '1' };
  /** The README's files in /tmp become files of this run. */
  const local = (text: string) => text.replace(/node bin\/thuky\.js/g, 'thuky').replace(/\/tmp\/([\w.-]+)/g, (_, name: string) => join(work, name));

  it('has the commands of every section', () => {
    const all = steps.map((s) => s.command).join('\n');
    for (const part of ['init --sample', 'task add', 'overdue', 'report tasks', 'meeting add', 'speech add', 'plan import', 'evaluate import', 'activity add', 'report compliance']) expect(all).toContain(part);
    expect(steps.length).toBeGreaterThan(50);
  });

  it.each(steps.map((s) => [`line ${s.line}: ${s.command.split('\n')[0]}`, s] as const))('%s', (_name, step) => {
    if (step.command.includes('| jq') && !hasJq) return;
    // `export NAME=value` holds for the commands after it, as in the reader's shell.
    const exported = /^export (\w+)=(\S+)/.exec(local(step.command));
    if (exported) env[exported[1]] = exported[2];
    const r = spawnSync('bash', ['-c', `set -o pipefail\n${local(step.command)}`], { cwd: work, env, encoding: 'utf8' });
    expect(r.status, `${step.command}\n${r.stdout}\n${r.stderr}`).toBe(step.expectedCode);
    const printed = `${r.stdout}\n${r.stderr}`;
    for (const shown of step.shown)
      for (const part of local(shown).split('…').map((p) => p.trim()).filter(Boolean)) expect(printed, `README line ${step.line}: ${shown}`).toContain(part);
  });
});
