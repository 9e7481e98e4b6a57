/**
 * Migration 4 for PostgreSQL: as ../../migrations/004-membership-history.ts. The task table gets
 * its new column and CHECK in place instead of being rebuilt. Frozen once released.
 */
export default `
ALTER TABLE person ADD COLUMN unit_since TEXT COLLATE "C";
DROP INDEX person_unit;
CREATE INDEX person_unit ON person(unit_id, is_member, active, unit_since);

CREATE TABLE membership_history (
  id         BIGINT PRIMARY KEY,
  person_id  BIGINT NOT NULL REFERENCES person(id) DEFERRABLE,
  unit_id    BIGINT REFERENCES unit(id) DEFERRABLE,
  valid_from TEXT COLLATE "C",
  valid_to   TEXT COLLATE "C" NOT NULL,
  positions  TEXT COLLATE "C" NOT NULL DEFAULT '[]',
  is_member  BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  CHECK (valid_from IS NULL OR valid_from <= valid_to)
);
CREATE TRIGGER membership_history_next_id BEFORE INSERT ON membership_history FOR EACH ROW EXECUTE FUNCTION thuky_next_id();
CREATE INDEX membership_history_unit ON membership_history(unit_id, valid_to, valid_from, is_member, person_id);
CREATE INDEX membership_history_person ON membership_history(person_id, valid_to);

ALTER TABLE task ADD COLUMN carried_from_id BIGINT REFERENCES task(id) DEFERRABLE;
ALTER TABLE task DROP CONSTRAINT task_due_after_start;
ALTER TABLE task ADD CONSTRAINT task_due_after_start CHECK (due_on IS NULL OR due_on >= start_on OR carried_from_id IS NOT NULL);
CREATE INDEX task_carried_from ON task(carried_from_id) WHERE carried_from_id IS NOT NULL;
`;
