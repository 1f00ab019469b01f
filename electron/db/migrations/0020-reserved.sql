-- Placeholder: number 0020 belongs to another change of issue 14 being made at the same time.
-- Migrations must run without gaps, so this empty step holds its place; the merge replaces it.
SELECT 1;
