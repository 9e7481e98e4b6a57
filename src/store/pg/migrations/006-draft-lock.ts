/** Migration 6 for PostgreSQL: as ../../migrations/006-draft-lock.ts. Frozen once released. */
export default `
CREATE TABLE draft_lock (
  draft_id     BIGINT PRIMARY KEY REFERENCES draft(id) ON DELETE CASCADE DEFERRABLE,
  pid          BIGINT NOT NULL,
  host         TEXT COLLATE "C" NOT NULL,
  started_at   TEXT COLLATE "C" NOT NULL,
  heartbeat_at TEXT COLLATE "C" NOT NULL
);
CREATE TRIGGER thuky_record AFTER INSERT OR UPDATE OR DELETE ON draft_lock FOR EACH ROW EXECUTE FUNCTION thuky_record('draft_id');
`;
