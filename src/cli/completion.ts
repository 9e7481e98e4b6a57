/**
 * Shell completion. `thuky completion bash|zsh|fish` prints a script; the script calls back
 * `thuky __complete <shell> -- <words…>` at every TAB, which answers from the command tree (commands,
 * options, the accepted values of an option) and from the database (units, people, documents,
 * meetings, tasks). It reads the database read-only, never prompts, and prints nothing at all when
 * anything goes wrong: a broken database must not break the shell.
 */
import { commandPath, formatsOf } from './formats.js';
import type { Command, Option } from 'commander';
import { formatDateVi, parseDateInput, todayInHoChiMinh, type IsoDate } from '../domain/dates.js';
import { fold, sanitizeForTerminal } from '../domain/text.js';
import type { Translate } from '../i18n/index.js';
import { documentChoices, meetingChoices, personChoices, taskChoices, unitChoices } from '../store/completion.js';
import { openDatabase, resolveDbPath, type Db } from '../store/db.js';
import type { Ctx } from './context.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface Suggestion {
  value: string;
  description?: string;
}

export interface Completion {
  suggestions: Suggestion[];
  /** Let the shell complete file names instead (--db, import files). */
  files?: boolean;
}

/** A word as the shell gave it, with its quoting removed. */
export interface ShellWord {
  value: string;
  /** The quote the word opens and does not close ("ben → "). */
  openQuote: '"' | "'" | null;
}

/** Removes shell quoting: 'a b', "a b", a\ b. An unclosed quote is reported, not an error. */
export function unquote(raw: string): ShellWord {
  let value = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else value += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < raw.length && '"\\$`'.includes(raw[i + 1])) value += raw[++i];
      else value += ch;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '\\' && i + 1 < raw.length) value += raw[++i];
    else value += ch;
  }
  return { value, openQuote: quote };
}

/** Options that give the date a command is about: units that existed on it are offered first. */
const DATE_OPTIONS = ['--at', '--as-of', '--on', '--start', '--date'];

/** What the values of an option or argument are, from its placeholder (`--chair <person...>`) or its name. */
type ValueSource = 'unit' | 'person' | 'document' | 'meeting' | 'task' | 'file';

function optionSource(option: Option): ValueSource | undefined {
  const placeholder = /<(\w+)/.exec(option.flags)?.[1];
  if (option.long === '--doc' || option.long === '--remove-doc') return 'document';
  if (option.long === '--meeting') return 'meeting';
  if (placeholder === 'unit') return 'unit';
  if (placeholder === 'person') return 'person';
  if (placeholder === 'file' || placeholder === 'path') return 'file';
  return undefined;
}

function argumentSource(cmd: Command, name: string): ValueSource | undefined {
  if (name === 'unit' || name === 'person' || name === 'meeting' || name === 'file') return name;
  if (name === 'doc') return 'document';
  if ((name === 'id' || name === 'ids') && (cmd.parent?.name() === 'task' || cmd.parent?.name() === 'breakthrough')) return 'task';
  return undefined;
}

interface Hidden {
  _hidden?: boolean;
}

function visibleCommands(cmd: Command): Command[] {
  return cmd.commands.filter((c) => !(c as Command & Hidden)._hidden);
}

/** The options a command accepts: its own, then those of the commands above it (--db, --lang…). */
function optionsOf(cmd: Command): Option[] {
  const out: Option[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) out.push(...c.options.filter((o) => !o.hidden));
  return out;
}

/** The `help` sub-command commander gives a command that has sub-commands. */
function helpCommand(cmd: Command): Command | null {
  return cmd.commands.length ? ((cmd as Command & { _getHelpCommand(): Command | null })._getHelpCommand() ?? null) : null;
}

function findOption(cmd: Command, flag: string): Option | undefined {
  return optionsOf(cmd).find((o) => o.long === flag || o.short === flag);
}

function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

/** Where the last word stands: a sub-command, an option, an option's value or an argument. */
interface Position {
  cmd: Command;
  /** The option whose value is being typed. */
  valueOf?: Option;
  /** Index of the positional argument being typed. */
  argIndex: number;
  /** Options already given, with their values (the first value of each). */
  given: Map<string, string>;
  /** After `thuky help`: the words are command names. */
  help: boolean;
}

function locate(program: Command, before: string[]): Position {
  let cmd = program;
  let argIndex = 0;
  let pending: Option | undefined;
  let variadic: Option | undefined;
  const given = new Map<string, string>();
  let help = false;
  for (let i = 0; i < before.length; i++) {
    const word = before[i];
    if (pending) {
      if (!given.has(pending.long ?? '')) given.set(pending.long ?? '', word);
      variadic = pending.variadic ? pending : undefined;
      pending = undefined;
      continue;
    }
    if (word === '--') break;
    if (word.startsWith('-') && word.length > 1) {
      variadic = undefined;
      const eq = word.indexOf('=');
      const flag = eq > 0 ? word.slice(0, eq) : word;
      const option = findOption(cmd, flag);
      if (!option) continue;
      if (eq > 0) given.set(option.long ?? flag, word.slice(eq + 1));
      else if (takesValue(option)) pending = option;
      else given.set(option.long ?? flag, '');
      continue;
    }
    if (variadic) continue;
    if (word === 'help' && !help && argIndex === 0 && helpCommand(cmd)) {
      help = true;
      continue;
    }
    const sub = visibleCommands(cmd).find((c) => c.name() === word || c.aliases().includes(word));
    if (sub && argIndex === 0) {
      cmd = sub;
      continue;
    }
    argIndex++;
  }
  return { cmd, valueOf: pending ?? variadic, argIndex, given, help };
}

/** Plain words (commands, options, choices) that start with the typed text, accents and case aside. */
function startingWith(typed: string, items: Suggestion[]): Suggestion[] {
  const f = fold(typed);
  return items.filter((s) => fold(s.value).startsWith(f));
}

function byValue(a: Suggestion, b: Suggestion): number {
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

export interface CompletionDeps {
  ctx: Ctx;
  t: Translate;
  /** Builds the command tree for these words (only the branch they name is filled in). */
  program: (words: string[]) => Command;
  /** Opens the database read-only; throws when it is missing or broken. */
  openDb?: (path: string) => Db;
}

/**
 * The candidates for the last of `words` (the words after `thuky`, quoting removed). Database
 * errors leave the database's candidates out; the caller prints nothing on any other error.
 */
export function completeWords(words: string[], deps: CompletionDeps): Completion {
  const before = words.slice(0, -1);
  const current = words[words.length - 1] ?? '';
  const program = deps.program(before);
  const pos = locate(program, before);

  // --unit=ben: the value after the sign.
  const eq = current.startsWith('--') ? current.indexOf('=') : -1;
  if (eq > 0) {
    const option = findOption(pos.cmd, current.slice(0, eq));
    if (!option || !takesValue(option)) return { suggestions: [] };
    const prefix = current.slice(0, eq + 1);
    const values = valuesOf(option, current.slice(eq + 1), pos, deps);
    return { ...values, suggestions: values.suggestions.map((s) => ({ ...s, value: prefix + s.value })) };
  }
  if (pos.valueOf && !(pos.valueOf.variadic && current.startsWith('-'))) return valuesOf(pos.valueOf, current, pos, deps);

  if (current.startsWith('-')) {
    const options: Suggestion[] = [];
    for (const o of optionsOf(pos.cmd)) {
      if (o.long) options.push({ value: o.long, description: o.description });
    }
    const help = (pos.cmd as Command & { _getHelpOption(): Option | null })._getHelpOption();
    if (help?.long) options.push({ value: help.long, description: help.description });
    const unique = new Map(options.map((o) => [o.value, o]));
    return { suggestions: startingWith(current, [...unique.values()]).sort(byValue) };
  }

  const subs = visibleCommands(pos.cmd);
  if (pos.help) return { suggestions: startingWith(current, subs.map((c) => ({ value: c.name(), description: c.description() }))).sort(byValue) };
  if (subs.length && pos.argIndex === 0) {
    const names = subs.map((c) => ({ value: c.name(), description: c.description() }));
    const help = helpCommand(pos.cmd);
    if (help) names.push({ value: help.name(), description: help.description() });
    return { suggestions: startingWith(current, names).sort(byValue) };
  }

  const args = pos.cmd.registeredArguments;
  const arg = args[pos.argIndex] ?? (args.length && args[args.length - 1].variadic ? args[args.length - 1] : undefined);
  if (!arg) return { suggestions: [] };
  if (arg.argChoices) return { suggestions: startingWith(current, arg.argChoices.map((value) => ({ value }))) };
  return fromSource(argumentSource(pos.cmd, arg.name()), current, pos, deps);
}

function valuesOf(option: Option, current: string, pos: Position, deps: CompletionDeps): Completion {
  // The formats a command can produce (the global --format lists every format).
  if (option.long === '--format') return { suggestions: startingWith(current, formatsOf(commandPath(pos.cmd)).map((value) => ({ value }))) };
  if (option.argChoices) return { suggestions: startingWith(current, option.argChoices.map((value) => ({ value }))) };
  return fromSource(optionSource(option), current, pos, deps);
}

function fromSource(source: ValueSource | undefined, typed: string, pos: Position, deps: CompletionDeps): Completion {
  if (!source) return { suggestions: [] };
  if (source === 'file') return { suggestions: [], files: true };
  let db: Db | undefined;
  try {
    const path = resolveDbPath(pos.given.get('--db'), deps.ctx.env, deps.ctx.cwd);
    // Never the in-memory copy of a database that cannot be opened in place: a TAB must not read 400 MB.
    db = (deps.openDb ?? ((p: string) => openDatabase(p, { readonly: true, snapshot: false })))(path);
    return { suggestions: fromDatabase(db, source, typed, pos, deps) };
  } catch {
    return { suggestions: [] };
  } finally {
    db?.close();
  }
}

/** The date the command line is about (--at, --as-of, --on, --start, --date), else today. */
function dateOf(pos: Position, ctx: Ctx): IsoDate {
  const today = todayOf(ctx);
  for (const flag of DATE_OPTIONS) {
    const value = pos.given.get(flag);
    if (!value) continue;
    try {
      return parseDateInput(value, today);
    } catch {
      // A date still being typed or mistyped: today it is.
    }
  }
  return today;
}

function todayOf(ctx: Ctx): IsoDate {
  const base = todayInHoChiMinh(ctx.now());
  try {
    return ctx.env.THUKY_TODAY ? parseDateInput(ctx.env.THUKY_TODAY, base) : base;
  } catch {
    return base;
  }
}

function fromDatabase(db: Db, source: Exclude<ValueSource, 'file'>, typed: string, pos: Position, deps: CompletionDeps): Suggestion[] {
  const t = deps.t;
  switch (source) {
    case 'unit':
      return unitChoices(db, typed, dateOf(pos, deps.ctx)).map((u) => ({ value: u.name, description: unitDescription(u, t) }));
    case 'person':
      return personChoices(db, typed).map((p) => ({ value: p.name, description: [p.unitName, p.active ? null : t('completion.inactive')].filter(Boolean).join(' · ') || undefined }));
    case 'document':
      return documentChoices(db, typed).map((d) => ({ value: d.code, description: d.title ?? undefined }));
    case 'meeting':
      return meetingChoices(db, typed).map((m) => ({ value: String(m.id), description: `${formatDateVi(m.heldOn)} ${m.title}` }));
    case 'task':
      return taskChoices(db, typed).map((t) => ({ value: String(t.id), description: `${t.unitName}: ${t.title}` }));
  }
}

function unitDescription(u: { kind: string; validFrom: string | null; validTo: string | null }, t: Translate): string {
  const kind = t(`unit.kind.${u.kind}`);
  if (!u.validFrom && !u.validTo) return kind;
  return `${kind}, ${u.validFrom ? formatDateVi(u.validFrom) : '…'} – ${u.validTo ? formatDateVi(u.validTo) : t('completion.now')}`;
}

// ---- what each shell reads ----

/** Characters of a description shown beside a candidate. */
const DESCRIPTION_WIDTH = 72;

/** Characters that a bash word can hold unquoted. */
const SAFE_WORD = /^[\p{L}\p{M}\p{N}_@%+=:,./-]+$/u;

/**
 * A candidate as bash must insert it, quoted the way the user began the word: 'Phường Bến Nghé' after
 * a single quote, "Phường Bến Nghé" after a double quote or when the name needs quoting.
 */
export function quoteForBash(value: string, openQuote: '"' | "'" | null): string {
  if (openQuote === "'") return `'${value.replace(/'/g, `'\\''`)}'`;
  if (openQuote === null && SAFE_WORD.test(value)) return value;
  return `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The longest text every candidate starts with. */
function commonPrefix(values: string[]): string {
  if (!values.length) return '';
  let prefix = values[0];
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * The answer for a shell. First line: `files` (complete file names) or `values`; for fish, `values`
 * may carry, after a tab, what to put in place of the word typed (fish keeps only candidates that
 * begin with the word as typed, so "ben" is first turned into "Phường Bến "). Then one candidate a
 * line: bash gets the word to insert, quoted; zsh and fish get value TAB description.
 */
export function formatCompletion(shell: Shell, completion: Completion, current: ShellWord): string {
  if (completion.files) return 'files\n';
  const { suggestions } = completion;
  const clean = (s: string) => sanitizeForTerminal(s.replace(/[\t\r\n]+/g, ' '));
  // A description is a reminder, on one line: a meeting's full title can run to 300 characters.
  const short = (s: string) => (s.length > DESCRIPTION_WIDTH ? `${s.slice(0, DESCRIPTION_WIDTH - 1)}…` : s);
  const lines: string[] = [];
  if (shell === 'bash') {
    lines.push('values');
    for (const s of suggestions) lines.push(quoteForBash(clean(s.value), current.openQuote));
  } else {
    let header = 'values';
    if (shell === 'fish' && suggestions.length && !suggestions.every((s) => s.value.startsWith(current.value))) header += `\t${clean(commonPrefix(suggestions.map((s) => s.value)))}`;
    lines.push(header);
    for (const s of suggestions) lines.push(s.description ? `${clean(s.value)}\t${short(clean(s.description))}` : clean(s.value));
  }
  return `${lines.join('\n')}\n`;
}
