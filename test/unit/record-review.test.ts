/**
 * The review before saving: on a small terminal it is shown a window at a time (never taller than
 * the terminal, no line wider), and a meeting like this one already saved can be opened instead.
 */
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { translator } from '../../src/i18n/index.js';
import { displayWidth } from '../../src/prompts/fit-line.js';
import type { Answers } from '../../src/prompts/minutes/answers.js';
import { runMinutesFlow } from '../../src/prompts/minutes/script.js';
import { minutesLookups } from '../../src/cli/commands/record/lookups.js';
import type { Prompter } from '../../src/prompts/prompter.js';
import { openDatabase } from '../../src/store/db.js';
import { openSample, sampleDbPath } from '../helpers.js';
import { fullScript, ScriptedPrompter, sevenSpeeches, type Step } from './record-fake-prompter.js';

const t = translator('en');
const deps = (db: ReturnType<typeof openSample>, prompter: ScriptedPrompter, screen: { rows?: number; columns?: number } = {}) => ({
  lookups: minutesLookups(db),
  prompter,
  t,
  lang: 'en' as const,
  today: '2017-09-20',
  persist: (_: Answers) => {},
  ...screen,
});

describe('the review on a small terminal', () => {
  it('at 20 rows and 60 columns (three windows): windows that fit above the question, every line whole in the pages, then saved', async () => {
    const db = openSample();
    const prompter = new ScriptedPrompter([...sevenSpeeches(db), { ask: 'Review', answer: 'pageNext' }, { ask: 'Review', answer: 'pageNext' }, { ask: 'Review', answer: 'pagePrev' }, { ask: 'Review', answer: 'save' }]);
    const outcome = await runMinutesFlow(deps(db, prompter, { rows: 20, columns: 60 }), {});
    expect(prompter.remaining).toBe(0);
    expect(outcome.action).toBe('save');
    if (outcome.action !== 'save') return;
    expect(outcome.minutes.speeches).toHaveLength(7);

    // The same recap on a tall terminal: one block, the reference.
    const tall = new ScriptedPrompter([...sevenSpeeches(db), { ask: 'Review', answer: 'save' }]);
    await runMinutesFlow(deps(db, tall, { rows: 200, columns: 60 }), {});
    const whole = tall.said.at(-1)!.split('\n');
    // Too tall for 20 rows with the question under it (6 choices take 10 rows).
    expect(whole.length + 10).toBeGreaterThan(20);

    const pages = prompter.said.slice(-4).map((s) => s.split('\n'));
    const reviews = prompter.selects.filter((q) => q.message.includes('Review'));
    expect(reviews).toHaveLength(4);
    pages.forEach((page, i) => {
      // Recap + question (message, choices, "← back", key hints) within the terminal's rows.
      expect(page.length + reviews[i].choices.length + 1 + 2).toBeLessThanOrEqual(20);
      for (const line of page) expect(displayWidth(line), line).toBeLessThanOrEqual(60);
    });
    // First page, second, third (the last: no "More"), back to the second.
    expect(pages[1]).toEqual(pages[3]);
    const body = (page: string[]) => page.slice(0, -1);
    expect([...body(pages[0]), ...body(pages[1]), ...body(pages[2])]).toEqual(whole);
    expect(reviews[0].choices.map((c) => c.value)).toContain('pageNext');
    expect(reviews[0].choices.map((c) => c.value)).not.toContain('pagePrev');
    expect(reviews[2].choices.map((c) => c.value)).not.toContain('pageNext');
    expect(reviews[2].choices.map((c) => c.value)).toContain('pagePrev');
    expect(pages[0].at(-1)).toMatch(/^\(lines 1–\d+\/\d+\)$/);
  });

  it('a recap that fits is shown whole, without paging choices', async () => {
    const db = openSample();
    const prompter = new ScriptedPrompter(fullScript(db));
    await runMinutesFlow(deps(db, prompter, { rows: 60, columns: 100 }), {});
    expect(prompter.selects.at(-1)!.choices.map((c) => c.value)).not.toContain('pageNext');
    expect(prompter.said.at(-1)).not.toMatch(/\(lines /);
  });
});

/** The session answered as the meeting of 17/6/2017, already saved as meeting 1. */
function sameAsMeeting1(db: ReturnType<typeof openSample>): Step[] {
  const script = fullScript(db).slice(0, -1);
  script[0] = { ask: 'Date of the meeting', answer: '17/06/2017' };
  script[1] = { ask: 'Kind of meeting', answer: 'giao-ban-chuyen-de' };
  script[2] = { ask: 'Title', answer: 'giai phap tang cuong thuc hien chi thi so 05-ct/tw' };
  return script;
}

describe('a meeting like this one already saved', () => {
  it('is offered to open instead (keeping the draft or not), or the new one is saved anyway', async () => {
    const db = openSample();
    const open = new ScriptedPrompter([...sameAsMeeting1(db), { ask: 'Review', answer: 'open:1' }, { ask: 'Keep this draft', answer: false }]);
    expect(await runMinutesFlow(deps(db, open), {})).toEqual({ action: 'openExisting', meetingId: 1, keepDraft: false });
    const review = open.selects.at(-1)!.choices;
    expect(review.map((c) => c.value).slice(0, 2)).toEqual(['save', 'open:1']);
    expect(review[0].name).toBe('Save anyway, as a new meeting');
    expect(review[1].name).toContain('Open meeting 1 instead');

    const keep = new ScriptedPrompter([...sameAsMeeting1(db), { ask: 'Review', answer: 'open:1' }, { ask: 'Keep this draft', answer: true }]);
    expect(await runMinutesFlow(deps(db, keep), {})).toEqual({ action: 'openExisting', meetingId: 1, keepDraft: true });

    const anyway = new ScriptedPrompter([...sameAsMeeting1(db), { ask: 'Review', answer: 'save' }]);
    const saved = await runMinutesFlow(deps(db, anyway), {});
    expect(saved.action).toBe('save');

    // No look-alike: the usual "Save", no "open" choice.
    const plain = new ScriptedPrompter(fullScript(db));
    await runMinutesFlow(deps(db, plain), {});
    expect(plain.selects.at(-1)!.choices.map((c) => c.value)).toEqual(['save', 'edit', 'moreSpeeches', 'moreConclusions', 'later', 'discard']);
  });

  it('meeting record: opening the existing meeting saves nothing, says how to see it, exits 0; the draft kept or discarded as chosen', async () => {
    const path = sampleDbPath();
    const counts = () => {
      const db = openDatabase(path, { create: false });
      try {
        const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
        return { meetings: n('SELECT count(*) AS n FROM meeting'), drafts: n('SELECT count(*) AS n FROM draft') };
      } finally {
        db.close();
      }
    };
    const before = counts();
    const script = (() => {
      const db = openDatabase(path, { create: false });
      try {
        return sameAsMeeting1(db as ReturnType<typeof openSample>);
      } finally {
        db.close();
      }
    })();
    const record = async (prompter: Prompter) => {
      const base = memoryContext({ tty: true, env: { THUKY_TODAY: '20/09/2017' } });
      const code = await runCli(['meeting', 'record', '--db', path, '--lang', 'en'], { ...base, prompter });
      return { code, stderr: base.err(), stdout: base.out() };
    };

    const kept = await record(new ScriptedPrompter([...script, { ask: 'Review', answer: 'open:1' }, { ask: 'Keep this draft', answer: true }]));
    expect(kept.code).toBe(0);
    expect(kept.stderr).toContain('thuky meeting show 1');
    expect(kept.stderr).toMatch(/Draft \d+ kept/);
    expect(counts()).toEqual({ meetings: before.meetings, drafts: before.drafts + 1 });

    const dropped = await record(new ScriptedPrompter([...script, { ask: 'Review', answer: 'open:1' }, { ask: 'Keep this draft', answer: false }]));
    expect(dropped.code).toBe(0);
    expect(dropped.stderr).toContain('thuky meeting show 1');
    expect(dropped.stderr).toMatch(/Draft \d+ discarded/);
    expect(counts()).toEqual({ meetings: before.meetings, drafts: before.drafts + 1 });
  });
});
