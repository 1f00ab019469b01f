-- An alert is a person who needs an adult now. It stays open until the safety check for that
-- person is recorded (resolved_*); "我已到场" (the old acknowledged_* columns, kept as they are)
-- only records who went and when, so clicking a banner can no longer make an alert disappear.
ALTER TABLE alerts ADD COLUMN resolved_at TEXT;
ALTER TABLE alerts ADD COLUMN resolved_by INTEGER REFERENCES users (id);

-- Alerts acknowledged under the old rules whose person has a safety check recorded since are
-- resolved; every other one stays open, so nothing flagged is lost by the upgrade.
UPDATE alerts SET resolved_at = (
    SELECT min(e.at) FROM case_events e JOIN cases c ON c.id = e.case_id
    WHERE c.person_id = alerts.person_id AND e.kind = 'safety_check' AND e.at >= alerts.raised_at)
  WHERE acknowledged_at IS NOT NULL;

DROP INDEX alerts_open;
CREATE INDEX alerts_open ON alerts (resolved_at, raised_at);
