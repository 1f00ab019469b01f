-- The administrator's recovery code (only its scrypt hash), and row-level security: a second
-- fence, under the services' own scope filters, on what a hub user's queries can read.

ALTER TABLE hub ADD COLUMN recovery_hash text;

-- A revoked installation's name may be invited again (as a new installation id).
DROP INDEX installations_name;
CREATE UNIQUE INDEX installations_name ON installations (name) WHERE status <> 'revoked';

-- The role the views read as (SET LOCAL ROLE inside withScope, electron/hub/services/scoped.ts).
-- Roles belong to the whole cluster, not one database: several hubs (and the tests' many
-- databases) share it, so it is created once and a concurrent creation is not an error.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anxin_hub_reader') THEN
    BEGIN
      CREATE ROLE anxin_hub_reader NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
  -- A hub that connects as an ordinary (non-superuser) owner must be able to take the role.
  IF NOT pg_has_role(current_user, 'anxin_hub_reader', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT anxin_hub_reader TO %I', current_user);
    EXCEPTION WHEN insufficient_privilege THEN
      -- A DBA grants it (README); until then scoped reads fail loudly rather than widely.
      RAISE WARNING 'anxin: cannot grant anxin_hub_reader to %; a DBA must', current_user;
    END;
  END IF;
END
$$;

GRANT SELECT ON hub, installations, aggregates, cases, bundles TO anxin_hub_reader;

-- The scope is a transaction-local setting: 'all', or a comma list of installation ids.
CREATE FUNCTION anxin_in_scope(installation uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE coalesce(current_setting('anxin.scope', true), '')
    WHEN 'all' THEN true
    WHEN '' THEN false
    ELSE installation = ANY (string_to_array(current_setting('anxin.scope', true), ',')::uuid[])
  END
$$;
GRANT EXECUTE ON FUNCTION anxin_in_scope(uuid) TO anxin_hub_reader;

ALTER TABLE installations ENABLE ROW LEVEL SECURITY;
ALTER TABLE installations FORCE ROW LEVEL SECURITY;
ALTER TABLE aggregates ENABLE ROW LEVEL SECURITY;
ALTER TABLE aggregates FORCE ROW LEVEL SECURITY;
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE cases FORCE ROW LEVEL SECURITY;
ALTER TABLE bundles ENABLE ROW LEVEL SECURITY;
ALTER TABLE bundles FORCE ROW LEVEL SECURITY;

-- The hub's own connection (ingest, enrolment, administration) is not the reader role and keeps
-- full access; permissive policies are OR-ed, so the reader sees only rows in its scope.
CREATE POLICY hub_service ON installations USING (current_user <> 'anxin_hub_reader') WITH CHECK (current_user <> 'anxin_hub_reader');
CREATE POLICY hub_service ON aggregates USING (current_user <> 'anxin_hub_reader') WITH CHECK (current_user <> 'anxin_hub_reader');
CREATE POLICY hub_service ON cases USING (current_user <> 'anxin_hub_reader') WITH CHECK (current_user <> 'anxin_hub_reader');
CREATE POLICY hub_service ON bundles USING (current_user <> 'anxin_hub_reader') WITH CHECK (current_user <> 'anxin_hub_reader');

CREATE POLICY hub_scope ON installations FOR SELECT TO anxin_hub_reader USING (anxin_in_scope(id));
CREATE POLICY hub_scope ON aggregates FOR SELECT TO anxin_hub_reader USING (anxin_in_scope(installation_id));
CREATE POLICY hub_scope ON cases FOR SELECT TO anxin_hub_reader USING (anxin_in_scope(installation_id));
CREATE POLICY hub_scope ON bundles FOR SELECT TO anxin_hub_reader USING (anxin_in_scope(installation_id));
