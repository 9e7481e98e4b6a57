/**
 * Migration 7: the tasks in the order `task list` gives them (no due date last, then due date, then
 * id), so that a listing of every task is written as it is read instead of after a sort of all of
 * them (see task-listing.ts). The index holds what the listing filters on and what its table, TSV
 * and CSV show: those read the index alone, from start to end, and never the table row by row. Its
 * first term is the listing's order written so that only task-listing.ts asks for it: the searches by
 * status (tasks.ts) order by `due_on IS NULL, due_on` and keep the indexes that narrow them.
 */
export default `
CREATE INDEX task_due_order ON task(coalesce(due_on, '9999-99-99'), due_on, start_on, unit_id, kind, year, meeting_id,
                                    group_id, done_on, cancelled_on, percent, extensions, title);
`;
