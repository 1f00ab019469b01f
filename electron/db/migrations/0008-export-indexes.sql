-- Indexes for the supervisor figures and the roster export, which read a period of one programme.
-- The period's screenings: dashboard counts, the statistics pass, the roster's flagged members.
CREATE INDEX screenings_period ON screenings (programme, status, submitted_at);
-- Few results fire a critical item: 关键条目阳性 counts start from them instead of every result.
CREATE INDEX screening_results_critical ON screening_results (screening_id) WHERE critical = 1;
-- A case's open tasks (the roster's 下次随访日期, the case page), and a programme's open cases.
CREATE INDEX tasks_case ON tasks (case_id, status, due_on);
CREATE INDEX cases_programme ON cases (programme, status);
-- Events of one kind in a period (随访次数, 解除预警, 结案).
CREATE INDEX case_events_kind ON case_events (kind, at);
