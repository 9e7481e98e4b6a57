import { userInfo } from 'node:os';
import type { Prompter } from '../prompts/prompter.js';

/** What varies between a real run and a test: streams, environment, clock, user. */
export interface OutStream {
  /** Text, or UTF-8 bytes (large reports pass bytes straight from SQLite). */
  write(chunk: string | Uint8Array): void;
  isTTY: boolean;
  columns?: number;
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
  const wrap = (s: NodeJS.WriteStream): OutStream => ({
    write: (chunk) => void s.write(chunk),
    get isTTY() {
      return !!s.isTTY;
    },
    get columns() {
      return s.columns;
    },
  });
  let user = process.env.USER ?? process.env.LOGNAME ?? '';
  return {
    stdout: wrap(process.stdout),
    stderr: wrap(process.stderr),
    stdinIsTTY: !!process.stdin.isTTY,
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
