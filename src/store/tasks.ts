/**
 * Tasks and breakthroughs: one row per unit, grouped when a decision goes to several units; every
 * change leaves an event (history) and a change-log line. This file reads them (one task, the
 * listing); the changes are in task-writes.ts, the set-based reports in task-reports.ts. Status is
 * never stored: see domain/tasks.ts (classifyTask) and its SQL form, task-status-sql.ts.
 */
import { NotFoundError } from '../errors.js';
import type { IsoDate } from '../domain/dates.js';
import type { TaskKind } from '../domain/tasks.js';
import type { Db } from './db.js';
import { cachedStatement } from './statements.js';
import { CLOSED_BY, OPEN_BRANCHES, STATUS_FILTER_WHEN, TRANSFERRED } from './task-status-sql.js';

export interface Task {
  id: number;
  kind: TaskKind;
  groupId: number | null;
  unitId: number;
  unitName: string;
  unitCode: string | null;
  title: string;
  target: string | null;
  year: number;
  startOn: IsoDate;
  dueOn: IsoDate | null;
  originalDueOn: IsoDate | null;
  doneOn: IsoDate | null;
  cancelledOn: IsoDate | null;
  cancelReason: string | null;
  percent: number;
  extensions: number;
  meetingId: number | null;
  meetingTitle: string | null;
  meetingHeldOn: IsoDate | null;
  conclusionId: number | null;
  conclusionOrd: number | null;
  documentId: number | null;
  documentCode: string | null;
  ownerId: number | null;
  ownerName: string | null;
  note: string | null;
  illustrative: boolean;
  /** Closed as carried over to a successor unit by a merge or split (see unit-merge.ts). */
  transferred: boolean;
  /** The task of a former unit this one carries over, if any. */
  carriedFromId: number | null;
}

export type TaskEventKind = 'created' | 'progress' | 'extend' | 'done' | 'reopen' | 'cancel' | 'note';

export interface TaskEvent {
  id: number;
  taskId: number;
  kind: TaskEventKind;
  onDate: IsoDate;
  percent: number | null;
  oldDue: IsoDate | null;
  newDue: IsoDate | null;
  text: string | null;
  createdAt: string;
}

const SELECT_TASK = `
  SELECT t.id, t.kind, t.group_id AS groupId, t.unit_id AS unitId, u.name AS unitName, u.code AS unitCode,
         t.title, t.target, t.year, t.start_on AS startOn, t.due_on AS dueOn, t.original_due_on AS originalDueOn,
         t.done_on AS doneOn, t.cancelled_on AS cancelledOn, t.cancel_reason AS cancelReason, t.percent,
         t.extensions, t.meeting_id AS meetingId, m.title AS meetingTitle, m.held_on AS meetingHeldOn,
         t.conclusion_id AS conclusionId, c.ord AS conclusionOrd, t.document_id AS documentId, d.code AS documentCode,
         t.owner_id AS ownerId, p.full_name AS ownerName, t.note, t.illustrative,
         ${TRANSFERRED} AS transferred,
         t.carried_from_id AS carriedFromId
    FROM task t
    JOIN unit u ON u.id = t.unit_id
    LEFT JOIN meeting m ON m.id = t.meeting_id
    LEFT JOIN conclusion c ON c.id = t.conclusion_id
    LEFT JOIN document d ON d.id = t.document_id
    LEFT JOIN person p ON p.id = t.owner_id`;

type TaskRow = Omit<Task, 'illustrative' | 'transferred'> & { illustrative: number; transferred: number };
const toTask = (r: TaskRow): Task => ({ ...r, illustrative: !!r.illustrative, transferred: !!r.transferred });

export function getTask(db: Db, id: number): Task | undefined {
  const row = cachedStatement(db, `${SELECT_TASK} WHERE t.id = ?`).get(id) as TaskRow | undefined;
  return row ? toTask(row) : undefined;
}

/** The tasks with these ids, in that order; a missing id is "not found" (exit 1). */
export function requireTasks(db: Db, ids: number[]): Task[] {
  return ids.map((id) => {
    const t = getTask(db, id);
    if (!t) throw new NotFoundError('lookup.idNotFound', { entity: 'task', id });
    return t;
  });
}

export function groupTaskIds(db: Db, groupId: number): number[] {
  const rows = db.prepare('SELECT id FROM task WHERE group_id = ? ORDER BY id').all(groupId) as { id: number }[];
  if (!rows.length) throw new NotFoundError('lookup.idNotFound', { entity: 'task_group', id: groupId });
  return rows.map((r) => r.id);
}

export function taskEvents(db: Db, taskId: number): TaskEvent[] {
  return db
    .prepare(
      `SELECT id, task_id AS taskId, kind, on_date AS onDate, percent, old_due AS oldDue, new_due AS newDue, text, created_at AS createdAt
         FROM task_event WHERE task_id = ? ORDER BY id`,
    )
    .all(taskId) as TaskEvent[];
}

export interface TaskFilter {
  unitIds?: number[];
  kind?: TaskKind;
  meetingId?: number;
  groupId?: number;
  year?: number;
  dueBefore?: IsoDate;
  dueAfter?: IsoDate;
  /** Only tasks assigned on or before this day. */
  startedBy?: IsoDate;
  /** Only tasks whose status on `status.asOf` is one of these (any, when empty). */
  status?: { wanted: readonly string[]; asOf: IsoDate; warnUntil: IsoDate };
}

/** The parameters of TASK_FILTERS for the stored fields of a filter. */
export function taskFilterParams(filter: Omit<TaskFilter, 'status'>) {
  return {
    units: filter.unitIds?.length ? JSON.stringify(filter.unitIds) : null,
    kind: filter.kind ?? null,
    meeting: filter.meetingId ?? null,
    group: filter.groupId ?? null,
    year: filter.year ?? null,
    dueBefore: filter.dueBefore ?? null,
    dueAfter: filter.dueAfter ?? null,
    startedBy: filter.startedBy ?? null,
  };
}

/** Tasks matching the stored fields and, when asked, the derived status on a day. */
export function listTasks(db: Db, filter: TaskFilter = {}): Task[] {
  return [...iterateTasks(db, filter)];
}

/**
 * The same tasks one at a time, in the same order (due date, then id): a listing of tens of
 * thousands of tasks is written as it is read, never held whole. The connection is busy until the
 * iteration ends.
 */
export function* iterateTasks(db: Db, filter: TaskFilter = {}): Generator<Task> {
  const rows = db.prepare(listTasksSql(filter.status?.wanted ?? [])).iterate({
    ...taskFilterParams(filter),
    asOf: filter.status?.asOf ?? null,
    warnUntil: filter.status?.warnUntil ?? null,
  }) as IterableIterator<TaskRow>;
  for (const row of rows) yield toTask(row);
}

export const TASK_FILTERS = `
          AND (@units IS NULL OR t.unit_id IN (SELECT value FROM json_each(@units)))
          AND (@kind IS NULL OR t.kind = @kind)
          AND (@meeting IS NULL OR t.meeting_id = @meeting)
          AND (@group IS NULL OR t.group_id = @group)
          AND (@year IS NULL OR t.year = @year)
          AND (@dueBefore IS NULL OR t.due_on <= @dueBefore)
          AND (@dueAfter IS NULL OR t.due_on >= @dueAfter)
          AND (@startedBy IS NULL OR t.start_on <= @startedBy)`;

// Where each task is on the as-of day, as the conditions indexes can serve: never closed (the
// partial index task_open_due), closed after that day (task_closed: still open then), or closed
// on or before it (task_closed). Which status it has there: STATUS_FILTER_WHEN, the SQL form of
// classifyTask (task-status-sql.ts), so that "--status overdue" reads the overdue tasks, not every
// task. Fixed fragments, chosen by key: the values travel as bound parameters.

/** The listing's SQL: one search without a status filter, else one per place a wanted status can be. */
export function listTasksSql(wanted: readonly string[]): string {
  const known = wanted.map((w) => STATUS_FILTER_WHEN[w]).filter(Boolean);
  if (!known.length) return `${SELECT_TASK} WHERE 1 ${TASK_FILTERS} ORDER BY t.due_on IS NULL, t.due_on, t.id`;
  const any = (list: { where: string }[]) => `((${list.map((x) => x.where).join(') OR (')}))`;
  const open = known.filter((x) => x.open);
  const closed = known.filter((x) => !x.open);
  const branches = [
    ...(open.length ? OPEN_BRANCHES.map((openThen) => `${SELECT_TASK} WHERE ${openThen} AND ${any(open)} ${TASK_FILTERS}`) : []),
    ...(closed.length ? [`${SELECT_TASK} WHERE ${CLOSED_BY} AND ${any(closed)} ${TASK_FILTERS}`] : []),
  ];
  return `SELECT * FROM (${branches.join('\nUNION ALL\n')}) ORDER BY dueOn IS NULL, dueOn, id`;
}

export interface BreakthroughFilter {
  year?: number;
  unitIds?: number[];
}

export function listBreakthroughs(db: Db, filter: BreakthroughFilter = {}): Task[] {
  return listTasks(db, { kind: 'breakthrough', year: filter.year, unitIds: filter.unitIds });
}

/** How many tasks a group has. */
export function taskGroupSize(db: Db, groupId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM task WHERE group_id = ?').get(groupId) as { n: number }).n;
}
