import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  builtinInstruments,
  displayOptions,
  getInstrument,
  type InstrumentDefinition,
} from '../../shared/instruments';

// The instrument reference (a verbatim copy, see test/fixtures/README.md); texts are checked against it verbatim.
const reference = readFileSync(path.resolve(__dirname, '../fixtures/instruments.md'), 'utf8');

function section(heading: string): string {
  const start = reference.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = reference.indexOf('\n## ', start + 1);
  return reference.slice(start, end < 0 ? undefined : end);
}

function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  if (start < 0 || end < 0) throw new Error(`no text between ${from} and ${to}`);
  return text.slice(start + from.length, end);
}

/** `| 1 | English | 中文 |` rows of a section's item table. */
function tableItems(heading: string): { number: number; en: string; zh: string }[] {
  return [...section(heading).matchAll(/^\| (\d+) \| (.+?) \| (.+?) \|$/gm)].map((m) => ({
    number: Number(m[1]),
    en: m[2] ?? '',
    zh: m[3] ?? '',
  }));
}

function instrument(id: string): InstrumentDefinition {
  const def = getInstrument(id);
  if (!def) throw new Error(`no built-in ${id}`);
  return def;
}

const scoredTexts = (def: InstrumentDefinition) =>
  def.items.filter((i) => i.scored).map((i) => ({ number: i.number, en: i.text.en, zh: i.text.zh }));

/** Every string anywhere in a definition. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('built-in instruments', () => {
  test('are exactly the six named ones, each parsed and marked built-in', () => {
    expect(builtinInstruments.map((d) => d.id)).toEqual([
      'PHQ-9',
      'PHQ-2',
      'GAD-7',
      'GAD-2',
      'EPDS',
      'PSC-17',
    ]);
    for (const def of builtinInstruments) {
      expect(def.builtin).toBe(true);
      expect(getInstrument(def.id)).toBe(def);
    }
    expect(getInstrument('SCL-90')).toBeUndefined();
  });

  test('never call a screen a diagnosis', () => {
    for (const def of builtinInstruments)
      expect(strings(def).filter((s) => /诊断|确诊|diagnos/i.test(s))).toEqual([]);
  });

  test('PHQ-9 and GAD-7 items match the reference tables verbatim', () => {
    expect(scoredTexts(instrument('PHQ-9'))).toEqual(tableItems('PHQ-9'));
    expect(scoredTexts(instrument('GAD-7'))).toEqual(tableItems('GAD-7'));
    expect(tableItems('PHQ-9')).toHaveLength(9);
    expect(tableItems('GAD-7')).toHaveLength(7);
  });

  test('PHQ-2 and GAD-2 are the first two items of the full forms', () => {
    expect(scoredTexts(instrument('PHQ-2'))).toEqual(tableItems('PHQ-9').slice(0, 2));
    expect(scoredTexts(instrument('GAD-2'))).toEqual(tableItems('GAD-7').slice(0, 2));
  });

  test('the PHQ/GAD stem, period and licence line are the reference wording', () => {
    const [stemEn, stemZh] = between(section('PHQ-9'), 'Stem: ', '\n').split(' — ');
    const licence = between(section('PHQ-9'), 'Licence: "', '" Show this line.');
    for (const id of ['PHQ-9', 'PHQ-2', 'GAD-7', 'GAD-2']) {
      const def = instrument(id);
      expect(def.instructions).toEqual({ en: stemEn, zh: stemZh });
      expect(def.timeFrame?.en).toBe('Over the last 2 weeks');
      expect(def.licence.attribution.en).toBe(licence);
      expect(def.licence.requiresPermission).toBe(false);
      expect(displayOptions(def, 'q1', 'en').map((o) => [o.value, o.label.en])).toEqual([
        [0, 'Not at all'],
        [1, 'Several days'],
        [2, 'More than half the days'],
        [3, 'Nearly every day'],
      ]);
    }
  });

  test('the PHQ-9 difficulty item is asked, unscored, with its own options', () => {
    const def = instrument('PHQ-9');
    const line = between(section('PHQ-9'), 'Difficulty item: ', '\n');
    const [en, zh] = line.split(' — ');
    const difficulty = def.items.find((i) => i.id === 'difficulty');
    expect(difficulty?.scored).toBe(false);
    expect(
      `${difficulty?.text.en} ${displayOptions(def, 'difficulty', 'en')
        .map((o) => o.label.en)
        .join(' / ')}`,
    ).toBe(en);
    expect(
      `${difficulty?.text.zh} ${displayOptions(def, 'difficulty', 'zh')
        .map((o) => o.label.zh)
        .join(' / ')}`,
    ).toBe(zh);
  });

  test('EPDS items, option values and printed orders match both reference forms', () => {
    const def = instrument('EPDS');
    const english = between(section('EPDS'), 'English form', 'Mainland Chinese');
    const chinese = section('EPDS').slice(section('EPDS').indexOf('Mainland Chinese'));
    const enLines = [...english.matchAll(/^(\d+)\.(\*?) (.+?) — (.+)$/gm)];
    const zhLines = [...chinese.matchAll(/^(\d+)\. (.+?) — (.+)$/gm)];
    expect(enLines).toHaveLength(10);
    expect(zhLines).toHaveLength(10);
    for (const [i, item] of def.items.entries()) {
      const en = enLines[i]!;
      const zh = zhLines[i]!;
      expect(item.text).toEqual({ en: en[3], zh: zh[2] });
      const printedEn = (en[4] ?? '').split(' / ').map((o) => {
        const m = /^(.+) \((\d)\)$/.exec(o);
        return [Number(m?.[2]), m?.[1]];
      });
      expect(displayOptions(def, item.id, 'en').map((o) => [o.value, o.label.en])).toEqual(printedEn);
      // Severe-first items are exactly those starred in the reference.
      expect(printedEn[0]?.[0] === 3).toBe(en[2] === '*');
      const printedZh = (zh[3] ?? '').split(' / ').map((label, value) => [value, label]);
      expect(displayOptions(def, item.id, 'zh').map((o) => [o.value, o.label.zh])).toEqual(printedZh);
    }
  });

  test('EPDS bands, subscale, critical item and licence', () => {
    const def = instrument('EPDS');
    const citation = between(section('EPDS'), 'cite "', '"');
    expect(def.licence).toMatchObject({ holder: 'Royal College of Psychiatrists', requiresPermission: true });
    expect(def.licence.attribution.en).toContain('© Royal College of Psychiatrists');
    expect(def.licence.attribution.en).toContain(citation);
    expect(def.licence.attribution.zh).toContain(citation);
    expect(def.citation).toBe(citation);
    const total = def.scales.find((s) => s.id === 'total');
    expect(total?.bands?.map((b) => [b.id, b.min, b.max, b.label.zh])).toEqual([
      ['unlikely', 0, 9, '抑郁可能性小'],
      ['possible', 10, 12, '可能存在抑郁'],
      ['probable', 13, 30, '抑郁可能性大'],
    ]);
    expect(def.scales.find((s) => s.id === 'anxiety3a')?.items).toEqual(['q3', 'q4', 'q5']);
    expect(def.criticalItems.map((c) => [c.item, c.min])).toEqual([['q10', 1]]);
    expect(def.population.programmes).toEqual(['perinatal']);
  });

  test('bands and critical items of the PHQ and GAD forms', () => {
    const bands = (id: string) =>
      instrument(id)
        .scales.find((s) => s.id === instrument(id).mainScale)
        ?.bands?.map((b) => [b.id, b.min, b.max, b.label.zh]);
    expect(bands('PHQ-9')).toEqual([
      ['minimal', 0, 4, '无'],
      ['mild', 5, 9, '轻度'],
      ['moderate', 10, 14, '中度'],
      ['moderately_severe', 15, 19, '中重度'],
      ['severe', 20, 27, '重度'],
    ]);
    expect(bands('GAD-7')).toEqual([
      ['minimal', 0, 4, '无'],
      ['mild', 5, 9, '轻度'],
      ['moderate', 10, 14, '中度'],
      ['severe', 15, 21, '重度'],
    ]);
    for (const id of ['PHQ-2', 'GAD-2']) {
      expect(bands(id)).toEqual([
        ['negative', 0, 2, '筛查阴性'],
        ['positive', 3, 6, '筛查阳性'],
      ]);
    }
    expect(instrument('PHQ-9').criticalItems.map((c) => [c.item, c.min, c.reason.zh])).toEqual([
      ['q9', 1, '自伤念头'],
    ]);
    for (const id of ['PHQ-2', 'GAD-7', 'GAD-2', 'PSC-17']) expect(instrument(id).criticalItems).toEqual([]);
    expect(instrument('PHQ-9').scales[0]?.cutoff?.min).toBe(10);
    expect(instrument('GAD-7').scales[0]?.cutoff?.min).toBe(10);
  });

  test('PSC-17: parent-rated, 17 items, each in exactly one subscale with the reference cut-offs', () => {
    const def = instrument('PSC-17');
    expect(def.population).toMatchObject({ respondent: 'parent', programmes: ['school'] });
    expect(def.licence.terms).toBe('PSC-17 may be freely reproduced.');
    expect(def.licence.requiresPermission).toBe(false);
    expect(displayOptions(def, 'q1', 'en').map((o) => [o.value, o.label.en])).toEqual([
      [0, 'Never'],
      [1, 'Sometimes'],
      [2, 'Often'],
    ]);
    const scale = (id: string) => def.scales.find((s) => s.id === id);
    const texts = (id: string) =>
      scale(id)?.items.map((itemId) => def.items.find((i) => i.id === itemId)?.text.en);
    expect(texts('internalizing')).toEqual([
      'Feels sad, unhappy',
      'Feels hopeless',
      'Is down on him or herself',
      'Seems to be having less fun',
      'Worries a lot',
    ]);
    expect(texts('attention')).toEqual([
      'Fidgety, unable to sit still',
      'Daydreams too much',
      'Has trouble concentrating',
      'Acts as if driven by a motor',
      'Distracted easily',
    ]);
    expect(texts('externalizing')).toEqual([
      'Refuses to share',
      'Does not understand other people’s feelings',
      'Fights with other children',
      'Blames others for his or her troubles',
      'Does not listen to rules',
      'Teases others',
      'Takes things that do not belong to him or her',
    ]);
    const subscaleItems = ['internalizing', 'attention', 'externalizing'].flatMap(
      (id) => scale(id)?.items ?? [],
    );
    expect(subscaleItems.sort()).toEqual(def.items.map((i) => i.id).sort());
    expect(def.items).toHaveLength(17);
    expect(
      ['total', 'internalizing', 'attention', 'externalizing'].map((id) => scale(id)?.cutoff?.min),
    ).toEqual([15, 5, 7, 7]);
  });
});
