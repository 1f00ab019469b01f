// Every migration before the data-moving ones (see migrations-data.test.ts for 12, 14, 15, 16) run
// over rows seeded at the version before it: what was there reads back as it was, new columns get
// their defaults, and the indexes a migration adds exist and are the ones the queries it names use.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database';
import { migrate, schemaVersion } from '../../electron/db/migrations';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

/** A database built up to `version` and no further. */
function atVersion(version: number): Db {
  const db = openDatabase(join(tempDir(), `v${version}.db`), randomBytes(32), { migrateTo: version });
  expect(schemaVersion(db)).toBe(version);
  return db;
}

function migrateTo(db: Db, version: number): void {
  expect(migrate(db, version)).toBe(version);
}

const all = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);
/** How SQLite means to run a query: the plan's lines joined. */
const plan = (db: Db, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
const indexes = (db: Db, table: string) =>
  (all(db, `PRAGMA index_list(${table})`) as { name: string }[]).map((i) => i.name).sort();
const indexColumns = (db: Db, index: string) =>
  (all(db, `PRAGMA index_info(${index})`) as { name: string }[]).map((c) => c.name);
const columns = (db: Db, table: string) =>
  (all(db, `PRAGMA table_info(${table})`) as { name: string; dflt_value: string | null }[]).map((c) => [
    c.name,
    c.dflt_value,
  ]);

const STUDENTS = `
  INSERT INTO people (id, kind, student_no, name, sex, birth_date, grade, grade_ordinal, class_name, created_at, updated_at) VALUES
    (1, 'student', 'S1', '甲', 'F', '2011-01-02', '七年级', 7, '1班', 'x', 'x'),
    (2, 'student', 'S2', '乙', 'M', '2011-01-02', '七年级', 7, '2班', 'x', 'x'),
    (3, 'student', 'S3', '丙', 'M', '2010-05-06', '八年级', 8, '1班', 'x', 'x');`;

describe('migration 1: settings, accounts and the audit trail', () => {
  test('an empty file gets the tables; an account is active by default, with a known role and a unique name', () => {
    const db = atVersion(0);
    expect(all(db, "SELECT name FROM sqlite_master WHERE type = 'table'")).toEqual([]);
    migrateTo(db, 1);
    db.exec(`
      INSERT INTO settings (key, value) VALUES ('org.name', '第一中学');
      INSERT INTO users (id, username, display_name, role, created_at) VALUES (1, 'admin', '王老师', 'admin', 'x');
      INSERT INTO audit_log (at, user_id, action) VALUES ('2026-01-01T00:00:00Z', 1, 'login');
    `);
    expect(all(db, 'SELECT username, role, active FROM users')).toEqual([
      { username: 'admin', role: 'admin', active: 1 },
    ]);
    expect(() =>
      db.exec(
        "INSERT INTO users (username, display_name, role, created_at) VALUES ('ADMIN', 'x', 'admin', 'x')",
      ),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db.exec(
        "INSERT INTO users (username, display_name, role, created_at) VALUES ('li', 'x', 'teacher', 'x')",
      ),
    ).toThrow(/CHECK/);
    expect(plan(db, 'SELECT * FROM audit_log WHERE at >= ?', '2026-01-01')).toContain('audit_log_at');
    db.close();
  });
});

describe('migration 2: people', () => {
  test('accounts and settings stay; a student needs a number, grade and class; numbers are unique among students', () => {
    const db = atVersion(1);
    db.exec(`
      INSERT INTO settings (key, value) VALUES ('org.name', '第一中学');
      INSERT INTO users (id, username, display_name, role, created_at) VALUES (1, 'admin', '王老师', 'admin', 'x');
    `);
    migrateTo(db, 2);
    expect(all(db, 'SELECT key, value FROM settings')).toEqual([{ key: 'org.name', value: '第一中学' }]);
    expect(all(db, 'SELECT username, display_name FROM users')).toEqual([
      { username: 'admin', display_name: '王老师' },
    ]);
    db.exec(STUDENTS);
    db.exec(`INSERT INTO people (id, kind, name, township, created_at, updated_at) VALUES
      (4, 'woman', '丁', '城关镇', 'x', 'x'), (5, 'woman', '戊', '城关镇', 'x', 'x')`);
    expect(all(db, 'SELECT name_initials, name_pinyin, status FROM people WHERE id = 4')).toEqual([
      { name_initials: '', name_pinyin: '', status: 'active' },
    ]);
    expect(() =>
      db.exec(
        "INSERT INTO people (kind, name, grade, class_name, created_at, updated_at) VALUES ('student', '己', '七年级', '1班', 'x', 'x')",
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(
        "INSERT INTO people (kind, student_no, name, grade, class_name, created_at, updated_at) VALUES ('student', 'S1', '己', '七年级', '1班', 'x', 'x')",
      ),
    ).toThrow(/UNIQUE/);
    expect(
      plan(db, "SELECT name FROM people WHERE kind = 'student' AND grade_ordinal = 7 AND grade = '七年级'"),
    ).toContain('people_class');
    expect(plan(db, "SELECT name FROM people WHERE kind = 'woman' AND township = '城关镇'")).toContain(
      'people_township',
    );
    db.close();
  });
});

describe('migration 3: instruments and rule sets', () => {
  test('people stay; each programme keeps every version of its rules once', () => {
    const db = atVersion(2);
    db.exec(STUDENTS);
    migrateTo(db, 3);
    expect(all(db, 'SELECT id, name, grade, class_name FROM people ORDER BY id')).toEqual([
      { id: 1, name: '甲', grade: '七年级', class_name: '1班' },
      { id: 2, name: '乙', grade: '七年级', class_name: '2班' },
      { id: 3, name: '丙', grade: '八年级', class_name: '1班' },
    ]);
    db.exec(`
      INSERT INTO tier_rule_sets (programme, version, definition, created_at) VALUES
        ('school', 1, '{}', 'x'), ('school', 2, '{}', 'x'), ('perinatal', 1, '{}', 'x');
      INSERT INTO custom_instruments (id, version, definition, imported_at) VALUES ('MY-1', '1.0', '{}', 'x'), ('MY-1', '1.1', '{}', 'x');
      INSERT INTO instrument_state (id, enabled, updated_at) VALUES ('PHQ-9', 1, 'x');
    `);
    expect(() =>
      db.exec(
        "INSERT INTO tier_rule_sets (programme, version, definition, created_at) VALUES ('school', 2, '{}', 'x')",
      ),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() =>
      db.exec(
        "INSERT INTO tier_rule_sets (programme, version, definition, created_at) VALUES ('college', 1, '{}', 'x')",
      ),
    ).toThrow(/CHECK/);
    expect(all(db, 'SELECT version FROM custom_instruments WHERE id = ? ORDER BY version', 'MY-1')).toEqual([
      { version: '1.0' },
      { version: '1.1' },
    ]);
    db.close();
  });
});

describe('migration 4: person files and import batches', () => {
  test('people stay; their history and searches by initials and phone have their indexes', () => {
    const db = atVersion(3);
    db.exec(STUDENTS);
    db.exec("UPDATE people SET name_initials = 'j', phone = '13800000001' WHERE id = 1");
    migrateTo(db, 4);
    expect(all(db, 'SELECT id, name_initials, phone FROM people WHERE id = 1')).toEqual([
      { id: 1, name_initials: 'j', phone: '13800000001' },
    ]);
    db.exec(`
      INSERT INTO person_events (person_id, at, kind, text, changes) VALUES
        (1, '2026-01-01T00:00:00Z', 'created', NULL, NULL),
        (1, '2026-02-01T00:00:00Z', 'corrected', '改名', '[{"field":"name","from":"甲一","to":"甲"}]');
      INSERT INTO import_batches (kind, file_name, at, rows, created, updated, unchanged, rejected)
        VALUES ('student', 'roster.xlsx', 'x', 3, 3, 0, 0, 0);
    `);
    expect(() =>
      db.exec("INSERT INTO person_events (person_id, at, kind) VALUES (1, 'x', 'deleted')"),
    ).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO person_events (person_id, at, kind) VALUES (99, 'x', 'note')")).toThrow(
      /FOREIGN KEY/,
    );
    expect(
      plan(db, 'SELECT kind FROM person_events WHERE person_id = ? ORDER BY at DESC, id DESC', 1),
    ).toContain('person_events_person');
    expect(plan(db, 'SELECT id FROM people WHERE name_initials = ?', 'j')).toContain(
      'people_search_initials',
    );
    expect(plan(db, 'SELECT id FROM people WHERE phone = ?', '13800000001')).toContain('people_phone');
    db.close();
  });
});

describe('migration 5: campaigns, screenings, answers, results and alerts', () => {
  test('people stay; campaigns and participants get their defaults; slip codes are unique when set', () => {
    const db = atVersion(4);
    db.exec(STUDENTS);
    db.exec("INSERT INTO person_events (person_id, at, kind) VALUES (1, 'x', 'created')");
    migrateTo(db, 5);
    expect(all(db, 'SELECT count(*) AS n FROM people').at(0)).toEqual({ n: 3 });
    expect(all(db, 'SELECT person_id, kind FROM person_events')).toEqual([{ person_id: 1, kind: 'created' }]);
    db.exec(`
      INSERT INTO campaigns (id, name, programme, starts_on, ends_on, targets, consent_text, created_at)
        VALUES (1, '秋季筛查', 'school', '2026-09-01', '2026-09-30', '[]', '同意', 'x');
      INSERT INTO campaign_participants (campaign_id, person_id, battery, updated_at) VALUES
        (1, 1, '["PHQ-9"]', 'x'), (1, 2, '["PHQ-9"]', 'x'), (1, 3, '["PHQ-9"]', 'x');
      UPDATE campaign_participants SET slip_code = 'ACDEFGHJ' WHERE person_id = 1;
      INSERT INTO screenings (id, campaign_id, person_id, programme, battery, mode, status, started_at)
        VALUES (1, 1, 1, 'school', '["PHQ-9"]', 'station', 'in_progress', 'x');
      INSERT INTO screening_answers VALUES (1, 'PHQ-9', 'q1', 2, 'x');
    `);
    expect(all(db, 'SELECT show_result, status FROM campaigns')).toEqual([
      { show_result: 0, status: 'open' },
    ]);
    expect(
      all(db, 'SELECT person_id, status, slip_code FROM campaign_participants ORDER BY person_id'),
    ).toEqual([
      { person_id: 1, status: 'due', slip_code: 'ACDEFGHJ' },
      { person_id: 2, status: 'due', slip_code: null },
      { person_id: 3, status: 'due', slip_code: null },
    ]);
    expect(() =>
      db.exec("UPDATE campaign_participants SET slip_code = 'ACDEFGHJ' WHERE person_id = 2"),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db.exec(
        "INSERT INTO screenings (person_id, programme, battery, mode, status, started_at) VALUES (1, 'school', '[]', 'phone', 'in_progress', 'x')",
      ),
    ).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO screening_answers VALUES (1, 'PHQ-9', 'q1', 3, 'x')")).toThrow(
      /UNIQUE|PRIMARY KEY/,
    );
    expect(plan(db, 'SELECT id FROM screenings WHERE person_id = ? ORDER BY submitted_at', 1)).toContain(
      'screenings_person',
    );
    expect(
      plan(db, "SELECT count(*) FROM campaign_participants WHERE campaign_id = 1 AND status = 'due'"),
    ).toContain('campaign_participants_status');
    db.close();
  });
});

describe('migration 6: cases, events, tasks and referrals', () => {
  test('screenings stay; one open case per person and programme; a case is not purple by default', () => {
    const db = atVersion(5);
    db.exec(STUDENTS);
    db.exec(`INSERT INTO screenings (id, person_id, programme, battery, mode, status, started_at, submitted_at, level)
      VALUES (1, 1, 'school', '["PHQ-9"]', 'paper', 'submitted', 'x', '2026-09-02T08:00:00Z', 'red')`);
    migrateTo(db, 6);
    expect(all(db, 'SELECT id, level, submitted_at FROM screenings')).toEqual([
      { id: 1, level: 'red', submitted_at: '2026-09-02T08:00:00Z' },
    ]);
    db.exec(`
      INSERT INTO cases (id, person_id, programme, status, screen_level, screening_id, opened_at)
        VALUES (1, 1, 'school', 'open', 'red', 1, 'x'), (2, 1, 'school', 'lifted', 'yellow', NULL, 'x');
      INSERT INTO case_events (case_id, at, kind, detail) VALUES (1, 'x', 'flagged', '{"reasons":[]}');
      INSERT INTO tasks (case_id, kind, due_on, status, created_at) VALUES (1, 'safety_check', '2026-09-02', 'open', 'x');
      INSERT INTO referrals (case_id, institution, referred_on, consent, status) VALUES (1, '市精神卫生中心', '2026-09-03', 1, 'referred');
    `);
    expect(all(db, 'SELECT id, purple, colour FROM cases ORDER BY id')).toEqual([
      { id: 1, purple: 0, colour: null },
      { id: 2, purple: 0, colour: null },
    ]);
    expect(() =>
      db.exec(
        "INSERT INTO cases (person_id, programme, status, screen_level, opened_at) VALUES (1, 'school', 'open', 'red', 'x')",
      ),
    ).toThrow(/UNIQUE/);
    expect(() => db.exec("UPDATE cases SET colour = 'purple' WHERE id = 1")).toThrow(/CHECK/);
    expect(() =>
      db.exec(
        "INSERT INTO tasks (case_id, kind, due_on, status, created_at) VALUES (1, 'confirm_in_person', 'x', 'open', 'x')",
      ),
    ).toThrow(/CHECK/); // added by migration 13
    expect(plan(db, "SELECT id FROM tasks WHERE status = 'open' AND due_on <= ?", '2026-09-30')).toContain(
      'tasks_open',
    );
    expect(plan(db, 'SELECT id FROM referrals WHERE case_id = ?', 1)).toContain('referrals_case');
    db.close();
  });
});

describe('migration 7: class scopes', () => {
  test('existing accounts have no classes (null); a class teacher stores a JSON list', () => {
    const db = atVersion(6);
    db.exec(`INSERT INTO users (id, username, display_name, role, created_at) VALUES
      (1, 'admin', '王老师', 'admin', 'x'), (2, 'chen', '陈老师', 'class_teacher', 'x')`);
    migrateTo(db, 7);
    expect(columns(db, 'users').find(([name]) => name === 'classes')).toEqual(['classes', null]);
    expect(all(db, 'SELECT username, classes FROM users ORDER BY id')).toEqual([
      { username: 'admin', classes: null },
      { username: 'chen', classes: null },
    ]);
    db.prepare('UPDATE users SET classes = ? WHERE id = 2').run('[{"grade":"七年级","className":"1班"}]');
    expect(
      all(
        db,
        "SELECT json_extract(j.value, '$.className') AS className FROM users, json_each(users.classes) j WHERE users.id = 2",
      ),
    ).toEqual([{ className: '1班' }]);
    db.close();
  });
});

/** A period's worth of screenings, results, cases, events and tasks (valid from version 6). */
const FOLLOW_THROUGH = `
  INSERT INTO screenings (id, person_id, programme, battery, mode, status, started_at, submitted_at, level) VALUES
    (1, 1, 'school', '["PHQ-9"]', 'paper', 'submitted', 'x', '2026-09-02T08:00:00Z', 'red'),
    (2, 2, 'school', '["PHQ-9"]', 'paper', 'submitted', 'x', '2026-09-03T08:00:00Z', 'green'),
    (3, 3, 'school', '["PHQ-9"]', 'paper', 'in_progress', 'x', NULL, NULL);
  INSERT INTO screening_results (screening_id, instrument_id, version, total, band, critical, complete, result) VALUES
    (1, 'PHQ-9', '1', 12, 'moderate', 1, 1, '{}'),
    (2, 'PHQ-9', '1', 2, 'minimal', 0, 1, '{}');
  INSERT INTO cases (id, person_id, programme, status, screen_level, screening_id, opened_at)
    VALUES (1, 1, 'school', 'open', 'red', 1, '2026-09-02T08:00:00Z');
  INSERT INTO case_events (id, case_id, at, kind, detail) VALUES
    (1, 1, '2026-09-02T08:00:00Z', 'flagged', '{"reasons":["PHQ-9 第9题"]}'),
    (2, 1, '2026-09-02T09:00:00Z', 'safety_check', '{}');
  INSERT INTO tasks (id, case_id, kind, due_on, status, created_at) VALUES
    (1, 1, 'safety_check', '2026-09-02', 'done', 'x'),
    (2, 1, 'follow_up', '2026-09-09', 'open', 'x');`;

describe('migration 8: indexes for the period figures and the roster export', () => {
  test('the period data reads back unchanged and each figure query uses its index', () => {
    const db = atVersion(7);
    db.exec(STUDENTS + FOLLOW_THROUGH);
    migrateTo(db, 8);
    expect(all(db, 'SELECT id, level FROM screenings ORDER BY id')).toEqual([
      { id: 1, level: 'red' },
      { id: 2, level: 'green' },
      { id: 3, level: null },
    ]);
    expect(all(db, 'SELECT count(*) AS n FROM tasks WHERE case_id = 1')).toEqual([{ n: 2 }]);
    const period = ['2026-09-01', '2026-09-30'];
    expect(
      plan(
        db,
        "SELECT count(*) FROM screenings WHERE programme = 'school' AND status = 'submitted' AND submitted_at BETWEEN ? AND ?",
        ...period,
      ),
    ).toContain('screenings_period');
    expect(plan(db, 'SELECT screening_id FROM screening_results WHERE critical = 1')).toContain(
      'screening_results_critical',
    );
    expect(all(db, 'SELECT screening_id FROM screening_results WHERE critical = 1')).toEqual([
      { screening_id: 1 },
    ]);
    expect(
      plan(db, "SELECT due_on FROM tasks WHERE case_id = ? AND status = 'open' ORDER BY due_on", 1),
    ).toContain('tasks_case');
    expect(plan(db, "SELECT count(*) FROM cases WHERE programme = 'school' AND status = 'open'")).toContain(
      'cases_programme',
    );
    expect(
      plan(db, "SELECT count(*) FROM case_events WHERE kind = 'follow_up' AND at BETWEEN ? AND ?", ...period),
    ).toContain('case_events_kind');
    db.close();
  });
});

describe("migration 9: a person's cases by status", () => {
  test('cases stay; looking up a person’s ended cases uses the new index', () => {
    const db = atVersion(8);
    db.exec(STUDENTS + FOLLOW_THROUGH);
    db.exec(
      "INSERT INTO cases (id, person_id, programme, status, screen_level, opened_at, ended_at) VALUES (2, 2, 'school', 'lifted', 'yellow', 'x', '2026-09-01T00:00:00Z')",
    );
    migrateTo(db, 9);
    expect(all(db, 'SELECT id, person_id, status FROM cases ORDER BY id')).toEqual([
      { id: 1, person_id: 1, status: 'open' },
      { id: 2, person_id: 2, status: 'lifted' },
    ]);
    expect(indexColumns(db, 'cases_person')).toEqual(['person_id', 'status']);
    expect(plan(db, "SELECT max(ended_at) FROM cases WHERE person_id = ? AND status <> 'open'", 2)).toContain(
      'cases_person',
    );
    db.close();
  });
});

describe("migration 10: results' totals beside their JSON", () => {
  test('results stay; reading the totals of a period is covered by the index, off the JSON pages', () => {
    const db = atVersion(9);
    db.exec(STUDENTS + FOLLOW_THROUGH);
    migrateTo(db, 10);
    expect(
      all(db, 'SELECT screening_id, instrument_id, total FROM screening_results ORDER BY screening_id'),
    ).toEqual([
      { screening_id: 1, instrument_id: 'PHQ-9', total: 12 },
      { screening_id: 2, instrument_id: 'PHQ-9', total: 2 },
    ]);
    expect(indexColumns(db, 'screening_results_totals')).toEqual(['screening_id', 'instrument_id', 'total']);
    expect(
      plan(db, 'SELECT instrument_id, total FROM screening_results WHERE screening_id IN (1, 2)'),
    ).toContain('COVERING INDEX screening_results_totals');
    db.close();
  });
});

describe("migration 11: each person's current level on their row", () => {
  test('existing rows get the level of an open case, else the latest screening after the last case ended', () => {
    const db = atVersion(10);
    db.exec(`
      INSERT INTO people (id, kind, name, township, created_at, updated_at) VALUES
        (1, 'woman', '甲', '城关镇', 'x', 'x'), (2, 'woman', '乙', '城关镇', 'x', 'x'),
        (3, 'woman', '丙', '城关镇', 'x', 'x'), (4, 'woman', '丁', '城关镇', 'x', 'x'),
        (5, 'woman', '戊', '城关镇', 'x', 'x'), (6, 'woman', '己', '城关镇', 'x', 'x');
      INSERT INTO screenings (id, person_id, programme, battery, mode, status, started_at, submitted_at, level) VALUES
        -- 1: an open case, confirmed lower at interview
        (1, 1, 'perinatal', '[]', 'paper', 'submitted', 'x', '2026-03-01T00:00:00Z', 'critical'),
        -- 2: an open case never confirmed
        (2, 2, 'perinatal', '[]', 'paper', 'submitted', 'x', '2026-03-01T00:00:00Z', 'positive'),
        -- 3: a lifted case and no screening since: nothing shown again
        (3, 3, 'perinatal', '[]', 'paper', 'submitted', 'x', '2026-03-01T00:00:00Z', 'positive'),
        -- 4: a lifted case, then a new screening: that one
        (4, 4, 'perinatal', '[]', 'paper', 'submitted', 'x', '2026-03-01T00:00:00Z', 'positive'),
        (5, 4, 'perinatal', '[]', 'paper', 'submitted', 'x', '2026-05-01T00:00:00Z', 'watch'),
        -- 5: screenings only: the latest submitted, not the unsubmitted one after it
        (6, 5, 'perinatal', '[]', 'paper', 'submitted', 'x', '2026-01-01T00:00:00Z', 'positive'),
        (7, 5, 'perinatal', '[]', 'paper', 'submitted', 'x', '2026-02-01T00:00:00Z', 'negative'),
        (8, 5, 'perinatal', '[]', 'paper', 'in_progress', 'x', NULL, NULL);
      INSERT INTO cases (id, person_id, programme, status, screen_level, confirmed_level, opened_at, ended_at) VALUES
        (1, 1, 'perinatal', 'open', 'critical', 'positive', 'x', NULL),
        (2, 2, 'perinatal', 'open', 'positive', NULL, 'x', NULL),
        (3, 3, 'perinatal', 'lifted', 'positive', NULL, 'x', '2026-04-01T00:00:00Z'),
        (4, 4, 'perinatal', 'closed', 'positive', NULL, 'x', '2026-04-01T00:00:00Z');
    `);
    migrateTo(db, 11);
    expect(all(db, 'SELECT id, current_level FROM people ORDER BY id')).toEqual([
      { id: 1, current_level: 'positive' },
      { id: 2, current_level: 'positive' },
      { id: 3, current_level: null },
      { id: 4, current_level: 'watch' },
      { id: 5, current_level: 'negative' },
      { id: 6, current_level: null },
    ]);
    expect(all(db, 'SELECT level FROM person_current_level WHERE person_id = 4')).toEqual([
      { level: 'watch' },
    ]);

    // The triggers keep it current for writes after the migration, whichever service makes them.
    db.exec(`INSERT INTO screenings (person_id, programme, battery, mode, status, started_at, submitted_at, level)
      VALUES (6, 'perinatal', '[]', 'paper', 'submitted', 'x', '2026-06-01T00:00:00Z', 'watch')`);
    db.exec(
      "UPDATE screenings SET status = 'submitted', submitted_at = '2026-06-02T00:00:00Z', level = 'positive' WHERE id = 8",
    );
    db.exec("UPDATE cases SET status = 'lifted', ended_at = '2026-06-03T00:00:00Z' WHERE id = 2");
    db.exec(
      "INSERT INTO cases (person_id, programme, status, screen_level, opened_at) VALUES (3, 'perinatal', 'open', 'critical', 'x')",
    );
    expect(all(db, 'SELECT id, current_level FROM people ORDER BY id')).toEqual([
      { id: 1, current_level: 'positive' },
      { id: 2, current_level: null },
      { id: 3, current_level: 'critical' },
      { id: 4, current_level: 'watch' },
      { id: 5, current_level: 'positive' },
      { id: 6, current_level: 'watch' },
    ]);
    db.close();
  });
});

describe('migration 13: tasks and events of the confirm-in-person kind', () => {
  test('tasks and events are rebuilt with their ids, rows and indexes; the new kinds are accepted', () => {
    const db = atVersion(12);
    db.exec(STUDENTS + FOLLOW_THROUGH);
    const before = {
      tasks: all(db, 'SELECT * FROM tasks ORDER BY id'),
      events: all(db, 'SELECT * FROM case_events ORDER BY id'),
    };
    expect(before.tasks).toHaveLength(2);
    migrateTo(db, 13);
    expect(all(db, 'SELECT * FROM tasks ORDER BY id')).toEqual(before.tasks);
    expect(all(db, 'SELECT * FROM case_events ORDER BY id')).toEqual(before.events);
    expect(indexes(db, 'tasks')).toEqual(['tasks_case', 'tasks_open']);
    expect(indexes(db, 'case_events')).toEqual(['case_events_case', 'case_events_kind']);
    expect(indexColumns(db, 'screening_results_totals')).toEqual([
      'screening_id',
      'instrument_id',
      'total',
      'complete',
    ]);
    expect(all(db, "SELECT name FROM sqlite_master WHERE name LIKE '%_old'")).toEqual([]);

    db.exec(`
      INSERT INTO tasks (case_id, kind, due_on, status, created_at) VALUES (1, 'confirm_in_person', '2026-09-03', 'open', 'x');
      INSERT INTO case_events (case_id, at, kind, detail) VALUES (1, 'x', 'confirmed_in_person', '{"finding":"denied"}');
    `);
    // New rows continue after the old ids; unknown kinds are still refused.
    expect(all(db, 'SELECT max(id) AS id FROM tasks')).toEqual([{ id: 3 }]);
    expect(() =>
      db.exec(
        "INSERT INTO tasks (case_id, kind, due_on, status, created_at) VALUES (1, 'call_back', 'x', 'open', 'x')",
      ),
    ).toThrow(/CHECK/);
    expect(
      plan(db, 'SELECT instrument_id, total, complete FROM screening_results WHERE screening_id IN (1, 2)'),
    ).toContain('COVERING INDEX screening_results_totals');
    db.close();
  });
});
