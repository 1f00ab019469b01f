// Field-level encryption of clinical content: the crypto itself (seal/open, tampering, rows swapped
// under the associated data, key rotation) and the per-connection vault over a real encrypted file.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database';
import {
  decryptField,
  encryptField,
  generateClinicalKeyPair,
  openSealed,
  publicKeyOf,
  sealToPublicKey,
} from '../../electron/services/clinical/crypto';
import {
  answerAad,
  closeClinical,
  installClinicalPublicKey,
  openClinical,
  openNumber,
  openText,
  openResult,
  rotateClinicalKey,
  sealLegacyPlaintext,
  sealNumber,
  sealText,
} from '../../electron/services/clinical/vault';
import { getCase } from '../../electron/services/cases/cases';
import { personEvents } from '../../electron/services/people/person-events';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

const flip = (text: string, at: number) => {
  const bytes = Buffer.from(text.slice(text.lastIndexOf('.') + 1), 'base64');
  bytes[at] = bytes[at]! ^ 1;
  return `${text.slice(0, text.lastIndexOf('.') + 1)}${bytes.toString('base64')}`;
};

describe('clinical crypto', () => {
  test('a key pair: 32-byte halves, the public one derivable from the private one', () => {
    const pair = generateClinicalKeyPair();
    expect(pair.publicKey).toHaveLength(32);
    expect(pair.privateKey).toHaveLength(32);
    expect(publicKeyOf(pair.privateKey).equals(pair.publicKey)).toBe(true);
  });

  test('a writer key sealed to the public key opens only with its private key and its own place', () => {
    const pair = generateClinicalKeyPair();
    const secret = randomBytes(32);
    const sealed = sealToPublicKey(pair.publicKey, secret, 'clinical_writer_keys:1:1');
    expect(openSealed(pair.privateKey, sealed, 'clinical_writer_keys:1:1').equals(secret)).toBe(true);
    expect(() =>
      openSealed(generateClinicalKeyPair().privateKey, sealed, 'clinical_writer_keys:1:1'),
    ).toThrow();
    expect(() => openSealed(pair.privateKey, sealed, 'clinical_writer_keys:2:1')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[40] = tampered[40]! ^ 1;
    expect(() => openSealed(pair.privateKey, tampered, 'clinical_writer_keys:1:1')).toThrow();
  });

  test('a field: round trip, any flipped byte fails, another row or column fails', () => {
    const key = randomBytes(32);
    const aad = answerAad(7, 'PHQ-9', 'q9');
    const stored = encryptField(3, key, aad, '3');
    expect(stored).toMatch(/^c1\.3\.[A-Za-z0-9+/=]+$/);
    expect(decryptField(key, aad, stored)).toBe('3');
    // Same value, same key: a fresh IV each time, so equal answers do not look equal on disk.
    expect(encryptField(3, key, aad, '3')).not.toBe(stored);
    for (const at of [0, 12, 13, 28]) expect(() => decryptField(key, aad, flip(stored, at))).toThrow();
    expect(() => decryptField(key, answerAad(8, 'PHQ-9', 'q9'), stored)).toThrow();
    expect(() => decryptField(key, answerAad(7, 'PHQ-9', 'q1'), stored)).toThrow();
    expect(() => decryptField(randomBytes(32), aad, stored)).toThrow();
  });
});

/** Connections to one encrypted file, as separate processes (or threads) would hold them. */
function twoConnections(): { open: () => Db } {
  const file = join(tempDir(), 'anxin.db');
  const key = randomBytes(32);
  openDatabase(file, key).close();
  return { open: () => openDatabase(file, key) };
}

describe('clinical vault', () => {
  test('writers need no read key; readers need the private key; a session reads what it wrote itself', () => {
    const { open } = twoConnections();
    const pair = generateClinicalKeyPair();
    const admin = open();
    installClinicalPublicKey(admin, pair.publicKey);
    openClinical(admin, pair.privateKey);

    // A screener's station: no private key, still writes (and reads back its own answers).
    const station = open();
    openClinical(station, null);
    const aad = answerAad(1, 'PHQ-9', 'q9');
    const stored = sealNumber(station, aad, 3);
    expect(stored.startsWith('c1.')).toBe(true);
    expect(openNumber(station, aad, stored)).toBe(3);
    // Its writer key was sealed once, to the public key: one row, not one per field.
    sealNumber(station, answerAad(1, 'PHQ-9', 'q1'), 0);
    expect(station.prepare('SELECT count(*) FROM clinical_writer_keys').pluck().get()).toBe(1);

    // The psychologist's session opens it; a class teacher's session (another process) does not.
    expect(openNumber(admin, aad, stored)).toBe(3);
    const teacher = open();
    openClinical(teacher, null);
    expect(openNumber(teacher, aad, stored)).toBeNull();
    expect(openText(teacher, aad, 'plain legacy text')).toBe('plain legacy text');

    // Moved to another row: an integrity error, not a silent value.
    expect(() => openNumber(admin, answerAad(2, 'PHQ-9', 'q9'), stored)).toThrowError(
      expect.objectContaining({ code: 'conflict' }) as unknown as Error,
    );
    // A private key of another pair is refused outright.
    expect(() => openClinical(teacher, generateClinicalKeyPair().privateKey)).toThrowError(
      expect.objectContaining({ code: 'forbidden' }) as unknown as Error,
    );
    // Log-out forgets the keys: a reopened vault without the private key reads nothing of the station's.
    closeClinical(admin);
    openClinical(admin, null);
    expect(openNumber(admin, aad, stored)).toBeNull();
    for (const db of [admin, station, teacher]) db.close();
  });

  test('a writer key made in a transaction that rolls back is made again, so nothing is sealed to a lost key', () => {
    const { open } = twoConnections();
    const pair = generateClinicalKeyPair();
    const db = open();
    installClinicalPublicKey(db, pair.publicKey);
    openClinical(db, null);
    expect(() =>
      db.transaction(() => {
        sealText(db, 'x.y:1', 'first');
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    const stored = sealText(db, 'x.y:2', 'second');
    const reader = open();
    openClinical(reader, pair.privateKey);
    expect(openText(reader, 'x.y:2', stored)).toBe('second');
    db.close();
    reader.close();
  });

  test('rotation: old values read with the new key; the old key opens nothing written afterwards', () => {
    const { open } = twoConnections();
    const oldPair = generateClinicalKeyPair();
    const db = open();
    installClinicalPublicKey(db, oldPair.publicKey);
    openClinical(db, oldPair.privateKey);
    const before = sealText(db, 'notes:1', '睡眠差，有自伤念头');
    const writerBefore = db.prepare('SELECT max(id) FROM clinical_writer_keys').pluck().get() as number;

    const next = generateClinicalKeyPair();
    rotateClinicalKey(db, oldPair.privateKey, next);
    const after = sealText(db, 'notes:2', '已转介精神科');
    const writerAfter = db.prepare('SELECT max(id) FROM clinical_writer_keys').pluck().get() as number;
    // A fresh writer key after rotation: the one the old key could open is not used again.
    expect(writerAfter).toBeGreaterThan(writerBefore);

    const reader = open();
    openClinical(reader, next.privateKey);
    expect(openText(reader, 'notes:1', before)).toBe('睡眠差，有自伤念头');
    expect(openText(reader, 'notes:2', after)).toBe('已转介精神科');
    // The old private key is not the current one any more.
    expect(() => openClinical(reader, oldPair.privateKey)).toThrowError(
      expect.objectContaining({ code: 'forbidden' }) as unknown as Error,
    );
    // Even against the raw rows: the new writer key was sealed only to the new public key.
    const rows = reader.prepare('SELECT id, clinical_key_id, sealed FROM clinical_writer_keys').all() as {
      id: number;
      clinical_key_id: number;
      sealed: Buffer;
    }[];
    const newest = rows.find((r) => r.id === writerAfter)!;
    expect(() =>
      openSealed(
        oldPair.privateKey,
        newest.sealed,
        `clinical_writer_keys:${newest.id}:${newest.clinical_key_id}`,
      ),
    ).toThrow();
    expect(
      reader.prepare('SELECT count(*) FROM clinical_keys WHERE retired_at IS NOT NULL').pluck().get(),
    ).toBe(1);
    db.close();
    reader.close();
  });

  test('an upgraded install: every kind of legacy plaintext is sealed in place once, then log-ins skip the pass', () => {
    const { open } = twoConnections();
    const db = open();
    db.exec(`
      INSERT INTO people (id, kind, student_no, name, sex, birth_date, grade, class_name, created_at, updated_at) VALUES
        (1, 'student', 'S1', '甲', 'F', '2011-01-02', '七年级', '1班', 'x', 'x');
      INSERT INTO screenings (id, person_id, programme, battery, mode, status, started_at) VALUES
        (1, 1, 'school', '["PHQ-9"]', 'paper', 'submitted', '2026-11-01T08:00:00Z');
      INSERT INTO screening_results (screening_id, instrument_id, version, total, band, critical, complete, result) VALUES
        (1, 'PHQ-9', '1', 3, 'minimal', 1, 1,
         '{"instrumentId":"PHQ-9","itemScores":{"q1":0,"q9":3},"critical":[{"item":"q9","number":9,"value":3}],"total":3}');
      INSERT INTO cases (id, person_id, programme, status, screen_level, opened_at) VALUES
        (1, 1, 'school', 'open', 'red', '2026-11-01T08:10:00Z');
      INSERT INTO case_events (case_id, at, kind, detail) VALUES
        (1, '2026-11-01T09:00:00Z', 'safety_check', '{"outcome":"谈话后安全-LEGACY","plan":"monitor","talked":true}'),
        (1, '2026-11-01T08:10:00Z', 'flagged', '{"screeningId":1,"reasons":[{"kind":"item_positive","instrument":"PHQ-9","item":9,"meaning":{"zh":"自伤念头","en":"self-harm thoughts"}}]}');
      INSERT INTO person_events (person_id, at, kind, text) VALUES (1, '2026-11-01T10:00:00Z', 'note', '旧备注-LEGACY');
      INSERT INTO referrals (id, case_id, institution, referred_on, consent, status, diagnosis, outcome) VALUES
        (1, 1, '医院', '2026-11-02', 1, 'closed', '抑郁症-LEGACY', '好转-LEGACY');
    `);
    const pair = generateClinicalKeyPair();
    installClinicalPublicKey(db, pair.publicKey);
    openClinical(db, null);
    expect(sealLegacyPlaintext(db)).toBe(5);
    const dump = JSON.stringify([
      db.prepare('SELECT result FROM screening_results').all(),
      db.prepare('SELECT detail FROM case_events').all(),
      db.prepare('SELECT text FROM person_events').all(),
      db.prepare('SELECT diagnosis, outcome FROM referrals').all(),
    ]);
    expect(dump).not.toContain('LEGACY');
    expect(dump).not.toContain('"q9":3');
    // The flag stays readable: a flagged event has no clinical part and is left as it was.
    expect(dump).toContain('item_positive');
    expect(dump).toContain('自伤念头');
    expect(sealLegacyPlaintext(db)).toBe(0);

    openClinical(db, pair.privateKey);
    expect(getCase(db, 1).events.find((e) => e.kind === 'safety_check')?.detail).toEqual({
      outcome: '谈话后安全-LEGACY',
      plan: 'monitor',
      talked: true,
    });
    expect(getCase(db, 1).referrals[0]).toMatchObject({ diagnosis: '抑郁症-LEGACY', outcome: '好转-LEGACY' });
    expect(personEvents(db, 1)[0]?.text).toBe('旧备注-LEGACY');
    const stored = db.prepare('SELECT result FROM screening_results').pluck().get() as string;
    expect(openResult<{ itemScores: object; critical: { value: number }[] }>(db, 1, stored)).toMatchObject({
      itemScores: { q1: 0, q9: 3 },
      critical: [{ item: 'q9', value: 3 }],
      total: 3,
    });
    db.close();
  });
});
