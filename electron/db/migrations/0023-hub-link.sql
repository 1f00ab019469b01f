-- The district hub (issue 16): this installation's enrolment, from the hub's one-time invitation.
-- One row at most (id = 1). The signing keys and the invitation's secret sit here because the
-- database is encrypted at rest with the data key; nothing in it leaves except sealed bundles.
-- The pseudonym key turns person and case ids into stable pseudonyms the hub cannot reverse.
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
