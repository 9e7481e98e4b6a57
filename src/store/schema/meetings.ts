/** Meetings, their people, units, documents, speeches, conclusions; drafts of interactive sessions. */
export default `
CREATE TABLE meeting (
  id           INTEGER PRIMARY KEY,
  held_on      TEXT NOT NULL,
  title        TEXT NOT NULL CHECK (length(title) > 0),
  kind         TEXT NOT NULL DEFAULT 'giao-ban' CHECK (kind IN ('giao-ban-chuyen-de','giao-ban','so-ket','tong-ket','hoi-nghi','khac')),
  period       TEXT NOT NULL,
  location     TEXT,
  start_time   TEXT,
  end_time     TEXT,
  organizer_id INTEGER REFERENCES unit(id),
  recorder_id  INTEGER REFERENCES person(id),
  closed_at    TEXT,
  note         TEXT,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  CHECK (end_time IS NULL OR start_time IS NULL OR end_time >= start_time)
);
CREATE INDEX meeting_held_on ON meeting(held_on);

CREATE TABLE meeting_person (
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  person_id  INTEGER NOT NULL REFERENCES person(id),
  role       TEXT NOT NULL CHECK (role IN ('chair','guest')),
  ord        INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, role, person_id)
);

CREATE TABLE meeting_unit (
  meeting_id    INTEGER NOT NULL REFERENCES meeting(id),
  unit_id       INTEGER NOT NULL REFERENCES unit(id),
  present       INTEGER NOT NULL DEFAULT 1,
  absent_reason TEXT,
  PRIMARY KEY (meeting_id, unit_id),
  CHECK (present = 1 OR absent_reason IS NOT NULL)
);
CREATE INDEX meeting_unit_unit ON meeting_unit(unit_id, meeting_id);

CREATE TABLE meeting_document (
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
  document_id INTEGER NOT NULL REFERENCES document(id),
  ord         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (meeting_id, document_id)
);
CREATE INDEX meeting_document_doc ON meeting_document(document_id);

CREATE TABLE speech (
  id           INTEGER PRIMARY KEY,
  meeting_id   INTEGER NOT NULL REFERENCES meeting(id),
  ord          INTEGER NOT NULL,
  speaker_id   INTEGER REFERENCES person(id),
  unit_id      INTEGER REFERENCES unit(id),
  kind         TEXT NOT NULL CHECK (kind IN ('tham-luan','phat-bieu','ket-luan','chi-dao')),
  summary      TEXT NOT NULL,
  illustrative INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  CHECK (speaker_id IS NOT NULL OR unit_id IS NOT NULL)
);
CREATE INDEX speech_meeting ON speech(meeting_id, ord);
CREATE INDEX speech_unit ON speech(unit_id, meeting_id);

CREATE TABLE conclusion (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  ord        INTEGER NOT NULL,
  text       TEXT NOT NULL CHECK (length(text) > 0),
  created_at TEXT NOT NULL
);
CREATE INDEX conclusion_meeting ON conclusion(meeting_id, ord);

CREATE TABLE draft (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  data       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;
