// Which pager long output goes through, and when none: decided in the output layer, seen here
// through the context (nothing is started).
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.js';
import { choosePager, DEFAULT_PAGER, screenLines } from '../../src/cli/env.js';
import { runCli } from '../../src/cli/program.js';
import { engineDb, sampleDbPath } from '../helpers.js';

describe('choosePager', () => {
  const tty = { isTTY: true, noPager: false };
  it.each([
    ['THUKY_PAGER first', { THUKY_PAGER: 'most', PAGER: 'more' }, 'most'],
    ['then PAGER', { PAGER: 'more -s' }, 'more -s'],
    ['then less -FRX', {}, DEFAULT_PAGER],
    ['THUKY_PAGER empty: none, even with PAGER', { THUKY_PAGER: '', PAGER: 'more' }, null],
    ['PAGER empty: none', { PAGER: '' }, null],
    ['PAGER=cat: none', { PAGER: 'cat' }, null],
  ] as const)('%s', (_name, env, expected) => {
    expect(choosePager({ ...tty, env })).toBe(expected);
  });

  it('never in a pipe, a file or cron (no terminal), nor with --no-pager', () => {
    expect(choosePager({ isTTY: false, noPager: false, env: { THUKY_PAGER: 'most' } })).toBeNull();
    expect(choosePager({ isTTY: true, noPager: true, env: { THUKY_PAGER: 'most' } })).toBeNull();
  });

  it('counts the lines text takes on the screen, long lines wrapped, colour codes not counted', () => {
    expect(screenLines('a\nb\n', 80)).toBe(2);
    expect(screenLines('a\nb', 80)).toBe(2);
    expect(screenLines(`${'x'.repeat(100)}\n`, 80)).toBe(2);
    expect(screenLines(`\u001b[31m${'x'.repeat(80)}\u001b[0m\n`, 80)).toBe(1);
  });
});

describe('long output of a command on a terminal', () => {
  const db = sampleDbPath();
  const argv = ['unit', 'list', '--db', engineDb(db)];

  async function run(opts: { rows?: number; tty?: boolean; env?: Record<string, string>; extra?: string[] }) {
    const ctx = memoryContext({ tty: opts.tty ?? true, rows: opts.rows, env: { NO_COLOR: '1', ...opts.env } });
    const code = await runCli([...argv, ...(opts.extra ?? [])], ctx);
    return { code, out: ctx.out(), paged: ctx.paged };
  }

  it('goes through less -FRX when taller than the terminal', async () => {
    const r = await run({ rows: 10 });
    expect(r.code).toBe(0);
    expect(r.paged.map((p) => p.command)).toEqual(['less -FRX']);
    expect(r.paged[0].text).toContain('Phường Bến Nghé');
    expect(r.out).toBe('');
  });

  it('goes through $THUKY_PAGER, else $PAGER', async () => {
    expect((await run({ rows: 10, env: { THUKY_PAGER: 'most', PAGER: 'more' } })).paged.map((p) => p.command)).toEqual(['most']);
    expect((await run({ rows: 10, env: { PAGER: 'more' } })).paged.map((p) => p.command)).toEqual(['more']);
  });

  it('is printed when it fits the terminal', async () => {
    const r = await run({ rows: 200 });
    expect(r.paged).toEqual([]);
    expect(r.out).toContain('Phường Bến Nghé');
  });

  it('is printed with --no-pager, with THUKY_PAGER empty, and in a pipe', async () => {
    for (const r of [await run({ rows: 10, extra: ['--no-pager'] }), await run({ rows: 10, env: { THUKY_PAGER: '' } }), await run({ rows: 10, tty: false })]) {
      expect(r.paged).toEqual([]);
      expect(r.out).toContain('Phường Bến Nghé');
    }
  });

  it('is printed when the pager program cannot be started', async () => {
    const ctx = memoryContext({ tty: true, rows: 10, env: { NO_COLOR: '1', THUKY_PAGER: 'no-such-pager' } });
    const tried: string[] = [];
    ctx.page = (command) => {
      tried.push(command);
      return false;
    };
    expect(await runCli(argv, ctx)).toBe(0);
    expect(tried).toEqual(['no-such-pager']);
    expect(ctx.out()).toContain('Phường Bến Nghé');
  });
});
