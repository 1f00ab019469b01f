import { programmeSchema, getInstrument, type ScoreResult } from '../../../shared/instruments';
import { AppError } from '../../../shared/api/errors';
import { evaluateTier, reasonFact, reasonWords, type TierResult } from '../../../shared/tiers';
import { scoreValues } from '../../services/instruments';
import { defaultRules } from '../../services/tier-rules';
import { optionalString, requireString, type CliValues } from '../args';
import { call, loggedInContext } from '../session';
import { parseValues } from '../values';
import type { Command } from './types';

const BATTERY_OPTIONS = [
  ['phq9', 'PHQ-9'],
  ['gad7', 'GAD-7'],
  ['phq2', 'PHQ-2'],
  ['gad2', 'GAD-2'],
  ['epds', 'EPDS'],
] as const;

function battery(values: CliValues) {
  const entries = BATTERY_OPTIONS.flatMap(([option, instrumentId]) => {
    const text = optionalString(values, option);
    return text === undefined ? [] : [{ instrumentId, values: parseValues(text, option) }];
  });
  if (entries.length === 0)
    throw new AppError(
      'invalid_input',
      `Give at least one of ${BATTERY_OPTIONS.map(([option]) => `--${option}`).join(', ')}.`,
    );
  return entries;
}

export const tierCommand: Command = {
  name: 'tier',
  usage:
    'anxin tier --programme school|perinatal [--phq9 "…"] [--gad7 "…"] [--phq2 "…"] [--gad2 "…"] [--epds "…"] [--data-dir DIR] [--json]   (default rules, or the data folder\'s)',
  async run({ values }) {
    const programme = programmeSchema.safeParse(requireString(values, 'programme'));
    if (!programme.success) throw new AppError('invalid_input', '--programme must be school or perinatal.');
    const entries = battery(values);
    let tier: TierResult;
    if (optionalString(values, 'data-dir')) {
      const ctx = await loggedInContext(values);
      try {
        tier = (await call(ctx, 'tiers.evaluate', { programme: programme.data, battery: entries })).tier;
      } finally {
        await call(ctx, 'auth.logout', {});
      }
    } else {
      const results: ScoreResult[] = entries.map((e) =>
        scoreValues(getInstrument(e.instrumentId)!, e.values),
      );
      tier = evaluateTier(defaultRules[programme.data], results);
    }
    // Both wordings for people and scripts, and the finding itself as data (kind and numbers).
    const reasons = tier.reasons.map((r) => ({
      zh: reasonWords(r, 'zh'),
      en: reasonWords(r, 'en'),
      fact: reasonFact(r),
    }));
    const key = programme.data === 'school' ? 'level' : 'result';
    return {
      json: {
        [key]: tier.level,
        reasons,
        ruleSet: `${tier.ruleSetId}@${tier.ruleSetVersion}`,
        complete: tier.complete,
      },
      text: [
        `${key === 'level' ? '预警等级 level' : '筛查结果 result'}: ${tier.level}`,
        ...reasons.map((r) => `  · ${r.zh}`),
      ].join('\n'),
    };
  },
};
