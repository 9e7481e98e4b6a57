/**
 * `edit` and `remove` for the records a person adds: doc, activity, evaluation, plan, person,
 * unit, task. Each registry module calls these on its own parent command.
 */
import type { Command } from 'commander';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../domain/compliance.js';
import { optionalText } from '../../../domain/text.js';
import { resolveDocument } from '../../../store/documents.js';
import { editActivity, editDocument, editEvaluation, editTasks, type TaskPatch } from '../../../store/edits.js';
import { resolvePerson } from '../../../store/people.js';
import { closedMeetingsAmong, findDependants, removeRecords, storedRecord, type DependantGroup, type RemovableKind } from '../../../store/removal.js';
import { resolveUnit } from '../../../store/units.js';
import { confirmChange } from '../../confirm.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { parseResultOption, parseScore } from '../compliance/evaluation-options.js';
import { dueFrom, meetingExists, parseIdOption, parseTaskIds, taskIdsOf } from '../tasks/shared.js';

const EXAMPLES: Record<RemovableKind, string[]> = {
  unit: ['thuky unit remove "Phường Thử" --reason "nhập nhầm"', 'thuky unit remove "ben nghe" --reason "tách nhập" --with-dependants -y'],
  person: ['thuky person remove "nguyen van an" --reason "nhập trùng"', 'thuky person remove 206 --reason "nhập trùng" --with-dependants -y'],
  document: ['thuky doc remove 99-CT/TW --reason "nhập nhầm số"'],
  task: ['thuky task remove 94 --reason "giao trùng" -y', 'thuky task remove --group 9 --reason "nhầm năm" -y'],
  plan: ['thuky plan remove 12 --reason "nhập trùng" -y'],
  evaluation: ['thuky evaluation remove 40 --reason "nhầm người" -y'],
  activity: ['thuky activity remove 3 --reason "nhập trùng" -y'],
};

/** How the records are given: by name (or id) for the registries, by id for the rest. */
const ARGUMENT: Record<RemovableKind, string> = { unit: 'units', person: 'people', document: 'docs', task: 'ids', plan: 'ids', evaluation: 'ids', activity: 'ids' };

/** What a record is called in a sentence: "đơn vị #7 Phường Bến Nghé". */
function describe(env: Env, kind: RemovableKind, row: Record<string, unknown>): string {
  const name = ['name', 'full_name', 'code', 'title'].map((k) => row[k]).find((v) => typeof v === 'string' && v) as string | undefined;
  const extra = name ?? (row.year !== undefined ? env.t('remove.ofPersonYear', { person: String(row.person_id), year: String(row.year) }) : '');
  return `${env.t(`entity.${kind}`)} #${row.id}${extra ? ` ${extra}` : ''}`;
}

const SHOWN = 5;

/** A dependant's label on one line: dates as dd/MM/yyyy, long titles cut. */
function shortLabel(label: string | null): string {
  const text = (label ?? '').replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function groupLines(env: Env, groups: DependantGroup[], withAction: boolean): string[] {
  const lines: string[] = [];
  for (const g of groups) {
    const shown = g.items.slice(0, SHOWN).map((i) => `#${i.id} ${shortLabel(i.label)}`.trim());
    const more = g.items.length > SHOWN ? `; ${env.t('remove.more', { n: g.items.length - SHOWN })}` : '';
    const action = withAction ? ` — ${env.t(`remove.action.${g.action}`)}` : '';
    lines.push(`  ${g.items.length} ${env.t(g.key)}${action}: ${shown.join('; ')}${more}`);
  }
  return lines;
}

export function registerRemove(parent: Command, cli: Cli, kind: RemovableKind): void {
  const isTask = kind === 'task';
  const named = kind === 'unit' || kind === 'person' || kind === 'document';
  const cmd = cli
    .command(parent, isTask ? 'remove [ids...]' : `remove <${ARGUMENT[kind]}...>`, `cmd.remove.${kind}`, EXAMPLES[kind])
    .option('--reason <text>', cli.t('cmd.remove.opt.reason'));
  if (isTask) cmd.option('--group <id>', cli.t('cmd.remove.opt.group'));
  if (named) cmd.option('--with-dependants', cli.t('cmd.remove.opt.withDependants')).option('--force', cli.t('cmd.remove.opt.force'));
  cli.action<{ reason?: string; group?: string; withDependants?: boolean; force?: boolean }>(cmd, async (env, opts, ids: string[] = []) => {
    const reason = optionalText(opts.reason);
    if (!reason) throw new UsageError('remove.reasonRequired', { entity: kind });
    // Numbers are checked before the database is opened: bad input writes nothing, not even a file.
    const taskIds = isTask ? parseTaskIds(ids, opts.group) : undefined;
    const numbers = !named && !isTask ? ids.map((v) => env.int('ID', v, 1, Number.MAX_SAFE_INTEGER)!) : undefined;
    const db = env.db();
    let targets: number[];
    if (taskIds) targets = taskIdsOf(db, taskIds);
    else if (numbers) targets = numbers;
    else
      targets = ids.map((q) =>
        kind === 'unit'
          ? resolveUnit(db, q, { at: env.today(), idNotFoundExit1: true }).id
          : kind === 'person'
            ? resolvePerson(db, q, { idNotFoundExit1: true }).id
            : resolveDocument(db, q, { idNotFoundExit1: true }).id,
      );
    targets = [...new Set(targets)];
    const lines: string[] = [env.t('remove.plan', { reason })];
    for (const [n, id] of targets.entries()) {
      const row = storedRecord(db, kind, id);
      const groups = findDependants(db, kind, id);
      const blocking = groups.filter((g) => g.action === 'block');
      if (groups.length && (!opts.withDependants || blocking.length)) {
        const list = groupLines(env, opts.withDependants ? blocking : groups, false).join('\n');
        // Only dependants that --with-dependants cannot take along: say so without offering it.
        const key = opts.withDependants ? 'remove.blocked' : blocking.length === groups.length ? 'remove.mustGoFirst' : 'remove.hasDependants';
        throw new UsageError(key, { what: describe(env, kind, row), list });
      }
      // Signed-off minutes change only when asked, as for every other change to a closed meeting.
      const closed = closedMeetingsAmong(db, groups);
      if (closed.length && !opts.force) throw new UsageError('remove.closedMeetings', { what: describe(env, kind, row), ids: closed.join(', ') });
      if (n < 20) lines.push(`  ${describe(env, kind, row)}`);
      else if (n === 20) lines.push(`  ${env.t('remove.more', { n: targets.length - 20 })}`);
      if (groups.length) lines.push(...groupLines(env, groups, true).map((l) => `  ${l}`));
    }
    env.print(lines.join('\n'));
    const what = targets.length === 1 ? describe(env, kind, storedRecord(db, kind, targets[0])) : `${targets.length} ${env.t(`entity.${kind}`)}`;
    if (!(await confirmChange(env, 'remove.q.confirm', { what }))) {
      env.info('undo.cancelled');
      return;
    }
    removeRecords(db, env.audit(), kind, targets, { reason, withDependants: opts.withDependants });
    env.info('remove.done', { what, n: targets.length });
  });
}

export function registerDocEdit(doc: Command, cli: Cli): void {
  const cmd = cli
    .command(doc, 'edit <doc>', 'cmd.edit.document', ['thuky doc edit 05-CT/TW --date 15/05/2016 --body "Bộ Chính trị"', 'thuky doc edit 99-CT/TW --code 09-CT/TW'])
    .option('--code <code>', cli.t('cmd.edit.opt.docCode'))
    .option('--title <text>', cli.t('cmd.doc.opt.title'))
    .option('--date <date>', cli.t('cmd.doc.opt.date'))
    .option('--body <text>', cli.t('cmd.doc.opt.body'))
    .option('--note <text>', cli.t('opt.note'))
    .option('--if-version <n>', cli.t('cmd.edit.opt.ifVersion'));
  cli.action<{ code?: string; title?: string; date?: string; body?: string; note?: string; ifVersion?: string }>(cmd, (env, { ifVersion: v, ...opts }, query: string) => {
    const issuedOn = env.optionalDate('--date', opts.date);
    const ifVersion = env.int('--if-version', v, 1, Number.MAX_SAFE_INTEGER);
    if (Object.values(opts).every((x) => x === undefined)) throw new UsageError('input.nothingToChange');
    const db = env.db();
    const d = resolveDocument(db, query, { idNotFoundExit1: true });
    editDocument(db, env.audit(), d.id, { code: opts.code, title: opts.title, issuedOn, issuingBody: opts.body, note: opts.note, ifVersion });
    env.info('edit.done', { what: `${env.t('entity.document')} #${d.id}` });
  });
}

export function registerActivityEdit(activity: Command, cli: Cli): void {
  const cmd = cli
    .command(activity, 'edit <id>', 'cmd.edit.activity', ['thuky activity edit 3 --kind hoc-tap', 'thuky activity edit 3 --date 09/10/2017 --participants 50'])
    .option('--unit <unit>', cli.t('cmd.activity.opt.unit'))
    .option('--date <date>', cli.t('cmd.activity.opt.date'))
    .option('--kind <kind>', `${cli.t('cmd.activity.opt.kind')} (${ACTIVITY_KINDS.join('|')})`)
    .option('--title <text>', cli.t('cmd.activity.opt.title'))
    .option('--participants <n>', cli.t('cmd.activity.opt.participants'))
    .option('--if-version <n>', cli.t('cmd.edit.opt.ifVersion'));
  cli.action<{ unit?: string; date?: string; kind?: string; title?: string; participants?: string; ifVersion?: string }>(cmd, (env, { ifVersion: v, ...opts }, idText: string) => {
    const id = env.int('ID', idText, 1, Number.MAX_SAFE_INTEGER)!;
    const ifVersion = env.int('--if-version', v, 1, Number.MAX_SAFE_INTEGER);
    const heldOn = env.optionalDate('--date', opts.date);
    const participants = env.int('--participants', opts.participants, 0, 1_000_000);
    if (Object.values(opts).every((v) => v === undefined)) throw new UsageError('input.nothingToChange');
    const db = env.db();
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: heldOn ?? env.today() }).id : undefined;
    editActivity(db, env.audit(), id, { unitId, heldOn, kind: opts.kind as ActivityKind | undefined, title: opts.title, participants, ifVersion });
    env.info('edit.done', { what: `${env.t('entity.activity')} #${id}` });
  });
}

export function registerEvaluationEdit(evaluation: Command, cli: Cli): void {
  const cmd = cli
    .command(evaluation, 'edit <id>', 'cmd.edit.evaluation', ['thuky evaluation edit 40 --result hoan-thanh --score 78', 'thuky evaluation edit 40 --no-plan-used'])
    .option('--result <level>', cli.t('cmd.evaluate.opt.result'))
    .option('--score <n>', cli.t('cmd.evaluate.opt.score'))
    .option('--plan-used', cli.t('cmd.evaluate.opt.planUsed'))
    .option('--no-plan-used', cli.t('cmd.evaluate.opt.noPlanUsed'))
    .option('--if-version <n>', cli.t('cmd.edit.opt.ifVersion'));
  cli.action<{ result?: string; score?: string; planUsed?: boolean; ifVersion?: string }>(cmd, (env, opts, idText: string) => {
    const id = env.int('ID', idText, 1, Number.MAX_SAFE_INTEGER)!;
    const ifVersion = env.int('--if-version', opts.ifVersion, 1, Number.MAX_SAFE_INTEGER);
    const result = opts.result === undefined ? undefined : parseResultOption(opts.result);
    let score: number | undefined;
    if (opts.score !== undefined) {
      score = parseScore(opts.score);
      if (score === undefined) throw new UsageError('evaluation.badScore', { field: '--score', value: opts.score });
    }
    if (result === undefined && score === undefined && opts.planUsed === undefined) throw new UsageError('input.nothingToChange');
    editEvaluation(env.db(), env.audit(), id, { result, score, planUsed: opts.planUsed, ifVersion });
    env.info('edit.done', { what: `${env.t('entity.evaluation')} #${id}` });
  });
}

interface TaskEditOpts {
  group?: string;
  title?: string;
  target?: string;
  unit?: string;
  due?: string;
  within?: string;
  start?: string;
  meeting?: string;
  doc?: string;
  owner?: string;
  note?: string;
  ifVersion?: string;
}

export function registerTaskEdit(task: Command, cli: Cli): void {
  const cmd = cli
    .command(task, 'edit [ids...]', 'cmd.edit.task', ['thuky task edit 94 --title "Nộp báo cáo sơ kết năm 2018"', 'thuky task edit --group 9 --start 01/07/2018 --within 30d'])
    .option('--group <id>', cli.t('cmd.remove.opt.group'))
    .option('--title <text>', cli.t('cmd.edit.opt.title'))
    .option('--target <text>', cli.t('cmd.edit.opt.target'))
    .option('--unit <unit>', cli.t('cmd.edit.opt.unit'))
    .option('--due <date>', cli.t('cmd.task.opt.due'))
    .option('--within <duration>', cli.t('cmd.task.opt.within'))
    .option('--start <date>', cli.t('cmd.task.opt.start'))
    .option('--meeting <id>', cli.t('cmd.task.opt.meeting'))
    .option('--doc <code>', cli.t('cmd.task.opt.doc'))
    .option('--owner <person>', cli.t('cmd.task.opt.owner'))
    .option('--note <text>', cli.t('opt.note'))
    .option('--if-version <n>', cli.t('cmd.edit.opt.ifVersion'));
  cli.action<TaskEditOpts>(cmd, (env, opts, ids: string[] = []) => {
    const which = parseTaskIds(ids, opts.group);
    const { group: _g, ifVersion: v, ...fields } = opts;
    if (Object.values(fields).every((x) => x === undefined)) throw new UsageError('input.nothingToChange');
    const ifVersion = env.int('--if-version', v, 1, Number.MAX_SAFE_INTEGER);
    if (ifVersion !== undefined && (opts.group !== undefined || ids.length !== 1)) throw new UsageError('edit.ifVersionOne');
    const startOn = env.optionalDate('--start', opts.start);
    const patch: TaskPatch = { title: opts.title, target: opts.target, note: opts.note, startOn, ifVersion };
    if (opts.within !== undefined && opts.due !== undefined) throw new UsageError('input.conflict', { a: '--due', b: '--within' });
    if (opts.within !== undefined) {
      const within = opts.within;
      env.duration('--within', within);
      // Counted from each task's start; a result outside the calendar range is refused (exit 2).
      patch.due = { from: (start) => env.dateAfter('--within', within, start) };
    } else if (opts.due !== undefined) patch.due = { on: dueFrom(env, { due: opts.due }, startOn ?? env.today()) };
    const meetingId = parseIdOption('--meeting', opts.meeting);
    const db = env.db();
    const taskIds = taskIdsOf(db, which);
    if (meetingId !== undefined) {
      meetingExists(db, meetingId);
      patch.meetingId = meetingId;
    }
    if (opts.unit !== undefined) patch.unitId = resolveUnit(db, opts.unit, { at: startOn ?? env.today() }).id;
    if (opts.doc !== undefined) patch.documentId = resolveDocument(db, opts.doc).id;
    if (opts.owner !== undefined) patch.ownerId = resolvePerson(db, opts.owner).id;
    editTasks(db, env.audit(), taskIds, patch);
    env.info('edit.doneTasks', { n: taskIds.length, ids: taskIds.join(', ') });
  });
}
