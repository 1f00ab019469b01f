import type { BothLanguages, IssueParams } from '../../issues';
import type { ItemInput, Language, OptionSetInput } from '../schema';
import { cellString, expandRange, parseInteger, splitList, splitRange } from './cells';
import type { ImportContext } from './context';
import type { FieldOf, itemsSheet, optionsSheet } from './layout';
import type { Path } from './source-map';
import type { WorkbookIssueCode } from './messages';
import type { Cell, Table, TableRow } from './table';

type OptionRow = TableRow<FieldOf<typeof optionsSheet>>;

/** A listed item that does not exist: named by the id or the number the cell gave. */
type Missing = { id: string } | { number: number };

/** "编号为“Q9”的题目、第 12 题" / "item “Q9”, item 12". */
function missingWords(missing: readonly Missing[]): BothLanguages {
  const zh = missing.map((m) => ('id' in m ? `编号为“${m.id}”的题目` : `第 ${m.number} 题`));
  const en = missing.map((m) => ('id' in m ? `item “${m.id}”` : `item ${m.number}`));
  return { zh: zh.join('、'), en: en.join(', ') };
}

/**
 * Display positions (1, 2, 3 …) of one language as a list of values, or undefined when the
 * column is left blank for the whole set, meaning "as listed".
 */
function displayOrder(
  ctx: ImportContext,
  rows: readonly OptionRow[],
  values: readonly number[],
  field: 'orderZh' | 'orderEn',
): number[] | undefined {
  const cells = rows.map((row) => row.cell(field));
  if (cells.every((c) => cellString(c.value) === '')) return undefined;
  const positions = cells.map((c) => ctx.number(c));
  const blank = cells.find((_, i) => positions[i] === undefined);
  if (blank) {
    ctx.fail(blank.at, 'order_partial');
    return undefined;
  }
  const seen = new Set<number>();
  cells.forEach((c, i) => {
    const position = positions[i]!;
    if (seen.has(position)) ctx.fail(c.at, 'order_repeated', { value: position });
    seen.add(position);
  });
  return values
    .map((value, i) => ({ value, position: positions[i]! }))
    .sort((a, b) => a.position - b.position)
    .map((o) => o.value);
}

/** Option rows grouped by set; a blank set name continues the set above (merged cells read so). */
export function readOptionSets(
  ctx: ImportContext,
  table: Table<FieldOf<typeof optionsSheet>>,
): OptionSetInput[] {
  const groups = new Map<string, OptionRow[]>();
  let current: string | undefined;
  for (const row of table.rows) {
    current = ctx.text(row.cell('set')) ?? current;
    if (current === undefined) {
      ctx.fail(row.cell('set').at, 'required');
      continue;
    }
    groups.set(current, [...(groups.get(current) ?? []), row]);
  }
  return [...groups].map(([id, rows], k) => {
    const path: Path = ['optionSets', k];
    const first = rows[0]!;
    ctx.from(path, first.at);
    ctx.from([...path, 'id'], first.cell('set').at);
    const options = rows.map((row, j) => {
      ctx.from([...path, 'options', j], row.at);
      return {
        value: ctx.requiredNumber(row.cell('value'), [...path, 'options', j, 'value']),
        label: ctx.localized(
          row.cell('labelZh'),
          row.cell('labelEn'),
          [...path, 'options', j, 'label'],
          true,
        ),
      };
    });
    const values = options.map((o) => o.value);
    const order: Partial<Record<Language, number[]>> = {};
    for (const [language, field] of [
      ['zh', 'orderZh'],
      ['en', 'orderEn'],
    ] as const) {
      ctx.from([...path, 'displayOrder', language], first.cell(field).at);
      const listed = displayOrder(ctx, rows, values, field);
      if (listed) order[language] = listed;
    }
    return { id, options, ...(Object.keys(order).length ? { displayOrder: order } : {}) };
  });
}

export function readItems(ctx: ImportContext, table: Table<FieldOf<typeof itemsSheet>>): ItemInput[] {
  return table.rows.map((row, i) => {
    const path: Path = ['items', i];
    ctx.from(path, row.at);
    const number = ctx.integer(row.cell('number'), 1, [...path, 'number']);
    // Teachers refer to items by number, so an id is optional and derived from it.
    const id = ctx.text(row.cell('id'), [...path, 'id']);
    if (id === undefined) ctx.from([...path, 'id'], row.cell('number').at);
    const optionSet = ctx.text(row.cell('optionSet'), [...path, 'optionSet']);
    return {
      id: id ?? `q${number}`,
      number,
      text: ctx.localized(row.cell('textZh'), row.cell('textEn'), [...path, 'text'], true),
      ...(optionSet ? { optionSet } : {}),
      scored: ctx.yesNo(row.cell('scored'), true, [...path, 'scored']),
    };
  });
}

/** Resolves the item lists of other sheets ("1-6, 9" by number, or item ids) to item ids. */
export class ItemIndex {
  private readonly byNumber = new Map<number, string>();
  private readonly ids = new Set<string>();

  constructor(items: readonly ItemInput[]) {
    for (const item of items) {
      if (!this.byNumber.has(item.number)) this.byNumber.set(item.number, item.id);
      this.ids.add(item.id);
    }
  }

  /** Every listed item's id; entries that name no item are reported together on the cell. */
  resolve(ctx: ImportContext, cell: Cell, path: Path): string[] {
    ctx.from(path, cell.at);
    const ids: string[] = [];
    const unknown: Missing[] = [];
    for (const token of splitList(cell.value)) {
      const found = this.token(token);
      if (!Array.isArray(found)) {
        ctx.fail(cell.at, found.code, found.params);
        continue;
      }
      for (const entry of found) {
        if (typeof entry === 'string') ids.push(entry);
        else unknown.push(entry);
      }
    }
    if (unknown.length) ctx.fail(cell.at, 'items_not_found', { missing: missingWords(unknown) });
    return ids;
  }

  /** Ids, or what is missing, for one list entry; a string when the entry is malformed. */
  private token(token: string): (string | Missing)[] | { code: WorkbookIssueCode; params: IssueParams } {
    if (this.ids.has(token)) return [token];
    const ends = splitRange(token) ?? [token, token];
    const numbers = ends.map((end) => parseInteger(end, 1));
    if (!numbers[0]?.ok || !numbers[1]?.ok) {
      return /^\d/.test(token) || splitRange(token)
        ? { code: 'not_item_range', params: { value: token } }
        : [{ id: token }];
    }
    const range = expandRange(numbers[0].value, numbers[1].value, token);
    if (!range.ok) return range;
    return range.value.map((n) => this.byNumber.get(n) ?? { number: n });
  }
}
