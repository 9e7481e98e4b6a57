/**
 * The review before saving in a real terminal of 80×24 with seven speeches: the recap is shown a
 * window at a time, so that its heading, the question and all its choices are on the screen
 * together; "More" shows the next window; the meeting is then saved whole.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { engineDb, openTestDb, ROOT, runBin, sampleDbPath } from '../helpers.js';
import { cursorLine, driver, KEY, spawnBin, type Term } from '../pty.js';
import { ScriptedPrompter, sevenSpeeches } from '../unit/record-fake-prompter.js';

const ROWS = 24;
const COLS = 80;

describe('the review in a terminal of 80×24 (node-pty)', () => {
  const terms: Term[] = [];
  let db: string;
  let draftId: number;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'thuky.cjs')) && !existsSync(join(ROOT, 'dist', 'thuky.js'))) throw new Error('build first: npm run build');
    db = engineDb(sampleDbPath());
    // A draft answered up to the review (seven speeches), left by Ctrl-C at the review.
    const h = openTestDb(db);
    const steps = sevenSpeeches(h);
    h.close();
    const base = memoryContext({ tty: true, env: { THUKY_TODAY: '20/09/2017' } });
    const code = await runCli(['meeting', 'record', '--db', db, '--lang', 'en'], { ...base, prompter: new ScriptedPrompter(steps) });
    expect(code).toBe(130);
    draftId = Number(/Draft (\d+) kept/.exec(base.err())![1]);
  });

  afterEach(() => {
    for (const t of terms.splice(0)) t.kill();
  });

  it('shows the recap in windows that fit with the question; More, then save', { timeout: 120_000 }, async () => {
    const term = spawnBin(['meeting', 'record', '--resume', String(draftId), '--db', db], { cols: COLS, rows: ROWS, env: { THUKY_TODAY: '20/09/2017', THUKY_LANG: 'en' } });
    terms.push(term);
    const d = driver(term);
    const Q = 'Review, then choose';
    const first = await term.waitFor((s) => cursorLine(s, Q) === 'Save the meeting' && s.lines().some((l) => l.includes('← Back')), 'the review, first window');
    // The heading of the recap, its window line, the question and its last choice: all on the screen at once.
    expect(first).toContain('— Review before saving —');
    expect(first).toMatch(/\(lines 1–\d+\/\d+\)/);
    expect(first).toContain('Discard the draft');
    expect(first).not.toContain('Conclusions (1)');
    expect(term.screen.lines()).toHaveLength(ROWS);

    await d.cursorTo(Q, 'down', 'More ▼');
    term.send(KEY.enter);
    const second = await term.waitFor((s) => cursorLine(s, Q) === 'Save the meeting' && s.lines().some((l) => /\(lines (\d+)–/.test(l) && !l.includes('(lines 1–')), 'the next window');
    expect(second).toContain('Conclusions (1)');
    expect(second).toContain('Speeches (7)');
    // Long parts cut to the width, at a word, keeping their indent.
    expect(second).toMatch(/^  7\. Phường Cầu Kho — prepared contribution: .*…$/m);
    expect(second).toContain('Discard the draft');
    expect(second).toContain('Back up ▲');
    for (const line of term.screen.lines()) expect(line.length).toBeLessThanOrEqual(COLS);

    term.send(KEY.enter);
    const done = await term.waitFor(/Meeting (\d+) saved/);
    expect(await term.exited).toBe(0);
    const id = /Meeting (\d+) saved/.exec(done)![1];
    const shown = runBin(['meeting', 'show', id, '--json', '--db', db]);
    expect(shown.code).toBe(0);
    const m = JSON.parse(shown.stdout) as { speeches: unknown[]; chairRemarks?: unknown[] };
    expect(m.speeches.length + (m.chairRemarks?.length ?? 0)).toBe(7);
  });
});
