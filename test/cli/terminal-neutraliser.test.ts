/**
 * Everything written to a terminal, stdout and stderr, in every format, passes one neutraliser that
 * keeps only this program's own colour sequences; files and pipes keep the data as stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { paint, type Tone } from '../../src/render/output.js';
import { neutraliseForTerminal, OWN_COLOUR_SEQUENCES } from '../../src/render/terminal.js';
import { run, sampleDbPath } from '../helpers.js';

const HOSTILE = 'Phường \u001b[31mĐỏ\u001b[8m ẩn\u001b[2J\u001b]0;title\u0007 x\u009b1m';
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-9;]*[A-Za-z]|\u001b\]|\u0007|\u009b/g;
const foreign = (s: string) => (s.match(ESCAPES) ?? []).filter((m) => !OWN_COLOUR_SEQUENCES.has(m));

let db: string;
beforeAll(async () => {
  db = sampleDbPath();
  expect((await run(['unit', 'add', HOSTILE, '--code', 'HX'], { db })).code).toBe(0);
});

describe('on a terminal', () => {
  it.each(['table', 'md', 'csv', 'tsv', 'json'])('unit list --format %s shows stored escapes as text, keeps its own colour', async (format) => {
    const r = await run(['unit', 'list', '--format', format], { db, tty: true });
    expect(r.code).toBe(0);
    expect(foreign(r.stdout)).toEqual([]);
    // JSON writes ESC as \u001b itself; the C1 introducer U+009B it leaves raw is neutralised.
    expect(r.stdout).toContain(format === 'json' ? '\\u001b[8m' : '\\x1b[8m');
    // Stored colour is not ours: shown, not run, in every format.
    expect(r.stdout).toContain(format === 'json' ? '\\u001b[31m' : '\\x1b[31m');
    if (format !== 'table') expect(r.stdout).not.toMatch(ESCAPES);
    expect(r.stdout).toContain('\\x9b');
    expect(r.stdout).not.toContain('\\x0d');
    if (format === 'table') expect(r.stdout).toContain('\u001b[90m');
  });

  it('CSV ends its lines without a literal \\x0d', async () => {
    const r = await run(['unit', 'list', '--format', 'csv'], { db, tty: true });
    expect(r.stdout).not.toContain('\\x0d');
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout.split('\n').length).toBeGreaterThan(5);
  });

  it('error messages on stderr that quote user data', async () => {
    const r = await run(['unit', 'show', '\u001b[2Jnope\u001b[8m'], { db, tty: true });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('\\x1b[2Jnope');
    expect(foreign(r.stderr)).toEqual([]);
  });

  it('the sequences paint() writes are exactly those kept', async () => {
    const seen = new Set<string>();
    for (const tone of ['red', 'yellow', 'green', 'gray', 'cyan', 'bold'] as Tone[]) for (const m of (await paint('x', tone)).match(ESCAPES) ?? []) seen.add(m);
    expect([...seen].sort()).toEqual([...OWN_COLOUR_SEQUENCES].sort());
  });

  it('a lone carriage return is shown, CRLF is a line end', () => {
    expect(neutraliseForTerminal('a\r\nb\rc\td')).toBe('a\nb\\x0dc\td');
  });
});

describe('in a pipe', () => {
  it.each(['tsv', 'md', 'json'])('--format %s keeps the data as stored', async (format) => {
    const r = await run(['unit', 'list', '--format', format], { db });
    expect(r.stdout).toContain(format === 'json' ? JSON.stringify(HOSTILE).slice(1, -1) : HOSTILE);
  });
});
