/**
 * Long choices (a person with many positions and a unit) stay on one terminal line: cut at a word
 * with "…", never inside a word; the whole text is the highlighted choice's description, broken at
 * word boundaries.
 */
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { cutToWidth, displayWidth, wrapWords } from '../../src/prompts/fit-line.js';
import { inquirerPrompter, safeChoices } from '../../src/prompts/inquirer.js';

const LONG = 'Nguyễn Thị Phương Thảo — Phó Bí thư Thường trực Đảng ủy, Chủ tịch Hội đồng nhân dân phường, Trưởng ban Dân vận (Phường Nguyễn Cư Trinh)';
const words = new Set(LONG.split(' '));

describe('choices that fit the terminal width', () => {
  it('cutToWidth cuts at a word boundary with an ellipsis, within the width', () => {
    for (const width of [20, 40, 60, 79]) {
      const cut = cutToWidth(LONG, width);
      expect(displayWidth(cut)).toBeLessThanOrEqual(width);
      expect(cut.endsWith('…')).toBe(true);
      const kept = cut.slice(0, -1);
      expect(LONG.startsWith(kept)).toBe(true);
      // What follows the kept text in the original is a space (or the separators trimmed before it).
      expect(LONG.slice(kept.length)).toMatch(/^[\s—,(]/);
    }
    expect(cutToWidth('Phường Bến Nghé', 40)).toBe('Phường Bến Nghé');
    // Decomposed accents take no columns.
    expect(displayWidth('Phường Bến Nghé'.normalize('NFD'))).toBe(15);
  });

  it('wrapWords breaks only between words', () => {
    for (const width of [15, 30, 59]) {
      const lines = wrapWords(LONG, width);
      for (const line of lines) {
        expect(displayWidth(line)).toBeLessThanOrEqual(width);
        for (const w of line.split(' ')) expect(words.has(w), `${w} at ${width}`).toBe(true);
      }
      expect(lines.join(' ')).toBe(LONG);
    }
  });

  it('safeChoices: the long one cut, its whole text in the description and echoed once chosen; short ones untouched', () => {
    const [long, short] = safeChoices([{ value: 1, name: LONG }, { value: 2, name: 'Phường Bến Nghé' }], 60);
    expect(displayWidth(long.name)).toBeLessThanOrEqual(55);
    expect(long.name.endsWith('…')).toBe(true);
    expect(long.short).toBe(LONG);
    expect(long.description!.split('\n').join(' ')).toBe(LONG);
    for (const line of long.description!.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(59);
    expect(short).toEqual({ value: 2, name: 'Phường Bến Nghé', description: undefined });
    // Without a known width (a test stream), names are as they are.
    expect(safeChoices([{ value: 1, name: LONG }])[0].name).toBe(LONG);
  });

  it('the real search at 60 columns: every screen line is within the width and made of whole words', async () => {
    const prompter = await inquirerPrompter({ t: translator('en'), columns: 60 });
    const answer = prompter.search<number>({ message: 'Chair 1', source: () => [{ value: 7, name: LONG }, { value: 8, name: 'Phường Bến Nghé' }] });
    let shown = '';
    for (let i = 0; i < 50 && !shown.includes('…'); i++) {
      shown = screen.getScreen();
      if (!shown.includes('…')) await screen.next();
    }
    expect(shown).toContain("…");
    const known = new Set([...words, ...'Phường Bến Nghé ← Back'.split(' ')]);
    for (const line of shown.split('\n')) {
      expect(displayWidth(line), line).toBeLessThanOrEqual(60);
      // Lines of the list and of the description: every word a word of the choices (the last one of a cut name ends in "…").
      if (line.includes('Thảo') || line.includes('Đảng') || line.includes('phường'))
        for (const w of line.replace(/^[\s❯>]+/, '').split(' ').filter(Boolean)) expect(known.has(w.replace(/…$/, '')) || w === '…', `${w} in "${line}"`).toBe(true);
    }
    screen.keypress('enter');
    expect(await answer).toBe(7);
  });
});

describe('recap lines cut to the width', () => {
  it('keep their indent', () => {
    const cut = cutToWidth('  1. Phường Cầu Kho — prepared contribution: Kết quả một năm thực hiện Chỉ thị 05 của Bộ Chính trị', 60);
    expect(cut.startsWith('  1. Phường Cầu Kho')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(displayWidth(cut)).toBeLessThanOrEqual(60);
  });
});
