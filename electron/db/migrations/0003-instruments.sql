-- Custom instrument definitions (built-ins live in code), which instruments are in use,
-- and every version of each programme's warning rules: past results keep the thresholds
-- they were judged by, so a new version never rewrites them.
CREATE TABLE custom_instruments (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  definition TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by INTEGER REFERENCES users (id),
  PRIMARY KEY (id, version)
) STRICT;

CREATE TABLE instrument_state (
  id TEXT PRIMARY KEY,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users (id)
) STRICT;

CREATE TABLE tier_rule_sets (
  programme TEXT NOT NULL CHECK (programme IN ('school', 'perinatal')),
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id),
  PRIMARY KEY (programme, version)
) STRICT;
