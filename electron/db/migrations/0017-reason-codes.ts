import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { builtinInstruments, instrumentDefinitionSchema } from '../../../shared/instruments';
import type { LocalizedText } from '../../../shared/instruments';
import { contactMethodSchema } from '../../../shared/api/cases';
import {
  defaultPerinatalRules,
  defaultSchoolRules,
  tierRuleSetSchema,
  type ReasonFact,
  type TierRuleSet,
} from '../../../shared/tiers';

/**
 * Migration 17: stored Chinese becomes keys and data. Before it, a case's flag kept its reasons as
 * Chinese sentences ("PHQ-9 第9题阳性（自伤念头）"), a scored sheet kept them as zh/en sentence
 * pairs, and follow-ups and guardian contacts kept their method as 面谈/电话/家访/线上. The
 * sentences were written by one formatter (shared/tiers/reasons.ts before this version), so they
 * are read back into findings here; one that cannot be read stays as text (`kind: 'text'`).
 */

const METHODS: Record<string, z.infer<typeof contactMethodSchema>> = {
  面谈: 'in_person',
  电话: 'phone',
  家访: 'home_visit',
  线上: 'online',
};

const N = String.raw`(-?\d+(?:\.\d+)?)`;
const ITEM_POSITIVE = new RegExp(String.raw`^(\S+) 第(\d+)题阳性（(.+)）$`);
const ITEM_AT_LEAST = new RegExp(String.raw`^(\S+) 第(\d+)题 ${N} 分 ≥ ${N}$`);
const ITEM_BLANK = /^(\S+) 第(\d+)题未作答$/;
const TOTAL_AT_LEAST = new RegExp(String.raw`^(\S+) 总分( |至少 )${N} ≥ ${N}(（作答不完整）)?(?:，(.+))?$`);
const TOTAL_BAND = new RegExp(String.raw`^(\S+) 总分( |至少 )${N}（${N}–${N}(，作答不完整)?）(?:，(.+))?$`);
const INVALID_ZH = '（问卷无效）';
const INVALID_EN = ' (sheet invalid)';

/** Chinese meaning or label → both languages, from the definitions and rules the sentences came from. */
export type Meanings = Map<string, LocalizedText>;

/**
 * A sentence of the old formatter read back into a finding. `en` is the English twin when stored
 * (a scored sheet kept both), which gives a meaning's or label's English exactly; without it
 * (a case's flag kept only Chinese) the definitions and rules are asked.
 */
export function readLegacyReason(zhText: string, enText: string | undefined, meanings: Meanings): ReasonFact {
  const asText: ReasonFact = { kind: 'text', text: { zh: zhText, en: enText ?? zhText } };
  const invalid = zhText.endsWith(INVALID_ZH);
  const zh = invalid ? zhText.slice(0, -INVALID_ZH.length) : zhText;
  const en =
    enText !== undefined && enText.endsWith(INVALID_EN) ? enText.slice(0, -INVALID_EN.length) : enText;
  const flag = invalid ? { invalid: true } : {};
  const both = (zhWords: string, enWords: string | undefined): LocalizedText =>
    enWords ? { zh: zhWords, en: enWords } : (meanings.get(zhWords) ?? { zh: zhWords, en: zhWords });
  let m = ITEM_POSITIVE.exec(zh);
  if (m) {
    const enMeaning = en ? /positive \((.+)\)$/.exec(en)?.[1] : undefined;
    return {
      kind: 'item_positive',
      instrument: m[1]!,
      item: Number(m[2]),
      meaning: both(m[3]!, enMeaning),
      ...flag,
    };
  }
  m = ITEM_AT_LEAST.exec(zh);
  if (m)
    return {
      kind: 'item_at_least',
      instrument: m[1]!,
      item: Number(m[2]),
      value: Number(m[3]),
      min: Number(m[4]),
      ...flag,
    };
  m = ITEM_BLANK.exec(zh);
  if (m) return { kind: 'item_blank', instrument: m[1]!, item: Number(m[2]), ...flag };
  const enLabel = (zhLabel: string | undefined) =>
    zhLabel === undefined ? {} : { label: both(zhLabel, en ? /: (.+)$/.exec(en)?.[1] : undefined) };
  m = TOTAL_AT_LEAST.exec(zh);
  if (m) {
    const complete = m[2] === ' ';
    // The incomplete mark and the 至少 go together; a sentence with one and not the other is not ours.
    if (complete === (m[5] !== undefined)) return asText;
    return {
      kind: 'total_at_least',
      instrument: m[1]!,
      total: Number(m[3]),
      min: Number(m[4]),
      complete,
      ...enLabel(m[6]),
      ...flag,
    };
  }
  m = TOTAL_BAND.exec(zh);
  if (m) {
    const complete = m[2] === ' ';
    if (complete === (m[6] !== undefined)) return asText;
    return {
      kind: 'total_band',
      instrument: m[1]!,
      total: Number(m[3]),
      min: Number(m[4]),
      max: Number(m[5]),
      complete,
      ...enLabel(m[7]),
      ...flag,
    };
  }
  return asText;
}

/** Every critical-item meaning and rule label the database and the built-ins know, by their Chinese. */
function knownMeanings(db: Database): Meanings {
  const meanings: Meanings = new Map();
  const add = (text: LocalizedText | undefined) => {
    if (text && !meanings.has(text.zh)) meanings.set(text.zh, text);
  };
  const definitions = [...builtinInstruments];
  for (const row of db
    .prepare<[], { definition: string }>('SELECT definition FROM custom_instruments')
    .all()) {
    const parsed = instrumentDefinitionSchema.safeParse(JSON.parse(row.definition));
    if (parsed.success) definitions.push(parsed.data);
  }
  for (const def of definitions) for (const c of def.criticalItems) add(c.reason);
  const ruleSets: TierRuleSet[] = [defaultSchoolRules, defaultPerinatalRules];
  for (const row of db.prepare<[], { definition: string }>('SELECT definition FROM tier_rule_sets').all()) {
    const parsed = tierRuleSetSchema.safeParse(JSON.parse(row.definition));
    if (parsed.success) ruleSets.push(parsed.data);
  }
  for (const set of ruleSets)
    for (const rule of set.rules) if (rule.when.kind !== 'critical') add(rule.when.label);
  return meanings;
}

const legacyPairSchema = z.looseObject({ zh: z.string(), en: z.string() });
const storedTierSchema = z.looseObject({ reasons: z.array(z.looseObject({})) });
const flagDetailSchema = z.looseObject({ reasons: z.array(z.unknown()) });

/** A scored sheet's tier: each zh/en pair becomes its finding, keeping the level and rule it carried. */
function convertTiers(db: Database, meanings: Meanings): void {
  const update = db.prepare('UPDATE screenings SET tier = ? WHERE id = ?');
  for (const row of db
    .prepare<[], { id: number; tier: string }>('SELECT id, tier FROM screenings WHERE tier IS NOT NULL')
    .all()) {
    const tier = storedTierSchema.safeParse(JSON.parse(row.tier));
    if (!tier.success) continue;
    let changed = false;
    const reasons = tier.data.reasons.map((reason) => {
      const pair = legacyPairSchema.safeParse(reason);
      if (!pair.success || 'kind' in reason) return reason;
      changed = true;
      const { zh, en, ...rest } = pair.data;
      const fact = readLegacyReason(zh, en, meanings);
      // What this pair taught (a meaning's or a label's English) helps read the Chinese-only flags.
      if (fact.kind === 'item_positive') meanings.set(fact.meaning.zh, fact.meaning);
      if ((fact.kind === 'total_at_least' || fact.kind === 'total_band') && fact.label)
        meanings.set(fact.label.zh, fact.label);
      return { ...rest, ...fact };
    });
    if (changed) update.run(JSON.stringify({ ...tier.data, reasons }), row.id);
  }
}

/** A case's flag events: the Chinese reasons become findings. Only `reasons` (an open key) is touched. */
function convertFlags(db: Database, meanings: Meanings): void {
  const update = db.prepare(
    "UPDATE case_events SET detail = json_set(detail, '$.reasons', json(?)) WHERE id = ?",
  );
  for (const row of db
    .prepare<[], { id: number; detail: string }>(
      "SELECT id, detail FROM case_events WHERE kind = 'flagged' AND json_type(detail, '$.reasons') = 'array'",
    )
    .all()) {
    const detail = flagDetailSchema.safeParse(JSON.parse(row.detail));
    if (!detail.success || !detail.data.reasons.some((r) => typeof r === 'string')) continue;
    const reasons = detail.data.reasons.map((r) =>
      typeof r === 'string' ? readLegacyReason(r, undefined, meanings) : r,
    );
    update.run(JSON.stringify(reasons), row.id);
  }
}

/** Follow-ups and guardian contacts: 面谈/电话/家访/线上 become in_person/phone/home_visit/online. */
function convertMethods(db: Database): void {
  const update = db.prepare("UPDATE case_events SET detail = json_set(detail, '$.method', ?) WHERE id = ?");
  for (const row of db
    .prepare<[], { id: number; method: string }>(
      `SELECT id, json_extract(detail, '$.method') AS method FROM case_events
        WHERE kind IN ('follow_up', 'guardian_contact') AND json_type(detail, '$.method') = 'text'`,
    )
    .all()) {
    const key = METHODS[row.method];
    if (key) update.run(key, row.id);
  }
}

export const step = (db: Database): void => {
  const meanings = knownMeanings(db);
  convertTiers(db, meanings);
  convertFlags(db, meanings);
  convertMethods(db);
};
