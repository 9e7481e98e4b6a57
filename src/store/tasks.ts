/**
 * Tasks and breakthroughs: one row per unit, grouped when a decision goes to several units; every
 * change leaves an event (history) and a change-log line. Status is never stored: see
 * domain/tasks.ts (classifyTask) and the set-based report queries at the end of this file.
 */
import { NotFoundError, UsageError } from '../errors.js';
import type { IsoDate } from '../domain/dates.js';
import { formatDateVi, yearOf } from '../domain/dates.js';
import { TASK_KINDS, type TaskKind } from '../domain/tasks.js';
import { cleanText, optionalText } from '../domain/text.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { cachedStatement } from './statements.js';
import { writeTransaction } from './transaction.js';

export interface NewTasksInput {
  title: string;
  unitIds: number[];
  startOn: IsoDate;
  dueOn: IsoDate | null;
  kind?: TaskKind;
  target?: string | null;
  year?: number;
  meetingId?: number | null;
  conclusionId?: number | null;
  documentId?: number | null;
  ownerId?: number | null;
  note?: string | null;
  illustrative?: boolean;
}

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
         t.cancelled_on IS NOT NULL AND EXISTS (SELECT 1 FROM task x WHERE x.carried_from_id = t.id) AS transferred,
         t.carried_from_id AS carriedFromId
    FROM task t
    JOIN unit u ON u.id = t.unit_id
    LEFT JOIN meeting m ON m.id = t.meeting_id
    LEFT JOIN conclusion c ON c.id = t.conclusion_id
    LEFT JOIN document d ON d.id = t.document_id
    LEFT JOIN person p ON p.id = t.owner_id`;

type TaskRow = Omit<Task, 'illustrative' | 'transferred'> & { illustrative: number; transferred: number };
const toTask = (r: TaskRow): Task => ({ ...r, illustrative: !!r.illustrative, transferred: !!r.transferred });


/** Checks a new task before anything is written. */
export function validateNewTasks(input: NewTasksInput): void {
  if (!cleanText(input.title ?? '')) throw new UsageError('task.titleEmpty');
  if (!input.unitIds.length) throw new UsageError('task.noUnit');
  if (new Set(input.unitIds).size !== input.unitIds.length) throw new UsageError('task.duplicateUnit');
  if (input.kind && !TASK_KINDS.includes(input.kind)) throw new UsageError('input.badChoice', { field: '--kind', value: input.kind, accepted: TASK_KINDS.join(', ') });
  if (input.dueOn && input.dueOn < input.startOn) throw new UsageError('task.dueBeforeStart', { due: formatDateVi(input.dueOn), start: formatDateVi(input.startOn) });
}

/**
 * One task per unit, in one transaction; grouped (task_group) when there is more than one unit.
 * Inside an outer transaction this becomes a savepoint. Returns the ids in the order of unitIds.
 */
export function addTasks(db: Db, audit: Audit, input: NewTasksInput): number[] {
  validateNewTasks(input);
  const title = cleanText(input.title);
  const kind = input.kind ?? 'task';
  const year = input.year ?? yearOf(input.startOn);
  const target = optionalText(input.target);
  const note = optionalText(input.note);
  return writeTransaction(db, () => {
    let groupId: number | null = null;
    if (input.unitIds.length > 1) {
      groupId = Number(db.prepare('INSERT INTO task_group (title, created_at) VALUES (?, ?)').run(title, audit.at).lastInsertRowid);
      logChange(db, audit, 'task_group', groupId, 'create', { title, unitIds: input.unitIds });
    }
    const insert = db.prepare(
      `INSERT INTO task (kind, group_id, unit_id, title, target, year, start_on, due_on, original_due_on,
                         meeting_id, conclusion_id, document_id, owner_id, note, illustrative, created_at)
       VALUES (@kind, @groupId, @unitId, @title, @target, @year, @startOn, @dueOn, @dueOn,
               @meetingId, @conclusionId, @documentId, @ownerId, @note, @illustrative, @at)`,
    );
    const event = db.prepare(`INSERT INTO task_event (task_id, kind, on_date, new_due, created_at) VALUES (?, 'created', ?, ?, ?)`);
    const ids: number[] = [];
    for (const unitId of input.unitIds) {
      const row = {
        kind,
        groupId,
        unitId,
        title,
        target,
        year,
        startOn: input.startOn,
        dueOn: input.dueOn ?? null,
        meetingId: input.meetingId ?? null,
        conclusionId: input.conclusionId ?? null,
        documentId: input.documentId ?? null,
        ownerId: input.ownerId ?? null,
        note,
        illustrative: input.illustrative ? 1 : 0,
        at: audit.at,
      };
      const id = Number(insert.run(row).lastInsertRowid);
      event.run(id, input.startOn, input.dueOn ?? null, audit.at);
      const { at, ...logged } = row;
      void at;
      logChange(db, audit, 'task', id, 'create', logged);
      ids.push(id);
    }
    return ids;
  });
}

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
    units: filter.unitIds?.length ? JSON.stringify(filter.unitIds) : null,
    kind: filter.kind ?? null,
    meeting: filter.meetingId ?? null,
    group: filter.groupId ?? null,
    year: filter.year ?? null,
    dueBefore: filter.dueBefore ?? null,
    dueAfter: filter.dueAfter ?? null,
    startedBy: filter.startedBy ?? null,
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
// on or before it (task_closed). The overdue report below and the compliance table read the first
// two the same way.
export const OPEN_NOW = `t.done_on IS NULL AND t.cancelled_on IS NULL`;
export const CLOSED_AFTER = `coalesce(t.done_on, t.cancelled_on, '9999-12-31') > @asOf AND coalesce(t.done_on, t.cancelled_on, '9999-12-31') < '9999-12-31'`;
const CLOSED_BY = `coalesce(t.done_on, t.cancelled_on, '9999-12-31') <= @asOf`;

/**
 * The SQL form of classifyTask (domain/tasks.ts) for each status a listing can ask for, so that
 * "--status overdue" reads the overdue tasks, not every task: whether the status belongs to tasks
 * open on the day, and the condition that picks it among those. Fixed fragments, chosen by key:
 * the values travel as bound parameters. A test checks SQL and classifyTask agree.
 */
const STATUS_SQL: Record<string, { open: boolean; where: string }> = {
  cancelled: { open: false, where: `t.cancelled_on IS NOT NULL` },
  done_on_time: { open: false, where: `t.done_on IS NOT NULL AND t.done_on <= t.due_on` },
  done_late: { open: false, where: `t.done_on IS NOT NULL AND t.done_on > t.due_on` },
  done_no_deadline: { open: false, where: `t.done_on IS NOT NULL AND t.due_on IS NULL` },
  done: { open: false, where: `t.done_on IS NOT NULL` },
  no_deadline: { open: true, where: `t.due_on IS NULL` },
  overdue: { open: true, where: `t.due_on < @asOf` },
  due_soon: { open: true, where: `t.due_on >= @asOf AND t.due_on <= @warnUntil` },
  in_progress: { open: true, where: `t.due_on > @warnUntil` },
  open: { open: true, where: `1` },
  carried_over: { open: true, where: `t.year < CAST(substr(@asOf, 1, 4) AS INTEGER)` },
};

/** The listing's SQL: one search without a status filter, else one per place a wanted status can be. */
export function listTasksSql(wanted: readonly string[]): string {
  const known = wanted.map((w) => STATUS_SQL[w]).filter(Boolean);
  if (!known.length) return `${SELECT_TASK} WHERE 1 ${TASK_FILTERS} ORDER BY t.due_on IS NULL, t.due_on, t.id`;
  const any = (list: { where: string }[]) => `((${list.map((x) => x.where).join(') OR (')}))`;
  const open = known.filter((x) => x.open);
  const closed = known.filter((x) => !x.open);
  const branches = [
    ...(open.length ? [`${SELECT_TASK} WHERE ${OPEN_NOW} AND ${any(open)} ${TASK_FILTERS}`, `${SELECT_TASK} WHERE ${CLOSED_AFTER} AND ${any(open)} ${TASK_FILTERS}`] : []),
    ...(closed.length ? [`${SELECT_TASK} WHERE ${CLOSED_BY} AND ${any(closed)} ${TASK_FILTERS}`] : []),
  ];
  return `SELECT * FROM (${branches.join('\nUNION ALL\n')}) ORDER BY dueOn IS NULL, dueOn, id`;
}

// ---- changes ---------------------------------------------------------------------------------

const isClosed = (t: Task) => t.doneOn !== null || t.cancelledOn !== null;

function requireReason(reason: string | undefined | null, field = '--reason'): string {
  const r = optionalText(reason ?? null);
  if (!r) throw new UsageError('task.reasonRequired', { field });
  return r;
}

function notBeforeStart(t: Task, on: IsoDate, field: string) {
  if (on < t.startOn) throw new UsageError('task.dateBeforeStart', { field, id: t.id, date: formatDateVi(on), start: formatDateVi(t.startOn) });
}

function insertEvent(db: Db, audit: Audit, e: { taskId: number; kind: TaskEventKind; onDate: IsoDate; percent?: number | null; oldDue?: IsoDate | null; newDue?: IsoDate | null; text?: string | null }) {
  cachedStatement(db, `INSERT INTO task_event (task_id, kind, on_date, percent, old_due, new_due, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    e.taskId,
    e.kind,
    e.onDate,
    e.percent ?? null,
    e.oldDue ?? null,
    e.newDue ?? null,
    e.text ?? null,
    audit.at,
  );
}

export function recordProgress(db: Db, audit: Audit, ids: number[], input: { percent: number; on: IsoDate; note?: string | null }): Task[] {
  // Checked inside the write transaction, so that two writers cannot both pass the same check.
  return writeTransaction(db, () => {
    if (!Number.isInteger(input.percent) || input.percent < 0 || input.percent > 100)
      throw new UsageError('input.badNumber', { field: '--percent', value: input.percent, min: 0, max: 100 });
    const tasks = requireTasks(db, ids);
    for (const t of tasks) {
      if (isClosed(t)) throw new UsageError(t.cancelledOn ? 'task.isCancelled' : 'task.isDone', { id: t.id });
      notBeforeStart(t, input.on, '--on');
    }
    const note = optionalText(input.note);
    for (const t of tasks) {
      cachedStatement(db, 'UPDATE task SET percent = ? WHERE id = ?').run(input.percent, t.id);
      insertEvent(db, audit, { taskId: t.id, kind: 'progress', onDate: input.on, percent: input.percent, text: note });
      logChange(db, audit, 'task', t.id, 'progress', { percent: input.percent, on: input.on, note });
    }
    return requireTasks(db, ids);
  });
}

export function markDone(db: Db, audit: Audit, ids: number[], input: { on: IsoDate; note?: string | null }): Task[] {
  // Checked inside the write transaction, so that two writers cannot both pass the same check.
  return writeTransaction(db, () => {
    const tasks = requireTasks(db, ids);
    for (const t of tasks) {
      if (t.cancelledOn) throw new UsageError('task.doneCancelled', { id: t.id });
      if (t.doneOn) throw new UsageError('task.alreadyDone', { id: t.id, date: formatDateVi(t.doneOn) });
      notBeforeStart(t, input.on, '--on');
    }
    const note = optionalText(input.note);
    for (const t of tasks) {
      cachedStatement(db, 'UPDATE task SET done_on = ?, percent = 100 WHERE id = ?').run(input.on, t.id);
      insertEvent(db, audit, { taskId: t.id, kind: 'done', onDate: input.on, percent: 100, text: note });
      logChange(db, audit, 'task', t.id, 'done', { on: input.on, note });
    }
    return requireTasks(db, ids);
  });
}

/**
 * Reopens done or cancelled tasks with the progress they have now: `percent`, or by default the
 * last progress recorded before completion (a done task is at 100% only because it was done).
 * The percent is recorded on the reopen event, so progress on any past day can be told.
 */
export function reopenTasks(db: Db, audit: Audit, ids: number[], input: { on: IsoDate; reason: string; percent?: number }): Task[] {
  // Checked inside the write transaction, so that two writers cannot both pass the same check.
  return writeTransaction(db, () => {
    const reason = requireReason(input.reason);
    if (input.percent !== undefined && (!Number.isInteger(input.percent) || input.percent < 0 || input.percent > 100))
      throw new UsageError('input.badNumber', { field: '--percent', value: input.percent, min: 0, max: 100 });
    const tasks = requireTasks(db, ids);
    for (const t of tasks) if (!isClosed(t)) throw new UsageError('task.notClosed', { id: t.id });
    for (const t of tasks) {
      const percent = input.percent ?? (t.doneOn ? progressBeforeDone(db, t.id) : t.percent);
      cachedStatement(db, 'UPDATE task SET done_on = NULL, cancelled_on = NULL, cancel_reason = NULL, percent = ? WHERE id = ?').run(percent, t.id);
      insertEvent(db, audit, { taskId: t.id, kind: 'reopen', onDate: input.on, percent, text: reason });
      logChange(db, audit, 'task', t.id, 'reopen', { on: input.on, reason, percent, wasDoneOn: t.doneOn, wasCancelledOn: t.cancelledOn, wasPercent: t.percent });
    }
    return requireTasks(db, ids);
  });
}

/** The last percent recorded before the task's latest completion (0 when none was). */
function progressBeforeDone(db: Db, taskId: number): number {
  const row = cachedStatement(
    db,
    `SELECT percent FROM task_event
      WHERE task_id = @id AND percent IS NOT NULL AND kind <> 'done'
        AND id < coalesce((SELECT max(id) FROM task_event WHERE task_id = @id AND kind = 'done'), 9223372036854775807)
      ORDER BY id DESC LIMIT 1`,
  ).get({ id: taskId }) as { percent: number } | undefined;
  return row?.percent ?? 0;
}

/** A new due date with a reason; the earlier one stays in the history. */
export function extendTasks(db: Db, audit: Audit, ids: number[], input: { due: IsoDate; reason: string; on: IsoDate }): Task[] {
  // Checked inside the write transaction, so that two writers cannot both pass the same check.
  return writeTransaction(db, () => {
    const reason = requireReason(input.reason);
    const tasks = requireTasks(db, ids);
    for (const t of tasks) {
      if (isClosed(t)) throw new UsageError('task.extendClosed', { id: t.id });
      if (input.due < t.startOn) throw new UsageError('task.dueBeforeStart', { due: formatDateVi(input.due), start: formatDateVi(t.startOn) });
      if (t.dueOn === input.due) throw new UsageError('task.sameDue', { id: t.id, due: formatDateVi(input.due) });
    }
    for (const t of tasks) {
      cachedStatement(db, 'UPDATE task SET due_on = ?, extensions = extensions + 1 WHERE id = ?').run(input.due, t.id);
      insertEvent(db, audit, { taskId: t.id, kind: 'extend', onDate: input.on, oldDue: t.dueOn, newDue: input.due, text: reason });
      logChange(db, audit, 'task', t.id, 'extend', { oldDue: t.dueOn, newDue: input.due, reason, on: input.on });
    }
    return requireTasks(db, ids);
  });
}

export function cancelTasks(db: Db, audit: Audit, ids: number[], input: { on: IsoDate; reason: string }): Task[] {
  // Checked inside the write transaction, so that two writers cannot both pass the same check.
  return writeTransaction(db, () => {
    const reason = requireReason(input.reason);
    const tasks = requireTasks(db, ids);
    for (const t of tasks) {
      if (t.cancelledOn) throw new UsageError('task.isCancelled', { id: t.id });
      if (t.doneOn) throw new UsageError('task.isDone', { id: t.id });
      notBeforeStart(t, input.on, '--on');
    }
    for (const t of tasks) {
      cachedStatement(db, 'UPDATE task SET cancelled_on = ?, cancel_reason = ? WHERE id = ?').run(input.on, reason, t.id);
      insertEvent(db, audit, { taskId: t.id, kind: 'cancel', onDate: input.on, text: reason });
      logChange(db, audit, 'task', t.id, 'cancel', { on: input.on, reason });
    }
    return requireTasks(db, ids);
  });
}

// ---- reports ---------------------------------------------------------------------------------

export interface OpenDueRow {
  id: number;
  kind: TaskKind;
  unitId: number;
  unitName: string;
  unitCode: string | null;
  title: string;
  startOn: IsoDate;
  dueOn: IsoDate;
  originalDueOn: IsoDate | null;
  extensions: number;
  percent: number;
  meetingId: number | null;
  meetingTitle: string | null;
  meetingHeldOn: IsoDate | null;
  conclusionOrd: number | null;
  documentId: number | null;
  documentCode: string | null;
}

export interface OpenDueQuery {
  asOf: IsoDate;
  /** Due on or after this day (null: no lower bound). */
  dueFrom: IsoDate | null;
  /** Due on or before this day. */
  dueTo: IsoDate;
  unitIds?: number[];
  kind?: TaskKind;
}

/**
 * A task's progress on @asOf, from its events (progress, done, reopen carry a percent): the last
 * one recorded on or before that day, else 0. A report of a past day never shows later progress.
 */
const PERCENT_AS_OF = `coalesce((SELECT e.percent FROM task_event e
   WHERE e.task_id = t.id AND e.percent IS NOT NULL AND e.on_date <= @asOf
   ORDER BY e.on_date DESC, e.id DESC LIMIT 1), 0)`;

const OPEN_DUE_COLUMNS = `t.id, t.kind, t.unit_id AS unitId, u.name AS unitName, u.code AS unitCode, t.title,
       t.start_on AS startOn, t.due_on AS dueOn, t.original_due_on AS originalDueOn, t.extensions, ${PERCENT_AS_OF} AS percent,
       t.meeting_id AS meetingId, m.title AS meetingTitle, m.held_on AS meetingHeldOn, c.ord AS conclusionOrd,
       t.document_id AS documentId, d.code AS documentCode`;
const OPEN_DUE_JOINS = `JOIN unit u ON u.id = t.unit_id
  LEFT JOIN meeting m ON m.id = t.meeting_id
  LEFT JOIN conclusion c ON c.id = t.conclusion_id
  LEFT JOIN document d ON d.id = t.document_id`;
const OPEN_DUE_FILTERS = `AND t.due_on >= coalesce(@dueFrom, '') AND t.due_on <= @dueTo
     AND t.start_on <= @asOf
     AND (@units IS NULL OR t.unit_id IN (SELECT value FROM json_each(@units)))
     AND (@kind IS NULL OR t.kind = @kind)`;

/** Tasks open on `asOf` whose due date falls in [dueFrom, dueTo], with the given columns. */
function openDueUnion(columns: string): string {
  return `
SELECT ${columns}
  FROM task t ${OPEN_DUE_JOINS}
 WHERE ${OPEN_NOW}
   ${OPEN_DUE_FILTERS}
UNION ALL
SELECT ${columns}
  FROM task t ${OPEN_DUE_JOINS}
 WHERE ${CLOSED_AFTER}
   ${OPEN_DUE_FILTERS}`;
}

/**
 * The SQL of the overdue report: tasks open on `asOf` whose due date falls in [dueFrom, dueTo].
 * Two index searches: tasks open now (partial index task_open_due), and tasks closed after
 * `asOf` (task_closed), which were still open on that day. Never a scan of task.
 */
export const OPEN_DUE_SQL = openDueUnion(OPEN_DUE_COLUMNS);

export function openDueParams(q: OpenDueQuery) {
  return {
    asOf: q.asOf,
    dueFrom: q.dueFrom,
    dueTo: q.dueTo,
    units: q.unitIds?.length ? JSON.stringify(q.unitIds) : null,
    kind: q.kind ?? null,
  };
}

/**
 * The overdue report's items as JSON text built by SQLite, returned in report order (units in the
 * order of `unitRanks`, then due date, then id): for the compact JSON a script or cron reads, so that tens of
 * thousands of rows never become JavaScript objects. Must stay field for field the same as the
 * items buildOverdueReport makes (a test compares both on the sample). The source text comes from
 * the two message templates, with \u0001 and \u0002 standing for the values. The JSON leaves SQLite
 * as bytes (a BLOB): it goes to stdout as it is, never decoded into a JavaScript string and back.
 */
const OPEN_DUE_JSON_SQL = openDueUnion(`t.unit_id AS unitId, t.due_on AS due, t.id AS tid,
  CAST(json_object('id', t.id, 'kind', t.kind, 'unitId', t.unit_id, 'unitName', u.name, 'unitCode', u.code, 'title', t.title,
    'startOn', t.start_on, 'dueOn', t.due_on, 'originalDueOn', t.original_due_on, 'extensions', t.extensions, 'percent', ${PERCENT_AS_OF},
    'meetingId', t.meeting_id, 'meetingTitle', m.title, 'meetingHeldOn', m.held_on, 'conclusionOrd', c.ord,
    'documentId', t.document_id, 'documentCode', d.code,
    'section', CASE WHEN @overdue THEN 'overdue' ELSE 'due_soon' END,
    'days', CASE WHEN @overdue THEN -1 ELSE 1 END * CAST(julianday(t.due_on) - julianday(@asOf) AS INTEGER),
    'daysOverdue', CASE WHEN @overdue THEN CAST(julianday(@asOf) - julianday(t.due_on) AS INTEGER) END,
    'daysLeft', CASE WHEN @overdue THEN NULL ELSE CAST(julianday(t.due_on) - julianday(@asOf) AS INTEGER) END,
    'source', CASE WHEN t.meeting_id IS NOT NULL
                   THEN replace(replace(@tMeeting, char(1), t.meeting_id), char(2), coalesce(strftime('%d/%m/%Y', m.held_on), ''))
                        || CASE WHEN c.ord IS NOT NULL THEN ', ' || replace(@tConclusion, char(1), c.ord) ELSE '' END
                   ELSE '' END
              || CASE WHEN t.meeting_id IS NOT NULL AND d.code IS NOT NULL THEN '; ' ELSE '' END
              || coalesce(d.code, '')) AS BLOB) AS j`);

export interface OpenDueJson {
  /** One JSON object per item (UTF-8 bytes), in report order. */
  items: Buffer[];
  unitIds: number[];
}

export function openTasksDueJson(
  db: Db,
  q: OpenDueQuery & { overdue: boolean; unitRanks: (number | null)[]; templates: { meeting: string; conclusion: string } },
): OpenDueJson {
  const rows = db
    .prepare(OPEN_DUE_JSON_SQL)
    .raw()
    .all({ ...openDueParams(q), overdue: q.overdue ? 1 : 0, tMeeting: q.templates.meeting, tConclusion: q.templates.conclusion }) as [number, string, number, Buffer][];
  // Report order: units by rank (Vietnamese order of names), then due date, then id. Sorted here:
  // looking the rank up in SQL cost more than the whole query.
  const rank = q.unitRanks;
  rows.sort((a, b) => (rank[a[0]] ?? 0) - (rank[b[0]] ?? 0) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]));
  return { items: rows.map((r) => r[3]), unitIds: rows.map((r) => r[0]) };
}

/** Tasks open on `asOf` and due in the window (unsorted; the report sorts in Vietnamese order). */
export function openTasksDue(db: Db, q: OpenDueQuery): OpenDueRow[] {
  return db.prepare(OPEN_DUE_SQL).all(openDueParams(q)) as OpenDueRow[];
}

export interface UnitTaskCounts {
  unitId: number;
  /** Assigned in the period (start date inside it, up to the as-of date). */
  assigned: number;
  /** Assigned earlier and still open when the period began. */
  carriedOver: number;
  /** assigned + carriedOver: the tasks the period is judged on. */
  total: number;
  doneOnTime: number;
  doneLate: number;
  doneNoDeadline: number;
  /** Open, due date not passed (due soon included). */
  inProgress: number;
  dueSoon: number;
  overdue: number;
  /** Open, no due date. */
  noDeadline: number;
  cancelled: number;
  /** Tasks whose due date was extended at least once. */
  extended: number;
  /** Not cancelled, due inside the period up to the as-of date: the base of the on-time rate. */
  dueInPeriod: number;
  /** Of those, done on or before the due date by the as-of date. */
  dueInPeriodDoneOnTime: number;
}

export interface CountsQuery {
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
  kind?: TaskKind;
  warnDays?: number;
  /** asOf + warnDays, computed by the caller. */
  warnUntil: IsoDate;
}

// The SQL form of classifyTask (domain/tasks.ts), as integer flags summed per unit; a test checks
// that both agree on the sample. Done and cancelled never both hold (CHECK on task).
const OPEN_ON = `coalesce(t.cancelled_on > @asOf, 1) AND coalesce(t.done_on > @asOf, 1)`;
const DONE_ON = `t.done_on <= @asOf`;
const DUE_IN_PERIOD = `t.due_on >= @from AND t.due_on <= @until`;

const COUNT_COLUMNS = `
       count(*) AS n,
       sum(CASE WHEN ${DONE_ON} AND t.done_on <= t.due_on THEN 1 ELSE 0 END) AS doneOnTime,
       sum(CASE WHEN ${DONE_ON} AND t.done_on > t.due_on THEN 1 ELSE 0 END) AS doneLate,
       sum(CASE WHEN ${DONE_ON} AND t.due_on IS NULL THEN 1 ELSE 0 END) AS doneNoDeadline,
       sum(CASE WHEN ${OPEN_ON} AND t.due_on >= @asOf THEN 1 ELSE 0 END) AS inProgress,
       sum(CASE WHEN ${OPEN_ON} AND t.due_on >= @asOf AND t.due_on <= @warnUntil THEN 1 ELSE 0 END) AS dueSoon,
       sum(CASE WHEN ${OPEN_ON} AND t.due_on < @asOf THEN 1 ELSE 0 END) AS overdue,
       sum(CASE WHEN ${OPEN_ON} AND t.due_on IS NULL THEN 1 ELSE 0 END) AS noDeadline,
       sum(CASE WHEN t.cancelled_on <= @asOf THEN 1 ELSE 0 END) AS cancelled,
       sum(CASE WHEN t.extensions > 0 THEN 1 ELSE 0 END) AS extended,
       sum(CASE WHEN coalesce(t.cancelled_on > @asOf, 1) AND ${DUE_IN_PERIOD} THEN 1 ELSE 0 END) AS dueInPeriod,
       sum(CASE WHEN ${DONE_ON} AND t.done_on <= t.due_on AND ${DUE_IN_PERIOD} THEN 1 ELSE 0 END) AS dueInPeriodDoneOnTime`;

/**
 * Per-unit counts for a period, set-based, in two index searches that each cover what they read:
 * tasks assigned in [from, min(to, asOf)] (task_start), and tasks assigned before `from` and still
 * open then, i.e. carried over (task_closed). One row per unit and branch; taskCountsByUnit adds
 * them up.
 */
export const COUNTS_SQL = `
SELECT t.unit_id AS unitId, 0 AS carried, ${COUNT_COLUMNS}
  FROM task t
 WHERE t.start_on >= @from AND t.start_on <= @until
   AND (@kind IS NULL OR t.kind = @kind)
 GROUP BY +t.unit_id
UNION ALL
SELECT t.unit_id AS unitId, 1 AS carried, ${COUNT_COLUMNS}
  FROM task t
 WHERE coalesce(t.done_on, t.cancelled_on, '9999-12-31') >= @from
   -- unary + keeps the planner off task_start here: "started before" spans all history,
   -- "closed since (or still open)" is small.
   AND +t.start_on < @from
   AND (@kind IS NULL OR t.kind = @kind)
 -- + here too: grouping must not tempt the planner into walking task_unit_start end to end.
 GROUP BY +t.unit_id`;

export function countsParams(q: CountsQuery) {
  return { from: q.from, until: q.to < q.asOf ? q.to : q.asOf, asOf: q.asOf, kind: q.kind ?? null, warnUntil: q.warnUntil };
}

type CountRow = Omit<UnitTaskCounts, 'assigned' | 'carriedOver' | 'total'> & { carried: 0 | 1; n: number };
const SUMMED = ['doneOnTime', 'doneLate', 'doneNoDeadline', 'inProgress', 'dueSoon', 'overdue', 'noDeadline', 'cancelled', 'extended', 'dueInPeriod', 'dueInPeriodDoneOnTime'] as const;

export function taskCountsByUnit(db: Db, q: CountsQuery): UnitTaskCounts[] {
  const rows = db.prepare(COUNTS_SQL).all(countsParams(q)) as CountRow[];
  const byUnit = new Map<number, UnitTaskCounts>();
  for (const r of rows) {
    let c = byUnit.get(r.unitId);
    if (!c) {
      c = { unitId: r.unitId, assigned: 0, carriedOver: 0, total: 0 } as UnitTaskCounts;
      for (const k of SUMMED) c[k] = 0;
      byUnit.set(r.unitId, c);
    }
    if (r.carried) c.carriedOver += r.n;
    else c.assigned += r.n;
    c.total += r.n;
    for (const k of SUMMED) c[k] += r[k];
  }
  return [...byUnit.values()];
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
