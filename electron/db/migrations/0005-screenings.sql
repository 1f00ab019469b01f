-- Screening days: campaigns, who is due, every sheet with each answer saved as given,
-- the scored results with the rule-set version and thresholds they were judged by, and
-- critical-item alerts raised the moment such an answer arrives.
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
CREATE INDEX campaign_participants_status ON campaign_participants (campaign_id, status);
CREATE UNIQUE INDEX campaign_participants_slip ON campaign_participants (slip_code) WHERE slip_code IS NOT NULL;

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
CREATE INDEX screenings_person ON screenings (person_id, submitted_at);
CREATE INDEX screenings_campaign ON screenings (campaign_id, status);

CREATE TABLE screening_answers (
  screening_id INTEGER NOT NULL REFERENCES screenings (id),
  instrument_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  value REAL NOT NULL,
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

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  screening_id INTEGER NOT NULL REFERENCES screenings (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  instrument_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  value REAL NOT NULL,
  raised_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by INTEGER REFERENCES users (id),
  UNIQUE (screening_id, instrument_id, item_id)
) STRICT;
CREATE INDEX alerts_open ON alerts (acknowledged_at, raised_at);
