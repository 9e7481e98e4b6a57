/**
 * The real Prompter, on @inquirer/prompts. Imported only with `await import()` by the commands that
 * ask questions, so that every other command starts without loading it.
 *
 * On a terminal the keys go through one KeyQueue for the whole session (see keys.ts): typed-ahead
 * keys are kept for the question they belong to, and Esc goes back one question.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Translate } from '../i18n/index.js';
import { sanitizeForTerminal } from '../domain/text.js';
import { preloadTerminalText } from '../render/fit.js';
import { neutraliseForTerminal } from '../render/terminal.js';
import { AnswerLines } from './answer-lines.js';
import { makeConfirm } from './confirm.js';
import { cutToWidth, wrapWords } from './fit-line.js';
import { KeyQueue } from './keys.js';
import { GoBack, type Choice, type Prompter } from './prompter.js';

/** Columns a list takes before a choice's text: the cursor, a checkbox mark and their spaces, one spare. */
const CHOICE_PREFIX = 5;

/**
 * Stored names reach the terminal through the prompts too: their control characters are shown, not
 * run. On a terminal of known width a choice stays on one line: a long one ("name — positions
 * (unit)") is cut at a word with "…", and its whole text becomes the description shown under the
 * list for the highlighted choice, broken at word boundaries.
 */
export function safeChoices<V>(choices: Choice<V>[], columns?: number): Choice<V>[] {
  return choices.map((c) => {
    const name = sanitizeForTerminal(c.name);
    let description = c.description === undefined ? undefined : sanitizeForTerminal(c.description);
    if (!columns) return { ...c, name, description };
    const room = Math.max(10, columns - CHOICE_PREFIX);
    const short = cutToWidth(name, room);
    if (short !== name && description === undefined) description = name;
    if (description !== undefined) description = wrapWords(description, Math.max(10, columns - 1)).join('\n');
    return { ...c, name: short, description, ...(short !== name && { short: name }) };
  });
}

export interface InquirerOptions {
  /** Where the questions are read and drawn (tests pass streams; default: the process's terminal). */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Translates the key hints ("↑↓ navigate • ⏎ select") and the library's own words. */
  t?: Translate;
  env?: Record<string, string | undefined>;
  /** The terminal's size (default: the output's, when it is a terminal). */
  columns?: number;
  rows?: number;
}

const HINTS: Record<string, string> = {
  navigate: 'record.key.navigate',
  select: 'record.key.select',
  submit: 'record.key.submit',
  all: 'record.key.all',
  invert: 'record.key.invert',
};

/** The library's English sentences, in the user's language. */
const LIBRARY_TEXT: Record<string, string> = {
  'No results found': 'prompt.noResults',
  'You must provide a valid value': 'prompt.invalid',
  'At least one choice must be selected': 'prompt.atLeastOne',
};

export async function inquirerPrompter(opts: InquirerOptions = {}): Promise<Prompter> {
  // import(), not a static import: the package is ES-module only, and the CommonJS bundle must
  // not require() it (Node.js before 20.19 cannot).
  const { checkbox, editor, input, search, select } = await import('@inquirer/prompts');
  const core = await import('@inquirer/core');
  const t: Translate = opts.t ?? ((key) => key);
  const env = opts.env ?? process.env;
  const confirm = makeConfirm(core, t);
  const theme = {
    style: {
      keysHelpTip: (keys: [string, string][]) =>
        keys.map(([key, action]) => `${key} ${opts.t && HINTS[action] ? t(HINTS[action]) : action}`).join(' • '),
      error: (text: string) => `> ${opts.t && LIBRARY_TEXT[text] ? t(LIBRARY_TEXT[text]) : text}`,
    },
  };
  const out = opts.output ?? process.stdout;
  const size = out as { columns?: number; rows?: number };
  const columns = () => opts.columns ?? size.columns;
  // Lists follow the terminal's height: the question, its hints and a line of room stay on screen.
  const pageSize = (most: number) => {
    const rows = opts.rows ?? size.rows;
    return rows ? Math.max(3, Math.min(most, rows - 4)) : most;
  };

  // A terminal of our own: one reader for the whole session. Streams given by a test are used as they are.
  const stdin = process.stdin;
  const keys = !opts.input && stdin.isTTY ? new KeyQueue(stdin) : null;
  keys?.start();
  // Drawn on a terminal, a finished question's line is written by the session (see AnswerLines), so that going back can take it off.
  const lines = keys && (out as { isTTY?: boolean }).isTTY ? new AnswerLines(out, columns) : null;
  if (lines) await preloadTerminalText();

  // The finished line as the prompts draw it: "✔ message answer".
  const look = core.makeTheme(theme);
  const finished = (message: string, answer: string) =>
    [typeof look.prefix === 'string' ? look.prefix : look.prefix.done, look.style.message(message, 'done'), look.style.answer(answer)].filter(Boolean).join(' ');
  type Style = (text: string, status: string) => string;

  /**
   * Asks one question with its own keyboard; Esc aborts it as "go back". With `echo` (the answer as
   * the finished line shows it; undefined for "back") and on a terminal, the prompt wipes itself once
   * drawn as done and its finished line is written here. `run` styles the question's message with
   * the `message` it is given: that is how the finished drawing is told apart from Ctrl-C, after which
   * the question stays as it was drawn.
   */
  async function asked<T>(
    run: (context: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream; signal?: AbortSignal; clearPromptOnDone: boolean }, message: Style) => Promise<T>,
    echo?: { message: string; answer: (value: T) => string | undefined },
  ): Promise<T> {
    const plain: Style = (text, status) => look.style.message(text, status as 'done');
    if (!keys) return run({ input: opts.input, output: opts.output, clearPromptOnDone: false }, plain);
    const controller = new AbortController();
    const context = { input: undefined as NodeJS.ReadableStream | undefined, output: opts.output, signal: controller.signal, clearPromptOnDone: false };
    const own = lines && echo ? { lines, echo } : null;
    let done = false;
    const message: Style = own
      ? (text, status) => {
          if (status === 'done') done = context.clearPromptOnDone = true;
          return plain(text, status);
        }
      : plain;
    // Going back: the abandoned question is wiped from the screen (inquirer reads this flag when the prompt ends).
    const target = keys.open(() => {
      context.clearPromptOnDone = true;
      controller.abort();
    });
    context.input = target.input;
    try {
      const value = await run(context, message);
      // (A prompt that ended without drawing itself as done has left what it drew.)
      if (own && done) {
        const answer = own.echo.answer(value);
        if (answer !== undefined) own.lines.answer(finished(own.echo.message, answer));
      } else lines?.other();
      return value;
    } catch (err) {
      if (controller.signal.aborted) throw new GoBack();
      lines?.other();
      throw err;
    } finally {
      keys.close(target);
    }
  }
  const styled = (message: Style) => ({ ...theme, style: { ...theme.style, message } });
  const shortOf = (choice: Choice<unknown> | undefined) => (choice ? (choice.short ?? choice.name) : '');

  // The last choice of every list: goes back one question, like Esc.
  const BACK = Object.freeze({ back: true });
  const backChoice = { value: BACK as never, name: t('prompt.back') };
  const orBack = <V>(value: V): V => {
    if ((value as unknown) === BACK) throw new GoBack();
    return value;
  };

  const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

  return {
    input: (q) =>
      asked(
        (c, message) =>
          input({ message: q.message, default: q.prefill ?? q.default, prefill: q.prefill !== undefined ? 'editable' : 'tab', validate: q.validate, theme: styled(message) }, c),
        { message: q.message, answer: (v) => v },
      ),
    select: async (q) => {
      const choices = [...safeChoices(q.choices, columns()), backChoice];
      return orBack(
        await asked((c, message) => select({ message: q.message, choices, default: q.default, pageSize: pageSize(12), theme: styled(message) }, c), {
          message: q.message,
          answer: (v) => ((v as unknown) === BACK ? undefined : shortOf(choices.find((choice) => choice.value === v))),
        }),
      );
    },
    checkbox: (q) => {
      const choices = safeChoices(q.choices, columns());
      return asked((c, message) => checkbox({ message: q.message, choices, pageSize: pageSize(15), theme: styled(message) }, c), {
        message: q.message,
        answer: (vs) => choices.filter((choice) => vs.includes(choice.value)).map(shortOf).join(', '),
      });
    },
    search: async (q) => {
      // Every choice listed while typing, by value: the one taken is echoed as the list showed it.
      const listed = new Map<unknown, Choice<unknown>>();
      return orBack(
        await asked(
          (c, message) =>
            search(
              {
                message: q.message,
                // The earlier answer is a copy (read back from the draft): the choice equal to it is made the default itself.
                source: (term) => {
                  const choices = [
                    ...safeChoices(q.source(term ?? ''), columns()).map((choice) => (q.default !== undefined && same(choice.value, q.default) ? { ...choice, value: q.default } : choice)),
                    backChoice,
                  ];
                  for (const choice of choices) listed.set(choice.value, choice);
                  return choices;
                },
                ...(q.default !== undefined && { default: q.default }),
                pageSize: pageSize(10),
                theme: styled(message),
              },
              c,
            ),
          { message: q.message, answer: (v) => (v === BACK ? undefined : shortOf(listed.get(v))) },
        ),
      );
    },
    confirm: (q) =>
      asked((c, message) => confirm({ message: q.message, default: q.default, theme: { style: { message } } }, c), {
        message: q.message,
        answer: (v) => t(v ? 'prompt.yes' : 'prompt.no'),
      }),
    editor: async (q) => {
      // Inquirer shows a missing editor as an error and asks again forever; the flow offers the editor only when one is set.
      const command = editorCommand(env);
      if (!onPath(command, env)) throw new Error(`${command}: not found`);
      // The editor reads the terminal itself while it runs.
      keys?.stop();
      try {
        return await asked((c) =>
          editor(
            {
              message: q.message,
              default: q.default,
              validate: q.validate,
              waitForUserInput: false,
              theme: { style: { waitingMessage: (key: string) => t('record.key.editor', { key }) } },
            },
            c,
          ),
        );
      } finally {
        keys?.start();
      }
    },
    say: (text) => {
      out.write(`${neutraliseForTerminal(text)}\n`);
      lines?.other();
    },
    mark: () => lines?.mark() ?? 0,
    erase: (from, to) => lines?.erase(from, to),
    hasEditor: () => !!(env.VISUAL || env.EDITOR),
    close: () => keys?.stop(),
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
