CREATE INDEX alerts_open ON alerts (resolved_at, raised_at);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE UNIQUE INDEX campaign_participants_slip ON campaign_participants (slip_code) WHERE slip_code IS NOT NULL;
CREATE INDEX campaign_participants_status ON campaign_participants (campaign_id, status);
CREATE INDEX case_events_case ON case_events (case_id, at);
CREATE INDEX case_events_kind ON case_events (kind, at);
CREATE UNIQUE INDEX cases_one_open ON cases (person_id, programme) WHERE status = 'open';
CREATE INDEX cases_person ON cases (person_id, status);
CREATE INDEX cases_programme ON cases (programme, status);
CREATE INDEX cases_responsible ON cases (responsible_id, status);
CREATE INDEX clinical_writer_keys_key ON clinical_writer_keys (clinical_key_id);
CREATE INDEX people_class ON people (kind, grade_ordinal, grade, class_name, name);
CREATE UNIQUE INDEX people_handbook_no ON people (handbook_no)
  WHERE kind = 'woman' AND handbook_no IS NOT NULL AND handbook_no_clash = 0;
CREATE UNIQUE INDEX people_id_number ON people (id_number) WHERE id_number IS NOT NULL;
CREATE INDEX people_phone ON people (phone);
CREATE INDEX people_search_initials ON people (name_initials);
CREATE UNIQUE INDEX people_student_no ON people (student_no) WHERE kind = 'student';
CREATE INDEX people_township ON people (kind, township, name) WHERE kind = 'woman';
CREATE INDEX person_events_person ON person_events (person_id, at DESC, id DESC);
CREATE INDEX referrals_case ON referrals (case_id);
CREATE INDEX screening_results_critical ON screening_results (screening_id) WHERE critical = 1;
CREATE INDEX screening_results_totals ON screening_results (screening_id, instrument_id, total, complete);
CREATE INDEX screenings_campaign ON screenings (campaign_id, status);
CREATE INDEX screenings_period ON screenings (programme, status, submitted_at);
CREATE INDEX screenings_person ON screenings (person_id, submitted_at);
CREATE INDEX tasks_case ON tasks (case_id, status, due_on);
CREATE INDEX tasks_open ON tasks (status, due_on);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  screening_id INTEGER NOT NULL REFERENCES screenings (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  instrument_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  value TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by INTEGER REFERENCES users (id),
  resolved_at TEXT,
  resolved_by INTEGER REFERENCES users (id),
  UNIQUE (screening_id, instrument_id, item_id)
) STRICT;
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_id INTEGER REFERENCES users (id),
  action TEXT NOT NULL,
  subject TEXT,
  detail TEXT,
  prev_hash TEXT,
  hash TEXT
) STRICT;
CREATE TABLE campaign_participants (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  battery TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'in_progress', 'done', 'declined', 'absent')),
  updated_at TEXT NOT NULL,
  -- A one-time code printed on a slip (机房施测 without 学籍号); made on the first print.
  slip_code TEXT,
  PRIMARY KEY (campaign_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  programme TEXT NOT NULL CHECK (programme IN ('school', 'perinatal')),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  targets TEXT NOT NULL,
  consent_text TEXT NOT NULL,
  show_result INTEGER NOT NULL DEFAULT 0 CHECK (show_result IN (0, 1)),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id)
, sign_in TEXT NOT NULL DEFAULT 'slip'
  CHECK (sign_in IN ('slip', 'student_no_birth_code', 'handbook_plus', 'checkin_code'))) STRICT;
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
CREATE TABLE clinical_keys (
  id INTEGER PRIMARY KEY,
  public_key BLOB NOT NULL CHECK (length(public_key) = 32),
  created_at TEXT NOT NULL,
  retired_at TEXT
) STRICT;
CREATE TABLE clinical_writer_keys (
  id INTEGER PRIMARY KEY,
  clinical_key_id INTEGER NOT NULL REFERENCES clinical_keys (id),
  sealed BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE custom_instruments (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  definition TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by INTEGER REFERENCES users (id),
  PRIMARY KEY (id, version)
) STRICT;
CREATE TABLE hub_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hub_id TEXT NOT NULL,
  hub_name TEXT NOT NULL,
  hub_public_key TEXT NOT NULL,
  installation_id TEXT NOT NULL,
  installation_name TEXT NOT NULL,
  township TEXT,
  enrolment_secret TEXT NOT NULL,
  agreement TEXT NOT NULL,
  upload_url TEXT,
  signing_public_key TEXT NOT NULL,
  signing_private_key TEXT NOT NULL,
  pseudonym_key TEXT NOT NULL,
  sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
  enrolled_at TEXT NOT NULL,
  enrolled_by INTEGER REFERENCES users (id),
  last_bundle_at TEXT,
  last_bundle_id TEXT
) STRICT;
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
CREATE TABLE instrument_state (
  id TEXT PRIMARY KEY,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users (id)
) STRICT;
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('student', 'woman')),
  name TEXT NOT NULL,
  name_initials TEXT NOT NULL DEFAULT '',
  name_pinyin TEXT NOT NULL DEFAULT '',
  sex TEXT CHECK (sex IN ('M', 'F')),
  birth_date TEXT,
  id_number TEXT,
  phone TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  -- student
  student_no TEXT,
  school TEXT,
  grade TEXT,
  grade_ordinal INTEGER,
  class_name TEXT,
  head_teacher TEXT,
  guardian_name TEXT,
  guardian_phone TEXT,
  background TEXT,
  -- woman
  handbook_no TEXT,
  lmp TEXT,
  edd TEXT,
  gravidity INTEGER,
  parity INTEGER,
  delivery_date TEXT,
  township TEXT,
  family_psych_history INTEGER CHECK (family_psych_history IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, current_level TEXT, handbook_no_clash INTEGER NOT NULL DEFAULT 0 CHECK (handbook_no_clash IN (0, 1)),
  CHECK (kind <> 'student' OR (student_no IS NOT NULL AND grade IS NOT NULL AND class_name IS NOT NULL))
) STRICT;
CREATE TABLE person_events (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('created', 'imported', 'updated', 'corrected', 'note')),
  user_id INTEGER REFERENCES users (id),
  text TEXT,
  changes TEXT
) STRICT;
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
, conclusion TEXT CHECK (conclusion IN ('confirmed', 'excluded', 'pending')), icd10 TEXT) STRICT;
CREATE TABLE screening_answers (
  screening_id INTEGER NOT NULL REFERENCES screenings (id),
  instrument_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  value TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  PRIMARY KEY (screening_id, instrument_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE screening_results (
  screening_id INTEGER NOT NULL REFERENCES screenings (id),
  instrument_id TEXT NOT NULL,
  version TEXT NOT NULL,
  total REAL,
  band TEXT,
  critical INTEGER NOT NULL CHECK (critical IN (0, 1)),
  complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
  result TEXT NOT NULL,
  PRIMARY KEY (screening_id, instrument_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE screenings (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER REFERENCES campaigns (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  programme TEXT NOT NULL CHECK (programme IN ('school', 'perinatal')),
  battery TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('kiosk', 'station', 'paper', 'import')),
  status TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted', 'declined')),
  seat TEXT,
  screener_id INTEGER REFERENCES users (id),
  started_at TEXT NOT NULL,
  -- When the respondent accepted the consent text on a screen (the station asks first).
  consented_at TEXT,
  submitted_at TEXT,
  level TEXT,
  tier TEXT
) STRICT;
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL CHECK (kind IN ('safety_check', 'first_contact', 'follow_up', 'referral_check', 'confirm_in_person', 'make_referral')),
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  created_at TEXT NOT NULL,
  done_at TEXT,
  done_by INTEGER REFERENCES users (id),
  referral_id INTEGER REFERENCES referrals (id)
) STRICT;
CREATE TABLE tier_rule_sets (
  programme TEXT NOT NULL CHECK (programme IN ('school', 'perinatal')),
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id),
  PRIMARY KEY (programme, version)
) STRICT;
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'psychologist', 'screener', 'class_teacher', 'supervisor')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
, classes TEXT) STRICT;
CREATE TRIGGER cases_level_insert AFTER INSERT ON cases
BEGIN
  UPDATE people SET current_level = (SELECT level FROM person_current_level WHERE person_id = NEW.person_id)
  WHERE id = NEW.person_id;
END;
CREATE TRIGGER cases_level_update AFTER UPDATE OF status, screen_level, confirmed_level, ended_at ON cases
BEGIN
  UPDATE people SET current_level = (SELECT level FROM person_current_level WHERE person_id = NEW.person_id)
  WHERE id = NEW.person_id;
END;
CREATE TRIGGER screenings_level_insert AFTER INSERT ON screenings WHEN NEW.status = 'submitted'
BEGIN
  UPDATE people SET current_level = (SELECT level FROM person_current_level WHERE person_id = NEW.person_id)
  WHERE id = NEW.person_id;
END;
CREATE TRIGGER screenings_level_update AFTER UPDATE OF status, level, submitted_at ON screenings
BEGIN
  UPDATE people SET current_level = (SELECT level FROM person_current_level WHERE person_id = NEW.person_id)
  WHERE id = NEW.person_id;
END;
CREATE VIEW person_current_level AS
SELECT p.id AS person_id,
  coalesce(
    (SELECT coalesce(c.confirmed_level, c.screen_level) FROM cases c WHERE c.person_id = p.id AND c.status = 'open'),
    (SELECT s.level FROM screenings s WHERE s.person_id = p.id AND s.status = 'submitted'
       AND s.submitted_at > coalesce(
         (SELECT max(e.ended_at) FROM cases e WHERE e.person_id = p.id AND e.status <> 'open'), '')
     ORDER BY s.submitted_at DESC LIMIT 1)) AS level
FROM people p;
