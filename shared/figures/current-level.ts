/**
 * Where a person stands now — the ONE current level every screen shows (the register, the file's
 * 当前结果 card, the worklist, the dashboard's current levels, the export's 当前等级 column and the
 * CLI):
 *
 * 1. the level of their open case, as confirmed at interview (复核) or else as screened;
 * 2. otherwise the level of the latest screening submitted after their last case ended (a lifted
 *    or closed warning is not shown again until a new screening says so);
 * 3. otherwise none.
 *
 * Its SQL form is the `person_current_level` view (migration 0011), kept on `people.current_level`
 * by triggers whenever a screening or case moves it; services read that column, never the latest
 * screening. test/integration/current-level.test.ts checks the view against this function.
 */
export interface LevelCase {
  status: 'open' | 'lifted' | 'closed';
  screenLevel: string;
  confirmedLevel: string | null;
  endedAt: string | null;
}

export interface LevelScreening {
  status: string;
  level: string | null;
  submittedAt: string | null;
}

export function currentLevel(
  cases: readonly LevelCase[],
  screenings: readonly LevelScreening[],
): string | null {
  const open = cases.find((c) => c.status === 'open');
  if (open) return open.confirmedLevel ?? open.screenLevel;
  const lastEnded = cases.reduce((max, c) => (c.endedAt !== null && c.endedAt > max ? c.endedAt : max), '');
  let latest: LevelScreening | null = null;
  for (const s of screenings)
    if (
      s.status === 'submitted' &&
      s.submittedAt !== null &&
      s.submittedAt > lastEnded &&
      (latest === null || s.submittedAt > latest.submittedAt!)
    )
      latest = s;
  return latest?.level ?? null;
}
