-- The individual file's history: every creation, import, correction and note, newest
-- first. Corrections keep the old value here, so nothing is ever overwritten silently.
CREATE TABLE person_events (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('created', 'imported', 'updated', 'corrected', 'note')),
  user_id INTEGER REFERENCES users (id),
  text TEXT,
  changes TEXT
) STRICT;
CREATE INDEX person_events_person ON person_events (person_id, at DESC, id DESC);

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('student', 'woman')),
  file_name TEXT NOT NULL,
  at TEXT NOT NULL,
  user_id INTEGER REFERENCES users (id),
  rows INTEGER NOT NULL,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  rejected INTEGER NOT NULL
) STRICT;

CREATE INDEX people_search_initials ON people (name_initials);
CREATE INDEX people_phone ON people (phone);
