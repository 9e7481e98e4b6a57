/**
 * Reading the CSV files offices export from Excel: UTF-8 with or without a BOM, comma or semicolon,
 * header names in Vietnamese or English. csv-parse and cli-progress are loaded only here, by the
 * import commands.
 */
import { readFileSync } from 'node:fs';
import { fold } from '../../../domain/text.js';
import type { Env } from '../../env.js';
import { UsageError, UserError } from '../../../errors.js';
import { cliErrorText } from '../../field-flags.js';

export interface CsvField {
  key: string;
  /** Accepted header names, compared folded ("Họ và tên" = "ho va ten"). */
  aliases: string[];
  required: boolean;
}

export interface CsvRecord {
  /** Line of the file (1 = header). */
  line: number;
  values: Record<string, string>;
}

export interface CsvProblem {
  line: number;
  message: string;
}

/** The delimiter Excel used: the one that appears most in the header line (outside quotes). */
export function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const count = (ch: string) => unquoted.split(ch).length - 1;
  const candidates = [';', ',', '\t'].map((d) => ({ d, n: count(d) })).sort((a, b) => b.n - a.n);
  return candidates[0].n > 0 ? candidates[0].d : ',';
}

/** A CSV file, or an Excel workbook (.xlsx: its first sheet, or `sheet`), as records. */
export async function readTable(file: string, fields: CsvField[], opts: { sheet?: string } = {}): Promise<{ records: CsvRecord[]; columns: string[] }> {
  if (/\.xlsx$/i.test(file)) {
    const { readXlsxRows } = await import('../core/spreadsheet.js');
    return recordsFromRows(file, await readXlsxRows(file, opts.sheet), fields);
  }
  if (opts.sheet !== undefined) throw new UsageError('spreadsheet.sheetNeedsXlsx', { file });
  return readCsv(file, fields);
}

export async function readCsv(file: string, fields: CsvField[]): Promise<{ records: CsvRecord[]; columns: string[] }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError('compliance.import.cannotRead', { file, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  if (text.includes('\uFFFD')) throw new UsageError('compliance.import.notUtf8', { file });
  const { parse } = await import('csv-parse/sync');
  let rows: { info: { lines: number }; record: string[] }[];
  try {
    rows = parse(text, { delimiter: detectDelimiter(text), bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof rows;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new UsageError('compliance.import.csvSyntax', { file, line: e.lines ?? '?', reason: e.message });
  }
  return recordsFromRows(file, rows.map((r) => ({ line: r.info.lines, cells: r.record })), fields);
}

/**
 * The records of a table read from a file (CSV lines or spreadsheet rows, the first being the
 * header): columns found by their accepted names, a usage error naming any required one missing.
 */
export function recordsFromRows(file: string, rows: { line: number; cells: string[] }[], fields: CsvField[]): { records: CsvRecord[]; columns: string[] } {
  if (!rows.length) throw new UsageError('compliance.import.empty', { file });
  const header = rows[0].cells.map((h) => fold(h));
  const index = new Map<string, number>();
  for (const f of fields) {
    const i = header.findIndex((h) => f.aliases.some((a) => fold(a) === h));
    if (i >= 0) index.set(f.key, i);
  }
  const missing = fields.filter((f) => f.required && !index.has(f.key));
  if (missing.length)
    throw new UsageError('compliance.import.missingColumns', {
      file,
      columns: missing.map((f) => `"${f.aliases[0]}"`).join(', '),
      found: rows[0].cells.map((h) => `"${h}"`).join(', '),
    });
  const records: CsvRecord[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.every((c) => c === '')) continue;
    const values: Record<string, string> = {};
    for (const [key, i] of index) values[key] = row.cells[i] ?? '';
    records.push({ line: row.line, values });
  }
  return { records, columns: [...index.keys()] };
}

/** The message of a user error in the user's language, for a list of problems. */
export function describeError(env: Env, err: unknown): string {
  if (err instanceof UserError) return cliErrorText(err, env.t).split('\n')[0];
  throw err;
}

/** The same on one line, with the first few choices an ambiguous name offered ("… : A, B, C, …"). */
export function describeErrorWithChoices(env: Env, err: unknown, max = 4): string {
  if (!(err instanceof UserError)) throw err;
  const [first, ...rest] = cliErrorText(err, env.t).split('\n');
  const choices = rest.map((l) => l.trim().replace(/\t/g, ' ')).filter(Boolean);
  if (!choices.length) return first;
  return `${first.replace(/:\s*$/, '')}: ${choices.slice(0, max).join(', ')}${choices.length > max ? ', …' : ''}`;
}

/** Every problem, one line each, in line order; a usage error (exit 2) so that nothing is written. */
export function failWithProblems(file: string, problems: CsvProblem[], env: Env): never {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const lines = [...new Set(sorted.map((p) => p.line))].length;
  throw new UsageError('compliance.import.problems', {
    file,
    count: sorted.length,
    lines,
    list: sorted.map((p) => `  ${env.t('compliance.import.line', { line: p.line })}: ${p.message}`).join('\n'),
  });
}

export interface Progress {
  tick(done: number): void;
  stop(): void;
}

/** Files at least this long get a progress bar on a terminal. */
export const PROGRESS_MIN_ROWS = 200;

/** A progress bar on stderr when it is a terminal and the file is large; otherwise nothing. */
export async function progressBar(env: Env, total: number, label: string): Promise<Progress> {
  if (!env.ctx.stderr.isTTY || total < PROGRESS_MIN_ROWS) return { tick: () => {}, stop: () => {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: env.ctx.stderr as unknown as NodeJS.WritableStream,
      format: `${label} [{bar}] {percentage}% | {value}/{total}`,
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: false,
      gracefulExit: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: (done) => bar.update(done),
    stop: () => {
      bar.update(total);
      bar.stop();
    },
  };
}
