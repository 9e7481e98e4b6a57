/**
 * Migration 1 for PostgreSQL: the schema of ../../migrations/001-initial.ts in PostgreSQL's terms
 * (BIGINT for INTEGER, text compared byte by byte as SQLite does, references that a transaction may
 * defer), SQLite's functions the store's statements call, ids given as SQLite gives them (one more
 * than the largest), and thuky_meta, which holds what SQLite keeps in its header (application_id,
 * user_version). Frozen once released, like its SQLite twin.
 */
export default `
-- SQLite's functions as the store's statements call them (see src/store/pg/dialect.ts).
CREATE FUNCTION thuky_next_id() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  -- SQLite's INTEGER PRIMARY KEY: one more than the largest id (writers are serialised).
  IF NEW.id IS NULL THEN
    EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.id;
  END IF;
  RETURN NEW;
END $f$;
CREATE FUNCTION thuky_json_each(t text) RETURNS TABLE (key text, value text) LANGUAGE sql IMMUTABLE AS $f$
  SELECT (e.n - 1)::text, e.v FROM json_array_elements_text(t::json) WITH ORDINALITY AS e(v, n)
$f$;
CREATE FUNCTION thuky_json_extract(t text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  -- '$.a.b' or '$."a"': the quotes around a key are not part of it.
  SELECT CASE WHEN path = '$' THEN t ELSE (t::json) #>> array(SELECT trim(both '"' FROM k) FROM unnest(regexp_split_to_array(substr(path, 3), '\\.')) AS k) END
$f$;
CREATE FUNCTION thuky_json_object(pairs json) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  -- SQLite's json_object(k, v, …) as compact text: {"k":v,…}
  SELECT '{' || coalesce(string_agg(k.v::text || ':' || v.v::text, ',' ORDER BY k.n), '') || '}'
    FROM json_array_elements(pairs) WITH ORDINALITY AS k(v, n)
    JOIN json_array_elements(pairs) WITH ORDINALITY AS v(v, n) ON v.n = k.n + 1
   WHERE k.n % 2 = 1
$f$;
CREATE FUNCTION thuky_julianday(t text) RETURNS double precision LANGUAGE sql IMMUTABLE AS $f$
  SELECT extract(epoch FROM t::timestamp)::double precision / 86400 + 2440587.5
$f$;
CREATE FUNCTION thuky_strftime(fmt text, t text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT to_char(t::timestamp, replace(replace(replace(replace(replace(replace(fmt, '%d', 'DD'), '%m', 'MM'), '%Y', 'YYYY'), '%H', 'HH24'), '%M', 'MI'), '%S', 'SS'))
$f$;
CREATE FUNCTION thuky_is_date(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
  -- A day of the calendar written yyyy-MM-dd (db check), as SQLite's date(t) = t.
  RETURN t ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND to_char(t::date, 'YYYY-MM-DD') = t;
EXCEPTION WHEN others THEN
  RETURN false;
END $f$;
CREATE FUNCTION thuky_date(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT to_char(t::timestamp, 'YYYY-MM-DD')
$f$;
-- An id compared with a value of json_each (text), and text built from numbers, as SQLite allows.
CREATE FUNCTION thuky_int_eq_text(bigint, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $f$ SELECT $1::text = $2 $f$;
CREATE OPERATOR = (LEFTARG = bigint, RIGHTARG = text, FUNCTION = thuky_int_eq_text);
CREATE FUNCTION thuky_sum_bool(state bigint, x boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE WHEN x IS NULL THEN state ELSE coalesce(state, 0) + x::int END
$f$;
-- sum(a <= b): SQLite counts true conditions as 1.
CREATE AGGREGATE sum(boolean) (SFUNC = thuky_sum_bool, STYPE = bigint);
CREATE FUNCTION replace(text, text, bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $f$ SELECT pg_catalog.replace($1, $2, $3::text) $f$;

CREATE TABLE thuky_meta (
  application_id BIGINT NOT NULL,
  user_version   BIGINT NOT NULL
);

CREATE TABLE unit (
  id           BIGINT PRIMARY KEY,
  name         TEXT COLLATE "C" NOT NULL,
  name_folded  TEXT COLLATE "C" NOT NULL,
  code         TEXT COLLATE "C" UNIQUE,
  kind         TEXT COLLATE "C" NOT NULL CHECK (kind IN ('ward','commune','agency','committee','cell')),
  parent_id    BIGINT REFERENCES unit(id) DEFERRABLE,
  valid_from   TEXT COLLATE "C",
  valid_to     TEXT COLLATE "C",
  note         TEXT COLLATE "C",
  illustrative BIGINT NOT NULL DEFAULT 0,
  created_at   TEXT COLLATE "C" NOT NULL,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX unit_kind ON unit(kind, valid_from, valid_to);
CREATE INDEX unit_folded ON unit(name_folded);
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE unit_successor (
  unit_id      BIGINT NOT NULL REFERENCES unit(id) DEFERRABLE,
  successor_id BIGINT NOT NULL REFERENCES unit(id) DEFERRABLE,
  PRIMARY KEY (unit_id, successor_id)
);
CREATE INDEX unit_successor_rev ON unit_successor(successor_id);

CREATE TABLE person (
  id           BIGINT PRIMARY KEY,
  full_name    TEXT COLLATE "C" NOT NULL CHECK (length(full_name) > 0),
  name_folded  TEXT COLLATE "C" NOT NULL,
  unit_id      BIGINT REFERENCES unit(id) DEFERRABLE,
  positions    TEXT COLLATE "C" NOT NULL DEFAULT '[]',
  is_member    BIGINT NOT NULL DEFAULT 1,
  active       BIGINT NOT NULL DEFAULT 1,
  note         TEXT COLLATE "C",
  illustrative BIGINT NOT NULL DEFAULT 0,
  created_at   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX person_unit ON person(unit_id, is_member, active);
CREATE INDEX person_folded ON person(name_folded);

CREATE TABLE document (
  id           BIGINT PRIMARY KEY,
  code         TEXT COLLATE "C" NOT NULL UNIQUE,
  code_folded  TEXT COLLATE "C" NOT NULL,
  number       TEXT COLLATE "C" NOT NULL,
  type         TEXT COLLATE "C" NOT NULL,
  issuer       TEXT COLLATE "C" NOT NULL,
  title        TEXT COLLATE "C",
  title_folded TEXT COLLATE "C",
  issued_on    TEXT COLLATE "C",
  issuing_body TEXT COLLATE "C",
  note         TEXT COLLATE "C",
  illustrative BIGINT NOT NULL DEFAULT 0,
  created_at   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX document_code_folded ON document(code_folded);

CREATE TABLE change_log (
  id        BIGINT PRIMARY KEY,
  at        TEXT COLLATE "C" NOT NULL,
  os_user   TEXT COLLATE "C" NOT NULL,
  command   TEXT COLLATE "C" NOT NULL,
  entity    TEXT COLLATE "C" NOT NULL,
  entity_id BIGINT,
  action    TEXT COLLATE "C" NOT NULL,
  changes   TEXT COLLATE "C"
);
CREATE INDEX change_log_at ON change_log(at);
CREATE INDEX change_log_entity ON change_log(entity, at);

CREATE TABLE meeting (
  id           BIGINT PRIMARY KEY,
  held_on      TEXT COLLATE "C" NOT NULL,
  title        TEXT COLLATE "C" NOT NULL CHECK (length(title) > 0),
  kind         TEXT COLLATE "C" NOT NULL DEFAULT 'giao-ban' CHECK (kind IN ('giao-ban-chuyen-de','giao-ban','so-ket','tong-ket','hoi-nghi','khac')),
  period       TEXT COLLATE "C" NOT NULL,
  location     TEXT COLLATE "C",
  start_time   TEXT COLLATE "C",
  end_time     TEXT COLLATE "C",
  organizer_id BIGINT REFERENCES unit(id) DEFERRABLE,
  recorder_id  BIGINT REFERENCES person(id) DEFERRABLE,
  closed_at    TEXT COLLATE "C",
  note         TEXT COLLATE "C",
  illustrative BIGINT NOT NULL DEFAULT 0,
  created_at   TEXT COLLATE "C" NOT NULL,
  CHECK (end_time IS NULL OR start_time IS NULL OR end_time >= start_time)
);
CREATE INDEX meeting_held_on ON meeting(held_on);

CREATE TABLE meeting_person (
  meeting_id BIGINT NOT NULL REFERENCES meeting(id) DEFERRABLE,
  person_id  BIGINT NOT NULL REFERENCES person(id) DEFERRABLE,
  role       TEXT COLLATE "C" NOT NULL CHECK (role IN ('chair','guest')),
  ord        BIGINT NOT NULL,
  PRIMARY KEY (meeting_id, role, person_id)
);

CREATE TABLE meeting_unit (
  meeting_id    BIGINT NOT NULL REFERENCES meeting(id) DEFERRABLE,
  unit_id       BIGINT NOT NULL REFERENCES unit(id) DEFERRABLE,
  present       BIGINT NOT NULL DEFAULT 1,
  absent_reason TEXT COLLATE "C",
  PRIMARY KEY (meeting_id, unit_id),
  CHECK (present = 1 OR absent_reason IS NOT NULL)
);
CREATE INDEX meeting_unit_unit ON meeting_unit(unit_id, meeting_id);

CREATE TABLE meeting_document (
  meeting_id  BIGINT NOT NULL REFERENCES meeting(id) DEFERRABLE,
  document_id BIGINT NOT NULL REFERENCES document(id) DEFERRABLE,
  ord         BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (meeting_id, document_id)
);
CREATE INDEX meeting_document_doc ON meeting_document(document_id);

CREATE TABLE speech (
  id           BIGINT PRIMARY KEY,
  meeting_id   BIGINT NOT NULL REFERENCES meeting(id) DEFERRABLE,
  ord          BIGINT NOT NULL,
  speaker_id   BIGINT REFERENCES person(id) DEFERRABLE,
  unit_id      BIGINT REFERENCES unit(id) DEFERRABLE,
  kind         TEXT COLLATE "C" NOT NULL CHECK (kind IN ('tham-luan','phat-bieu','ket-luan','chi-dao')),
  summary      TEXT COLLATE "C" NOT NULL,
  illustrative BIGINT NOT NULL DEFAULT 0,
  created_at   TEXT COLLATE "C" NOT NULL,
  CHECK (speaker_id IS NOT NULL OR unit_id IS NOT NULL)
);
CREATE INDEX speech_meeting ON speech(meeting_id, ord);
CREATE INDEX speech_unit ON speech(unit_id, meeting_id);

CREATE TABLE conclusion (
  id         BIGINT PRIMARY KEY,
  meeting_id BIGINT NOT NULL REFERENCES meeting(id) DEFERRABLE,
  ord        BIGINT NOT NULL,
  text       TEXT COLLATE "C" NOT NULL CHECK (length(text) > 0),
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX conclusion_meeting ON conclusion(meeting_id, ord);

CREATE TABLE draft (
  id         BIGINT PRIMARY KEY,
  kind       TEXT COLLATE "C" NOT NULL,
  data       TEXT COLLATE "C" NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE task_group (
  id         BIGINT PRIMARY KEY,
  title      TEXT COLLATE "C" NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE task (
  id              BIGINT PRIMARY KEY,
  kind            TEXT COLLATE "C" NOT NULL DEFAULT 'task' CHECK (kind IN ('task','breakthrough')),
  group_id        BIGINT REFERENCES task_group(id) DEFERRABLE,
  unit_id         BIGINT NOT NULL REFERENCES unit(id) DEFERRABLE,
  title           TEXT COLLATE "C" NOT NULL CHECK (length(title) > 0),
  target          TEXT COLLATE "C",
  year            BIGINT NOT NULL,
  start_on        TEXT COLLATE "C" NOT NULL,
  due_on          TEXT COLLATE "C",
  original_due_on TEXT COLLATE "C",
  done_on         TEXT COLLATE "C",
  cancelled_on    TEXT COLLATE "C",
  cancel_reason   TEXT COLLATE "C",
  percent         BIGINT NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  extensions      BIGINT NOT NULL DEFAULT 0,
  meeting_id      BIGINT REFERENCES meeting(id) DEFERRABLE,
  conclusion_id   BIGINT REFERENCES conclusion(id) DEFERRABLE,
  document_id     BIGINT REFERENCES document(id) DEFERRABLE,
  owner_id        BIGINT REFERENCES person(id) DEFERRABLE,
  note            TEXT COLLATE "C",
  illustrative    BIGINT NOT NULL DEFAULT 0,
  created_at      TEXT COLLATE "C" NOT NULL,
  CONSTRAINT task_due_after_start CHECK (due_on IS NULL OR due_on >= start_on),
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
  id         BIGINT PRIMARY KEY,
  task_id    BIGINT NOT NULL REFERENCES task(id) DEFERRABLE,
  kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('created','progress','extend','done','reopen','cancel','note')),
  on_date    TEXT COLLATE "C" NOT NULL,
  percent    BIGINT,
  old_due    TEXT COLLATE "C",
  new_due    TEXT COLLATE "C",
  text       TEXT COLLATE "C",
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX task_event_task ON task_event(task_id, id);

CREATE TABLE plan_deadline (
  year        BIGINT PRIMARY KEY,
  deadline_on TEXT COLLATE "C" NOT NULL
);

CREATE TABLE plan (
  id           BIGINT PRIMARY KEY,
  person_id    BIGINT NOT NULL REFERENCES person(id) DEFERRABLE,
  year         BIGINT NOT NULL,
  submitted_on TEXT COLLATE "C",
  content      TEXT COLLATE "C",
  illustrative BIGINT NOT NULL DEFAULT 0,
  created_at   TEXT COLLATE "C" NOT NULL,
  UNIQUE (person_id, year)
);
CREATE INDEX plan_year ON plan(year, person_id);
-- The compliance table walks a unit's members and looks their plan up: covering, no table read.
CREATE INDEX plan_person_submitted ON plan(person_id, year, submitted_on);

CREATE TABLE evaluation (
  id           BIGINT PRIMARY KEY,
  person_id    BIGINT NOT NULL REFERENCES person(id) DEFERRABLE,
  year         BIGINT NOT NULL,
  result       TEXT COLLATE "C" NOT NULL CHECK (result IN ('xuat-sac','tot','hoan-thanh','khong-hoan-thanh')),
  score        DOUBLE PRECISION CHECK (score IS NULL OR score BETWEEN 0 AND 100),
  plan_used    BIGINT,
  illustrative BIGINT NOT NULL DEFAULT 0,
  created_at   TEXT COLLATE "C" NOT NULL,
  UNIQUE (person_id, year)
);
CREATE INDEX evaluation_year ON evaluation(year, person_id);
-- Covering lookup of a member's evaluation for the compliance table (the UNIQUE index would read the row).
CREATE INDEX evaluation_person_used ON evaluation(person_id, year, plan_used);

CREATE TABLE activity (
  id           BIGINT PRIMARY KEY,
  unit_id      BIGINT NOT NULL REFERENCES unit(id) DEFERRABLE,
  held_on      TEXT COLLATE "C" NOT NULL,
  kind         TEXT COLLATE "C" NOT NULL CHECK (kind IN ('chao-co','ke-chuyen','hoc-tap','guong-dien-hinh','truyen-thong','khac')),
  title        TEXT COLLATE "C" NOT NULL CHECK (length(title) > 0),
  participants BIGINT CHECK (participants IS NULL OR participants >= 0),
  illustrative BIGINT NOT NULL DEFAULT 0,
  created_at   TEXT COLLATE "C" NOT NULL
);
-- The compliance table groups a period's activities by unit, month and kind from this index alone.
CREATE INDEX activity_unit_date ON activity(unit_id, held_on, kind);
CREATE INDEX activity_date ON activity(held_on);

CREATE TRIGGER unit_next_id BEFORE INSERT ON unit FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER person_next_id BEFORE INSERT ON person FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER document_next_id BEFORE INSERT ON document FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER change_log_next_id BEFORE INSERT ON change_log FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER meeting_next_id BEFORE INSERT ON meeting FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER speech_next_id BEFORE INSERT ON speech FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER conclusion_next_id BEFORE INSERT ON conclusion FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER draft_next_id BEFORE INSERT ON draft FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER task_group_next_id BEFORE INSERT ON task_group FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER task_next_id BEFORE INSERT ON task FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER task_event_next_id BEFORE INSERT ON task_event FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER plan_next_id BEFORE INSERT ON plan FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER evaluation_next_id BEFORE INSERT ON evaluation FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE TRIGGER activity_next_id BEFORE INSERT ON activity FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
`;
