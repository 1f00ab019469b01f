import { parseSex } from '../../people/normalise';
import type { CriticalItem, NormGroup, NormTable, Sex, ValidityRule } from '../schema';
import { cellString, parseGrades } from './cells';
import type { ImportContext } from './context';
import type { ItemIndex } from './items';
import {
  type criticalSheet,
  type FieldOf,
  type normsSheet,
  type validitySheet,
  vocabularies,
} from './layout';
import type { Path } from './source-map';
import type { Cell, Table, TableRow } from './table';

type NormRow = TableRow<FieldOf<typeof normsSheet>>;

/**
 * Who a norm row applies to. Blank means "anyone" and is never inherited from the row above:
 * a merged 年级 cell then shows up as an incomplete group instead of silently re-grouping rows.
 * An unreadable criterion keeps a placeholder the schema rejects on the same cell, so the
 * coverage checks, which would only report the row's absence from its group, do not run.
 */
function readWhen(ctx: ImportContext, row: NormRow): NormGroup['when'] {
  const when: NormGroup['when'] = {};
  const grades = row.cell('grades');
  if (cellString(grades.value) !== '') {
    const parsed = parseGrades(grades.value);
    if (parsed.ok) when.grades = parsed.value;
    else {
      ctx.fail(grades.at, parsed.code, parsed.params);
      when.grades = [Number.NaN];
    }
  }
  const sexCell = row.cell('sex');
  if (cellString(sexCell.value) !== '') {
    const sex = parseSex(sexCell.value);
    if (sex) when.sex = sex;
    else {
      ctx.fail(sexCell.at, 'sex_word', { value: cellString(sexCell.value) });
      when.sex = cellString(sexCell.value) as Sex;
    }
  }
  const minAge = ctx.number(row.cell('minAge'));
  const maxAge = ctx.number(row.cell('maxAge'));
  if (minAge !== undefined) when.minAge = minAge;
  if (maxAge !== undefined) when.maxAge = maxAge;
  return when;
}

function readGroup(
  ctx: ImportContext,
  rows: readonly NormRow[],
  path: Path,
  when: NormGroup['when'],
): NormGroup {
  const first = rows[0]!;
  ctx.from(path, first.at);
  ctx.from([...path, 'when'], first.cell('grades').at);
  for (const [key, field] of [
    ['grades', 'grades'],
    ['sex', 'sex'],
    ['minAge', 'minAge'],
    ['maxAge', 'maxAge'],
  ] as const)
    ctx.from([...path, 'when', key], first.cell(field).at);
  const points = rows.map((row, p) => {
    ctx.from([...path, 'points', p], row.at);
    return {
      min: ctx.requiredNumber(row.cell('min'), [...path, 'points', p, 'min']),
      max: ctx.requiredNumber(row.cell('max'), [...path, 'points', p, 'max']),
      standard: ctx.requiredNumber(row.cell('standard'), [...path, 'points', p, 'standard']),
    };
  });
  ctx.sources.setIntervals(
    [...path, 'points'],
    rows.map((row, p) => ({
      ...points[p]!,
      at: row.at,
      minAt: row.cell('min').at,
      maxAt: row.cell('max').at,
    })),
  );
  return { when, points };
}

/** Norm rows grouped by table, then by who they apply to, in the order first listed. */
export function readNorms(
  ctx: ImportContext,
  table: Table<FieldOf<typeof normsSheet>>,
  citation: string,
): NormTable[] {
  const tables = new Map<string, Map<string, { when: NormGroup['when']; rows: NormRow[] }>>();
  let current: string | undefined;
  for (const row of table.rows) {
    current = ctx.text(row.cell('table')) ?? current;
    if (current === undefined) {
      ctx.fail(row.cell('table').at, 'required');
      continue;
    }
    const when = readWhen(ctx, row);
    const groups = tables.get(current) ?? new Map();
    tables.set(current, groups);
    const key = JSON.stringify(when);
    groups.set(key, { when, rows: [...(groups.get(key)?.rows ?? []), row] });
  }
  return [...tables].map(([id, groups], t) => {
    const path: Path = ['norms', t];
    const rows = [...groups.values()].flatMap((g) => g.rows);
    const first = rows[0]!;
    ctx.from(path, first.at);
    ctx.from([...path, 'id'], first.cell('table').at);
    const sourceRow = rows.find((row) => !row.blank('source')) ?? first;
    return {
      id,
      source: ctx.text(sourceRow.cell('source'), [...path, 'source']) ?? citation,
      groups: [...groups.values()].map((g, i) => readGroup(ctx, g.rows, [...path, 'groups', i], g.when)),
    };
  });
}

export function readValidity(
  ctx: ImportContext,
  table: Table<FieldOf<typeof validitySheet>>,
): ValidityRule[] {
  return table.rows.map((row, v): ValidityRule => {
    const path: Path = ['validity', v];
    ctx.from(path, row.at);
    const id = ctx.text(row.cell('id'), [...path, 'id']) ?? `rule${v + 1}`;
    const reason = ctx.localized(row.cell('reasonZh'), row.cell('reasonEn'), [...path, 'reason'], true);
    const threshold = row.cell('threshold');
    const kind = ctx.word(vocabularies.ruleKind, row.cell('kind'), [...path, 'kind']);
    if (kind === 'missing') {
      return { kind, id, max: ctx.integer(threshold, 0, [...path, 'max']), reason };
    }
    const scale = row.cell('scale');
    return {
      kind,
      id,
      scale: ctx.requiredText(scale, [...path, 'scale']),
      min: ctx.requiredNumber(threshold, [...path, 'min']),
      reason,
    };
  });
}

function criticalItem(ctx: ImportContext, cell: Cell, items: ItemIndex, path: Path): string {
  const ids = items.resolve(ctx, cell, path);
  if (cellString(cell.value) === '') ctx.fail(cell.at, 'required');
  else if (ids.length > 1) ctx.fail(cell.at, 'one_item');
  return ids[0] ?? '';
}

export function readCritical(
  ctx: ImportContext,
  table: Table<FieldOf<typeof criticalSheet>>,
  items: ItemIndex,
): CriticalItem[] {
  return table.rows.map((row, c) => {
    const path: Path = ['criticalItems', c];
    ctx.from(path, row.at);
    return {
      item: criticalItem(ctx, row.cell('item'), items, [...path, 'item']),
      min: ctx.requiredNumber(row.cell('threshold'), [...path, 'min']),
      reason: ctx.localized(row.cell('reasonZh'), row.cell('reasonEn'), [...path, 'reason'], true),
    };
  });
}
