/**
 * Tables on a terminal fit its width: at 60, 80, 100 and 160 columns, colour on and off, no line is
 * wider than the terminal, and every value of the pipe's form is in the table or its column is named
 * as left out.
 */
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutColumns, preloadTerminalText, wrapToWidth, type FitColumn } from '../../src/render/fit.js';
import { run, sampleDbPath } from '../helpers.js';

const COMMANDS: string[][] = [
  ['report', 'compliance', '--year', '2017', '--as-of', '31/12/2017'],
  ['overdue', '--as-of', '31/12/2017'],
  ['task', 'list', '--as-of', '31/12/2017'],
  ['breakthrough', 'check', '--year', '2017'],
  ['breakthrough', 'list', '--year', '2017', '--as-of', '31/12/2017'],
  ['plan', 'list', '--year', '2017', '--unit', 'ben nghe'],
  ['person', 'list', '--unit', 'cau kho'],
  ['unit', 'list'],
  ['meeting', 'list'],
  ['speech', 'list'],
  ['report', 'tasks', '--period', '2017', '--as-of', '31/12/2017'],
  ['evaluation', 'list', '--year', '2017'],
  ['evaluation', 'list', '--year', '2017', '--people', '--unit', 'tan dinh'],
  ['plan', 'list', '--year', '2017', '--missing', '--unit', 'ben thanh'],
  ['activity', 'list', '--unit', 'pham ngu lao', '--period', '2017-Q1'],
  ['doc', 'list'],
  ['log', '--limit', '20'],
];
const WIDTHS = [60, 80, 100, 160];

// eslint-disable-next-line no-control-regex
const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const squash = (s: string) => s.replace(/\s+/g, '');

/** The box table of an output: its header cells and, per row, each column's text (wrapped lines joined). */
function parseTable(out: string): { header: string[]; rows: string[][] } {
  const lines = strip(out).split('\n');
  const blocks: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of lines) {
    if (line.startsWith('┌') || line.startsWith('├')) {
      current = [];
      blocks.push(current);
    } else if (line.startsWith('└')) current = null;
    else if (current && line.startsWith('│')) current.push(line.slice(1, -1).split('│').map((c) => c.trim()));
  }
  const cells = blocks.map((block) => (block[0] ?? []).map((_, k) => block.map((l) => l[k]).filter(Boolean).join(' ')));
  return { header: cells[0] ?? [], rows: cells.slice(1) };
}

let db: string;
beforeAll(() => {
  db = sampleDbPath();
});

describe.each(COMMANDS)('%s %s … on a terminal', (...argv) => {
  let labels: string[];
  let expected: string[][];
  beforeAll(async () => {
    // The same listing in Markdown: the same labels and cells as the table, whole.
    const md = await run([...argv, '--format', 'md'], { db });
    expect(md.code).toBe(0);
    const table = md.stdout.split('\n').filter((l) => l.startsWith('| '));
    const cells = (l: string) => l.slice(2, -2).split(' | ').map((c) => c.replace(/<br>/g, ' ').replace(/\\\|/g, '|'));
    labels = cells(table[0]);
    expected = table.slice(1).map(cells);
  });

  it.each(WIDTHS.flatMap((w) => [[w, true] as const, [w, false] as const]))('at %i columns (colour %s) fits, every value present or its column named', async (width, colour) => {
    const out = await run([...argv, ...(colour ? [] : ['--no-color'])], { db, tty: true, env: { COLUMNS: String(width) } });
    expect(out.code).toBe(0);
    expect(/\u001b\[/.test(out.stdout)).toBe(colour);
    for (const line of strip(out.stdout).split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(width);

    const table = parseTable(out.stdout);
    const shown = table.header.map((h) => labels.findIndex((l) => squash(l) === squash(h)));
    expect(shown).not.toContain(-1);
    const left = labels.filter((_, i) => !shown.includes(i));
    const flat = squash(strip(out.stdout));
    if (left.length) {
      expect(flat).toContain('--wide');
      for (const label of left) expect(flat).toContain(squash(label));
    } else expect(flat).not.toContain('--wide');

    expect(table.rows).toHaveLength(expected.length);
    table.rows.forEach((row, r) =>
      shown.forEach((i, k) => {
        const want = squash(expected[r][i] ?? '');
        // The overdue table names a unit once, at the head of its group.
        if (row[k] === '' && r > 0 && expected[r - 1][i] === expected[r][i]) return;
        expect(squash(row[k]), `${labels[i]}, row ${r + 1}`).toBe(want);
      }),
    );
  });

  it('--wide shows every column', async () => {
    const out = await run([...argv, '--wide'], { db, tty: true, env: { COLUMNS: '60' } });
    expect(parseTable(out.stdout).header).toHaveLength(labels.length);
    expect(out.stdout).not.toContain('--wide');
  });
});

describe('column layout', () => {
  const measure = (s: string) => stringWidth(s);
  const col = (header: string, over: Partial<FitColumn> = {}): FitColumn => ({ header, align: 'left', wrap: true, priority: 2, ...over });

  it('numbers and dates keep their full width; text columns wrap', () => {
    const columns = [col('Mã', { wrap: false, priority: 1 }), col('Nội dung', { priority: 1 }), col('Thời hạn', { wrap: false, priority: 1 })];
    const rows = [['12345', 'một hai ba bốn năm sáu bảy tám chín mười mười một mười hai', '31/12/2017']];
    const { widths, dropped } = layoutColumns(columns, rows, 40, measure);
    expect(dropped).toEqual([]);
    expect(widths[0]).toBe(5);
    expect(widths[2]).toBe(10);
    expect(widths.reduce((a, b) => a + b, 0) + 10).toBeLessThanOrEqual(40);
  });

  it('the highest priority number is left out first, the rightmost of equals first', () => {
    const columns = [col('A', { priority: 1 }), col('B', { priority: 3 }), col('C', { priority: 2 }), col('D', { priority: 3 })];
    const rows = [['x'.repeat(20), 'y'.repeat(20), 'z'.repeat(20), 'w'.repeat(20)]];
    expect(layoutColumns(columns, rows, 40, measure).dropped).toEqual([3]);
    expect(layoutColumns(columns, rows, 30, measure).dropped).toEqual([1, 3]);
    expect(layoutColumns(columns, rows, 20, measure).dropped).toEqual([1, 2, 3]);
    expect(layoutColumns(columns, rows, undefined, measure).dropped).toEqual([]);
  });

  it('Vietnamese text is measured in display columns, not code units', () => {
    const decomposed = 'Phường Bến Nghé'.normalize('NFD');
    const { widths } = layoutColumns([col('Đơn vị', { priority: 1 })], [[decomposed]], 80, measure);
    expect(widths[0]).toBe(15);
  });
});

describe('text wrapped to the terminal', () => {
  it('wraps at words, continuation lines under the value of a "label   value" line', async () => {
    await preloadTerminalText();
    const line = 'Nguồn giao           Giải pháp tăng cường thực hiện Chỉ thị số 05-CT/TW, ngày 15 tháng 5 năm 2016 của Bộ Chính trị';
    const out = wrapToWidth(`ngắn\n${line}`, 50).split('\n');
    expect(out[0]).toBe('ngắn');
    expect(out[1].startsWith('Nguồn giao           Giải pháp')).toBe(true);
    for (const l of out) expect(stringWidth(l)).toBeLessThanOrEqual(50);
    for (const l of out.slice(2)) expect(l.startsWith(' '.repeat(21))).toBe(true);
    expect(squash(out.slice(1).join(' '))).toBe(squash(line));
  });

  it('leaves lines that fit as they are', async () => {
    await preloadTerminalText();
    const text = 'a b c\n  d e';
    expect(wrapToWidth(text, 80)).toBe(text);
  });
});

describe('a terminal too narrow for any table', () => {
  it('writes one field a line, every column included, no line wider than the terminal', async () => {
    const db = sampleDbPath();
    const out = await run(['overdue', '--as-of', '31/12/2017', '--no-color'], { db, tty: true, env: { COLUMNS: '36' } });
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain('┌');
    expect(out.stdout).not.toContain('--wide');
    for (const line of out.stdout.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(36);
    expect(out.stdout).toMatch(/^Nguồn giao +05-CT\/TW$/m);
    expect(out.stdout).toMatch(/^Thời hạn +31\/01\/2017$/m);
    expect(out.stdout.match(/^Mã số +\d+$/gm)).toHaveLength(5);
  });
});
