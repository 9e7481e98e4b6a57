/**
 * Migration 14: a task carried over by a unit merge (task.carried_from_id) took its progress from
 * the task it replaced, but its first event ('created') had no percent, and the reports read a
 * task's progress on a day from its events: the overdue report showed it at 0 %. `unit merge` now
 * writes the percent on that event; this gives it to the tasks carried over before, from the task
 * they replaced (closed by the merge, so its percent is the one taken over). Frozen once released.
 */
export default `
UPDATE task_event
   SET percent = (SELECT s.percent FROM task n JOIN task s ON s.id = n.carried_from_id WHERE n.id = task_event.task_id)
 WHERE kind = 'created' AND percent IS NULL
   AND task_id IN (SELECT id FROM task WHERE carried_from_id IS NOT NULL);
`;
