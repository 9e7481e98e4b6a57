/**
 * The real Prompter, on @inquirer/prompts. Imported only with `await import()` by the commands that
 * ask questions, so that every other command starts without loading it.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Translate } from '../i18n/index.js';
import { sanitizeForTerminal } from '../domain/text.js';
import { neutraliseForTerminal } from '../render/terminal.js';
import type { Choice, Prompter } from './prompter.js';

/** Stored names reach the terminal through the prompts too: their control characters are shown, not run. */
const safeChoices = <V>(choices: Choice<V>[]): Choice<V>[] =>
  choices.map((c) => ({ ...c, name: sanitizeForTerminal(c.name), description: c.description === undefined ? undefined : sanitizeForTerminal(c.description) }));

export interface InquirerOptions {
  /** Where the questions are read and drawn (tests pass streams; default: the process's terminal). */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Translates the key hints ("↑↓ navigate • ⏎ select"). */
  t?: Translate;
}

const HINTS: Record<string, string> = {
  navigate: 'record.key.navigate',
  select: 'record.key.select',
  submit: 'record.key.submit',
  all: 'record.key.all',
  invert: 'record.key.invert',
};

export async function inquirerPrompter(opts: InquirerOptions = {}): Promise<Prompter> {
  // import(), not a static import: the package is ES-module only, and the CommonJS bundle must
  // not require() it (Node.js before 20.19 cannot).
  const { checkbox, confirm, editor, input, search, select } = await import('@inquirer/prompts');
  const context = { input: opts.input, output: opts.output, clearPromptOnDone: false };
  const t = opts.t;
  const theme = {
    style: {
      keysHelpTip: (keys: [string, string][]) =>
        keys.map(([key, action]) => `${key} ${t && HINTS[action] ? t(HINTS[action]) : action}`).join(' • '),
    },
  };
  const out = opts.output ?? process.stdout;
  return {
    input: (q) => input({ message: q.message, default: q.default, validate: q.validate }, context),
    select: (q) => select({ message: q.message, choices: safeChoices(q.choices), default: q.default, pageSize: 12, theme }, context),
    checkbox: (q) => checkbox({ message: q.message, choices: safeChoices(q.choices), pageSize: 15, theme }, context),
    search: (q) => search({ message: q.message, source: (term) => safeChoices(q.source(term ?? '')), pageSize: 10, theme }, context),
    confirm: (q) => confirm({ message: q.message, default: q.default }, context),
    editor: async (q) => {
      // Inquirer shows a missing editor as an error and asks again forever; the flow falls back to one line instead.
      const command = editorCommand(process.env);
      if (!onPath(command, process.env)) throw new Error(`${command}: not found`);
      return editor(
        {
          message: q.message,
          default: q.default,
          validate: q.validate,
          waitForUserInput: false,
          theme: t ? { style: { waitingMessage: (key: string) => t('record.key.editor', { key }) } } : undefined,
        },
        context,
      );
    },
    say: (text) => void out.write(`${neutraliseForTerminal(text)}\n`),
  };
}

/** The editor @inquirer/external-editor will start: $VISUAL, else $EDITOR, else vim. */
export function editorCommand(env: Record<string, string | undefined>): string {
  const line = (env.VISUAL || env.EDITOR || 'vim').trim();
  return line.split(/\s+/)[0];
}

/** Whether a command can be started: an executable path, or a name found on $PATH. */
export function onPath(command: string, env: Record<string, string | undefined>): boolean {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (command.includes('/')) return executable(command);
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, command)));
}
