-- A submitted sheet that left a critical item (PHQ-9 第9题, EPDS 第10题) blank cannot rule
-- self-harm thoughts out: the person is asked in person. That is a task of its own kind
-- (confirm_in_person) closed by an event of its own kind (confirmed_in_person) that records what
-- was found and why it is closed. SQLite cannot widen a CHECK in place, so both tables are rebuilt
-- with their rows, ids and indexes as they were; nothing references either table.
ALTER TABLE tasks RENAME TO tasks_old;
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL CHECK (kind IN ('safety_check', 'first_contact', 'follow_up', 'referral_check', 'confirm_in_person')),
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  created_at TEXT NOT NULL,
  done_at TEXT,
  done_by INTEGER REFERENCES users (id)
) STRICT;
INSERT INTO tasks (id, case_id, kind, due_on, status, created_at, done_at, done_by)
  SELECT id, case_id, kind, due_on, status, created_at, done_at, done_by FROM tasks_old;
DROP TABLE tasks_old;
CREATE INDEX tasks_open ON tasks (status, due_on);
CREATE INDEX tasks_case ON tasks (case_id, status, due_on);

ALTER TABLE case_events RENAME TO case_events_old;
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('flagged', 'safety_check', 'interview', 'follow_up', 'guardian_contact', 'referral', 'colour', 'lifted', 'closed', 'confirmed_in_person')),
  user_id INTEGER REFERENCES users (id),
  level_before TEXT,
  level_after TEXT,
  detail TEXT NOT NULL
) STRICT;
INSERT INTO case_events (id, case_id, at, kind, user_id, level_before, level_after, detail)
  SELECT id, case_id, at, kind, user_id, level_before, level_after, detail FROM case_events_old;
DROP TABLE case_events_old;
CREATE INDEX case_events_case ON case_events (case_id, at);
CREATE INDEX case_events_kind ON case_events (kind, at);

-- The export's 测评记录 and 随访名册 say 部分作答 for a sheet with blanks, so they read each
-- result's completeness beside its total: the totals index covers it, keeping those reads off the
-- results' JSON pages (see 0010).
DROP INDEX screening_results_totals;
CREATE INDEX screening_results_totals ON screening_results (screening_id, instrument_id, total, complete);
