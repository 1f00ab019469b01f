import type {
  ResponseColumnTarget,
  ResponseImportPreview,
  ResponseImportSummary,
} from '../../../shared/api/responses';
import { AppError } from '../../../shared/api/errors';
import { displayOptions, valueForLabel, type InstrumentDefinition } from '../../../shared/instruments';
import { comparableText, textSimilarity } from '../../../shared/instruments/text-match';
import { cellText, headerKey, parseDate, type CellValue } from '../../../shared/people';
import type { Db } from '../../db/database';
import { audit } from '../audit';
import { findDefinition } from '../instruments';
import type { Sheet } from '../spreadsheet';
import { getCampaign } from './campaigns';
import { saveAnswer, startScreening, submitScreening } from './sessions';
import { committing } from '../events';

/** Below this a question text is too unlike any item to be mapped without the user. */
const MIN_SIMILARITY = 0.6;
const IDENTITY_HEADERS: Record<string, ResponseColumnTarget['kind']> = {
  学籍号: 'studentNo',
  学号: 'studentNo',
  学生编号: 'studentNo',
  姓名: 'name',
  学生姓名: 'name',
  班级: 'className',
  提交答卷时间: 'submittedAt',
  提交时间: 'submittedAt',
};

interface Item {
  def: InstrumentDefinition;
  itemId: string;
  number: number;
  text: string;
}

interface Planned {
  row: number;
  personId: number;
  submittedAt?: string;
  answers: { instrumentId: string; itemId: string; value: number }[];
}

function batteryItems(db: Db, campaignId: number): Item[] {
  const ids = [...new Set(getCampaign(db, campaignId).targets.flatMap((t) => t.battery))];
  return ids.flatMap((id) => {
    const def = findDefinition(db, id);
    return def.items
      .filter((i) => i.scored)
      .map((i) => ({ def, itemId: i.id, number: i.number, text: i.text.zh }));
  });
}

function headerRowIndex(rows: CellValue[][]): number {
  const index = rows
    .slice(0, 20)
    .findIndex((row) => row.some((c) => IDENTITY_HEADERS[comparableText(cellText(c))]));
  if (index < 0) throw new AppError('invalid_input', '在文件中找不到“学籍号”或“姓名”列。');
  return index;
}

/** Identity columns by name; item columns by the most similar unclaimed question text. */
function matchColumns(
  header: CellValue[],
  items: Item[],
  corrections: Record<string, ResponseColumnTarget> = {},
) {
  const claimed = new Set<string>();
  const columns = header.map((cell, index) => {
    const text = cellText(cell);
    const fixed = corrections[String(index)];
    if (fixed) {
      if (fixed.kind === 'item') claimed.add(`${fixed.instrumentId}/${fixed.itemId}`);
      return { index, header: text, target: fixed, similarity: null as number | null };
    }
    const identity = IDENTITY_HEADERS[comparableText(text)] ?? IDENTITY_HEADERS[headerKey(text)];
    if (identity)
      return { index, header: text, target: { kind: identity } as ResponseColumnTarget, similarity: null };
    return { index, header: text, target: { kind: 'ignore' } as ResponseColumnTarget, similarity: null };
  });
  const candidates = columns
    .filter((c) => c.target.kind === 'ignore' && !(String(c.index) in corrections))
    .flatMap((c) =>
      items.map((item) => ({ column: c, item, similarity: textSimilarity(c.header, item.text) })),
    )
    .filter((m) => m.similarity >= MIN_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity);
  const used = new Set<number>();
  for (const { column, item, similarity } of candidates) {
    const key = `${item.def.id}/${item.itemId}`;
    if (used.has(column.index) || claimed.has(key)) continue;
    used.add(column.index);
    claimed.add(key);
    column.target = { kind: 'item', instrumentId: item.def.id, itemId: item.itemId };
    column.similarity = Math.round(similarity * 100) / 100;
  }
  return columns;
}

/** Option text as printed, or the option's number in printed order (问卷星 "按序号" exports). */
function answerValue(item: Item, cell: CellValue): number | null | undefined {
  const text = cellText(cell).trim();
  if (text === '' || text === '(跳过)' || text === '(空)') return null;
  const byLabel = valueForLabel(item.def, item.itemId, text);
  if (byLabel !== undefined) return byLabel;
  if (/^\d+$/.test(text)) return displayOptions(item.def, item.itemId, 'zh')[Number(text) - 1]?.value;
  return undefined;
}

function plan(
  db: Db,
  campaignId: number,
  sheets: Sheet[],
  corrections?: Record<string, ResponseColumnTarget>,
) {
  const sheet = sheets.find((s) => !s.hidden && s.rows.length > 0);
  if (!sheet) throw new AppError('invalid_input', '文件中没有数据。');
  const items = batteryItems(db, campaignId);
  const headerIndex = headerRowIndex(sheet.rows);
  const columns = matchColumns(sheet.rows[headerIndex] ?? [], items, corrections);
  const mappedItems = new Set(
    columns.flatMap((c) => (c.target.kind === 'item' ? [`${c.target.instrumentId}/${c.target.itemId}`] : [])),
  );
  const column = (kind: string) => columns.find((c) => c.target.kind === kind)?.index;
  const participants = db
    .prepare<
      [number],
      { id: number; student_no: string | null; name: string; class_name: string | null; status: string }
    >(
      `SELECT p.id, p.student_no, p.name, p.class_name, cp.status FROM campaign_participants cp
       JOIN people p ON p.id = cp.person_id WHERE cp.campaign_id = ?`,
    )
    .all(campaignId);
  const byNumber = new Map(participants.map((p) => [p.student_no?.toUpperCase(), p]));
  const preview: Omit<ResponseImportPreview, 'columns' | 'missingItems' | 'headerRow'> = {
    rows: 0,
    matched: 0,
    unmatched: [],
    unparsable: [],
  };
  const planned: Planned[] = [];
  const seen = new Set<number>();

  sheet.rows.slice(headerIndex + 1).forEach((cells, i) => {
    if (cells.every((c) => cellText(c).trim() === '')) return;
    const row = headerIndex + i + 2;
    preview.rows++;
    const get = (index: number | undefined) =>
      index === undefined ? '' : cellText(cells[index] ?? null).trim();
    const studentNo = get(column('studentNo'));
    const name = get(column('name'));
    const className = get(column('className'));
    let person = studentNo ? byNumber.get(studentNo.toUpperCase()) : undefined;
    let reason = studentNo ? '学籍号不在本次测评名单中' : '缺少学籍号';
    if (!person && name) {
      const sameName = participants.filter(
        (p) => p.name === name && (!className || p.class_name === className),
      );
      if (sameName.length === 1) person = sameName[0];
      else if (sameName.length > 1) reason = '同名且无法按班级区分';
    }
    if (!person) return void preview.unmatched.push({ row, studentNo, name, reason });
    if (person.status === 'done' || seen.has(person.id)) {
      return void preview.unmatched.push({ row, studentNo, name, reason: '已有本次测评结果' });
    }
    seen.add(person.id);
    const answers: Planned['answers'] = [];
    for (const c of columns) {
      if (c.target.kind !== 'item') continue;
      const target = c.target;
      const item = items.find((it) => it.def.id === target.instrumentId && it.itemId === target.itemId);
      if (!item) continue;
      const value = answerValue(item, cells[c.index] ?? null);
      if (value === undefined) preview.unparsable.push({ row, column: c.header, value: get(c.index) });
      else if (value !== null) answers.push({ instrumentId: item.def.id, itemId: item.itemId, value });
    }
    preview.matched++;
    const submitted = parseDate(cells[column('submittedAt') ?? -1] ?? null);
    planned.push({
      row,
      personId: person.id,
      answers,
      ...(submitted.ok ? { submittedAt: submitted.value } : {}),
    });
  });

  return {
    preview: {
      ...preview,
      headerRow: headerIndex + 1,
      columns,
      missingItems: items
        .filter((it) => !mappedItems.has(`${it.def.id}/${it.itemId}`))
        .map((it) => ({ instrumentId: it.def.id, itemId: it.itemId, number: it.number })),
    } satisfies ResponseImportPreview,
    planned,
  };
}

export function previewResponses(
  db: Db,
  campaignId: number,
  sheets: Sheet[],
  mapping?: Record<string, ResponseColumnTarget>,
) {
  return plan(db, campaignId, sheets, mapping).preview;
}

/**
 * Creates one imported sheet per matched row, answer by answer through the same services as
 * a kiosk (so critical answers raise alerts), scores and levels it, all in one transaction.
 */
export function importResponses(
  db: Db,
  userId: number | null,
  campaignId: number,
  sheets: Sheet[],
  { commit, mapping }: { commit: boolean; mapping?: Record<string, ResponseColumnTarget> },
): ResponseImportSummary {
  const { preview, planned } = plan(db, campaignId, sheets, mapping);
  const programme = getCampaign(db, campaignId).programme;
  const outcomes: Record<string, number> = {};
  let scored = 0;
  if (commit) {
    if (preview.missingItems.length) {
      throw new AppError(
        'invalid_input',
        `有题目没有对应的列：${preview.missingItems.map((m) => `${m.instrumentId} 第${m.number}题`).join('、')}`,
      );
    }
    // Alerts and board changes of the imported sheets are published once all of them are on disk.
    committing(db, () =>
      db.transaction(() => {
        for (const p of planned) {
          const session = startScreening(db, userId, { campaignId, personId: p.personId, mode: 'import' });
          for (const a of p.answers) saveAnswer(db, session.screeningId, a.instrumentId, a.itemId, a.value);
          const outcome = submitScreening(db, session.screeningId, {
            allowIncomplete: true,
            ...(p.submittedAt ? { submittedAt: p.submittedAt } : {}),
          });
          outcomes[outcome.level] = (outcomes[outcome.level] ?? 0) + 1;
          scored++;
        }
        audit(db, userId, 'responses.import', String(campaignId), { rows: preview.rows, scored });
      })(),
    );
  }
  const levels =
    programme === 'school'
      ? ['red', 'orange', 'yellow', 'green']
      : ['critical', 'positive', 'watch', 'negative'];
  const counts = Object.fromEntries(levels.map((l) => [l, outcomes[l] ?? 0]));
  return {
    rows: preview.rows,
    matched: preview.matched,
    unmatched: preview.unmatched,
    unparsable: preview.unparsable,
    scored,
    ...(programme === 'school' ? { levels: counts } : { results: counts }),
    committed: commit,
  };
}
