// The audit chain's canonical encoding and keyed hash, pinned to concrete values so a change to
// either (which would break every existing chain) cannot pass unnoticed.
import { createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { canonical, deriveAuditKey, GENESIS, rowHash } from '../../electron/db/audit-chain';

const dataKey = Buffer.alloc(32, 7);
const row = {
  id: 3,
  at: '2026-12-03T08:00:00.000Z',
  user_id: 1,
  action: 'export.roster',
  subject: 'school',
  detail: '{"variant":"full","people":12}',
  prev_hash: GENESIS,
};

describe('audit chain encoding', () => {
  test('the canonical form is a JSON array of the fields in a fixed order, detail as stored text', () => {
    expect(canonical(row)).toBe(
      `["anxin-audit/1",3,"2026-12-03T08:00:00.000Z",1,"export.roster","school","{\\"variant\\":\\"full\\",\\"people\\":12}","${GENESIS}"]`,
    );
    expect(canonical({ ...row, user_id: null, subject: null, detail: null })).toBe(
      `["anxin-audit/1",3,"2026-12-03T08:00:00.000Z",null,"export.roster",null,null,"${GENESIS}"]`,
    );
  });

  test('the key is HKDF-SHA256 of the data key with a fixed label; the hash is HMAC-SHA256 of the canonical form', () => {
    const key = Buffer.from(hkdfSync('sha256', dataKey, 'anxin', 'anxin audit chain v1', 32));
    expect(deriveAuditKey(dataKey)).toEqual(key);
    expect(deriveAuditKey(dataKey)).not.toEqual(dataKey);
    const expected = createHmac('sha256', key).update(canonical(row), 'utf8').digest('hex');
    expect(rowHash(key, row)).toBe(expected);
    expect(rowHash(key, row)).toMatch(/^[0-9a-f]{64}$/);
  });

  test('every field, the position and the link change the hash', () => {
    const key = deriveAuditKey(dataKey);
    const base = rowHash(key, row);
    const variants = [
      { id: 4 },
      { at: '2026-12-03T08:00:00.001Z' },
      { user_id: 2 },
      { user_id: null },
      { action: 'export.failed' },
      { subject: 'perinatal' },
      { detail: '{"variant":"full","people":13}' },
      { prev_hash: '1'.repeat(64) },
    ];
    for (const change of variants) expect(rowHash(key, { ...row, ...change })).not.toBe(base);
    // A different data key gives a different chain.
    expect(rowHash(deriveAuditKey(Buffer.alloc(32, 8)), row)).not.toBe(base);
  });
});
