import type { TierLevel } from '../../../shared/tiers';
import type { CellStyle, StreamWorkbook, StyleRef } from '../spreadsheet/stream-writer';
import type { ColumnKind } from './columns';

const HEADER_FILL = '#D9E1F2';
const WHITE = [255, 255, 255];

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const hex = (parts: number[]) =>
  `#${parts
    .map((n) => Math.round(n).toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()}`;

/** The level colour blended with white: a row stays readable and prints as a light band. */
export const tint = (colour: string, strength = 0.22) =>
  hex(rgb(colour).map((c, i) => WHITE[i]! + (c - WHITE[i]!) * strength));

/** White or black text, whichever reads better on the level colour (yellow needs black). */
function textOn(colour: string): string {
  const [r, g, b] = rgb(colour);
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 150 ? '#000000' : '#FFFFFF';
}

const BASE: Record<ColumnKind, CellStyle> = {
  text: { border: true, valign: 'middle' },
  wrap: { border: true, valign: 'middle', wrap: true },
  date: { border: true, valign: 'middle', align: 'center', numFmt: 'yyyy-mm-dd' },
  number: { border: true, valign: 'middle', align: 'center' },
  level: { border: true, valign: 'middle', align: 'center', bold: true, wrap: true },
};

/**
 * Every style the export uses, made once: cells share style objects, which is what keeps a styled
 * streaming write close to a bare one.
 */
export function exportStyles(wb: StreamWorkbook, levels: readonly TierLevel[]) {
  const colours = new Map(levels.map((l) => [l.id, l.colour]));
  const cache = new Map<string, StyleRef>();
  const make = (key: string, spec: () => CellStyle) => {
    let style = cache.get(key);
    if (!style) cache.set(key, (style = wb.style(spec())));
    return style;
  };
  return {
    title: wb.style({ bold: true, size: 16 }),
    subtitle: wb.style({ colour: '#404040' }),
    section: wb.style({ bold: true, size: 12 }),
    header: wb.style({
      bold: true,
      fill: HEADER_FILL,
      border: true,
      wrap: true,
      align: 'center',
      valign: 'middle',
    }),
    paragraph: wb.style({ wrap: true, valign: 'top', size: 12 }),
    note: wb.style({ wrap: true, valign: 'top', colour: '#595959' }),
    label: wb.style({ border: true }),
    total: wb.style({ border: true, bold: true, fill: '#F2F2F2', align: 'center' }),
    count: wb.style({ border: true, align: 'center', numFmt: '0' }),
    rate: wb.style({ border: true, align: 'center', numFmt: '0.0%' }),
    /** A data cell; on a levelled row the row is tinted and the level cell carries the full colour. */
    cell(kind: ColumnKind, level: string | null, tintRow: boolean): StyleRef {
      const colour = level ? colours.get(level) : undefined;
      return make(`${kind}|${colour ?? ''}|${tintRow}`, () => {
        if (kind === 'level' && colour) return { ...BASE.level, fill: colour, colour: textOn(colour) };
        return { ...BASE[kind], ...(tintRow && colour ? { fill: tint(colour) } : {}) };
      });
    },
  };
}

export type ExportStyles = ReturnType<typeof exportStyles>;
