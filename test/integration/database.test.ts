import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import {
  latestSchemaVersion,
  loadMigrations,
  migrate,
  migrations,
  schemaVersion,
} from '../../electron/db/migrations';
import { AppError } from '../../shared/api/errors';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

function schemaOf(file: string, key: Buffer): string {
  const db = openDatabase(file, key);
  const sql = db
    .prepare<[], { sql: string }>(
      "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all()
    .map((r) => `${r.sql};`)
    .join('\n');
  db.close();
  return `${sql}\n`;
}

describe('encrypted database', () => {
  test('personal data never appears in the file, and a wrong or missing key is refused', () => {
    const dir = tempDir();
    const file = join(dir, 'anxin.db');
    const key = randomBytes(32);
    const db = openDatabase(file, key);
    db.prepare(
      "INSERT INTO people (kind, student_no, name, sex, birth_date, grade, class_name, created_at, updated_at) VALUES ('student', '20230999', '欧阳娜娜', 'F', '2011-01-02', '七年级', '1班', 'x', 'x')",
    ).run();
    db.close();
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, name));
      expect(bytes.includes(Buffer.from('欧阳娜娜'))).toBe(false);
      expect(bytes.includes(Buffer.from('20230999'))).toBe(false);
      expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    }
    expect(() => openDatabase(file, randomBytes(32))).toThrowError(
      expect.objectContaining({ code: 'database_locked' }) as unknown as Error,
    );
    const reopened = openDatabase(file, key);
    expect(reopened.prepare('SELECT name FROM people').pluck().get()).toBe('欧阳娜娜');
    reopened.close();
  });

  test('connections run in WAL with full sync, foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tempDir(), 'a.db'), randomBytes(32));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    db.close();
  });
});

describe('migrations', () => {
  test('are numbered without gaps and the latest version is their count', () => {
    expect(migrations.map((m) => m.version)).toEqual(
      Array.from({ length: latestSchemaVersion }, (_, i) => i + 1),
    );
    expect(() =>
      loadMigrations({ './migrations/0001-a.sql': '', './migrations/0003-b.sql': '' }, {}),
    ).toThrow(/without gaps/);
    expect(() => loadMigrations({ './migrations/first.sql': '' }, {})).toThrow(/NNNN-name/);
    // A code step joins the SQL of its number, or stands alone as a migration of its own.
    const step = () => undefined;
    const loaded = loadMigrations(
      { './migrations/0001-a.sql': 'SELECT 1;', './migrations/0002-b.sql': 'SELECT 2;' },
      { './migrations/0002-b.ts': step, './migrations/0003-c.ts': step },
    );
    expect(loaded.map((m) => [m.version, m.name, m.sql, m.after === step])).toEqual([
      [1, 'a', 'SELECT 1;', false],
      [2, 'b', 'SELECT 2;', true],
      [3, 'c', '', true],
    ]);
    expect(() =>
      loadMigrations({ './migrations/0001-a.sql': '' }, { './migrations/0001-other.ts': step }),
    ).toThrow(/two names/);
  });

  test.each(Array.from({ length: latestSchemaVersion }, (_, i) => i))(
    'a database created at version %i upgrades to the same schema as a new one',
    (version) => {
      const key = randomBytes(32);
      const dir = tempDir();
      const fresh = join(dir, 'fresh.db');
      const old = join(dir, 'old.db');
      const db = openDatabase(old, key, { migrateTo: version });
      expect(schemaVersion(db)).toBe(version);
      db.close();
      expect(schemaOf(old, key)).toBe(schemaOf(fresh, key));
    },
  );

  test('a failing migration leaves the database at the last whole version', () => {
    const db = openDatabase(join(tempDir(), 'f.db'), randomBytes(32), { migrateTo: 1 });
    const broken = [...migrations];
    const second = broken[1]!;
    broken[1] = { ...second, sql: `${second.sql}\nCREATE TABLE settings (x);` };
    expect(() => migrate(db, latestSchemaVersion, broken)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'people'").pluck().get()).toBe(0);
    db.close();
  });

  test('a database from a newer version is refused, not touched', () => {
    const file = join(tempDir(), 'n.db');
    const key = randomBytes(32);
    const db = openDatabase(file, key);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    expect(() => migrate(db)).toThrow(AppError);
    db.close();
    expect(() => openDatabase(file, key)).toThrowError(
      expect.objectContaining({ code: 'database_newer' }) as unknown as Error,
    );
  });

  test('the schema matches the reviewed snapshot', async () => {
    await expect(schemaOf(join(tempDir(), 's.db'), randomBytes(32))).toMatchFileSnapshot(
      './__snapshots__/schema.sql',
    );
  });
});

describe('query plans of the hot lists', () => {
  test('the roster by class and the screenings of a person use their indexes', () => {
    const db = openDatabase(join(tempDir(), 'q.db'), randomBytes(32));
    const plan = (sql: string) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join('\n');
    expect(
      plan("SELECT id FROM people WHERE kind = 'student' AND grade = '七年级' AND class_name = '1班'"),
    ).toMatch(/USING (COVERING )?INDEX people_class/);
    expect(plan("SELECT id FROM people WHERE kind = 'student' AND student_no = 'x'")).toMatch(
      /USING (COVERING )?INDEX people_student_no/,
    );
    expect(
      plan(
        "SELECT id FROM screenings WHERE person_id = 1 AND status = 'submitted' ORDER BY submitted_at DESC",
      ),
    ).toMatch(/USING (COVERING )?INDEX screenings_person/);
    expect(plan('SELECT id FROM alerts WHERE resolved_at IS NULL ORDER BY raised_at DESC')).toMatch(
      /USING (COVERING )?INDEX alerts_open/,
    );
    // A person's current level in the registers: the end of their last case (migration 9).
    expect(plan("SELECT max(ended_at) FROM cases WHERE person_id = 1 AND status <> 'open'")).toMatch(
      /USING INDEX cases_person \(person_id=\?\)/,
    );
    db.close();
  });

  test("the supervisor figures and the export's lookups use the indexes of migration 8", () => {
    const db = openDatabase(join(tempDir(), 'q.db'), randomBytes(32));
    const plan = (sql: string) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join('\n');
    // dashboard(): the people screened in a period.
    expect(
      plan(
        "SELECT count(DISTINCT person_id) FROM screenings WHERE programme = 'school' AND status = 'submitted' AND submitted_at >= '2026-03-01' AND submitted_at <= '2026-07-31'",
      ),
    ).toMatch(
      /USING INDEX screenings_period \(programme=\? AND status=\? AND submitted_at>\? AND submitted_at<\?\)/,
    );
    // The screening pass: 关键条目阳性 starts from the few results that fired.
    expect(
      plan(
        "SELECT DISTINCT s.person_id FROM screening_results r JOIN screenings s ON s.id = r.screening_id WHERE r.critical = 1 AND s.programme = 'school' AND s.status = 'submitted'",
      ),
    ).toMatch(/r USING COVERING INDEX screening_results_critical/);
    // A case's open tasks, a programme's open cases, events of one kind in a period.
    expect(plan("SELECT id FROM tasks WHERE case_id = 1 AND status = 'open' ORDER BY due_on")).toMatch(
      /USING (COVERING )?INDEX tasks_case \(case_id=\? AND status=\?\)/,
    );
    expect(plan("SELECT count(*) FROM cases WHERE programme = 'school' AND status = 'open'")).toMatch(
      /USING COVERING INDEX (cases_programme|cases_one_open)/,
    );
    expect(
      plan(
        "SELECT count(*) FROM case_events WHERE kind = 'follow_up' AND at >= '2026-01-01' AND at <= '2026-12-31'",
      ),
    ).toMatch(/USING COVERING INDEX case_events_kind \(kind=\? AND at>\? AND at<\?\)/);
    db.close();
  });
});
