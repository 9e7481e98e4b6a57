/**
 * What a command action gets: the resolved global options, the translator, the database (opened on
 * first use), "today", and the output layer. Built once per run by the action wrapper.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { todayInHoChiMinh, type Duration, type IsoDate } from '../domain/dates.js';
import type { Period } from '../domain/periods.js';
import { translator, type Lang, type Translate } from '../i18n/index.js';
import { wrapToWidth } from '../render/fit.js';
import { neutraliseForTerminal } from '../render/terminal.js';
import { csvField, FORMATS, renderTable, writeJson, writeRows, writesRowByRow, type Column, type Format } from '../render/output.js';
import { finishRecording, startRecording, type Audit } from '../store/changelog.js';
import { writeReport, type Report } from '../render/report.js';
import { textFile, writeBinary } from './output-file.js';
import { openDatabase, resolveDbPath, totalChanges, type Db } from '../store/db.js';
import type { Ctx } from './context.js';
import { UsageError } from '../errors.js';
import { createParser, type Parser } from './parse.js';

export interface GlobalOptions {
  db?: string;
  lang?: string;
  format?: string;
  json?: boolean;
  color?: boolean;
  yes?: boolean;
  /** false with --no-pager. */
  pager?: boolean;
  wide?: boolean;
  /** --out FILE and --force of the commands that write reports and listings to a file. */
  out?: string;
  force?: boolean;
}

/** The pager when neither THUKY_PAGER nor PAGER names one: quits at once when the text fits, keeps colours. */
export const DEFAULT_PAGER = 'less -FRX';

/**
 * The pager long output goes through, or null: only on a terminal (never in a pipe, a file or
 * cron), not with --no-pager; $THUKY_PAGER, else $PAGER, else less -FRX; an empty value (or `cat`)
 * means none.
 */
export function choosePager(opts: { isTTY: boolean; noPager: boolean; env: Record<string, string | undefined> }): string | null {
  if (!opts.isTTY || opts.noPager) return null;
  const named = opts.env.THUKY_PAGER ?? opts.env.PAGER;
  if (named === undefined) return DEFAULT_PAGER;
  const command = named.trim();
  return command === '' || command === 'cat' ? null : command;
}

/** Lines the text takes on a terminal this wide (long lines wrap). */
export function screenLines(text: string, columns: number | undefined): number {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (!columns) return lines.length;
  let n = 0;
  // eslint-disable-next-line no-control-regex
  for (const line of lines) n += Math.max(1, Math.ceil(line.replace(/\u001b\[[0-9;]*m/g, '').length / columns));
  return n;
}

export { dateInputUsageError } from './parse.js';

/** Chunks of a listing already in its format (see Env.list), or undefined to write its rows. */
export type ListingStream = (format: Format) => Iterable<string | Uint8Array> | undefined;

export class Env {
  readonly t: Translate;
  readonly dbPath: string;
  private handle: Db | undefined;
  /** Whether db() created the file in this run. */
  private createdFile = false;
  /** total_changes() once the change log started recording (its setup counts as changes). */
  private changesAtStart = 0;
  /** "Today" of this run, worked out once (bulk imports ask for it per line). */
  private todayCache: IsoDate | undefined;

  constructor(
    readonly ctx: Ctx,
    readonly globals: GlobalOptions,
    readonly lang: Lang,
    /** "task add", for the change log. */
    readonly command: string,
    /** The command line as typed, kept with the run in the change log. */
    readonly argv?: string[],
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

  /**
   * The width a table fits on a terminal: `COLUMNS` when set, else the terminal's; none with
   * --wide or in a pipe (natural widths there, as before).
   */
  get tableWidth(): number | undefined {
    if (this.globals.wide) return undefined;
    const fromEnv = Number(this.ctx.env.COLUMNS);
    if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
    if (!this.ctx.stdout.isTTY) return undefined;
    return this.ctx.stdout.columns && this.ctx.stdout.columns > 0 ? this.ctx.stdout.columns : 80;
  }

  /** Opens the database for writing (created and migrated if needed). */
  db(): Db {
    // A set THUKY_TODAY is checked before anything can be written: a command that shows its result
    // "as of today" after writing must not fail on it half-way (exit 2 means nothing written).
    if (this.ctx.env.THUKY_TODAY !== undefined) this.today();
    if (!this.handle) {
      this.createdFile = !existsSync(this.dbPath);
      this.handle = openDatabase(this.dbPath, { create: true });
      startRecording(this.handle, { at: this.ctx.now().toISOString(), user: this.ctx.osUser, command: this.command, args: this.argv });
      this.changesAtStart = totalChanges(this.handle);
    }
    return this.handle;
  }

  /** Opens the database read-only, for reports: never blocks or changes anything. */
  readDb(): Db {
    return (this.handle ??= openDatabase(this.dbPath, { readonly: true }));
  }

  close(): void {
    if (this.handle) {
      try {
        finishRecording(this.handle);
      } catch {
        // Busy or read-only: an empty run is harmless (undo skips it).
      }
    }
    this.handle?.close();
    this.handle = undefined;
  }

  /**
   * After a failed command: a database file this run created and wrote nothing to is removed, so
   * that bad input (`init --sample nope`, a unit that does not exist) leaves nothing behind.
   */
  discardUnusedNewDatabase(): void {
    if (!this.handle || !this.createdFile) return;
    const changes = totalChanges(this.handle) - this.changesAtStart;
    this.close();
    if (changes === 0) for (const file of [this.dbPath, `${this.dbPath}-wal`, `${this.dbPath}-shm`]) rmSync(file, { force: true });
  }

  /** Reads typed values; its "today" is this run's (THUKY_TODAY, else the calendar date). */
  readonly parse: Parser = createParser(() => this.defaultToday());

  /** --as-of, else THUKY_TODAY, else the calendar date in Asia/Ho_Chi_Minh. */
  today(asOf?: string): IsoDate {
    return this.parse.asOf(asOf);
  }

  private defaultToday(): IsoDate {
    if (this.todayCache === undefined) {
      const base = todayInHoChiMinh(this.ctx.now());
      const fromEnv = this.ctx.env.THUKY_TODAY;
      if (fromEnv !== undefined && fromEnv.trim() === '') throw new UsageError('date.todayEnvEmpty');
      this.todayCache = fromEnv !== undefined ? createParser(() => base).date('THUKY_TODAY', fromEnv) : base;
    }
    return this.todayCache;
  }

  date(field: string, value: string, today?: IsoDate): IsoDate {
    return this.parse.date(field, value, today);
  }

  optionalDate(field: string, value: string | undefined, today?: IsoDate): IsoDate | undefined {
    return this.parse.optionalDate(field, value, today);
  }

  duration(field: string, value: string): Duration {
    return this.parse.duration(field, value);
  }

  dateAfter(field: string, value: string, start: IsoDate): IsoDate {
    return this.parse.dateAfter(field, value, start);
  }

  period(field: string, value: string, today?: IsoDate): Period {
    return this.parse.period(field, value, today);
  }

  int(field: string, value: string | undefined, min: number, max: number): number | undefined {
    return this.parse.int(field, value, min, max);
  }

  year(field: string, value: string | undefined): number | undefined {
    return this.parse.year(field, value);
  }

  audit(): Audit {
    return { at: this.ctx.now().toISOString(), user: this.ctx.osUser, command: this.command };
  }

  /** The pager of this run, if any (see choosePager). */
  get pager(): string | null {
    return choosePager({ isTTY: this.ctx.stdout.isTTY, noPager: this.globals.pager === false, env: this.ctx.env });
  }

  /**
   * Data to stdout; on a terminal, a table and the lines around it wrapped to its width, and text
   * taller than the terminal through the pager (printed directly when the pager cannot start).
   */
  print(text: string, ownColour = false): void {
    // Control characters are neutralised on the way to a terminal (see render/terminal.ts).
    let safe = text;
    const width = this.tableWidth;
    if (width !== undefined && this.ctx.stdout.isTTY && this.wrapsText()) safe = wrapToWidth(safe, width);
    const { rows, columns } = this.ctx.stdout;
    if (rows && this.ctx.page && screenLines(safe, columns) >= rows) {
      const pager = this.pager;
      // The pager reads a pipe, not the neutralising terminal stream: the text is made safe here.
      const paged = neutraliseForTerminal(safe, ownColour);
      if (pager && this.ctx.page(pager, paged.endsWith('\n') ? paged : `${paged}\n`)) return;
    }
    if (ownColour && this.ctx.stdout.writeColoured) this.ctx.stdout.writeColoured(safe);
    else this.ctx.stdout.write(safe);
    // A separate write: appending to a report of several MB would copy all of it.
    if (safe !== '' && !safe.endsWith('\n')) this.ctx.stdout.write('\n');
  }

  private wrapsText(): boolean {
    try {
      // The text forms (overdue's, for mail) keep their lines, whatever the terminal's width.
      return this.format === 'table';
    } catch {
      return false;
    }
  }

  /** JSON to stdout: indented on a terminal, compact in a pipe (smaller and faster for scripts). */
  json(value: unknown): void {
    if (this.ctx.stdout.isTTY) return this.print(JSON.stringify(value, null, 2));
    writeJson(value, (chunk) => this.ctx.stdout.write(chunk));
    this.ctx.stdout.write('\n');
  }

  /**
   * Summary lines after a listing, in every format but JSON (where they are fields): on a terminal
   * and in Markdown under the table; in TSV and CSV after the rows and a blank line.
   */
  footer(lines: string[], format: Format = this.format): void {
    if (!lines.length || format === 'json') return;
    if (format === 'csv') this.print(`\r\n${lines.map(csvField).join('\r\n')}\r\n`);
    else if (format === 'tsv') this.print(`\n${lines.map((l) => l.replace(/[\t\r\n]+/g, ' ')).join('\n')}\n`);
    else this.print(lines.join('\n'));
  }

  /** Messages to stderr. */
  info(key: string, params?: Record<string, string | number | null | undefined>): void {
    this.ctx.stderr.write(`${this.t(key, params)}\n`);
  }

  warn(key: string, params?: Record<string, string | number | null | undefined>): void {
    this.ctx.stderr.write(`${this.t('common.warning')}: ${this.t(key, params)}\n`);
  }

  /**
   * A listing: the same rows in every format. `stream`, when it gives chunks for a format, writes
   * that format in a pipe or a file instead of the rows (the bytes writeRows would give for them,
   * made another way: JSON built by SQLite). Rows may come one at a time (a database cursor): in a
   * pipe, JSON, CSV and TSV are then written as they come.
   */
  async list<R>(rows: Iterable<R>, columns: Column<R>[], format: Format = this.format, stream?: ListingStream): Promise<void> {
    if (format === 'xlsx' || format === 'docx')
      return this.report({ id: this.command.replace(/ /g, '-'), title: this.listingTitle(), lines: [], tables: [{ name: this.listingTitle(), columns, rows }], notes: [], summary: [] }, { format });
    const file = textFile(this);
    if (file) {
      // To a file: the bytes a pipe gets.
      const plain = { format, lang: this.lang, t: this.t, color: false };
      try {
        const own = writesRowByRow(format) ? stream?.(format) : undefined;
        if (own) for (const chunk of own) file.write(chunk);
        else if (writesRowByRow(format)) writeRows(rows, columns, plain, (chunk) => file.write(chunk));
        else file.write(await renderTable(Array.isArray(rows) ? (rows as R[]) : [...rows], columns, plain));
      } catch (err) {
        file.fail();
        throw err;
      }
      file.done();
      return this.info('output.written', { path: file.path, format });
    }
    const opts = { format, lang: this.lang, t: this.t, color: this.color, pretty: this.ctx.stdout.isTTY, width: this.tableWidth };
    if (!this.ctx.stdout.isTTY && writesRowByRow(format)) {
      const own = stream?.(format);
      if (own) {
        for (const chunk of own) this.ctx.stdout.write(chunk);
        return;
      }
      return writeRows(rows, columns, opts, (chunk) => this.ctx.stdout.write(chunk));
    }
    const all = Array.isArray(rows) ? (rows as R[]) : [...rows];
    if (format === 'json') return this.json(all);
    this.print(await renderTable(all, columns, opts), format === 'table');
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
    // Which formats a command accepts was checked before it ran (cli/formats.ts); a report without a
    // document part (plan list without --missing) has no Word form.
    if (format === 'docx' && !report.document) throw new UsageError('output.docxNotHere', { command: this.command });
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
    const tty = !file && this.ctx.stdout.isTTY;
    // On a terminal the report is printed whole: fitted to the width, paged when taller, its own colours kept.
    const screen: string[] = [];
    const write = file ? (chunk: string) => file.write(chunk) : tty ? (chunk: string) => void screen.push(chunk) : (chunk: string) => this.ctx.stdout.write(chunk);
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
        await writeReport(report, { format, lang: this.lang, t: this.t, color: tty && this.color, tty, width: tty ? this.tableWidth : undefined }, write);
      }
      if (screen.length) this.print(screen.join(''), true);
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
