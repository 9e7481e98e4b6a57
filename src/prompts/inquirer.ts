/**
 * The real Prompter, on @inquirer/prompts. Imported only with `await import()` by the commands that
 * ask questions, so that every other command starts without loading it.
 */
import { checkbox, confirm, editor, input, search, select } from '@inquirer/prompts';
import type { Translate } from '../i18n/index.js';
import type { Prompter } from './prompter.js';

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

export function inquirerPrompter(opts: InquirerOptions = {}): Prompter {
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
    select: (q) => select({ message: q.message, choices: q.choices, default: q.default, pageSize: 12, theme }, context),
    checkbox: (q) => checkbox({ message: q.message, choices: q.choices, pageSize: 15, theme }, context),
    search: (q) => search({ message: q.message, source: (term) => q.source(term ?? ''), pageSize: 10, theme }, context),
    confirm: (q) => confirm({ message: q.message, default: q.default }, context),
    editor: (q) => editor({ message: q.message, default: q.default, validate: q.validate, waitForUserInput: false }, context),
    say: (text) => void out.write(`${text}\n`),
  };
}
