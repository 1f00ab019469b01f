-- A person's current level (people lists) looks up their cases; the partial index covers open ones only.
CREATE INDEX cases_person ON cases (person_id, status);
