import type { ImportPreview, ImportRow, ImportSummary } from '../../../shared/api/imports';
import type { PersonKind } from '../../../shared/api/people';
import { AppError } from '../../../shared/api/errors';
import {
  cellText,
  detectHeader,
  headerKey,
  missingColumns,
  pickFields,
  studentFields,
  todayIso,
  validateStudentRow,
  validateWomanRow,
  womanFields,
  type CellValue,
  type FieldSpec,
} from '../../../shared/people';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { audit } from '../audit';
import { getSetting, setSetting } from '../settings';
import type { Sheet } from '../spreadsheet';
import { pinyinKeys } from '../pinyin';
import {
  applyChanges,
  diffPerson,
  getPerson,
  insertPersonRow,
  type NameKeys,
  type PersonValues,
} from './people';
import { recordEvents } from './person-events';

const FIELDS: Record<PersonKind, Record<string, FieldSpec>> = { student: studentFields, woman: womanFields };
/** What identifies the same person in next term's roster or next month's register. */
const KEY_FIELD: Record<PersonKind, 'studentNo' | 'idNumber'> = { student: 'studentNo', woman: 'idNumber' };
const KEY_COLUMN: Record<PersonKind, string> = { student: 'student_no', woman: 'id_number' };

type Mapping = Record<string, number>;

interface PlannedRow extends ImportRow {
  values?: PersonValues;
  existingId?: number;
}

interface Plan {
  preview: ImportPreview;
  planned: PlannedRow[];
  rememberedHeaders: Record<string, string>;
}

/** The template's example row starts with this mark, so filling in below it never imports it. */
export const EXAMPLE_MARK = '示例';
const isTemplateExample = (cells: readonly CellValue[]): boolean =>
  cellText(cells[0] ?? null).startsWith(EXAMPLE_MARK);

const mappingKey = (kind: PersonKind) => `import.mapping.${kind}`;

function rememberedMapping(db: Db, kind: PersonKind): Record<string, string> {
  const saved = getSetting(db, mappingKey(kind));
  return saved ? (JSON.parse(saved) as Record<string, string>) : {};
}

/** The sheet whose header names the most known fields (school exports often add a cover sheet). */
function chooseSheet(sheets: Sheet[], fields: Record<string, FieldSpec>) {
  let best: { sheet: Sheet; header: NonNullable<ReturnType<typeof detectHeader<string>>> } | null = null;
  for (const sheet of sheets.filter((s) => !s.hidden)) {
    const header = detectHeader(sheet.rows, fields);
    if (header && (!best || Object.keys(header.mapping).length > Object.keys(best.header.mapping).length)) {
      best = { sheet, header };
    }
  }
  if (!best) {
    throw new AppError(
      'invalid_input',
      '在文件中找不到表头行（例如“学籍号、姓名、性别……”）。请检查文件内容。',
      {
        issues: [{ path: 'file', message: 'no header row found' }],
      },
    );
  }
  return best;
}

function resolveMapping(
  detected: Partial<Record<string, number>>,
  headerRow: readonly CellValue[],
  remembered: Record<string, string>,
  corrections: Record<string, number | null> | undefined,
  fields: Record<string, FieldSpec>,
): Mapping {
  const mapping: Mapping = {};
  for (const [field, column] of Object.entries(detected)) if (column !== undefined) mapping[field] = column;
  // A header the user mapped by hand before is mapped the same way again.
  headerRow.forEach((cell, column) => {
    const field = remembered[headerKey(cellText(cell))];
    if (field && field in fields && mapping[field] === undefined) mapping[field] = column;
  });
  for (const [field, column] of Object.entries(corrections ?? {})) {
    if (!(field in fields)) throw new AppError('invalid_input', `Unknown field ${field}.`);
    if (column === null) delete mapping[field];
    else mapping[field] = column;
  }
  return mapping;
}

function rowValues(kind: PersonKind, record: object): PersonValues {
  const values = { ...record } as PersonValues;
  if (kind === 'student') values.status = 'enrolled';
  return values;
}

/** Person ids by the value of one key column, for the people the condition selects. */
function keyIndex(db: Db, where: string, column: string): Map<string, number> {
  const rows = db
    .prepare<[], { id: number; key: string }>(`SELECT id, ${column} AS key FROM people ${where}`)
    .all();
  return new Map(rows.map((row) => [row.key, row.id]));
}

/** Reads, validates and classifies every row against the file and the database; writes nothing. */
export function planImport(
  db: Db,
  kind: PersonKind,
  fileName: string,
  sheets: Sheet[],
  corrections?: Record<string, number | null>,
): Plan {
  const fields = FIELDS[kind];
  const { sheet, header } = chooseSheet(sheets, fields);
  const headerCells = sheet.rows[header.headerRow] ?? [];
  const remembered = rememberedMapping(db, kind);
  const mapping = resolveMapping(header.mapping, headerCells, remembered, corrections, fields);
  const missing = missingColumns(kind, mapping);
  const keyField = KEY_FIELD[kind];
  // Every key read once, rather than two lookups per row (100,000 round trips for 50,000 rows).
  const existingByKey = keyIndex(
    db,
    `WHERE kind = '${kind}' AND ${KEY_COLUMN[kind]} IS NOT NULL`,
    KEY_COLUMN[kind],
  );
  const holderOfId = keyIndex(db, 'WHERE id_number IS NOT NULL', 'id_number');
  // One "today" for the whole file, so a roster read across midnight is judged against one date.
  const today = todayIso();
  const firstRowOfKey = new Map<string, number>();
  const planned: PlannedRow[] = [];
  let empty = 0;

  sheet.rows.slice(header.headerRow + 1).forEach((cells, i) => {
    const row = header.headerRow + i + 2;
    const raw = pickFields(cells, mapping);
    if (isTemplateExample(cells)) {
      empty++;
      return;
    }
    const result = kind === 'student' ? validateStudentRow(raw, { today }) : validateWomanRow(raw, { today });
    if (result.status === 'empty') {
      empty++;
      return;
    }
    const base = {
      row,
      name: cellText(raw.name ?? null),
      number: cellText(raw[keyField] ?? null),
      warnings: result.warnings.map((w) => w.message),
      changes: [],
    };
    if (result.status === 'invalid') {
      planned.push({ ...base, status: 'error', reasons: result.issues.map((issue) => issue.message) });
      return;
    }
    const values = rowValues(kind, result.record);
    const key = String(values[keyField]);
    const number = key;
    const earlier = firstRowOfKey.get(key);
    if (earlier !== undefined) {
      planned.push({
        ...base,
        number,
        status: 'duplicate',
        reasons: [`与第${earlier}行${fields[keyField]!.label}重复`],
      });
      return;
    }
    firstRowOfKey.set(key, row);
    const existingId = existingByKey.get(key);
    if (values.idNumber) {
      const holder = holderOfId.get(String(values.idNumber));
      if (holder !== undefined && holder !== existingId) {
        planned.push({ ...base, number, status: 'duplicate', reasons: ['身份证号已属于系统中的另一人'] });
        return;
      }
    }
    if (existingId === undefined) {
      planned.push({ ...base, number, status: 'new', reasons: [], values });
      return;
    }
    const changes = diffPerson(getPerson(db, existingId), values);
    planned.push({
      ...base,
      number,
      status: changes.length ? 'update' : 'unchanged',
      reasons: [],
      changes,
      values,
      existingId,
    });
  });

  if (missing.length) {
    const reason = `缺少必填列：${missing.map((f) => fields[f]!.label).join('、')}`;
    for (const p of planned) Object.assign(p, { status: 'error', reasons: [reason], values: undefined });
  }
  const count = (status: ImportRow['status']) => planned.filter((p) => p.status === status).length;
  const requiredSet = new Set<string>(missingColumns(kind, {}));
  const preview: ImportPreview = {
    fileName,
    sheet: sheet.name,
    headerRow: header.headerRow + 1,
    columns: headerCells.map((cell, index) => ({
      index,
      header: cellText(cell),
      field: Object.entries(mapping).find(([, column]) => column === index)?.[0] ?? null,
    })),
    fields: Object.entries(fields).map(([field, spec]) => ({
      field,
      label: spec.label,
      required: requiredSet.has(field),
    })),
    missingColumns: missing.map((f) => fields[f]!.label),
    rows: planned.map(({ values: _v, existingId: _e, ...row }) => row),
    counts: {
      rows: planned.length,
      new: count('new'),
      update: count('update'),
      unchanged: count('unchanged'),
      error: count('error'),
      duplicate: count('duplicate'),
      empty,
    },
  };
  const rememberedHeaders = Object.fromEntries(
    Object.entries(mapping).map(([field, column]) => [
      headerKey(cellText(headerCells[column] ?? null)),
      field,
    ]),
  );
  return { preview, planned, rememberedHeaders };
}

export function summarise(preview: ImportPreview, committed: boolean): ImportSummary {
  return {
    rows: preview.counts.rows,
    created: preview.counts.new,
    updated: preview.counts.update,
    unchanged: preview.counts.unchanged,
    rejected: preview.rows
      .filter((r) => r.status === 'error')
      .map((r) => ({ row: r.row, reason: r.reasons.join('；') })),
    duplicates: preview.rows
      .filter((r) => r.status === 'duplicate')
      .map((r) => ({ row: r.row, number: r.number, reason: r.reasons.join('；') })),
    committed,
  };
}

/**
 * Writes every good row in one transaction: new people are created, changed ones updated with
 * their old values kept in the file's history; rows with errors or duplicates are not written.
 */
export function commitImport(db: Db, userId: number | null, kind: PersonKind, plan: Plan): ImportSummary {
  if (plan.preview.missingColumns.length) {
    throw new AppError('invalid_input', `缺少必填列：${plan.preview.missingColumns.join('、')}`);
  }
  const note = `名册导入：${plan.preview.fileName}`;
  // Names recur in a roster (张子涵 in several classes); each is converted to pinyin once.
  const keysByName = new Map<string, NameKeys>();
  const nameKeys = (name: string): NameKeys => {
    let keys = keysByName.get(name);
    if (!keys) keysByName.set(name, (keys = pinyinKeys(name)));
    return keys;
  };
  // Converted before the transaction: other connections (the station answering a critical item)
  // wait for the write lock only while rows are written, not while names are read as pinyin.
  for (const row of plan.planned)
    if (row.status === 'new' && row.values) nameKeys(String(row.values.name ?? ''));
  db.transaction(() => {
    // One import, one moment: every row and history entry carries the same time.
    const at = nowIso();
    const created: number[] = [];
    for (const row of plan.planned) {
      if (row.status === 'new' && row.values) {
        created.push(insertPersonRow(db, kind, row.values, at, nameKeys(String(row.values.name ?? ''))));
      }
      if (row.status === 'update' && row.existingId !== undefined) {
        applyChanges(db, getPerson(db, row.existingId), row.changes, userId, 'updated', note, at);
      }
    }
    recordEvents(db, created, 'imported', userId, at);
    const { counts } = plan.preview;
    db.prepare(
      `INSERT INTO import_batches (kind, file_name, at, user_id, rows, created, updated, unchanged, rejected)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      kind,
      plan.preview.fileName,
      at,
      userId,
      counts.rows,
      counts.new,
      counts.update,
      counts.unchanged,
      counts.error + counts.duplicate,
    );
    setSetting(
      db,
      mappingKey(kind),
      JSON.stringify({ ...rememberedMapping(db, kind), ...plan.rememberedHeaders }),
    );
    audit(db, userId, 'people.import', kind, {
      rows: counts.rows,
      created: counts.new,
      updated: counts.update,
    });
  })();
  return summarise(plan.preview, true);
}
