-- Where each person stands now, kept on their row so the registers can filter and page 50,000
-- people by level without working it out per row: the level of an open case (as confirmed at
-- interview, else as screened), otherwise the latest screening submitted after the last case
-- ended (a lifted warning is not shown again), otherwise nothing.
CREATE VIEW person_current_level AS
SELECT p.id AS person_id,
  coalesce(
    (SELECT coalesce(c.confirmed_level, c.screen_level) FROM cases c WHERE c.person_id = p.id AND c.status = 'open'),
    (SELECT s.level FROM screenings s WHERE s.person_id = p.id AND s.status = 'submitted'
       AND s.submitted_at > coalesce(
         (SELECT max(e.ended_at) FROM cases e WHERE e.person_id = p.id AND e.status <> 'open'), '')
     ORDER BY s.submitted_at DESC LIMIT 1)) AS level
FROM people p;

ALTER TABLE people ADD COLUMN current_level TEXT;
UPDATE people SET current_level = (SELECT level FROM person_current_level WHERE person_id = people.id);

-- Every write that can move a level recomputes it for that person, whichever service made it.
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
