/** Units, people, documents and the change log. */
export default `
CREATE TABLE unit (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  name_folded  TEXT NOT NULL,
  code         TEXT UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('ward','commune','agency','committee','cell')),
  parent_id    INTEGER REFERENCES unit(id),
  valid_from   TEXT,
  valid_to     TEXT,
  note         TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX unit_kind ON unit(kind, valid_from, valid_to);
CREATE INDEX unit_folded ON unit(name_folded);
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE unit_successor (
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  successor_id INTEGER NOT NULL REFERENCES unit(id),
  PRIMARY KEY (unit_id, successor_id)
);
CREATE INDEX unit_successor_rev ON unit_successor(successor_id);

CREATE TABLE person (
  id           INTEGER PRIMARY KEY,
  full_name    TEXT NOT NULL CHECK (length(full_name) > 0),
  name_folded  TEXT NOT NULL,
  unit_id      INTEGER REFERENCES unit(id),
  positions    TEXT NOT NULL DEFAULT '[]',
  is_member    INTEGER NOT NULL DEFAULT 1,
  active       INTEGER NOT NULL DEFAULT 1,
  note         TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);
CREATE INDEX person_unit ON person(unit_id, is_member, active);
CREATE INDEX person_folded ON person(name_folded);

CREATE TABLE document (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  code_folded  TEXT NOT NULL,
  number       TEXT NOT NULL,
  type         TEXT NOT NULL,
  issuer       TEXT NOT NULL,
  title        TEXT,
  title_folded TEXT,
  issued_on    TEXT,
  issuing_body TEXT,
  note         TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);
CREATE INDEX document_code_folded ON document(code_folded);

CREATE TABLE change_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  os_user   TEXT NOT NULL,
  command   TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER,
  action    TEXT NOT NULL,
  changes   TEXT
);
CREATE INDEX change_log_at ON change_log(at);
CREATE INDEX change_log_entity ON change_log(entity, at);
`;
