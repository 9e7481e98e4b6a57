/**
 * Migration 14 for PostgreSQL (see ../../migrations/014-carried-task-percent.ts): the first event of
 * a task carried over by a unit merge gets the percent the task took over. Given here only in a
 * database that replicates with no one (thuky_office empty): in a city or a ward, rows of other
 * offices are not this database's to change, and each office's own copy of thuky gives its own. The
 * replay of a task's state from its events (migration 10, at the city when a ward's event is taken
 * back) now starts from that percent too. Frozen once released.
 */
export default `
DO $m$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM thuky_office) THEN
    UPDATE task_event
       SET percent = (SELECT s.percent FROM task n JOIN task s ON s.id = n.carried_from_id WHERE n.id = task_event.task_id)
     WHERE kind = 'created' AND percent IS NULL
       AND task_id IN (SELECT id FROM task WHERE carried_from_id IS NOT NULL);
  END IF;
END $m$;

CREATE OR REPLACE FUNCTION thuky_replay_task(tid bigint) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  e record;
  due text;
  pct bigint := 0;
  done text;
  cancelled text;
  reason text;
  ext bigint := 0;
BEGIN
  SELECT original_due_on INTO due FROM task WHERE id = tid;
  FOR e IN SELECT * FROM task_event WHERE task_id = tid ORDER BY created_at, id LOOP
    CASE e.kind
      WHEN 'created' THEN pct := coalesce(e.percent, pct);
      WHEN 'progress' THEN pct := e.percent;
      WHEN 'done' THEN done := e.on_date; pct := 100;
      WHEN 'reopen' THEN done := NULL; cancelled := NULL; reason := NULL; pct := coalesce(e.percent, pct);
      WHEN 'extend' THEN due := e.new_due; ext := ext + 1;
      WHEN 'cancel' THEN cancelled := e.on_date; reason := e.text;
      ELSE NULL;
    END CASE;
  END LOOP;
  UPDATE task SET due_on = due, percent = pct, done_on = done, cancelled_on = cancelled, cancel_reason = reason,
                  extensions = ext, version = version + 1
   WHERE id = tid;
END $f$;
`;
