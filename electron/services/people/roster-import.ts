import { z } from 'zod';
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
  importNote,
  wordRowIssue,
  validateWomanRow,
  womanFields,
  type CellValue,
  type FieldSpec,
  type RowIssue,
} from '../../../shared/people';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { parseJsonColumn } from '../../db/json-column';
import { audit } from '../audit';
import { getSetting, setSetting } from '../settings';
import type { Sheet } from '../spreadsheet';
import { fileError } from '../spreadsheet/limits';
import { pinyinKeys } from '../pinyin';
import {
  applyChanges,
  diffPerson,
  getPerson,
  insertPersonRow,
  writeChanges,
  type NameKeys,
  type PersonValues,
} from './people';
import { fieldChangesColumn, recordEvents } from './person-events';
import { rowValues } from './add-person';
import { holderIndex, takenNumbers, uniqueNumbersOf, type UniqueNumber } from './person-numbers';

const FIELDS: Record<PersonKind, Record<string, FieldSpec>> = { student: studentFields, woman: womanFields };
/** What identifies the same person in next term's roster or next month's register. */
const KEY_FIELD: Record<PersonKind, 'studentNo' | 'idNumber'> = { student: 'studentNo', woman: 'idNumber' };
const KEY_COLUMN: Record<PersonKind, string> = { student: 'student_no', woman: 'id_number' };

type Mapping = Record<string, number>;

interface PlannedRow extends ImportRow {
  /** What the row writes (none when it is held back). */
  values?: PersonValues;
  /** What the row read, kept when it is held back, to tell a repeated row from a different one. */
  read?: PersonValues;
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
  return saved ? parseJsonColumn(z.record(z.string(), z.string()), saved, `setting ${mappingKey(kind)}`) : {};
}

/** The sheet whose header names the most known fields (school exports often add a cover sheet). */
function chooseSheet(kind: PersonKind, sheets: Sheet[], fields: Record<string, FieldSpec>) {
  let best: { sheet: Sheet; header: NonNullable<ReturnType<typeof detectHeader<string>>> } | null = null;
  for (const sheet of sheets.filter((s) => !s.hidden)) {
    const header = detectHeader(sheet.rows, fields);
    if (header && (!best || Object.keys(header.mapping).length > Object.keys(best.header.mapping).length)) {
      best = { sheet, header };
    }
  }
  if (!best) {
    // The columns an import needs, so the user knows what the first row should say.
    const required = missingColumns(kind, {});
    const columns = required.map((field) => fields[field]!.label).join('、');
    // `fields` lets the UI name the columns in its own language; `columns` is the Chinese.
    throw fileError(
      sheets.some((sheet) => sheet.rows.length) ? 'no_header' : 'empty',
      `在文件中找不到表头行。第一行应写列名，至少包括：${columns}。请检查是否选对了文件或工作表。`,
      { columns, fields: required.join(',') },
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

/** Person ids by the value of one key column, for the people the condition selects. */
function keyIndex(db: Db, where: string, column: string): Map<string, number> {
  const rows = db
    .prepare<[], { id: number; key: string }>(`SELECT id, ${column} AS key FROM people ${where}`)
    .all();
  return new Map(rows.map((row) => [row.key, row.id]));
}

/** Numbers besides the row's key that no two people share (see `UNIQUE_NUMBERS`). */
const OTHER_UNIQUE: Record<PersonKind, readonly UniqueNumber[]> = {
  student: ['idNumber'],
  woman: ['handbookNo'],
};

/**
 * The earlier row of this file holding the same ID or handbook number under another key, if any;
 * otherwise the row's numbers are remembered. Without this the preview said "new" for both and the
 * commit failed on the UNIQUE index.
 */
function otherNumberClash(
  kind: PersonKind,
  fields: Record<string, FieldSpec>,
  values: PersonValues,
  seen: Map<string, PlannedRow>,
): { field: string; first: PlannedRow } | null {
  for (const field of OTHER_UNIQUE[kind]) {
    const value = values[field as keyof PersonValues];
    if (!(field in fields) || value === undefined || value === null || value === '') continue;
    const first = seen.get(`${field}:${String(value)}`);
    if (first) return { field, first };
  }
  return null;
}

/**
 * Two rows of one file with the same number: which is right cannot be known, so neither is
 * written and each names the other (the first may already be held back for another reason).
 */
function holdBoth(first: PlannedRow, field: string, row: number): RowIssue {
  if (first.status !== 'error' && first.status !== 'duplicate') {
    Object.assign(first, { status: 'duplicate', values: undefined, existingId: undefined, changes: [] });
  }
  first.reasons.push({ field, code: 'repeats_row', params: { row } });
  return { field, code: 'repeats_row', params: { row: first.row } };
}

/** The same values, field by field: a person listed twice alike, not two people under one number. */
const sameValues = (a: PersonValues | undefined, b: PersonValues): boolean =>
  a !== undefined &&
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(b).every(([field, value]) => a[field as keyof PersonValues] === value);

/** Every row is refused for the required columns the file lacks, listed under the first of them. */
const missingColumnsIssue = (missing: readonly string[]): RowIssue => ({
  field: missing[0]!,
  code: 'missing_columns',
  params: { columns: [...missing] },
});

/** Every mapped field's value for the preview table, blanks left out. */
function cellsAsRead(values: object): Record<string, string | number | boolean> {
  const cells: Record<string, string | number | boolean> = {};
  for (const [field, value] of Object.entries(values) as [string, unknown][]) {
    if (typeof value === 'boolean' || typeof value === 'number') cells[field] = value;
    else if (typeof value === 'string' || value instanceof Date) {
      const text = cellText(value);
      if (text !== '') cells[field] = text;
    }
  }
  return cells;
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
  const { sheet, header } = chooseSheet(kind, sheets, fields);
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
  // Who holds each ID and handbook number already (old data may hold one number twice).
  const holders = new Map(uniqueNumbersOf(kind).map((field) => [field, holderIndex(db, field)] as const));
  const holdersOf = (field: UniqueNumber, value: string) => holders.get(field)?.get(value) ?? [];
  // One "today" for the whole file, so a roster read across midnight is judged against one date.
  const today = todayIso();
  const firstRowOfKey = new Map<string, PlannedRow>();
  // Other numbers that must be unique (an ID number, a handbook number) under a different key.
  const firstOfOther = new Map<string, PlannedRow>();
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
      cells: cellsAsRead(raw),
      warnings: result.warnings,
      changes: [],
    };
    if (result.status === 'invalid') {
      planned.push({ ...base, status: 'error', reasons: result.issues });
      return;
    }
    // A row read without error shows what it will write: 男生 as M, 初一 as 七年级.
    base.cells = cellsAsRead(result.record);
    const values = rowValues(kind, result.record);
    const key = String(values[keyField]);
    const number = key;
    const earlier = firstRowOfKey.get(key);
    if (earlier !== undefined) {
      // The same person listed twice alike is written once; two different rows under one
      // number are both held back, never both planned.
      const reason: RowIssue = sameValues(earlier.read, values)
        ? { field: keyField, code: 'duplicate_of_row', params: { row: earlier.row } }
        : holdBoth(earlier, keyField, row);
      planned.push({ ...base, number, status: 'duplicate', reasons: [reason] });
      return;
    }
    const clash = otherNumberClash(kind, fields, values, firstOfOther);
    if (clash) {
      const reason = holdBoth(clash.first, clash.field, row);
      const held: PlannedRow = { ...base, number, status: 'duplicate', reasons: [reason], read: values };
      firstRowOfKey.set(key, held);
      planned.push(held);
      return;
    }
    // Every row from here on holds its numbers: a later row repeating one is caught above.
    const keep = (plannedRow: PlannedRow) => {
      plannedRow.read = values;
      firstRowOfKey.set(key, plannedRow);
      planned.push(plannedRow);
      for (const field of OTHER_UNIQUE[kind]) {
        const value = values[field as keyof PersonValues];
        if (value !== undefined && value !== null && value !== '') {
          firstOfOther.set(`${field}:${String(value)}`, plannedRow);
        }
      }
    };
    const existingId = existingByKey.get(key);
    // A number another person holds already (the row's own person, matched by its key, may keep it).
    const taken = takenNumbers(kind, values, holdersOf, existingId);
    if (taken.length) {
      keep({ ...base, number, status: 'duplicate', reasons: taken });
      return;
    }
    if (existingId === undefined) {
      keep({ ...base, number, status: 'new', reasons: [], values });
      return;
    }
    const changes = diffPerson(getPerson(db, existingId), values);
    keep({
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
    const reason = missingColumnsIssue(missing);
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
    missingColumns: missing,
    rows: planned.map(({ values: _v, read: _r, existingId: _e, ...row }) => row),
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

/** A row's issues as one Chinese sentence, for the CLI and the `--json` `reason`. */
const wordIssues = (issues: readonly RowIssue[]): string => issues.map((i) => wordRowIssue(i)).join('；');

export function summarise(preview: ImportPreview, committed: boolean): ImportSummary {
  return {
    rows: preview.counts.rows,
    created: preview.counts.new,
    updated: preview.counts.update,
    unchanged: preview.counts.unchanged,
    rejected: preview.rows
      .filter((r) => r.status === 'error')
      .map((r) => ({ row: r.row, reason: wordIssues(r.reasons), issues: r.reasons })),
    duplicates: preview.rows
      .filter((r) => r.status === 'duplicate')
      .map((r) => ({ row: r.row, number: r.number, reason: wordIssues(r.reasons), issues: r.reasons })),
    committed,
  };
}

/** Names recur in a roster (张子涵 in several classes); each is converted to pinyin once. */
function nameKeyCache(): (name: string) => NameKeys {
  const keysByName = new Map<string, NameKeys>();
  return (name) => {
    let keys = keysByName.get(name);
    if (!keys) keysByName.set(name, (keys = pinyinKeys(name)));
    return keys;
  };
}

function assertCommittable(plan: Plan): void {
  const missing = plan.preview.missingColumns;
  if (missing.length) {
    throw new AppError('invalid_input', wordRowIssue(missingColumnsIssue(missing)), {
      detail: { reason: 'import.missing_columns', params: { fields: missing.join(',') } },
    });
  }
}

const planNote = (plan: Plan) => importNote(plan.preview.fileName);

/**
 * A unique index refusing a row (someone added the same 学籍号 or ID number between the preview and the
 * commit) is a conflict naming the row, never an internal error; nothing of the import stays written.
 */
function constraintConflict(error: unknown, row: number): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return null;
  return new AppError(
    'conflict',
    `第${row}行的学籍号、身份证号或保健手册编号已属于系统中的另一人（可能刚被别人录入）。本次导入未写入任何内容，请重新预览后再导入。`,
    {
      issues: [{ path: 'file', message: `row ${row}` }],
      detail: { reason: 'import.conflict', params: { row } },
    },
  );
}

/** Creates the new rows and updates the changed ones of `rows`; returns the ids created. */
function writeRows(
  db: Db,
  userId: number | null,
  kind: PersonKind,
  rows: readonly PlannedRow[],
  note: string,
  at: string,
  nameKeys: (name: string) => NameKeys,
): number[] {
  const created: number[] = [];
  for (const row of rows) {
    try {
      if (row.status === 'new' && row.values) {
        created.push(insertPersonRow(db, kind, row.values, at, nameKeys(String(row.values.name ?? ''))));
      }
      if (row.status === 'update' && row.existingId !== undefined) {
        applyChanges(db, getPerson(db, row.existingId), row.changes, userId, 'updated', note, at);
      }
    } catch (error) {
      throw constraintConflict(error, row.row) ?? error;
    }
  }
  recordEvents(db, created, 'imported', userId, at);
  return created;
}

/** The import's own record: its batch row, the remembered column mapping and the audit entry. */
function recordBatch(db: Db, userId: number | null, kind: PersonKind, plan: Plan, at: string): void {
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
}

/**
 * Writes every good row in one transaction: new people are created, changed ones updated with
 * their old values kept in the file's history; rows with errors or duplicates are not written.
 * (The CLI's path; the app commits in steps, see `commitImportInSteps`.)
 */
export function commitImport(db: Db, userId: number | null, kind: PersonKind, plan: Plan): ImportSummary {
  assertCommittable(plan);
  const nameKeys = nameKeyCache();
  db.transaction(() => {
    // One import, one moment: every row and history entry carries the same time.
    const at = nowIso();
    writeRows(db, userId, kind, plan.planned, planNote(plan), at, nameKeys);
    recordBatch(db, userId, kind, plan, at);
  })();
  return summarise(plan.preview, true);
}

/**
 * While an import is being written in steps, a journal entry says what a rollback (or the next
 * login after a crash) undoes. It names the process writing it, so a login never takes back an
 * import that is still running (in this process's job worker, or in a CLI next to the app).
 */
const PENDING_PREFIX = 'import.pending:';
const pendingImportSchema = z.object({
  key: z.string(),
  at: z.string(),
  note: z.string(),
  pid: z.number().int(),
});
type PendingImport = z.infer<typeof pendingImportSchema>;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}
/** Rows per step: ~20–90 ms of write lock each on a 2-core machine (a 50,000-row roster held it 1–4 s). */
export const ROWS_PER_STEP = 1_000;
/** Between steps the lock is free long enough for the station's waiting answers (they retry every 3 ms). */
const STEP_PAUSE_MS = 10;

/**
 * The app's commit: the same rows and records as `commitImport`, written in steps of
 * ROWS_PER_STEP rows, each its own short transaction, so the LAN station's answers (a critical one
 * raising an alert) never wait seconds for the write lock. All or nothing still holds: the import
 * is journalled first, and a failing step undoes the steps before it (`undoImport`); after a
 * crash the next login does. While it runs, other screens may see part of the new rows.
 */
export async function commitImportInSteps(
  db: Db,
  userId: number | null,
  kind: PersonKind,
  plan: Plan,
  {
    rowsPerStep = ROWS_PER_STEP,
    onStep,
  }: { rowsPerStep?: number; onStep?: (done: number, total: number) => void } = {},
): Promise<ImportSummary> {
  assertCommittable(plan);
  const nameKeys = nameKeyCache();
  // Converted before any lock is taken.
  for (const row of plan.planned)
    if (row.status === 'new' && row.values) nameKeys(String(row.values.name ?? ''));
  const at = nowIso();
  const pending: PendingImport = {
    key: `${PENDING_PREFIX}${at}:${process.pid}`,
    at,
    note: planNote(plan),
    pid: process.pid,
  };
  setSetting(db, pending.key, JSON.stringify(pending));
  const rows = plan.planned.filter((row) => row.status === 'new' || row.status === 'update');
  try {
    for (let i = 0; i < rows.length; i += rowsPerStep) {
      db.transaction(() =>
        writeRows(db, userId, kind, rows.slice(i, i + rowsPerStep), pending.note, pending.at, nameKeys),
      )();
      onStep?.(Math.min(i + rowsPerStep, rows.length), rows.length);
      await new Promise((resolve) => setTimeout(resolve, STEP_PAUSE_MS));
    }
    db.transaction(() => {
      recordBatch(db, userId, kind, plan, pending.at);
      db.prepare('DELETE FROM settings WHERE key = ?').run(pending.key);
    })();
  } catch (error) {
    tryUndo(db, pending);
    throw error;
  }
  return summarise(plan.preview, true);
}

/**
 * Takes back an import written in steps: people it created (and their history) are removed,
 * fields it changed get their old values back. Runs in one transaction; the journal entry goes with it.
 */
function undoImport(db: Db, { key, at, note }: PendingImport): void {
  db.transaction(() => {
    const updates = db
      .prepare<[string, string], { personId: number; changes: string | null }>(
        `SELECT person_id AS personId, changes FROM person_events
         WHERE kind = 'updated' AND at = ? AND text = ? ORDER BY id DESC`,
      )
      .all(at, note);
    for (const { personId, changes } of updates) {
      const undone = parseJsonColumn(fieldChangesColumn, changes ?? '[]', 'person_events.changes').map(
        (c) => ({
          ...c,
          from: c.to,
          to: c.from,
        }),
      );
      if (undone.length) writeChanges(db, personId, undone, at);
    }
    db.prepare(`DELETE FROM person_events WHERE kind = 'updated' AND at = ? AND text = ?`).run(at, note);
    const created = `SELECT person_id FROM person_events WHERE kind = 'imported' AND at = ?`;
    db.prepare(`CREATE TEMP TABLE IF NOT EXISTS undo_people (id INTEGER PRIMARY KEY)`).run();
    db.prepare(`INSERT OR IGNORE INTO temp.undo_people (id) ${created}`).run(at);
    db.prepare(`DELETE FROM person_events WHERE person_id IN (SELECT id FROM temp.undo_people)`).run();
    db.prepare(`DELETE FROM people WHERE id IN (SELECT id FROM temp.undo_people)`).run();
    db.prepare(`DELETE FROM temp.undo_people`).run();
    db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  })();
}

/**
 * Undoes, or leaves the journal entry for the next login if it cannot (a new person was already
 * used meanwhile, the disk is full): a failed undo must neither hide the import's own error nor
 * stop anyone from logging in.
 */
function tryUndo(db: Db, pending: PendingImport): boolean {
  try {
    undoImport(db, pending);
    return true;
  } catch (error) {
    const { name, code } = (error ?? {}) as { name?: string; code?: string };
    console.error(`[anxin] undoing an import failed: ${name ?? 'Error'}${code ? ` (${code})` : ''}`);
    return false;
  }
}

/** Imports cut short by a crash are taken back at the next login, before anyone works on the data. */
export function recoverInterruptedImports(db: Db): number {
  const journal = db
    .prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key LIKE ? || '%'`)
    .all(PENDING_PREFIX)
    .map((row) => parseJsonColumn(pendingImportSchema, row.value, 'setting import.pending'))
    .filter((pending) => !processAlive(pending.pid));
  return journal.filter((pending) => tryUndo(db, pending)).length;
}
