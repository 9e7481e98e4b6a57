/**
 * Migration 10 for PostgreSQL: as ../../migrations/010-replication.ts, and the functions and
 * triggers of replication between a city and its wards, all inert while thuky_office is empty.
 *
 * Ownership by id block: office k (the city is 0, the k-th ward set up is k) allocates the ids of
 * replicated tables in [k*SPAN + 1, (k+1)*SPAN), and a row belongs to floor(id / SPAN) (link tables
 * to their meeting, unit_successor to its unit, plan_deadline to the city).
 * - thuky_next_id: within the office's block once thuky_office has a row, else as before.
 * - zz_thuky_guard (named to fire after the *_next_id triggers): refuses, SQLSTATE THK01 with a
 *   JSON message {"table","id","owner","name"}, a change to another office's row, or a new child of
 *   another office's row; a ward may report on a city task assigned to it (events progress, done,
 *   extend, reopen, note, and the task's percent, done_on, due_on, extensions, version), and the city
 *   may not report in the ward's place on such a task.
 * - thuky_apply_event (ENABLE REPLICA: fires only while a subscription applies changes): at the city,
 *   a ward's event on a city task is applied to the task as task-writes.ts does; its removal (an undo
 *   at the ward) recomputes the task from the events that remain.
 * - zz_thuky_seen (ENABLE REPLICA): at the city, the time a change from a ward was last applied.
 * The replica triggers' functions carry the schema's search_path (a subscription applies with an
 * empty one).
 * - task_event.unit_id is filled from its task before each insert (a publication row filter selects
 *   a ward's events by it), and for the rows already there.
 * Frozen once released.
 */
export const SPAN = 10_000_000;

/**
 * The replicated tables: the column whose block names the row's owner ('' = the city), and for a
 * child row the column and table of the parent whose owner a new row must belong to as well.
 */
export const REPLICATED: readonly { table: string; owner: string; parent?: string; parentTable?: string }[] = [
  { table: 'unit', owner: 'id' },
  { table: 'unit_successor', owner: 'unit_id' },
  { table: 'person', owner: 'id' },
  { table: 'document', owner: 'id' },
  { table: 'meeting', owner: 'id' },
  { table: 'meeting_person', owner: 'meeting_id' },
  { table: 'meeting_unit', owner: 'meeting_id' },
  { table: 'meeting_document', owner: 'meeting_id' },
  { table: 'speech', owner: 'id', parent: 'meeting_id', parentTable: 'meeting' },
  { table: 'conclusion', owner: 'id', parent: 'meeting_id', parentTable: 'meeting' },
  { table: 'task_group', owner: 'id' },
  { table: 'task', owner: 'id' },
  { table: 'task_event', owner: 'id', parent: 'task_id', parentTable: 'task' },
  { table: 'plan', owner: 'id', parent: 'person_id', parentTable: 'person' },
  { table: 'plan_deadline', owner: '' },
  { table: 'evaluation', owner: 'id', parent: 'person_id', parentTable: 'person' },
  { table: 'activity', owner: 'id' },
  { table: 'membership_history', owner: 'id', parent: 'person_id', parentTable: 'person' },
];

/** What a ward may change on a city task assigned to it (task-writes.ts: progress, done, extend, reopen). */
const WARD_TASK_COLUMNS = "ARRAY['percent','done_on','due_on','extensions','version']";

const withId = REPLICATED.filter((r) => r.owner === 'id').map((r) => `'${r.table}'`).join(', ');

export default `
CREATE TABLE thuky_office (
  office_no BIGINT PRIMARY KEY,
  role      TEXT COLLATE "C" NOT NULL CHECK (role IN ('city','ward')),
  unit_id   BIGINT,
  unit_name TEXT COLLATE "C",
  city_name TEXT COLLATE "C",
  set_at    TEXT COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX thuky_office_one ON thuky_office ((true));
CREATE TABLE thuky_ward (
  office_no      BIGINT PRIMARY KEY,
  unit_id        BIGINT NOT NULL UNIQUE,
  unit_name      TEXT COLLATE "C" NOT NULL,
  ward_db        TEXT COLLATE "C" NOT NULL,
  subscription   TEXT COLLATE "C" NOT NULL,
  publication    TEXT COLLATE "C" NOT NULL,
  set_at         TEXT COLLATE "C" NOT NULL,
  last_change_at TEXT COLLATE "C"
);

ALTER TABLE task_event ADD COLUMN unit_id BIGINT;
UPDATE task_event e SET unit_id = t.unit_id FROM task t WHERE t.id = e.task_id;
CREATE FUNCTION thuky_event_unit() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF NEW.unit_id IS NULL THEN SELECT unit_id INTO NEW.unit_id FROM task WHERE id = NEW.task_id; END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER task_event_unit BEFORE INSERT ON task_event FOR EACH ROW EXECUTE FUNCTION thuky_event_unit();

CREATE OR REPLACE FUNCTION thuky_next_id() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  office bigint;
BEGIN
  -- SQLite's INTEGER PRIMARY KEY: one more than the largest id (writers are serialised); in a
  -- replicated database, the largest of this office's block (read from the end of the key's index).
  IF NEW.id IS NULL THEN
    IF TG_TABLE_NAME IN (${withId}) THEN SELECT office_no INTO office FROM thuky_office; END IF;
    IF office IS NULL THEN
      EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.id;
    ELSE
      EXECUTE format('SELECT coalesce(max(id), $1) + 1 FROM %I.%I WHERE id >= $1 AND id < $2', TG_TABLE_SCHEMA, TG_TABLE_NAME)
        INTO NEW.id USING office * ${SPAN}, (office + 1) * ${SPAN};
    END IF;
  END IF;
  RETURN NEW;
END $f$;

-- The name of office n as this database knows it: the city's, a ward's unit.
CREATE FUNCTION thuky_office_name(n bigint) RETURNS text LANGUAGE sql STABLE AS $f$
  SELECT CASE WHEN n = 0 THEN (SELECT city_name FROM thuky_office)
              ELSE coalesce((SELECT unit_name FROM thuky_ward WHERE office_no = n),
                            (SELECT unit_name FROM thuky_office WHERE office_no = n)) END
$f$;

CREATE FUNCTION thuky_refuse(tbl text, id bigint, owner bigint) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'THK01',
    MESSAGE = json_build_object('table', tbl, 'id', id, 'owner', owner, 'name', thuky_office_name(owner))::text;
END $f$;

CREATE FUNCTION thuky_guard() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  me thuky_office%ROWTYPE;
  r jsonb;
  n jsonb;
  own bigint;
  parent bigint;
  towner bigint;
  tunit bigint;
  ward bigint;
BEGIN
  SELECT * INTO me FROM thuky_office;
  IF NOT FOUND OR current_setting('thuky.sync_bypass', true) = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  r := to_jsonb(CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END);
  own := CASE WHEN TG_ARGV[0] = '' THEN 0 ELSE (r ->> TG_ARGV[0])::bigint / ${SPAN} END;
  IF own <> me.office_no THEN
    -- A ward's report on a city task assigned to it changes only these columns of the task.
    IF TG_TABLE_NAME = 'task' AND TG_OP = 'UPDATE' AND me.role = 'ward' AND own = 0 AND (r ->> 'unit_id')::bigint = me.unit_id
       AND to_jsonb(NEW) - ${WARD_TASK_COLUMNS} = r - ${WARD_TASK_COLUMNS} THEN
      RETURN NEW;
    END IF;
    PERFORM thuky_refuse(TG_TABLE_NAME, (r ->> coalesce(nullif(TG_ARGV[0], ''), 'year'))::bigint, own);
  END IF;
  IF TG_OP = 'UPDATE' AND TG_ARGV[0] <> '' THEN
    n := to_jsonb(NEW);
    IF (n ->> TG_ARGV[0])::bigint / ${SPAN} <> me.office_no THEN PERFORM thuky_refuse(TG_TABLE_NAME, (n ->> TG_ARGV[0])::bigint, (n ->> TG_ARGV[0])::bigint / ${SPAN}); END IF;
  END IF;
  IF TG_ARGV[1] IS NOT NULL AND TG_OP <> 'DELETE' THEN
    n := to_jsonb(NEW);
    parent := (n ->> TG_ARGV[1])::bigint;
    IF TG_OP = 'UPDATE' AND parent IS NOT DISTINCT FROM (r ->> TG_ARGV[1])::bigint THEN RETURN NEW; END IF;
    towner := parent / ${SPAN};
    IF TG_TABLE_NAME = 'task_event' THEN
      SELECT unit_id INTO tunit FROM task WHERE id = parent;
      IF towner <> me.office_no THEN
        -- A ward reports on the city's task assigned to it.
        IF NOT (me.role = 'ward' AND towner = 0 AND tunit = me.unit_id AND n ->> 'kind' IN ('progress','done','extend','reopen','note')) THEN
          PERFORM thuky_refuse('task', parent, towner);
        END IF;
      ELSIF me.role = 'city' AND n ->> 'kind' IN ('progress','done','extend','reopen') THEN
        -- The city does not report in the place of a ward it replicates with.
        SELECT office_no INTO ward FROM thuky_ward WHERE unit_id = tunit;
        IF FOUND THEN PERFORM thuky_refuse('task', parent, ward); END IF;
      END IF;
    ELSIF towner <> me.office_no THEN
      PERFORM thuky_refuse(TG_ARGV[2], parent, towner);
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $f$;

-- A task's state from its events in the order they were written (task-writes.ts, one by one).
CREATE FUNCTION thuky_replay_task(tid bigint) RETURNS void LANGUAGE plpgsql AS $f$
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

CREATE FUNCTION thuky_apply_event() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  e task_event%ROWTYPE;
BEGIN
  e := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  -- Only at the city, only a ward's event on a city task (a ward's own task comes as a row).
  IF e.id < ${SPAN} OR e.task_id >= ${SPAN} OR NOT EXISTS (SELECT 1 FROM thuky_office WHERE role = 'city') THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM thuky_replay_task(e.task_id);
    RETURN NULL;
  END IF;
  CASE e.kind
    WHEN 'progress' THEN UPDATE task SET percent = e.percent, version = version + 1 WHERE id = e.task_id;
    WHEN 'done' THEN UPDATE task SET done_on = e.on_date, percent = 100, version = version + 1 WHERE id = e.task_id;
    WHEN 'reopen' THEN UPDATE task SET done_on = NULL, cancelled_on = NULL, cancel_reason = NULL, percent = coalesce(e.percent, percent), version = version + 1 WHERE id = e.task_id;
    WHEN 'extend' THEN UPDATE task SET due_on = e.new_due, extensions = extensions + 1, version = version + 1 WHERE id = e.task_id;
    WHEN 'cancel' THEN UPDATE task SET cancelled_on = e.on_date, cancel_reason = e.text, version = version + 1 WHERE id = e.task_id;
    ELSE NULL;
  END CASE;
  RETURN NULL;
END $f$;
CREATE TRIGGER thuky_apply_event AFTER INSERT OR DELETE ON task_event FOR EACH ROW EXECUTE FUNCTION thuky_apply_event();
ALTER TABLE task_event ENABLE REPLICA TRIGGER thuky_apply_event;

CREATE FUNCTION thuky_seen() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  office bigint := (to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) ->> TG_ARGV[0])::bigint / ${SPAN};
  stamp text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
BEGIN
  IF office > 0 THEN
    UPDATE thuky_ward SET last_change_at = stamp WHERE office_no = office AND last_change_at IS DISTINCT FROM stamp;
  END IF;
  RETURN NULL;
END $f$;

-- A subscription applies its changes with an empty search_path: the functions its triggers call
-- name this schema themselves.
DO $d$
BEGIN
  EXECUTE format('ALTER FUNCTION thuky_apply_event() SET search_path = %I', current_schema());
  EXECUTE format('ALTER FUNCTION thuky_replay_task(bigint) SET search_path = %I', current_schema());
  EXECUTE format('ALTER FUNCTION thuky_seen() SET search_path = %I', current_schema());
END $d$;

${REPLICATED.map(
  (r) => `CREATE TRIGGER zz_thuky_guard BEFORE INSERT OR UPDATE OR DELETE ON ${r.table} FOR EACH ROW EXECUTE FUNCTION thuky_guard('${r.owner}'${r.parent ? `, '${r.parent}', '${r.parentTable}'` : ''});` +
    (r.owner ? `\nCREATE TRIGGER zz_thuky_seen AFTER INSERT OR UPDATE OR DELETE ON ${r.table} FOR EACH ROW EXECUTE FUNCTION thuky_seen('${r.owner}');\nALTER TABLE ${r.table} ENABLE REPLICA TRIGGER zz_thuky_seen;` : ''),
).join('\n')}
`;
