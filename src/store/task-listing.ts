/**
 * `task list` without a status filter, written as SQLite steps through the tasks: the JSON of each
 * row is built by SQLite (json_object) and leaves it as bytes, and TSV and CSV read only the columns
 * they show, as arrays. The rows come in the listing's order (no due date last, then due date, then
 * id) straight from the index task_due_order (migration 7), which also holds the columns TSV, CSV
 * and the table show: the first row is written before the last one is read. Field for field the same as iterateTasks (tasks.ts) turned into a TaskView by the
 * command (viewTask in cli/commands/tasks/shared.ts); tests compare both.
 */
import type { IsoDate } from '../domain/dates.js';
import { TASK_STATUSES, type TaskStatus } from '../domain/tasks.js';
import type { Db } from './db.js';
import { CARRIED_OVER_WHEN_OPEN, DAYS_LEFT, OPEN_ON, STATUS_CASE, statusParams, TRANSFERRED } from './task-status-sql.js';
import { TASK_FILTERS, taskFilterParams, type TaskFilter } from './tasks.js';

export interface TaskListingQuery extends Omit<TaskFilter, 'status'> {
  asOf: IsoDate;
  /** Days before the due date a task counts as due soon. */
  warnDays: number;
}

// The status, days left and "open" are the rule's one SQL form (task-status-sql.ts), as in every task query.
const STATUS = STATUS_CASE;
const LEFT = DAYS_LEFT;
const OPEN = OPEN_ON;

const FROM = `FROM task t
    JOIN unit u ON u.id = t.unit_id
    LEFT JOIN meeting m ON m.id = t.meeting_id
    LEFT JOIN conclusion c ON c.id = t.conclusion_id
    LEFT JOIN document d ON d.id = t.document_id
    LEFT JOIN person p ON p.id = t.owner_id
   WHERE 1 ${TASK_FILTERS}`;

// The order of iterateTasks; the expressions are those of the index task_due_order, so that the
// planner walks it instead of sorting every row first (only the tasks due on one day are put in id
// order as they come: the index orders them by its other columns).
// Due dates are ISO days: every one sorts before '9999-99-99', so this is `due_on IS NULL, due_on, id`.
const ORDER = `ORDER BY coalesce(t.due_on, '9999-99-99'), t.id`;

const bool = (expr: string) => `json(CASE WHEN ${expr} THEN 'true' ELSE 'false' END)`;

/** One JSON object per task, as bytes: the keys of a TaskView, in its order. */
export const TASK_LISTING_JSON_SQL = `
SELECT CAST(json_object(
    'id', t.id, 'kind', t.kind, 'groupId', t.group_id, 'unitId', t.unit_id, 'unitName', u.name, 'unitCode', u.code,
    'title', t.title, 'target', t.target, 'year', t.year, 'startOn', t.start_on, 'dueOn', t.due_on,
    'originalDueOn', t.original_due_on, 'doneOn', t.done_on, 'cancelledOn', t.cancelled_on, 'cancelReason', t.cancel_reason,
    'percent', t.percent, 'extensions', t.extensions, 'meetingId', t.meeting_id, 'meetingTitle', m.title,
    'meetingHeldOn', m.held_on, 'conclusionId', t.conclusion_id, 'conclusionOrd', c.ord, 'documentId', t.document_id,
    'documentCode', d.code, 'ownerId', t.owner_id, 'ownerName', p.full_name, 'note', t.note,
    'illustrative', ${bool('t.illustrative')}, 'transferred', ${bool(`(${TRANSFERRED})`)}, 'carriedFromId', t.carried_from_id,
    'status', ${STATUS}, 'statusLabel', @labels ->> (${STATUS}),
    'daysLeft', CASE WHEN ${OPEN} THEN ${LEFT} END,
    'daysOverdue', CASE WHEN (${STATUS}) = 'overdue' THEN -${LEFT} END,
    'carriedOver', ${bool(`${OPEN} AND ${CARRIED_OVER_WHEN_OPEN}`)},
    'asOf', @asOf) AS BLOB)
  ${FROM}
  ${ORDER}`;

/**
 * The columns a TSV or CSV listing shows, as arrays: id, unit, title, due date, status, days left
 * (when open; null otherwise), percent, extensions.
 */
export const TASK_LISTING_ROWS_SQL = `
SELECT t.id, u.name, t.title, t.due_on, ${STATUS}, CASE WHEN ${OPEN} THEN ${LEFT} END, t.percent, t.extensions
  ${FROM}
  ${ORDER}`;

export type TaskListingRow = [id: number, unitName: string, title: string, dueOn: IsoDate | null, status: TaskStatus, daysLeft: number | null, percent: number, extensions: number];

function params(q: TaskListingQuery) {
  const { asOf, warnDays, ...filter } = q;
  return { ...taskFilterParams(filter), ...statusParams(asOf, warnDays) };
}

/** Each task's JSON (UTF-8 bytes), in listing order, as SQLite steps; `labels` names each status. */
export function iterateTaskListingJson(db: Db, q: TaskListingQuery, labels: Record<TaskStatus, string>): IterableIterator<Buffer> {
  const named = Object.fromEntries(TASK_STATUSES.map((s) => [s, labels[s]]));
  return db.prepare(TASK_LISTING_JSON_SQL).pluck().iterate({ ...params(q), labels: JSON.stringify(named) }) as IterableIterator<Buffer>;
}

/** The shown columns of each task, in listing order, as SQLite steps. */
export function iterateTaskListingRows(db: Db, q: TaskListingQuery): IterableIterator<TaskListingRow> {
  return db.prepare(TASK_LISTING_ROWS_SQL).raw().iterate(params(q)) as IterableIterator<TaskListingRow>;
}
