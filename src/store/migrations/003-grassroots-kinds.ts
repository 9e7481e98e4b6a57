/**
 * Migration 2: the special zone (đặc khu) joins the kinds of units — the unit table is rebuilt,
 * as SQLite cannot change a CHECK in place — and a person may carry a date of birth and a party
 * card number (personal data, filled by `person import`). Frozen once released.
 * migrate() runs it with foreign keys off and checks them all before committing, as SQLite's
 * procedure for rebuilding a table asks: dropping the old table must not touch the rows that
 * refer to it.
 */
export default `
CREATE TABLE unit_new (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  name_folded  TEXT NOT NULL,
  code         TEXT UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('ward','commune','special-zone','agency','committee','cell')),
  parent_id    INTEGER REFERENCES unit(id),
  valid_from   TEXT,
  valid_to     TEXT,
  note         TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
INSERT INTO unit_new (id, name, name_folded, code, kind, parent_id, valid_from, valid_to, note, illustrative, created_at)
  SELECT id, name, name_folded, code, kind, parent_id, valid_from, valid_to, note, illustrative, created_at FROM unit;
DROP TABLE unit;
ALTER TABLE unit_new RENAME TO unit;
CREATE INDEX unit_kind ON unit(kind, valid_from, valid_to);
CREATE INDEX unit_folded ON unit(name_folded);
CREATE INDEX unit_parent ON unit(parent_id);

ALTER TABLE person ADD COLUMN birth_on TEXT;
ALTER TABLE person ADD COLUMN party_card TEXT;
`;
