-- 责任人 and reopening: assigning or transferring a case's responsible person (assigned, from →
-- to) and reopening a lifted case (reopened, with its reason) are events of their own kinds in the
-- case's timeline. SQLite cannot widen a CHECK in place, so the table is rebuilt with its rows, ids
-- and indexes as they were (as in 0013); nothing references it.
ALTER TABLE case_events RENAME TO case_events_old;
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('flagged', 'safety_check', 'interview', 'follow_up', 'guardian_contact', 'referral', 'colour', 'lifted', 'closed', 'confirmed_in_person', 'assigned', 'reopened')),
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

-- The worklist's 我负责的 / 未指定 filters read open cases by their responsible person.
CREATE INDEX cases_responsible ON cases (responsible_id, status);
