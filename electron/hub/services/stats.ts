import type { HubDb } from '../db/hub-db';
import { withScope } from './scoped';

export interface HubStats {
  /** Every installation in scope: invited, enrolled or revoked (a revoked one's figures stay in the sums). */
  installations: number;
  /** People on the installations' rosters and registers (from each one's newest bundle). */
  people: number;
  /** Screened person-times over every aggregate. */
  screenings: number;
  /** Screened by level id, summed over every aggregate. */
  byLevel: Record<string, number>;
}

/** `anxin hub stats`: the district's totals within a scope (null: the whole district). */
export async function hubStats(db: HubDb, scopeIds: readonly string[] | null): Promise<HubStats> {
  return withScope(db, scopeIds, async (tx) => {
    const [inst] = await tx.query<{ installations: number; people: number }>(
      `SELECT count(*)::int AS installations, coalesce(sum(people), 0)::int AS people FROM installations`,
    );
    const [agg] = await tx.query<{ screenings: number }>(
      'SELECT coalesce(sum(screened), 0)::int AS screenings FROM aggregates',
    );
    const levels = await tx.query<{ level: string; n: number }>(
      `SELECT l.key AS level, sum(l.value::int)::int AS n
         FROM aggregates a, jsonb_each_text(a.levels) AS l
        GROUP BY l.key ORDER BY l.key`,
    );
    return {
      installations: inst?.installations ?? 0,
      people: inst?.people ?? 0,
      screenings: agg?.screenings ?? 0,
      byLevel: Object.fromEntries(levels.map((l) => [l.level, l.n])),
    };
  });
}
