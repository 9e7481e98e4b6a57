/** The command tree and the one error boundary. */
import { Command, CommanderError, Help, Option, type Argument, type HelpConfiguration, type OutputConfiguration } from 'commander';
import { parseLang, translator, type Lang, type Translate } from '../i18n/index.js';
import { DOCUMENT_FORMATS, FORMATS } from '../render/output.js';
import { preloadTerminalText } from '../render/fit.js';
import { terminalSafe } from './terminal-safe.js';
import { onLookupNotice } from '../store/lookup.js';
import type { Ctx } from './context.js';
import { Env, type GlobalOptions } from './env.js';
import { ExitCode, OutputClosedError, UsageError, UserError, userErrorText } from '../errors.js';
import { TASK_FIELD_FLAGS } from './field-flags-tasks.js';
import { acceptsFormat, commandPath, COMMAND_FORMATS, formatsOf } from './formats.js';
import { registerCommands } from './commands/index.js';
import { isPromptInterrupt } from '../prompts/prompter.js';
import { completeWords, formatCompletion, SHELLS, unquote, type Shell } from './completion.js';

/** What each command module receives to declare its commands. */
export interface Cli {
  t: Translate;
  lang: Lang;
  /** Declares a sub-command with its description and help example (both required). */
  command(parent: Command, spec: string, key: string, examples: string[]): Command;
  /** Wires an action; the function returns an exit code or nothing (0). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  action<O>(cmd: Command, fn: (env: Env, opts: O, ...args: any[]) => Promise<number | void> | number | void): Command;
}

export interface RunResult {
  code: number;
}

/** Language before parsing: --lang anywhere on the line, else THUKY_LANG, else vi. */
export function detectLang(argv: string[], env: Ctx['env']): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang' && argv[i + 1]) return parseLang(argv[i + 1]) ?? 'vi';
    if (a.startsWith('--lang=')) return parseLang(a.slice(7)) ?? 'vi';
  }
  return parseLang(env.THUKY_LANG) ?? 'vi';
}

/** Every sub-command with its examples, for the help test. */
export function collectCommands(program: Command): { name: string; description: string; examples: string[] }[] {
  const out: { name: string; description: string; examples: string[] }[] = [];
  const walk = (cmd: Command, prefix: string) => {
    for (const sub of cmd.commands) {
      const name = `${prefix}${sub.name()}`;
      out.push({ name, description: sub.description(), examples: (sub as Command & { examples?: string[] }).examples ?? [] });
      walk(sub, `${name} `);
    }
  };
  walk(program, '');
  return out;
}

const HELP_TITLES: Record<string, string> = {
  'Usage:': 'cli.help.usage',
  'Options:': 'cli.help.options',
  'Commands:': 'cli.help.commands',
  'Arguments:': 'cli.help.arguments',
  'Global Options:': 'cli.help.globalOptions',
};

/**
 * An option with a fixed list of values: help shows them and shell completion offers them. The
 * command still checks the value itself (leniently: `--status overdue,due-soon` is accepted).
 */
export function listedOption(flags: string, description: string, values: readonly string[]): Option {
  const option = new Option(flags, description);
  option.argChoices = [...values];
  return option;
}

/**
 * Commander's generated help in the user's language: its headings, the "[options]" and "[command]"
 * of usage lines, and the "(choices: …)", "(default: …)" it adds to descriptions. Inherited by
 * every sub-command.
 */
function helpInLanguage(t: Translate): HelpConfiguration {
  const words = (text: string) => text.replace(/\[options\]/g, `[${t('cli.help.optionsWord')}]`).replace(/\[command\]/g, `[${t('cli.help.commandWord')}]`);
  const extra = (description: string, choices: readonly string[] | undefined, defaultValue: unknown, defaultDescription: string | undefined, showDefault: boolean) => {
    const info: string[] = [];
    if (choices) info.push(t('cli.help.choices', { list: choices.join(', ') }));
    if (defaultValue !== undefined && showDefault) info.push(t('cli.help.default', { value: defaultDescription ?? (typeof defaultValue === 'string' ? defaultValue : JSON.stringify(defaultValue)) }));
    return info.length ? `${description} (${info.join('; ')})`.trim() : description;
  };
  return {
    styleTitle: (title: string) => (HELP_TITLES[title] ? t(HELP_TITLES[title]) : title),
    commandUsage(this: Help, cmd: Command) {
      return words(Help.prototype.commandUsage.call(this, cmd));
    },
    subcommandTerm(this: Help, cmd: Command) {
      return words(Help.prototype.subcommandTerm.call(this, cmd));
    },
    optionDescription(option: Option) {
      const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
      return extra(option.description, option.argChoices, option.defaultValue, option.defaultValueDescription, showDefault);
    },
    argumentDescription(argument: Argument) {
      return extra(argument.description, argument.argChoices, argument.defaultValue, argument.defaultValueDescription, true);
    },
  };
}


/** Global options that take a value: their value is not a command name. */
const GLOBAL_WITH_VALUE = new Set(['--db', '--lang', '--format']);

/**
 * The top-level command a command line names ("task" in `thuky --db x task add …`, also after
 * `help`), or null when it names none (`thuky --help`).
 */
export function targetCommand(argv: string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (GLOBAL_WITH_VALUE.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    if (a === 'help') {
      const next = argv.slice(i + 1).find((x) => !x.startsWith('-'));
      return next ?? null;
    }
    return a;
  }
  return null;
}

/**
 * Builds the command tree. With `argv`, only the sub-commands of the top-level command it names
 * are declared (the others appear by name and description): a run pays for its own command, not
 * for the options of all others. Without `argv` (tests, documentation), everything.
 */
export function buildProgram(ctx: Ctx, lang: Lang, state: { exitCode: number }, argv?: string[]): Command {
  const only = argv ? targetCommand(argv) : undefined;
  const t = translator(lang);
  // Help goes to the context's stdout, wrapped to the terminal's width (80 columns elsewhere, as
  // commander does); help shown for a command group given without a sub-command goes to stderr;
  // errors are printed by the boundary in the user's language.
  const output: OutputConfiguration = {
    writeOut: (s) => ctx.stdout.write(s),
    writeErr: (s) => ctx.stderr.write(s),
    outputError: () => {},
    getOutHelpWidth: () => (ctx.stdout.isTTY && ctx.stdout.columns) || 80,
    getErrHelpWidth: () => (ctx.stderr.isTTY && ctx.stderr.columns) || 80,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
  const program = new Command('thuky');
  // Headings of the generated help, in the user's language; inherited by every sub-command.
  program.configureHelp(helpInLanguage(t));
  program
    .description(t('cli.description'))
    .version('0.1.0', '-V, --version', t('cli.opt.version'))
    .helpOption('-h, --help', t('cli.opt.help'))
    .helpCommand(`help [${t('cli.help.commandWord')}]`, t('cli.opt.help'))
    .option('--db <path>', t('cli.opt.db'))
    .addOption(new Option('--lang <lang>', t('cli.opt.lang')).choices(['vi', 'en']))
    // Each command accepts the formats it can produce (src/cli/formats.ts), checked before it runs.
    .option('--format <format>', t('cli.opt.formatEach', { formats: [...FORMATS, ...DOCUMENT_FORMATS].join(', ') }))
    .option('--json', t('cli.opt.json'))
    .option('--no-color', t('cli.opt.noColor'))
    .option('--wide', t('cli.opt.wide'))
    .option('-y, --yes', t('cli.opt.yes'))
    .option('--no-pager', t('cli.opt.noPager'))
    .showSuggestionAfterError(true)
    .configureOutput(output)
    .exitOverride();
  program.addHelpText('after', `\n${t('cli.help.after')}`);

  // Stands for every command below a top-level command this run does not name: each call on it is
  // accepted and returns it, so feature modules declare their commands as usual at next to no cost.
  const standIn: Command = new Proxy(function standIn() {}, {
    get: (_target, key) => (key === 'then' ? undefined : () => standIn),
  }) as unknown as Command;
  const cli: Cli = {
    t,
    lang,
    command(parent, spec, key, examples) {
      const topLevel = parent === program;
      const skip = !topLevel && (parent === standIn || (only !== undefined && parent.parent === program && parent.name() !== only));
      if (skip) return standIn;
      // The help option, the output and exitOverride are inherited from the parent (commander copies them).
      const cmd = parent.command(spec).description(t(`${key}.desc`));
      (cmd as Command & { examples?: string[] }).examples = examples;
      if (examples.length) cmd.addHelpText('after', `\n${t('cli.help.examples')}:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
      const path = commandPath(cmd);
      const formats = COMMAND_FORMATS[path];
      if (formats?.length && path !== 'meeting minutes')
        cmd.addHelpText('after', t(formats.some((f) => f === 'xlsx' || f === 'docx') ? 'cli.help.formatsWithFiles' : 'cli.help.formats', { formats: formats.join(', ') }));
      return cmd;
    },
    action(cmd, fn) {
      return cmd.action(async (...args: unknown[]) => {
        const self = args[args.length - 1] as Command;
        const opts = self.opts();
        const positional = args.slice(0, -2);
        const globals = self.optsWithGlobals() as GlobalOptions;
        const path = commandPath(self);
        const chosen = globals.json ? 'json' : globals.format;
        if (chosen !== undefined && !acceptsFormat(path, chosen)) {
          const formats = formatsOf(path);
          if (!formats.length) throw new UsageError('cli.err.noFormat', { command: `thuky ${path}`, field: globals.json ? '--json' : '--format' });
          throw new UsageError('input.badChoice', { field: globals.json ? '--json' : '--format', value: chosen, accepted: formats.join(', ') });
        }
        const env = new Env(ctx, globals, lang, path, argv);
        try {
          // Human text on a terminal is wrapped to its width (see Env.print): the tools load first.
          if (ctx.stdout.isTTY && env.tableWidth !== undefined) await preloadTerminalText();
          onLookupNotice((key, params) => env.info(key, params));
          const code = await fn(env, opts as never, ...positional);
          state.exitCode = typeof code === 'number' ? code : ExitCode.ok;
        } catch (err) {
          env.discardUnusedNewDatabase();
          throw err;
        } finally {
          onLookupNotice(undefined);
          env.close();
        }
      });
    },
  };
  registerCommands(program, cli);
  return program;
}

const COMMANDER_MESSAGES: Record<string, string> = {
  'commander.unknownOption': 'cli.err.unknownOption',
  'commander.unknownCommand': 'cli.err.unknownCommand',
  'commander.missingArgument': 'cli.err.missingArgument',
  'commander.optionMissingArgument': 'cli.err.optionMissingArgument',
  'commander.missingMandatoryOptionValue': 'cli.err.missingMandatoryOption',
  'commander.excessArguments': 'cli.err.excessArguments',
  'commander.invalidArgument': 'cli.err.invalidArgument',
  'commander.conflictingOption': 'cli.err.conflictingOption',
};

/** Runs one command line; prints errors; returns the exit code. Never calls process.exit. */
export async function runCli(argv: string[], rawCtx: Ctx): Promise<number> {
  // Whatever reaches a terminal passes one neutraliser (stored escape sequences are shown, not run).
  const ctx = terminalSafe(rawCtx);
  if (argv[0] === COMPLETE_COMMAND) return answerCompletion(argv.slice(1), ctx);
  const lang = detectLang(argv, ctx.env);
  const t = translator(lang);
  const state = { exitCode: 0 };
  try {
    const program = buildProgram(ctx, lang, state, argv);
    if (argv.length === 0) {
      ctx.stdout.write(program.helpInformation());
      return ExitCode.ok;
    }
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (err) {
    return reportError(err, ctx, t);
  }
}

/** The hidden command the completion scripts call at every TAB. */
export const COMPLETE_COMMAND = '__complete';

/**
 * `thuky __complete <shell> -- <words after thuky…>`: prints the candidates for the last word, in the
 * form the shell's script reads. Never prompts, never writes, and prints nothing on any error.
 * bash gives its words as typed (quotes included, `--unit=x` split at the sign); fish gives the
 * words before the cursor already unquoted and the last one as typed.
 */
function answerCompletion(args: string[], ctx: Ctx): number {
  const shell = args[0] as Shell;
  if (!SHELLS.includes(shell) || args[1] !== '--') return ExitCode.ok;
  let raw = args.slice(2);
  if (!raw.length) raw = [''];
  // bash splits `--unit=ben` into `--unit`, `=`, `ben`, and replaces only `ben`.
  if (shell === 'bash') {
    const split = (w: string, i: number) => w === '=' && raw[i - 1]?.startsWith('--');
    const endsWithSign = split(raw[raw.length - 1], raw.length - 1);
    raw = raw.filter((w, i) => !split(w, i));
    if (endsWithSign) raw.push('');
  }
  const current = unquote(raw[raw.length - 1]);
  const words = [...raw.slice(0, -1).map((w) => (shell === 'fish' ? w : unquote(w).value)), current.value];
  try {
    const lang = detectLang(words.slice(0, -1), ctx.env);
    const completion = completeWords(words, { ctx, t: translator(lang), program: (before) => buildProgram(ctx, lang, { exitCode: 0 }, before) });
    ctx.stdout.write(formatCompletion(shell, completion, current));
  } catch {
    // Nothing: the shell then offers nothing either.
  }
  return ExitCode.ok;
}

/**
 * Commander's parse errors in the user's language: its English message is reduced to what it names
 * (the quoted option, command or argument, the accepted choices, its suggestion).
 */
function commanderMessage(err: CommanderError, t: Translate): string {
  const message = err.message.replace(/^error: /, '');
  const named = [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const choices = /Allowed choices are (.*?)\.?$/m.exec(message)?.[1];
  const suggestion = /\(Did you mean (.*?)\?\)/.exec(message)?.[1];
  const key = COMMANDER_MESSAGES[err.code];
  let text: string;
  if (err.code === 'commander.invalidArgument' && choices && named.length >= 2)
    text = t('input.badChoice', { field: named[0].split(' ')[0], value: named[1], accepted: choices });
  else text = key && named.length ? t(key, { detail: named.join(', ') }) : message;
  return suggestion ? `${text}\n${t('cli.err.didYouMean', { word: suggestion })}` : text;
}

/** The store names the field of a bad value ('percent'); the user typed a flag (--percent). */
function withFlagName(err: UserError): UserError {
  const field = err.params.field;
  if (typeof field !== 'string' || !Object.hasOwn(TASK_FIELD_FLAGS, field)) return err;
  return new UserError(err.key, { ...err.params, field: TASK_FIELD_FLAGS[field] }, err.exitCode);
}

export function reportError(err: unknown, ctx: Ctx, t: Translate): number {
  if (err instanceof OutputClosedError) return ExitCode.ok;
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.ok;
    // `thuky help` asked for help (exit 0); `thuky task` without a sub-command is shown it (exit 2).
    if (err.code === 'commander.help') return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    ctx.stderr.write(`thuky: ${commanderMessage(err, t)}\n${t('cli.err.seeHelp')}\n`);
    return ExitCode.usage;
  }
  if (err instanceof UserError) {
    ctx.stderr.write(`thuky: ${userErrorText(withFlagName(err), t)}\n`);
    return err.exitCode;
  }
  if (isPromptInterrupt(err)) {
    ctx.stderr.write(`\n${t('cli.interrupted')}\n`);
    return ExitCode.interrupted;
  }
  const e = err as Error & { code?: string };
  if (e && e.code?.startsWith('SQLITE_BUSY')) {
    ctx.stderr.write(`thuky: ${t('db.busy')}\n`);
    return ExitCode.runtime;
  }
  ctx.stderr.write(`thuky: ${t('cli.err.unexpected', { detail: e?.stack ?? String(err) })}\n`);
  return ExitCode.runtime;
}
