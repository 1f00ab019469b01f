// Each migration that moves or derives data is run over seeded rows of the version before it.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { deriveAuditKey, GENESIS, rowHash, verifyChain, type AuditRow } from '../../electron/db/audit-chain';
import { openDatabase } from '../../electron/db/database';
import { audit } from '../../electron/services/audit';
import { migrate } from '../../electron/db/migrations';
import { useTempDirs } from '../helpers/temp';
import type { ReasonFact } from '../../shared/tiers';

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

describe('migration 17: stored Chinese reasons and methods become data and keys', () => {
  const SELF_HARM = { zh: '自伤念头', en: 'self-harm thoughts' };
  const ADVICE = { zh: '建议完成完整量表（PHQ-9）', en: 'complete the full PHQ-9' };

  test('every sentence the old formatter wrote reads back into the finding it came from', async () => {
    const { readLegacyReason } = await import('../../electron/db/migrations/0017-reason-codes');
    const { reasonWords } = await import('../../shared/tiers');
    const facts: ReasonFact[] = [
      { kind: 'item_positive', instrument: 'PHQ-9', item: 9, meaning: SELF_HARM },
      { kind: 'item_at_least', instrument: 'EPDS', item: 10, value: 2, min: 1 },
      { kind: 'item_blank', instrument: 'EPDS', item: 10 },
      { kind: 'total_at_least', instrument: 'GAD-7', total: 16, min: 15, complete: true },
      { kind: 'total_at_least', instrument: 'GAD-7', total: 12.5, min: 10, complete: false, invalid: true },
      { kind: 'total_band', instrument: 'PHQ-9', total: 12, min: 10, max: 14, complete: true },
      { kind: 'total_band', instrument: 'PHQ-9', total: 16, min: 15, max: 19, complete: false },
      { kind: 'total_at_least', instrument: 'PHQ-2', total: 6, min: 3, complete: true, label: ADVICE },
    ];
    for (const fact of facts) {
      // With the English twin (a scored sheet), and with Chinese only (a case's flag).
      expect(readLegacyReason(reasonWords(fact, 'zh'), reasonWords(fact, 'en'), new Map())).toEqual(fact);
      const known = new Map([SELF_HARM, ADVICE].map((t) => [t.zh, t]));
      expect(readLegacyReason(reasonWords(fact, 'zh'), undefined, known)).toEqual(fact);
    }
    expect(readLegacyReason('人工标记', undefined, new Map())).toEqual({
      kind: 'text',
      text: { zh: '人工标记', en: '人工标记' },
    });
  });

  test('a version-16 database with Chinese reasons and methods reads back as data and keys through the services', async () => {
    const { getCase, worklist } = await import('../../electron/services/cases/cases');
    const { tierResultSchema } = await import('../../shared/tiers');
    const db = openDatabase(join(tempDir(), 'm17.db'), randomBytes(32), { migrateTo: 16 });
    const tier = {
      ruleSetId: 'school-default',
      ruleSetVersion: '1.1',
      level: 'red',
      reasons: [
        {
          zh: 'PHQ-9 第9题阳性（自伤念头）',
          en: 'PHQ-9 item 9 positive (self-harm thoughts)',
          level: 'red',
          rule: 0,
        },
        { zh: 'PHQ-9 总分 16（15–19）', en: 'PHQ-9 total 16 (15–19)', level: 'orange', rule: 3 },
        {
          zh: 'PHQ-2 总分 6 ≥ 3，建议完成完整量表（PHQ-9）',
          en: 'PHQ-2 total 6 ≥ 3: complete the full PHQ-9',
          level: 'yellow',
          rule: 7,
        },
      ],
      possibleHigher: null,
      complete: true,
      thresholds: [],
    };
    db.prepare(
      `INSERT INTO people (id, kind, student_no, name, sex, birth_date, grade, class_name, created_at, updated_at)
       VALUES (1, 'student', 'S1', '甲', 'F', '2011-01-02', '七年级', '1班', 'x', 'x')`,
    ).run();
    db.prepare(
      `INSERT INTO screenings (id, person_id, programme, battery, mode, status, started_at, submitted_at, level, tier)
       VALUES (1, 1, 'school', '["PHQ-9"]', 'station', 'submitted', '2026-11-01T08:00:00Z', '2026-11-01T08:10:00Z', 'red', ?)`,
    ).run(JSON.stringify(tier));
    db.exec(`
      INSERT INTO cases (id, person_id, programme, status, screen_level, screening_id, opened_at)
        VALUES (1, 1, 'school', 'open', 'red', 1, '2026-11-01T08:02:00Z');
      INSERT INTO case_events (id, case_id, at, kind, detail) VALUES
        (1, 1, '2026-11-01T08:02:00Z', 'flagged',
          '{"screeningId":1,"atAnswer":true,"reasons":["PHQ-9 第9题阳性（自伤念头）","EPDS 第10题 2 分 ≥ 1","GAD-7 总分至少 12 ≥ 10（作答不完整）（问卷无效）","人工标记"]}'),
        (2, 1, '2026-11-02T08:00:00Z', 'follow_up',
          '{"heldOn":"2026-11-02","method":"面谈","content":"情绪平稳","riskChange":"same"}'),
        (3, 1, '2026-11-03T08:00:00Z', 'guardian_contact',
          '{"contactedOn":"2026-11-03","who":"母亲","method":"电话","response":"同意就医"}'),
        (4, 1, '2026-11-04T08:00:00Z', 'follow_up',
          '{"heldOn":"2026-11-04","method":"家访","content":"在家","riskChange":"lower"}');
    `);
    migrate(db, 17);

    // The scored sheet's reasons are findings that keep their level and rule, and parse as a tier.
    const stored = tierResultSchema.parse(
      JSON.parse(db.prepare('SELECT tier FROM screenings WHERE id = 1').pluck().get() as string),
    );
    expect(stored.reasons).toEqual([
      { kind: 'item_positive', instrument: 'PHQ-9', item: 9, meaning: SELF_HARM, level: 'red', rule: 0 },
      { kind: 'total_band', instrument: 'PHQ-9', total: 16, min: 15, max: 19, complete: true, level: 'orange', rule: 3 },
      { kind: 'total_at_least', instrument: 'PHQ-2', total: 6, min: 3, complete: true, label: ADVICE, level: 'yellow', rule: 7 },
    ]); // prettier-ignore

    // The case merges the sheet's findings with its flag's, once each, as data.
    const reasons: ReasonFact[] = [
      { kind: 'item_positive', instrument: 'PHQ-9', item: 9, meaning: SELF_HARM },
      { kind: 'total_band', instrument: 'PHQ-9', total: 16, min: 15, max: 19, complete: true },
      { kind: 'total_at_least', instrument: 'PHQ-2', total: 6, min: 3, complete: true, label: ADVICE },
      { kind: 'item_at_least', instrument: 'EPDS', item: 10, value: 2, min: 1 },
      { kind: 'total_at_least', instrument: 'GAD-7', total: 12, min: 10, complete: false, invalid: true },
      { kind: 'text', text: { zh: '人工标记', en: '人工标记' } },
    ];
    const c = getCase(db, 1);
    expect(c.reasons).toEqual(reasons);
    expect(worklist(db, { programme: 'school' }).map((i) => i.reasons)).toEqual([reasons]);
    const detail = (id: number) => c.events.find((e) => e.id === id)!.detail;
    expect(detail(1)).toEqual({ screeningId: 1, atAnswer: true, reasons: reasons.filter((_, i) => [0, 3, 4, 5].includes(i)) }); // prettier-ignore
    expect([detail(2).method, detail(3).method, detail(4).method]).toEqual([
      'in_person',
      'phone',
      'home_visit',
    ]);
    expect(detail(3)).toMatchObject({ who: '母亲', response: '同意就医' });
    db.close();
  });
});

describe('migration 21: structured conclusions and tasks tied to their referral', () => {
  test('a recorded diagnosis becomes 待定 (its text not read); referral checks find their referral', async () => {
    const { getCase } = await import('../../electron/services/cases/cases');
    const db = openDatabase(join(tempDir(), 'm21.db'), randomBytes(32), { migrateTo: 20 });
    db.exec(`
      INSERT INTO people (id, kind, name, id_number, lmp, created_at, updated_at) VALUES
        (1, 'woman', '甲', '110101199001010023', '2026-06-01', 'x', 'x');
      INSERT INTO cases (id, person_id, programme, status, screen_level, opened_at) VALUES
        (1, 1, 'perinatal', 'open', 'positive', '2026-11-01T08:00:00Z');
      INSERT INTO referrals (id, case_id, institution, referred_on, consent, status, attended_on, diagnosis, diagnosed_on) VALUES
        (1, 1, '县人民医院', '2026-11-01', 1, 'diagnosed', '2026-11-03', '排除抑郁症', '2026-11-05'),
        (2, 1, '市精神卫生中心', '2026-11-02', 1, 'attended', '2026-11-04', NULL, NULL),
        (3, 1, '市妇幼保健院', '2026-11-03', 0, 'referred', NULL, NULL, NULL);
      INSERT INTO tasks (id, case_id, kind, due_on, status, created_at, done_at) VALUES
        (1, 1, 'first_contact', '2026-11-04', 'done', '2026-11-01T08:00:00Z', '2026-11-02T08:00:00Z'),
        (2, 1, 'referral_check', '2026-11-15', 'done', '2026-11-01T08:00:00Z', '2026-11-03T08:00:00Z'),
        (3, 1, 'referral_check', '2026-11-17', 'open', '2026-11-03T08:00:00Z', NULL),
        (4, 1, 'referral_check', '2026-11-30', 'open', '2026-11-03T08:00:00Z', NULL);
    `);
    migrate(db, 21);
    expect(
      db.prepare('SELECT id, status, conclusion, icd10, diagnosis FROM referrals ORDER BY id').all(),
    ).toEqual([
      { id: 1, status: 'diagnosed', conclusion: 'pending', icd10: null, diagnosis: '排除抑郁症' },
      { id: 2, status: 'attended', conclusion: null, icd10: null, diagnosis: null },
      { id: 3, status: 'referred', conclusion: null, icd10: null, diagnosis: null },
    ]);
    expect(db.prepare('SELECT id, kind, status, done_at, referral_id FROM tasks ORDER BY id').all()).toEqual([
      { id: 1, kind: 'first_contact', status: 'done', done_at: '2026-11-02T08:00:00Z', referral_id: null },
      { id: 2, kind: 'referral_check', status: 'done', done_at: '2026-11-03T08:00:00Z', referral_id: 1 },
      { id: 3, kind: 'referral_check', status: 'open', done_at: null, referral_id: 3 },
      // Planned from no referral's date: unlinked, so any referral step of the case still ends it.
      { id: 4, kind: 'referral_check', status: 'open', done_at: null, referral_id: null },
    ]);
    // 待定 suggests nothing and is not 确诊; the new kind of task is accepted.
    expect(getCase(db, 1)).toMatchObject({ suggestedColour: null });
    db.exec(`INSERT INTO tasks (case_id, kind, due_on, status, created_at) VALUES (1, 'make_referral', '2026-11-06', 'open', 'x')`); // prettier-ignore
    expect(() => db.exec(`UPDATE referrals SET conclusion = 'probable' WHERE id = 2`)).toThrow(
      /CHECK constraint/,
    );
  });
});

describe('migration 22: assignments and reopenings are case events of their own kinds', () => {
  test('every event keeps its id, case, time, kind, user, levels and detail; the new kinds are accepted', () => {
    const db = openDatabase(join(tempDir(), 'm22.db'), randomBytes(32), { migrateTo: 21 });
    db.exec(`
      INSERT INTO users (id, username, display_name, role, created_at) VALUES (1, 'admin', '王老师', 'admin', 'x');
      INSERT INTO people (id, kind, student_no, name, sex, birth_date, grade, class_name, created_at, updated_at) VALUES
        (1, 'student', 'S1', '甲', 'F', '2011-01-02', '七年级', '1班', 'x', 'x');
      INSERT INTO cases (id, person_id, programme, status, screen_level, opened_at, responsible_id) VALUES
        (7, 1, 'school', 'lifted', 'red', '2026-11-01T08:10:00Z', 1);
      INSERT INTO case_events (id, case_id, at, kind, user_id, level_before, level_after, detail) VALUES
        (3, 7, '2026-11-01T08:10:00Z', 'flagged', NULL, NULL, 'red', '{"screeningId":null}'),
        (5, 7, '2026-11-02T09:00:00Z', 'confirmed_in_person', 1, NULL, NULL, '{"finding":"denied"}'),
        (9, 7, '2026-11-03T09:00:00Z', 'lifted', 1, 'red', NULL, '{"reason":"ok"}');
    `);
    const before = db.prepare('SELECT * FROM case_events ORDER BY id').all();
    expect(() =>
      db
        .prepare("INSERT INTO case_events (case_id, at, kind, detail) VALUES (7, 'x', 'assigned', '{}')")
        .run(),
    ).toThrow(/CHECK constraint/);
    migrate(db, 22);
    expect(db.prepare('SELECT * FROM case_events ORDER BY id').all()).toEqual(before);
    db.prepare(
      "INSERT INTO case_events (case_id, at, kind, user_id, detail) VALUES (7, 'y', 'assigned', 1, '{}')",
    ).run();
    db.prepare(
      "INSERT INTO case_events (case_id, at, kind, user_id, detail) VALUES (7, 'z', 'reopened', 1, '{}')",
    ).run();
    expect(db.prepare('SELECT id, kind FROM case_events WHERE id > 9 ORDER BY id').all()).toEqual([
      { id: 10, kind: 'assigned' },
      { id: 11, kind: 'reopened' },
    ]);
    expect(() =>
      db.prepare("INSERT INTO case_events (case_id, at, kind, detail) VALUES (7, 'x', 'other', '{}')").run(),
    ).toThrow(/CHECK constraint/);
  });
});

describe('migration 18: handbook numbers become unique among women', () => {
  test('a database already holding duplicates migrates: they are marked and kept out of the index, the rest are unique', () => {
    const db = openDatabase(join(tempDir(), 'm18.db'), randomBytes(32), { migrateTo: 17 });
    db.exec(`
      INSERT INTO people (id, kind, name, id_number, handbook_no, created_at, updated_at) VALUES
        (1, 'woman', '甲', '110101199501010022', 'HB-1', 'x', 'x'),
        (2, 'woman', '乙', '110101199601010024', 'HB-1', 'x', 'x'),
        (3, 'woman', '丙', '110101199701010026', 'hb-1', 'x', 'x'),
        (4, 'woman', '丁', '110101199801010028', 'HB-2', 'x', 'x'),
        (5, 'woman', '戊', '110101199901010020', NULL, 'x', 'x'),
        (6, 'woman', '己', '110101199001010029', NULL, 'x', 'x');
      INSERT INTO people (id, kind, student_no, name, grade, class_name, handbook_no, created_at, updated_at) VALUES
        (7, 'student', 'S1', '庚', '七年级', '1班', 'HB-2', 'x', 'x');
    `);
    migrate(db, 18);
    const rows = db
      .prepare('SELECT id, handbook_no AS no, handbook_no_clash AS clash FROM people ORDER BY id')
      .all();
    expect(rows).toEqual([
      // Three women under one number (whatever its case): none can be told apart, all are marked.
      { id: 1, no: 'HB-1', clash: 1 },
      { id: 2, no: 'HB-1', clash: 1 },
      { id: 3, no: 'hb-1', clash: 1 },
      { id: 4, no: 'HB-2', clash: 0 },
      // Women without a number, and a student (whose handbook column means nothing), are not.
      { id: 5, no: null, clash: 0 },
      { id: 6, no: null, clash: 0 },
      { id: 7, no: 'HB-2', clash: 0 },
    ]);
    const insert = db.prepare(
      `INSERT INTO people (kind, name, handbook_no, created_at, updated_at) VALUES ('woman', '辛', ?, 'x', 'x')`,
    );
    // The index holds from now on: a second woman under HB-2 is refused, a new number is fine.
    expect(() => insert.run('HB-2')).toThrow(/UNIQUE constraint failed: people.handbook_no/);
    expect(() => insert.run('HB-3')).not.toThrow();
    db.close();
  });
});
