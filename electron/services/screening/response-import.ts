import { answerAad, openNumber } from '../clinical/vault';
import type {
  CriticalAnswer,
  ResponseAction,
  ResponseColumnTarget,
  ResponseImportOptions,
  ResponseImportPreview,
  ResponseImportSummary,
  ResponseReading,
  ResponseReasonCode,
  ResponseRow,
  ResponseRowOutcome,
} from '../../../shared/api/responses';
import { responseRowOutcomes } from '../../../shared/api/responses';
import type { ScreeningMode } from '../../../shared/api/screening';
import { AppError } from '../../../shared/api/errors';
import {
  displayOptions,
  findItem,
  resolveOptionSet,
  valueForLabel,
  type InstrumentDefinition,
  type Programme,
} from '../../../shared/instruments';
import { comparableText, textSimilarity } from '../../../shared/instruments/text-match';
import { columnLetter } from '../../../shared/instruments/workbook/table';
import type { IssueParams } from '../../../shared/issues';
import {
  type ResponseErrorCode,
  type UnparsableCode,
  wordColumn,
  wordResponseError,
  wordResponseReason,
  wordUnparsable,
} from '../../../shared/screening/response-issues';
import { cellText, headerKey, parseDate, type CellValue } from '../../../shared/people';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { batteryColumn, parseJsonColumn } from '../../db/json-column';
import { audit } from '../audit';
import { findDefinition } from '../instruments';
import { activeRuleSet } from '../tier-rules';
import type { Sheet } from '../spreadsheet';
import { getCampaign } from './campaigns';
import { syncParticipants } from './participants';
import { saveAnswer, startScreening, submitScreening } from './sessions';
import { committing } from '../events';
import { sharedHandbookNumbers } from '../people/person-numbers';

/** Below this a question text is too unlike any item to be mapped without the user. */
const MIN_SIMILARITY = 0.6;
const IDENTITY_HEADERS: Record<string, Exclude<ResponseColumnTarget['kind'], 'item' | 'ignore'>> = {
  学籍号: 'studentNo',
  学号: 'studentNo',
  学生编号: 'studentNo',
  保健手册编号: 'handbookNo',
  手册编号: 'handbookNo',
  孕产妇保健手册编号: 'handbookNo',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  证件号码: 'idNumber',
  姓名: 'name',
  学生姓名: 'name',
  班级: 'className',
  提交答卷时间: 'submittedAt',
  提交时间: 'submittedAt',
  // 腾讯问卷 names the moment a respondent finished this way.
  结束答题时间: 'submittedAt',
  答题结束时间: 'submittedAt',
};
const NUMBER_KINDS = ['studentNo', 'handbookNo', 'idNumber'] as const;
type NumberKind = (typeof NUMBER_KINDS)[number];
const SKIP_TEXTS = new Set(['', '(跳过)', '(空)', '（跳过）', '（空）']);

interface Item {
  def: InstrumentDefinition;
  itemId: string;
  number: number;
  text: { zh: string; en: string };
}

interface Column {
  index: number;
  header: string;
  target: ResponseColumnTarget;
  similarity: number | null;
  reading: ResponseReading | null;
  orderMatters: boolean;
  samples: string[];
}

interface Answer {
  instrumentId: string;
  itemId: string;
  value: number;
}

interface Participant {
  id: number;
  name: string;
  class_name: string | null;
  student_no: string | null;
  handbook_no: string | null;
  id_number: string | null;
  status: string;
  battery: string;
}

interface Sheetless {
  screening_id: number;
  mode: ScreeningMode;
  status: 'in_progress' | 'submitted' | 'declined';
  submitted_at: string | null;
}

/** A row as planned: what it holds, what became of it, and what will be done with it. */
interface PlannedRow extends ResponseRow {
  answers: Answer[];
  /** ISO instant to store as the sheet's submission time. */
  submittedIso?: string;
}

const colName = (index: number, header: string) => wordColumn(columnLetter(index), header);

/** A refusal naming what to fix; `detail` lets the UI word it in its own language. */
function refuse(code: ResponseErrorCode, params: Record<string, string | number> = {}): AppError {
  return new AppError('invalid_input', wordResponseError(code, params), {
    detail: { reason: `responses.${code}`, params },
  });
}

/** Where a column is, as the refusals name it: its number, letter and header. */
const columnParams = (index: number, header = '') => ({
  number: index + 1,
  letter: columnLetter(index),
  header,
});

function batteryItems(db: Db, campaignId: number): Item[] {
  const ids = [...new Set(getCampaign(db, campaignId).targets.flatMap((t) => t.battery))];
  return ids.flatMap((id) => {
    const def = findDefinition(db, id);
    return def.items
      .filter((i) => i.scored)
      .map((i) => ({ def, itemId: i.id, number: i.number, text: i.text }));
  });
}

function headerRowIndex(rows: CellValue[][]): number {
  const index = rows
    .slice(0, 20)
    .findIndex((row) => row.some((c) => IDENTITY_HEADERS[comparableText(cellText(c))]));
  if (index < 0) {
    throw refuse('no_header');
  }
  return index;
}

/** Whether the English form prints this item's options in another order than the Chinese one. */
function orderMatters(item: Item): boolean {
  const zh = displayOptions(item.def, item.itemId, 'zh').map((o) => o.value);
  const en = displayOptions(item.def, item.itemId, 'en').map((o) => o.value);
  return zh.join() !== en.join();
}

function isIntegerText(text: string): boolean {
  return /^\d+$/.test(text.normalize('NFKC').trim());
}

/** Identity columns by name; item columns by the most similar unclaimed question text, in either language. */
function matchColumns(
  header: CellValue[],
  body: CellValue[][],
  items: Item[],
  options: ResponseImportOptions,
): Column[] {
  const corrections = options.mapping ?? {};
  const claimed = new Set<string>();
  const language = new Map<number, 'zh' | 'en'>();
  const width = Math.max(header.length, ...Object.keys(corrections).map((k) => Number(k) + 1));
  for (const key of Object.keys(corrections)) {
    if (Number(key) >= header.length) throw refuse('no_column', columnParams(Number(key)));
  }
  const columns: Column[] = Array.from({ length: width }, (_, index) => {
    const text = cellText(header[index] ?? null).trim();
    const base = { index, header: text, similarity: null, reading: null, orderMatters: false, samples: [] };
    const fixed = corrections[String(index)];
    if (fixed) {
      if (fixed.kind === 'item') {
        const item = items.find((it) => it.def.id === fixed.instrumentId && it.itemId === fixed.itemId);
        if (!item) {
          const { instrumentId, itemId } = fixed;
          throw refuse('not_an_item', { ...columnParams(index, text), instrumentId, itemId });
        }
        const key = `${fixed.instrumentId}/${fixed.itemId}`;
        if (claimed.has(key)) {
          const { instrumentId } = fixed;
          throw refuse('item_taken', { ...columnParams(index, text), instrumentId, itemNumber: item.number });
        }
        claimed.add(key);
      }
      return { ...base, target: fixed };
    }
    const identity = IDENTITY_HEADERS[comparableText(text)] ?? IDENTITY_HEADERS[headerKey(text)];
    return { ...base, target: identity ? { kind: identity } : { kind: 'ignore' } };
  });
  const candidates = columns
    .filter((c) => c.target.kind === 'ignore' && !(String(c.index) in corrections) && c.header)
    .flatMap((c) =>
      items.flatMap((item) =>
        (['zh', 'en'] as const).map((lang) => ({
          column: c,
          item,
          lang,
          similarity: textSimilarity(c.header, item.text[lang]),
        })),
      ),
    )
    .filter((m) => m.similarity >= MIN_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity);
  const used = new Set<number>();
  for (const { column, item, lang, similarity } of candidates) {
    const key = `${item.def.id}/${item.itemId}`;
    if (used.has(column.index) || claimed.has(key)) continue;
    used.add(column.index);
    claimed.add(key);
    language.set(column.index, lang);
    column.target = { kind: 'item', instrumentId: item.def.id, itemId: item.itemId };
    column.similarity = Math.round(similarity * 100) / 100;
  }
  for (const column of columns) {
    const target = column.target;
    if (target.kind !== 'item') continue;
    const item = items.find((it) => it.def.id === target.instrumentId && it.itemId === target.itemId)!;
    const written = body
      .map((r) => cellText(r[column.index] ?? null).trim())
      .filter((t) => !SKIP_TEXTS.has(t));
    column.samples = [...new Set(written)].slice(0, 4);
    // Numbers that are not also option texts are positions; a form whose questions are in English
    // printed its options in English order, which is what its positions count.
    const byNumber =
      written.length > 0 &&
      written.every((t) => isIntegerText(t) && valueForLabel(item.def, item.itemId, t) === undefined);
    column.orderMatters = orderMatters(item);
    column.reading = options.readings?.[String(column.index)] ?? {
      read: byNumber ? 'number' : 'text',
      order: language.get(column.index) ?? 'zh',
    };
  }
  for (const key of Object.keys(options.readings ?? {})) {
    if (columns[Number(key)]?.target.kind !== 'item')
      throw refuse('reading_not_item', columnParams(Number(key)));
  }
  return columns;
}

/** The option value a cell holds under the column's reading, or why it cannot be read. */
function answerValue(
  item: Item,
  reading: ResponseReading,
  text: string,
): { value: number | null } | { error: UnparsableCode; params: IssueParams } {
  if (SKIP_TEXTS.has(text)) return { value: null };
  const options = displayOptions(item.def, item.itemId, reading.order);
  if (reading.read === 'number') {
    const position = isIntegerText(text) ? Number(text.normalize('NFKC')) : NaN;
    // Position 1 is the form's first option: the printed first, or the printed last when reversed.
    const option = (reading.reversed ? [...options].reverse() : options)[position - 1];
    if (option) return { value: option.value };
    return isIntegerText(text)
      ? { error: 'position_out_of_range', params: { max: options.length } }
      : { error: 'text_in_number_column', params: {} };
  }
  const value = valueForLabel(item.def, item.itemId, text);
  if (value !== undefined) return { value };
  if (isIntegerText(text)) return { error: 'number_in_text_column', params: {} };
  const labels = { zh: options.map((o) => o.label.zh), en: options.map((o) => o.label.en) };
  return {
    error: 'not_an_option',
    params: { options: { zh: labels.zh.join('、'), en: labels.en.join(', ') } },
  };
}

function criticalAnswers(items: Item[], answers: Answer[]): CriticalAnswer[] {
  return answers.flatMap((a) => {
    const item = items.find((it) => it.def.id === a.instrumentId && it.itemId === a.itemId)!;
    const rule = item.def.criticalItems.find((c) => c.item === a.itemId);
    if (!rule || a.value < rule.min) return [];
    const set = resolveOptionSet(item.def, findItem(item.def, a.itemId)!);
    const option = set?.options.find((o) => o.value === a.value);
    return [
      {
        instrumentId: a.instrumentId,
        itemId: a.itemId,
        itemNumber: item.number,
        value: a.value,
        label: option?.label ?? { zh: String(a.value), en: String(a.value) },
      },
    ];
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The submission time as the respondent's wall clock (问卷星 writes "2026/10/12 9:31:05"); the
 * calendar day is compared with the campaign's dates, the instant is stored.
 */
function submittedTime(cell: CellValue): { day: string; iso: string } | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    // Spreadsheet dates carry no zone; readers hand them over as UTC wall-clock values.
    const local = new Date(
      cell.getUTCFullYear(),
      cell.getUTCMonth(),
      cell.getUTCDate(),
      cell.getUTCHours(),
      cell.getUTCMinutes(),
      cell.getUTCSeconds(),
    );
    return {
      day: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
      iso: local.toISOString(),
    };
  }
  const text = cellText(cell).normalize('NFKC').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
    const local = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    if (local.getMonth() !== Number(mo) - 1) return null;
    return { day: `${y}-${pad(Number(mo))}-${pad(Number(d))}`, iso: local.toISOString() };
  }
  const date = parseDate(cell);
  if (!date.ok) return null;
  const [y, mo, d] = date.value.split('-').map(Number) as [number, number, number];
  return { day: date.value, iso: new Date(y, mo - 1, d).toISOString() };
}

const OUTCOME_ACTIONS: Record<ResponseRowOutcome, ResponseAction[]> = {
  matched: ['import', 'skip'],
  not_in_campaign: ['skip', 'match'],
  duplicate: ['skip'],
  out_of_dates: ['skip', 'import'],
  conflict_declined: ['skip', 'import'],
  conflict_in_progress: ['skip', 'import'],
  conflict_submitted: ['skip', 'import'],
};

function sameAnswers(a: Answer[], b: Answer[]): boolean {
  const key = (list: Answer[]) =>
    list
      .map((x) => `${x.instrumentId}/${x.itemId}=${x.value}`)
      .sort()
      .join();
  return key(a) === key(b);
}

function plan(db: Db, campaignId: number, sheets: Sheet[], options: ResponseImportOptions = {}) {
  const campaign = getCampaign(db, campaignId);
  const sheet = sheets.find((s) => !s.hidden && s.rows.length > 0);
  if (!sheet) throw refuse('no_sheet');
  const items = batteryItems(db, campaignId);
  const headerIndex = headerRowIndex(sheet.rows);
  const body = sheet.rows.slice(headerIndex + 1);
  const columns = matchColumns(sheet.rows[headerIndex] ?? [], body, items, options);
  const mappedItems = new Set(
    columns.flatMap((c) => (c.target.kind === 'item' ? [`${c.target.instrumentId}/${c.target.itemId}`] : [])),
  );
  const column = (kind: string) => columns.find((c) => c.target.kind === kind)?.index;
  const kind = campaign.programme === 'school' ? 'student' : 'woman';

  // Late registrations who match the campaign's criteria are on the list to match against.
  syncParticipants(db, [campaignId]);
  const participants = db
    .prepare<[number], Participant>(
      `SELECT p.id, p.name, p.class_name, p.student_no, p.handbook_no, p.id_number, cp.status, cp.battery
       FROM campaign_participants cp JOIN people p ON p.id = cp.person_id WHERE cp.campaign_id = ?`,
    )
    .all(campaignId);
  const byId = new Map(participants.map((p) => [p.id, p]));
  // A handbook number two women share (older data, see migration 18) matches neither of them.
  const sharedHandbooks = new Set(sharedHandbookNumbers(db));
  const numberIndex = (field: 'student_no' | 'handbook_no' | 'id_number') =>
    new Map(
      participants.flatMap((p) => {
        const number = p[field]?.toUpperCase();
        if (!number || (field === 'handbook_no' && sharedHandbooks.has(number))) return [];
        return [[number, p] as const];
      }),
    );
  const byNumber: Record<NumberKind, Map<string, Participant>> = {
    studentNo: numberIndex('student_no'),
    handbookNo: numberIndex('handbook_no'),
    idNumber: numberIndex('id_number'),
  };
  const FIELD: Record<NumberKind, string> = {
    studentNo: 'student_no',
    handbookNo: 'handbook_no',
    idNumber: 'id_number',
  };
  const registerLookups = new Map(
    NUMBER_KINDS.map((field) => [
      field,
      db.prepare<[string, string], { id: number; name: string }>(
        `SELECT id, name FROM people WHERE kind = ? AND upper(${FIELD[field]}) = ?`,
      ),
    ]),
  );
  const inRegister = (field: NumberKind, value: string) =>
    registerLookups.get(field)!.get(kind, value.toUpperCase());
  const sheetsOf = db.prepare<[number, number], Sheetless>(
    `SELECT id AS screening_id, mode, status, submitted_at FROM screenings
     WHERE campaign_id = ? AND person_id = ? ORDER BY id`,
  );
  const storedAnswers = db.prepare<[number], Omit<Answer, 'value'> & { value: string }>(
    'SELECT instrument_id AS instrumentId, item_id AS itemId, value FROM screening_answers WHERE screening_id = ?',
  );
  // Sealed values this session cannot open never match, so such a sheet is not called imported before.
  const answersOf = {
    all: (screeningId: number): Answer[] =>
      storedAnswers.all(screeningId).map((a) => ({
        ...a,
        value: openNumber(db, answerAad(screeningId, a.instrumentId, a.itemId), a.value) ?? Number.NaN,
      })),
  };

  const unparsable: ResponseImportPreview['unparsable'] = [];
  const rows: PlannedRow[] = [];
  const firstRowOf = new Map<number, number>();

  body.forEach((cells, i) => {
    if (cells.every((c) => cellText(c).trim() === '')) return;
    const row = headerIndex + i + 2;
    const get = (index: number | undefined) =>
      index === undefined ? '' : cellText(cells[index] ?? null).trim();
    const numbers = NUMBER_KINDS.map((k) => [k, get(column(k))] as const).filter(([, v]) => v);
    const name = get(column('name'));
    const className = get(column('className'));

    const answers: Answer[] = [];
    for (const c of columns) {
      if (c.target.kind !== 'item' || !c.reading) continue;
      const target = c.target;
      const item = items.find((it) => it.def.id === target.instrumentId && it.itemId === target.itemId)!;
      const text = get(c.index);
      const read = answerValue(item, c.reading, text);
      if ('error' in read)
        unparsable.push({
          row,
          column: colName(c.index, c.header),
          value: text,
          reason: wordUnparsable(read.error, read.params),
          columnIndex: c.index,
          header: c.header,
          code: read.error,
          params: read.params,
        });
      else if (read.value !== null)
        answers.push({ instrumentId: item.def.id, itemId: item.itemId, value: read.value });
    }
    const critical = criticalAnswers(items, answers);
    const time =
      column('submittedAt') === undefined ? null : submittedTime(cells[column('submittedAt')!] ?? null);

    let person: Participant | undefined;
    let reasonCode: ResponseReasonCode = 'no_number';
    let reasonParams: Record<string, string | number> = {};
    let registerPerson: { id: number; name: string } | undefined;
    for (const [k, v] of numbers) {
      person = byNumber[k].get(v.toUpperCase());
      if (person) break;
      registerPerson ??= inRegister(k, v);
      reasonCode = registerPerson ? 'in_register_not_listed' : 'number_not_listed';
      reasonParams = registerPerson ? { name: registerPerson.name } : { field: k };
    }
    if (!person && name && !registerPerson) {
      const sameName = participants.filter(
        (p) => p.name === name && (!className || p.class_name === className),
      );
      if (sameName.length === 1) person = sameName[0];
      else if (sameName.length > 1) reasonCode = 'same_name';
      else if (!numbers.length) reasonCode = 'name_not_listed';
    }

    let outcome: ResponseRowOutcome = 'matched';
    let conflictMode: ScreeningMode | null = null;
    if (!person) {
      outcome = 'not_in_campaign';
    } else {
      const battery = new Set(
        parseJsonColumn(batteryColumn, person.battery, 'campaign_participants.battery'),
      );
      const own = answers.filter((a) => battery.has(a.instrumentId));
      const earlier = firstRowOf.get(person.id);
      const existing = sheetsOf.all(campaignId, person.id);
      const imported = existing.find(
        (s) =>
          s.mode === 'import' &&
          s.status === 'submitted' &&
          (!time || s.submitted_at === time.iso) &&
          sameAnswers(answersOf.all(s.screening_id), own),
      );
      const open = existing.find((s) => s.status === 'in_progress');
      const submitted = existing.find((s) => s.status === 'submitted');
      if (imported) {
        outcome = 'duplicate';
        reasonCode = 'imported_before';
      } else if (earlier !== undefined) {
        outcome = 'duplicate';
        [reasonCode, reasonParams] = ['earlier_row', { row: earlier }];
      } else if (time && (time.day < campaign.startsOn || time.day > campaign.endsOn)) {
        outcome = 'out_of_dates';
        reasonCode = 'out_of_dates';
        reasonParams = { day: time.day, from: campaign.startsOn, to: campaign.endsOn };
      } else if (person.status === 'declined') {
        outcome = 'conflict_declined';
        reasonCode = 'declined';
      } else if (open) {
        outcome = 'conflict_in_progress';
        conflictMode = open.mode;
        [reasonCode, reasonParams] = ['in_progress', { mode: open.mode }];
      } else if (submitted) {
        outcome = 'conflict_submitted';
        conflictMode = submitted.mode;
        [reasonCode, reasonParams] = ['submitted', { mode: submitted.mode }];
      } else {
        reasonCode = 'matched';
      }
      firstRowOf.set(person.id, firstRowOf.get(person.id) ?? row);
    }

    const reason = wordResponseReason(reasonCode, reasonParams);
    const actions = [...OUTCOME_ACTIONS[outcome]];
    // Someone in the register but not on the list may be added to the campaign with this row.
    if (outcome === 'not_in_campaign' && registerPerson) actions.push('import');
    // Two rows of one person: the first is the match; the later one may be kept as its own sheet.
    if (outcome === 'duplicate' && reasonCode !== 'imported_before') actions.push('import');
    const defaultAction: ResponseAction = outcome === 'matched' ? 'import' : 'skip';
    rows.push({
      row,
      studentNo: numbers[0]?.[1] ?? '',
      name,
      className,
      submittedAt: time?.iso ?? null,
      outcome,
      reason,
      reasonCode,
      reasonParams,
      personId: person?.id ?? registerPerson?.id ?? null,
      personName: person?.name ?? registerPerson?.name ?? null,
      conflictMode,
      critical,
      actions,
      action: defaultAction,
      needsChoice: critical.length > 0 && defaultAction === 'skip' && actions.length > 1,
      answers,
      ...(time ? { submittedIso: time.iso } : {}),
    });
  });

  applyResolutions(db, rows, options, kind);

  const outcomes = Object.fromEntries(responseRowOutcomes.map((o) => [o, 0])) as Record<
    ResponseRowOutcome,
    number
  >;
  for (const r of rows) outcomes[r.outcome]++;
  const preview: ResponseImportPreview = {
    headerRow: headerIndex + 1,
    columns,
    missingItems: items
      .filter((it) => !mappedItems.has(`${it.def.id}/${it.itemId}`))
      .map((it) => ({ instrumentId: it.def.id, itemId: it.itemId, number: it.number })),
    items: items.map((it) => ({
      instrumentId: it.def.id,
      itemId: it.itemId,
      number: it.number,
      text: it.text,
    })),
    rows: rows.length,
    matched: outcomes.matched,
    unmatched: rows
      .filter((r) => r.outcome !== 'matched')
      .map((r) => ({
        row: r.row,
        studentNo: r.studentNo,
        name: r.name,
        reason: r.reason,
        reasonCode: r.reasonCode,
        reasonParams: r.reasonParams,
      })),
    unparsable,
    outcomes,
    rowOutcomes: [...rows]
      .sort((a, b) => Number(b.needsChoice) - Number(a.needsChoice) || a.row - b.row)
      .map(({ answers: _a, submittedIso: _s, ...r }) => r),
  };
  return { preview, rows, byId, campaign, items };
}

/** The user's per-row choices, checked against what each row allows; errors name the row and the fix. */
function applyResolutions(
  db: Db,
  rows: PlannedRow[],
  options: ResponseImportOptions,
  kind: 'student' | 'woman',
) {
  const byRow = new Map(rows.map((r) => [r.row, r]));
  for (const [key, resolution] of Object.entries(options.resolutions ?? {})) {
    const row = byRow.get(Number(key));
    if (!row) throw refuse('no_row', { row: key });
    if (!row.actions.includes(resolution.action)) {
      const reasonParams = Object.fromEntries(
        Object.entries(row.reasonParams).map(([name, value]) => [`reason.${name}`, value]),
      );
      throw refuse('action_not_allowed', {
        row: row.row,
        reasonCode: row.reasonCode,
        ...reasonParams,
        action: resolution.action,
        actions: row.actions.join(','),
      });
    }
    if (resolution.action === 'match') {
      const person = db
        .prepare<[number], { kind: string; name: string }>('SELECT kind, name FROM people WHERE id = ?')
        .get(resolution.personId);
      if (!person || person.kind !== kind) {
        throw refuse('person_not_found', { row: row.row, personId: resolution.personId, kind });
      }
      row.personId = resolution.personId;
      row.personName = person.name;
    }
    row.action = resolution.action;
    row.needsChoice = false;
  }
  if (options.onConflict) {
    for (const row of rows) {
      if (row.outcome.startsWith('conflict_') && !options.resolutions?.[String(row.row)]) {
        row.action = options.onConflict;
        row.needsChoice = row.critical.length > 0 && row.action === 'skip';
      }
    }
  }
}

export function previewResponses(
  db: Db,
  campaignId: number,
  sheets: Sheet[],
  options: ResponseImportOptions = {},
): ResponseImportPreview {
  return plan(db, campaignId, sheets, options).preview;
}

/**
 * Writes every row chosen for import, each as its own imported sheet, answer by answer through
 * the same services as a kiosk (so critical answers take the answer-time path), scored and
 * levelled, all in one transaction. Nothing of another channel's sheet or a decline is changed.
 */
export function importResponses(
  db: Db,
  userId: number | null,
  campaignId: number,
  sheets: Sheet[],
  {
    commit,
    mapping,
    ...rest
  }: { commit: boolean; mapping?: Record<string, ResponseColumnTarget> } & ResponseImportOptions,
): ResponseImportSummary {
  const { preview, rows, byId, campaign } = plan(db, campaignId, sheets, {
    ...rest,
    ...(mapping ? { mapping } : {}),
  });
  const outcomes: Record<string, number> = {};
  const imported: ResponseImportSummary['imported'] = [];
  let added = 0;
  const writing = rows.filter((r) => r.action !== 'skip' && r.personId !== null);
  if (commit) {
    if (preview.missingItems.length) {
      const items = preview.missingItems.map((m) => `${m.instrumentId}:${m.number}`).join(',');
      throw refuse('missing_items', { items });
    }
    const battery = [...new Set(campaign.targets.flatMap((t) => t.battery))];
    const addParticipant = db.prepare(
      'INSERT INTO campaign_participants (campaign_id, person_id, battery, updated_at) VALUES (?, ?, ?, ?)',
    );
    const writeRow = (r: PlannedRow): ResponseImportSummary['imported'][number] => {
      const personId = r.personId!;
      let participant = byId.get(personId);
      if (!participant) {
        // Matched by hand to someone not on the list: they answered this campaign's form.
        addParticipant.run(campaignId, personId, JSON.stringify(battery), nowIso());
        participant = { battery: JSON.stringify(battery) } as Participant;
        byId.set(personId, participant);
        added++;
      }
      const own = new Set(
        parseJsonColumn(batteryColumn, participant.battery, 'campaign_participants.battery'),
      );
      const session = startScreening(db, userId, { campaignId, personId, mode: 'import', separate: true });
      for (const a of r.answers) {
        if (own.has(a.instrumentId)) saveAnswer(db, session.screeningId, a.instrumentId, a.itemId, a.value);
      }
      const outcome = submitScreening(db, session.screeningId, {
        allowIncomplete: true,
        ...(r.submittedIso ? { submittedAt: r.submittedIso } : {}),
      });
      outcomes[outcome.level] = (outcomes[outcome.level] ?? 0) + 1;
      return { row: r.row, personId, screeningId: session.screeningId };
    };
    // Alerts and board changes of the imported sheets are published once all of them are on disk.
    committing(db, () =>
      db.transaction(() => {
        for (const r of writing) {
          try {
            imported.push(writeRow(r));
          } catch (error) {
            // Nothing of the file is written; the message says which row stopped it.
            if (error instanceof AppError)
              throw new AppError(error.code, `第${r.row}行：${error.message}`, error.extra);
            throw error;
          }
        }
        const written = new Set(imported.map((i) => i.row));
        audit(db, userId, 'responses.import', String(campaignId), {
          rows: preview.rows,
          scored: imported.length,
          outcomes: preview.outcomes,
          criticalNotImported: rows.filter((r) => r.critical.length && !written.has(r.row)).length,
        });
      })(),
    );
  }
  // Counted by the programme's own levels, as its rules name them.
  const levels = activeRuleSet(db, campaign.programme).levels.map((l) => l.id);
  const counts = Object.fromEntries(levels.map((l) => [l, outcomes[l] ?? 0]));
  const written = new Set(commit ? imported.map((i) => i.row) : writing.map((r) => r.row));
  return {
    rows: preview.rows,
    matched: preview.matched,
    unmatched: preview.unmatched,
    unparsable: preview.unparsable,
    scored: imported.length,
    ...(campaign.programme === ('school' satisfies Programme) ? { levels: counts } : { results: counts }),
    committed: commit,
    outcomes: preview.outcomes,
    imported: commit
      ? imported
      : writing.map((r) => ({ row: r.row, personId: r.personId!, screeningId: null })),
    addedToCampaign: added,
    criticalNotImported: rows
      .filter((r) => r.critical.length > 0 && !written.has(r.row))
      .map((r) => ({
        row: r.row,
        studentNo: r.studentNo,
        name: r.name,
        outcome: r.outcome,
        reason: r.reason,
        reasonCode: r.reasonCode,
        reasonParams: r.reasonParams,
        critical: r.critical,
      })),
  };
}
