/**
 * Migration 10: what a database needs to take part in replication between a city and its wards
 * (PostgreSQL's logical replication; see pg/migrations/010-replication.ts for the triggers that do
 * the work there). SQLite keeps the same tables for parity: `thuky_office` (at most one row: this
 * database's office number and role; empty = not replicated), `thuky_ward` (at the city, the wards it
 * replicates with), and task_event.unit_id (the task's unit, so that a publication can select a
 * ward's events), which stays NULL on SQLite and is filled when the data is copied to PostgreSQL.
 * Both tables are local to their database: never replicated, never copied. Frozen once released.
 */
export default `
CREATE TABLE thuky_office (
  office_no INTEGER PRIMARY KEY,
  role      TEXT NOT NULL CHECK (role IN ('city','ward')),
  unit_id   INTEGER,
  unit_name TEXT,
  city_name TEXT,
  set_at    TEXT NOT NULL
);
CREATE TABLE thuky_ward (
  office_no      INTEGER PRIMARY KEY,
  unit_id        INTEGER NOT NULL UNIQUE,
  unit_name      TEXT NOT NULL,
  ward_db        TEXT NOT NULL,
  subscription   TEXT NOT NULL,
  publication    TEXT NOT NULL,
  set_at         TEXT NOT NULL,
  last_change_at TEXT
);
ALTER TABLE task_event ADD COLUMN unit_id INTEGER;
`;
