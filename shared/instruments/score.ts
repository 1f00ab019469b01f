import { ScoringError } from './errors';
import { findItem, isOptionValue, itemValueRange } from './options';
import { contribution, inInterval, roundScore, type Interval } from './ranges';
import type { ScaleResult, ScoreResult, ScoreWarning } from './result';
import type { Band, InstrumentDefinition, NormGroup, NormTable, Scale, Sex } from './schema';

/** Option values keyed by item id; null or undefined means unanswered. */
export type Answers = Readonly<Record<string, number | null | undefined>>;

/** Who answered, for norm tables; grade is 1–12 (七年级 = 7). */
export interface ScoringContext {
  grade?: number;
  sex?: Sex;
  age?: number;
}

/** Maps item values given in scored-item order (as in a spreadsheet row) to answers. */
export function answersFromValues(
  def: InstrumentDefinition,
  values: readonly (number | null)[],
): Record<string, number | null> {
  const scored = def.items.filter((item) => item.scored);
  if (values.length !== scored.length) {
    throw new ScoringError(
      'wrong_length',
      `${def.id} has ${scored.length} scored items, got ${values.length} values`,
    );
  }
  return Object.fromEntries(scored.map((item, i) => [item.id, values[i] ?? null]));
}

function checkAnswers(def: InstrumentDefinition, answers: Answers): Map<string, number | null> {
  for (const itemId of Object.keys(answers)) {
    if (!findItem(def, itemId))
      throw new ScoringError('unknown_item', `${def.id} has no item "${itemId}"`, itemId);
  }
  const values = new Map<string, number | null>();
  for (const item of def.items) {
    const value = answers[item.id];
    if (value === null || value === undefined) {
      values.set(item.id, null);
    } else if (typeof value !== 'number' || !isOptionValue(def, item.id, value)) {
      throw new ScoringError(
        'invalid_value',
        `${def.id} item "${item.id}" has no option with value ${String(value)}`,
        item.id,
        value,
      );
    } else {
      values.set(item.id, value);
    }
  }
  return values;
}

/** The band only when every possible completion of the answers falls in it. */
function certainBand(bands: readonly Band[] | undefined, range: Interval): string | null {
  const band = bands?.find((b) => inInterval(range.min, b));
  return band && inInterval(range.max, band) ? band.id : null;
}

/** True or false only when the missing answers cannot change the verdict. */
function certainAtLeast(range: Interval, min: number): boolean | null {
  if (range.min >= min) return true;
  if (range.max < min) return false;
  return null;
}

function groupMatches(group: NormGroup, context: ScoringContext): boolean {
  const { grades, sex, minAge, maxAge } = group.when;
  if (grades && (context.grade === undefined || !grades.includes(context.grade))) return false;
  if (sex && context.sex !== sex) return false;
  if (minAge !== undefined && (context.age === undefined || context.age < minAge)) return false;
  if (maxAge !== undefined && (context.age === undefined || context.age > maxAge)) return false;
  return true;
}

function standardScore(table: NormTable, score: number, context: ScoringContext): number | null {
  const group = table.groups.find((g) => groupMatches(g, context));
  return group?.points.find((p) => inInterval(score, p))?.standard ?? null;
}

function scoreScale(
  def: InstrumentDefinition,
  scale: Scale,
  values: ReadonlyMap<string, number | null>,
  context: ScoringContext,
  warnings: ScoreWarning[],
): ScaleResult {
  let raw = 0;
  let answered = 0;
  let low = 0;
  let high = 0;
  for (const itemId of scale.items) {
    const itemRange = itemValueRange(def, itemId);
    const value = values.get(itemId);
    if (value === null || value === undefined) {
      // Reversal maps an item's value range onto itself, so a blank spans the same range either way.
      low += itemRange.min;
      high += itemRange.max;
    } else {
      const c = contribution(scale, itemId, value, itemRange);
      raw += c;
      low += c;
      high += c;
      answered += 1;
    }
  }
  const expected = scale.items.length;
  const isMean = scale.method === 'mean';
  const range = isMean
    ? { min: roundScore(low / expected), max: roundScore(high / expected) }
    : { min: roundScore(low), max: roundScore(high) };
  const mean = answered === 0 ? null : roundScore(raw / answered);
  const score = answered === 0 ? null : isMean ? mean : roundScore(raw);

  const table = scale.norms === undefined ? undefined : def.norms.find((t) => t.id === scale.norms);
  // Norms were built from complete sheets, so a partial score has no standard score.
  let standard: number | null = null;
  if (table && score !== null && answered === expected) {
    standard = standardScore(table, score, context);
    if (standard === null) warnings.push({ code: 'no_norm_group', scale: scale.id });
  }

  let positive: boolean | null = null;
  if (scale.cutoff?.basis === 'score') positive = certainAtLeast(range, scale.cutoff.min);
  else if (scale.cutoff?.basis === 'standard' && standard !== null) positive = standard >= scale.cutoff.min;

  return {
    score,
    raw: answered === 0 ? null : roundScore(raw),
    ...(isMean ? { mean } : {}),
    ...(table ? { standard } : {}),
    range,
    band: certainBand(scale.bands, range),
    positive,
    answered,
    expected,
  };
}

function mustGet<T>(record: Readonly<Record<string, T>>, key: string): T {
  const value = record[key];
  if (value === undefined) throw new Error(`missing ${key}`);
  return value;
}

/**
 * Scores one sheet. Pure: the same definition and answers always give the same result.
 * Blank items are allowed (imported sheets have gaps): what is answered is scored, the
 * result says it is incomplete, bands and verdicts are given only when no completion of
 * the blanks could change them, and an answered critical item always fires.
 */
export function scoreInstrument(
  def: InstrumentDefinition,
  answers: Answers,
  context: ScoringContext = {},
): ScoreResult {
  const values = checkAnswers(def, answers);
  const itemNumber = (itemId: string) => findItem(def, itemId)?.number ?? 0;
  const missing = def.items
    .filter((item) => item.scored && values.get(item.id) === null)
    .map((item) => item.id);
  const expected = def.items.filter((item) => item.scored).length;

  const warnings: ScoreWarning[] = [];
  const subscales = Object.fromEntries(
    def.scales.map((scale) => [scale.id, scoreScale(def, scale, values, context, warnings)]),
  );
  const main = mustGet(subscales, def.mainScale);

  const critical: ScoreResult['critical'] = [];
  const criticalUnanswered: ScoreResult['criticalUnanswered'] = [];
  for (const rule of def.criticalItems) {
    const value = values.get(rule.item);
    if (value === null || value === undefined)
      criticalUnanswered.push({ item: rule.item, number: itemNumber(rule.item) });
    else if (value >= rule.min)
      critical.push({
        item: rule.item,
        number: itemNumber(rule.item),
        value,
        min: rule.min,
        reason: rule.reason,
      });
  }

  const invalidReasons: ScoreResult['invalidReasons'] = [];
  for (const rule of def.validity) {
    if (rule.kind === 'missing') {
      if (missing.length > rule.max) invalidReasons.push({ rule: rule.id, reason: rule.reason });
      continue;
    }
    const verdict = certainAtLeast(mustGet(subscales, rule.scale).range, rule.min);
    if (verdict === true) invalidReasons.push({ rule: rule.id, reason: rule.reason });
    else if (verdict === null) warnings.push({ code: 'validity_undetermined', rule: rule.id });
  }

  return {
    instrumentId: def.id,
    version: def.version,
    itemScores: Object.fromEntries(def.items.map((item) => [item.id, values.get(item.id) ?? null])),
    itemNumbers: Object.fromEntries(def.items.map((item) => [item.id, item.number])),
    total: main.score,
    totalRange: main.range,
    subscales,
    band: main.band,
    positive: main.positive,
    critical,
    criticalUnanswered,
    complete: missing.length === 0,
    answered: expected - missing.length,
    expected,
    missing,
    valid: invalidReasons.length === 0,
    invalidReasons,
    warnings,
  };
}
