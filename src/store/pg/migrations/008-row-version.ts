/**
 * Migration 8 for PostgreSQL: as ../../migrations/008-row-version.ts. The version is raised by a
 * trigger before each update that changes the row without setting the version itself (undo sets
 * the version it restores). Frozen once released.
 */
const TABLES = ['unit', 'person', 'document', 'meeting', 'task', 'plan', 'evaluation', 'activity'];

export default `
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
