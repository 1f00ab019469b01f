-- From flag to follow-through: one case per flagged person and programme, its history
-- (flags, safety checks, interviews, follow-ups, level changes, lifting) and the tasks
-- that keep the next action and its due date visible until the case ends.
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id),
  programme TEXT NOT NULL CHECK (programme IN ('school', 'perinatal')),
  status TEXT NOT NULL CHECK (status IN ('open', 'lifted', 'closed')),
  screen_level TEXT NOT NULL,
  confirmed_level TEXT,
  screening_id INTEGER REFERENCES screenings (id),
  responsible_id INTEGER REFERENCES users (id),
  opened_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT,
  -- Perinatal five-colour risk, assigned by a clinician; purple may coexist with another colour.
  colour TEXT CHECK (colour IN ('green', 'yellow', 'orange', 'red')),
  purple INTEGER NOT NULL DEFAULT 0 CHECK (purple IN (0, 1)),
  managed_since TEXT
) STRICT;
CREATE UNIQUE INDEX cases_one_open ON cases (person_id, programme) WHERE status = 'open';

CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('flagged', 'safety_check', 'interview', 'follow_up', 'guardian_contact', 'referral', 'colour', 'lifted', 'closed')),
  user_id INTEGER REFERENCES users (id),
  level_before TEXT,
  level_after TEXT,
  detail TEXT NOT NULL
) STRICT;
CREATE INDEX case_events_case ON case_events (case_id, at);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL CHECK (kind IN ('safety_check', 'first_contact', 'follow_up', 'referral_check')),
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  created_at TEXT NOT NULL,
  done_at TEXT,
  done_by INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX tasks_open ON tasks (status, due_on);

-- 转介/转诊: referred → attended (到位) → diagnosis recorded by authorised staff → outcome.
CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  institution TEXT NOT NULL,
  department TEXT,
  referred_on TEXT NOT NULL,
  consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('referred', 'attended', 'diagnosed', 'closed')),
  attended_on TEXT,
  diagnosis TEXT,
  diagnosed_on TEXT,
  outcome TEXT,
  created_by INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX referrals_case ON referrals (case_id);
