import type { ExportVariant, LeaveOut } from '../../../shared/api/exports';
import type { Programme } from '../../../shared/instruments';
import {
  ageOn,
  dueDateOf,
  neutraliseFormula,
  parseIdNumber,
  timePointNames,
  type ScreeningWindows,
} from '../../../shared/people';
import type { StreamCellValue } from '../spreadsheet/stream-writer';
import {
  CASE_STATUS_LABELS,
  CLOSE_REASON_LABELS,
  COLOUR_LABELS,
  MODE_LABELS,
  PARTIAL_LABEL,
  REFERRAL_PENDING_LABELS,
  SCREENING_STATUS_LABELS,
  SEX_LABELS,
  TASK_LABELS,
  UNFINISHED_LABEL,
} from './labels';
import { ageBand, monthOf } from './mask';
import { perinatalAt } from './perinatal';
import { criticalText, isPartial, type Total } from './query';
import type { ScreeningRecord } from './records-data';
import type { PersonFields, RosterRecord } from './roster-data';

/**
 * What a column may reveal, so each variant can drop what its reader must not see:
 * class teachers get no scores, item answers, reasons or diagnoses; de-identified files
 * get no item 9/10 answers, no diagnosis, no identifier (name, 学籍号, handbook number, phone)
 * and none of the quasi-identifiers that single a person out in a small group: the class (with
 * sex and level it names a student), township, exact age, exact due date, weeks pregnant to the
 * day (with the screening date it gives the due date), the staff member responsible (often the
 * class teacher). 'banded' columns are the coarse stand-ins only the de-identified file has.
 */
type Tag = 'score' | 'item' | 'reason' | 'diagnosis' | 'identifier' | 'quasi' | 'banded';

/** How a column's cells look (styles.ts has one style per kind); listed so tests can try each. */
export const COLUMN_KINDS = ['text', 'wrap', 'date', 'number', 'level'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface Column<T> {
  header: string;
  width: number;
  kind: ColumnKind;
  tags?: readonly Tag[];
  value(row: T, index: number): StreamCellValue;
}

export interface ColumnContext {
  programme: Programme;
  variant: ExportVariant;
  orgName: string;
  today: string;
  levelName(id: string | null): string;
  pseudonym(personId: number): string;
  /** Columns the exporter chose to leave out on top of the variant's. */
  leaveOut: readonly LeaveOut[];
  /** Days each person's dates move in a de-identified file; null keeps true dates. */
  shiftDays: ((personId: number) => number) | null;
  /** The perinatal time-point windows in force (`currentScreeningWindows`), for 筛查时点. */
  windows?: ScreeningWindows;
}

const LEAVE_OUT_TAGS: Record<LeaveOut, Tag> = { diagnosis: 'diagnosis', items: 'item' };

const DROPPED: Record<ExportVariant, readonly Tag[]> = {
  full: ['banded'],
  'class-teacher': ['score', 'item', 'reason', 'diagnosis', 'banded'],
  aggregate: ['score', 'item', 'reason', 'diagnosis', 'banded'],
  deidentified: ['item', 'diagnosis', 'identifier', 'quasi'],
};

/** Every text cell goes through here: text that starts like a formula must stay text. */
const text = (value: string | null | undefined): string | null =>
  value === null || value === undefined || value === '' ? null : neutraliseFormula(value);

/** 'YYYY-MM-DD' as an Excel date (midnight UTC is what exceljs turns into a whole serial). */
export function excelDate(iso: string | null | undefined): Date | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

function age(p: PersonFields, today: string): number | null {
  const birth = p.birthDate ?? (p.idNumber ? parseIdNumber(p.idNumber, today) : null);
  const date = typeof birth === 'string' ? birth : birth?.ok ? birth.value.birthDate : null;
  return date ? ageOn(date, today) : null;
}

/** Whether the file may say anything about item answers: the full file, unless items were left out. */
const showsItems = (ctx: ColumnContext) => ctx.variant === 'full' && !ctx.leaveOut.includes('items');

const yesNo = (r: RosterRecord) => (r.referral ? (r.referral.attendedOn ? '是' : '否') : null);

function measure(r: RosterRecord, ctx: ColumnContext): string {
  if (!r.case) return '待复核';
  if (r.case.status !== 'open') return '—';
  const task = r.nextTask ? TASK_LABELS[ctx.programme][r.nextTask.kind] : null;
  if (r.case.managedSince) return task ? `专案管理：${task}` : '专案管理';
  return task ?? '随访中';
}

function status(r: RosterRecord, ctx: ColumnContext): string {
  if (!r.case) return '未立案';
  return CASE_STATUS_LABELS[ctx.programme][r.case.status];
}

/** 备注: facts the app derives, never free text someone typed (which could name anyone). */
function notes(r: RosterRecord, ctx: ColumnContext): string | null {
  const list: string[] = [];
  const items = showsItems(ctx);
  if (r.case?.status === 'open' && r.nextTask && r.nextTask.dueOn < ctx.today)
    list.push(
      r.nextTask.kind === 'safety_check'
        ? '安全评估已逾期'
        : `${TASK_LABELS[ctx.programme][r.nextTask.kind]}已逾期`,
    );
  if (r.referral && !r.referral.attendedOn) list.push(REFERRAL_PENDING_LABELS[ctx.programme]);
  if (items && r.screening?.critical.some((c) => c.fired)) list.push('关键条目阳性');
  if (items && r.unsubmittedCritical) list.push(SCREENING_STATUS_LABELS.in_progress!);
  // Without items the unsubmitted sheet is still worth a word, but not what was answered on it.
  if (!items && ctx.variant === 'full' && r.unsubmittedCritical) list.push(UNFINISHED_LABEL);
  return list.length ? list.join('；') : null;
}

function review(r: RosterRecord, ctx: ColumnContext): string | null {
  if (!r.interview) return null;
  const level = ctx.levelName(r.interview.level);
  // A reason is typed free text that often quotes the answers (第9题选2…): the de-identified file
  // and the file without items keep only the confirmed level.
  return text(showsItems(ctx) && r.interview.reason ? `${level}：${r.interview.reason}` : level);
}

/**
 * One number column per instrument (PHQ-9总分, GAD-7总分 …) rather than one text cell listing them,
 * so a total sorts and filters as a number in Excel and LibreOffice. Shared by the roster (the
 * person's latest sheet) and the screening records.
 */
function scoreColumns<T>(
  instruments: readonly string[],
  totals: (row: T) => readonly Total[] | undefined,
): Column<T>[] {
  return instruments.map((instrument) => ({
    header: `${instrument}总分`,
    width: 5,
    kind: 'number',
    tags: ['score'],
    value: (r) => totals(r)?.find((t) => t.instrument === instrument)?.total ?? null,
  }));
}

// Widths are in Excel characters (a CJK character takes two) and kept narrow, with long text and
// headers wrapping: every column of a roster has to fit one A4 landscape page wide at a size that
// still reads on paper (test/integration/export-print.test.ts converts it with LibreOffice).

// Shared by the roster and the screening records, so both drop the same identifiers.
const CLASS: Column<{ person: PersonFields }> = {
  header: '班级',
  width: 4,
  kind: 'text',
  tags: ['quasi'],
  value: (r) => text(r.person.className),
};
const NAME: Column<{ person: PersonFields }> = {
  header: '姓名',
  width: 6,
  kind: 'text',
  tags: ['identifier'],
  value: (r) => text(r.person.name),
};
const TOWNSHIP: Column<{ person: PersonFields }> = {
  header: '社区/乡镇',
  width: 7,
  kind: 'wrap',
  tags: ['quasi'],
  value: (r) => text(r.person.township),
};

const SCHOOL_ROSTER = (ctx: ColumnContext, instruments: readonly string[]): Column<RosterRecord>[] => {
  return [
    { header: '序号', width: 4, kind: 'number', value: (_r, i) => i + 1 },
    { header: '学校', width: 6, kind: 'wrap', value: (r) => text(r.person.school ?? ctx.orgName) },
    { header: '年级', width: 5, kind: 'wrap', value: (r) => text(r.person.grade) },
    CLASS,
    {
      header: '学籍号',
      width: 11,
      kind: 'wrap',
      tags: ['identifier'],
      value: (r) => text(r.person.studentNo),
    },
    NAME,
    {
      header: '性别',
      width: 4,
      kind: 'text',
      value: (r) => (r.person.sex ? SEX_LABELS[r.person.sex] : null),
    },
    { header: '测评日期', width: 10, kind: 'date', value: (r) => excelDate(r.screening?.date) },
    {
      header: '量表',
      width: 7,
      kind: 'wrap',
      tags: ['score'],
      value: (r) => text(r.screening?.battery.join('、')),
    },
    ...scoreColumns<RosterRecord>(instruments, (r) => r.screening?.totals),
    {
      header: '关键条目',
      width: 10,
      kind: 'wrap',
      tags: ['item'],
      value: (r) => (r.screening ? (text(criticalText(r.screening.critical)) ?? '无') : null),
    },
    { header: '预警等级', width: 8, kind: 'level', value: (r) => ctx.levelName(r.level) },
    { header: '首次预警日期', width: 10, kind: 'date', value: (r) => excelDate(r.case?.openedOn) },
    { header: '复核结论', width: 12, kind: 'wrap', tags: ['reason'], value: (r) => review(r, ctx) },
    { header: '家长告知日期', width: 10, kind: 'date', value: (r) => excelDate(r.guardianContactOn) },
    {
      header: '转介机构/日期',
      width: 11,
      kind: 'wrap',
      value: (r) => (r.referral ? text(`${r.referral.institution}（${r.referral.referredOn}）`) : null),
    },
    { header: '是否到位', width: 4, kind: 'text', value: yesNo },
    { header: '当前措施', width: 8, kind: 'wrap', value: (r) => measure(r, ctx) },
    {
      header: '责任人',
      width: 6,
      kind: 'wrap',
      tags: ['quasi'],
      value: (r) => text(r.case?.responsible),
    },
    { header: '下次随访日期', width: 10, kind: 'date', value: (r) => excelDate(r.nextTask?.dueOn) },
    { header: '随访次数', width: 4, kind: 'number', value: (r) => r.followUps },
    { header: '状态', width: 6, kind: 'wrap', value: (r) => status(r, ctx) },
    { header: '备注', width: 11, kind: 'wrap', value: (r) => notes(r, ctx) },
  ];
};

const HANDBOOK: Column<{ person: PersonFields }> = {
  header: '手册编号',
  width: 10,
  kind: 'wrap',
  tags: ['identifier'],
  value: (r) => text(r.person.handbookNo),
};

const PERINATAL_ROSTER = (ctx: ColumnContext, instruments: readonly string[]): Column<RosterRecord>[] => {
  const stage = (r: RosterRecord) =>
    r.screening ? perinatalAt(r.person, r.screening.date, ctx.windows) : null;
  return [
    { header: '序号', width: 4, kind: 'number', value: (_r, i) => i + 1 },
    { header: '建册机构', width: 6, kind: 'wrap', value: () => text(ctx.orgName) },
    HANDBOOK,
    NAME,
    {
      header: '年龄',
      width: 4,
      kind: 'number',
      tags: ['quasi'],
      value: (r) => age(r.person, ctx.today),
    },
    {
      header: '年龄段',
      width: 8,
      kind: 'wrap',
      tags: ['banded'],
      value: (r) => ageBand(age(r.person, ctx.today)),
    },
    {
      header: '联系电话',
      width: 11,
      kind: 'wrap',
      tags: ['identifier'],
      value: (r) => text(r.person.phone),
    },
    TOWNSHIP,
    {
      header: '预产期',
      width: 10,
      kind: 'date',
      tags: ['quasi'],
      value: (r) => excelDate(dueDateOf(r.person)),
    },
    {
      header: '预产月份',
      width: 8,
      kind: 'text',
      tags: ['banded'],
      value: (r) => monthOf(dueDateOf(r.person)),
    },
    {
      header: '孕周/产后天数',
      width: 7,
      kind: 'wrap',
      tags: ['quasi'],
      value: (r) => stage(r)?.age ?? null,
    },
    {
      header: '筛查时点',
      width: 6,
      kind: 'wrap',
      value: (r) => {
        const point = stage(r)?.timePoint;
        return point ? timePointNames[point] : null;
      },
    },
    {
      header: '量表',
      width: 7,
      kind: 'wrap',
      tags: ['score'],
      value: (r) => text(r.screening?.battery.join('、')),
    },
    ...scoreColumns<RosterRecord>(instruments, (r) => r.screening?.totals),
    {
      header: '第9/10题',
      width: 9,
      kind: 'wrap',
      tags: ['item'],
      value: (r) => (r.screening ? (text(criticalText(r.screening.critical)) ?? '未作答') : null),
    },
    { header: '筛查结果', width: 7, kind: 'level', value: (r) => ctx.levelName(r.level) },
    {
      header: '风险颜色',
      width: 5,
      kind: 'wrap',
      value: (r) =>
        r.case?.colour || r.case?.purple
          ? [r.case.colour && COLOUR_LABELS[r.case.colour], r.case.purple && COLOUR_LABELS.purple]
              .filter(Boolean)
              .join('＋')
          : null,
    },
    { header: '转诊日期', width: 10, kind: 'date', value: (r) => excelDate(r.referral?.referredOn) },
    { header: '转诊机构', width: 8, kind: 'wrap', value: (r) => text(r.referral?.institution) },
    { header: '是否到位', width: 4, kind: 'text', value: yesNo },
    {
      header: '诊断',
      width: 8,
      kind: 'wrap',
      tags: ['diagnosis'],
      value: (r) => text(r.referral?.diagnosis),
    },
    { header: '专案管理日期', width: 10, kind: 'date', value: (r) => excelDate(r.case?.managedSince) },
    {
      header: '责任医生',
      width: 6,
      kind: 'wrap',
      tags: ['quasi'],
      value: (r) => text(r.case?.responsible),
    },
    { header: '下次随访日期', width: 10, kind: 'date', value: (r) => excelDate(r.nextTask?.dueOn) },
    { header: '随访次数', width: 4, kind: 'number', value: (r) => r.followUps },
    {
      header: '结案日期/原因',
      width: 9,
      kind: 'wrap',
      value: (r) =>
        r.case && r.case.status !== 'open'
          ? `${r.case.endedOn ?? ''} ${r.case.status === 'lifted' ? '解除' : (CLOSE_REASON_LABELS[r.case.endReason ?? ''] ?? '结案')}`.trim()
          : null,
    },
    { header: '备注', width: 9, kind: 'wrap', value: (r) => notes(r, ctx) },
  ];
};

function recordColumns(ctx: ColumnContext, instruments: readonly string[]): Column<ScreeningRecord>[] {
  const school = ctx.programme === 'school';
  const totals = scoreColumns<ScreeningRecord>(instruments, (r) => r.totals);
  const stage = (r: ScreeningRecord) => perinatalAt(r.person, r.date, ctx.windows);
  const common: Column<ScreeningRecord>[] = [
    { header: '测评日期', width: 10, kind: 'date', value: (r) => excelDate(r.date) },
    ...(school
      ? []
      : ([
          {
            header: '孕周/产后天数',
            width: 7,
            kind: 'wrap',
            tags: ['quasi'],
            value: (r) => stage(r).age,
          },
          { header: '筛查时点', width: 7, kind: 'wrap', value: (r) => timePointNames[stage(r).timePoint] },
        ] satisfies Column<ScreeningRecord>[])),
    { header: '测评计划', width: 12, kind: 'wrap', value: (r) => text(r.campaign) },
    { header: '施测方式', width: 5, kind: 'text', value: (r) => MODE_LABELS[r.mode] ?? r.mode },
    {
      header: '状态',
      width: 7,
      kind: 'wrap',
      // A submitted sheet with blanks is 部分作答, not 已完成: its totals are the answered items only.
      value: (r) =>
        r.status === 'submitted' && isPartial(r.totals)
          ? PARTIAL_LABEL
          : r.status === 'in_progress' && !showsItems(ctx)
            ? UNFINISHED_LABEL
            : (SCREENING_STATUS_LABELS[r.status] ?? r.status),
    },
    ...totals,
    {
      header: school ? '关键条目' : '第9/10题',
      width: 12,
      kind: 'wrap',
      tags: ['item'],
      value: (r) => text(criticalText(r.critical)),
    },
    {
      header: school ? '预警等级' : '筛查结果',
      width: 9,
      kind: 'level',
      value: (r) => (r.level ? ctx.levelName(r.level) : null),
    },
  ];
  const who: Column<ScreeningRecord>[] = school
    ? [
        { header: '学校', width: 8, kind: 'wrap', value: (r) => text(r.person.school ?? ctx.orgName) },
        { header: '年级', width: 6, kind: 'wrap', value: (r) => text(r.person.grade) },
        CLASS,
        {
          header: '学籍号',
          width: 11,
          kind: 'wrap',
          tags: ['identifier'],
          value: (r) => text(r.person.studentNo),
        },
        NAME,
        {
          header: '性别',
          width: 5,
          kind: 'text',
          value: (r) => (r.person.sex ? SEX_LABELS[r.person.sex] : null),
        },
      ]
    : [HANDBOOK, NAME, TOWNSHIP];
  return [{ header: '序号', width: 5, kind: 'number', value: (_r, i) => i + 1 }, ...who, ...common];
}

const DAY_MS = 86_400_000;

function shifted<T extends { person: PersonFields }>(
  column: Column<T>,
  shiftDays: (personId: number) => number,
): Column<T> {
  return {
    ...column,
    value: (row, index) => {
      const value = column.value(row, index);
      return value instanceof Date ? new Date(value.getTime() + shiftDays(row.person.id) * DAY_MS) : value;
    },
  };
}

/** The de-identified file adds a stable pseudonym after 序号 so rows can still be linked across exports. */
function forVariant<T extends { person: PersonFields }>(
  columns: Column<T>[],
  ctx: ColumnContext,
): Column<T>[] {
  const dropped = [...DROPPED[ctx.variant], ...ctx.leaveOut.map((l) => LEAVE_OUT_TAGS[l])];
  const kept = columns
    .filter((c) => !c.tags?.some((t) => dropped.includes(t)))
    .map((c) => (c.kind === 'date' && ctx.shiftDays ? shifted(c, ctx.shiftDays) : c));
  if (ctx.variant !== 'deidentified') return kept;
  const pseudonym: Column<T> = {
    header: '化名编号',
    width: 15,
    kind: 'text',
    value: (r) => ctx.pseudonym(r.person.id),
  };
  return [kept[0]!, pseudonym, ...kept.slice(1)];
}

export function rosterColumns(ctx: ColumnContext, instruments: readonly string[]): Column<RosterRecord>[] {
  return forVariant(
    ctx.programme === 'school' ? SCHOOL_ROSTER(ctx, instruments) : PERINATAL_ROSTER(ctx, instruments),
    ctx,
  );
}

export function screeningColumns(
  ctx: ColumnContext,
  instruments: readonly string[],
): Column<ScreeningRecord>[] {
  return forVariant(recordColumns(ctx, instruments), ctx);
}
