import { fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import type { Prompter } from '../prompts/prompter.js';
import { OutputClosedError } from './errors.js';

/** What varies between a real run and a test: streams, environment, clock, user. */
export interface OutStream {
  /** Text, or UTF-8 bytes (large reports pass bytes straight from SQLite). */
  write(chunk: string | Uint8Array): void;
  isTTY: boolean;
  columns?: number;
  /** Writes text holding this program's own colour (a table it painted): those sequences are kept on a terminal. */
  writeColoured?(chunk: string): void;
}

export interface Ctx {
  stdout: OutStream;
  stderr: OutStream;
  stdinIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => Date;
  osUser: string;
  /** Asks questions in interactive commands; tests inject a scripted one (default: @inquirer/prompts on the terminal). */
  prompter?: Prompter;
}

export function processContext(): Ctx {
  let user = process.env.USER ?? process.env.LOGNAME ?? '';
  let stdinIsTTY: boolean | undefined;
  return {
    stdout: standardOutput(1, () => process.stdout),
    stderr: standardOutput(2, () => process.stderr),
    get stdinIsTTY() {
      return (stdinIsTTY ??= isTerminal(0));
    },
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    get osUser() {
      if (!user) {
        try {
          // Lazy: a syscall that only writes need.
          user = userInfo().username;
        } catch {
          user = 'unknown';
        }
      }
      return user;
    },
  };
}

/**
 * Standard output or error. On a terminal, Node's stream. In a pipe or a file (cron, scripts,
 * `| head`), bytes go straight to the file descriptor: loading Node's stream classes would cost a
 * tenth of the start-up, and blocking writes hold a large report back until the reader takes it.
 */
function standardOutput(fd: 1 | 2, stream: () => NodeJS.WriteStream): OutStream {
  let tty: boolean | undefined;
  let viaStream = false;
  let closed = false;
  let opened: NodeJS.WriteStream | undefined;
  const open = () => {
    if (!opened) {
      opened = stream();
      opened.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        closed = true;
      });
    }
    return opened;
  };
  const out: OutStream = {
    get isTTY() {
      return (tty ??= isTerminal(fd));
    },
    get columns() {
      return out.isTTY ? open().columns : undefined;
    },
    write(chunk) {
      if (closed) return;
      if (viaStream || out.isTTY) {
        open().write(chunk);
        return;
      }
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(fd, bytes, done);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') {
            closed = true;
            throw new OutputClosedError();
          }
          // A non-blocking descriptor that is full: Node's stream waits for it.
          if (code !== 'EAGAIN') throw err;
          viaStream = true;
          open().write(bytes.subarray(done));
          return;
        }
      }
    },
  };
  return out;
}

/**
 * Whether a descriptor is a terminal, without loading the tty module (which loads Node's streams)
 * for files, pipes, sockets and /dev/null, which are what cron and scripts give.
 */
export function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    if (process.platform !== 'win32' && stat.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}

/** A context that captures output, for in-process tests. */
export function memoryContext(opts: {
  tty?: boolean;
  env?: Record<string, string | undefined>;
  now?: Date;
  cwd?: string;
  stdinIsTTY?: boolean;
} = {}): Ctx & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const tty = opts.tty ?? false;
  return {
    stdout: { write: (c) => void (out += typeof c === 'string' ? c : Buffer.from(c).toString('utf8')), isTTY: tty, columns: 120 },
    stderr: { write: (c) => void (err += typeof c === 'string' ? c : Buffer.from(c).toString('utf8')), isTTY: tty, columns: 120 },
    stdinIsTTY: opts.stdinIsTTY ?? tty,
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    now: () => opts.now ?? new Date('2026-11-27T03:00:00Z'),
    osUser: 'tester',
    out: () => out,
    err: () => err,
  };
}
