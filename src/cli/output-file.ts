/**
 * Where a report goes: stdout, or the file --out names. A file is written beside its final name
 * and renamed into place when complete, so that a failure (a folder that cannot be written, a full
 * disk, an error half-way) leaves nothing behind; an existing file is replaced only with --force.
 * Binary formats (xlsx, docx) are refused on a terminal without --out.
 */
import { chmodSync, closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import type { Env } from './env.js';
import { RuntimeError, UsageError } from '../errors.js';

export interface FileTarget {
  /** The temporary file to write, renamed into place afterwards; absent for a pipe. */
  filename?: string;
  /** stdout as a Node stream (a pipe). */
  stream?: Writable;
}

const REASONS = ['EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EROFS', 'ENOSPC', 'EISDIR', 'EDQUOT'];

function cannotWrite(path: string, err: unknown): RuntimeError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return REASONS.includes(code) ? new RuntimeError(`output.cannotWrite.${code}`, { path }) : new RuntimeError('output.cannotWrite', { path, reason: String((err as Error).message ?? err) });
}

/** The final path of --out, checked: not an existing file unless --force, not a folder. */
export function outPath(env: Env): string | null {
  const out = env.globals.out;
  if (!out) return null;
  const path = resolve(env.ctx.cwd, out);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UsageError('output.isFolder', { path });
    if (!env.globals.force) throw new UsageError('output.exists', { path });
  }
  return path;
}

function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/** Runs `produce` on a temporary file beside `path`, then renames it into place; on failure removes it. */
export async function writeAtomically(path: string, produce: (tmp: string) => Promise<void> | void): Promise<void> {
  const tmp = tempBeside(path);
  try {
    await produce(tmp);
    // Owner-only, like the database and the minutes: a report names units and people.
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    if ((err as NodeJS.ErrnoException).syscall) throw cannotWrite(path, err);
    throw err;
  }
}

/** A binary document: to --out, or to a pipe; never to a terminal. */
export async function writeBinary(env: Env, format: 'xlsx' | 'docx', produce: (target: FileTarget) => Promise<void>): Promise<void> {
  const path = outPath(env);
  if (!path) {
    if (env.ctx.stdout.isTTY) throw new UsageError('output.binaryOnTerminal', { format });
    // Loaded here only: Node's stream classes cost start-up time that other commands do not pay.
    const { Writable } = createRequire(import.meta.url)('node:stream') as typeof import('node:stream');
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        try {
          env.ctx.stdout.write(chunk);
          done();
        } catch (err) {
          done(err as Error);
        }
      },
    });
    await produce({ stream });
    await new Promise<void>((ok) => stream.end(ok));
    return;
  }
  await writeAtomically(path, (tmp) => produce({ filename: tmp }));
  env.info('output.written', { path, format });
}

/** Text to --out: chunks written to a temporary file as they come. Returns null without --out. */
export function textFile(env: Env): { write(chunk: string | Uint8Array): void; done(): void; fail(): void; path: string } | null {
  const path = outPath(env);
  if (!path) return null;
  const tmp = tempBeside(path);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o600);
  } catch (err) {
    throw cannotWrite(path, err);
  }
  return {
    path,
    write(chunk) {
      try {
        if (typeof chunk === 'string') writeSync(fd, chunk);
        else writeSync(fd, chunk);
      } catch (err) {
        closeSync(fd);
        rmSync(tmp, { force: true });
        throw cannotWrite(path, err);
      }
    },
    done() {
      closeSync(fd);
      renameSync(tmp, path);
    },
    fail() {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(tmp, { force: true });
    },
  };
}

/** --out FILE and --force, for every command that writes a listing or report (its help lists its formats: see program.ts). */
export function withFileOptions<C extends { option(flags: string, description: string): C }>(cmd: C, t: (key: string, params?: Record<string, string>) => string): C {
  return cmd.option('--out <file>', t('opt.out')).option('--force', t('opt.force'));
}
