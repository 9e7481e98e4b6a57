/** thuky report tasks: follow-up statistics per unit, as government task follow-up reports them. */
import { formatDateVi, type IsoDate } from '../../../domain/dates.js';
import { yearPeriod, type Period } from '../../../domain/periods.js';
import type { Column } from '../../../render/output.js';
import type { Report } from '../../../render/report.js';
import { documentParts } from '../../report-document.js';
import { withFileOptions } from '../../output-file.js';
import type { Db } from '../../../store/db.js';
import { buildTaskReport, type TaskReport, type UnitTaskReportRow } from '../../../reports/tasks.js';
import type { UnitTaskCounts } from '../../../store/task-reports.js';
import type { Env } from '../../env.js';
import type { Parser } from '../../parse.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import { TASK_KINDS, type TaskKind } from '../../../domain/tasks.js';
import type { Parents } from '../index.js';
import { parseKind, warnDays } from './shared.js';

interface TaskReportOpts {
  period?: string;
  asOf?: string;
  kind?: string;
  warnDays?: string;
}

/** What `report tasks` was asked, read from its options alone (no database). */
export function parseTaskReportOptions(opts: TaskReportOpts, p: Parser): { period: Period; asOf: IsoDate; kind: TaskKind | undefined; warnDays: number } {
  const asOf = p.asOf(opts.asOf);
  const period = opts.period !== undefined ? p.period('--period', opts.period, asOf) : yearPeriod(Number(asOf.slice(0, 4)));
  return { period, asOf, kind: parseKind(opts.kind), warnDays: warnDays(p, opts.warnDays) };
}

export function registerTaskReport(cli: Cli, parents: Parents): void {
  const cmd = cli
    .command(parents.report, 'tasks', 'cmd.report.tasks', [
      'thuky report tasks --period 2017 --as-of 31/12/2017',
      'thuky report tasks --period Q2/2017 --as-of 30/06/2017 --format csv > nhiem-vu-quy-2.csv',
      'thuky report tasks --period 2017 --kind breakthrough --json',
      'thuky report tasks --period 2017 --as-of 31/12/2017 --format docx --out nhiem-vu-2017.docx',
    ])
    .option('--period <period>', cli.t('cmd.report.tasks.opt.period'))
    .option('--as-of <date>', cli.t('opt.asOf'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.task.opt.kind'), TASK_KINDS))
    .option('--warn-days <n>', cli.t('cmd.task.opt.warnDays'));
  withFileOptions(cmd, cli.t);
  cli.action<TaskReportOpts>(cmd, async (env, opts) => {
    const input = parseTaskReportOptions(opts, env.parse);
    const db = env.readDb();
    const report = buildTaskReport(db, env.lang, env.t, input);
    return env.report(taskReportModel(env, db, report, input.period));
  });
}

/** The task follow-up report in the one report model: every format, Word and Excel included. */
export function taskReportModel(env: Env, db: Db, report: TaskReport, period: Period): Report {
  const rows = [...report.units, report.total];
  const isTotal = (r: UnitTaskReportRow) => r === report.total;
  const n = (key: keyof UnitTaskCounts, label: string, tone?: Column<UnitTaskReportRow>['tone']): Column<UnitTaskReportRow> => ({ key, label, type: 'number', tone, priority: REPORT_PRIORITY[key] ?? 4 });
  const columns: Column<UnitTaskReportRow>[] = [
    { key: 'unitName', label: 'col.unit', display: (r) => (isTotal(r) ? env.t('report.tasks.total') : r.unitName ?? String(r.unitId)), tone: (r) => (isTotal(r) ? 'bold' : undefined), priority: 1, minWidth: 16 },
    n('assigned', 'report.tasks.col.assigned'),
    n('carriedOver', 'report.tasks.col.carriedOver'),
    n('doneOnTime', 'report.tasks.col.doneOnTime', (r) => (r.doneOnTime ? 'green' : undefined)),
    n('doneLate', 'report.tasks.col.doneLate', (r) => (r.doneLate ? 'yellow' : undefined)),
    n('doneNoDeadline', 'report.tasks.col.doneNoDeadline'),
    n('inProgress', 'report.tasks.col.inProgress'),
    n('overdue', 'report.tasks.col.overdue', (r) => (r.overdue ? 'red' : undefined)),
    n('noDeadline', 'report.tasks.col.noDeadline', (r) => (r.noDeadline ? 'yellow' : undefined)),
    n('cancelled', 'report.tasks.col.cancelled'),
    n('extended', 'report.tasks.col.extended'),
    { key: 'onTimeRate', label: 'report.tasks.col.onTimeRate', type: 'percent', display: (r) => rate(env, r.onTimeRate, r.dueInPeriodDoneOnTime, r.dueInPeriod), priority: 1 },
    { key: 'completionRate', label: 'report.tasks.col.completionRate', type: 'percent', display: (r) => rate(env, r.completionRate, r.doneOnTime + r.doneLate + r.doneNoDeadline, r.total - r.cancelled), priority: 2 },
  ];
  const asOf = formatDateVi(report.asOf);
  return {
    id: 'tasks',
    title: env.t('report.tasks.heading', { period: report.period.label, date: asOf }),
    lines: [],
    tables: [{ name: env.t('report.tasks.total'), columns, rows }],
    notes: [
      `(1) ${env.t('report.tasks.rateName.onTime')}: ${report.bases.onTimeRate}`,
      `(2) ${env.t('report.tasks.rateName.completion')}: ${report.bases.completionRate}`,
      `${env.t('report.tasks.col.inProgress')}: ${report.bases.inProgress}`,
      `${env.t('report.tasks.col.carriedOver')}: ${env.t('report.tasks.base.carriedOver', { from: formatDateVi(period.from) })}`,
    ],
    summary: [],
    json: report,
    document: documentParts(env, db, report.units.map((u) => u.unitId), {
      subject: env.t('doc.tasks.subject', { period: report.period.label }),
      intro: [
        env.t('doc.intro.period', { period: report.period.label, from: formatDateVi(report.period.from), to: formatDateVi(report.period.to), asOf }),
        env.t('doc.tasks.intro'),
      ],
      tableHeading: env.t('doc.tableHeading'),
    }),
  };
}

/** Which counts stay on a narrow terminal (1 = never left out; higher numbers are left out first). */
const REPORT_PRIORITY: Partial<Record<keyof UnitTaskCounts, number>> = {
  assigned: 2,
  overdue: 1,
  doneOnTime: 3,
  doneLate: 3,
  inProgress: 3,
  carriedOver: 4,
  noDeadline: 4,
  doneNoDeadline: 5,
  cancelled: 5,
  extended: 5,
};

function rate(env: Env, value: number | null, n: number, base: number): string {
  if (value === null) return '—';
  const text = env.lang === 'vi' ? String(value).replace('.', ',') : String(value);
  return ['table', 'md', 'text', 'docx'].includes(env.format) ? `${text}% (${n}/${base})` : String(value);
}
