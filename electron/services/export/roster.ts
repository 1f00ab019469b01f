import type { Writable } from 'node:stream';
import type { User } from '../../../shared/api/auth';
import { AppError } from '../../../shared/api/errors';
import { EXPORT_VARIANTS_BY_ROLE, type ExportVariant } from '../../../shared/api/exports';
import type { Programme } from '../../../shared/instruments';
import { todayIso } from '../../../shared/people';
import type { Db } from '../../db/database';
import { audit } from '../audit';
import { followUpIntervals } from '../cases/cases';
import { dashboard } from '../cases/dashboard';
import { classScope } from '../scope';
import { getSetting } from '../settings';
import { streamWorkbook } from '../spreadsheet/stream-writer';
import { activeRuleSet } from '../tier-rules';
import { rosterColumns, screeningColumns, type ColumnContext } from './columns';
import { PROGRAMME_TITLES, VARIANT_LABELS } from './labels';
import { pseudonymiser } from './mask';
import { criticalItems, type Period } from './query';
import { instrumentsInPeriod, screeningRecords } from './records-data';
import { rosterRecords } from './roster-data';
import { writeStatistics, writeSummary, writeTable, type Letterhead } from './sheets';
import { groupFigures } from './stats';
import { exportStyles } from './styles';
import { summaryFigures, summaryParagraph, warningLevels } from './summary';

export interface RosterExportOptions {
  programme: Programme;
  variant: ExportVariant;
  from?: string | undefined;
  to?: string | undefined;
  levels?: readonly string[] | undefined;
  /** Tests lower it to see a sheet continue on a second one; Excel's limit otherwise. */
  maxRowsPerSheet?: number;
}

// Without a start date the export covers every record up to `to`.
const EARLIEST = '0000-01-01';

const pad = (n: number) => String(n).padStart(2, '0');
const localTime = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** Only the variants the role may have; a class teacher's rows are limited to their classes. */
export function checkVariant(user: User, variant: ExportVariant): void {
  if (!EXPORT_VARIANTS_BY_ROLE[user.role].includes(variant))
    throw new AppError('forbidden', '您的角色不能导出此版本的名册。');
}

const DEFINITIONS = [
  '统计口径：实测人数与各等级人数按统计期间内每人最近一次测评计；关键条目阳性按期间内任一次测评计；转介、到位、确诊按转介日期计；随访、复核、解除、结案按记录日期计；在管人数为导出时仍在管的个案。',
  '筛查阳性不等于诊断；诊断由专科医疗机构作出。本表含敏感个人信息，请按最小必要原则使用和传递，用后妥善销毁。',
];

/**
 * Writes the roster workbook onto `output` and returns how many people and screenings it lists.
 * Everything streams: rows come from the database one at a time and leave as zipped XML.
 */
async function writeWorkbook(
  db: Db,
  user: User,
  options: RosterExportOptions,
  output: Writable,
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
    pseudonym: variant === 'deidentified' ? pseudonymiser(db) : () => '',
  };
  const head: Letterhead = {
    orgName,
    title: PROGRAMME_TITLES[programme],
    exportedAt: localTime(new Date()),
    period: period.from === EARLIEST ? `全部记录（截至 ${period.to}）` : `${period.from} 至 ${period.to}`,
    variant: VARIANT_LABELS[variant],
    by: user.displayName,
  };

  const wb = await streamWorkbook(output);
  const styles = exportStyles(wb, levels);
  const school = programme === 'school';
  let people = 0;
  let screenings = 0;
  try {
    if (variant !== 'class-teacher') {
      const figures = dashboard(db, programme, period.from, period.to, today);
      await writeSummary(
        wb,
        styles,
        head,
        summaryFigures(programme, figures, levels),
        summaryParagraph(programme, figures, levels),
        DEFINITIONS,
      );
      const groups = groupFigures(db, period, school ? ['class', 'grade', 'sex'] : ['township', 'timePoint']);
      const table = (title: string, dimension: keyof typeof groups) => ({
        title,
        rows: groups[dimension],
        perPerson: dimension !== 'timePoint',
      });
      await writeStatistics(
        wb,
        styles,
        head,
        school ? '分班统计' : '分社区统计',
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
        warningLevels(programme, levels),
        school
          ? [table('按班级', 'class'), table('按年级', 'grade'), table('按性别', 'sex')]
          : [table('按社区/乡镇', 'township'), table('按筛查时点', 'timePoint')],
      );
    }
    if (variant !== 'aggregate') {
      const critical = criticalItems(db);
      people = await writeTable(wb, styles, head, {
        name: '随访名册',
        columns: rosterColumns(ctx),
        rows: rosterRecords(
          db,
          {
            period,
            levelOrder: levels.map((l) => l.id),
            flaggedLevels: Object.keys(followUpIntervals(db, programme)),
            levels: options.levels,
            scope,
          },
          critical,
        ),
        level: (r) => r.level,
        tintRows: true,
        ...(options.maxRowsPerSheet ? { maxRows: options.maxRowsPerSheet } : {}),
      });
      // Class teachers act on who needs attention; every sheet's answers are not theirs to see.
      if (variant !== 'class-teacher') {
        screenings = await writeTable(wb, styles, head, {
          name: '测评记录',
          columns: screeningColumns(ctx, instrumentsInPeriod(db, period, scope)),
          rows: screeningRecords(db, period, scope, critical),
          level: (r) => r.level,
          tintRows: false,
          ...(options.maxRowsPerSheet ? { maxRows: options.maxRowsPerSheet } : {}),
        });
      }
    }
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
    target,
    ...counts,
  });
}

/** The workbook onto `output`, for a role allowed this variant. */
export async function writeRosterExport(
  db: Db,
  user: User,
  options: RosterExportOptions,
  output: Writable,
): Promise<{ people: number; screenings: number }> {
  checkVariant(user, options.variant);
  return writeWorkbook(db, user, options, output);
}
