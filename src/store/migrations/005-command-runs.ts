/**
 * Migration 5: every command run that writes, and the full before/after value of every row it
 * created, changed or removed (what `thuky undo` reverts). Frozen once released.
 */
export default `
CREATE TABLE command_run (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  os_user TEXT NOT NULL,
  command TEXT NOT NULL,
  args    TEXT,
  undoes  INTEGER REFERENCES command_run(id)
);
CREATE INDEX command_run_undoes ON command_run(undoes);

CREATE TABLE row_change (
  id     INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES command_run(id),
  tbl    TEXT NOT NULL,
  pk     TEXT NOT NULL,
  op     TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  before TEXT,
  after  TEXT
);
CREATE INDEX row_change_run ON row_change(run_id, id);

ALTER TABLE change_log ADD COLUMN run_id INTEGER REFERENCES command_run(id);
CREATE INDEX change_log_run ON change_log(run_id);
`;
