/** thuky overdue: what is late, unit by unit, for people and for cron. Read-only; never prompts. */
import type { Command } from 'commander';
import { daysBetween, formatDateVi, type IsoDate } from '../../../domain/dates.js';
import { renderOverdueText, summaryLine, type OverdueItem, type OverdueReport } from '../../../render/overdue.js';
import type { Report } from '../../../render/report.js';
import { compareVi, sortVi } from '../../../domain/text.js';
import { documentParts } from '../../report-document.js';
import { withFileOptions } from '../../output-file.js';
import type { Column } from '../../../render/output.js';
import { buildOverdueReport } from '../../../reports/overdue.js';
import type { Db } from '../../../store/db.js';
import { openTasksDueJson } from '../../../store/task-reports.js';
import { resolveUnit, unitNames } from '../../../store/units.js';
import type { Env } from '../../env.js';
import { readFreshness, withFreshness, type FreshnessView } from '../../freshness.js';
import type { Parser } from '../../parse.js';
import { ExitCode } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import { TASK_KINDS, type TaskKind } from '../../../domain/tasks.js';
import { parseKind } from './shared.js';

/** "7" (days) or a time limit like "2w", "1m", "10 ngày". */
function dueWithinDays(p: Parser, asOf: IsoDate, value: string): number {
  if (/^\s*\d+\s*$/.test(value)) return p.int('--due-within', value.trim(), 0, 3650)!;
  return daysBetween(asOf, p.dateAfter('--due-within', value, asOf));
}

interface OverdueOpts {
  asOf?: string;
  unit?: string[];
  kind?: string;
  dueWithin?: string;
  quietWhenEmpty?: boolean;
  failOnOverdue?: boolean;
  chart?: boolean;
  freshWithin?: string;
}

/** What `overdue` was asked, read from its options alone (no database). */
export interface OverdueInput {
  asOf: IsoDate;
  kind: TaskKind | undefined;
  /** Days ahead to list as due soon; null: overdue only. */
  dueWithin: number | null;
  /** Units as typed, resolved against the database when the report runs. */
  units: string[] | undefined;
  /** --fresh-within, in milliseconds: wards whose data is older are left out (a city replicating with wards). */
  freshWithin?: number;
}

export function parseOverdueOptions(opts: OverdueOpts, p: Parser): OverdueInput {
  const asOf = p.asOf(opts.asOf);
  const freshWithin = opts.freshWithin === undefined ? undefined : p.elapsed('--fresh-within', opts.freshWithin);
  return { asOf, kind: parseKind(opts.kind), dueWithin: opts.dueWithin === undefined ? null : dueWithinDays(p, asOf, opts.dueWithin), units: opts.unit, ...(freshWithin !== undefined ? { freshWithin } : {}) };
}

export function registerOverdue(program: Command, cli: Cli): void {
  const cmd = cli
    .command(program, 'overdue', 'cmd.overdue', [
      'thuky overdue --as-of 31/12/2017 --format text',
      'thuky overdue --due-within 7 --quiet-when-empty --format text   # cron, 07:00 mỗi ngày',
      'thuky overdue --format csv > qua-han.csv',
      'thuky overdue --fail-on-overdue --json',
      'thuky overdue --as-of 31/12/2017 --format xlsx --out qua-han.xlsx',
      'thuky overdue --as-of 31/12/2017 --chart',
    ])
    .option('--as-of <date>', cli.t('opt.asOf'))
    .option('--unit <unit...>', cli.t('cmd.task.opt.unitFilter'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.task.opt.kind'), TASK_KINDS))
    .option('--due-within <days>', cli.t('cmd.overdue.opt.dueWithin'))
    .option('--quiet-when-empty', cli.t('cmd.overdue.opt.quiet'))
    .option('--fail-on-overdue', cli.t('cmd.overdue.opt.fail'))
    .option('--chart', cli.t('opt.chart'))
    .option('--fresh-within <age>', cli.t('opt.freshWithin'));
  withFileOptions(cmd, cli.t);
  cli.action<OverdueOpts>(cmd, async (env, opts) => {
    const { asOf, kind, dueWithin, units, freshWithin } = parseOverdueOptions(opts, env.parse);
    const db = env.readDb();
    const unitIds = units?.map((q) => resolveUnit(db, q, { at: asOf }).id);
    // At a city replicating with wards: how fresh each ward's data is (nothing elsewhere).
    const fresh = readFreshness(env, db, freshWithin, opts.freshWithin);
    // A report, not a listing: in a pipe (cron mail) its default is the plain text form.
    const format = env.formatChosen ? env.format : env.ctx.stdout.isTTY ? 'table' : 'text';
    if (format === 'json' && !env.ctx.stdout.isTTY && !env.globals.out && !fresh?.leftOut.length) return writeCompactJson(env, db, { asOf, dueWithin, unitIds, kind }, opts, fresh);
    const report = buildOverdueReport(db, env.t, { asOf, dueWithin, unitIds, kind, ...(fresh?.leftOut.length ? { leaveOut: fresh.isLeftOut } : {}) });
    const { code, quiet } = outcome(opts, report.overdue.length, report.dueSoon.length);
    if (quiet) return code;
    await env.report(overdueReportModel(env, db, report, format, fresh), { format, chart: opts.chart });
    return code;
  });
}

/** The overdue report in the one report model: every format, Word and Excel included. */
export function overdueReportModel(env: Env, db: Db, report: OverdueReport, format: string, fresh: FreshnessView | null = null): Report {
  const rows = [...report.overdue, ...report.dueSoon];
  // On a terminal and in Word a unit is named once, at the head of its group.
  const grouped = format === 'table' || format === 'docx';
  const groupHeads = new Set(rows.filter((r, i) => i === 0 || rows[i - 1].unitId !== r.unitId || rows[i - 1].section !== r.section));
  const columns: Column<OverdueItem>[] = [
    { key: 'section', label: 'overdue.col.section', display: (r) => env.t(`overdue.section.${r.section}`), tone: (r) => (r.section === 'overdue' ? 'red' : 'yellow'), priority: 2 },
    { key: 'unitName', label: 'col.unit', display: (r) => (!grouped || groupHeads.has(r) ? r.unitName : ''), priority: 1, minWidth: 14 },
    { key: 'id', label: 'col.id', type: 'number', priority: 1 },
    { key: 'title', label: 'task.col.title', priority: 1, minWidth: 20 },
    { key: 'dueOn', label: 'task.col.due', type: 'date', priority: 1 },
    { key: 'daysOverdue', label: 'overdue.col.daysOverdue', type: 'number', tone: (r) => (r.section === 'overdue' ? 'red' : undefined), priority: 1 },
    { key: 'daysLeft', label: 'overdue.col.daysLeft', type: 'number', priority: 2 },
    { key: 'extensions', label: 'task.col.extensions', type: 'number', priority: 4 },
    { key: 'source', label: 'task.col.source', priority: 3, minWidth: 16 },
  ];
  const visible = report.dueWithin === null ? columns.filter((c) => c.key !== 'section' && c.key !== 'daysLeft') : columns;
  const date = formatDateVi(report.asOf);
  const perUnit = new Map<number, { label: string; values: Record<string, number> }>();
  for (const it of rows) {
    const bar = perUnit.get(it.unitId) ?? { label: it.unitName, values: { overdue: 0, ...(report.dueWithin !== null ? { dueSoon: 0 } : {}) } };
    bar.values[it.section === 'overdue' ? 'overdue' : 'dueSoon'] += 1;
    perUnit.set(it.unitId, bar);
  }
  const bars = [...perUnit.values()].sort((a, b) => b.values.overdue - a.values.overdue || (b.values.dueSoon ?? 0) - (a.values.dueSoon ?? 0) || compareVi(a.label, b.label));
  return {
    id: 'overdue',
    title: env.t('overdue.text.heading', { date }),
    lines: [],
    tables: [{ name: env.t('overdue.section.overdue'), columns: visible, rows }],
    notes: [],
    summary: [summaryLine(report, env.t), ...(fresh?.lines ?? [])],
    json: withFreshness(report, fresh),
    text: () => renderOverdueText(report, env.t) + (fresh ? `${fresh.lines.join('\n')}\n` : ''),
    document: documentParts(env, db, [...perUnit.keys()], {
      subject: env.t('doc.overdue.subject', { date }),
      intro: [env.t('doc.overdue.intro', { date, n: report.counts.overdue, units: report.counts.overdueUnits })],
      tableHeading: env.t('doc.tableHeading'),
    }),
    chart: {
      title: env.t('chart.overdue.title'),
      axis: env.t('chart.overdue.axis'),
      segments: [
        { key: 'overdue', label: env.t('chart.overdue.overdue'), tone: 'red' },
        ...(report.dueWithin !== null ? [{ key: 'dueSoon', label: env.t('chart.overdue.dueSoon'), tone: 'yellow' as const }] : []),
      ],
      bars,
      empty: env.t('chart.none'),
      caption: (b) => String(b.values.overdue) + (b.values.dueSoon ? ` + ${b.values.dueSoon}` : ''),
    },
  };
}

/** The exit code (--fail-on-overdue: 3 when something is overdue) and whether to print nothing (--quiet-when-empty). */
function outcome(opts: OverdueOpts, overdue: number, dueSoon: number): { code: number; quiet: boolean } {
  return { code: opts.failOnOverdue && overdue ? ExitCode.overdueFound : ExitCode.ok, quiet: !!opts.quietWhenEmpty && !overdue && !dueSoon };
}

/**
 * `overdue --json` in a pipe (scripts, cron): the same report as JSON.stringify(buildOverdueReport),
 * but each item is built as JSON text by SQLite and written as it is, so that tens of thousands of
 * rows never become JavaScript objects.
 */
function writeCompactJson(env: Env, db: Db, q: { asOf: IsoDate; dueWithin: number | null; unitIds?: number[]; kind?: TaskKind }, opts: OverdueOpts, fresh: FreshnessView | null): number {
  const units = unitNames(db);
  const unitRanks: (number | null)[] = [];
  sortVi(units, (u) => u.name, (u) => String(u.id)).forEach((u, i) => (unitRanks[u.id] = i));
  const templates = { meeting: env.t('overdue.source.meeting', { id: '\u0001', date: '\u0002' }), conclusion: env.t('task.conclusionNo', { n: '\u0001' }) };
  const base = { asOf: q.asOf, unitIds: q.unitIds, kind: q.kind, unitRanks: Array.from(unitRanks, (r) => r ?? null), templates };
  const overdue = openTasksDueJson(db, { ...base, status: 'overdue' });
  const dueSoon = q.dueWithin === null ? { items: [], unitIds: [] } : openTasksDueJson(db, { ...base, status: 'due_soon', dueWithin: q.dueWithin });
  const { code, quiet } = outcome(opts, overdue.items.length, dueSoon.items.length);
  if (quiet) return code;
  const write = (chunk: string | Buffer) => env.ctx.stdout.write(chunk);
  // The items (bytes: Buffers from SQLite, Uint8Arrays from PostgreSQL), comma-separated, in chunks
  // of 1,000 written into one buffer each (the comma set as a byte: a second copy per item cost as
  // much as the first).
  const items = (list: Buffer[]) => {
    for (let i = 0; i < list.length; i += 1000) {
      const end = Math.min(i + 1000, list.length);
      let size = 0;
      for (let k = i; k < end; k++) size += list[k].length + 1;
      const chunk = Buffer.allocUnsafe(i ? size : size - 1);
      let at = 0;
      for (let k = i; k < end; k++) {
        if (k) chunk[at++] = 0x2c;
        chunk.set(list[k], at);
        at += list[k].length;
      }
      write(chunk);
    }
  };
  const counts = {
    overdue: overdue.items.length,
    overdueUnits: new Set(overdue.unitIds).size,
    dueSoon: dueSoon.items.length,
    dueSoonUnits: new Set(dueSoon.unitIds).size,
  };
  write(`{"asOf":${JSON.stringify(q.asOf)},"dueWithin":${JSON.stringify(q.dueWithin)},"overdue":[`);
  items(overdue.items);
  write('],"dueSoon":[');
  items(dueSoon.items);
  // Ends as JSON.stringify(withFreshness(report, fresh)) would.
  write(`],"counts":${JSON.stringify(counts)}${fresh ? `,"freshness":${JSON.stringify(fresh.json)}` : ''}}\n`);
  return code;
}
