/**
 * Task status: derived, never stored, from the due date, completion, cancellation and an as-of
 * date. The categories are those of Vietnamese government task follow-up (see shared/domain.md).
 */
import { boundAfterDays, daysBetween, type IsoDate } from './dates.js';

export const TASK_STATUSES = ['in_progress', 'due_soon', 'overdue', 'done_on_time', 'done_late', 'no_deadline', 'done_no_deadline', 'cancelled', 'transferred'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The statuses of a task still open on the day (neither done nor cancelled by then). */
export const OPEN_STATUSES = ['in_progress', 'due_soon', 'overdue', 'no_deadline'] as const satisfies readonly TaskStatus[];
/** The statuses of a task done or cancelled on or before the day. */
export const CLOSED_STATUSES = ['done_on_time', 'done_late', 'done_no_deadline', 'cancelled', 'transferred'] as const satisfies readonly TaskStatus[];
/** The statuses that count as done (for rates). */
export const DONE_STATUSES = ['done_on_time', 'done_late', 'done_no_deadline'] as const satisfies readonly TaskStatus[];

export const TASK_KINDS = ['task', 'breakthrough'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface TaskDates {
  dueOn: IsoDate | null;
  doneOn: IsoDate | null;
  cancelledOn: IsoDate | null;
  startOn: IsoDate;
  /** Closed because a reorganisation carried it over to a successor unit (a linked task goes on there). */
  transferred?: boolean;
}

/** How many days before its due date an open task is "due soon" (sắp đến hạn), unless asked otherwise. */
export const DEFAULT_WARN_DAYS = 7;

/** The last day of the due-soon window on `asOf`: a task due on or before it (and not before `asOf`) is due soon. */
export function dueSoonUntil(asOf: IsoDate, warnDays: number = DEFAULT_WARN_DAYS): IsoDate {
  return boundAfterDays(asOf, warnDays);
}

/**
 * The status of a task on `asOf`. A completion or cancellation recorded after `asOf` has not
 * happened yet on that day, so a past day is reproduced exactly. A task due on D is on time
 * through the whole of D and overdue from D+1; done on D is done on time. The judgement is made
 * against the current due date (an extension moves it).
 *
 * The same rule in SQL, for queries that select tasks by status, is src/store/task-status-sql.ts;
 * a property test (test/unit/task-status-property.test.ts) checks that the two agree.
 */
export function classifyTask(task: TaskDates, asOf: IsoDate, warnDays: number = DEFAULT_WARN_DAYS): TaskStatus {
  if (task.cancelledOn && task.cancelledOn <= asOf) return task.transferred ? 'transferred' : 'cancelled';
  if (task.doneOn && task.doneOn <= asOf) {
    if (!task.dueOn) return 'done_no_deadline';
    return task.doneOn <= task.dueOn ? 'done_on_time' : 'done_late';
  }
  if (!task.dueOn) return 'no_deadline';
  if (task.dueOn < asOf) return 'overdue';
  if (daysBetween(asOf, task.dueOn) <= warnDays) return 'due_soon';
  return 'in_progress';
}

/** Open on `asOf`: neither done nor cancelled by then. */
export function isOpenOn(task: TaskDates, asOf: IsoDate): boolean {
  return !(task.doneOn && task.doneOn <= asOf) && !(task.cancelledOn && task.cancelledOn <= asOf);
}

/**
 * Carried over into a period starting on `periodFrom` (tồn đọng năm trước): assigned before the
 * period and still open when it began.
 */
export function isCarriedOver(task: TaskDates, periodFrom: IsoDate): boolean {
  return task.startOn < periodFrom && !(task.doneOn && task.doneOn < periodFrom) && !(task.cancelledOn && task.cancelledOn < periodFrom);
}

/** Days left until the due date (0 = due today), or days overdue as a negative number; null without a due date. */
export function daysLeft(task: Pick<TaskDates, 'dueOn'>, asOf: IsoDate): number | null {
  return task.dueOn ? daysBetween(asOf, task.dueOn) : null;
}

/** Whether a status counts as done (for rates). */
export function isDoneStatus(status: TaskStatus): boolean {
  return (DONE_STATUSES as readonly TaskStatus[]).includes(status);
}

/** Whether a status is one of a task still open on the day. */
export function isOpenStatus(status: TaskStatus): boolean {
  return (OPEN_STATUSES as readonly TaskStatus[]).includes(status);
}
