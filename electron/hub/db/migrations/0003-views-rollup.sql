-- The district dashboard reads sums, not records. At 500 schools × 3 campaigns the aggregates are
-- 75,000 rows whose level counts sit in jsonb, and there are 100,000 cases: summing them per
-- request costs a few hundred milliseconds, and row-level security doubles it. So every write to
-- aggregates or cases re-sums the installations it touched into two small tables the dashboard
-- reads (electron/hub/services/views.ts): per installation and month, and per installation and
-- due day. Triggers keep them exact whatever writes the records (ingest, a newer snapshot
-- dropping records, a test seeding rows); a write re-sums only its own installations.

CREATE TABLE aggregate_months (
  installation_id uuid NOT NULL REFERENCES installations (id),
  month text NOT NULL,
  expected bigint NOT NULL,
  screened bigint NOT NULL,
  declined bigint NOT NULL,
  critical bigint NOT NULL,
  referred bigint NOT NULL,
  attended bigint NOT NULL,
  -- Screened people by level id, summed.
  levels jsonb NOT NULL,
  PRIMARY KEY (installation_id, month)
);

-- Open cases by the day their next action is due (next_due) and by the day their safety check is
-- due (safety_due); `day` NULL holds the open cases with nothing due. Overdue as of any day is then
-- a sum over the days before it, without reading the cases.
CREATE TABLE case_days (
  installation_id uuid NOT NULL REFERENCES installations (id),
  day date,
  next_due integer NOT NULL,
  safety_due integer NOT NULL
);
CREATE INDEX case_days_installation ON case_days (installation_id);

CREATE FUNCTION anxin_sum_aggregates(touched uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM aggregate_months WHERE installation_id = ANY (touched);
  INSERT INTO aggregate_months (installation_id, month, expected, screened, declined, critical, referred, attended, levels)
  SELECT s.installation_id, s.month, s.expected, s.screened, s.declined, s.critical, s.referred, s.attended,
         coalesce(l.levels, '{}'::jsonb)
    FROM (SELECT installation_id, month, sum(expected) AS expected, sum(screened) AS screened,
                 sum(declined) AS declined, sum(critical) AS critical, sum(referred) AS referred,
                 sum(attended) AS attended
            FROM aggregates WHERE installation_id = ANY (touched)
           GROUP BY installation_id, month) s
    LEFT JOIN (SELECT installation_id, month, jsonb_object_agg(key, n) AS levels
                 FROM (SELECT a.installation_id, a.month, l.key, sum(l.value::bigint) AS n
                         FROM aggregates a, jsonb_each_text(a.levels) l
                        WHERE a.installation_id = ANY (touched)
                        GROUP BY a.installation_id, a.month, l.key) per_level
                GROUP BY installation_id, month) l
      ON l.installation_id = s.installation_id AND l.month = s.month;
$$;

CREATE FUNCTION anxin_sum_cases(touched uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM case_days WHERE installation_id = ANY (touched);
  INSERT INTO case_days (installation_id, day, next_due, safety_due)
  SELECT installation_id, day, sum(next_due)::int, sum(safety_due)::int
    FROM (SELECT installation_id, next_due_on AS day, 1 AS next_due, 0 AS safety_due
            FROM cases WHERE status = 'open' AND (installation_id = ANY (touched))
          UNION ALL
          SELECT installation_id, safety_check_due_on, 0, 1
            FROM cases WHERE status = 'open' AND safety_check_due_on IS NOT NULL
             AND (installation_id = ANY (touched))) due
   GROUP BY installation_id, day;
$$;

-- One statement (a bundle's upsert, a snapshot's deletions) re-sums each installation it touched
-- once. The transition tables name the rows; a branch names only the ones its event has.
CREATE FUNCTION anxin_roll_up() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT installation_id) INTO touched FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(DISTINCT installation_id) INTO touched
      FROM (SELECT installation_id FROM new_rows UNION SELECT installation_id FROM old_rows) both_rows;
  ELSE
    SELECT array_agg(DISTINCT installation_id) INTO touched FROM old_rows;
  END IF;
  IF touched IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'aggregates' THEN
    PERFORM anxin_sum_aggregates(touched);
  ELSE
    PERFORM anxin_sum_cases(touched);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER aggregates_inserted AFTER INSERT ON aggregates
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION anxin_roll_up();
CREATE TRIGGER aggregates_updated AFTER UPDATE ON aggregates
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION anxin_roll_up();
CREATE TRIGGER aggregates_deleted AFTER DELETE ON aggregates
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION anxin_roll_up();
CREATE TRIGGER cases_inserted AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION anxin_roll_up();
CREATE TRIGGER cases_updated AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION anxin_roll_up();
CREATE TRIGGER cases_deleted AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION anxin_roll_up();

-- A hub that already holds records: sum them all once.
SELECT anxin_sum_aggregates(array_agg(id)), anxin_sum_cases(array_agg(id)) FROM installations;

-- The same fences as the records they sum (0002): the reader role sees its scope only.
GRANT SELECT ON aggregate_months, case_days TO anxin_hub_reader;
ALTER TABLE aggregate_months ENABLE ROW LEVEL SECURITY;
ALTER TABLE aggregate_months FORCE ROW LEVEL SECURITY;
ALTER TABLE case_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_days FORCE ROW LEVEL SECURITY;
CREATE POLICY hub_service ON aggregate_months USING (current_user <> 'anxin_hub_reader') WITH CHECK (current_user <> 'anxin_hub_reader');
CREATE POLICY hub_service ON case_days USING (current_user <> 'anxin_hub_reader') WITH CHECK (current_user <> 'anxin_hub_reader');
CREATE POLICY hub_scope ON aggregate_months FOR SELECT TO anxin_hub_reader USING (anxin_in_scope(installation_id));
CREATE POLICY hub_scope ON case_days FOR SELECT TO anxin_hub_reader USING (anxin_in_scope(installation_id));
