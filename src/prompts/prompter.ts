/**
 * The few questions an interactive session asks, behind an interface: the real one is built on
 * @inquirer/prompts (loaded only by the commands that ask), tests use a scripted fake.
 */

export interface Choice<V> {
  value: V;
  name: string;
  description?: string;
  /** Preselected in a checkbox. */
  checked?: boolean;
}

export type Validate<T> = (value: T) => true | string;

export interface InputQuestion {
  message: string;
  default?: string;
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

export interface Prompter {
  input(q: InputQuestion): Promise<string>;
  select<V extends string>(q: SelectQuestion<V>): Promise<V>;
  checkbox<V>(q: CheckboxQuestion<V>): Promise<V[]>;
  search<V>(q: SearchQuestion<V>): Promise<V>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
  editor(q: EditorQuestion): Promise<string>;
  /** Shows text between questions (the summary before saving). */
  say(text: string): void;
}

/** What @inquirer/prompts throws on Ctrl-C; the error boundary turns it into exit 130. */
export function isPromptInterrupt(err: unknown): boolean {
  const name = (err as Error | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}
