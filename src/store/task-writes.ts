/**
 * Changes to tasks: assigning them (one per unit, grouped), progress, completion, reopening, a new
 * due date, cancellation. Each check runs inside the write transaction, and each change leaves an
 * event (the history a past day is reproduced from) and a change-log line. Errors name the field
 * ('percent', 'reason', 'on'); the command line says which flag that is (cli/field-flags.ts).
 */
import { UsageError } from '../errors.js';
import type { IsoDate } from '../domain/dates.js';
import { formatDateVi, yearOf } from '../domain/dates.js';
import { TASK_KINDS, type TaskKind } from '../domain/tasks.js';
import { cleanText, optionalText } from '../domain/text.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { cachedStatement } from './statements.js';
import { requireTasks, type Task, type TaskEventKind } from './tasks.js';
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

/** Checks a new task before anything is written. */
export function validateNewTasks(input: NewTasksInput): void {
  if (!cleanText(input.title ?? '')) throw new UsageError('task.titleEmpty');
  if (!input.unitIds.length) throw new UsageError('task.noUnit');
  if (new Set(input.unitIds).size !== input.unitIds.length) throw new UsageError('task.duplicateUnit');
  if (input.kind && !TASK_KINDS.includes(input.kind)) throw new UsageError('input.badChoice', { field: 'kind', value: input.kind, accepted: TASK_KINDS.join(', ') });
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

const isClosed = (t: Task) => t.doneOn !== null || t.cancelledOn !== null;

function requireReason(reason: string | undefined | null): string {
  const r = optionalText(reason ?? null);
  if (!r) throw new UsageError('task.reasonRequired', { field: 'reason' });
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
      throw new UsageError('input.badNumber', { field: 'percent', value: input.percent, min: 0, max: 100 });
    const tasks = requireTasks(db, ids);
    for (const t of tasks) {
      if (isClosed(t)) throw new UsageError(t.cancelledOn ? 'task.isCancelled' : 'task.isDone', { id: t.id });
      notBeforeStart(t, input.on, 'on');
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
      notBeforeStart(t, input.on, 'on');
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
      throw new UsageError('input.badNumber', { field: 'percent', value: input.percent, min: 0, max: 100 });
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
      notBeforeStart(t, input.on, 'on');
    }
    for (const t of tasks) {
      cachedStatement(db, 'UPDATE task SET cancelled_on = ?, cancel_reason = ? WHERE id = ?').run(input.on, reason, t.id);
      insertEvent(db, audit, { taskId: t.id, kind: 'cancel', onDate: input.on, text: reason });
      logChange(db, audit, 'task', t.id, 'cancel', { on: input.on, reason });
    }
    return requireTasks(db, ids);
  });
}
