/** A scripted Prompter for the minutes session tests: answers in order; when they run out, Ctrl-C. */
import type { CheckboxQuestion, Choice, ConfirmQuestion, EditorQuestion, InputQuestion, Prompter, SearchQuestion, SelectQuestion } from '../../src/prompts/prompter.js';

/**
 * One expected question: a part of its message, and the answer.
 * - input/editor: a string (undefined = press Enter on the default)
 * - search: the text typed; the first choice offered is taken (or `pick` chooses among them)
 * - select: the value; checkbox: the values (or 'default' for the preselected ones); confirm: a boolean
 */
export interface Step {
  ask: string;
  answer?: unknown;
  pick?: (choices: Choice<unknown>[]) => Choice<unknown> | undefined;
}

export class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  readonly said: string[] = [];
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
    return step;
  }

  async input(q: InputQuestion): Promise<string> {
    const step = this.next(q.message);
    const value = step.answer === undefined ? (q.default ?? '') : String(step.answer);
    const ok = q.validate ? q.validate(value) : true;
    if (ok !== true) throw new Error(`answer "${value}" refused: ${ok}`);
    return value;
  }

  async select<V extends string>(q: SelectQuestion<V>): Promise<V> {
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
