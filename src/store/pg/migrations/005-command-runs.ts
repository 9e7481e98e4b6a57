/**
 * Migration 5 for PostgreSQL: as ../../migrations/005-command-runs.ts. SQLite records row changes
 * through TEMP triggers that a command creates on its own connection (changelog.ts); PostgreSQL has
 * no TEMP triggers, so each data table carries a trigger that records only on a connection that
 * set the session variable thuky.run (a command that writes): other tools and db copy write
 * unrecorded, as with SQLite. thuky_run_id writes the run row at the first recorded change and
 * keeps its id in thuky.run_id (both undone with a rolled-back transaction). Frozen once released.
 */
export default `
CREATE TABLE command_run (
  id      BIGINT PRIMARY KEY,
  at      TEXT COLLATE "C" NOT NULL,
  os_user TEXT COLLATE "C" NOT NULL,
  command TEXT COLLATE "C" NOT NULL,
  args    TEXT COLLATE "C",
  undoes  BIGINT REFERENCES command_run(id) DEFERRABLE
);
CREATE TRIGGER command_run_next_id BEFORE INSERT ON command_run FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE INDEX command_run_undoes ON command_run(undoes);

CREATE TABLE row_change (
  id     BIGINT PRIMARY KEY,
  run_id BIGINT NOT NULL REFERENCES command_run(id) DEFERRABLE,
  tbl    TEXT COLLATE "C" NOT NULL,
  pk     TEXT COLLATE "C" NOT NULL,
  op     TEXT COLLATE "C" NOT NULL CHECK (op IN ('insert','update','delete')),
  before TEXT COLLATE "C",
  after  TEXT COLLATE "C"
);
CREATE TRIGGER row_change_next_id BEFORE INSERT ON row_change FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE INDEX row_change_run ON row_change(run_id, id);

CREATE FUNCTION thuky_run_id(ensure boolean) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE
  info json := nullif(current_setting('thuky.run', true), '')::json;
  run bigint := nullif(current_setting('thuky.run_id', true), '')::bigint;
BEGIN
  IF info IS NULL OR run IS NOT NULL OR NOT ensure THEN RETURN run; END IF;
  INSERT INTO command_run (at, os_user, command, args)
    VALUES (info->>'at', info->>'user', info->>'command', info->>'args') RETURNING id INTO run;
  PERFORM set_config('thuky.run_id', run::text, false);
  RETURN run;
END $f$;

CREATE FUNCTION thuky_record() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  r json;
  pk text;
BEGIN
  IF nullif(current_setting('thuky.run', true), '') IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;
  r := CASE WHEN TG_OP = 'INSERT' THEN row_to_json(NEW) ELSE row_to_json(OLD) END;
  SELECT '{' || string_agg(to_json(a.k)::text || ':' || (r -> a.k)::text, ',' ORDER BY a.n) || '}' INTO pk
    FROM unnest(TG_ARGV) WITH ORDINALITY AS a(k, n);
  INSERT INTO row_change (run_id, tbl, pk, op, before, after)
    VALUES (thuky_run_id(true), TG_TABLE_NAME, pk, lower(TG_OP),
            CASE WHEN TG_OP <> 'INSERT' THEN row_to_json(OLD)::text END,
            CASE WHEN TG_OP <> 'DELETE' THEN row_to_json(NEW)::text END);
  RETURN NULL;
END $f$;

DO $d$
DECLARE t record;
BEGIN
  FOR t IN SELECT c.relname, string_agg(quote_literal(a.attname), ', ' ORDER BY array_position(i.indkey::int2[], a.attnum)) AS pk
             FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
             JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
            WHERE c.relkind = 'r' AND c.relname NOT IN ('change_log', 'row_change', 'command_run', 'thuky_meta')
            GROUP BY c.relname
  LOOP
    EXECUTE format('CREATE TRIGGER thuky_record AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION thuky_record(%s)', t.relname, t.pk);
  END LOOP;
END $d$;

ALTER TABLE change_log ADD COLUMN run_id BIGINT REFERENCES command_run(id) DEFERRABLE;
CREATE INDEX change_log_run ON change_log(run_id);
`;
