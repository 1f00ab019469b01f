import { describe, expect, test } from 'vitest';
import {
  answersFromValues,
  displayOptions,
  getInstrument,
  scoreInstrument,
  valueForLabel,
  type InstrumentDefinition,
  type Language,
} from '../../shared/instruments';
import { defaultPerinatalRules, defaultSchoolRules, evaluateTier } from '../../shared/tiers';
import { readGoldenCsv as readCsv } from '../helpers/golden';

function instrument(id: string | undefined): InstrumentDefinition {
  const def = getInstrument(id ?? '');
  if (!def) throw new Error(`no built-in instrument ${id}`);
  return def;
}

const values = (cell: string) => cell.trim().split(/\s+/).map(Number);

function score(id: string, cell: string) {
  const def = instrument(id);
  return scoreInstrument(def, answersFromValues(def, values(cell)));
}

function itemIdByNumber(def: InstrumentDefinition, number: number): string {
  const item = def.items.find((i) => i.number === number);
  if (!item) throw new Error(`${def.id} has no item ${number}`);
  return item.id;
}

const scoreRows = readCsv('scores.csv');
const labelRows = readCsv('option-labels.csv');
const tierRows = readCsv('default-tiers.csv');

describe('scores.csv', () => {
  test('has rows for every instrument it covers', () => {
    expect(scoreRows.length).toBeGreaterThan(100);
  });

  test.each(scoreRows.map((r, i) => [i + 2, r] as const))('line %i', (_line, row) => {
    const result = score(row.instrument ?? '', row.item_values ?? '');
    expect(result.complete).toBe(true);
    expect(result.valid).toBe(true);
    expect(result.total).toBe(Number(row.total));
    expect(result.band).toBe(row.band);
    expect(result.critical.length > 0).toBe(row.critical === 'true');
    if (row.anxiety3a) expect(result.subscales.anxiety3a?.raw).toBe(Number(row.anxiety3a));
  });
});

describe('option-labels.csv', () => {
  const language = (code: string): Language => {
    if (code === 'en') return 'en';
    if (code === 'zh-CN') return 'zh';
    throw new Error(`unexpected language ${code}`);
  };

  test.each(labelRows.map((r, i) => [i + 2, r] as const))('line %i', (_line, row) => {
    const def = instrument(row.instrument);
    const itemId = itemIdByNumber(def, Number(row.item));
    const option = displayOptions(def, itemId, language(row.language ?? '')).find(
      (o) => o.label[language(row.language ?? '')] === row.label,
    );
    expect(option?.value).toBe(Number(row.value));
    expect(valueForLabel(def, itemId, row.label ?? '')).toBe(Number(row.value));
  });

  // Rows are listed in printed order, so each group is the form as a respondent sees it.
  const groups = new Map<string, Record<string, string>[]>();
  for (const row of labelRows) {
    const key = `${row.instrument} item ${row.item} ${row.language}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  test.each([...groups])('%s is displayed in the printed order with no other options', (_key, rows) => {
    const first = rows[0];
    if (!first) throw new Error('empty group');
    const def = instrument(first.instrument);
    const lang = language(first.language ?? '');
    const shown = displayOptions(def, itemIdByNumber(def, Number(first.item)), lang);
    expect(shown.map((o) => [o.label[lang], o.value])).toEqual(rows.map((r) => [r.label, Number(r.value)]));
  });
});

describe('default-tiers.csv', () => {
  test.each(tierRows.map((r, i) => [i + 2, r] as const))('line %i', (_line, row) => {
    const battery = [
      ['PHQ-9', row.phq9_values],
      ['GAD-7', row.gad7_values],
      ['EPDS', row.epds_values],
    ]
      .filter((pair): pair is [string, string] => Boolean(pair[1]?.trim()))
      .map(([id, cell]) => score(id, cell));
    const rules = row.programme === 'school' ? defaultSchoolRules : defaultPerinatalRules;
    expect(['school', 'perinatal']).toContain(row.programme);
    const tier = evaluateTier(rules, battery);
    expect(tier.level).toBe(row.expected);
    expect(tier.complete).toBe(true);
    expect(tier.possibleHigher).toBeNull();
    expect(tier.reasons.length > 0).toBe(tier.level !== rules.levels[rules.levels.length - 1]?.id);
  });
});
