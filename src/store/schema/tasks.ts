/** Tasks and breakthroughs, their groups and their history. */
export default `
CREATE TABLE task_group (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE task (
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
  CHECK (due_on IS NULL OR due_on >= start_on),
  CHECK (done_on IS NULL OR cancelled_on IS NULL),
  CHECK (cancelled_on IS NULL OR cancel_reason IS NOT NULL)
);
-- The overdue report reads open tasks by due date: a partial index holds only open tasks, and
-- every column the report shows, so that it never visits the table (open tasks are a small share
-- of all tasks: a few MB of index at city scale, read in order instead of thousands of pages).
CREATE INDEX task_open_due ON task(due_on, unit_id, kind, start_on, original_due_on, extensions, percent, meeting_id, conclusion_id, document_id, title, done_on, cancelled_on)
  WHERE done_on IS NULL AND cancelled_on IS NULL;
-- Tasks closed after a day (or still open, keyed 9999-12-31): what was open on a past as-of date,
-- and what a period carries over from earlier years.
CREATE INDEX task_closed ON task(coalesce(done_on, cancelled_on, '9999-12-31'), start_on, kind, unit_id, due_on, done_on, cancelled_on, extensions);
CREATE INDEX task_unit_start ON task(unit_id, start_on);
-- Per-unit counts of a period read only this index (it covers every column they need).
CREATE INDEX task_start ON task(start_on, kind, unit_id, due_on, done_on, cancelled_on, extensions);
CREATE INDEX task_meeting ON task(meeting_id);
CREATE INDEX task_group_idx ON task(group_id);
CREATE INDEX task_kind_year ON task(kind, year, unit_id);

CREATE TABLE task_event (
  id         INTEGER PRIMARY KEY,
  task_id    INTEGER NOT NULL REFERENCES task(id),
  kind       TEXT NOT NULL CHECK (kind IN ('created','progress','extend','done','reopen','cancel','note')),
  on_date    TEXT NOT NULL,
  percent    INTEGER,
  old_due    TEXT,
  new_due    TEXT,
  text       TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX task_event_task ON task_event(task_id, id);
`;
