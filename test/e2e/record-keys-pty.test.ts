/**
 * Typing as fast as the speaker talks, and going back: the built binary in a pseudo-terminal.
 * A whole speech is sent as one burst of keys; what is stored must be what slow typing stores.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/store/drafts.js';
import { resolvePerson } from '../../src/store/people.js';
import { resolveUnit } from '../../src/store/units.js';
import { engineDb, openTestDb, runBin, sampleDbPath, WARDS_2017 } from '../helpers.js';
import { cursorLine, driver, KEY, spawnBin, type Term } from '../pty.js';

const AUDIT = { at: '2026-12-01T00:00:00.000Z', user: 'tester', command: 'test' };

/** A sample database with a draft answered up to the first speech. */
function draftAtSpeeches(): { db: string; id: number } {
  const db = engineDb(sampleDbPath());
  const h = openTestDb(db);
  const at = '2017-09-20';
  const units = WARDS_2017.map((n) => resolveUnit(h, n, { at }).id);
  const answers = {
    heldOn: at,
    kind: 'giao-ban',
    title: 'Giao ban thử gõ nhanh',
    period: '2017-Q3',
    location: null,
    startTime: '08:00',
    'chair.0': { id: resolvePerson(h, 'huynh thanh hai').id },
    'chair.1': { done: true },
    'guest.0': { done: true },
    recorder: { none: true },
    units,
    absent: [],
    'doc.0': { done: true },
    _order: ['heldOn', 'kind', 'title', 'period', 'location', 'startTime', 'chair.0', 'chair.1', 'guest.0', 'recorder', 'units', 'absent', 'doc.0'],
  };
  const id = createDraft(h, AUDIT, 'minutes', { version: 1, answers });
  h.close();
  return { db, id };
}

interface Speech {
  ord: number;
  kind: string;
  unitName: string | null;
  summary: string;
}

function shown(db: string, id: string): { speeches: Speech[]; chairRemarks?: Speech[]; conclusions: unknown[] } {
  const out = runBin(['meeting', 'show', id, '--json', '--db', db]);
  if (out.code !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout);
}

describe('meeting record: typed-ahead keys and going back (node-pty)', () => {
  const terms: Term[] = [];
  afterEach(() => {
    for (const t of terms.splice(0)) t.kill();
  });
  const start = (db: string, cols: number, lang = 'en') => {
    const term = spawnBin(['meeting', 'record', '--resume', '--db', db], { cols, rows: 40, env: { THUKY_TODAY: '20/09/2017', THUKY_LANG: lang, EDITOR: undefined, VISUAL: undefined } });
    terms.push(term);
    return term;
  };

  for (const cols of [80, 120]) {
    it(`a whole speech and the end of the session typed as one burst at ${cols} columns is stored exactly`, { timeout: 60_000 }, async () => {
      const { db } = draftAtSpeeches();
      const term = start(db, cols);
      const d = driver(term);
      await d.question('Speech 1');
      // Unit only · "tan dinh" Enter · kind Enter (default) · two lines and an empty one · no more speeches ·
      // no conclusion · no end time · save. Nothing waits between the keys.
      term.send(
        [
          KEY.down,
          KEY.enter,
          'tan dinh',
          KEY.enter,
          KEY.enter,
          'Dòng một của ý kiến',
          KEY.enter,
          'Dòng hai, có dấu phẩy',
          KEY.enter,
          KEY.enter,
          KEY.down,
          KEY.enter,
          KEY.enter,
          KEY.enter,
          KEY.enter,
        ].join(''),
      );
      const done = await term.waitFor(/Meeting (\d+) saved/);
      expect(await term.exited).toBe(0);
      const id = /Meeting (\d+) saved/.exec(done)![1];
      const m = shown(db, id);
      const speeches = [...m.speeches, ...(m.chairRemarks ?? [])];
      expect(speeches.map((s) => [s.kind, s.unitName, s.summary])).toEqual([['tham-luan', 'Phường Tân Định', 'Dòng một của ý kiến\nDòng hai, có dấu phẩy']]);
      expect(m.conclusions).toEqual([]);
    });
  }

  it('Esc goes back one question with the earlier answer offered, across a section', { timeout: 60_000 }, async () => {
    const { db } = draftAtSpeeches();
    const term = start(db, 120);
    const d = driver(term);
    // Back from the first speech question to the last document question (the section before).
    await d.question('Speech 1');
    await term.waitFor((s) => cursorLine(s, 'Speech 1') !== null, 'the speech list');
    term.send(KEY.esc);
    await term.waitFor((s) => cursorLine(s, 'Document 1') === '✓ Done', 'Document 1 asked again, "Done" under the cursor');
    term.send(KEY.enter);
    // The "← Back" line at the end of the list does the same as Esc.
    await d.cursorTo('Speech 1', 'up', '← Back');
    term.send(KEY.enter);
    await term.waitFor((s) => cursorLine(s, 'Document 1') === '✓ Done', 'Document 1 asked again after "← Back"');
    term.send(KEY.enter);
    await d.cursorTo('Speech 1', 'down', 'Unit only');
    term.send(KEY.enter);
    await d.choose('Unit speaking', 'cau kho', 'Phường Cầu Kho', d.listed('Unit speaking', '+ Add a new unit: cau kho'));
    // At "Kind", Esc: the unit question again, Cầu Kho under the cursor.
    await d.question('Kind');
    await term.waitFor((s) => cursorLine(s, 'Kind') !== null, 'the kind list');
    term.send(KEY.esc);
    await term.waitFor((s) => cursorLine(s, 'Unit speaking') === 'Phường Cầu Kho [CK]', 'the unit question again with Cầu Kho');
    term.send(KEY.enter);
    await d.cursorTo('Kind', 'down', 'remark');
    term.send(KEY.enter);
    await d.answer('Speech 1 — Phường Cầu Kho, remark — Summary', 'Ý kiến sau khi sửa');
    // Esc at the second line: the summary again, its first line ready to be edited.
    await d.question('Line 2');
    term.send(KEY.esc);
    await d.echoed('Speech 1 — Phường Cầu Kho, remark — Summary', 'Ý kiến sau khi sửa');
    term.send(KEY.enter);
    await d.answer('Line 2', null);
    await d.cursorTo('Speech 2', 'down', '✓ No more speeches');
    term.send(KEY.enter);
    await d.answer('Conclusion 1', null);
    await d.answer('End time', null);
    await term.waitFor((s) => cursorLine(s, 'Review, then choose') === 'Save the meeting', 'the review');
    term.send(KEY.enter);
    const done = await term.waitFor(/Meeting (\d+) saved/);
    expect(await term.exited).toBe(0);
    const m = shown(db, /Meeting (\d+) saved/.exec(done)![1]);
    expect([...m.speeches, ...(m.chairRemarks ?? [])].map((s) => [s.kind, s.unitName, s.summary])).toEqual([['phat-bieu', 'Phường Cầu Kho', 'Ý kiến sau khi sửa']]);
  });

  it('after Ctrl-C in a summary, --resume names the speech the summary is for', { timeout: 60_000 }, async () => {
    const { db, id } = draftAtSpeeches();
    const first = start(db, 120);
    const d1 = driver(first);
    await d1.cursorTo('Speech 1', 'down', 'Unit only');
    first.send(KEY.enter);
    await d1.choose('Unit speaking', 'ben thanh', 'Phường Bến Thành', d1.listed('Unit speaking', '+ Add a new unit: ben thanh'));
    await d1.answer('Kind', null);
    await d1.question('Speech 1 — Phường Bến Thành, prepared contribution — Summary');
    first.send(KEY.ctrlC);
    expect(await first.exited).toBe(130);

    const again = start(db, 120);
    const resumed = await driver(again).question('Speech 1 — Phường Bến Thành, prepared contribution — Summary');
    expect(resumed).toContain(`Continuing draft ${id}`);
    expect(resumed).toContain('— Recorded so far —');
    again.send(KEY.ctrlC);
    expect(await again.exited).toBe(130);
  });

  it('the review deletes one speech and edits another, then saves', { timeout: 60_000 }, async () => {
    const { db } = draftAtSpeeches();
    const term = start(db, 120);
    const d = driver(term);
    await d.question('Speech 1');
    // Two unit speeches typed ahead, then the end of the session up to the review.
    term.send(
      [KEY.down, KEY.enter, 'cau kho', KEY.enter, KEY.enter, 'Ý kiến thứ nhất', KEY.enter, KEY.enter].join('') +
        [KEY.enter, 'ben nghe', KEY.enter, KEY.enter, 'Ý kiến thứ hai', KEY.enter, KEY.enter].join('') +
        [KEY.down, KEY.enter, KEY.enter, KEY.enter].join(''),
    );
    const review = await term.waitFor((s) => cursorLine(s, 'Review, then choose') === 'Save the meeting', 'the review');
    expect(review).toContain('Speeches (2)');
    await d.cursorTo('Review, then choose', 'down', 'Edit or delete a part');
    term.send(KEY.enter);
    await d.cursorTo('Which part?', 'down', 'Speech 1 — Phường Cầu Kho');
    term.send(KEY.enter);
    await d.cursorTo('What to do with it?', 'down', 'Delete');
    term.send(KEY.enter);
    await term.waitFor((s) => cursorLine(s, 'Review, then choose') === 'Save the meeting' && s.text().includes('Speeches (1)'), 'the review with one speech');
    // Edit the one left: its questions come back with the earlier answers; the kind is changed.
    await d.cursorTo('Review, then choose', 'down', 'Edit or delete a part');
    term.send(KEY.enter);
    await d.cursorTo('Which part?', 'down', 'Speech 1 — Phường Bến Nghé');
    term.send(KEY.enter);
    await d.cursorTo('What to do with it?', 'down', 'Edit');
    term.send(KEY.enter);
    await term.waitFor((s) => cursorLine(s, 'Speech 1') === 'Unit only (speaker not named)', 'the mode offered again');
    term.send(KEY.enter);
    await term.waitFor((s) => cursorLine(s, 'Unit speaking') === 'Phường Bến Nghé [BN]', 'the unit offered again');
    term.send(KEY.enter);
    await d.cursorTo('Kind', 'down', 'direction');
    term.send(KEY.enter);
    await d.echoed('Speech 1 — Phường Bến Nghé, direction — Summary', 'Ý kiến thứ hai');
    term.send(KEY.enter);
    await d.answer('Line 2', null);
    await term.waitFor((s) => cursorLine(s, 'Review, then choose') === 'Save the meeting' && s.text().includes('Phường Bến Nghé — direction'), 'the review with the edited speech');
    term.send(KEY.enter);
    const done = await term.waitFor(/Meeting (\d+) saved/);
    expect(await term.exited).toBe(0);
    const m = shown(db, /Meeting (\d+) saved/.exec(done)![1]);
    expect([...m.speeches, ...(m.chairRemarks ?? [])].map((s) => [s.ord, s.kind, s.unitName, s.summary])).toEqual([[1, 'chi-dao', 'Phường Bến Nghé', 'Ý kiến thứ hai']]);
  });

  it('speaks Vietnamese throughout: the yes/no question takes "c"/"k" and answers "Có"/"Không"', { timeout: 60_000 }, async () => {
    const { db, id } = draftAtSpeeches();
    const term = runBin(['meeting', 'drafts', '--json', '--db', db]);
    expect(JSON.parse(term.stdout)).toHaveLength(1);
    const t = spawnBin(['meeting', 'drafts', '--discard', String(id), '--db', db], { cols: 100, rows: 20, env: { THUKY_LANG: 'vi' } });
    terms.push(t);
    await t.waitFor((s) => s.text().includes('(c/K)'), 'the yes/no question with (c/K)');
    t.send('x');
    t.send(KEY.enter);
    await t.waitFor((s) => s.text().includes('Trả lời c (có) hoặc k (không)'), 'the refusal of "x"');
    t.send(KEY.backspace + 'k' + KEY.enter);
    await t.waitFor((s) => /Không\s*$/m.test(s.text()) && s.text().includes('Giữ nguyên bản nháp'), 'the answer "Không"');
    expect(await t.exited).toBe(0);
    expect(JSON.parse(runBin(['meeting', 'drafts', '--json', '--db', db]).stdout)).toHaveLength(1);

    const t2 = spawnBin(['meeting', 'drafts', '--discard', String(id), '--db', db], { cols: 100, rows: 20, env: { THUKY_LANG: 'vi' } });
    terms.push(t2);
    await t2.waitFor((s) => s.text().includes('(c/K)'), 'the yes/no question');
    t2.send('có' + KEY.enter);
    await t2.waitFor((s) => s.text().includes('Đã bỏ bản nháp'), 'the draft discarded');
    expect(t2.screen.text()).not.toMatch(/Yes|y\/N/);
    expect(await t2.exited).toBe(0);
    expect(JSON.parse(runBin(['meeting', 'drafts', '--json', '--db', db]).stdout)).toEqual([]);
  });
});
