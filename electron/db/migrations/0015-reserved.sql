-- Placeholder on branch `clinical` only: number 15 belongs to another branch of issue 12.
-- The integrator drops this file when merging (migrations must be numbered without gaps).
SELECT 1;
