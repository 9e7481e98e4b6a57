/**
 * The minutes session going back on a (virtual) terminal: the finished lines of the questions gone
 * back to are taken off, so that the screen reads as if they had been answered once, in order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { AnswerLines } from '../../src/prompts/answer-lines.js';
import type { CheckboxQuestion, ConfirmQuestion, InputQuestion, SearchQuestion, SelectQuestion } from '../../src/prompts/prompter.js';
import type { Answers } from '../../src/prompts/minutes/answers.js';
import { runMinutesFlow } from '../../src/prompts/minutes/script.js';
import { minutesLookups } from '../../src/cli/commands/record/lookups.js';
import { preloadTerminalText } from '../../src/render/fit.js';
import { openSample } from '../helpers.js';
import { Screen } from '../pty.js';
import { BACK, fullScript, ScriptedPrompter, type Step } from './record-fake-prompter.js';

const t = translator('en');

beforeAll(() => preloadTerminalText());

/** The scripted answers, each finished question drawn as a line on a virtual terminal (a question gone back from draws nothing). */
class DrawingPrompter extends ScriptedPrompter {
  readonly screen = new Screen(200, 400);
  private readonly lines = new AnswerLines({ write: (s: string) => (this.screen.write(s.replace(/\n/g, '\r\n')), true) } as unknown as NodeJS.WritableStream, () => 200);

  private drawn<T>(message: string, value: T): T {
    this.lines.answer(`✔ ${message} ${JSON.stringify(value)}`);
    return value;
  }
  override async input(q: InputQuestion) {
    return this.drawn(q.message, await super.input(q));
  }
  override async select<V extends string>(q: SelectQuestion<V>) {
    return this.drawn(q.message, await super.select(q));
  }
  override async checkbox<V>(q: CheckboxQuestion<V>) {
    return this.drawn(q.message, await super.checkbox(q));
  }
  override async search<V>(q: SearchQuestion<V>) {
    return this.drawn(q.message, await super.search(q));
  }
  override async confirm(q: ConfirmQuestion) {
    return this.drawn(q.message, await super.confirm(q));
  }
  override say(text: string) {
    super.say(text);
    this.screen.write(`${text.replace(/\n/g, '\r\n')}\r\n`);
    this.lines.other();
  }
  mark() {
    return this.lines.mark();
  }
  erase(from: number, to: number) {
    this.lines.erase(from, to);
  }
}

async function run(script: Step[]): Promise<DrawingPrompter> {
  const db = openSample();
  const prompter = new DrawingPrompter(script);
  const outcome = await runMinutesFlow({ lookups: minutesLookups(db), prompter, t, lang: 'en', today: '2017-09-20', persist: (_: Answers) => {} }, {});
  expect(prompter.remaining).toBe(0);
  expect(outcome.action).toBe('save');
  return prompter;
}

/** The whole session, with a new recorder (name, unit, position) instead of none. */
function script(): Step[] {
  const steps = fullScript(openSample());
  // The title as typed is the title kept (an earlier answer is offered again as kept).
  steps.find((s) => s.ask === 'Title')!.answer = 'Giao ban quý III năm 2017';
  const i = steps.findIndex((s) => s.ask === 'Recorder');
  steps.splice(i, 1, { ask: 'Recorder', answer: 'Lê Văn Ghi' }, { ask: 'Full name' }, { ask: 'Unit of the new person', answer: 'ben nghe' }, { ask: 'Position', answer: 'Chuyên viên' });
  return steps;
}

/** Inserts `steps` before the `nth` step (0-based among its kind) that asks `ask`. */
function before(steps: Step[], ask: string, inserted: Step[], nth = 0): void {
  const at = steps.map((s, i) => (s.ask === ask ? i : -1)).filter((i) => i >= 0)[nth];
  steps.splice(at, 0, ...inserted);
}

describe('going back on a terminal', () => {
  it('leaves the screen as if each question had been answered once', async () => {
    const straight = await run(script());

    const steps = script();
    // Back from the period to the title, then from the title to the kind (each offered again, taken as it was).
    before(steps, 'Period', [{ ask: 'Period', answer: BACK }, { ask: 'Title', answer: BACK }, { ask: 'Kind of meeting' }, { ask: 'Title' }]);
    // Inside a new person: back from its unit to its name.
    before(steps, 'Unit of the new person', [{ ask: 'Unit of the new person', answer: BACK }, { ask: 'Full name' }]);
    // Back from a speech's kind to its unit; back from the second line of a summary to its first.
    before(steps, 'Kind', [{ ask: 'Kind', answer: BACK }, { ask: 'Unit speaking', answer: 'cau kho' }]);
    before(steps, 'Line 2', [{ ask: 'Line 2', answer: BACK }, { ask: 'Summary' }]);
    // Back from the first speech to the last document question.
    before(steps, 'Speech 1', [{ ask: 'Speech 1', answer: BACK }, { ask: 'Document 2', answer: '' }]);
    const detours = await run(steps);

    expect(detours.asked.length).toBeGreaterThan(straight.asked.length + 10);
    expect(detours.screen.transcript()).toBe(straight.screen.transcript());
  });

  it('keeps the earlier line when text was said after it: back from the review to the end time', async () => {
    const steps = script();
    before(steps, 'Review', [{ ask: 'Review', answer: BACK }, { ask: 'End time' }]);
    const p = await run(steps);
    const lines = p.screen.transcript().split('\n');
    expect(lines.filter((l) => l.startsWith('✔ End time'))).toHaveLength(2);
    expect(lines.filter((l) => l.includes('— Review before saving —'))).toHaveLength(2);
    // The recap said after the first end time is still right under it.
    expect(lines[lines.findIndex((l) => l.startsWith('✔ End time')) + 1]).toContain('— Review before saving —');
  });
});
