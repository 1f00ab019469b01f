-- The audit trail becomes a hash chain (see electron/db/audit-chain.ts): each row gains the hash of
-- the row before it and its own keyed hash. The table is rebuilt with AUTOINCREMENT so an id is
-- never handed out twice: a deleted row leaves a gap, and rows deleted at the end leave
-- sqlite_sequence ahead of the last id, both of which `anxin audit verify` names. Existing rows
-- keep their ids; they are sealed by the TypeScript step of this migration (sealUnchainedRows),
-- in the same transaction, with the key of the connection that runs it. Nothing references this table.
ALTER TABLE audit_log RENAME TO audit_log_old;
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_id INTEGER REFERENCES users (id),
  action TEXT NOT NULL,
  subject TEXT,
  detail TEXT,
  prev_hash TEXT,
  hash TEXT
) STRICT;
INSERT INTO audit_log (id, at, user_id, action, subject, detail)
  SELECT id, at, user_id, action, subject, detail FROM audit_log_old ORDER BY id;
DROP TABLE audit_log_old;
CREATE INDEX audit_log_at ON audit_log (at);
-- The viewer filters by person and by action over a date range.
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE INDEX audit_log_action ON audit_log (action, at);
