/**
 * One output layer: the same rows feed every format. Commands hand rows and column specs here;
 * nothing else in the tool decides how a listing looks.
 */
import { formatDateVi } from '../domain/dates.js';
import { formatLocalDateTime } from '../domain/datetime.js';
import { sanitizeForTerminal } from '../domain/text.js';
import type { Lang, Translate } from '../i18n/index.js';

export type Format = 'table' | 'json' | 'csv' | 'tsv' | 'md' | 'text' | 'xlsx' | 'docx';
/** Files, not text: written with --out (or to a pipe), see render/xlsx.ts and render/docx.ts. */
export const FILE_FORMATS: readonly Format[] = ['xlsx', 'docx'];
export const FORMATS: readonly Format[] = ['table', 'json', 'csv', 'tsv', 'md', 'text', ...FILE_FORMATS];
/** Formats only document commands accept (`meeting minutes --format txt`); listings refuse them. */
export const DOCUMENT_FORMATS: readonly string[] = ['txt'];

/** `datetime`: a stored UTC timestamp, shown in local time (Asia/Ho_Chi_Minh); JSON keeps it as stored. */
export type ColumnType = 'text' | 'date' | 'datetime' | 'number' | 'percent' | 'bool' | 'list';
export type Tone = 'red' | 'yellow' | 'green' | 'gray' | 'cyan' | 'bold' | undefined;

export interface Column<R = Record<string, unknown>> {
  /** Field of the row (stable, English: the JSON and TSV name). */
  key: string;
  /** Message key of the heading. */
  label: string;
  type?: ColumnType;
  /** Human form of the value, when it is not the raw field. */
  display?: (row: R) => string;
  /** Colour on a terminal. */
  tone?: (row: R) => Tone;
  align?: 'left' | 'right';
  /** On a narrow terminal: 1 = never left out; higher numbers are left out first (default: 1 for the first column, 2 for the others). */
  priority?: number;
  /** Narrowest a wrapping column gets before columns are left out (display columns). */
  minWidth?: number;
  /** Widest a column grows on a wide terminal (longer text wraps). */
  maxWidth?: number;
  /** Whether the text may wrap inside its cell (default: yes for text, never for numbers, dates, yes/no). */
  wrap?: boolean;
}

export interface RenderOptions {
  format: Format;
  lang: Lang;
  t: Translate;
  color: boolean;
  /** Indent JSON (on a terminal). */
  pretty?: boolean;
  /** A table fits this many columns (a terminal's width); undefined: natural widths (--wide, a pipe). */
  width?: number;
}

/** dd/MM/yyyy in every language (the English reports use it too); JSON keeps ISO. */
function humanDate(value: string): string {
  return formatDateVi(value);
}

/** The human form of one cell, without colour. */
export function cellText<R>(row: R, col: Column<R>, lang: Lang, t: Translate): string {
  if (col.display) return col.display(row);
  const value = (row as Record<string, unknown>)[col.key];
  if (value === null || value === undefined) return '';
  switch (col.type) {
    case 'date':
      return humanDate(String(value));
    case 'datetime':
      return formatLocalDateTime(String(value));
    case 'percent':
      return typeof value === 'number' ? `${formatNumber(value, lang)}%` : String(value);
    case 'number':
      return typeof value === 'number' ? formatNumber(value, lang) : String(value);
    case 'bool':
      return value ? t('common.yes') : t('common.no');
    case 'list':
      return Array.isArray(value) ? value.join('; ') : String(value);
    default:
      return String(value);
  }
}

export function formatNumber(value: number, lang: Lang): string {
  const rounded = Math.round(value * 10) / 10;
  const text = String(rounded);
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/** A cell Excel would run as a formula is prefixed with an apostrophe. */
export function neutraliseCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: string): string {
  const safe = neutraliseCsvCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180, CRLF line ends, UTF-8 with a BOM so that Excel shows Vietnamese. */
export function toCsv(header: string[], rows: string[][]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function tsvField(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}

function mdField(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function toMarkdown(header: string[], rows: string[][], align: ('left' | 'right')[] = []): string {
  const line = (cells: string[]) => `| ${cells.map(mdField).join(' | ')} |`;
  const rule = `|${header.map((_, i) => (align[i] === 'right' ? '---:' : '---')).join('|')}|`;
  // A blank line after the table, so that a footer printed next is not read as one more row.
  return [line(header), rule, ...rows.map(line)].join('\n') + '\n\n';
}

/** Applies a tone with chalk, loaded only when colour is on. */
export async function paint(text: string, tone: Tone): Promise<string> {
  if (!tone) return text;
  // Whether to colour was decided already (terminal, NO_COLOR, --no-color); chalk's own guess
  // looks at the real process streams and at CI variables, so it is told, not asked.
  painter ??= new (await import('chalk')).Chalk({ level: 1 });
  return painter[tone](text);
}

let painter: import('chalk').ChalkInstance | undefined;

export async function renderTable<R>(rows: R[], columns: Column<R>[], opts: RenderOptions): Promise<string> {
  const { lang, t } = opts;
  if (opts.format === 'json') return JSON.stringify(rows, null, opts.pretty ? 2 : undefined) + '\n';
  const header = columns.map((c) => t(c.label));
  const cells = rows.map((row) => columns.map((c) => cellText(row, c, lang, t)));
  switch (opts.format) {
    case 'csv':
      return toCsv(header, cells);
    case 'tsv':
    case 'text':
      return [columns.map((c) => c.key), ...cells].map((r) => r.map(tsvField).join('\t')).join('\n') + '\n';
    case 'md':
      return toMarkdown(header, cells, columns.map((c) => c.align ?? alignOf(c)));
    case 'table': {
      const { renderFittedTable } = await import('./fit.js');
      const { text, dropped } = await renderFittedTable({
        columns: columns.map((c, i) => ({
          header: sanitizeForTerminal(header[i]),
          align: c.align ?? alignOf(c),
          wrap: c.wrap ?? wrapsByDefault(c),
          priority: c.priority ?? (i === 0 ? 1 : 2),
          minWidth: c.minWidth,
          maxWidth: c.maxWidth,
        })),
        rows: cells.map((line) => line.map(sanitizeForTerminal)),
        tones: opts.color ? rows.map((row) => columns.map((c) => c.tone?.(row))) : undefined,
        width: opts.width,
        paint,
        color: opts.color,
      });
      if (!dropped.length) return text;
      return text + t('table.dropped', { columns: dropped.join(', '), width: opts.width ?? 0 }) + '\n';
    }
    default:
      throw new Error(`renderTable: ${opts.format} is written by its own renderer`);
  }
}

/**
 * Writes rows as they come, for the formats of a pipe that need no look at every row first
 * (compact JSON, CSV, TSV): a listing of tens of thousands of rows is never held whole. The bytes
 * are those renderTable and writeJson give for the same rows.
 */
export function writeRows<R>(rows: Iterable<R>, columns: Column<R>[], opts: RenderOptions, write: (chunk: string) => void): void {
  const { lang, t } = opts;
  if (opts.format === 'json') {
    write('[');
    let first = true;
    for (const slice of slices(rows)) {
      const part = JSON.stringify(slice).slice(1, -1);
      write(first ? part : `,${part}`);
      first = false;
    }
    write(']\n');
    return;
  }
  const csv = opts.format === 'csv';
  if (!csv && opts.format !== 'tsv' && opts.format !== 'text') throw new Error(`writeRows: ${opts.format} needs every row first`);
  const eol = csv ? '\r\n' : '\n';
  const line = csv
    ? (row: R) => columns.map((c) => csvField(cellText(row, c, lang, t))).join(',')
    : (row: R) => columns.map((c) => tsvField(cellText(row, c, lang, t))).join('\t');
  write(csv ? `\uFEFF${columns.map((c) => csvField(t(c.label))).join(',')}${eol}` : `${columns.map((c) => tsvField(c.key)).join('\t')}${eol}`);
  for (const slice of slices(rows)) write(slice.map(line).join(eol) + eol);
}

/** Rows in slices of JSON_CHUNK: one string built per slice, not per row nor for the whole listing. */
function* slices<R>(rows: Iterable<R>): Generator<R[]> {
  let slice: R[] = [];
  for (const row of rows) {
    slice.push(row);
    if (slice.length === JSON_CHUNK) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length) yield slice;
}

/** Whether a format can be written row by row (see writeRows). */
export function writesRowByRow(format: Format): boolean {
  return format === 'json' || format === 'csv' || format === 'tsv' || format === 'text';
}

function wrapsByDefault<R>(c: Column<R>): boolean {
  return c.type === undefined || c.type === 'text' || c.type === 'list';
}

function alignOf<R>(c: Column<R>): 'left' | 'right' {
  return c.type === 'number' || c.type === 'percent' ? 'right' : 'left';
}

const JSON_CHUNK = 500;

/**
 * Compact JSON, the same text as JSON.stringify(value), written piece by piece: a report of tens of
 * thousands of rows is never held as one string (nor copied again into one buffer). Arrays at the
 * top two levels are written in chunks of rows; anything deeper is stringified whole.
 */
export function writeJson(value: unknown, write: (chunk: string) => void, depth = 0): void {
  if (depth < 2 && Array.isArray(value)) {
    write('[');
    for (let i = 0; i < value.length; i += JSON_CHUNK) {
      // One stringify per slice (faster than one per row), without the slice's own brackets.
      const part = JSON.stringify(value.slice(i, i + JSON_CHUNK)).slice(1, -1);
      write(i ? `,${part}` : part);
    }
    write(']');
    return;
  }
  if (depth < 1 && value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    write('{');
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      write(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      writeJson(v, write, depth + 1);
    }
    write('}');
    return;
  }
  write(JSON.stringify(value) ?? 'null');
}

const COMMA = Buffer.from(',');

/**
 * A compact JSON array of items that are already JSON (bytes built by SQLite): the bytes writeRows
 * gives for the same rows, in writes of ~500 items, so that the first rows go out early.
 */
export function* jsonArrayChunks(items: Iterable<Uint8Array>): Generator<string | Uint8Array> {
  yield '[';
  let parts: Uint8Array[] = [];
  let first = true;
  for (const item of items) {
    if (!first) parts.push(COMMA);
    first = false;
    parts.push(item);
    if (parts.length >= 2 * JSON_CHUNK) {
      yield Buffer.concat(parts);
      parts = [];
    }
  }
  if (parts.length) yield Buffer.concat(parts);
  yield ']\n';
}
