-- A handbook number (保健手册编号) names one woman in the organisation: the station signs women in
-- by it, so two women under one number meant one could open the other's sheet. Older imports let
-- such duplicates in; they cannot be told apart here, so every woman sharing a number is marked
-- (handbook_no_clash = 1) and left out of the unique index. The app refuses station sign-in by a
-- shared number and refuses to give a taken number to anyone else; correcting a marked woman's
-- number clears her mark.
ALTER TABLE people ADD COLUMN handbook_no_clash INTEGER NOT NULL DEFAULT 0 CHECK (handbook_no_clash IN (0, 1));
UPDATE people SET handbook_no_clash = 1
WHERE kind = 'woman' AND handbook_no IS NOT NULL AND upper(handbook_no) IN (
  SELECT upper(handbook_no) FROM people WHERE kind = 'woman' AND handbook_no IS NOT NULL
  GROUP BY upper(handbook_no) HAVING count(*) > 1
);
CREATE UNIQUE INDEX people_handbook_no ON people (handbook_no)
  WHERE kind = 'woman' AND handbook_no IS NOT NULL AND handbook_no_clash = 0;
