/**
 * Migration 1, the schema as first shipped: frozen. Databases in the field ran exactly this text;
 * a change to the schema is a new numbered migration beside it, never an edit here.
 */
export default `
CREATE TABLE unit (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  name_folded  TEXT NOT NULL,
  code         TEXT UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('ward','commune','agency','committee','cell')),
  parent_id    INTEGER REFERENCES unit(id),
  valid_from   TEXT,
  valid_to     TEXT,
  note         TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX unit_kind ON unit(kind, valid_from, valid_to);
CREATE INDEX unit_folded ON unit(name_folded);
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE unit_successor (
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  successor_id INTEGER NOT NULL REFERENCES unit(id),
  PRIMARY KEY (unit_id, successor_id)
);
CREATE INDEX unit_successor_rev ON unit_successor(successor_id);

CREATE TABLE person (
  id           INTEGER PRIMARY KEY,
  full_name    TEXT NOT NULL CHECK (length(full_name) > 0),
  name_folded  TEXT NOT NULL,
  unit_id      INTEGER REFERENCES unit(id),
  positions    TEXT NOT NULL DEFAULT '[]',
  is_member    INTEGER NOT NULL DEFAULT 1,
  active       INTEGER NOT NULL DEFAULT 1,
  note         TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);
CREATE INDEX person_unit ON person(unit_id, is_member, active);
CREATE INDEX person_folded ON person(name_folded);

CREATE TABLE document (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  code_folded  TEXT NOT NULL,
  number       TEXT NOT NULL,
  type         TEXT NOT NULL,
  issuer       TEXT NOT NULL,
  title        TEXT,
  title_folded TEXT,
  issued_on    TEXT,
  issuing_body TEXT,
  note         TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);
CREATE INDEX document_code_folded ON document(code_folded);

CREATE TABLE change_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  os_user   TEXT NOT NULL,
  command   TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER,
  action    TEXT NOT NULL,
  changes   TEXT
);
CREATE INDEX change_log_at ON change_log(at);
CREATE INDEX change_log_entity ON change_log(entity, at);

CREATE TABLE meeting (
  id           INTEGER PRIMARY KEY,
  held_on      TEXT NOT NULL,
  title        TEXT NOT NULL CHECK (length(title) > 0),
  kind         TEXT NOT NULL DEFAULT 'giao-ban' CHECK (kind IN ('giao-ban-chuyen-de','giao-ban','so-ket','tong-ket','hoi-nghi','khac')),
  period       TEXT NOT NULL,
  location     TEXT,
  start_time   TEXT,
  end_time     TEXT,
  organizer_id INTEGER REFERENCES unit(id),
  recorder_id  INTEGER REFERENCES person(id),
  closed_at    TEXT,
  note         TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  CHECK (end_time IS NULL OR start_time IS NULL OR end_time >= start_time)
);
CREATE INDEX meeting_held_on ON meeting(held_on);

CREATE TABLE meeting_person (
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  person_id  INTEGER NOT NULL REFERENCES person(id),
  role       TEXT NOT NULL CHECK (role IN ('chair','guest')),
  ord        INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, role, person_id)
);

CREATE TABLE meeting_unit (
  meeting_id    INTEGER NOT NULL REFERENCES meeting(id),
  unit_id       INTEGER NOT NULL REFERENCES unit(id),
  present       INTEGER NOT NULL DEFAULT 1,
  absent_reason TEXT,
  PRIMARY KEY (meeting_id, unit_id),
  CHECK (present = 1 OR absent_reason IS NOT NULL)
);
CREATE INDEX meeting_unit_unit ON meeting_unit(unit_id, meeting_id);

CREATE TABLE meeting_document (
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
  document_id INTEGER NOT NULL REFERENCES document(id),
  ord         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (meeting_id, document_id)
);
CREATE INDEX meeting_document_doc ON meeting_document(document_id);

CREATE TABLE speech (
  id           INTEGER PRIMARY KEY,
  meeting_id   INTEGER NOT NULL REFERENCES meeting(id),
  ord          INTEGER NOT NULL,
  speaker_id   INTEGER REFERENCES person(id),
  unit_id      INTEGER REFERENCES unit(id),
  kind         TEXT NOT NULL CHECK (kind IN ('tham-luan','phat-bieu','ket-luan','chi-dao')),
  summary      TEXT NOT NULL,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  CHECK (speaker_id IS NOT NULL OR unit_id IS NOT NULL)
);
CREATE INDEX speech_meeting ON speech(meeting_id, ord);
CREATE INDEX speech_unit ON speech(unit_id, meeting_id);

CREATE TABLE conclusion (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  ord        INTEGER NOT NULL,
  text       TEXT NOT NULL CHECK (length(text) > 0),
  created_at TEXT NOT NULL
);
CREATE INDEX conclusion_meeting ON conclusion(meeting_id, ord);

CREATE TABLE draft (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  data       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

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

CREATE TABLE plan_deadline (
  year        INTEGER PRIMARY KEY,
  deadline_on TEXT NOT NULL
);

CREATE TABLE plan (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person(id),
  year         INTEGER NOT NULL,
  submitted_on TEXT,
  content      TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  UNIQUE (person_id, year)
);
CREATE INDEX plan_year ON plan(year, person_id);
-- The compliance table walks a unit's members and looks their plan up: covering, no table read.
CREATE INDEX plan_person_submitted ON plan(person_id, year, submitted_on);

CREATE TABLE evaluation (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person(id),
  year         INTEGER NOT NULL,
  result       TEXT NOT NULL CHECK (result IN ('xuat-sac','tot','hoan-thanh','khong-hoan-thanh')),
  score        REAL CHECK (score IS NULL OR score BETWEEN 0 AND 100),
  plan_used    INTEGER,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  UNIQUE (person_id, year)
);
CREATE INDEX evaluation_year ON evaluation(year, person_id);
-- Covering lookup of a member's evaluation for the compliance table (the UNIQUE index would read the row).
CREATE INDEX evaluation_person_used ON evaluation(person_id, year, plan_used);

CREATE TABLE activity (
  id           INTEGER PRIMARY KEY,
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  held_on      TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('chao-co','ke-chuyen','hoc-tap','guong-dien-hinh','truyen-thong','khac')),
  title        TEXT NOT NULL CHECK (length(title) > 0),
  participants INTEGER CHECK (participants IS NULL OR participants >= 0),
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);
-- The compliance table groups a period's activities by unit, month and kind from this index alone.
CREATE INDEX activity_unit_date ON activity(unit_id, held_on, kind);
CREATE INDEX activity_date ON activity(held_on);
`;
