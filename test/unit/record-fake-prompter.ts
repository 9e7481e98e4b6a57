/** A scripted Prompter for the minutes session tests: answers in order; when they run out, Ctrl-C. */
import type { Db } from '../../src/store/db.js';
import { resolvePerson } from '../../src/store/people.js';
import { resolveUnit } from '../../src/store/units.js';
import { GoBack } from '../../src/prompts/prompter.js';
import type { CheckboxQuestion, Choice, ConfirmQuestion, EditorQuestion, InputQuestion, Prompter, SearchQuestion, SelectQuestion } from '../../src/prompts/prompter.js';

/**
 * One expected question: a part of its message, and the answer.
 * - input/editor: a string (undefined = press Enter on the default); an Error makes the editor fail
 * - search: the text typed; the first choice offered is taken (or `pick` chooses among them)
 * - select: the value; checkbox: the values (or 'default' for the preselected ones); confirm: a boolean
 */
export interface Step {
  ask: string;
  answer?: unknown;
  pick?: (choices: Choice<unknown>[]) => Choice<unknown> | undefined;
}

/** A step answer that presses Esc (goes back one question). */
export const BACK = Symbol('back');

export class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  /** What each question offered as its earlier answer (prefill or default), by message. */
  readonly offered: { message: string; value: unknown }[] = [];
  readonly said: string[] = [];
  /** Every list question asked, with its choices, for assertions. */
  readonly selects: { message: string; choices: Choice<string>[] }[] = [];
  /** The choices shown by the last search, for assertions. */
  lastChoices: Choice<unknown>[] = [];

  constructor(private readonly steps: Step[]) {}

  get remaining(): number {
    return this.steps.length;
  }

  private next(message: string): Step {
    this.asked.push(message);
    const step = this.steps.shift();
    if (!step) throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    if (!message.includes(step.ask)) throw new Error(`expected a question containing "${step.ask}", got "${message}"`);
    if (step.answer === BACK) throw new GoBack();
    return step;
  }

  async input(q: InputQuestion): Promise<string> {
    this.offered.push({ message: q.message, value: q.prefill });
    const step = this.next(q.message);
    const value = step.answer === undefined ? (q.prefill ?? q.default ?? '') : String(step.answer);
    const ok = q.validate ? q.validate(value) : true;
    if (ok !== true) throw new Error(`answer "${value}" refused: ${ok}`);
    return value;
  }

  async select<V extends string>(q: SelectQuestion<V>): Promise<V> {
    this.offered.push({ message: q.message, value: q.default });
    this.selects.push({ message: q.message, choices: q.choices });
    const step = this.next(q.message);
    const value = (step.answer === undefined ? q.default : step.answer) as V;
    if (!q.choices.some((c) => c.value === value)) throw new Error(`"${value}" is not a choice of "${q.message}"`);
    return value;
  }

  async checkbox<V>(q: CheckboxQuestion<V>): Promise<V[]> {
    const step = this.next(q.message);
    if (step.answer === 'default') return q.choices.filter((c) => c.checked).map((c) => c.value);
    const values = step.answer as V[];
    for (const v of values) if (!q.choices.some((c) => c.value === v)) throw new Error(`${String(v)} is not a choice of "${q.message}"`);
    return values;
  }

  async search<V>(q: SearchQuestion<V>): Promise<V> {
    this.offered.push({ message: q.message, value: q.default });
    const step = this.next(q.message);
    const choices = q.source(String(step.answer ?? ''));
    this.lastChoices = choices as Choice<unknown>[];
    const chosen = step.pick ? step.pick(choices as Choice<unknown>[]) : choices[0];
    if (!chosen) throw new Error(`nothing to pick for "${String(step.answer)}" in "${q.message}"`);
    return chosen.value as V;
  }

  async confirm(q: ConfirmQuestion): Promise<boolean> {
    const step = this.next(q.message);
    return step.answer === undefined ? !!q.default : !!step.answer;
  }

  async editor(q: EditorQuestion): Promise<string> {
    const step = this.next(q.message);
    if (step.answer instanceof Error) throw step.answer;
    const value = String(step.answer ?? q.default ?? '');
    const ok = q.validate ? q.validate(value) : true;
    if (ok !== true) throw new Error(`editor text refused: ${ok}`);
    return value;
  }

  say(text: string): void {
    this.said.push(text);
  }
}

/** Picks the choice whose label contains a text. */
export const named = (text: string) => (choices: Choice<unknown>[]) => choices.find((c) => c.name.includes(text));

const TODAY = '2017-09-20';

export function ids(db: Db) {
  const unit = (q: string) => resolveUnit(db, q, { at: TODAY }).id;
  return { BN: unit('BN'), CK: unit('CK'), CG: unit('CG'), hai: resolvePerson(db, 'huynh thanh hai').id, nga: resolvePerson(db, 'hoang thi to nga').id };
}

/** A whole session: 3 speeches (unit, person with the editor, unit), 1 conclusion for 2 wards. */
export function fullScript(db: Db): Step[] {
  const u = ids(db);
  return [
    { ask: 'Date of the meeting', answer: '20/09/2017' },
    { ask: 'Kind of meeting', answer: 'giao-ban' },
    { ask: 'Title', answer: '  Giao ban   quý III năm 2017 ' },
    { ask: 'Period' },
    { ask: 'Place', answer: 'Hội trường Quận ủy' },
    { ask: 'Start time', answer: '8h' },
    { ask: 'Chair 1', answer: 'hai' },
    { ask: 'Chair 2', answer: 'NGA' },
    { ask: 'Chair 3', answer: '' },
    { ask: 'Guest 1', answer: '' },
    { ask: 'Recorder', answer: '' },
    { ask: 'Invited units', answer: 'default' },
    { ask: 'Absent units', answer: [u.CG] },
    { ask: 'Reason', answer: 'Trùng lịch tiếp công dân' },
    { ask: 'Document 1', answer: '05-ct' },
    { ask: 'Document 2', answer: '' },
    { ask: 'Speech 1', answer: 'unit' },
    { ask: 'Unit speaking', answer: 'cau kho' },
    { ask: 'Kind', answer: 'tham-luan' },
    { ask: 'Summary', answer: 'Kết quả một năm thực hiện Chỉ thị 05' }, { ask: 'Line 2', answer: '' },
    { ask: 'Speech 2', answer: 'person' },
    { ask: 'Speaker', answer: 'to nga' },
    { ask: 'Kind', answer: 'chi-dao' },
    { ask: 'Summary', answer: '' },
    { ask: 'Summary', answer: 'Dòng một.\nDòng hai.\n' },
    { ask: 'Speech 3', answer: 'unit' },
    { ask: 'Unit speaking', answer: 'BN' },
    { ask: 'Kind', answer: 'tham-luan' },
    { ask: 'Summary', answer: 'Mô hình dân vận khéo' }, { ask: 'Line 2', answer: '' },
    { ask: 'Speech 4', answer: 'done' },
    { ask: 'Conclusion 1', answer: 'Mỗi phường xây dựng khâu đột phá cụ thể' },
    { ask: 'Assign to units', answer: [u.BN, u.CK] },
    { ask: 'Time limit', answer: '30d' },
    { ask: 'Conclusion 2', answer: '' },
    { ask: 'End time', answer: '11:30' },
    { ask: 'Review', answer: 'save' },
  ];
}


/** The whole session with seven speeches (long summaries) instead of three, up to the review. */
export function sevenSpeeches(db: Db): Step[] {
  const script = fullScript(db);
  const at = script.findIndex((s) => s.ask === 'Speech 4');
  const more: Step[] = [];
  for (let n = 4; n <= 7; n++)
    more.push(
      { ask: `Speech ${n}`, answer: 'unit' },
      { ask: 'Unit speaking', answer: 'cau kho' },
      { ask: 'Kind', answer: 'tham-luan' },
      { ask: 'Summary', answer: `Ý kiến thứ ${n}: kết quả thực hiện khâu đột phá về cải cách hành chính, tiếp công dân và giải quyết khiếu nại của phường trong quý` },
      { ask: 'Line 2', answer: '' },
    );
  return [...script.slice(0, at), ...more, { ask: 'Speech 8', answer: 'done' }, ...script.slice(at + 1, -1)];
}

