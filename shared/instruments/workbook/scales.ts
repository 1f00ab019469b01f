import type { BandInput, ScaleInput } from '../schema';
import type { ImportContext } from './context';
import type { ItemIndex } from './items';
import { type bandsSheet, type FieldOf, type scalesSheet, vocabularies } from './layout';
import type { Path } from './source-map';
import type { Table, TableRow } from './table';

type ScaleTable = Table<FieldOf<typeof scalesSheet>>;
type BandRow = TableRow<FieldOf<typeof bandsSheet>>;

function readScale(
  ctx: ImportContext,
  row: TableRow<FieldOf<typeof scalesSheet>>,
  s: number,
  items: ItemIndex,
  citation: string,
): ScaleInput {
  const path: Path = ['scales', s];
  ctx.from(path, row.at);
  const reversed = row.blank('reversed')
    ? undefined
    : items.resolve(ctx, row.cell('reversed'), [...path, 'reversed']);
  ctx.from([...path, 'reversed'], row.cell('reversed').at);
  const norms = ctx.text(row.cell('norms'), [...path, 'norms']);
  ctx.from([...path, 'cutoff'], row.cell('cutoff').at);
  const min = ctx.number(row.cell('cutoff'), [...path, 'cutoff', 'min']);
  const itemsCell = row.cell('items');
  if (row.blank('items')) ctx.fail(itemsCell.at, 'required');
  return {
    id: ctx.requiredText(row.cell('id'), [...path, 'id']),
    name: ctx.localized(row.cell('nameZh'), row.cell('nameEn'), [...path, 'name'], true),
    method: ctx.word(vocabularies.method, row.cell('method'), [...path, 'method']),
    items: items.resolve(ctx, itemsCell, [...path, 'items']),
    ...(reversed?.length ? { reversed } : {}),
    ...(norms ? { norms } : {}),
    ...(min === undefined
      ? {}
      : {
          cutoff: {
            min,
            basis: ctx.word(vocabularies.basis, row.cell('basis'), [...path, 'cutoff', 'basis'], 'score'),
            // A cut-off needs a source; most come from the scale's own manual.
            source: ctx.text(row.cell('source'), [...path, 'cutoff', 'source']) ?? citation,
          },
        }),
  };
}

/** The main scale: the one marked 是, or the only scale there is. */
function mainScale(ctx: ImportContext, table: ScaleTable, scales: readonly ScaleInput[]): string {
  const marked = table.rows.filter((row) => ctx.yesNo(row.cell('main'), false));
  for (const extra of marked.slice(1)) ctx.fail(extra.cell('main').at, 'main_many');
  const main = marked[0] ?? (table.rows.length === 1 ? table.rows[0] : undefined);
  if (!main) {
    ctx.from(['mainScale'], table.headerAt('main'));
    if (table.rows.length) ctx.fail(table.headerAt('main'), 'main_none');
    return '';
  }
  ctx.from(['mainScale'], main.cell('main').at);
  return scales[table.rows.indexOf(main)]?.id ?? '';
}

export function readScales(
  ctx: ImportContext,
  table: ScaleTable,
  items: ItemIndex,
  citation: string,
): { scales: ScaleInput[]; mainScale: string } {
  ctx.from(['scales'], table.headerAt('id'));
  const scales = table.rows.map((row, s) => readScale(ctx, row, s, items, citation));
  return { scales, mainScale: mainScale(ctx, table, scales) };
}

/** Band rows attached to their scales, in the order listed; a blank 维度 continues the scale above. */
export function readBands(
  ctx: ImportContext,
  table: Table<FieldOf<typeof bandsSheet>>,
  scales: ScaleInput[],
): void {
  const rowsByScale = new Map<number, BandRow[]>();
  let current: string | undefined;
  for (const row of table.rows) {
    const cell = row.cell('scale');
    current = ctx.text(cell) ?? current;
    const s = scales.findIndex((scale) => scale.id === current);
    if (s < 0) {
      if (current === undefined) ctx.fail(cell.at, 'required');
      else ctx.fail(cell.at, 'unknown_scale_ref', { value: current });
      continue;
    }
    rowsByScale.set(s, [...(rowsByScale.get(s) ?? []), row]);
  }
  for (const [s, rows] of rowsByScale) {
    const path: Path = ['scales', s, 'bands'];
    ctx.from(path, rows[0]!.at);
    const bands = rows.map((row, b): BandInput => {
      ctx.from([...path, b], row.at);
      const id = ctx.text(row.cell('id'), [...path, b, 'id']);
      const advice = ctx.localized(row.cell('adviceZh'), row.cell('adviceEn'), [...path, b, 'advice'], false);
      return {
        id: id ?? `band${b + 1}`,
        min: ctx.requiredNumber(row.cell('min'), [...path, b, 'min']),
        max: ctx.requiredNumber(row.cell('max'), [...path, b, 'max']),
        label: ctx.localized(row.cell('labelZh'), row.cell('labelEn'), [...path, b, 'label'], true),
        ...(advice ? { advice } : {}),
      };
    });
    ctx.sources.setIntervals(
      path,
      rows.map((row, b) => ({
        min: bands[b]!.min,
        max: bands[b]!.max,
        at: row.at,
        minAt: row.cell('min').at,
        maxAt: row.cell('max').at,
      })),
    );
    scales[s] = { ...scales[s]!, bands };
  }
}
