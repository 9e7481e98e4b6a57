/**
 * The output formats each command can produce: `--format` (and `--json`) accept exactly these, and
 * each command's help lists them. A command not named here accepts every listing format.
 */
import type { Command } from 'commander';
import { FORMATS } from '../render/output.js';

/** A listing or report: a table on a terminal, TSV in a pipe, and the other data formats. */
const LISTING = ['table', 'json', 'csv', 'tsv', 'md', 'xlsx'] as const;
/** A report built on the report model: also its text form and a Word document. */
const REPORT = ['table', 'text', 'json', 'csv', 'tsv', 'md', 'xlsx', 'docx'] as const;
/** One record: its human text, or JSON. */
const RECORD = ['text', 'json'] as const;
/** A change: a confirmation on stderr, and what was written as JSON on request. */
const WRITE = ['json'] as const;
/** Prints nothing on stdout: messages only. */
const NONE = [] as const;

export const COMMAND_FORMATS: Record<string, readonly string[]> = {
  init: NONE,
  'db info': RECORD,
  'db backup': WRITE,
  'db migrate': NONE,
  'db copy': WRITE,
  'sync setup': WRITE,
  'sync remove': WRITE,
  log: LISTING,
  'unit add': WRITE,
  'unit list': LISTING,
  'unit show': RECORD,
  'unit edit': RECORD,
  'person add': WRITE,
  'person list': LISTING,
  'person show': RECORD,
  'person edit': RECORD,
  'doc add': WRITE,
  'doc list': LISTING,
  'doc show': RECORD,
  // The statistics have a text form: the title, the TSV rows, then what each rate counts.
  'report tasks': REPORT,
  'report compliance': REPORT,
  'meeting add': WRITE,
  'meeting attendance': NONE,
  'meeting list': LISTING,
  'meeting show': RECORD,
  'meeting edit': RECORD,
  'meeting close': NONE,
  'meeting conclude': WRITE,
  'meeting minutes': ['md', 'txt', 'docx', 'json'],
  'meeting record': RECORD,
  'meeting drafts': LISTING,
  minutes: RECORD,
  'task add': LISTING,
  'task list': LISTING,
  'task show': RECORD,
  'task progress': LISTING,
  'task done': LISTING,
  'task reopen': LISTING,
  'task extend': LISTING,
  'task cancel': LISTING,
  'breakthrough add': WRITE,
  'breakthrough list': LISTING,
  'breakthrough check': REPORT,
  overdue: REPORT,
  'speech add': WRITE,
  'speech list': LISTING,
  'speech edit': WRITE,
  'speech remove': WRITE,
  'meeting conclusion edit': WRITE,
  'meeting conclusion remove': WRITE,
  'plan add': WRITE,
  'plan edit': RECORD,
  // With --missing, a report (Word too); otherwise a listing (the report model refuses docx then).
  'plan list': REPORT,
  'plan deadline': RECORD,
  'plan import': WRITE,
  evaluate: WRITE,
  'evaluate import': WRITE,
  'evaluation list': LISTING,
  'activity add': WRITE,
  'activity list': LISTING,
  'activity edit': NONE,
  'activity remove': NONE,
  'db restore': RECORD,
  'db check': LISTING,
  'unit import': WRITE,
  'unit merge': LISTING,
  'unit split': LISTING,
  'unit remove': NONE,
  'person import': WRITE,
  'person remove': NONE,
  'doc edit': NONE,
  'doc remove': NONE,
  'task edit': NONE,
  'task remove': NONE,
  'plan remove': NONE,
  'evaluation edit': NONE,
  'evaluation remove': NONE,
  undo: RECORD,
  // Each link's state as a table (its warnings after it); --json for scripts and monitoring.
  'sync status': ['table', 'text', 'json', 'csv', 'tsv', 'md'],
  // The script for a shell, as text.
  completion: NONE,
};

/** Formats a command accepts (`meeting minutes` also takes `text` for `txt`). */
export function formatsOf(command: string): readonly string[] {
  return COMMAND_FORMATS[command] ?? FORMATS;
}

export function acceptsFormat(command: string, format: string): boolean {
  if (command === 'meeting minutes' && format === 'text') return true;
  return formatsOf(command).includes(format);
}

/** "task add": a command's names below the program, the key of the table above. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
