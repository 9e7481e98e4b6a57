/** Migration 2 for PostgreSQL: as ../../migrations/002-task-event-percent.ts. Frozen once released. */
export default `
CREATE INDEX task_event_percent ON task_event(task_id, on_date, id, percent) WHERE percent IS NOT NULL;
`;
