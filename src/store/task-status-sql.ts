/**
 * A task's status on a day, in SQL. This is the same rule as classifyTask (src/domain/tasks.ts),
 * written as predicates over a task aliased `t` and two bound parameters: @asOf, the day, and
 * @warnUntil, the last day of the due-soon window (dueSoonUntil; statusParams binds both). Every
 * query that picks tasks by status composes these: the task list (tasks.ts), the overdue report and
 * the counts of `report tasks` (task-reports.ts), the compliance overdue criterion and its detail
 * (compliance.ts). test/unit/task-status-property.test.ts writes random task histories and checks
 * that each of those queries puts every task in the status classifyTask gives it.
 *
 * A change to the rule is made in classifyTask and here together, never in a single query.
 */
import { DEFAULT_WARN_DAYS, dueSoonUntil, TASK_STATUSES, type TaskStatus } from '../domain/tasks.js';
import type { IsoDate } from '../domain/dates.js';

/** The day a task was done or cancelled, or a day after every real one while it is open. */
const CLOSED_ON = `coalesce(t.done_on, t.cancelled_on, '9999-12-31')`;

// Open on @asOf, in three forms. OPEN_NOW and CLOSED_AFTER are the two halves indexes can serve
// (the partial index task_open_due holds the tasks never closed, task_closed orders the others by
// closing day): a query that needs speed runs one branch for each (OPEN_BRANCHES) and adds them up.

/** Neither done nor cancelled, on any day so far. */
export const OPEN_NOW = `t.done_on IS NULL AND t.cancelled_on IS NULL`;
/** Done or cancelled, but only after @asOf: still open that day. */
export const CLOSED_AFTER = `${CLOSED_ON} > @asOf AND ${CLOSED_ON} < '9999-12-31'`;
/** The two conditions whose union is "open on @asOf". */
export const OPEN_BRANCHES = [OPEN_NOW, CLOSED_AFTER] as const;
/** Open on @asOf, in one condition (isOpenOn): done and cancelled never both hold (CHECK on task). */
export const OPEN_ON = `${CLOSED_ON} > @asOf`;
/** Done or cancelled on or before @asOf. */
export const CLOSED_BY = `${CLOSED_ON} <= @asOf`;

/** Cancelled on or before @asOf, carried over to a successor unit or not (cancelled or transferred). */
export const CANCELLED_BY = `t.cancelled_on <= @asOf`;
/** Not cancelled (nor transferred) by @asOf. */
export const NOT_CANCELLED_BY = `coalesce(t.cancelled_on > @asOf, 1)`;
/** Closed because a reorganisation carried it over: a linked task of a successor unit goes on (unit-merge.ts). */
export const TRANSFERRED = `t.cancelled_on IS NOT NULL AND EXISTS (SELECT 1 FROM task x WHERE x.carried_from_id = t.id)`;

/**
 * Which tasks, among those open on @asOf (open: true) or among those closed by then (open: false),
 * are in each status: the branches of classifyTask, in SQL.
 */
export const STATUS_WHEN: Record<TaskStatus, { open: boolean; where: string }> = {
  overdue: { open: true, where: `t.due_on < @asOf` },
  due_soon: { open: true, where: `t.due_on >= @asOf AND t.due_on <= @warnUntil` },
  in_progress: { open: true, where: `t.due_on > @warnUntil` },
  no_deadline: { open: true, where: `t.due_on IS NULL` },
  done_on_time: { open: false, where: `t.done_on IS NOT NULL AND t.done_on <= t.due_on` },
  done_late: { open: false, where: `t.done_on IS NOT NULL AND t.done_on > t.due_on` },
  done_no_deadline: { open: false, where: `t.done_on IS NOT NULL AND t.due_on IS NULL` },
  cancelled: { open: false, where: `t.cancelled_on IS NOT NULL AND NOT (${TRANSFERRED})` },
  transferred: { open: false, where: TRANSFERRED },
};

/** Each status on @asOf as one self-contained condition. */
export const STATUS_ON = Object.fromEntries(
  Object.entries(STATUS_WHEN).map(([status, s]) => [status, `(${s.open ? OPEN_ON : CLOSED_BY}) AND (${s.where})`]),
) as Record<TaskStatus, string>;

/** The status on @asOf as one expression, the word classifyTask returns (the conditions exclude each other). */
export const STATUS_CASE = `CASE ${TASK_STATUSES.map((s) => `WHEN ${STATUS_ON[s]} THEN '${s}'`).join(' ')} END`;

/** One of several statuses on @asOf. */
export function anyStatusOn(statuses: readonly TaskStatus[]): string {
  return `((${statuses.map((s) => STATUS_ON[s]).join(') OR (')}))`;
}

/** Open and "carried over" in the listing's sense: assigned for an earlier year than that of @asOf. */
export const CARRIED_OVER_WHEN_OPEN = `t.year < CAST(substr(@asOf, 1, 4) AS INTEGER)`;

/**
 * The conditions a listing can filter by: every status, and "open", "done", "carried_over" (the
 * words of `task list --status`), each among the open or the closed tasks of the day.
 */
export const STATUS_FILTER_WHEN: Record<string, { open: boolean; where: string }> = {
  ...STATUS_WHEN,
  open: { open: true, where: `1` },
  done: { open: false, where: `t.done_on IS NOT NULL` },
  carried_over: { open: true, where: CARRIED_OVER_WHEN_OPEN },
};

/** Days from @asOf to the due date (0 = due that day, negative when past): daysLeft. */
export const DAYS_LEFT = `CAST(julianday(t.due_on) - julianday(@asOf) AS INTEGER)`;
/** Days past the due date on @asOf (1 = due the day before): -daysLeft, for an overdue task. */
export const DAYS_OVERDUE = `CAST(julianday(@asOf) - julianday(t.due_on) AS INTEGER)`;

/** The parameters the predicates read, for a day and a due-soon window. */
export function statusParams(asOf: IsoDate, warnDays: number = DEFAULT_WARN_DAYS): { asOf: IsoDate; warnUntil: IsoDate } {
  return { asOf, warnUntil: dueSoonUntil(asOf, warnDays) };
}

