/**
 * `task list` without --status: rows read as SQLite steps through the index of the listing's order
 * (store/task-listing.ts). JSON in a pipe or a file comes out of SQLite already built; every other
 * format gets rows holding only the columns it shows. Both give the bytes of the TaskView path.
 */
import { TASK_STATUSES, type TaskStatus } from '../../../domain/tasks.js';
import { jsonArrayChunks, type Column } from '../../../render/output.js';
import type { Db } from '../../../store/db.js';
import { iterateTaskListingJson, iterateTaskListingRows, type TaskListingQuery } from '../../../store/task-listing.js';
import type { Env, ListingStream } from '../../env.js';
import type { TaskView } from './shared.js';

/** What the table, TSV, CSV and Markdown columns of a task read (taskColumns). */
export type TaskListingView = Pick<TaskView, 'id' | 'unitName' | 'title' | 'dueOn' | 'status' | 'statusLabel' | 'daysLeft' | 'percent' | 'extensions'>;

export function statusLabels(env: Env): Record<TaskStatus, string> {
  return Object.fromEntries(TASK_STATUSES.map((s) => [s, env.t(`task.status.${s}`)])) as Record<TaskStatus, string>;
}

/** The shown columns of each task, as the columns of taskColumns read them. */
export function* taskListingViews(env: Env, db: Db, q: TaskListingQuery): Generator<TaskListingView> {
  const labels = statusLabels(env);
  for (const [id, unitName, title, dueOn, status, daysLeft, percent, extensions] of iterateTaskListingRows(db, q))
    yield { id, unitName, title, dueOn, status, statusLabel: labels[status], daysLeft, percent, extensions };
}

/** Compact JSON of every task, as writeRows writes the TaskViews: `[`, the objects separated by commas, `]`. */
export function taskListingJson(env: Env, db: Db, q: TaskListingQuery): ListingStream {
  return (format) => (format === 'json' ? jsonArrayChunks(iterateTaskListingJson(db, q, statusLabels(env))) : undefined);
}

export type TaskListingColumns = Column<TaskListingView>[];
