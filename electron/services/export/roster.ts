import type { Writable } from 'node:stream';
import type { User } from '../../../shared/api/auth';
import { AppError, refusal } from '../../../shared/api/errors';
import {
  EXPORT_VARIANTS_BY_ROLE,
  type ExportPhase,
  type ExportVariant,
  type LeaveOut,
  type Population,
} from '../../../shared/api/exports';
import { warningLevels } from '../../../shared/figures/warning';
import type { Programme } from '../../../shared/instruments';
import { todayIso } from '../../../shared/people';
import type { Db } from '../../db/database';
import { audit } from '../audit';
import { followUpIntervals } from '../cases/cases';
import { dashboard } from '../cases/dashboard';
import type { PersonFilter } from '../cases/dashboard-view';
import { classScope } from '../scope';
import { getSetting } from '../settings';
import { currentScreeningWindows } from '../people/screening-windows';
import { streamWorkbook } from '../spreadsheet/stream-writer';
import { activeRuleSet } from '../tier-rules';
import { rosterColumns, screeningColumns, type ColumnContext } from './columns';
import { PROGRAMME_TITLES, VARIANT_LABELS } from './labels';
import { dateShifter, exportPseudonymiser } from './mask';
import { criticalItems, type Period } from './query';
import { screeningPass } from './pass';
import { screeningRecords } from './records-data';
import { loadPeople, rosterMembers, rosterRecords } from './roster-data';
import {
  registerStatistics,
  statisticsLines,
  writeStatistics,
  writeSummary,
  writeTable,
  type Letterhead,
} from './sheets';
import { groupFigures, groupName, populationFigures } from './stats';
import { scaleSummary } from './scales';
import { exportStyles } from './styles';
import { summaryFigures, summaryParagraph, suppressFigures } from './summary';
import { SmallCells, SUPPRESSION_NOTE } from './suppress';

export interface RosterExportOptions {
  programme: Programme;
  variant: ExportVariant;
  from?: string | undefined;
  to?: string | undefined;
  levels?: readonly string[] | undefined;
  population?: Population | undefined;
  leaveOut?: readonly LeaveOut[] | undefined;
  shiftDates?: boolean | undefined;
  /** Tests lower it to see a sheet continue on a second one; Excel's limit otherwise. */
  maxRowsPerSheet?: number;
}

// Without a start date the export covers every record up to `to`.
const EARLIEST = '0000-01-01';

const pad = (n: number) => String(n).padStart(2, '0');
const localTime = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** How far an export has got; `total` is known once the period has been read. */
export interface ExportRun {
  signal?: AbortSignal | undefined;
  onProgress?: (progress: { phase: ExportPhase; done: number; total: number }) => void;
}

/** A predicate over people for the chosen grades, classes or townships; null when everyone is wanted. */
function populationFilter(population: Population | undefined) {
  if (!population) return null;
  const { grades, classes, townships } = population;
  if (!grades.length && !classes.length && !townships.length) return null;
  return (p: { grade: string | null; className: string | null; township: string | null }) =>
    (p.grade !== null && grades.includes(p.grade)) ||
    classes.some((c) => c.grade === p.grade && c.className === p.className) ||
    (p.township !== null && townships.includes(p.township));
}

/** The same population as a condition on `people p`, for the figures counted in SQL. */
function populationCondition(population: Population | undefined): PersonFilter | undefined {
  if (!populationFilter(population)) return undefined;
  const { grades, classes, townships } = population!;
  const params: Record<string, unknown> = {};
  const list = (values: readonly string[], prefix: string) =>
    values.map((v, i) => {
      params[`${prefix}${i}`] = v;
      return `:${prefix}${i}`;
    });
  const terms = [
    ...(grades.length ? [`p.grade IN (${list(grades, 'pg').join(', ')})`] : []),
    ...classes.map((c, i) => {
      params[`pcg${i}`] = c.grade;
      params[`pcc${i}`] = c.className;
      return `(p.grade = :pcg${i} AND p.class_name = :pcc${i})`;
    }),
    ...(townships.length ? [`p.township IN (${list(townships, 'pt').join(', ')})`] : []),
  ];
  return { condition: `(${terms.join(' OR ')})`, params };
}

function describePopulation(population: Population | undefined): string | null {
  if (!populationFilter(population)) return null;
  const { grades, classes, townships } = population!;
  return [...grades, ...classes.map((c) => `${c.grade}${c.className}`), ...townships].join('、');
}

/** Only the variants the role may have; a class teacher's rows are limited to their classes. */
export function checkVariant(user: User, variant: ExportVariant): void {
  if (!EXPORT_VARIANTS_BY_ROLE[user.role].includes(variant))
    throw refusal(
      'forbidden',
      'exports.variant_forbidden',
      `The ${user.role} role cannot export the ${variant} roster.`,
      {
        variant,
      },
    );
}

const CAUTION =
  '筛查阳性不等于诊断；诊断由专科医疗机构作出。本表含敏感个人信息，请按最小必要原则使用和传递，用后妥善销毁。';

/** How the figures are counted, in each programme's terms (实测/转介 at a school, 筛查/转诊 at a clinic). */
const DEFINITIONS: Record<Programme, string[]> = {
  school: [
    '统计口径：实测人数与各等级人数按统计期间内每人最近一次测评计；关键条目阳性按期间内任一次测评计；各量表阳性人数按每人该量表最近一次结果、以该量表自身的划界分计（不按综合预警等级），因漏答而无法判定者不计入；转介、到位、确诊按转介日期计；随访、复核、解除、结案按记录日期计；纳入专案管理人数为期间内纳入管理的个案（无论此后是否结案）；在管人数为期间末仍在管的个案；应测人数为期间内测评计划的对象；名册中的预警等级为当前等级（与名册、档案一致），已解除或结案者为空。',
    CAUTION,
  ],
  perinatal: [
    '统计口径：筛查人数与各结果人数按统计期间内每人最近一次筛查计；关键条目阳性按期间内任一次筛查计；各量表阳性人数按每人该量表最近一次结果、以该量表自身的划界分计（不按综合筛查结果），因漏答而无法判定者不计入；转诊、到位、确诊按转诊日期计；随访、复核、解除、结案按记录日期计；纳入专案管理人数为期间内纳入管理的个案（无论此后是否结案）；在管人数为期间末仍在管的个案；应筛人数为筛查时点窗口与期间重叠的孕产妇（分时点按各时点计，同一人可计入多个时点）；名册中的筛查结果为当前结果（与登记表、档案一致），已结案者为空。',
    CAUTION,
  ],
};

const DEIDENTIFIED_PARAGRAPH =
  '本表为去标识化版：文字说明从略，各项人数与比率见上表；小于5的人数已隐藏，不得据此推算或识别个人。';

/**
 * Writes the roster workbook onto `output` and returns how many people and screenings it lists.
 * Everything streams: rows come from the database one at a time and leave as zipped XML.
 */
async function writeWorkbook(
  db: Db,
  user: User,
  options: RosterExportOptions,
  output: Writable,
  run: ExportRun,
): Promise<{ people: number; screenings: number }> {
  const { programme, variant } = options;
  const period: Period = {
    programme,
    from: options.from ?? EARLIEST,
    to: options.to ?? todayIso(),
  };
  const today = todayIso();
  const ruleSet = activeRuleSet(db, programme);
  const levels = ruleSet.levels;
  const levelNames = new Map(levels.map((l) => [l.id, l.name.zh]));
  const orgName = getSetting(db, 'org.name') ?? '';
  const scope = classScope(user);
  const ctx: ColumnContext = {
    programme,
    variant,
    orgName,
    today,
    levelName: (id) => (id ? (levelNames.get(id) ?? id) : ''),
    pseudonym: variant === 'deidentified' ? exportPseudonymiser() : () => '',
    leaveOut: options.leaveOut ?? [],
    shiftDays: variant === 'deidentified' && options.shiftDates ? dateShifter(db) : null,
    windows: programme === 'perinatal' ? currentScreeningWindows(db) : undefined,
  };
  const head: Letterhead = {
    orgName,
    title: PROGRAMME_TITLES[programme],
    exportedAt: localTime(new Date()),
    period:
      (period.from === EARLIEST ? `全部记录（截至 ${period.to}）` : `${period.from} 至 ${period.to}`) +
      (describePopulation(options.population) ? `\u3000范围：${describePopulation(options.population)}` : ''),
    variant: VARIANT_LABELS[programme][variant],
    by: user.displayName,
  };

  const wb = await streamWorkbook(output);
  const styles = exportStyles(wb, levels);
  const school = programme === 'school';
  const deidentified = variant === 'deidentified';
  let people = 0;
  let screenings = 0;
  let done = 0;
  let total = 0;
  let phase: ExportPhase = 'reading';
  const step = (next?: ExportPhase) => {
    run.signal?.throwIfAborted();
    if (next) phase = next;
    run.onProgress?.({ phase, done, total });
  };
  // Rows report progress every so often, not on each row: a poll needs no finer steps.
  const onRow = () => {
    done += 1;
    if (done % 500 === 0) step();
  };
  try {
    step('reading');
    const pass = screeningPass(db, period, Object.keys(followUpIntervals(db, programme)));
    const include = populationFilter(options.population);
    const everyone = loadPeople(db);
    if (include) for (const [id, p] of everyone) if (!include(p)) everyone.delete(id);
    const query = { period, levelOrder: levels.map((l) => l.id), levels: options.levels, scope };
    const members = variant === 'aggregate' ? [] : rosterMembers(db, query, pass, (id) => everyone.has(id));
    const withRecords = variant !== 'aggregate' && variant !== 'class-teacher';
    total = members.length;
    if (withRecords) for (const id of everyone.keys()) total += pass.sheets.get(id) ?? 0;
    if (variant !== 'class-teacher') {
      step('summary');
      const groups = groupFigures(
        db,
        period,
        school ? ['class', 'grade', 'sex'] : ['township', 'timePoint'],
        pass,
        everyone,
      );
      // Any per-person breakdown covers everyone once: its totals are the summary's population figures.
      const figures = dashboard(
        db,
        programme,
        period.from,
        period.to,
        today,
        populationFigures(school ? groups.sex : groups.township),
      );
      const scales = scaleSummary(db, period, pass.instruments, populationCondition(options.population));
      const table = (title: string, dimension: keyof typeof groups) => ({
        title,
        // Groups are keys across the API (time points, '' for not filled in); the sheet names them.
        rows: groups[dimension].map((g) => ({ ...g, group: groupName(dimension, g.group) })),
        perPerson: dimension !== 'timePoint',
      });
      const warning = warningLevels(programme, levels);
      // The de-identified file breaks figures down by grade and sex, or by time point, never by
      // class or township (README: what each variant keeps).
      const tables = !deidentified
        ? school
          ? [table('按班级', 'class'), table('按年级', 'grade'), table('按性别', 'sex')]
          : [table('按社区/乡镇', 'township'), table('按筛查时点', 'timePoint')]
        : school
          ? [table('按年级', 'grade'), table('按性别', 'sex')]
          : [table('按筛查时点', 'timePoint')];
      let summary = summaryFigures(programme, figures, levels, scales);
      let paragraph = summaryParagraph(programme, figures, levels, scales);
      let small: { cells: SmallCells; lines: ReturnType<typeof statisticsLines> } | undefined;
      if (deidentified) {
        // Small counts are hidden in the summary and the statistics alike, decided together:
        // the same 合计 figure appears in both.
        const cells = new SmallCells();
        const lines = statisticsLines(tables, warning, levels);
        registerStatistics(cells, lines, levels, warning);
        const shown = suppressFigures(cells, summary, levels, warning);
        cells.solve();
        summary = shown();
        small = { cells, lines };
        // The paragraph quotes every count in words: it is left out rather than half hidden.
        paragraph = DEIDENTIFIED_PARAGRAPH;
      }
      await writeSummary(
        wb,
        styles,
        head,
        summary,
        paragraph,
        deidentified ? [...DEFINITIONS[programme], SUPPRESSION_NOTE] : DEFINITIONS[programme],
      );
      step('statistics');
      await writeStatistics(
        wb,
        styles,
        head,
        deidentified ? (school ? '分年级统计' : '分时点统计') : school ? '分班统计' : '分社区统计',
        school
          ? {
              due: '应测人数',
              screened: '实测人数',
              rate: '参测率',
              flagged: '预警人数',
              flaggedRate: '预警率',
            }
          : {
              due: '应筛人数',
              screened: '筛查人数',
              rate: '筛查率',
              flagged: '阳性人数',
              flaggedRate: '阳性率',
            },
        levels,
        warning,
        tables,
        small,
      );
    }
    if (variant !== 'aggregate') {
      const critical = criticalItems(db);
      step('roster');
      people = await writeTable(wb, styles, head, {
        name: '随访名册',
        columns: rosterColumns(ctx, pass.instruments),
        rows: rosterRecords(db, query, critical, members),
        level: (r) => r.level,
        tintRows: true,
        onRow,
        ...(options.maxRowsPerSheet ? { maxRows: options.maxRowsPerSheet } : {}),
      });
      // Class teachers act on who needs attention; every sheet's answers are not theirs to see.
      if (withRecords) {
        step('screenings');
        screenings = await writeTable(wb, styles, head, {
          name: '测评记录',
          columns: screeningColumns(ctx, pass.instruments),
          rows: screeningRecords(db, period, scope, critical, everyone),
          level: (r) => r.level,
          tintRows: false,
          onRow,
          ...(options.maxRowsPerSheet ? { maxRows: options.maxRowsPerSheet } : {}),
        });
      }
    }
    step('finishing');
    await wb.commit();
  } catch (error) {
    wb.abort();
    throw error;
  }
  return { people, screenings };
}

/**
 * Records who exported what, for which period and how many people: never the rows themselves.
 * Called once the file is in place (or the download built), so a failed export is not logged as one.
 */
export function auditExport(
  db: Db,
  user: User,
  options: RosterExportOptions,
  counts: { people: number; screenings: number },
  target: 'file' | 'download',
): void {
  audit(db, user.id, 'export.roster', options.programme, {
    variant: options.variant,
    from: options.from ?? null,
    to: options.to ?? null,
    levels: options.levels ?? null,
    population: options.population ?? null,
    leaveOut: options.leaveOut ?? [],
    shiftDates: options.shiftDates ?? false,
    target,
    ...counts,
  });
}

/**
 * An export that did not finish is recorded too — what was asked for and why it stopped (the
 * error's code, never its message, which may quote a row) — so an attempt never leaves no trace.
 */
export function auditExportFailure(
  db: Db,
  user: User,
  options: RosterExportOptions,
  error: unknown,
  outcome: 'failed' | 'cancelled',
): void {
  audit(db, user.id, `export.${outcome}`, options.programme, {
    variant: options.variant,
    from: options.from ?? null,
    to: options.to ?? null,
    reason: outcome === 'cancelled' ? 'cancelled' : error instanceof AppError ? error.code : 'internal',
  });
}

/** The workbook onto `output`, for a role allowed this variant. */
export async function writeRosterExport(
  db: Db,
  user: User,
  options: RosterExportOptions,
  output: Writable,
  run: ExportRun = {},
): Promise<{ people: number; screenings: number }> {
  checkVariant(user, options.variant);
  return writeWorkbook(db, user, options, output, run);
}
