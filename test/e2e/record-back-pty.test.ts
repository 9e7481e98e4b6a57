/**
 * Going back in a real terminal of 80 columns (node-pty): the question gone back to is asked again
 * as if for the first time — its earlier finished line ("✔ Title …") is taken off the screen, the
 * lines of the answers before it stay, and pressing Esc again and again leaves no stale lines.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engineDb, ROOT, runBin, sampleDbPath } from '../helpers.js';
import { activeQuestion, cursorLine, driver, KEY, spawnBin, type Screen, type Term } from '../pty.js';

const TITLE = 'Giao ban thử quay lại';

/** The screen's lines (wrapped rows joined) that start with `start`. */
const starting = (s: Screen, start: string) => s.logical().filter((l) => l.startsWith(start));

describe('meeting record: going back takes the earlier answer off the screen (node-pty)', () => {
  const terms: Term[] = [];
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'thuky.cjs')) && !existsSync(join(ROOT, 'dist', 'thuky.js'))) throw new Error('build first: npm run build');
  });
  afterEach(() => {
    for (const t of terms.splice(0)) t.kill();
  });

  it('Esc after the title: the title asked once, prefilled, no earlier line for it; then saved', { timeout: 120_000 }, async () => {
    const db = engineDb(sampleDbPath());
    const term = spawnBin(['meeting', 'record', '--db', db], { cols: 80, rows: 40, env: { THUKY_TODAY: '20/09/2017', THUKY_LANG: 'en', EDITOR: undefined, VISUAL: undefined } });
    terms.push(term);
    const d = driver(term);
    await d.answer('Date of the meeting (20/09/2017)', null);
    await d.answer('Kind of meeting', null);
    await d.answer('Title', TITLE);

    // Esc at the period: the title again, its answer in the line, as if asked for the first time.
    await d.question('Period');
    term.send(KEY.esc);
    await d.echoed('Title', TITLE);
    let s = term.screen;
    expect(s.logical().filter((l) => l.includes('Title'))).toEqual([`? Title / subject ${TITLE}`]);
    expect(starting(s, '✔ Title')).toEqual([]);
    expect(s.text()).not.toContain('Period');
    // The answers before it stay, right above it.
    expect(s.logical().slice(0, 3)).toEqual(['✔ Date of the meeting 20/09/2017', '✔ Kind of meeting Briefing', `? Title / subject ${TITLE}`]);

    // Esc again: the kind asked again, the title gone too; the date stays.
    term.send(KEY.esc);
    await term.waitFor((s) => cursorLine(s, 'Kind of meeting') === 'Briefing', 'the kind asked again');
    s = term.screen;
    expect(s.text()).not.toContain('Title');
    expect(starting(s, '✔')).toEqual(['✔ Date of the meeting 20/09/2017']);
    expect(activeQuestion(s, 'Kind of meeting')).toBe(1);

    // Forward again: each answer once on the screen.
    term.send(KEY.enter);
    await d.echoed('Title', TITLE);
    term.send(KEY.enter);
    await d.answer('Period', null);
    await d.answer('Place', null);
    await d.answer('Start time', '08:00');
    expect(starting(term.screen, '✔ Title')).toEqual([`✔ Title / subject ${TITLE}`]);

    // A finished line two rows long at 80 columns, taken off whole.
    await d.choose('Chair 1', 'hai', 'Huỳnh Thanh Hải — Thành ủy viên', d.listed('Chair 1', '+ Add a new person: hai'));
    await d.question('Chair 2');
    expect(starting(term.screen, '✔ Chair 1')).toHaveLength(1);
    term.send(KEY.esc);
    await term.waitFor((s) => cursorLine(s, 'Chair 1')?.startsWith('Huỳnh Thanh Hải') === true, 'Chair 1 asked again, Huỳnh Thanh Hải under the cursor');
    s = term.screen;
    expect(s.text()).not.toContain('Chair 2');
    expect(starting(s, '✔ Chair 1')).toEqual([]);
    const lines = s.logical();
    expect(lines[activeQuestion(s, 'Chair 1') - 1]).toBe('✔ Start time, HH:mm (may be left empty) 08:00');
    term.send(KEY.enter);

    await d.choose('Chair 2', '', '✓ Done');
    await d.choose('Guest 1', '', '✓ Done');
    await d.choose('Recorder', '', '— None');
    await d.question('Invited units');
    await term.waitFor(d.listed('Invited units', '◉ Phường Tân Định'));
    term.send(KEY.enter);
    await d.answer('Absent units', null);
    await d.choose('Document 1', '', '✓ Done');
    await d.cursorTo('Speech 1', 'down', '✓ No more speeches');
    term.send(KEY.enter);
    await d.answer('Conclusion 1', null);
    await d.answer('End time', null);
    await term.waitFor((s) => cursorLine(s, 'Review, then choose') === 'Save the meeting', 'the review');
    term.send(KEY.enter);
    const done = await term.waitFor(/Meeting (\d+) saved/);
    expect(await term.exited).toBe(0);
    const id = /Meeting (\d+) saved/.exec(done)![1];
    const shown = runBin(['meeting', 'show', id, '--json', '--db', db]);
    expect(shown.code).toBe(0);
    const m = JSON.parse(shown.stdout) as { title: string; kind: string; startTime: string; chairs: { fullName: string }[] };
    expect(m).toMatchObject({ title: TITLE, kind: 'giao-ban', startTime: '08:00' });
    expect(m.chairs.map((c) => c.fullName)).toEqual(['Huỳnh Thanh Hải']);
  });
});
