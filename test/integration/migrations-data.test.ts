// Each migration that moves or derives data is run over seeded rows of the version before it.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { deriveAuditKey, GENESIS, rowHash, verifyChain, type AuditRow } from '../../electron/db/audit-chain';
import { openDatabase } from '../../electron/db/database';
import { audit } from '../../electron/services/audit';
import { migrate } from '../../electron/db/migrations';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('migration 12: alerts stay open until a safety check', () => {
  test('acknowledged alerts with a later safety check are resolved; all others stay open', () => {
    const db = openDatabase(join(tempDir(), 'm12.db'), randomBytes(32), { migrateTo: 11 });
    db.exec(`
      INSERT INTO people (id, kind, student_no, name, sex, birth_date, grade, class_name, created_at, updated_at) VALUES
        (1, 'student', 'S1', '甲', 'F', '2011-01-02', '七年级', '1班', 'x', 'x'),
        (2, 'student', 'S2', '乙', 'M', '2011-01-02', '七年级', '1班', 'x', 'x'),
        (3, 'student', 'S3', '丙', 'M', '2011-01-02', '七年级', '1班', 'x', 'x');
      INSERT INTO screenings (id, person_id, programme, battery, mode, status, started_at) VALUES
        (1, 1, 'school', '["PHQ-9"]', 'station', 'submitted', '2026-11-01T08:00:00Z'),
        (2, 2, 'school', '["PHQ-9"]', 'station', 'in_progress', '2026-11-01T08:00:00Z'),
        (3, 3, 'school', '["PHQ-9"]', 'station', 'submitted', '2026-11-01T08:00:00Z');
      INSERT INTO alerts (id, screening_id, person_id, instrument_id, item_id, value, raised_at, acknowledged_at) VALUES
        (1, 1, 1, 'PHQ-9', 'q9', 3, '2026-11-01T08:05:00Z', '2026-11-01T08:06:00Z'),
        (2, 2, 2, 'PHQ-9', 'q9', 2, '2026-11-01T08:05:00Z', '2026-11-01T08:06:00Z'),
        (3, 3, 3, 'PHQ-9', 'q9', 1, '2026-11-01T08:05:00Z', NULL);
      INSERT INTO cases (id, person_id, programme, status, screen_level, opened_at) VALUES
        (1, 1, 'school', 'open', 'red', '2026-11-01T08:10:00Z'),
        (3, 3, 'school', 'open', 'red', '2026-11-01T08:10:00Z');
      INSERT INTO case_events (case_id, at, kind, detail) VALUES
        (1, '2026-11-01T09:00:00Z', 'safety_check', '{}'),
        (3, '2026-11-01T09:00:00Z', 'safety_check', '{}');
    `);
    migrate(db, 12);
    const rows = db.prepare('SELECT id, acknowledged_at, resolved_at FROM alerts ORDER BY id').all() as {
      id: number;
      acknowledged_at: string | null;
      resolved_at: string | null;
    }[];
    expect(rows).toEqual([
      // Acknowledged and checked: resolved at the check.
      { id: 1, acknowledged_at: '2026-11-01T08:06:00Z', resolved_at: '2026-11-01T09:00:00Z' },
      // Acknowledged (the old 已处理 click) but never checked: open again, nothing lost.
      { id: 2, acknowledged_at: '2026-11-01T08:06:00Z', resolved_at: null },
      // Never acknowledged: stays open, even with a check on record, for someone to close on purpose.
      { id: 3, acknowledged_at: null, resolved_at: null },
    ]);
    db.close();
  });
});

describe('migration 14: the audit trail becomes a hash chain', () => {
  test('existing rows keep their ids and fields and are sealed in order with the key of the connection', () => {
    const key = randomBytes(32);
    const db = openDatabase(join(tempDir(), 'm14.db'), key, { migrateTo: 13 });
    db.exec(`
      INSERT INTO users (id, username, display_name, role, created_at) VALUES (1, 'admin', '王老师', 'admin', 'x');
      INSERT INTO audit_log (id, at, user_id, action, subject, detail) VALUES
        (1, '2026-09-01T08:00:00.000Z', 1, 'setup', 'org', NULL),
        (2, '2026-09-01T08:01:00.000Z', 1, 'login', NULL, NULL),
        (3, '2026-09-02T09:00:00.000Z', 1, 'export.roster', 'school', '{"variant":"full","people":40}'),
        (4, '2026-09-03T10:00:00.000Z', NULL, 'logout', NULL, NULL);
    `);
    migrate(db, 14);
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
    expect(rows.map((r) => [r.id, r.action, r.subject, r.detail])).toEqual([
      [1, 'setup', 'org', null],
      [2, 'login', null, null],
      [3, 'export.roster', 'school', '{"variant":"full","people":40}'],
      [4, 'logout', null, null],
    ]);
    // Each row links to the one before it, and its hash is the keyed hash of its fields and link.
    const auditKey = deriveAuditKey(key);
    expect(rows[0]!.prev_hash).toBe(GENESIS);
    rows.forEach((row, i) => {
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]!.hash);
      expect(row.hash).toBe(rowHash(auditKey, row));
    });
    expect(verifyChain(db)).toEqual({ ok: true, entries: 4 });
    // New rows continue the chain after the sealed ones, and ids are never reused.
    db.prepare('DELETE FROM audit_log WHERE id = 4').run();
    audit(db, 1, 'login');
    expect(db.prepare('SELECT max(id) FROM audit_log').pluck().get()).toBe(5);
    expect(verifyChain(db)).toMatchObject({ ok: false, firstBroken: { id: 5, reason: 'deleted' } });
    db.close();
  });

  test('an empty trail migrates to an empty, intact chain', () => {
    const db = openDatabase(join(tempDir(), 'm14e.db'), randomBytes(32), { migrateTo: 13 });
    migrate(db, 14);
    expect(verifyChain(db)).toEqual({ ok: true, entries: 0 });
    db.close();
  });
});

describe('migration 16: answer and alert values become text for field encryption', () => {
  test('rows keep their keys, times and values (as text); the login then seals them in place', async () => {
    const {
      alertAad,
      answerAad,
      generateClinicalKeyPair,
      installClinicalPublicKey,
      openClinical,
      openNumber,
      sealLegacyPlaintext,
    } = await import('../../electron/services/clinical/vault');
    const db = openDatabase(join(tempDir(), 'm16.db'), randomBytes(32), { migrateTo: 15 });
    db.exec(`
      INSERT INTO people (id, kind, student_no, name, sex, birth_date, grade, class_name, created_at, updated_at) VALUES
        (1, 'student', 'S1', '甲', 'F', '2011-01-02', '七年级', '1班', 'x', 'x');
      INSERT INTO screenings (id, person_id, programme, battery, mode, status, started_at) VALUES
        (1, 1, 'school', '["PHQ-9"]', 'station', 'in_progress', '2026-11-01T08:00:00Z');
      INSERT INTO screening_answers (screening_id, instrument_id, item_id, value, answered_at) VALUES
        (1, 'PHQ-9', 'q1', 2, '2026-11-01T08:01:00Z'),
        (1, 'PHQ-9', 'q9', 3, '2026-11-01T08:02:00Z'),
        (1, 'PHQ-9', 'q2', 1.5, '2026-11-01T08:03:00Z');
      INSERT INTO alerts (id, screening_id, person_id, instrument_id, item_id, value, raised_at, acknowledged_at, resolved_at) VALUES
        (7, 1, 1, 'PHQ-9', 'q9', 3, '2026-11-01T08:02:00Z', '2026-11-01T08:04:00Z', NULL);
    `);
    migrate(db, 16);
    expect(db.prepare('SELECT * FROM screening_answers ORDER BY item_id').all()).toEqual([
      {
        screening_id: 1,
        instrument_id: 'PHQ-9',
        item_id: 'q1',
        value: '2',
        answered_at: '2026-11-01T08:01:00Z',
      },
      {
        screening_id: 1,
        instrument_id: 'PHQ-9',
        item_id: 'q2',
        value: '1.5',
        answered_at: '2026-11-01T08:03:00Z',
      },
      {
        screening_id: 1,
        instrument_id: 'PHQ-9',
        item_id: 'q9',
        value: '3',
        answered_at: '2026-11-01T08:02:00Z',
      },
    ]);
    expect(db.prepare('SELECT * FROM alerts').all()).toEqual([
      {
        id: 7,
        screening_id: 1,
        person_id: 1,
        instrument_id: 'PHQ-9',
        item_id: 'q9',
        value: '3',
        raised_at: '2026-11-01T08:02:00Z',
        acknowledged_at: '2026-11-01T08:04:00Z',
        acknowledged_by: null,
        resolved_at: null,
        resolved_by: null,
      },
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'alerts_open'").pluck().get()).toBe(
      'alerts_open',
    );
    // The first clinical session after the upgrade installs a clinical key and seals the plaintext left behind.
    const pair = generateClinicalKeyPair();
    installClinicalPublicKey(db, pair.publicKey);
    openClinical(db, pair.privateKey);
    expect(sealLegacyPlaintext(db)).toBe(4);
    const values = db
      .prepare('SELECT value FROM screening_answers ORDER BY item_id')
      .pluck()
      .all() as string[];
    expect(values.every((v) => v.startsWith('c1.'))).toBe(true);
    expect(openNumber(db, answerAad(1, 'PHQ-9', 'q9'), values[2]!)).toBe(3);
    const alert = db.prepare('SELECT value FROM alerts').pluck().get() as string;
    expect(alert.startsWith('c1.')).toBe(true);
    expect(openNumber(db, alertAad(1, 'PHQ-9', 'q9'), alert)).toBe(3);
    db.close();
  });
});

describe('migration 15: each campaign gets a station sign-in mode', () => {
  test('a school campaign with printed slips keeps slips, one without signs in by 学籍号; clinics need a second fact', () => {
    const db = openDatabase(join(tempDir(), 'm15.db'), randomBytes(32), { migrateTo: 14 });
    db.exec(`
      INSERT INTO people (id, kind, student_no, name, sex, birth_date, grade, class_name, created_at, updated_at) VALUES
        (1, 'student', 'S1', '甲', 'F', '2011-01-02', '七年级', '1班', 'x', 'x');
      INSERT INTO campaigns (id, name, programme, starts_on, ends_on, targets, consent_text, created_at) VALUES
        (1, 'slips printed', 'school', '2026-09-01', '2026-09-08', '[]', 'c', 'x'),
        (2, 'no slips', 'school', '2026-09-01', '2026-09-08', '[]', 'c', 'x'),
        (3, 'clinic', 'perinatal', '2026-09-01', '2026-09-08', '[]', 'c', 'x');
      INSERT INTO campaign_participants (campaign_id, person_id, battery, updated_at, slip_code) VALUES
        (1, 1, '["PHQ-9"]', 'x', 'ACDEFGHJ'),
        (2, 1, '["PHQ-9"]', 'x', NULL);
    `);
    migrate(db, 15);
    expect(db.prepare('SELECT id, sign_in FROM campaigns ORDER BY id').all()).toEqual([
      { id: 1, sign_in: 'slip' },
      { id: 2, sign_in: 'student_no_birth_code' },
      { id: 3, sign_in: 'handbook_plus' },
    ]);
    expect(() => db.prepare("UPDATE campaigns SET sign_in = 'number_only' WHERE id = 1").run()).toThrow(
      /CHECK/,
    );
    db.close();
  });
});
