/** Personal plans, year-end evaluations and propaganda activities. */
export default `
CREATE TABLE plan_deadline (
  year        INTEGER PRIMARY KEY,
  deadline_on TEXT NOT NULL
);

CREATE TABLE plan (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person(id),
  year         INTEGER NOT NULL,
  submitted_on TEXT,
  content      TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  UNIQUE (person_id, year)
);
CREATE INDEX plan_year ON plan(year, person_id);
-- The compliance table walks a unit's members and looks their plan up: covering, no table read.
CREATE INDEX plan_person_submitted ON plan(person_id, year, submitted_on);

CREATE TABLE evaluation (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person(id),
  year         INTEGER NOT NULL,
  result       TEXT NOT NULL CHECK (result IN ('xuat-sac','tot','hoan-thanh','khong-hoan-thanh')),
  score        REAL CHECK (score IS NULL OR score BETWEEN 0 AND 100),
  plan_used    INTEGER,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  UNIQUE (person_id, year)
);
CREATE INDEX evaluation_year ON evaluation(year, person_id);
-- Covering lookup of a member's evaluation for the compliance table (the UNIQUE index would read the row).
CREATE INDEX evaluation_person_used ON evaluation(person_id, year, plan_used);

CREATE TABLE activity (
  id           INTEGER PRIMARY KEY,
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  held_on      TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('chao-co','ke-chuyen','hoc-tap','guong-dien-hinh','truyen-thong','khac')),
  title        TEXT NOT NULL CHECK (length(title) > 0),
  participants INTEGER CHECK (participants IS NULL OR participants >= 0),
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);
-- The compliance table groups a period's activities by unit, month and kind from this index alone.
CREATE INDEX activity_unit_date ON activity(unit_id, held_on, kind);
CREATE INDEX activity_date ON activity(held_on);
`;
