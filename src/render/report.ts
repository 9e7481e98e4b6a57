/**
 * One report model behind every format. A command builds its report as data — title, period and
 * as-of lines, one or more tables (the columns of output.ts, rows possibly streamed), notes and
 * summary lines, its JSON form, and optionally the parts a Word document and a chart need — and a
 * renderer per format writes it. No command branches on the format.
 *
 * Text formats are written here; Word (docx.ts), Excel (xlsx.ts) and charts (chart.ts) are loaded
 * only when asked for.
 */
import { sanitizeForTerminal } from '../domain/text.js';
import type { Lang, Translate } from '../i18n/index.js';
import { cellText, csvField, renderTable, toMarkdown, writeJson, type Column, type Format } from './output.js';

/** A table of a report. */
export interface ReportTable<R = any> {
  /** Sheet name in Excel; a heading above the table when a report has several. */
  name: string;
  heading?: string;
  columns: Column<R>[];
  /** Rows may come one at a time (a database cursor): pipes and Excel's streaming writer take them as they come. */
  rows: Iterable<R>;
}

/** A chart: bars per label, each split into segments (e.g. criteria met / not met). */
export interface ChartSpec {
  title: string;
  /** Label of the value axis. */
  axis: string;
  segments: { key: string; label: string; tone: 'green' | 'red' | 'yellow' | 'gray' }[];
  bars: { label: string; values: Record<string, number> }[];
  /** Said instead of the bars when there are none. */
  empty?: string;
  /** What the text after each bar says, e.g. "4/6". */
  caption?: (bar: { label: string; values: Record<string, number> }) => string;
}

/** What a Word document adds: the heading of the committee, the title, a generated introduction. */
export interface DocumentParts {
  /** Upper-case lines on the left: the higher organisation, the committee. */
  committeeParent: string | null;
  committee: string | null;
  /** "Số: …-BC/QU" */
  number: string;
  /** "Quận 1, ngày 31 tháng 12 năm 2017" */
  placeDate: string;
  /** "BÁO CÁO" */
  kind: string;
  /** "Kết quả thực hiện … năm 2017" */
  subject: string;
  intro: string[];
  /** Text above the table, e.g. "I. KẾT QUẢ THEO ĐƠN VỊ". */
  tableHeading?: string;
  /** Closing sections: "Nơi nhận" lines and the signature block. */
  recipients: string[];
  signature: { on: string; role: string; name: string };
}

export interface Report {
  /** Stable id ("compliance", "overdue"): file names, sheet names. */
  id: string;
  title: string;
  /** Period, as-of: under the title. */
  lines: string[];
  tables: ReportTable[];
  /** Thresholds, bases, legends: after the table (after a blank line in CSV). */
  notes: string[];
  /** Counts and verdicts in one sentence each: in every format. */
  summary: string[];
  /** The JSON form, with stable field names; when absent, the rows of the first table. */
  json?: unknown;
  /** The text form (--format text), when the report has one of its own. */
  text?: () => string;
  document?: DocumentParts;
  chart?: ChartSpec;
}

export interface ReportRenderOptions {
  format: Format;
  lang: Lang;
  t: Translate;
  color: boolean;
  /** Whether stdout is a terminal (indented JSON). */
  tty: boolean;
  /** The width a table must fit (a terminal's; none in a pipe or file). */
  width?: number;
}

/** The text formats. Binary ones (xlsx, docx) go through writeReportFile in cli/output-file.ts. */
export async function writeReport(report: Report, opts: ReportRenderOptions, write: (chunk: string) => void): Promise<void> {
  const { lang, t } = opts;
  switch (opts.format) {
    case 'json': {
      const value = report.json ?? [...report.tables[0].rows];
      if (opts.tty) write(JSON.stringify(value, null, 2) + '\n');
      else {
        writeJson(value, write);
        write('\n');
      }
      return;
    }
    case 'text':
    case 'tsv': {
      if (opts.format === 'text' && report.text) return write(report.text());
      // The plain text of a report without its own: the title, the tab-separated rows, the notes.
      const text = opts.format === 'text';
      if (text) write([report.title, ...report.lines].map(tsvField).join('\n') + '\n');
      const several = report.tables.length > 1;
      report.tables.forEach((table, i) => {
        if (i) write('\n');
        if (several && table.heading) write(`# ${tsvField(table.heading)}\n`);
        write(table.columns.map((c) => c.key).join('\t') + '\n');
        writeSlices(table.rows, (row) => table.columns.map((c) => tsvField(cellText(row, c, lang, t))).join('\t') + '\n', write);
      });
      const tail = text ? [...report.notes, ...report.summary] : report.summary;
      if (tail.length) write(`\n${tail.map(tsvField).join('\n')}\n`);
      return;
    }
    case 'csv': {
      const eol = '\r\n';
      write('\uFEFF');
      write([report.title, ...report.lines].map(csvField).join(eol) + eol);
      report.tables.forEach((table, i) => {
        if (i) write(eol);
        if (table.heading) write(csvField(table.heading) + eol);
        write(table.columns.map((c) => csvField(t(c.label))).join(',') + eol);
        writeSlices(table.rows, (row) => table.columns.map((c) => csvField(cellText(row, c, lang, t))).join(',') + eol, write);
      });
      const tail = [...report.notes, ...report.summary];
      if (tail.length) write(eol + tail.map(csvField).join(eol) + eol);
      return;
    }
    case 'md': {
      write(`### ${report.title}\n\n`);
      if (report.lines.length) write(report.lines.join('  \n') + '\n\n');
      for (const table of report.tables) {
        if (table.heading && report.tables.length > 1) write(`#### ${table.heading}\n\n`);
        const rows = [...table.rows];
        write(
          toMarkdown(
            table.columns.map((c) => t(c.label)),
            rows.map((row) => table.columns.map((c) => cellText(row, c, lang, t))),
            table.columns.map((c) => c.align ?? (c.type === 'number' || c.type === 'percent' ? 'right' : 'left')),
          ),
        );
      }
      const tail = [...report.notes, ...report.summary];
      if (tail.length) write(tail.map((l) => `- ${l}`).join('\n') + '\n');
      return;
    }
    case 'table': {
      write(`${sanitizeForTerminal(report.title)}\n`);
      for (const line of report.lines) write(`${sanitizeForTerminal(line)}\n`);
      for (const table of report.tables) {
        if (table.heading && report.tables.length > 1) write(`\n${sanitizeForTerminal(table.heading)}\n`);
        write(await renderTable([...table.rows], table.columns, { format: 'table', lang, t, color: opts.color, width: opts.width }));
      }
      const tail = [...report.notes, ...report.summary];
      if (tail.length) write(tail.map(sanitizeForTerminal).join('\n') + '\n');
      return;
    }
    default:
      throw new Error(`writeReport: ${opts.format} is written to a file`);
  }
}

function tsvField(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}

/** Rows in slices: one string built per 500 rows, neither per row nor for the whole listing. */
function writeSlices<R>(rows: Iterable<R>, line: (row: R) => string, write: (chunk: string) => void): void {
  let buf: string[] = [];
  for (const row of rows) {
    buf.push(line(row));
    if (buf.length === 500) {
      write(buf.join(''));
      buf = [];
    }
  }
  if (buf.length) write(buf.join(''));
}

/** A column's value as the file formats want it: a real date, a number, a fraction for percents, else the human text. */
export type TypedCell = { kind: 'date'; value: Date } | { kind: 'number'; value: number } | { kind: 'percent'; value: number } | { kind: 'text'; value: string };

export function typedCell<R>(row: R, col: Column<R>, lang: Lang, t: Translate): TypedCell {
  const raw = (row as Record<string, unknown>)[col.key];
  if (col.type === 'date' && typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}/.test(raw)) {
    const [y, m, d] = raw.slice(0, 10).split('-').map(Number);
    return { kind: 'date', value: new Date(Date.UTC(y, m - 1, d)) };
  }
  if (col.type === 'number' && typeof raw === 'number' && Number.isFinite(raw)) return { kind: 'number', value: raw };
  if (col.type === 'percent' && typeof raw === 'number' && Number.isFinite(raw)) return { kind: 'percent', value: raw / 100 };
  return { kind: 'text', value: cellText(row, col, lang, t) };
}

/** A file name's stem for a report id and its period ("bao-cao-compliance-2017"). */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}
