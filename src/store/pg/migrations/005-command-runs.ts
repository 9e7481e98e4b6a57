/** Migration 5 for PostgreSQL: as ../../migrations/005-command-runs.ts. Frozen once released. */
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

ALTER TABLE change_log ADD COLUMN run_id BIGINT REFERENCES command_run(id) DEFERRABLE;
CREATE INDEX change_log_run ON change_log(run_id);
`;
