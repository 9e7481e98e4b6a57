/** thuky task add|list|show|progress|done|reopen|extend|cancel */
import { taskGroupSize } from '../../../store/tasks.js';
import { listsInSql } from '../../../store/db.js';
import { Option, type Command } from 'commander';
import { GRASSROOTS_KINDS, isGrassrootsKind } from '../../../domain/grassroots.js';
import { formatDateVi } from '../../../domain/dates.js';
import { dueSoonUntil } from '../../../domain/tasks.js';
import { cleanText, sanitizeForTerminal } from '../../../domain/text.js';
import { resolveDocument } from '../../../store/documents.js';
import { meetingOrganizerId } from '../../../store/meetings/list.js';
import { resolvePerson } from '../../../store/people.js';
import { parseIdText } from '../../../store/lookup.js';
import { getTask, iterateTasks, requireTasks, taskEvents, type Task, type TaskEvent } from '../../../store/tasks.js';
import { addTasks, cancelTasks, extendTasks, markDone, recordProgress, reopenTasks, validateNewTasks } from '../../../store/task-writes.js';
import { grassrootsUnits, resolveUnit } from '../../../store/units.js';
import { withFileOptions } from '../../output-file.js';
import type { Env } from '../../env.js';
import { NotFoundError, UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import { TASK_KINDS } from '../../../domain/tasks.js';
import { registerRemove, registerTaskEdit } from '../edit/index.js';
import { taskListingJson, taskListingViews, type TaskListingColumns } from './list-stream.js';
import { rowIdentity } from '../../../store/versions.js';
import {
  collect,
  daysText,
  dueFrom,
  matchesStatus,
  meetingExists,
  parseKind,
  parseIdOption,
  parseStatuses,
  parseTaskIds,
  STATUS_FILTERS,
  taskColumns,
  taskIdsOf,
  viewTask,
  warnDays,
  type TaskView,
} from './shared.js';

export function registerTaskCommands(program: Command, cli: Cli): void {
  const task = cli.command(program, 'task', 'cmd.task', ['thuky task list --status overdue --as-of 31/12/2017']);
  registerAdd(task, cli);
  registerList(task, cli);
  registerShow(task, cli);
  registerChanges(task, cli);
  registerTaskEdit(task, cli);
  registerRemove(task, cli, 'task');
}

interface AddOpts {
  unit?: string[];
  allUnits?: boolean;
  allWards?: boolean;
  kind?: string[];
  under?: string;
  due?: string;
  within?: string;
  start?: string;
  meeting?: string;
  doc?: string;
  owner?: string;
  note?: string;
}

function registerAdd(task: Command, cli: Cli) {
  const cmd = cli
    .command(task, 'add <title>', 'cmd.task.add', [
      'thuky task add "Nộp báo cáo sơ kết" --all-units --within 30d --start 01/07/2017',
      'thuky task add "Báo cáo sơ kết" --all-units --kind commune --within 30d',
      'thuky task add "Rà soát kế hoạch cá nhân" --unit "ben nghe" --unit CK --due 30/09/2017 --meeting 1 --doc 05-CT/TW',
    ])
    .option('--unit <unit>', cli.t('cmd.task.opt.unit'), collect)
    .option('--all-units', cli.t('cmd.task.opt.allUnits', { kinds: GRASSROOTS_KINDS.join(', ') }))
    .addOption(new Option('--all-wards', cli.t('cmd.task.opt.allWards')))
    .option('--kind <kind>', cli.t('cmd.task.opt.allKind', { kinds: GRASSROOTS_KINDS.join(', ') }), collect)
    .option('--under <unit>', cli.t('cmd.task.opt.under'))
    .option('--due <date>', cli.t('cmd.task.opt.due'))
    .option('--within <duration>', cli.t('cmd.task.opt.within'))
    .option('--start <date>', cli.t('cmd.task.opt.start'))
    .option('--meeting <id>', cli.t('cmd.task.opt.meeting'))
    .option('--doc <code>', cli.t('cmd.task.opt.doc'))
    .option('--owner <person>', cli.t('cmd.task.opt.owner'))
    .option('--note <text>', cli.t('opt.note'));
  cli.action<AddOpts>(cmd, (env, opts, title: string) => {
    if (!cleanText(title)) throw new UsageError('task.titleEmpty');
    const all = opts.allUnits || opts.allWards;
    const allFlag = opts.allUnits ? '--all-units' : '--all-wards';
    if (all && opts.unit?.length) throw new UsageError('input.conflict', { a: allFlag, b: '--unit' });
    if (!all && !opts.unit?.length) throw new UsageError('task.noUnit');
    if (!all && (opts.kind?.length || opts.under)) throw new UsageError('task.narrowNeedsAll', { option: opts.kind?.length ? '--kind' : '--under' });
    const kinds = parseGrassrootsKinds(opts.kind);
    const startOn = opts.start !== undefined ? env.date('--start', opts.start) : env.today();
    const dueOn = dueFrom(env, opts, startOn);
    const meetingId = parseIdOption('--meeting', opts.meeting);
    // Every check that needs no database runs before the file is opened (or created); the units
    // are checked once they are resolved.
    validateNewTasks({ title, unitIds: [0], startOn, dueOn });
    const db = env.db();
    const unitIds = all
      ? grassrootsUnits(db, {
          on: startOn,
          committeeId: meetingId !== undefined ? meetingOrganizerId(db, meetingId) : null,
          underId: opts.under ? resolveUnit(db, opts.under, { at: startOn }).id : null,
          kinds,
        }).map((u) => u.id)
      : opts.unit!.map((q) => resolveUnit(db, q, { at: startOn }).id);
    if (!unitIds.length) throw new UsageError('task.noWardsOn', { flag: allFlag, date: formatDateVi(startOn) });
    if (meetingId !== undefined) meetingExists(db, meetingId);
    const documentId = opts.doc ? resolveDocument(db, opts.doc).id : null;
    const ownerId = opts.owner ? resolvePerson(db, opts.owner).id : null;
    const ids = addTasks(db, env.audit(), { title, unitIds: [...new Set(unitIds)], startOn, dueOn, meetingId: meetingId ?? null, documentId, ownerId, note: opts.note ?? null });
    const created = requireTasks(db, ids).map((t) => viewTask(env, t, env.today(), warnDays(env, undefined)));
    if (ids.length === 1) env.info('task.addedOne', { id: ids[0] });
    else env.info('task.added', { count: ids.length, first: ids[0], last: ids[ids.length - 1], group: created[0].groupId ?? '' });
    if (!dueOn) env.warn('task.noDeadlineWarning');
    if (env.format === 'json') env.json(created);
    else if (env.formatChosen) return env.list(created, taskColumns(env));
  });
}

/** --kind after --all-units: a subset of the grassroots kinds, repeated or comma-separated. */
export function parseGrassrootsKinds(values: string[] | undefined): string[] | undefined {
  if (!values?.length) return undefined;
  const kinds = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const k of kinds) if (!isGrassrootsKind(k)) throw new UsageError('input.badChoice', { field: '--kind', value: k, accepted: GRASSROOTS_KINDS.join(', ') });
  return kinds;
}

interface ListOpts {
  unit?: string[];
  status?: string[];
  kind?: string;
  meeting?: string;
  group?: string;
  year?: string;
  dueBefore?: string;
  dueAfter?: string;
  asOf?: string;
  warnDays?: string;
}

function registerList(task: Command, cli: Cli) {
  const cmd = cli
    .command(task, 'list', 'cmd.task.list', [
      'thuky task list --unit "cau kho" --as-of 31/12/2017',
      'thuky task list --status overdue --status due_soon --as-of 31/12/2017 --json',
    ])
    .option('--unit <unit...>', cli.t('cmd.task.opt.unitFilter'))
    .addOption(listedOption('--status <status...>', cli.t('cmd.task.opt.status'), STATUS_FILTERS))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.task.opt.kind'), TASK_KINDS))
    .option('--meeting <id>', cli.t('cmd.task.opt.meeting'))
    .option('--group <id>', cli.t('cmd.task.opt.group'))
    .option('--year <year>', cli.t('cmd.task.opt.year'))
    .option('--due-before <date>', cli.t('cmd.task.opt.dueBefore'))
    .option('--due-after <date>', cli.t('cmd.task.opt.dueAfter'))
    .option('--as-of <date>', cli.t('opt.asOf'))
    .option('--warn-days <n>', cli.t('cmd.task.opt.warnDays'));
  withFileOptions(cmd, cli.t);
  cli.action<ListOpts>(cmd, (env, opts) => {
    const asOf = env.today(opts.asOf);
    const warn = warnDays(env, opts.warnDays);
    const statuses = parseStatuses(opts.status);
    const kind = parseKind(opts.kind);
    const meetingId = parseIdOption('--meeting', opts.meeting);
    const groupId = parseIdOption('--group', opts.group);
    const year = env.year('--year', opts.year);
    const dueBefore = env.optionalDate('--due-before', opts.dueBefore, asOf);
    const dueAfter = env.optionalDate('--due-after', opts.dueAfter, asOf);
    const db = env.readDb();
    const unitIds = opts.unit?.map((q) => resolveUnit(db, q, { at: asOf }).id);
    const status = { wanted: statuses, asOf, warnUntil: dueSoonUntil(asOf, warn) };
    const query = { unitIds, kind, meetingId, groupId, year, dueBefore, dueAfter, startedBy: asOf, asOf, warnDays: warn };
    if (!statuses.length && listsInSql(db) && env.format !== 'json' && env.format !== 'docx') {
      // Every task (300,000 in a city): only the shown columns, in the order of the index.
      return env.list(taskListingViews(env, db, query), taskColumns(env) as unknown as TaskListingColumns);
    }
    // Written as read: `--status open` at national scale is tens of thousands of tasks.
    function* rows() {
      for (const t of iterateTasks(db, { unitIds, kind, meetingId, groupId, year, dueBefore, dueAfter, startedBy: asOf, status })) {
        const view = viewTask(env, t, asOf, warn);
        if (matchesStatus(view, statuses)) yield view;
      }
    }
    // JSON of every task in a pipe or a file: built by SQLite (the rows above only on a terminal).
    return env.list(rows(), taskColumns(env), env.format, statuses.length || !listsInSql(db) ? undefined : taskListingJson(env, db, query));
  });
}

function registerShow(task: Command, cli: Cli) {
  const cmd = cli
    .command(task, 'show <id>', 'cmd.task.show', ['thuky task show 12', 'thuky task show 12 --as-of 31/12/2017 --json'])
    .option('--as-of <date>', cli.t('opt.asOf'))
    .option('--warn-days <n>', cli.t('cmd.task.opt.warnDays'));
  cli.action<{ asOf?: string; warnDays?: string }>(cmd, (env, opts, id: string) => {
    const taskId = parseIdText(id);
    if (taskId === undefined) throw new UsageError('task.badId', { value: id });
    const asOf = env.today(opts.asOf);
    const warn = warnDays(env, opts.warnDays);
    const db = env.readDb();
    const t = getTask(db, taskId);
    if (!t) throw new NotFoundError('lookup.idNotFound', { entity: 'task', id });
    const view = viewTask(env, t, asOf, warn);
    const events = taskEvents(db, t.id);
    const groupSize = t.groupId ? taskGroupSize(db, t.groupId) : null;
    // The uid, and the version an edit can name (--if-version) to be refused if someone changed the task since.
    return env.record({ ...view, groupSize, events, ...rowIdentity(db, 'task', t.id) }, () => taskText(env, view, events, groupSize));
  });
}

export function taskText(env: Env, v: TaskView, events: TaskEvent[], groupSize: number | null): string {
  const line = (label: string, value: string | null | undefined) => (value ? `${env.t(label).padEnd(20)} ${value}` : null);
  const source = [
    v.meetingId ? `${v.meetingTitle ?? ''} (${formatDateVi(v.meetingHeldOn)}, #${v.meetingId})${v.conclusionOrd ? `, ${env.t('task.conclusionNo', { n: v.conclusionOrd })}` : ''}` : null,
    v.documentCode,
  ]
    .filter(Boolean)
    .join('; ');
  const due = v.dueOn
    ? `${formatDateVi(v.dueOn)}${v.extensions ? ` (${env.t('task.extendedFrom', { date: formatDateVi(v.originalDueOn), n: v.extensions })})` : ''}`
    : env.t('task.status.no_deadline');
  const days = daysText(env, v);
  return [
    `${env.t(v.kind === 'breakthrough' ? 'task.headingBreakthrough' : 'task.heading', { id: v.id })}`,
    line('col.unit', v.unitName),
    line('task.col.title', v.title),
    line('task.col.target', v.target),
    line('task.col.year', String(v.year)),
    line('task.col.start', formatDateVi(v.startOn)),
    line('task.col.due', due),
    line('task.col.status', `${v.statusLabel}${days ? ` (${days})` : ''}${v.carriedOver ? `; ${env.t('task.carriedOver')}` : ''}`),
    line('task.col.percent', `${v.percent}%`),
    line('task.col.doneOn', v.doneOn ? formatDateVi(v.doneOn) : null),
    line('task.col.cancelled', v.cancelledOn ? `${formatDateVi(v.cancelledOn)}: ${v.cancelReason ?? ''}` : null),
    line('task.col.source', source),
    line('task.col.owner', v.ownerName),
    line('task.col.group', v.groupId ? env.t('task.groupOf', { id: v.groupId, n: groupSize ?? 0 }) : null),
    line('col.note', v.note),
    v.illustrative ? env.t('common.illustrative') : null,
    `${env.t('task.history')}:`,
    ...events.map((e) => `  ${formatDateVi(e.onDate)}  ${eventText(env, e)}`),
  ]
    .filter((l): l is string => l !== null)
    .map(sanitizeForTerminal)
    .join('\n');
}

function eventText(env: Env, e: TaskEvent): string {
  const text = e.text ? ` — ${e.text}` : '';
  switch (e.kind) {
    case 'created':
      return env.t(e.newDue ? 'task.event.created' : 'task.event.createdNoDue', { due: formatDateVi(e.newDue) });
    case 'progress':
      return `${env.t('task.event.progress', { percent: e.percent ?? 0 })}${text}`;
    case 'extend':
      return `${env.t('task.event.extend', { from: e.oldDue ? formatDateVi(e.oldDue) : env.t('task.status.no_deadline'), to: formatDateVi(e.newDue) })}${text}`;
    default:
      return `${env.t(`task.event.${e.kind}`)}${text}`;
  }
}

interface ChangeOpts {
  group?: string;
  on?: string;
  note?: string;
  reason?: string;
  percent?: string;
  due?: string;
}

/** progress, done, reopen, extend, cancel: one or several ids, or a whole --group, in one transaction. */
function registerChanges(task: Command, cli: Cli) {
  const withIds = (cmd: Command) =>
    cmd.option('--group <id>', cli.t('cmd.task.opt.groupIds')).option('--on <date>', cli.t('cmd.task.opt.on'));

  const progress = withIds(
    cli.command(task, 'progress [ids...]', 'cmd.task.progress', ['thuky task progress 12 --percent 60 --note "Đã rà soát 3/5 khu phố"']),
  )
    .option('--percent <n>', cli.t('cmd.task.opt.percent'))
    .option('--note <text>', cli.t('opt.note'));
  cli.action<ChangeOpts>(progress, (env, opts, ids: string[]) => {
    if (opts.percent === undefined) throw new UsageError('task.percentRequired');
    const percent = env.int('--percent', opts.percent, 0, 100)!;
    const on = onDate(env, opts);
    const wanted = parseTaskIds(ids, opts.group);
    const db = env.db();
    const tasks = recordProgress(db, env.audit(), taskIdsOf(db, wanted), { percent, on, note: opts.note ?? null });
    return reportChange(env, tasks, 'task.progressed');
  });

  const doneCmd = withIds(
    cli.command(task, 'done [ids...]', 'cmd.task.done', ['thuky task done 12 13 14 --on 25/09/2017', 'thuky task done --group 3 --on 30/09/2017 --note "Đã nộp báo cáo"']),
  ).option('--note <text>', cli.t('opt.note'));
  cli.action<ChangeOpts>(doneCmd, (env, opts, ids: string[]) => {
    const on = onDate(env, opts);
    const wanted = parseTaskIds(ids, opts.group);
    const db = env.db();
    return reportChange(env, markDone(db, env.audit(), taskIdsOf(db, wanted), { on, note: opts.note ?? null }), 'task.doneMsg');
  });

  const reopen = withIds(
    cli.command(task, 'reopen [ids...]', 'cmd.task.reopen', [
      'thuky task reopen 12 --reason "Báo cáo thiếu số liệu, yêu cầu bổ sung"',
      'thuky task reopen 12 --percent 80 --reason "Còn thiếu số liệu của 2 khu phố" --on 01/10/2017',
    ]),
  )
    .option('--reason <text>', cli.t('cmd.task.opt.reason'))
    .option('--percent <n>', cli.t('cmd.task.opt.reopenPercent'));
  cli.action<ChangeOpts>(reopen, (env, opts, ids: string[]) => {
    requireReasonOpt(opts.reason);
    const percent = env.int('--percent', opts.percent, 0, 100);
    const on = onDate(env, opts);
    const wanted = parseTaskIds(ids, opts.group);
    const db = env.db();
    return reportChange(env, reopenTasks(db, env.audit(), taskIdsOf(db, wanted), { on, reason: opts.reason!, percent }), 'task.reopened');
  });

  const extend = withIds(
    cli.command(task, 'extend [ids...]', 'cmd.task.extend', ['thuky task extend 12 --due 31/10/2017 --reason "Chờ số liệu của khu phố"']),
  )
    .option('--due <date>', cli.t('cmd.task.opt.newDue'))
    .option('--reason <text>', cli.t('cmd.task.opt.reason'));
  cli.action<ChangeOpts>(extend, (env, opts, ids: string[]) => {
    if (opts.due === undefined) throw new UsageError('task.dueRequired');
    requireReasonOpt(opts.reason);
    const on = onDate(env, opts);
    const due = env.date('--due', opts.due, on);
    const wanted = parseTaskIds(ids, opts.group);
    const db = env.db();
    return reportChange(env, extendTasks(db, env.audit(), taskIdsOf(db, wanted), { due, reason: opts.reason!, on }), 'task.extended');
  });

  const cancel = withIds(cli.command(task, 'cancel [ids...]', 'cmd.task.cancel', ['thuky task cancel 12 --reason "Giao trùng với kế hoạch của Quận ủy"'])).option(
    '--reason <text>',
    cli.t('cmd.task.opt.reason'),
  );
  cli.action<ChangeOpts>(cancel, (env, opts, ids: string[]) => {
    requireReasonOpt(opts.reason);
    const on = onDate(env, opts);
    const wanted = parseTaskIds(ids, opts.group);
    const db = env.db();
    return reportChange(env, cancelTasks(db, env.audit(), taskIdsOf(db, wanted), { on, reason: opts.reason! }), 'task.cancelledMsg');
  });
}

function onDate(env: Env, opts: ChangeOpts) {
  return opts.on !== undefined ? env.date('--on', opts.on) : env.today();
}

function requireReasonOpt(reason: string | undefined) {
  if (!reason || !cleanText(reason)) throw new UsageError('task.reasonRequired', { field: '--reason' });
}

/** The confirmation on stderr; the changed tasks as JSON or in the format asked for. */
async function reportChange(env: Env, tasks: Task[], key: string) {
  const asOf = env.today();
  const views = tasks.map((t) => viewTask(env, t, asOf, warnDays(env, undefined)));
  env.info(key, { count: tasks.length, ids: tasks.map((t) => t.id).join(', ') });
  if (env.format === 'json') env.json(views);
  else if (env.formatChosen) await env.list(views, taskColumns(env));
}
