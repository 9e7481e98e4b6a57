/**
 * What a command action gets: the resolved global options, the translator, the database (opened on
 * first use), "today", and the output layer. Built once per run by the action wrapper.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { DateInputError, parseDateInput, parseDuration, todayInHoChiMinh, type Duration, type IsoDate } from '../domain/dates.js';
import { parsePeriod, PeriodInputError, type Period } from '../domain/periods.js';
import { sanitizeKeepingColour } from '../domain/text.js';
import { translator, type Lang, type Translate } from '../i18n/index.js';
import { FORMATS, renderTable, writeJson, writeRows, writesRowByRow, type Column, type Format } from '../render/output.js';
import { writeReport, type Report } from '../render/report.js';
import { textFile, writeBinary } from './output-file.js';
import type { Audit } from '../store/changelog.js';
import { openDatabase, resolveDbPath, type Db } from '../store/db.js';
import type { Ctx } from './context.js';
import { UsageError } from './errors.js';

export interface GlobalOptions {
  db?: string;
  lang?: string;
  format?: string;
  json?: boolean;
  color?: boolean;
  yes?: boolean;
  /** --out FILE and --force of the commands that write reports and listings to a file. */
  out?: string;
  force?: boolean;
}

/** "17/06/2017", "2017-06-17": dates that do not depend on today ("+30d", "hôm nay" do). */
function isAbsoluteDate(value: string): boolean {
  return /^\s*\d/.test(value);
}

/** The formats a report can be written in. */
export function reportFormats(report: Pick<Report, 'document'>): Format[] {
  return ['table', 'text', 'json', 'csv', 'tsv', 'md', 'xlsx', ...(report.document ? (['docx'] as const) : [])];
}

export class Env {
  readonly t: Translate;
  readonly dbPath: string;
  private handle: Db | undefined;
  /** Whether db() created the file in this run. */
  private createdFile = false;
  /** "Today" of this run, worked out once (bulk imports ask for it per line). */
  private todayCache: IsoDate | undefined;

  constructor(
    readonly ctx: Ctx,
    readonly globals: GlobalOptions,
    readonly lang: Lang,
    /** "task add", for the change log. */
    readonly command: string,
  ) {
    this.t = translator(lang);
    this.dbPath = resolveDbPath(globals.db, ctx.env, ctx.cwd);
  }

  /** The output format: --json, else --format, else a table on a terminal and TSV in a pipe. */
  get format(): Format {
    if (this.globals.json) return 'json';
    if (this.globals.format) {
      // Document formats (txt, docx) pass the option parser for `meeting minutes`; listings refuse them.
      if (!FORMATS.includes(this.globals.format as Format))
        throw new UsageError('input.badChoice', { field: '--format', value: this.globals.format, accepted: FORMATS.join(', ') });
      return this.globals.format as Format;
    }
    return this.ctx.stdout.isTTY ? 'table' : 'tsv';
  }

  /** Whether --format or --json was given (a command may have its own default otherwise). */
  get formatChosen(): boolean {
    return !!(this.globals.json || this.globals.format);
  }

  get color(): boolean {
    if (this.globals.color === false) return false;
    if (this.ctx.env.NO_COLOR !== undefined && this.ctx.env.NO_COLOR !== '') return false;
    if (this.ctx.env.FORCE_COLOR && this.ctx.env.FORCE_COLOR !== '0') return true;
    return this.ctx.stdout.isTTY;
  }

  /** Opens the database for writing (created and migrated if needed). */
  db(): Db {
    if (!this.handle) {
      this.createdFile = !existsSync(this.dbPath);
      this.handle = openDatabase(this.dbPath, { create: true });
    }
    return this.handle;
  }

  /** Opens the database read-only, for reports: never blocks or changes anything. */
  readDb(): Db {
    return (this.handle ??= openDatabase(this.dbPath, { readonly: true }));
  }

  close(): void {
    this.handle?.close();
    this.handle = undefined;
  }

  /**
   * After a failed command: a database file this run created and wrote nothing to is removed, so
   * that bad input (`init --sample nope`, a unit that does not exist) leaves nothing behind.
   */
  discardUnusedNewDatabase(): void {
    if (!this.handle || !this.createdFile) return;
    const changes = (this.handle.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    this.close();
    if (changes === 0) for (const file of [this.dbPath, `${this.dbPath}-wal`, `${this.dbPath}-shm`]) rmSync(file, { force: true });
  }

  /** --as-of, else THUKY_TODAY, else the calendar date in Asia/Ho_Chi_Minh. */
  today(asOf?: string): IsoDate {
    // A date written out in full needs no "today" (nor a valid THUKY_TODAY).
    if (asOf && isAbsoluteDate(asOf)) return this.parseDateWith('--as-of', asOf, '1970-01-01');
    if (this.todayCache === undefined) {
      const base = todayInHoChiMinh(this.ctx.now());
      const fromEnv = this.ctx.env.THUKY_TODAY;
      this.todayCache = fromEnv ? this.parseDateWith('THUKY_TODAY', fromEnv, base) : base;
    }
    return asOf ? this.parseDateWith('--as-of', asOf, this.todayCache) : this.todayCache;
  }

  /** Parses a date typed by the user; a bad one is a usage error naming the field. */
  date(field: string, value: string, today?: IsoDate): IsoDate {
    return this.parseDateWith(field, value, today ?? (isAbsoluteDate(value) ? '1970-01-01' : this.today()));
  }

  private parseDateWith(field: string, value: string, today: IsoDate): IsoDate {
    try {
      return parseDateInput(value, today);
    } catch (err) {
      if (err instanceof DateInputError)
        throw new UsageError(err.reason === 'impossible' ? 'input.impossibleDate' : 'input.badDate', { field, value });
      throw err;
    }
  }

  optionalDate(field: string, value: string | undefined, today?: IsoDate): IsoDate | undefined {
    return value === undefined ? undefined : this.date(field, value, today);
  }

  duration(field: string, value: string): Duration {
    const d = parseDuration(value);
    if (!d) throw new UsageError('input.badDuration', { field, value });
    return d;
  }

  period(field: string, value: string, today?: IsoDate): Period {
    try {
      return parsePeriod(value, today ?? this.today());
    } catch (err) {
      if (err instanceof PeriodInputError) throw new UsageError('input.badPeriod', { field, value });
      throw err;
    }
  }

  /** A whole number within bounds, or a usage error naming the field. */
  int(field: string, value: string | undefined, min: number, max: number): number | undefined {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^-?\d+$/.test(String(value).trim()) || n < min || n > max) throw new UsageError('input.badNumber', { field, value, min, max });
    return n;
  }

  year(field: string, value: string | undefined): number | undefined {
    return this.int(field, value, 1900, 2999);
  }

  audit(): Audit {
    return { at: this.ctx.now().toISOString(), user: this.ctx.osUser, command: this.command };
  }

  /** Data to stdout. */
  print(text: string): void {
    const safe = this.ctx.stdout.isTTY ? sanitizeKeepingColour(text) : text;
    this.ctx.stdout.write(safe);
    // A separate write: appending to a report of several MB would copy all of it.
    if (safe !== '' && !safe.endsWith('\n')) this.ctx.stdout.write('\n');
  }

  /** JSON to stdout: indented on a terminal, compact in a pipe (smaller and faster for scripts). */
  json(value: unknown): void {
    if (this.ctx.stdout.isTTY) return this.print(JSON.stringify(value, null, 2));
    writeJson(value, (chunk) => this.ctx.stdout.write(chunk));
    this.ctx.stdout.write('\n');
  }

  /** Messages to stderr. */
  info(key: string, params?: Record<string, string | number | null | undefined>): void {
    this.ctx.stderr.write(`${this.t(key, params)}\n`);
  }

  warn(key: string, params?: Record<string, string | number | null | undefined>): void {
    this.ctx.stderr.write(`${this.t('common.warning')}: ${this.t(key, params)}\n`);
  }

  /**
   * A listing: the same rows in every format. Rows may come one at a time (a database cursor): in a
   * pipe, JSON, CSV and TSV are then written as they come.
   */
  async list<R>(rows: Iterable<R>, columns: Column<R>[], format: Format = this.format): Promise<void> {
    if (format === 'xlsx' || format === 'docx')
      return this.report({ id: this.command.replace(/ /g, '-'), title: this.listingTitle(), lines: [], tables: [{ name: this.listingTitle(), columns, rows }], notes: [], summary: [] }, { format });
    const file = textFile(this);
    if (file) {
      // To a file: the bytes a pipe gets.
      const plain = { format, lang: this.lang, t: this.t, color: false };
      try {
        if (writesRowByRow(format)) writeRows(rows, columns, plain, (chunk) => file.write(chunk));
        else file.write(await renderTable(Array.isArray(rows) ? (rows as R[]) : [...rows], columns, plain));
      } catch (err) {
        file.fail();
        throw err;
      }
      file.done();
      return this.info('output.written', { path: file.path, format });
    }
    const opts = { format, lang: this.lang, t: this.t, color: this.color, pretty: this.ctx.stdout.isTTY };
    if (!this.ctx.stdout.isTTY && writesRowByRow(format)) return writeRows(rows, columns, opts, (chunk) => this.ctx.stdout.write(chunk));
    const all = Array.isArray(rows) ? (rows as R[]) : [...rows];
    if (format === 'json') return this.json(all);
    this.print(await renderTable(all, columns, opts));
  }

  /** A listing's title in a file: the command's description, as a sentence. */
  private listingTitle(): string {
    const key = `cmd.${this.command.replace(/ /g, '.')}.desc`;
    const text = this.t(key);
    if (text === key) return `thuky ${this.command}`;
    const first = text.split(/[;:(]/)[0].trim();
    return first.charAt(0).toLocaleUpperCase(this.lang) + first.slice(1);
  }

  /**
   * A report in the format asked for: text formats to stdout (or to --out), Excel and Word to a
   * file (or a pipe). `chart` draws the report's chart on a terminal instead of its table.
   */
  async report(report: Report, opts: { format?: Format; chart?: boolean; docxBody?: string[] } = {}): Promise<void> {
    const format = opts.format ?? this.format;
    if (format === 'docx' && !report.document) throw new UsageError('output.docxNotHere', { command: this.command });
    // --format accepts what the report can produce.
    const accepted = reportFormats(report);
    if (!accepted.includes(format)) throw new UsageError('input.badChoice', { field: '--format', value: format, accepted: accepted.join(', ') });
    if (format === 'xlsx' || format === 'docx') {
      const chart = report.chart?.bars.length ? await (await import('../render/chart.js')).chartPng(report.chart) : undefined;
      return writeBinary(this, format, async (target) => {
        if (format === 'xlsx') {
          const { writeXlsx } = await import('../render/xlsx.js');
          await writeXlsx(report, { lang: this.lang, t: this.t, chart }, target);
        } else {
          const { renderReportDocx } = await import('../render/docx.js');
          const buffer = await renderReportDocx(report, report.document!, { lang: this.lang, t: this.t, chart, body: opts.docxBody });
          if (target.filename) writeFileSync(target.filename, buffer);
          else target.stream!.write(buffer);
        }
      });
    }
    const file = textFile(this);
    const write = file ? (chunk: string) => file.write(chunk) : (chunk: string) => this.ctx.stdout.write(chunk);
    const tty = !file && this.ctx.stdout.isTTY;
    try {
      // --chart draws instead of the table; an explicit data format (json, csv, …) still gets the data.
      if (opts.chart && report.chart && (!this.formatChosen || format === 'table' || format === 'text')) {
        const { renderChartText } = await import('../render/chart.js');
        const width = Number(this.ctx.env.COLUMNS) || (tty && this.ctx.stdout.columns) || 80;
        // Sentences wrap at word boundaries to the same width as the bars.
        const wrap = (await import('wrap-ansi')).default;
        const lines = (texts: string[]) => texts.map((l) => `${wrap(l, width, { hard: true })}\n`).join('');
        write(lines([report.title, ...report.lines]));
        write(await renderChartText(report.chart, { width, color: tty && this.color }));
        write(lines(report.summary));
      } else {
        await writeReport(report, { format, lang: this.lang, t: this.t, color: tty && this.color, tty }, write);
      }
    } catch (err) {
      file?.fail();
      throw err;
    }
    if (file) {
      file.done();
      this.info('output.written', { path: file.path, format });
    }
  }

  /** A single record: JSON as it is; otherwise the human text the command builds. */
  async record(value: unknown, human: () => string | Promise<string>): Promise<void> {
    if (this.format === 'xlsx' || this.format === 'docx') throw new UsageError('output.notForRecord', { format: this.format, command: this.command });
    if (this.format === 'json') this.json(value);
    else this.print(await human());
  }
}
