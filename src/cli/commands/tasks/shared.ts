/** What the task, breakthrough, overdue and report commands share: ids, statuses, columns. */
import { meetingHeldOn } from '../../../store/meetings/list.js';
import type { IsoDate } from '../../../domain/dates.js';
import { classifyTask, daysLeft, DEFAULT_WARN_DAYS, isDoneStatus, isOpenStatus, TASK_KINDS, TASK_STATUSES, type TaskKind, type TaskStatus } from '../../../domain/tasks.js';
import type { Column, Tone } from '../../../render/output.js';
import type { Db } from '../../../store/db.js';
import { groupTaskIds, type Task } from '../../../store/tasks.js';
import { parseIdText } from '../../../store/lookup.js';
import type { Env } from '../../env.js';
import type { Parser } from '../../parse.js';
import { NotFoundError, UsageError } from '../../../errors.js';

export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Task ids typed on the command line ("12", "12,13") and/or a --group, checked before the database is opened. */
export interface TaskIdsInput {
  ids: number[];
  group?: number;
}

/** Parses the ids and --group (a bad one, or none at all, is exit 2 with nothing written). */
export function parseTaskIds(ids: string[] | undefined, group: string | undefined): TaskIdsInput {
  const out: number[] = [];
  for (const raw of ids ?? [])
    for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
      const id = parseIdText(part);
      if (id === undefined) throw new UsageError('task.badId', { value: part });
      out.push(id);
    }
  const groupId = group === undefined ? undefined : parseIdText(group);
  if (group !== undefined && groupId === undefined) throw new UsageError('task.badId', { value: group });
  if (!out.length && group === undefined) throw new UsageError('task.noIds');
  return { ids: out, group: groupId };
}

/** The task ids meant: those typed, then those of the group. */
export function taskIdsOf(db: Db, input: TaskIdsInput): number[] {
  const out = [...input.ids, ...(input.group === undefined ? [] : groupTaskIds(db, input.group))];
  return [...new Set(out)];
}

export function parseKind(value: string | undefined): TaskKind | undefined {
  if (value === undefined) return undefined;
  if (!(TASK_KINDS as readonly string[]).includes(value)) throw new UsageError('input.badChoice', { field: '--kind', value, accepted: TASK_KINDS.join(', ') });
  return value as TaskKind;
}

export const STATUS_FILTERS = [...TASK_STATUSES, 'open', 'done', 'carried_over'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export function parseStatuses(values: string[] | undefined): StatusFilter[] {
  const out: StatusFilter[] = [];
  for (const raw of values ?? [])
    for (const v of raw.split(',').map((s) => s.trim().replace(/-/g, '_')).filter(Boolean)) {
      if (!(STATUS_FILTERS as readonly string[]).includes(v)) throw new UsageError('input.badChoice', { field: '--status', value: v, accepted: STATUS_FILTERS.join(', ') });
      out.push(v as StatusFilter);
    }
  return out;
}

export function warnDays(p: Pick<Parser, 'int'>, value: string | undefined): number {
  return p.int('--warn-days', value, 0, 365) ?? DEFAULT_WARN_DAYS;
}

export function statusTone(status: TaskStatus): Tone {
  switch (status) {
    case 'overdue':
      return 'red';
    case 'due_soon':
    case 'done_late':
      return 'yellow';
    case 'done_on_time':
    case 'done_no_deadline':
      return 'green';
    case 'cancelled':
    case 'transferred':
      return 'gray';
    default:
      return undefined;
  }
}

/** A task as listings and JSON show it: the stored fields plus the status on the as-of date. */
export interface TaskView extends Task {
  status: TaskStatus;
  statusLabel: string;
  /** Days until the due date (0 = today), negative when past; null without a due date. */
  daysLeft: number | null;
  /** Days overdue when overdue, else null. */
  daysOverdue: number | null;
  carriedOver: boolean;
  asOf: IsoDate;
}

export function viewTask(env: Env, t: Task, asOf: IsoDate, warn: number): TaskView {
  const status = classifyTask(t, asOf, warn);
  const left = daysLeft(t, asOf);
  const open = isOpenStatus(status);
  return {
    ...t,
    status,
    statusLabel: env.t(`task.status.${status}`),
    daysLeft: open ? left : null,
    daysOverdue: status === 'overdue' && left !== null ? -left : null,
    carriedOver: open && t.year < Number(asOf.slice(0, 4)),
    asOf,
  };
}

export function matchesStatus(v: TaskView, wanted: StatusFilter[]): boolean {
  if (!wanted.length) return true;
  return wanted.some((w) => {
    if (w === 'open') return isOpenStatus(v.status);
    if (w === 'done') return isDoneStatus(v.status);
    if (w === 'carried_over') return v.carriedOver;
    return v.status === w;
  });
}

/** "còn 5 ngày" / "quá hạn 12 ngày" / "hạn hôm nay". */
export function daysText(env: Env, v: Pick<TaskView, 'daysLeft'>): string {
  if (v.daysLeft === null) return '';
  if (v.daysLeft === 0) return env.t('task.days.today');
  return v.daysLeft > 0 ? env.t('task.days.left', { n: v.daysLeft }) : env.t('task.days.overdue', { n: -v.daysLeft });
}

export function taskColumns(env: Env): Column<TaskView>[] {
  return [
    { key: 'id', label: 'col.id', type: 'number', priority: 1 },
    { key: 'unitName', label: 'col.unit', priority: 1, minWidth: 14 },
    { key: 'title', label: 'task.col.title', priority: 1, minWidth: 20 },
    { key: 'dueOn', label: 'task.col.due', type: 'date', priority: 1 },
    { key: 'status', label: 'task.col.status', display: (r) => r.statusLabel, tone: (r) => statusTone(r.status), priority: 2, minWidth: 10 },
    { key: 'daysLeft', label: 'task.col.days', type: 'number', display: (r) => daysText(env, r), tone: (r) => statusTone(r.status), priority: 3, wrap: true, minWidth: 8 },
    { key: 'percent', label: 'task.col.percent', type: 'percent', priority: 4 },
    { key: 'extensions', label: 'task.col.extensions', type: 'number', priority: 5 },
  ];
}

export function dueFrom(env: Env, opts: { due?: string; within?: string }, start: IsoDate): IsoDate | null {
  if (opts.due !== undefined && opts.within !== undefined) throw new UsageError('input.conflict', { a: '--due', b: '--within' });
  if (opts.within !== undefined) return env.dateAfter('--within', opts.within, start);
  if (opts.due !== undefined) return env.date('--due', opts.due, start);
  return null;
}

export function meetingExists(db: Db, id: number): void {
  if (meetingHeldOn(db, id) === undefined) throw new NotFoundError('lookup.idNotFound', { entity: 'meeting', id });
}

/** An id given to an option (--meeting, --group): a whole number, or `#N`. */
export function parseIdOption(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const id = parseIdText(value);
  if (id === undefined) throw new UsageError('task.badIdOption', { field, value });
  return id;
}

