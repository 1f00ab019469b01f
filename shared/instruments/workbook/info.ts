import type { InstrumentDefinitionInput, Population } from '../schema';
import { cellString, keyOf, parseGrades, parseNumberRange, splitList } from './cells';
import type { ImportContext } from './context';
import { type InfoField, type InfoKey, infoKeys, type infoSheet, vocabularies } from './layout';
import type { Cell, Table } from './table';

export type InfoPart = Pick<
  InstrumentDefinitionInput,
  | 'id'
  | 'version'
  | 'names'
  | 'instructions'
  | 'timeFrame'
  | 'citation'
  | 'population'
  | 'licence'
  | 'defaultOptionSet'
>;

type InfoTable = Table<(typeof infoSheet)['columns'][number]['field']>;

/** The value cell of each 基本信息 item; an item without a row points at the header. */
function infoCells(ctx: ImportContext, table: InfoTable): (field: InfoField) => Cell {
  const byKey = new Map<string, InfoKey<InfoField>>();
  for (const spec of infoKeys) for (const name of [spec.label, ...spec.aliases]) byKey.set(keyOf(name), spec);
  const cells = new Map<InfoField, Cell>();
  for (const row of table.rows) {
    const key = row.cell('key');
    const spec = byKey.get(keyOf(cellString(key.value)));
    const value = row.cell('value');
    if (!spec) {
      if (!row.blank('value')) ctx.fail(key.at, 'unknown_info_item', { value: cellString(key.value) });
      continue;
    }
    if (cells.has(spec.key)) ctx.fail(key.at, 'duplicate_info_item', { value: spec.label });
    else cells.set(spec.key, { value: value.value, at: { ...value.at, field: spec.label } });
  }
  return (field) => {
    const label = infoKeys.find((k) => k.key === field)?.label ?? field;
    return cells.get(field) ?? { value: null, at: { sheet: table.name, row: table.headerRow, field: label } };
  };
}

function readPopulation(ctx: ImportContext, cell: (field: InfoField) => Cell): Population {
  const programmesCell = cell('programmes');
  ctx.from(['population'], programmesCell.at);
  const programmes = splitList(programmesCell.value).map((word) =>
    ctx.word(vocabularies.programme, { ...programmesCell, value: word }, ['population', 'programmes']),
  );
  if (programmes.length === 0) ctx.word(vocabularies.programme, programmesCell, ['population', 'programmes']);
  const population: Population = {
    programmes: [...new Set(programmes)],
    respondent: ctx.word(vocabularies.respondent, cell('respondent'), ['population', 'respondent'], 'self'),
  };
  const grades = cell('grades');
  ctx.from(['population', 'minGrade'], grades.at);
  ctx.from(['population', 'maxGrade'], grades.at);
  if (ctx.text(grades) !== undefined) {
    const parsed = parseGrades(grades.value);
    if (!parsed.ok) ctx.fail(grades.at, parsed.code, parsed.params);
    const [min, max] = parsed.ok ? [parsed.value[0], parsed.value.at(-1)] : [Number.NaN, Number.NaN];
    Object.assign(population, { minGrade: min, maxGrade: max });
  }
  const ages = cell('ages');
  ctx.from(['population', 'minAge'], ages.at);
  ctx.from(['population', 'maxAge'], ages.at);
  if (ctx.text(ages) !== undefined) {
    const parsed = parseNumberRange(ages.value);
    if (!parsed.ok) ctx.fail(ages.at, parsed.code, parsed.params);
    const { min, max } = parsed.ok ? parsed.value : { min: Number.NaN, max: Number.NaN };
    Object.assign(population, { minAge: min, maxAge: max });
  }
  return population;
}

export function readInfo(ctx: ImportContext, table: InfoTable): InfoPart {
  const cell = infoCells(ctx, table);
  const required = (field: InfoField, path: string[]) => ctx.requiredText(cell(field), path);
  const localized = (zh: InfoField, en: InfoField, path: string[]) =>
    ctx.localized(cell(zh), cell(en), path, true);
  const timeFrame = ctx.localized(cell('timeFrameZh'), cell('timeFrameEn'), ['timeFrame'], false);
  const defaultOptionSet = ctx.text(cell('defaultOptionSet'), ['defaultOptionSet']);
  ctx.from(['licence'], cell('holder').at);
  return {
    id: required('id', ['id']),
    version: required('version', ['version']),
    names: localized('nameZh', 'nameEn', ['names']),
    instructions: localized('instructionsZh', 'instructionsEn', ['instructions']),
    ...(timeFrame ? { timeFrame } : {}),
    citation: required('citation', ['citation']),
    population: readPopulation(ctx, cell),
    licence: {
      holder: required('holder', ['licence', 'holder']),
      terms: required('terms', ['licence', 'terms']),
      attribution: localized('attributionZh', 'attributionEn', ['licence', 'attribution']),
      requiresPermission: ctx.yesNo(cell('requiresPermission'), undefined, ['licence', 'requiresPermission']),
    },
    ...(defaultOptionSet ? { defaultOptionSet } : {}),
  };
}
