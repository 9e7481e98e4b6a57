/**
 * `meeting drafts` on a terminal fits its width: at 60 and 80 columns no line is wider than the
 * terminal, the title and the next question wrap at word boundaries (every word still there) and
 * the columns left out are named.
 */
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/store/drafts.js';
import { run, sampleDbPath, openTestDb } from '../helpers.js';

// eslint-disable-next-line no-control-regex
const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const squash = (s: string) => s.replace(/[\s│]+/g, '');

const TITLE = 'Hội nghị giao ban công tác xây dựng Đảng quý III năm 2017 của Đảng ủy các phường trên địa bàn quận';

let db: string;
let draftId: number;
beforeAll(() => {
  db = sampleDbPath();
  const h = openTestDb(db);
  try {
    draftId = createDraft(h, { at: '2017-09-20T08:00:00.000Z', user: 'test', command: 'test' }, 'minutes', {
      version: 1,
      answers: { heldOn: '2017-09-20', kind: 'giao-ban', title: TITLE },
    });
  } finally {
    h.close();
  }
});

describe('meeting drafts on a terminal', () => {
  it.each([60, 80])('at %i columns fits, the title wraps at words and the id, date and next question are shown', async (width) => {
    const out = await run(['meeting', 'drafts', '--lang', 'en'], { db, tty: true, env: { COLUMNS: String(width), THUKY_TODAY: '20/09/2017' } });
    expect(out.code).toBe(0);
    const lines = strip(out.stdout).split('\n');
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
    const flat = squash(strip(out.stdout));
    // The whole title, wrapped (cells of one column, line after line, joined).
    const titleCells = lines.filter((l) => l.startsWith('│')).map((l) => l.split('│')[3]?.trim() ?? '');
    expect(titleCells.join(' ').replace(/\s+/g, ' ')).toContain(TITLE);
    // No word was cut: every line of the title cell is made of whole words of the title.
    const words = new Set(TITLE.split(' '));
    for (const cell of titleCells.filter(Boolean).slice(1)) for (const w of cell.split(' ')) expect(words.has(w), w).toBe(true);
    expect(flat).toContain(String(draftId));
    expect(flat).toContain('20/09/2017');
    expect(flat).toContain(squash('Period'));
    expect(flat).toContain('--wide');
  });

  it('--wide shows every column', async () => {
    const out = await run(['meeting', 'drafts', '--lang', 'en', '--wide'], { db, tty: true, env: { COLUMNS: '60', THUKY_TODAY: '20/09/2017' } });
    expect(out.code).toBe(0);
    expect(strip(out.stdout)).not.toContain('--wide');
  });
});
