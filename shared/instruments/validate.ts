import { findItem, normaliseLabel, resolveOptionSet, valueRange } from './options';
import { achievableScores, inInterval, type Interval } from './ranges';
import type { InstrumentDefinition, OptionSetBody, Scale } from './schema';
import { languages } from './languages';

export type IssuePath = (string | number)[];
export interface RawIssue {
  path: IssuePath;
  message: string;
}
type Report = (path: IssuePath, message: string) => void;

/**
 * Cross-reference checks a zod shape cannot express. A definition that passes scores every
 * possible answer: each answer falls in exactly one band and one norm row, and every
 * reference (item, option set, scale, norm table) resolves.
 */
export function validateDefinition(def: InstrumentDefinition): RawIssue[] {
  const issues: RawIssue[] = [];
  const report: Report = (path, message) => issues.push({ path, message });
  checkItems(def, report);
  checkScales(def, report);
  checkCriticalItems(def, report);
  checkValidityRules(def, report);
  checkNormTables(def, report);
  checkRange(def.population.minGrade, def.population.maxGrade, ['population', 'maxGrade'], report);
  checkRange(def.population.minAge, def.population.maxAge, ['population', 'maxAge'], report);
  return issues;
}

function checkUnique(
  values: readonly (string | number)[],
  path: (index: number) => IssuePath,
  what: string,
  report: Report,
) {
  const seen = new Set<string | number>();
  values.forEach((value, index) => {
    if (seen.has(value)) report(path(index), `duplicate ${what} ${JSON.stringify(value)}`);
    seen.add(value);
  });
}

function checkRange(min: number | undefined, max: number | undefined, path: IssuePath, report: Report) {
  if (min !== undefined && max !== undefined && min > max)
    report(path, `maximum ${max} is below minimum ${min}`);
}

function checkItems(def: InstrumentDefinition, report: Report) {
  checkUnique(
    def.items.map((i) => i.id),
    (i) => ['items', i, 'id'],
    'item id',
    report,
  );
  def.items.forEach((item, i) => {
    const previous = def.items[i - 1];
    if (previous && item.number <= previous.number) {
      report(
        ['items', i, 'number'],
        `item numbers must increase in listed order: ${item.number} follows ${previous.number}`,
      );
    }
    if (typeof item.optionSet === 'object') checkOptionSet(item.optionSet, ['items', i, 'optionSet'], report);
    else if (item.optionSet !== undefined && !def.optionSets.some((s) => s.id === item.optionSet)) {
      report(['items', i, 'optionSet'], `unknown option set "${item.optionSet}"`);
    } else if (item.optionSet === undefined && def.defaultOptionSet === undefined) {
      report(
        ['items', i, 'optionSet'],
        `item "${item.id}" has no options: give it an optionSet or set defaultOptionSet`,
      );
    }
    if (item.scored && !def.scales.some((s) => s.items.includes(item.id))) {
      report(['items', i, 'scored'], `scored item "${item.id}" belongs to no scale`);
    }
    // A skipped item must never be missing from a score.
    if (item.askIf !== undefined && item.scored) {
      report(['items', i, 'askIf'], `item "${item.id}" is asked only sometimes, so it must be scored: false`);
    }
  });
  checkUnique(
    def.optionSets.map((s) => s.id),
    (k) => ['optionSets', k, 'id'],
    'option set id',
    report,
  );
  def.optionSets.forEach((set, k) => checkOptionSet(set, ['optionSets', k], report));
  if (def.defaultOptionSet !== undefined && !def.optionSets.some((s) => s.id === def.defaultOptionSet)) {
    report(['defaultOptionSet'], `unknown option set "${def.defaultOptionSet}"`);
  }
}

function checkOptionSet(set: OptionSetBody, path: IssuePath, report: Report) {
  const values = set.options.map((o) => o.value);
  checkUnique(values, (j) => [...path, 'options', j, 'value'], 'option value', report);
  // Imports map answer text back to a value, so a label may stand for one value only, in any language.
  const valueByLabel = new Map<string, number>();
  set.options.forEach((option, j) => {
    for (const language of languages) {
      const label = normaliseLabel(option.label[language]);
      const other = valueByLabel.get(label);
      if (other !== undefined && other !== option.value) {
        report(
          [...path, 'options', j, 'label', language],
          `label "${label}" already stands for value ${other}`,
        );
      }
      valueByLabel.set(label, option.value);
    }
  });
  for (const language of languages) {
    const order = set.displayOrder?.[language];
    if (!order) continue;
    const isPermutation =
      order.length === values.length &&
      new Set(order).size === order.length &&
      order.every((v) => values.includes(v));
    if (!isPermutation) {
      report(
        [...path, 'displayOrder', language],
        `must list each option value once: expected a permutation of [${values.join(', ')}]`,
      );
    }
  }
}

function checkScales(def: InstrumentDefinition, report: Report) {
  checkUnique(
    def.scales.map((s) => s.id),
    (s) => ['scales', s, 'id'],
    'scale id',
    report,
  );
  if (!def.scales.some((s) => s.id === def.mainScale))
    report(['mainScale'], `unknown scale "${def.mainScale}"`);
  def.scales.forEach((scale, s) => {
    const path: IssuePath = ['scales', s];
    let refsOk = true;
    checkUnique(scale.items, (j) => [...path, 'items', j], 'item', report);
    scale.items.forEach((itemId, j) => {
      const item = findItem(def, itemId);
      if (!item) report([...path, 'items', j], `unknown item "${itemId}"`);
      else if (!item.scored)
        report([...path, 'items', j], `item "${itemId}" is unscored and cannot count in a scale`);
      if (!item || !resolveOptionSet(def, item)) refsOk = false;
    });
    scale.reversed?.forEach((itemId, j) => {
      if (!scale.items.includes(itemId))
        report([...path, 'reversed', j], `reversed item "${itemId}" is not in this scale`);
    });
    if (scale.norms !== undefined && !def.norms.some((t) => t.id === scale.norms)) {
      report([...path, 'norms'], `unknown norm table "${scale.norms}"`);
    }
    if (scale.cutoff?.basis === 'standard' && scale.norms === undefined) {
      report([...path, 'cutoff', 'basis'], 'a cut-off on standard scores needs a norm table');
    }
    if (!refsOk) return;
    const scores = achievableScores(def, scale);
    if (!scores) {
      report(path, 'too many distinct possible scores to check bands and norms; simplify the option values');
      return;
    }
    if (scale.bands) {
      checkUnique(
        scale.bands.map((b) => b.id),
        (b) => [...path, 'bands', b, 'id'],
        'band id',
        report,
      );
      checkPartition(
        scale.bands,
        scores,
        [...path, 'bands'],
        (b) => `band "${scale.bands?.[b]?.id}"`,
        report,
      );
    }
    if (scale.cutoff?.basis === 'score')
      checkThreshold(scale.cutoff.min, scores, [...path, 'cutoff', 'min'], report);
  });
}

/**
 * Intervals (bands, norm rows) must be listed ascending, must not overlap, must stay within
 * the possible scores and each hold one, and together must hold every possible score.
 */
function checkPartition(
  intervals: readonly Interval[],
  scores: readonly number[],
  path: IssuePath,
  name: (i: number) => string,
  report: Report,
) {
  intervals.forEach((interval, i) => {
    if (interval.min > interval.max)
      report([...path, i, 'max'], `${name(i)}: max ${interval.max} is below min ${interval.min}`);
    const previous = intervals[i - 1];
    if (previous && interval.min <= previous.max) {
      report(
        [...path, i, 'min'],
        `${name(i)} (${interval.min}–${interval.max}) overlaps or precedes ${name(i - 1)} (${previous.min}–${previous.max}); list them ascending without overlap`,
      );
    }
    const lowest = scores[0] ?? 0;
    const highest = scores[scores.length - 1] ?? 0;
    if (!scores.some((x) => inInterval(x, interval))) {
      report(
        [...path, i],
        `${name(i)} (${interval.min}–${interval.max}) holds no possible score (possible: ${lowest}–${highest})`,
      );
    } else if (interval.min < lowest || interval.max > highest) {
      // Harmless to scoring, but a bound past the possible scores is usually a typo (72 for 27).
      report(
        [...path, i],
        `${name(i)} (${interval.min}–${interval.max}) reaches past the possible scores ${lowest}–${highest}`,
      );
    }
  });
  const uncovered = scores.filter((x) => !intervals.some((interval) => inInterval(x, interval)));
  if (uncovered.length > 0) {
    report(
      path,
      `possible score${uncovered.length > 1 ? 's' : ''} ${uncovered.slice(0, 5).join(', ')}${uncovered.length > 5 ? ', …' : ''} fall${uncovered.length > 1 ? '' : 's'} in no range`,
    );
  }
}

/** A threshold no answer can reach, or every answer reaches, is a typo, not a rule. */
function checkThreshold(min: number, scores: readonly number[], path: IssuePath, report: Report) {
  const lowest = scores[0];
  const highest = scores[scores.length - 1];
  if (lowest === undefined || highest === undefined) return;
  if (min > highest) report(path, `${min} is above the highest possible score ${highest}, so it never fires`);
  else if (min <= lowest)
    report(path, `${min} is at or below the lowest possible score ${lowest}, so it always fires`);
}

function checkCriticalItems(def: InstrumentDefinition, report: Report) {
  def.criticalItems.forEach((critical, c) => {
    const item = findItem(def, critical.item);
    const set = item && resolveOptionSet(def, item);
    if (!item) report(['criticalItems', c, 'item'], `unknown item "${critical.item}"`);
    if (!set) return;
    const range = valueRange(set);
    checkThreshold(critical.min, [range.min, range.max], ['criticalItems', c, 'min'], report);
  });
}

function findScaleScores(
  def: InstrumentDefinition,
  scaleId: string,
): { scale: Scale; scores: number[] | undefined } | undefined {
  const scale = def.scales.find((s) => s.id === scaleId);
  return scale && { scale, scores: achievableScores(def, scale) };
}

function checkValidityRules(def: InstrumentDefinition, report: Report) {
  checkUnique(
    def.validity.map((r) => r.id),
    (v) => ['validity', v, 'id'],
    'validity rule id',
    report,
  );
  const scoredCount = def.items.filter((i) => i.scored).length;
  def.validity.forEach((rule, v) => {
    if (rule.kind === 'missing') {
      if (rule.max >= scoredCount)
        report(
          ['validity', v, 'max'],
          `${rule.max} missing answers can never be exceeded (${scoredCount} scored items)`,
        );
      return;
    }
    const found = findScaleScores(def, rule.scale);
    if (!found) report(['validity', v, 'scale'], `unknown scale "${rule.scale}"`);
    else if (found.scores) checkThreshold(rule.min, found.scores, ['validity', v, 'min'], report);
  });
}

function checkNormTables(def: InstrumentDefinition, report: Report) {
  checkUnique(
    def.norms.map((t) => t.id),
    (t) => ['norms', t, 'id'],
    'norm table id',
    report,
  );
  def.norms.forEach((table, t) => {
    const users = def.scales.filter((s) => s.norms === table.id);
    if (users.length === 0) report(['norms', t, 'id'], `norm table "${table.id}" is used by no scale`);
    table.groups.forEach((group, g) => {
      const path: IssuePath = ['norms', t, 'groups', g];
      checkRange(group.when.minAge, group.when.maxAge, [...path, 'when', 'maxAge'], report);
      const catchAll = Object.values(group.when).every((v) => v === undefined);
      if (catchAll && g < table.groups.length - 1)
        report([...path, 'when'], 'a group without criteria matches everyone, so it must come last');
      for (const scale of users) {
        const scores = achievableScores(def, scale);
        if (scores) checkPartition(group.points, scores, [...path, 'points'], (p) => `row ${p}`, report);
      }
    });
  });
}
