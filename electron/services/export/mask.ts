import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { getSetting, setSetting } from '../settings';

const SECRET_KEY = 'export.pseudonymSecret';
// Crockford base32: no I, L, O or U, so a pseudonym read aloud or copied by hand stays unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Pseudonyms for one de-identified export: HMAC-SHA256 of the person's row id under a random key
 * made for this export and never stored. Within the file a person has one code, so the roster and
 * the screening records still line up; nothing in the code comes from a name or an ID number, and
 * with the key gone nobody (the sender included) can turn a code back into a person. Two exports
 * get unrelated codes, so files sent to different readers cannot be joined person by person. A
 * keyed hash rather than a table of random codes: the same guarantees without holding a map of
 * 50,000 people while the file streams.
 */
export function exportPseudonymiser(): (personId: number) => string {
  const key = randomBytes(32);
  return (personId) => {
    const digest = createHmac('sha256', key).update(`person:${personId}`).digest();
    let code = '';
    // 50 bits: collisions stay negligible (about 1 in a million for 50,000 people).
    for (let i = 0; i < 10; i++) code += ALPHABET[digest[i]! & 31];
    return `NM-${code.slice(0, 5)}-${code.slice(5)}`;
  };
}

/** The secret behind date shifts, kept inside the encrypted database. */
function exportSecret(db: Db): Buffer {
  let secret = getSetting(db, SECRET_KEY);
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    setSetting(db, SECRET_KEY, secret);
  }
  return Buffer.from(secret, 'hex');
}

/** The most a de-identified date moves, either way. */
export const MAX_DATE_SHIFT_DAYS = 30;

/**
 * Per person, a stable secret shift of 1–30 days either way: intervals between one person's dates
 * stay true (weeks pregnant, days to follow-up), while no date can be matched to a calendar. Unlike
 * the pseudonyms it is the same in every export: a fresh shift each time would let two files be
 * laid side by side to narrow each true date down.
 */
export function dateShifter(db: Db): (personId: number) => number {
  const key = exportSecret(db);
  return (personId) => {
    const digest = createHmac('sha256', key).update(`shift:${personId}`).digest();
    const days = (digest.readUInt16BE(0) % MAX_DATE_SHIFT_DAYS) + 1;
    return digest[2]! & 1 ? days : -days;
  };
}

/**
 * A woman's age in five-year bands, open at both ends where few women are and so each is easy to
 * pick out: 19 or younger, 20–24 … 35–39, 40 or older.
 */
export function ageBand(age: number | null): string | null {
  if (age === null) return null;
  if (age < 20) return '19岁及以下';
  if (age >= 40) return '40岁及以上';
  const from = Math.floor(age / 5) * 5;
  return `${from}–${from + 4}岁`;
}

/** 'YYYY-MM-DD' → 'YYYY-MM': a due date to the month, not the day. */
export const monthOf = (iso: string | null | undefined): string | null =>
  iso && /^\d{4}-\d{2}/.test(iso) ? iso.slice(0, 7) : null;
