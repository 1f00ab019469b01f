import { AppError, refusal } from '../../../shared/api/errors';
import { pregnancyStart, todayIso, type IsoDate, type PregnancyDates } from '../../../shared/people';
import type {
  PerinatalCaseSummary,
  Person,
  PersonCorrection,
  PersonKind,
  PersonListInput,
  PersonListItem,
} from '../../../shared/api/people';
import { personListInputSchema } from '../../../shared/api/people';
import type { PersonFile } from '../../../shared/api/person-file';
import { personCases } from '../cases/cases';
import { personScreenings, unsubmittedCriticalSheets } from '../screening/sessions';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { statement } from '../../db/statements';
import { pinyinKeys } from '../pinyin';
import { assertInScope, scopeCondition } from '../scope';
import type { ClassRef } from '../../../shared/api/auth';
import { personEvents, recordEvent, type FieldChange } from './person-events';
import {
  PERSON_COLUMNS,
  PERSON_SELECT_LIST,
  SELECT_PERSON,
  toColumnValue,
  toPerson,
  type PersonField,
  type PersonRow,
} from './person-row';
import { perinatalFacts, perinatalStatus, perinatalStatusOf, type PerinatalFacts } from './perinatal-status';
import { holdersOf, takenNumbers } from './person-numbers';
import { latestPerinatalCase, TRANSFERRED_OUT } from './transferred';
import { audit } from '../audit';

export type PersonValues = Partial<Record<PersonField, string | number | boolean | null>>;

export function getPerson(db: Db, id: number): Person {
  const row = statement<[number], PersonRow>(db, `${SELECT_PERSON} WHERE id = ?`).get(id);
  if (!row) throw new AppError('not_found', `No person with id ${id}.`);
  return toPerson(row);
}

export type NameKeys = ReturnType<typeof pinyinKeys>;

/** Inserts a person's row with the name's search keys (computed unless given) and returns its id. */
export function insertPersonRow(
  db: Db,
  kind: PersonKind,
  values: PersonValues,
  at: string,
  keys: NameKeys = pinyinKeys(String(values.name ?? '')),
): number {
  const fields = (Object.keys(values) as PersonField[]).filter((f) => values[f] !== undefined);
  const columns = [
    'kind',
    'name_initials',
    'name_pinyin',
    'created_at',
    'updated_at',
    ...fields.map((f) => PERSON_COLUMNS[f]),
  ];
  const params = [kind, keys.initials, keys.full, at, at, ...fields.map((f) => toColumnValue(values[f]))];
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO people (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  ).run(...params);
  return Number(lastInsertRowid);
}

/** Inserts a person with search keys; the file starts with a 'created' event. */
export function insertPerson(db: Db, kind: PersonKind, values: PersonValues, userId: number | null): number {
  const at = nowIso();
  const id = insertPersonRow(db, kind, values, at);
  recordEvent(db, id, 'created', userId, {}, at);
  return id;
}

/** The fields whose stored value differs from `values`; blanks in `values` never erase data. */
export function diffPerson(person: Person, values: PersonValues): FieldChange[] {
  return (Object.keys(values) as PersonField[]).flatMap((field) => {
    const to = values[field];
    if (to === undefined || to === null || to === '') return [];
    const from = person[field];
    return from === to ? [] : [{ field, from, to }];
  });
}

/** Applies changes and keeps the old values in the person's history. */
export function applyChanges(
  db: Db,
  person: Person,
  changes: FieldChange[],
  userId: number | null,
  kind: 'updated' | 'corrected',
  text?: string,
  at = nowIso(),
): void {
  if (changes.length === 0) return;
  writeChanges(db, person.id, changes, at);
  recordEvent(db, person.id, kind, userId, { changes, ...(text ? { text } : {}) }, at);
}

/** Sets the changed fields (and a new name's search keys) on the person's row. */
export function writeChanges(db: Db, personId: number, changes: FieldChange[], at: string): void {
  const sets = changes.map((c) => `${PERSON_COLUMNS[c.field as PersonField]} = ?`);
  const params = changes.map((c) => toColumnValue(c.to));
  // A woman given another handbook number no longer shares the old one (migration 18's mark).
  if (changes.some((c) => c.field === 'handbookNo')) sets.push('handbook_no_clash = 0');
  const renamed = changes.find((c) => c.field === 'name');
  if (renamed) {
    sets.push('name_initials = ?', 'name_pinyin = ?');
    const { initials, full } = pinyinKeys(String(renamed.to));
    params.push(initials, full);
  }
  statement(db, `UPDATE people SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(
    ...params,
    at,
    personId,
  );
}

export function correctPerson(
  db: Db,
  userId: number,
  id: number,
  correction: PersonCorrection,
  reason: string,
): PersonFile {
  const person = getPerson(db, id);
  if (correction.deliveryDate)
    checkDeliveryDate({ ...person, ...correction, deliveryDate: correction.deliveryDate });
  const changes = diffPerson(person, correction);
  // A number someone else holds is refused before the unique index would fail the write.
  const [taken] = takenNumbers(person.kind, correction, (field, value) => holdersOf(db, field, value), id);
  if (taken)
    throw refusal('conflict', 'people.number_taken', `The ${taken.field} belongs to another person.`, {
      fields: taken.field,
    });
  db.transaction(() => {
    applyChanges(db, person, changes, userId, 'corrected', reason);
    // Which fields, not their values: the values are the person's data.
    audit(db, userId, 'person.correct', String(id), { fields: changes.map((c) => c.field) });
  })();
  return personFile(db, id, null, true);
}

/**
 * A delivery date entered on a file (待补录分娩) is checked as the register import checks it: not
 * after today, not before the pregnancy began, since postpartum time points are scheduled from it.
 */
function checkDeliveryDate(dates: PregnancyDates & { deliveryDate: IsoDate }): void {
  if (dates.deliveryDate > todayIso())
    throw refusal('invalid_input', 'people.delivery_after_today', 'The delivery date cannot be after today.');
  const start = pregnancyStart(dates);
  if (start && dates.deliveryDate < start)
    throw refusal(
      'invalid_input',
      'people.delivery_before_pregnancy',
      `The delivery date cannot be before the pregnancy began (${start}).`,
      { start },
    );
}

/** The file as its page opens it: who opened whose file is recorded (the person's id only). */
export function openPersonFile(
  db: Db,
  userId: number,
  id: number,
  scope: ClassRef[] | null,
  fullFile: boolean,
): PersonFile {
  const file = personFile(db, id, scope, fullFile);
  audit(db, userId, 'person.open', String(id));
  return file;
}

export function addNote(db: Db, userId: number, id: number, text: string): PersonFile {
  getPerson(db, id);
  recordEvent(db, id, 'note', userId, { text });
  return personFile(db, id, null, true);
}

/**
 * The file. Only roles that keep full files (`fullFile`: the psychology staff) get what reveals
 * answers (scores, critical items, level reasons), staff notes and cases (reasons, diagnoses).
 */
export function personFile(
  db: Db,
  id: number,
  scope: ClassRef[] | null = null,
  fullFile = false,
): PersonFile {
  const person = getPerson(db, id);
  assertInScope(scope, person);
  // A class teacher or screener sees each sheet's level, not the scores, critical items or
  // reasons that reveal answers, nor the staff's notes, which may carry a diagnosis.
  const screenings = personScreenings(db, id).map((s) => (fullFile ? s : { ...s, reasons: [], results: [] }));
  const unsubmitted = unsubmittedCriticalSheets(db, id).map((s) =>
    fullFile ? s : { ...s, reasons: [], critical: [] },
  );
  const events = personEvents(db, id);
  return {
    person,
    perinatal: perinatalStatusOf(db, person),
    // The one current level (shared/figures/current-level.ts), as the register reads it.
    currentLevel:
      db.prepare<[number], string | null>('SELECT current_level FROM people WHERE id = ?').pluck().get(id) ??
      null,
    current: screenings[0] ?? null,
    screenings,
    unsubmitted,
    events: fullFile ? events : events.filter((e) => e.kind !== 'note'),
    cases: fullFile ? personCases(db, id) : [],
  };
}

const SORTS: Record<NonNullable<PersonListInput['sort']>, string> = {
  class: 'grade_ordinal, grade, class_name, name_pinyin',
  name: 'name_pinyin, name',
  number: 'coalesce(student_no, handbook_no, id_number)',
  edd: 'coalesce(delivery_date, edd)',
  updated: 'updated_at',
};

/** Matches name, pinyin initials or full pinyin, 学籍号, 手册编号, ID number or phone digits. */
export function searchClause(query: string, params: Record<string, string | number>): string {
  const text = query.trim();
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  params.q = `%${escaped}%`;
  const parts = ["name LIKE :q ESCAPE '\\'"];
  const letters = text.toLowerCase().replace(/[^a-z]/g, '');
  if (letters && letters === text.toLowerCase()) {
    params.qPinyin = `${letters}%`;
    parts.push('name_initials LIKE :qPinyin', 'name_pinyin LIKE :qPinyin');
  }
  const digits = text.replace(/[^0-9xX]/g, '');
  if (digits.length >= 3) {
    params.qDigits = `%${digits.toUpperCase()}%`;
    parts.push(
      'student_no LIKE :qDigits',
      'handbook_no LIKE :qDigits',
      'id_number LIKE :qDigits',
      'phone LIKE :qDigits',
      'guardian_phone LIKE :qDigits',
    );
  }
  return `(${parts.join(' OR ')})`;
}

// current_level is kept by triggers (migration 11) whenever a screening or case moves it.
const SELECT_LISTED = `SELECT ${PERSON_SELECT_LIST}, current_level FROM people`;
type ListedRow = PersonRow & { current_level: string | null };

function perinatalCases(db: Db, personIds: readonly number[]): Map<number, PerinatalCaseSummary> {
  const rows = db
    .prepare<
      [string],
      {
        person_id: number;
        status: PerinatalCaseSummary['status'];
        colour: PerinatalCaseSummary['colour'];
        purple: number;
        end_reason: string | null;
      }
    >(
      `SELECT c.person_id, c.status, c.colour, c.purple, c.end_reason FROM people
       JOIN cases c ON c.id = (${latestPerinatalCase('people')})
       WHERE people.kind = 'woman' AND people.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(personIds));
  return new Map(
    rows.map((r) => [
      r.person_id,
      { status: r.status, colour: r.colour, purple: r.purple === 1, endReason: r.end_reason },
    ]),
  );
}

/**
 * Turns listed rows into items. A list with women reads the facts their statuses need once (the
 * windows in force, screening days, latest cases); a list of students reads none of it.
 */
function listItems(db: Db, rows: ListedRow[]): PersonListItem[] {
  const women = rows.filter((r) => r.kind === 'woman').map((r) => r.id);
  const some = women.length > 0;
  const facts: (id: number) => PerinatalFacts = some ? perinatalFacts(db, women) : () => ({});
  const cases = some ? perinatalCases(db, women) : new Map<number, PerinatalCaseSummary>();
  return rows.map((row) => {
    const person = toPerson(row);
    return {
      ...person,
      perinatal: perinatalStatus(person, undefined, facts(person.id)),
      level: row.current_level,
      perinatalCase: cases.get(person.id) ?? null,
    };
  });
}

/** The register filters that need today's statuses, so they are applied after reading. */
const COMPUTED_SHOW: Partial<Record<string, (p: PersonListItem) => boolean>> = {
  due: (p) => p.perinatal?.timePoints.some((t) => t.state === 'due') ?? false,
  deliveryNeeded: (p) => p.perinatal?.deliveryNeeded ?? false,
};

export function listPeople(
  db: Db,
  rawInput: PersonListInput,
  scope: ClassRef[] | null = null,
): { items: PersonListItem[]; total: number } {
  const input = personListInputSchema.parse(rawInput);
  const params: Record<string, string | number> = { kind: input.kind };
  const where = ['kind = :kind', scopeCondition(scope, params)];
  if (input.query) where.push(searchClause(input.query, params));
  for (const [field, column] of [
    ['grade', 'grade'],
    ['className', 'class_name'],
    ['township', 'township'],
  ] as const) {
    const value = input[field];
    if (value) {
      where.push(`${column} = :${field}`);
      params[field] = value;
    }
  }
  if (input.level) {
    where.push('current_level = :level');
    params.level = input.level;
  }
  const computed = input.kind === 'woman' ? COMPUTED_SHOW[input.show] : undefined;
  if (input.kind === 'woman' && input.show === 'transferred') where.push(TRANSFERRED_OUT);
  else if (input.kind === 'woman' && input.show !== 'all') where.push(`NOT ${TRANSFERRED_OUT}`);
  const order = `${SORTS[input.sort]} ${input.descending ? 'DESC' : 'ASC'}, id`;
  const clause = `WHERE ${where.join(' AND ')}`;
  const rows = db.prepare<Record<string, string | number>, ListedRow>(
    `${SELECT_LISTED} ${clause} ORDER BY ${order}`,
  );
  if (input.stage || computed) {
    // Stage and due states depend on today's date, so they are computed, not stored: filter after reading.
    const matching = listItems(db, rows.all(params)).filter(
      (p) => (!input.stage || p.perinatal?.stage === input.stage) && (!computed || computed(p)),
    );
    return { items: matching.slice(input.offset, input.offset + input.limit), total: matching.length };
  }
  const total =
    db
      .prepare<Record<string, string | number>, number>(`SELECT count(*) FROM people ${clause}`)
      .pluck()
      .get(params) ?? 0;
  const items = listItems(
    db,
    db
      .prepare<Record<string, string | number>, ListedRow>(
        `${SELECT_LISTED} ${clause} ORDER BY ${order} LIMIT :limit OFFSET :offset`,
      )
      .all({ ...params, limit: input.limit, offset: input.offset }),
  );
  return { items, total };
}

/**
 * Grades with their classes (in school order) and townships, for grouping and filters, with head
 * counts of the people the user may see: a class teacher's tree counts her classes only (the
 * scope is applied in the query, so no count ever covers the whole school).
 */
export function personGroups(db: Db, scope: ClassRef[] | null = null) {
  const params: Record<string, unknown> = {};
  const inScope = scopeCondition(scope, params);
  const classes = db
    .prepare<Record<string, unknown>, { grade: string; className: string; count: number }>(
      `SELECT grade, class_name AS className, count(*) AS count FROM people
       WHERE kind = 'student' AND ${inScope} GROUP BY grade, class_name
       ORDER BY min(grade_ordinal), grade, length(class_name), class_name`,
    )
    .all(params);
  const grades: { grade: string; classes: { className: string; count: number }[] }[] = [];
  for (const row of classes) {
    const last = grades.at(-1);
    if (last?.grade === row.grade) last.classes.push({ className: row.className, count: row.count });
    else grades.push({ grade: row.grade, classes: [{ className: row.className, count: row.count }] });
  }
  // A class teacher's scope is classes: she has no townships.
  const townships = scope
    ? []
    : db
        .prepare<[], { township: string; count: number }>(
          `SELECT township, count(*) AS count FROM people WHERE kind = 'woman' AND township IS NOT NULL AND NOT ${TRANSFERRED_OUT}
           GROUP BY township ORDER BY township`,
        )
        .all();
  return { grades, townships };
}

export function searchPeople(
  db: Db,
  query: string,
  kind: PersonKind | undefined,
  limit: number,
  scope: ClassRef[] | null = null,
): PersonListItem[] {
  const params: Record<string, string | number> = { limit };
  const where = [searchClause(query, params), scopeCondition(scope, params)];
  if (kind) {
    where.push('kind = :kind');
    params.kind = kind;
  }
  return listItems(
    db,
    db
      .prepare<Record<string, string | number>, ListedRow>(
        `${SELECT_LISTED} WHERE ${where.join(' AND ')} ORDER BY kind, name_pinyin, id LIMIT :limit`,
      )
      .all(params),
  );
}
