import { ratio } from '../../../shared/figures/rates';
import { warningCount } from '../../../shared/figures/warning';
import type { TierLevel } from '../../../shared/tiers';
import { EXCEL_MAX_ROWS, type StreamSheet, type StreamWorkbook } from '../spreadsheet/stream-writer';
import type { Column } from './columns';
import type { GroupFigures } from './stats';
import type { ExportStyles } from './styles';
import type { Figure } from './summary';
import { SUPPRESSION_NOTE, type SmallCells } from './suppress';

/** What every printed page and the summary's header say about the file. */
export interface Letterhead {
  orgName: string;
  title: string;
  exportedAt: string;
  period: string;
  variant: string;
  by: string;
}

// Excel header codes start with &, so a literal one is doubled; the whole header is capped at 255.
const headerText = (text: string) => text.replace(/&/g, '&&').slice(0, 80);

/**
 * Every sheet prints the same way: A4 landscape, one page wide (the writer fits it), its header
 * rows repeated on each page, the organisation and page numbers in the margins.
 */
function printSetup(head: Letterhead, sheetTitle: string, titleRows: string) {
  return {
    landscape: true,
    titleRows,
    header: `&L${headerText(head.orgName)}&C${headerText(`${head.title}·${sheetTitle}`)}&R导出时间 ${head.exportedAt}`,
    footer: `&L${headerText(head.variant)}&C第 &P 页，共 &N 页&R内部资料 注意保密`,
  };
}

/** Width in Excel character units: CJK and full-width characters take two. */
const displayWidth = (text: string) => {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return width;
};

const LINE_HEIGHT = 15;

/** Lines a text needs in a wrapping column of `width` characters (one is lost to the cell's padding). */
const linesFor = (text: string, width: number) => Math.ceil(displayWidth(text) / Math.max(1, width - 1));

/** The header row is as tall as its longest wrapped header, so narrow columns keep whole headers. */
const headerHeight = (columns: readonly { header: string; width: number }[]) =>
  Math.max(2, ...columns.map((c) => linesFor(c.header, c.width))) * LINE_HEIGHT;

/**
 * Neither Excel nor LibreOffice grows a streamed row to fit wrapped text, so a row with long text
 * in a wrapping column gets the height its longest cell needs.
 */
function rowHeight<T>(columns: readonly Column<T>[], values: readonly unknown[]): number | undefined {
  let lines = 1;
  columns.forEach((c, i) => {
    const v = values[i];
    if ((c.kind === 'wrap' || c.kind === 'level') && typeof v === 'string')
      lines = Math.max(lines, linesFor(v, c.width));
  });
  return lines > 1 ? Math.min(lines, 8) * LINE_HEIGHT : undefined;
}

/**
 * A header row and one row per item, frozen header, filter, printed with the header on every
 * page. Beyond Excel's row limit it continues on 名称(2), 名称(3) … each with its own header.
 */
export async function writeTable<T>(
  wb: StreamWorkbook,
  styles: ExportStyles,
  head: Letterhead,
  options: {
    name: string;
    columns: readonly Column<T>[];
    rows: Iterable<T>;
    /** The row's level: colours the level cell, and the whole row when `tintRows`. */
    level: (row: T) => string | null;
    tintRows: boolean;
    maxRows?: number;
    /** Called after each row, for the progress bar; throws to stop the export (cancel). */
    onRow?: () => void;
  },
): Promise<number> {
  const { columns } = options;
  const maxRows = options.maxRows ?? EXCEL_MAX_ROWS;
  const headers = columns.map((c) => c.header);
  let part = 0;
  let sheet: StreamSheet | null = null;
  const open = () => {
    part += 1;
    const name = part === 1 ? options.name : `${options.name}(${part})`;
    const next = wb.addSheet({
      name,
      widths: columns.map((c) => c.width),
      frozenRows: 1,
      autoFilterRow: 1,
      print: printSetup(head, name, '1:1'),
    });
    void next.addRow(headers, styles.header, { height: headerHeight(columns) });
    return next;
  };
  // One style list per level, made once: a row then costs no style lookups at all.
  const rowStyles = new Map<string | null, ReturnType<ExportStyles['cell']>[]>();
  let count = 0;
  for (const row of options.rows) {
    if (!sheet || sheet.rowCount >= maxRows) {
      sheet?.commit();
      sheet = open();
    }
    const level = options.level(row);
    const values = columns.map((c) => c.value(row, count));
    let cellStyles = rowStyles.get(level);
    if (!cellStyles) {
      cellStyles = columns.map((c) => styles.cell(c.kind, level, options.tintRows));
      rowStyles.set(level, cellStyles);
    }
    count += 1;
    const height = rowHeight(columns, values);
    await sheet.addRow(values, cellStyles, height ? { height } : undefined);
    options.onRow?.();
  }
  (sheet ?? open()).commit();
  return count;
}

/** 汇总: who exported what and when, the dashboard figures, and the paragraph a report quotes. */
export async function writeSummary(
  wb: StreamWorkbook,
  styles: ExportStyles,
  head: Letterhead,
  figures: readonly Figure[],
  paragraph: string,
  notes: readonly string[],
): Promise<void> {
  const sheet = wb.addSheet({
    name: '汇总',
    widths: [36, 14, 50],
    // A page of figures and text: one page, where a table runs on as many pages down as it needs.
    print: { ...printSetup(head, '汇总', '1:1'), onePage: true },
  });
  const line = (text: string, style = styles.subtitle, height?: number) =>
    sheet.addRow([text], style, { mergeAcross: 3, ...(height ? { height } : {}) });
  await line(`${head.orgName} ${head.title}`, styles.title, 28);
  await line(`机构：${head.orgName}`);
  await line(`导出时间：${head.exportedAt}\u3000\u3000导出人：${head.by}`);
  await line(`统计期间：${head.period}\u3000\u3000版本：${head.variant}`);
  await sheet.addRow([]);
  await sheet.addRow(['指标', '数值', '说明'], styles.header);
  for (const f of figures) {
    const value = f.value === null ? '—' : f.value;
    await sheet.addRow(
      [`${f.indent ? '\u3000\u3000' : ''}${f.label}`, value, null],
      [styles.label, f.format === 'rate' ? styles.rate : styles.count, styles.label],
    );
  }
  await sheet.addRow([]);
  await line('情况说明', styles.section);
  await line(paragraph, styles.paragraph, 64);
  await sheet.addRow([]);
  for (const note of notes) await line(note, styles.note, 32);
  sheet.commit();
}

export interface StatisticsTable {
  title: string;
  rows: readonly GroupFigures[];
  perPerson: boolean;
}

/** One line of a statistics table: each count with the id SmallCells knows it by. */
export interface StatisticsLine {
  group: string;
  total: boolean;
  counts: Map<string, { id: string; value: number }>;
}

const countKeys = (levels: readonly TierLevel[], perPerson: boolean) => [
  'due',
  'screened',
  ...levels.map((l) => `level:${l.id}`),
  'flagged',
  'critical',
  ...(perPerson ? ['managed'] : []),
];

/**
 * Each table's lines with its 合计 line. Time points are per screening: 在管 does not divide that
 * way, so it is left out there, and their 合计 counts time points (a woman due or screened at two
 * counts twice), so it has ids of its own. Any other 合计 figure has the same id in every table
 * (and in the summary), so hiding it in one place hides it everywhere.
 */
export function statisticsLines(
  tables: readonly StatisticsTable[],
  warning: readonly TierLevel[],
  levels: readonly TierLevel[],
): StatisticsLine[][] {
  return tables.map((table, t) => {
    const total: GroupFigures = {
      group: '合计',
      due: 0,
      screened: 0,
      byLevel: {},
      critical: 0,
      underManagement: 0,
    };
    for (const g of table.rows) {
      total.due += g.due;
      total.screened += g.screened;
      total.critical += g.critical;
      total.underManagement += g.underManagement;
      for (const [level, n] of Object.entries(g.byLevel))
        total.byLevel[level] = (total.byLevel[level] ?? 0) + n;
    }
    return [...table.rows, total].map((g, r) => {
      const isTotal = r === table.rows.length;
      const values: Record<string, number> = {
        due: g.due,
        screened: g.screened,
        flagged: warningCount(g.byLevel, warning),
        critical: g.critical,
        managed: g.underManagement,
      };
      for (const l of levels) values[`level:${l.id}`] = g.byLevel[l.id] ?? 0;
      const counts = new Map(
        countKeys(levels, table.perPerson).map((key) => [
          key,
          {
            id: isTotal ? (table.perPerson ? `total:${key}` : `t${t}:total:${key}`) : `t${t}:r${r}:${key}`,
            value: values[key]!,
          },
        ]),
      );
      return { group: g.group, total: isTotal, counts };
    });
  });
}

/**
 * Registers every count of the statistics tables with what adds up to what: levels to 实测, warning
 * levels to 预警/阳性, groups to 合计.
 */
export function registerStatistics(
  small: SmallCells,
  all: StatisticsLine[][],
  levels: readonly TierLevel[],
  warning: readonly TierLevel[],
): void {
  for (const lines of all) {
    const id = (line: StatisticsLine, key: string) => {
      const cell = line.counts.get(key)!;
      cell.id = small.count(cell.id, cell.value);
      return cell.id;
    };
    for (const line of lines) {
      small.sum(
        id(line, 'screened'),
        levels.map((l) => id(line, `level:${l.id}`)),
      );
      small.sum(
        id(line, 'flagged'),
        warning.map((l) => id(line, `level:${l.id}`)),
      );
    }
    const total = lines[lines.length - 1]!;
    for (const key of total.counts.keys())
      small.sum(
        id(total, key),
        lines.slice(0, -1).map((line) => id(line, key)),
      );
  }
}

/**
 * 分班统计 / 分社区统计: one table per breakdown, each with a 合计 line. In the de-identified file
 * `small` holds the lines registerStatistics saw, and small counts are hidden as it decided.
 */
export async function writeStatistics(
  wb: StreamWorkbook,
  styles: ExportStyles,
  head: Letterhead,
  name: string,
  labels: { due: string; screened: string; rate: string; flagged: string; flaggedRate: string },
  levels: readonly TierLevel[],
  warning: readonly TierLevel[],
  tables: readonly StatisticsTable[],
  small?: { cells: SmallCells; lines: StatisticsLine[][] },
): Promise<void> {
  const headers = [
    '分组',
    labels.due,
    labels.screened,
    labels.rate,
    ...levels.map((l) => l.name.zh),
    labels.flagged,
    labels.flaggedRate,
    '关键条目阳性人数',
    '在管人数',
  ];
  const widths = [18, 10, 10, 10, ...levels.map(() => 12), 10, 10, 12, 10];
  const sheet = wb.addSheet({
    name,
    widths,
    frozenRows: 2,
    print: printSetup(head, name, '1:2'),
  });
  const rowStyles = (total: boolean) => [
    total ? styles.total : styles.label,
    ...[0, 1].map(() => (total ? styles.total : styles.count)),
    styles.rate,
    ...levels.map(() => (total ? styles.total : styles.count)),
    total ? styles.total : styles.count,
    styles.rate,
    ...[0, 1].map(() => (total ? styles.total : styles.count)),
  ];
  const all = small?.lines ?? statisticsLines(tables, warning, levels);
  for (const [i, table] of tables.entries()) {
    if (i > 0) await sheet.addRow([]);
    await sheet.addRow([table.title], styles.section);
    await sheet.addRow(headers, styles.header, {
      height: headerHeight(headers.map((header, c) => ({ header, width: widths[c]! }))),
    });
    for (const line of all[i]!) {
      const cell = (key: string) => line.counts.get(key);
      const count = (key: string) => {
        const c = cell(key);
        return c === undefined ? null : small ? small.cells.show(c.id) : c.value;
      };
      const rate = (part: string, whole: string) => {
        const p = cell(part);
        const w = cell(whole);
        if (!p || !w) return null;
        const value = ratio(p.value, w.value);
        return small ? small.cells.rate(value, p.id, w.id) : value;
      };
      await sheet.addRow(
        [
          line.group,
          count('due'),
          count('screened'),
          rate('screened', 'due'),
          ...levels.map((l) => count(`level:${l.id}`)),
          count('flagged'),
          rate('flagged', 'screened'),
          count('critical'),
          count('managed'),
        ],
        rowStyles(line.total),
      );
    }
  }
  if (small) {
    await sheet.addRow([]);
    await sheet.addRow([SUPPRESSION_NOTE], styles.note, { mergeAcross: headers.length - 1, height: 32 });
  }
  sheet.commit();
}
