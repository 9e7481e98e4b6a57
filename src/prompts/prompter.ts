/**
 * The few questions an interactive session asks, behind an interface: the real one is built on
 * @inquirer/prompts (loaded only by the commands that ask), tests use a scripted fake.
 */

export interface Choice<V> {
  value: V;
  name: string;
  description?: string;
  /** What is echoed once chosen, when the name shown was shortened. */
  short?: string;
  /** Preselected in a checkbox. */
  checked?: boolean;
}

export type Validate<T> = (value: T) => true | string;

export interface InputQuestion {
  message: string;
  default?: string;
  /** The earlier answer, put back in the line to be edited (when going back to this question). */
  prefill?: string;
  validate?: Validate<string>;
}

export interface SelectQuestion<V> {
  message: string;
  choices: Choice<V>[];
  default?: V;
}

export interface CheckboxQuestion<V> {
  message: string;
  choices: Choice<V>[];
}

export interface SearchQuestion<V> {
  message: string;
  /** The earlier answer, under the cursor when it is in the first list shown. */
  default?: V;
  /** The choices for what has been typed so far ('' before anything is typed). */
  source: (term: string) => Choice<V>[];
}

export interface ConfirmQuestion {
  message: string;
  default?: boolean;
}

export interface EditorQuestion {
  message: string;
  default?: string;
  validate?: Validate<string>;
}

/** Thrown by a question when the user presses Esc (or picks "← back"): the session goes back one question. */
export class GoBack extends Error {
  constructor() {
    super('back');
    this.name = 'GoBack';
  }
}

export const isGoBack = (err: unknown): err is GoBack => (err as Error | undefined)?.name === 'GoBack';

export interface Prompter {
  input(q: InputQuestion): Promise<string>;
  select<V extends string>(q: SelectQuestion<V>): Promise<V>;
  checkbox<V>(q: CheckboxQuestion<V>): Promise<V[]>;
  search<V>(q: SearchQuestion<V>): Promise<V>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
  editor(q: EditorQuestion): Promise<string>;
  /** Shows text between questions (the summary before saving). */
  say(text: string): void;
  /**
   * On a terminal: the mark of what was last written (finished questions' lines, text said), for
   * `erase`. Elsewhere absent (or always 0).
   */
  mark?(): number;
  /**
   * On a terminal: takes off the screen the finished lines of the questions answered between marks
   * `from` and `to` (a question gone back to is asked again as if for the first time), when they are
   * still the last thing on it and nothing else is among them; otherwise leaves the screen as it is.
   */
  erase?(from: number, to: number): void;
  /** Whether an external editor is set ($VISUAL or $EDITOR); without one, summaries are typed in place. */
  hasEditor?(): boolean;
  /** Releases the terminal at the end of the session. */
  close?(): void;
}

/** What @inquirer/prompts throws on Ctrl-C; the error boundary turns it into exit 130. */
export function isPromptInterrupt(err: unknown): boolean {
  const name = (err as Error | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}
