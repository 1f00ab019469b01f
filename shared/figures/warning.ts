import type { Programme } from '../instruments/schema';
import type { TierLevel } from '../tiers/schema';

/**
 * The levels that count as a warning (school: all but the last, 绿) or as screen-positive
 * (perinatal: all but watch and negative, i.e. 危急 and 阳性 by default). The dashboard, the
 * export, the group report and the monthly trend all count 预警/阳性 by this one set.
 */
export function warningLevels<L extends Pick<TierLevel, 'id'>>(
  programme: Programme,
  levels: readonly L[],
): L[] {
  const drop = programme === 'perinatal' && levels.length >= 3 ? 2 : 1;
  return levels.slice(0, levels.length - drop);
}

/** People flagged: the sum of the counts at the warning levels (a level without a count adds 0). */
export function warningCount(
  byLevel: Readonly<Record<string, number>>,
  warning: readonly (string | Pick<TierLevel, 'id'>)[],
): number {
  return warning.reduce((n, level) => n + (byLevel[typeof level === 'string' ? level : level.id] ?? 0), 0);
}
