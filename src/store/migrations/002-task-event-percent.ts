/**
 * Migration 2: a task's progress on any day, read from its events by one index search per task
 * (the overdue report of a past day shows the percent of that day, not today's).
 */
export default `
CREATE INDEX task_event_percent ON task_event(task_id, on_date, id, percent) WHERE percent IS NOT NULL;
`;
