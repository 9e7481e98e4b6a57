/**
 * Migration 8 for PostgreSQL: as ../../migrations/008-row-version.ts. The version is raised by a
 * trigger before each update that changes the row without setting the version itself (undo sets
 * the version it restores). Frozen once released.
 *
 * Also, for speed at city scale (no change of schema on SQLite's side): julianday by date_part (a
 * double, where extract gives a numeric), and the index of progress reports in the order SQLite's
 * NULL placement asks for (DESC NULLS LAST read forwards, ASC NULLS FIRST backwards), so that the
 * latest report of a task is read without a sort.
 */
const TABLES = ['unit', 'person', 'document', 'meeting', 'task', 'plan', 'evaluation', 'activity'];

export default `
CREATE OR REPLACE FUNCTION thuky_julianday(t text) RETURNS double precision LANGUAGE sql IMMUTABLE AS $f$
  SELECT date_part('epoch', t::timestamp) / 86400 + 2440587.5
$f$;
DROP INDEX task_event_percent;
CREATE INDEX task_event_percent ON task_event(task_id, on_date DESC NULLS LAST, id DESC NULLS LAST, percent) WHERE percent IS NOT NULL;
CREATE FUNCTION thuky_next_version() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF NEW.version IS NOT DISTINCT FROM OLD.version AND NEW IS DISTINCT FROM OLD THEN NEW.version := OLD.version + 1; END IF;
  RETURN NEW;
END $f$;
${TABLES.map(
  (t) => `ALTER TABLE ${t} ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE TRIGGER ${t}_next_version BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION thuky_next_version();`,
).join('\n')}
`;
