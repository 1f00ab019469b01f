-- Field-level encryption of clinical content (answers, item values, notes, safety and interview
-- records, diagnoses) under a clinical key that only admin and psychologist/clinician users unwrap.
-- The clinical public key is stored here so any process can write; its private key never is.
CREATE TABLE clinical_keys (
  id INTEGER PRIMARY KEY,
  public_key BLOB NOT NULL CHECK (length(public_key) = 32),
  created_at TEXT NOT NULL,
  retired_at TEXT
) STRICT;

-- One random AES-256 key per writing process, sealed to the current clinical public key
-- (ephemeral X25519 + HKDF + AES-256-GCM); every clinical field names the writer key it is under.
CREATE TABLE clinical_writer_keys (
  id INTEGER PRIMARY KEY,
  clinical_key_id INTEGER NOT NULL REFERENCES clinical_keys (id),
  sealed BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX clinical_writer_keys_key ON clinical_writer_keys (clinical_key_id);

-- Answer and alert values become sealed text (`c1.<writer key>.<base64>`). STRICT tables cannot
-- change a column's type in place, so both are rebuilt with their rows; the values are copied as
-- plaintext text (2.0 → '2') and sealed at the next log-in (sealLegacyPlaintext), because this
-- migration has no clinical public key yet. Nothing references either table.
ALTER TABLE screening_answers RENAME TO screening_answers_old;
CREATE TABLE screening_answers (
  screening_id INTEGER NOT NULL REFERENCES screenings (id),
  instrument_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  value TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  PRIMARY KEY (screening_id, instrument_id, item_id)
) STRICT, WITHOUT ROWID;
INSERT INTO screening_answers (screening_id, instrument_id, item_id, value, answered_at)
  SELECT screening_id, instrument_id, item_id,
         CASE WHEN value = CAST(value AS INTEGER) THEN CAST(CAST(value AS INTEGER) AS TEXT) ELSE CAST(value AS TEXT) END,
         answered_at
    FROM screening_answers_old;
DROP TABLE screening_answers_old;

ALTER TABLE alerts RENAME TO alerts_old;
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
INSERT INTO alerts (id, screening_id, person_id, instrument_id, item_id, value, raised_at, acknowledged_at,
                    acknowledged_by, resolved_at, resolved_by)
  SELECT id, screening_id, person_id, instrument_id, item_id,
         CASE WHEN value = CAST(value AS INTEGER) THEN CAST(CAST(value AS INTEGER) AS TEXT) ELSE CAST(value AS TEXT) END,
         raised_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by
    FROM alerts_old;
DROP TABLE alerts_old;
CREATE INDEX alerts_open ON alerts (resolved_at, raised_at);
