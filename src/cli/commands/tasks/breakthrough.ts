/** thuky breakthrough add|list|check: each unit's khâu đột phá for a year, and whether it is specific. */
import type { Command } from 'commander';
import { assessBreakthrough, type BreakthroughReason } from '../../../domain/breakthrough.js';
import { formatDateVi } from '../../../domain/dates.js';
import { yearPeriod } from '../../../domain/periods.js';
import { cleanText, sortVi } from '../../../domain/text.js';
import type { Column } from '../../../render/output.js';
import type { Report } from '../../../render/report.js';
import { documentParts } from '../../report-document.js';
import { withFileOptions } from '../../output-file.js';
import { resolveDocument } from '../../../store/documents.js';
import { resolvePerson } from '../../../store/people.js';
import { listBreakthroughs, requireTasks, type Task } from '../../../store/tasks.js';
import { addTasks } from '../../../store/task-writes.js';
import { listUnits, resolveUnit, UNIT_KINDS, type UnitKind } from '../../../store/units.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import { dueFrom, statusTone, viewTask, warnDays, type TaskView } from './shared.js';

interface BreakthroughView extends TaskView {
  generic: boolean;
  reasons: BreakthroughReason[];
  verdict: 'specific' | 'generic';
}

function assess(env: Env, t: Task, asOf: string): BreakthroughView {
  const a = assessBreakthrough({ title: t.title, target: t.target, startOn: t.startOn, dueOn: t.dueOn, year: t.year });
  return { ...viewTask(env, t, asOf, warnDays(env, undefined)), generic: a.generic, reasons: a.reasons, verdict: a.generic ? 'generic' : 'specific' };
}

export function reasonsText(env: Env, reasons: string[]): string {
  return reasons.map((r) => env.t(`breakthrough.reason.${r}`)).join('; ');
}

export function registerBreakthroughCommands(program: Command, cli: Cli): void {
  const bt = cli.command(program, 'breakthrough', 'cmd.breakthrough', ['thuky breakthrough check --year 2017']);
  registerAdd(bt, cli);
  registerList(bt, cli);
  registerCheck(bt, cli);
}

interface AddOpts {
  unit?: string;
  year?: string;
  title?: string;
  target?: string;
  due?: string;
  within?: string;
  start?: string;
  owner?: string;
  doc?: string;
  note?: string;
  strict?: boolean;
}

function registerAdd(bt: Command, cli: Cli) {
  const cmd = cli
    .command(bt, 'add', 'cmd.breakthrough.add', [
      'thuky breakthrough add --unit "ben nghe" --year 2017 --title "Chỉnh trang hẻm" --target "Chỉnh trang 5 tuyến hẻm, 100% hộ dân đồng thuận" --start 01/07/2017 --due 15/12/2017',
      'thuky breakthrough add --unit CK --year 2018 --title "Cải cách hành chính" --target "Giải quyết 100% hồ sơ đúng hạn" --within 6m --strict',
    ])
    .option('--unit <unit>', cli.t('cmd.breakthrough.opt.unit'))
    .option('--year <year>', cli.t('cmd.breakthrough.opt.year'))
    .option('--title <text>', cli.t('cmd.breakthrough.opt.title'))
    .option('--target <text>', cli.t('cmd.breakthrough.opt.target'))
    .option('--due <date>', cli.t('cmd.task.opt.due'))
    .option('--within <duration>', cli.t('cmd.task.opt.within'))
    .option('--start <date>', cli.t('cmd.breakthrough.opt.start'))
    .option('--owner <person>', cli.t('cmd.task.opt.owner'))
    .option('--doc <code>', cli.t('cmd.task.opt.doc'))
    .option('--note <text>', cli.t('opt.note'))
    .option('--strict', cli.t('cmd.breakthrough.opt.strict'));
  cli.action<AddOpts>(cmd, (env, opts) => {
    if (!opts.unit) throw new UsageError('breakthrough.unitRequired');
    if (!opts.title || !cleanText(opts.title)) throw new UsageError('task.titleEmpty');
    let year = env.year('--year', opts.year);
    const startOn = opts.start !== undefined ? env.date('--start', opts.start) : year && String(year) !== env.today().slice(0, 4) ? `${year}-01-01` : env.today();
    year ??= Number(startOn.slice(0, 4));
    if (Number(startOn.slice(0, 4)) !== year) throw new UsageError('breakthrough.startOutsideYear', { start: formatDateVi(startOn), year });
    const dueOn = dueFrom(env, opts, startOn);
    if (dueOn && dueOn < startOn) throw new UsageError('task.dueBeforeStart', { due: formatDateVi(dueOn), start: formatDateVi(startOn) });
    const assessment = assessBreakthrough({ title: opts.title, target: opts.target ?? null, startOn, dueOn, year });
    if (assessment.generic && opts.strict) throw new UsageError('breakthrough.genericRefused', { reasons: reasonsText(env, assessment.reasons) });
    const db = env.db();
    const unit = resolveUnit(db, opts.unit, { at: startOn });
    const ownerId = opts.owner ? resolvePerson(db, opts.owner).id : null;
    const documentId = opts.doc ? resolveDocument(db, opts.doc).id : null;
    const [id] = addTasks(db, env.audit(), {
      title: opts.title,
      kind: 'breakthrough',
      target: opts.target ?? null,
      year,
      unitIds: [unit.id],
      startOn,
      dueOn,
      ownerId,
      documentId,
      note: opts.note ?? null,
    });
    env.info('breakthrough.added', { id, unit: unit.name, year });
    if (assessment.generic) env.warn('breakthrough.genericWarning', { reasons: reasonsText(env, assessment.reasons) });
    const view = assess(env, requireTasks(db, [id])[0], env.today());
    if (env.format === 'json') env.json(view);
  });
}

function btColumns(env: Env): Column<BreakthroughView>[] {
  return [
    { key: 'id', label: 'col.id', type: 'number', priority: 1 },
    { key: 'unitName', label: 'col.unit', priority: 1, minWidth: 14 },
    { key: 'year', label: 'task.col.year', type: 'number', display: (r) => String(r.year), priority: 5 },
    { key: 'title', label: 'task.col.title', priority: 1, minWidth: 18 },
    { key: 'target', label: 'task.col.target', priority: 2, minWidth: 14 },
    { key: 'dueOn', label: 'task.col.due', type: 'date', priority: 3 },
    { key: 'status', label: 'task.col.status', display: (r) => r.statusLabel, tone: (r) => statusTone(r.status), priority: 4 },
    { key: 'verdict', label: 'breakthrough.col.verdict', display: (r) => env.t(`breakthrough.verdict.${r.verdict}`), tone: (r) => (r.generic ? 'red' : 'green'), priority: 1 },
    { key: 'reasons', label: 'breakthrough.col.reasons', display: (r) => reasonsText(env, r.reasons), priority: 3, minWidth: 14 },
  ];
}

function registerList(bt: Command, cli: Cli) {
  const cmd = cli
    .command(bt, 'list', 'cmd.breakthrough.list', ['thuky breakthrough list --year 2017', 'thuky breakthrough list --year 2017 --generic --json'])
    .option('--year <year>', cli.t('cmd.breakthrough.opt.year'))
    .option('--unit <unit...>', cli.t('cmd.task.opt.unitFilter'))
    .option('--generic', cli.t('cmd.breakthrough.opt.generic'))
    .option('--as-of <date>', cli.t('opt.asOf'));
  withFileOptions(cmd, cli.t);
  cli.action<{ year?: string; unit?: string[]; generic?: boolean; asOf?: string }>(cmd, (env, opts) => {
    const year = env.year('--year', opts.year);
    const asOf = env.today(opts.asOf);
    const db = env.readDb();
    const unitIds = opts.unit?.map((q) => resolveUnit(db, q, { at: year ? `${year}-06-30` : asOf }).id);
    const rows = sortVi(listBreakthroughs(db, { year, unitIds }), (t) => String(t.year), (t) => t.unitName)
      .map((t) => assess(env, t, asOf))
      .filter((v) => !opts.generic || v.generic);
    return env.list(rows, btColumns(env));
  });
}

interface CheckRow {
  unitId: number;
  unitName: string;
  breakthroughId: number | null;
  title: string | null;
  target: string | null;
  dueOn: string | null;
  verdict: 'specific' | 'generic' | 'none';
  reasons: string[];
}

function registerCheck(bt: Command, cli: Cli) {
  const cmd = cli
    .command(bt, 'check', 'cmd.breakthrough.check', ['thuky breakthrough check --year 2017', 'thuky breakthrough check --year 2017 --json', 'thuky breakthrough check --year 2017 --format docx --out khau-dot-pha-2017.docx'])
    .option('--year <year>', cli.t('cmd.breakthrough.opt.yearCheck'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.breakthrough.opt.unitKind'), UNIT_KINDS).default('ward'));
  withFileOptions(cmd, cli.t);
  cli.action<{ year?: string; kind: string }>(cmd, async (env, opts) => {
    const year = env.year('--year', opts.year) ?? Number(env.today().slice(0, 4));
    if (!(UNIT_KINDS as readonly string[]).includes(opts.kind)) throw new UsageError('input.badChoice', { field: '--kind', value: opts.kind, accepted: UNIT_KINDS.join(', ') });
    const period = yearPeriod(year);
    const db = env.readDb();
    const units = listUnits(db, { kind: opts.kind as UnitKind, from: period.from, to: period.to });
    const byUnit = new Map<number, Task[]>();
    for (const t of listBreakthroughs(db, { year })) byUnit.set(t.unitId, [...(byUnit.get(t.unitId) ?? []), t]);
    const rows: CheckRow[] = [];
    for (const u of units) {
      const list = byUnit.get(u.id) ?? [];
      if (!list.length) rows.push({ unitId: u.id, unitName: u.name, breakthroughId: null, title: null, target: null, dueOn: null, verdict: 'none', reasons: [] });
      for (const t of list) {
        const a = assessBreakthrough({ title: t.title, target: t.target, startOn: t.startOn, dueOn: t.dueOn, year: t.year });
        rows.push({ unitId: u.id, unitName: u.name, breakthroughId: t.id, title: t.title, target: t.target, dueOn: t.dueOn, verdict: a.generic ? 'generic' : 'specific', reasons: a.reasons });
      }
    }
    const counts = {
      units: units.length,
      specific: new Set(rows.filter((r) => r.verdict === 'specific').map((r) => r.unitId)).size,
      generic: rows.filter((r) => r.verdict === 'generic').length,
      none: rows.filter((r) => r.verdict === 'none').length,
    };
    const columns: Column<CheckRow>[] = [
      { key: 'unitName', label: 'col.unit', priority: 1, minWidth: 14 },
      { key: 'breakthroughId', label: 'col.id', type: 'number', priority: 4 },
      { key: 'title', label: 'task.col.title', priority: 1, minWidth: 18 },
      { key: 'target', label: 'task.col.target', priority: 2, minWidth: 14 },
      { key: 'dueOn', label: 'task.col.due', type: 'date', priority: 3 },
      { key: 'verdict', label: 'breakthrough.col.verdict', display: (r) => env.t(`breakthrough.verdict.${r.verdict}`), tone: (r) => (r.verdict === 'specific' ? 'green' : 'red'), priority: 1 },
      { key: 'reasons', label: 'breakthrough.col.reasons', display: (r) => reasonsText(env, r.reasons), priority: 2, minWidth: 14 },
    ];
    const report: Report = {
      id: 'breakthrough-check',
      title: env.t('breakthrough.check.title', { year }),
      lines: [],
      tables: [{ name: env.t('breakthrough.col.verdict'), columns, rows }],
      notes: [],
      summary: [env.t('breakthrough.checkSummary', { year, ...counts })],
      json: { year, kind: opts.kind, counts, units: rows },
      document: documentParts(env, db, units.map((u) => u.id), {
        subject: env.t('doc.breakthrough.subject', { year }),
        intro: [env.t('doc.breakthrough.intro', { year, n: units.length })],
        tableHeading: env.t('doc.tableHeading'),
      }),
    };
    return env.report(report);
  });
}
