/**
 * Reading the CSV files offices export from Excel: UTF-8 with or without a BOM, comma, semicolon or
 * tab, header names in Vietnamese or English. Loaded only by the import commands.
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
  let rows: CsvRow[];
  try {
    rows = parseCsv(text, detectDelimiter(text));
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    if (err.found === undefined) throw new UsageError('compliance.import.csvQuoteNotClosed', { file, line: err.line });
    throw new UsageError('compliance.import.csvAfterQuote', { file, line: err.line, found: err.found });
  }
  return recordsFromRows(file, rows, fields);
}

/** One record of a CSV file: the line it starts on (1 = the first), its fields. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A CSV file that cannot be read as records: a quote left open (no `found`), or text after a closing quote. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly found?: string,
  ) {
    super(found === undefined ? `quote opened on line ${line} is never closed` : `"${found}" after a closing quote on line ${line}`);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * CSV as Excel and LibreOffice write it (RFC 4180): fields split by `delimiter`, records by CRLF, LF
 * or CR (each one line, even mixed in one file), a field in double quotes may hold delimiters, line
 * breaks and doubled quotes (`""`). Fields are trimmed of the spaces around them (not of those inside
 * quotes); a quote inside an unquoted field is part of the text; empty lines are skipped; records may
 * have fewer or more fields than the header. Each record carries the line it starts on.
 */
export function parseCsv(text: string, delimiter: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const end = text.length;
  const sep = delimiter.charCodeAt(0);
  // Spaces and tabs around a field are dropped, unless the tab is the delimiter.
  const blank = (c: number) => c === 32 || (c === 9 && sep !== 9);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < end) {
    const first = line;
    const cells: string[] = [];
    let quoted = false;
    for (;;) {
      let j = i;
      while (j < end && blank(text.charCodeAt(j))) j++;
      if (j < end && text.charCodeAt(j) === QUOTE) {
        quoted = true;
        const opened = line;
        let value = '';
        let from = j + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) throw new CsvSyntaxError(opened);
          line += lineBreaks(text, from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        while (i < end && blank(text.charCodeAt(i))) i++;
        const c = text.charCodeAt(i);
        if (i < end && c !== sep && c !== LF && c !== CR) throw new CsvSyntaxError(line, text.slice(i, i + 10).split(/[\r\n]/)[0]);
        cells.push(value);
      } else {
        let k = j;
        for (; k < end; k++) {
          const c = text.charCodeAt(k);
          if (c === sep || c === LF || c === CR) break;
        }
        cells.push(text.slice(j, k).trim());
        i = k;
      }
      if (i >= end) break;
      const c = text.charCodeAt(i);
      i++;
      if (c === sep) continue;
      if (c === CR && text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    if (quoted || cells.length > 1 || cells[0] !== '') rows.push({ line: first, cells });
  }
  return rows;
}

/** The line breaks (CRLF, LF or CR) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) n++;
  }
  return n;
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
