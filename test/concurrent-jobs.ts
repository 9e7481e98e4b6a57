/**
 * Runs jobs of thuky commands in separate processes at the same time (test/fixtures/concurrent-writer.cjs),
 * writers all released at once and a last job, the reader, repeating until they are done; then checks
 * that every process exited 0, printed no error and had every command succeed. Used for SQLite files
 * and PostgreSQL databases alike.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './helpers.js';

const WRITER = join(ROOT, 'test', 'fixtures', 'concurrent-writer.cjs');

export interface Job {
  name: string;
  commands: string[][];
  /** The reader: repeats its commands until every writer is done. Must be the last job. */
  reader?: boolean;
}

function runProcess(file: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

function waitFor(paths: string[]): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (paths.every((p) => existsSync(p)) ? resolve() : setTimeout(check, 20));
    check();
  });
}

export async function runConcurrentJobs(db: string, dir: string, jobs: Job[]): Promise<void> {
  const go = join(dir, 'go');
  const writersDone = join(dir, 'writers-done');
  const files = jobs.map((job) => {
    const file = join(dir, `${job.name}.json`);
    writeFileSync(file, JSON.stringify({ db, ready: join(dir, `${job.name}.ready`), go, result: join(dir, `${job.name}.result`), commands: job.commands, repeatUntil: job.reader ? writersDone : undefined }));
    return file;
  });
  const running = files.map((f) => runProcess(f));
  await waitFor(jobs.map((j) => join(dir, `${j.name}.ready`)));
  writeFileSync(go, '');
  const writers = await Promise.all(running.slice(0, -1));
  writeFileSync(writersDone, '');
  const reader = await running[running.length - 1];

  for (const [i, w] of [...writers, reader].entries()) {
    // Confirmations go to stderr too; errors are the lines that start with "thuky:".
    const errors = w.stderr.split('\n').filter((l) => l.startsWith('thuky:') || /Error/.test(l));
    expect({ job: jobs[i].name, code: w.code, errors }).toEqual({ job: jobs[i].name, code: 0, errors: [] });
    const codes = JSON.parse(readFileSync(join(dir, `${jobs[i].name}.result`), 'utf8')) as number[];
    expect(codes.length).toBeGreaterThanOrEqual(jobs[i].commands.length);
    expect(codes.filter((c) => c !== 0)).toEqual([]);
  }
}
