-- The case loop (issue 14). Tasks gain make_referral (办理转介: 转介就医 was decided without the
-- referral's details) and the referral a referral_check belongs to, so attending one referral ends
-- its own 核实到位 task and not another's. SQLite cannot widen a CHECK in place, so tasks is rebuilt
-- with its rows, ids and indexes (as in 0013); nothing references it.
ALTER TABLE tasks RENAME TO tasks_old;
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL CHECK (kind IN ('safety_check', 'first_contact', 'follow_up', 'referral_check', 'confirm_in_person', 'make_referral')),
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  created_at TEXT NOT NULL,
  done_at TEXT,
  done_by INTEGER REFERENCES users (id),
  referral_id INTEGER REFERENCES referrals (id)
) STRICT;
-- An existing referral_check belongs to the case's referral it was planned from (due 14 days after
-- it); one that matches none stays unlinked and, as before, any referral step of its case ends it.
INSERT INTO tasks (id, case_id, kind, due_on, status, created_at, done_at, done_by, referral_id)
  SELECT t.id, t.case_id, t.kind, t.due_on, t.status, t.created_at, t.done_at, t.done_by,
         CASE WHEN t.kind = 'referral_check' THEN (
           SELECT r.id FROM referrals r WHERE r.case_id = t.case_id AND date(r.referred_on, '+14 days') = t.due_on
           ORDER BY r.id DESC LIMIT 1) END
    FROM tasks_old t;
DROP TABLE tasks_old;
CREATE INDEX tasks_open ON tasks (status, due_on);
CREATE INDEX tasks_case ON tasks (case_id, status, due_on);

-- The specialist's conclusion as a choice (确诊 / 排除 / 待定) and an optional ICD-10 code, beside
-- the sealed free text. A diagnosis recorded before is 待定: its text is not read for a verdict
-- (it may say 排除抑郁症), so the clinician records the conclusion once more.
ALTER TABLE referrals ADD COLUMN conclusion TEXT CHECK (conclusion IN ('confirmed', 'excluded', 'pending'));
ALTER TABLE referrals ADD COLUMN icd10 TEXT;
UPDATE referrals SET conclusion = 'pending' WHERE diagnosis IS NOT NULL OR status = 'diagnosed';
