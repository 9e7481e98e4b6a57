import { accessSync, constants as fsConstants, fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import type { Prompter } from '../prompts/prompter.js';
import { OutputClosedError } from '../errors.js';

/** What varies between a real run and a test: streams, environment, clock, user. */
export interface OutStream {
  /** Text, or UTF-8 bytes (large reports pass bytes straight from SQLite). */
  write(chunk: string | Uint8Array): void;
  isTTY: boolean;
  columns?: number;
  /** The terminal's height, when it is one. */
  rows?: number;
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
  /** How this program was started (node and the script), for the completion script to call it back. */
  self?: [string, string];
  /**
   * Shows text through a pager program (a command line such as `less -FRX`) on the terminal and
   * waits for it; false when the program cannot be started, and the caller then prints the text.
   */
  page?: (command: string, text: string) => boolean;
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
    self: [process.execPath, process.argv[1] ?? ''],
    page: runPager,
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
    get rows() {
      return out.isTTY ? open().rows : undefined;
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

/**
 * Runs a pager with the text on its input and the terminal as its output. The program is looked up
 * first, so that a missing one is known before anything is shown. Ctrl-C while paging goes to the
 * pager (less ignores it); thuky waits for the pager instead of dying under it.
 */
function runPager(command: string, text: string): boolean {
  const [program, ...args] = command.trim().split(/\s+/);
  if (!program || !findProgram(program)) return false;
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const ignore = () => {};
  process.on('SIGINT', ignore);
  try {
    const r = spawnSync(program, args, { input: text, stdio: ['pipe', 'inherit', 'inherit'] });
    return !r.error;
  } finally {
    process.off('SIGINT', ignore);
  }
}

/** Whether a program can be run: a path to an executable file, or a name found on the PATH. */
export function findProgram(program: string, path = process.env.PATH ?? ''): boolean {
  const candidates = program.includes('/') ? [program] : path.split(':').filter(Boolean).map((dir) => `${dir}/${program}`);
  return candidates.some((file) => {
    try {
      accessSync(file, fsConstants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** A context that captures output, for in-process tests. */
export function memoryContext(opts: {
  tty?: boolean;
  /** The terminal's height (with tty): output taller than it is paged. */
  rows?: number;
  env?: Record<string, string | undefined>;
  now?: Date;
  cwd?: string;
  stdinIsTTY?: boolean;
} = {}): Ctx & { out: () => string; err: () => string; paged: { command: string; text: string }[] } {
  let out = '';
  let err = '';
  const tty = opts.tty ?? false;
  const paged: { command: string; text: string }[] = [];
  return {
    stdout: { write: (c) => void (out += typeof c === 'string' ? c : Buffer.from(c).toString('utf8')), isTTY: tty, columns: 120, rows: tty ? opts.rows : undefined },
    stderr: { write: (c) => void (err += typeof c === 'string' ? c : Buffer.from(c).toString('utf8')), isTTY: tty, columns: 120 },
    stdinIsTTY: opts.stdinIsTTY ?? tty,
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    now: () => opts.now ?? new Date('2026-11-27T03:00:00Z'),
    osUser: 'tester',
    out: () => out,
    err: () => err,
    // What would have gone through a pager, and which one: nothing is started.
    paged,
    page: (command, text) => {
      paged.push({ command, text });
      return true;
    },
  };
}
