import type { TierSettings } from '../../shared/api/instruments';
import { AppError } from '../../shared/api/errors';
import type { Programme } from '../../shared/instruments';
import {
  defaultPerinatalRules,
  defaultSchoolRules,
  parseTierRuleSet,
  type TierRuleSet,
} from '../../shared/tiers';
import type { Db } from '../db/database';
import { nowIso } from '../db/database';
import { audit } from './audit';
import { statement } from '../db/statements';

export const defaultRules: Record<Programme, TierRuleSet> = {
  school: defaultSchoolRules,
  perinatal: defaultPerinatalRules,
};

interface RuleSetRow {
  version: number;
  definition: string;
  created_at: string;
  created_by: string | null;
}

function savedVersions(db: Db, programme: Programme): RuleSetRow[] {
  return statement<[Programme], RuleSetRow>(
    db,
    `SELECT r.version, r.definition, r.created_at, u.display_name AS created_by
       FROM tier_rule_sets r LEFT JOIN users u ON u.id = r.created_by
       WHERE r.programme = ? ORDER BY r.version DESC`,
  ).all(programme);
}

/**
 * The rule set new results are judged by: the newest saved version, or the shipped default (version 0).
 * The default is read from code, not stored, so a database that never saved its own rules takes up a
 * new default version on upgrade (1.1 added PHQ-2/GAD-2 ≥ 3) with no migration; a saved version is
 * an administrator's decision and is never rewritten. Past results keep the thresholds they stored.
 */
export function activeRuleSet(db: Db, programme: Programme): TierRuleSet {
  const [latest] = savedVersions(db, programme);
  return latest ? parseTierRuleSet(JSON.parse(latest.definition)) : defaultRules[programme];
}

export function tierSettings(db: Db, programme: Programme): TierSettings {
  const rows = savedVersions(db, programme);
  const history = [
    ...rows.map((r) => ({ version: r.version, createdAt: r.created_at, createdBy: r.created_by })),
    { version: 0, createdAt: null, createdBy: null },
  ];
  const [latest] = rows;
  return {
    programme,
    active: latest
      ? { ...history[0]!, ruleSet: parseTierRuleSet(JSON.parse(latest.definition)) }
      : { version: 0, createdAt: null, createdBy: null, ruleSet: defaultRules[programme] },
    history,
  };
}

/** Saves a changed rule set as a new version; earlier results keep the version they name. */
export function saveRuleSet(db: Db, userId: number, programme: Programme, input: unknown): TierSettings {
  const ruleSet = parseTierRuleSet(input);
  if (ruleSet.programme !== programme) {
    throw new AppError('invalid_input', `The rule set is for ${ruleSet.programme}, not ${programme}.`);
  }
  db.transaction(() => {
    const next =
      (db
        .prepare<[Programme], number>(
          'SELECT coalesce(max(version), 0) FROM tier_rule_sets WHERE programme = ?',
        )
        .pluck()
        .get(programme) ?? 0) + 1;
    const stored = { ...ruleSet, version: String(next) };
    db.prepare(
      'INSERT INTO tier_rule_sets (programme, version, definition, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
    ).run(programme, next, JSON.stringify(stored), nowIso(), userId);
    audit(db, userId, 'tiers.save', programme, { version: next });
  })();
  return tierSettings(db, programme);
}
