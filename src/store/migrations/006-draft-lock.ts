/**
 * Migration 6: a draft being answered is locked by the session answering it (process, host, start,
 * heartbeat), so that two terminals never answer one draft. Frozen once released.
 */
export default `
CREATE TABLE draft_lock (
  draft_id     INTEGER PRIMARY KEY REFERENCES draft(id) ON DELETE CASCADE,
  pid          INTEGER NOT NULL,
  host         TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
);
`;
