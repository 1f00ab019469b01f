-- The district hub's store (PostgreSQL: PGlite embedded, or a real server with --pg).
-- Record tables are keyed by (installation_id, key) and carry the bundle version that last
-- wrote them, so bundles apply idempotently and in any order.

CREATE TABLE hub (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id uuid NOT NULL,
  name text NOT NULL,
  -- X25519 public key the installations encrypt to (the private key stays in the data folder).
  public_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub_users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('district_admin', 'district_staff', 'viewer')),
  scope_kind text NOT NULL CHECK (scope_kind IN ('district', 'township', 'installations')),
  scope_township text,
  scope_installations uuid[] NOT NULL DEFAULT '{}',
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub_sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES hub_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE installations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  programme text NOT NULL CHECK (programme IN ('school', 'perinatal')),
  township text,
  agreement jsonb NOT NULL,
  -- The invitation's one-time secret; cleared once the first bundle pins the signing key.
  invite_secret text,
  signing_key text,
  status text NOT NULL CHECK (status IN ('invited', 'enrolled', 'revoked')),
  invited_at timestamptz NOT NULL DEFAULT now(),
  enrolled_at timestamptz,
  revoked_at timestamptz,
  -- From the newest bundle (by its createdAt): the roster size and level legend.
  last_sequence integer,
  last_created_at timestamptz,
  last_received_at timestamptz,
  people integer NOT NULL DEFAULT 0,
  levels jsonb NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX installations_name ON installations (name);

CREATE TABLE bundles (
  bundle_id uuid PRIMARY KEY,
  installation_id uuid NOT NULL REFERENCES installations (id),
  sequence integer NOT NULL,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  digest text NOT NULL,
  -- How many records it changed (0: unchanged).
  changed integer NOT NULL
);
CREATE INDEX bundles_installation ON bundles (installation_id, created_at);

CREATE TABLE aggregates (
  installation_id uuid NOT NULL REFERENCES installations (id),
  key text NOT NULL,
  -- The writing bundle's createdAt in epoch milliseconds, then its sequence.
  version bigint NOT NULL,
  sequence integer NOT NULL,
  campaign_ref text,
  campaign_name text,
  starts_on date,
  ends_on date,
  grade text,
  class_name text,
  time_point text,
  township text,
  month text NOT NULL,
  expected integer NOT NULL,
  screened integer NOT NULL,
  declined integer NOT NULL,
  levels jsonb NOT NULL,
  critical integer NOT NULL,
  referred integer NOT NULL,
  attended integer NOT NULL,
  PRIMARY KEY (installation_id, key)
);
CREATE INDEX aggregates_month ON aggregates (month);

CREATE TABLE cases (
  installation_id uuid NOT NULL REFERENCES installations (id),
  ref text NOT NULL,
  version bigint NOT NULL,
  sequence integer NOT NULL,
  person text NOT NULL,
  status text NOT NULL,
  level text,
  purple boolean NOT NULL,
  reasons jsonb NOT NULL,
  opened_on date NOT NULL,
  ended_on date,
  tasks jsonb NOT NULL,
  -- The earliest open task (the next action) and the earliest open safety check, for the views.
  next_task_kind text,
  next_due_on date,
  safety_check_due_on date,
  referral text NOT NULL,
  outcome text,
  name text,
  grade text,
  class_name text,
  PRIMARY KEY (installation_id, ref)
);
CREATE INDEX cases_open ON cases (installation_id, status);
CREATE INDEX cases_safety ON cases (safety_check_due_on) WHERE status = 'open' AND safety_check_due_on IS NOT NULL;

-- Tamper-evident: each row's hash covers the previous row's hash and its own fields.
CREATE TABLE hub_audit (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  installation_id uuid,
  detail jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
