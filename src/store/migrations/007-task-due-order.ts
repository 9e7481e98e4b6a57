/**
 * Migration 7: the tasks in the order `task list` gives them (no due date last, then due date, then
 * id), so that a listing of every task is written as it is read instead of after a sort of all of
 * them (see task-listing.ts).
 */
export default `
CREATE INDEX task_due_order ON task(due_on IS NULL, due_on);
`;
