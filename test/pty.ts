/**
 * Drives the built binary in a pseudo-terminal (node-pty, installed by `npm ci`) and keeps a small
 * virtual screen of what a terminal would show, so that a test waits for a screen *state* instead of
 * for text that may already be on screen.
 *
 * The rule every test here follows: after a key, wait for a state that only that key can cause —
 * a new question line, the typed text echoed together with the result list for it, the cursor (❯)
 * moved to another line, a box ticked. Waiting is event-driven: the screen is checked each time the
 * program writes, with one generous bound that only matters when something is really wrong.
 */
import { createRequire } from 'node:module';
import { BIN } from './helpers.js';

const require = createRequire(import.meta.url);
const pty = require('node-pty') as typeof import('node-pty');

const WAIT_MS = 30_000;

/** The keys a test sends by name. */
export const KEY = {
  enter: '\r',
  esc: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  space: ' ',
  backspace: '\x7f',
  ctrlC: '\x03',
  ctrlD: '\x04',
} as const;

/**
 * A virtual terminal screen: a grid of cells written by the escape sequences a prompt library uses
 * (cursor moves, erase line/screen, colours ignored), with auto-wrap and scrolling. Lines that scroll
 * off the top are kept in `history`.
 */
export class Screen {
  rows: string[][];
  /** Whether a row continues the one above it (the text wrapped at the right edge). */
  continued: boolean[];
  history: string[] = [];
  x = 0;
  y = 0;
  private wrapPending = false;
  private saved: [number, number] = [0, 0];
  private pending = '';

  constructor(
    readonly cols: number,
    readonly height: number,
  ) {
    this.rows = Array.from({ length: height }, () => this.blank());
    this.continued = Array.from({ length: height }, () => false);
  }

  private blank(): string[] {
    return Array.from({ length: this.cols }, () => ' ');
  }

  private lineFeed(wrapped = false): void {
    if (this.y === this.height - 1) {
      this.history.push(this.rows.shift()!.join('').trimEnd());
      this.rows.push(this.blank());
      this.continued.shift();
      this.continued.push(false);
    } else this.y++;
    this.continued[this.y] = wrapped;
  }

  private put(ch: string): void {
    if (/^\p{M}$/u.test(ch)) {
      // A combining mark joins the character before it.
      const px = this.wrapPending ? this.x : Math.max(0, this.x - 1);
      this.rows[this.y][px] += ch;
      return;
    }
    if (this.wrapPending) {
      this.x = 0;
      this.lineFeed(true);
      this.wrapPending = false;
    }
    this.rows[this.y][this.x] = ch;
    if (this.x === this.cols - 1) this.wrapPending = true;
    else this.x++;
  }

  private csi(params: string, final: string): void {
    const priv = params.startsWith('?');
    const nums = (priv ? params.slice(1) : params).split(';').map((p) => (p === '' ? NaN : Number(p)));
    const n = (i = 0, d = 1) => (Number.isNaN(nums[i]) || nums[i] === undefined ? d : nums[i]);
    this.wrapPending = false;
    switch (final) {
      case 'A':
        this.y = Math.max(0, this.y - n());
        break;
      case 'B':
        this.y = Math.min(this.height - 1, this.y + n());
        break;
      case 'C':
        this.x = Math.min(this.cols - 1, this.x + n());
        break;
      case 'D':
        this.x = Math.max(0, this.x - n());
        break;
      case 'E':
        this.y = Math.min(this.height - 1, this.y + n());
        this.x = 0;
        break;
      case 'F':
        this.y = Math.max(0, this.y - n());
        this.x = 0;
        break;
      case 'G':
        this.x = Math.min(this.cols - 1, n() - 1);
        break;
      case 'H':
      case 'f':
        this.y = Math.min(this.height - 1, n(0) - 1);
        this.x = Math.min(this.cols - 1, n(1) - 1);
        break;
      case 'J': {
        const mode = n(0, 0);
        if (mode === 2 || mode === 3) {
          this.rows = this.rows.map(() => this.blank());
          this.continued = this.continued.map(() => false);
        }
        else if (mode === 0) {
          for (let c = this.x; c < this.cols; c++) this.rows[this.y][c] = ' ';
          for (let r = this.y + 1; r < this.height; r++) this.rows[r] = this.blank();
        } else if (mode === 1) {
          for (let c = 0; c <= this.x; c++) this.rows[this.y][c] = ' ';
          for (let r = 0; r < this.y; r++) this.rows[r] = this.blank();
        }
        break;
      }
      case 'K': {
        const mode = n(0, 0);
        const row = this.rows[this.y];
        const [from, to] = mode === 0 ? [this.x, this.cols] : mode === 1 ? [0, this.x + 1] : [0, this.cols];
        for (let c = from; c < to; c++) row[c] = ' ';
        if (mode === 2) this.continued[this.y] = false;
        break;
      }
      default:
      // colours (m), cursor show/hide (?25h/l), modes: nothing to draw
    }
  }

  /** Feeds output of the program (a sequence may be split across chunks). */
  write(data: string): void {
    const s = this.pending + data;
    this.pending = '';
    const chars = [...s];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === '\x1b') {
        const next = chars[i + 1];
        if (next === undefined) {
          this.pending = chars.slice(i).join('');
          return;
        }
        if (next === '[') {
          let j = i + 2;
          while (j < chars.length && !/[\x40-\x7e]/.test(chars[j])) j++;
          if (j >= chars.length) {
            this.pending = chars.slice(i).join('');
            return;
          }
          this.csi(chars.slice(i + 2, j).join(''), chars[j]);
          i = j;
        } else if (next === ']') {
          // OSC: up to BEL or ESC \
          let j = i + 2;
          while (j < chars.length && chars[j] !== '\x07' && !(chars[j] === '\x1b' && chars[j + 1] === '\\')) j++;
          if (j >= chars.length) {
            this.pending = chars.slice(i).join('');
            return;
          }
          i = chars[j] === '\x07' ? j : j + 1;
        } else if (next === '7') {
          this.saved = [this.x, this.y];
          i++;
        } else if (next === '8') {
          [this.x, this.y] = this.saved;
          i++;
        } else i++;
        continue;
      }
      if (ch === '\r') {
        this.x = 0;
        this.wrapPending = false;
      } else if (ch === '\n') {
        this.wrapPending = false;
        this.lineFeed();
      } else if (ch === '\b') {
        this.x = Math.max(0, this.x - 1);
        this.wrapPending = false;
      } else if (ch === '\t') {
        this.x = Math.min(this.cols - 1, (Math.floor(this.x / 8) + 1) * 8);
      } else if (ch === '\x07' || ch < ' ') {
        // bell and other controls: nothing to draw
      } else this.put(ch);
    }
  }

  /** The visible lines, right-trimmed. */
  lines(): string[] {
    return this.rows.map((r) => r.join('').trimEnd());
  }

  text(): string {
    return this.lines().join('\n');
  }

  /** The visible lines with wrapped rows joined back into the line the program wrote. */
  logical(): string[] {
    const out: string[] = [];
    this.rows.forEach((r, i) => {
      const text = r.join('');
      if (this.continued[i] && out.length) out[out.length - 1] = out[out.length - 1] + text;
      else out.push(text);
    });
    return out.map((l) => l.trimEnd());
  }

  /** Scrolled-off lines and the visible ones. */
  transcript(): string {
    return [...this.history, ...this.lines()].join('\n');
  }
}

export interface Term {
  screen: Screen;
  /** Sends keys (a string of KEY values and text). */
  send(keys: string): void;
  /** Waits until `ok(screen)` is true; returns the screen text then. */
  waitFor(ok: string | RegExp | ((s: Screen) => boolean), what?: string, ms?: number): Promise<string>;
  /** Resolves with the exit code once the program has ended. */
  exited: Promise<number>;
  /** Ends the program: a hang-up by default (a closed window), or another signal. */
  kill(signal?: string): void;
  /** The program's process id. */
  pid: number;
  /** Everything the program wrote, raw. */
  raw(): string;
}

export interface SpawnOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
  /**
   * Run the binary under a small shell that prints its exit code after it and keeps the terminal open
   * (default). node-pty drops what is still unread 200 ms after the child ends, which a busy machine can
   * exceed; with the terminal kept open, the exit line comes after every byte the program wrote, so
   * "ended" means "everything it wrote is on the screen". Without it, `pid` and `kill` reach the
   * program itself (for tests that kill it).
   */
  wrap?: boolean;
}

const EXIT_MARK = /<<thuky-exit:(\d+)>>/;

/** Starts the built binary with `args` in a pseudo-terminal of the given size. */
export function spawnBin(args: string[], opts: SpawnOptions = {}): Term {
  const cols = opts.cols ?? 120;
  const rows = opts.rows ?? 50;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', NO_COLOR: '1', ...opts.env })) if (v !== undefined) env[k] = v;
  const wrap = opts.wrap ?? true;
  const [file, argv] = wrap
    ? ['/bin/sh', ['-c', `"$0" "$@"; echo "<<thuky-exit:$?>>"; exec sleep 3600`, process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const child = pty.spawn(file, argv, { name: 'xterm-256color', cols, rows, env, cwd: process.cwd() });
  const screen = new Screen(cols, rows);
  let raw = '';
  const watchers = new Set<() => void>();
  let ended = false;
  let exitCode: number | undefined;
  let settle: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => {
    settle = (code) => {
      if (ended) return;
      ended = true;
      exitCode = code;
      for (const w of [...watchers]) w();
      resolve(code);
    };
  });
  let childGone = false;
  child.onData((d) => {
    raw += d;
    const mark = wrap && !ended ? EXIT_MARK.exec(raw) : null;
    screen.write(mark ? d.replace(/<<thuky-exit:\d+>>\r?\n?/, '') : d);
    for (const w of [...watchers]) w();
    if (mark) {
      settle(Number(mark[1]));
      if (!childGone) child.kill('SIGKILL');
    }
  });
  child.onExit(({ exitCode: code, signal }) => {
    childGone = true;
    // Unwrapped, or the shell itself was ended: what was read is all there is.
    if (!wrap) setTimeout(() => settle(signal ? 128 + signal : code), 50);
    else if (!ended) settle(signal ? 128 + signal : code);
  });

  const test = (ok: string | RegExp | ((s: Screen) => boolean)) =>
    typeof ok === 'string' ? screen.text().includes(ok) : ok instanceof RegExp ? ok.test(screen.text()) : ok(screen);

  return {
    screen,
    send: (keys) => child.write(keys),
    waitFor: (ok, what, ms = WAIT_MS) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          if (test(ok)) {
            done();
            resolve(screen.text());
          } else if (ended) {
            done();
            reject(new Error(`the program ended (exit ${exitCode}) while waiting for ${what ?? String(ok)}; the terminal showed:\n${screen.transcript()}\n(raw end: ${JSON.stringify(raw.slice(-600))})`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${what ?? String(ok)}; the terminal showed:\n${screen.text()}`));
        }, ms);
        const done = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      }),
    exited,
    kill: (signal = 'SIGHUP') => {
      if (!childGone) child.kill(signal);
    },
    pid: child.pid,
    raw: () => raw,
  };
}

/** The screen line of the question being asked (inquirer marks it with "?" until it is answered). */
export function activeQuestion(s: Screen, question: string): number {
  const lines = s.logical();
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].startsWith(`? ${question}`)) return i;
  return -1;
}

/**
 * Whether the list below the active question is drawn to its end: the keys line ("⏎ …") closes
 * every list prompt. The program's output can reach the terminal in pieces, and a half-drawn list
 * is not a state to act on.
 */
export function listDrawn(s: Screen, question: string): boolean {
  const q = activeQuestion(s, question);
  return q >= 0 && s.logical().slice(q + 1).some((l) => l.includes('⏎'));
}

/** The text of the line under the list cursor (❯) below the active question, once the list is drawn; else null. */
export function cursorLine(s: Screen, question: string): string | null {
  if (!listDrawn(s, question)) return null;
  const lines = s.logical();
  const q = activeQuestion(s, question);
  for (let i = q + 1; i < lines.length; i++) if (/^❯/.test(lines[i])) return lines[i].replace(/^❯\s?/, '');
  return null;
}

/** The screen row of the list cursor (❯) below the active question, or -1. */
export function cursorRow(s: Screen, question: string): number {
  const q = activeQuestion(s, question);
  return q < 0 || !listDrawn(s, question) ? -1 : s.logical().findIndex((l, n) => n > q && /^❯/.test(l));
}

/**
 * Helpers that answer questions the way a person does, each wait tied to the key just sent.
 */
export function driver(term: Term) {
  const { screen, send } = term;

  /** Waits until the question is being asked. */
  const question = (q: string) => term.waitFor((s) => activeQuestion(s, q) >= 0, `the question "${q}"`);

  /** Waits until the question line shows exactly `text` typed after it. */
  const echoed = (q: string, text: string) =>
    term.waitFor((s) => {
      const i = activeQuestion(s, q);
      if (i < 0) return false;
      // The prompt breaks a long question between words itself: its lines are read as one.
      const rest = s.logical().slice(i + 1);
      const end = rest.findIndex((l) => !l.trim() || /^[\s❯>]/.test(l) || l.includes('⏎'));
      const line = [s.logical()[i], ...(end < 0 ? rest : rest.slice(0, end))]
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
      return line.endsWith(` ${text.replace(/\s+/g, ' ')}`) || text === '';
    }, `"${text}" typed at "${q}"`);

  /** Moves the list cursor with `key` until it is on a line starting with `line`. */
  async function cursorTo(q: string, key: 'up' | 'down', line: string): Promise<void> {
    // A search draws its question before its list: the cursor is looked at once the list is there.
    await term.waitFor((s) => cursorLine(s, q) !== null, `the list of "${q}"`);
    for (let i = 0; i < 40; i++) {
      const now = cursorLine(screen, q);
      if (now !== null && now.startsWith(line)) return;
      const before = { line: now, at: cursorRow(screen, q) };
      send(KEY[key]);
      // One key, one redraw: the cursor is on another line, or another choice scrolled under it.
      await term.waitFor((s) => cursorLine(s, q) !== null && (cursorRow(s, q) !== before.at || cursorLine(s, q) !== before.line), `the cursor to move at "${q}" (was on "${before.line}")`);
    }
    throw new Error(`"${line}" never came under the cursor at "${q}":\n${screen.text()}`);
  }

  return {
    question,
    echoed,
    cursorTo,
    /** Answers a text question: waits for it, types, waits for the echo, presses Enter. */
    async answer(q: string, text: string | null) {
      await question(q);
      if (text) {
        send(text);
        await echoed(q, text);
      }
      send(KEY.enter);
    },
    /**
     * Types `text` into a search, waits for the list that answers it (`ready`: a line that only the
     * list for the whole text shows, such as the "add new" choice naming it), moves to `choice`, takes it.
     */
    async choose(q: string, text: string, choice: string, ready?: (s: Screen) => boolean) {
      await question(q);
      if (text) {
        send(text);
        await echoed(q, text);
        if (ready) await term.waitFor(ready, `the results for "${text}" at "${q}"`);
      }
      await cursorTo(q, 'down', choice);
      send(KEY.enter);
    },
    /** A line containing `text` is on screen below the active question. */
    listed: (q: string, text: string) => (s: Screen) => {
      const i = activeQuestion(s, q);
      return i >= 0 && listDrawn(s, q) && s.logical().slice(i + 1).some((l) => l.includes(text));
    },
  };
}
