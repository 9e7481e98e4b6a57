/**
 * Migration 3: membership over time, and tasks carried over to a successor unit.
 * - A person's current unit now has a start (person.unit_since; NULL = since before records began);
 *   the memberships that ended are kept in membership_history with their positions, so that a
 *   report about 2017 counts 2017's members after the units were merged in 2025.
 * - A task carried over to a successor unit (unit merge) starts on the day of the merge and keeps
 *   its time limit, which may already have passed: the task table is rebuilt to allow a due date
 *   before the start for such a task (task.carried_from_id), as SQLite cannot change a CHECK in place.
 * Frozen once released.
 */
export default `
ALTER TABLE person ADD COLUMN unit_since TEXT;
DROP INDEX person_unit;
CREATE INDEX person_unit ON person(unit_id, is_member, active, unit_since);

CREATE TABLE membership_history (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES person(id),
  unit_id    INTEGER REFERENCES unit(id),
  valid_from TEXT,
  valid_to   TEXT NOT NULL,
  positions  TEXT NOT NULL DEFAULT '[]',
  is_member  INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (valid_from IS NULL OR valid_from <= valid_to)
);
CREATE INDEX membership_history_unit ON membership_history(unit_id, valid_to, valid_from, is_member, person_id);
CREATE INDEX membership_history_person ON membership_history(person_id, valid_to);

CREATE TABLE task_new (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL DEFAULT 'task' CHECK (kind IN ('task','breakthrough')),
  group_id        INTEGER REFERENCES task_group(id),
  unit_id         INTEGER NOT NULL REFERENCES unit(id),
  title           TEXT NOT NULL CHECK (length(title) > 0),
  target          TEXT,
  year            INTEGER NOT NULL,
  start_on        TEXT NOT NULL,
  due_on          TEXT,
  original_due_on TEXT,
  done_on         TEXT,
  cancelled_on    TEXT,
  cancel_reason   TEXT,
  percent         INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  extensions      INTEGER NOT NULL DEFAULT 0,
  meeting_id      INTEGER REFERENCES meeting(id),
  conclusion_id   INTEGER REFERENCES conclusion(id),
  document_id     INTEGER REFERENCES document(id),
  owner_id        INTEGER REFERENCES person(id),
  note            TEXT,
  illustrative    INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  carried_from_id INTEGER REFERENCES task(id),
  CHECK (due_on IS NULL OR due_on >= start_on OR carried_from_id IS NOT NULL),
  CHECK (done_on IS NULL OR cancelled_on IS NULL),
  CHECK (cancelled_on IS NULL OR cancel_reason IS NOT NULL)
);
INSERT INTO task_new (id, kind, group_id, unit_id, title, target, year, start_on, due_on, original_due_on, done_on, cancelled_on,
                      cancel_reason, percent, extensions, meeting_id, conclusion_id, document_id, owner_id, note, illustrative, created_at)
  SELECT id, kind, group_id, unit_id, title, target, year, start_on, due_on, original_due_on, done_on, cancelled_on,
         cancel_reason, percent, extensions, meeting_id, conclusion_id, document_id, owner_id, note, illustrative, created_at FROM task;
DROP TABLE task;
ALTER TABLE task_new RENAME TO task;
CREATE INDEX task_open_due ON task(due_on, unit_id, kind, start_on, original_due_on, extensions, percent, meeting_id, conclusion_id, document_id, title, done_on, cancelled_on)
  WHERE done_on IS NULL AND cancelled_on IS NULL;
CREATE INDEX task_closed ON task(coalesce(done_on, cancelled_on, '9999-12-31'), start_on, kind, unit_id, due_on, done_on, cancelled_on, extensions);
CREATE INDEX task_unit_start ON task(unit_id, start_on);
CREATE INDEX task_start ON task(start_on, kind, unit_id, due_on, done_on, cancelled_on, extensions);
CREATE INDEX task_meeting ON task(meeting_id);
CREATE INDEX task_group_idx ON task(group_id);
CREATE INDEX task_kind_year ON task(kind, year, unit_id);
CREATE INDEX task_carried_from ON task(carried_from_id) WHERE carried_from_id IS NOT NULL;
`;
