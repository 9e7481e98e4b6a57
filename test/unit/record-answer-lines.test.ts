/** The finished lines of answered questions, taken off a (virtual) terminal when going back. */
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerLines, rowsOf } from '../../src/prompts/answer-lines.js';
import { preloadTerminalText } from '../../src/render/fit.js';
import { Screen } from '../pty.js';

beforeAll(() => preloadTerminalText());

function terminal(cols = 20, rows = 8) {
  const screen = new Screen(cols, rows);
  let columns = cols;
  // A terminal's line discipline starts a new line at the left edge.
  const lines = new AnswerLines({ write: (s: string) => (screen.write(s.replace(/\n/g, '\r\n')), true) } as unknown as NodeJS.WritableStream, () => columns);
  return { screen, lines, resize: (n: number) => void (columns = n) };
}

describe('rowsOf', () => {
  it('counts the rows a text takes, wrapping at the edge', () => {
    expect(rowsOf('', 20)).toBe(1);
    expect(rowsOf('x'.repeat(20), 20)).toBe(1);
    expect(rowsOf('x'.repeat(21), 20)).toBe(2);
    expect(rowsOf('a\nb', 20)).toBe(2);
    // Colours take no room; a wide character that does not fit at the end of a row goes to the next one.
    expect(rowsOf(`\u001b[32m✔\u001b[39m ${'x'.repeat(18)}`, 20)).toBe(1);
    expect(rowsOf(`${'x'.repeat(19)}漢`, 20)).toBe(2);
    expect(rowsOf('漢'.repeat(10), 20)).toBe(1);
    // "✔", which starts every finished line, is one column on a terminal; an emoji shown as such is two.
    expect(rowsOf('✔'.repeat(20), 20)).toBe(1);
    expect(rowsOf('😀'.repeat(10), 20)).toBe(1);
    expect(rowsOf('😀'.repeat(11), 20)).toBe(2);
    // Vietnamese letters written with combining marks are one column each.
    expect(rowsOf('e\u0302\u0301'.repeat(20), 20)).toBe(1);
  });
});

describe('AnswerLines', () => {
  it('takes off exactly the lines of the questions gone back to, wrapped rows included', () => {
    const { screen, lines } = terminal();
    lines.answer('✔ Date 20/09/2017');
    const from = lines.mark();
    lines.answer(`✔ Title ${'x'.repeat(20)}`);
    lines.answer('✔ Kind Briefing');
    expect(screen.lines().slice(0, 5)).toEqual(['✔ Date 20/09/2017', '✔ Title xxxxxxxxxxxx', 'xxxxxxxx', '✔ Kind Briefing', '']);
    lines.erase(from, lines.mark());
    expect(screen.lines().slice(0, 2)).toEqual(['✔ Date 20/09/2017', '']);
    expect([screen.x, screen.y]).toEqual([0, 1]);
    // Back once more: the line above goes too, and what is written next takes its place.
    lines.erase(0, lines.mark());
    screen.write('? Date');
    expect(screen.lines().slice(0, 2)).toEqual(['? Date', '']);
  });

  it('a line exactly as wide as the terminal takes one row: the line above it stays', () => {
    const { screen, lines } = terminal();
    lines.answer('✔ Date 20/09/2017');
    const from = lines.mark();
    lines.answer(`✔ Title ${'x'.repeat(12)}`);
    expect(screen.lines().slice(0, 3)).toEqual(['✔ Date 20/09/2017', '✔ Title xxxxxxxxxxxx', '']);
    lines.erase(from, lines.mark());
    expect(screen.lines().slice(0, 2)).toEqual(['✔ Date 20/09/2017', '']);
  });

  it('leaves the screen as it is when something else was written among or after the lines', () => {
    const { screen, lines } = terminal();
    const from = lines.mark();
    lines.answer('✔ Unit Ward 1');
    screen.write('Unit added\r\n');
    lines.other();
    lines.answer('✔ Kind Ward');
    const to = lines.mark();
    const before = screen.text();
    lines.erase(from, to);
    expect(screen.text()).toBe(before);

    // Lines that are no longer the last thing written stay too.
    const at = lines.mark();
    lines.answer('✔ Place Hall');
    const placed = lines.mark();
    lines.answer('✔ Start 08:00');
    const after = screen.text();
    lines.erase(at, placed);
    expect(screen.text()).toBe(after);
  });

  it('leaves the screen as it is when the terminal changed width since', () => {
    const { screen, lines, resize } = terminal();
    lines.answer('✔ Title Giao ban');
    const before = screen.text();
    resize(30);
    lines.erase(0, lines.mark());
    expect(screen.text()).toBe(before);
  });
});
