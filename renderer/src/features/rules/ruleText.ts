import type { TierCondition, TierRuleSet } from '../../../../shared/tiers/schema';
import { i18n } from '../../i18n';
import { formatRange } from '../../lib/format';
import { itemLabel } from '../library/instrumentText';

type Lang = 'zh' | 'en';

/** A condition in words: "PHQ-9 总分 15–19", "EPDS 第 10 题（自伤念头）≥ 1". */
export function conditionText(when: TierCondition, lang: Lang): string {
  switch (when.kind) {
    case 'critical':
      return when.instrument
        ? i18n.t('rules.when.criticalOf', { instrument: when.instrument })
        : i18n.t('rules.when.criticalAny');
    case 'item':
      return i18n.t('rules.when.item', {
        instrument: when.instrument,
        item: itemLabel(when.item),
        label: when.label ? i18n.t('rules.when.itemLabel', { label: when.label[lang] }) : '',
        min: when.min,
      });
    case 'total':
      return i18n.t('rules.when.total', {
        instrument: when.instrument,
        range: formatRange(when.min, when.max),
        label: when.label ? i18n.t('rules.when.itemLabel', { label: when.label[lang] }) : '',
      });
  }
}

/** What a save would change, one line per difference, for the confirmation. */
export function describeChanges(before: TierRuleSet, after: TierRuleSet, lang: Lang): string[] {
  const lines: string[] = [];
  after.levels.forEach((level, i) => {
    const old = before.levels[i];
    if (!old) return;
    const name = old.name[lang];
    if (old.name.zh !== level.name.zh || old.name.en !== level.name.en)
      lines.push(
        i18n.t('rules.change.name', {
          level: name,
          to: `${level.name.zh} / ${level.name.en}`,
        }),
      );
    if (old.colour.toLowerCase() !== level.colour.toLowerCase())
      lines.push(i18n.t('rules.change.colour', { level: name, from: old.colour, to: level.colour }));
  });
  after.rules.forEach((rule, i) => {
    const old = before.rules[i];
    if (!old) return;
    const from = conditionText(old.when, lang);
    const to = conditionText(rule.when, lang);
    if (from !== to) lines.push(i18n.t('rules.change.rule', { from, to }));
  });
  return lines;
}
