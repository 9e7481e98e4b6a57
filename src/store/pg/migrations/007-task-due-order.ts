/**
 * Migration 7 in PostgreSQL's terms: the index of `task list`'s order (no due date last, then due
 * date, then id). On PostgreSQL the listing is read through the ordinary path (store/db.ts
 * listsInSql), which this index serves for its order.
 */
export default `
CREATE INDEX task_due_order ON task ((coalesce(due_on, '9999-99-99')), due_on, id);
`;
