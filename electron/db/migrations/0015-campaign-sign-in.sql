-- How respondents prove who they are at a LAN station, chosen per campaign (issue 12): a number
-- alone (学籍号, 保健手册编号, 身份证号) is known to classmates and neighbours, so every mode adds
-- something an onlooker lacks. School: printed slips (default) or 学籍号 + birth date + the
-- lesson's rotating station code. Perinatal: handbook/ID number + birth date or the phone's last
-- four digits (default), or a one-time check-in code the clinician issues.
ALTER TABLE campaigns ADD COLUMN sign_in TEXT NOT NULL DEFAULT 'slip'
  CHECK (sign_in IN ('slip', 'student_no_birth_code', 'handbook_plus', 'checkin_code'));
-- Existing campaigns keep working the way their lessons already ran: a school campaign whose
-- slips were printed keeps slips; one that never printed any signs in by 学籍号 + birth date,
-- now with the lesson's code. Clinics get the second factor.
UPDATE campaigns SET sign_in = CASE
  WHEN programme = 'perinatal' THEN 'handbook_plus'
  WHEN EXISTS (SELECT 1 FROM campaign_participants cp WHERE cp.campaign_id = campaigns.id AND cp.slip_code IS NOT NULL)
    THEN 'slip'
  ELSE 'student_no_birth_code'
END;
