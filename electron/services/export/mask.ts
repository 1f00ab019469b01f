import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { getSetting, setSetting } from '../settings';
import { maskName } from '../station/mask';

export { maskName };

const SECRET_KEY = 'export.pseudonymSecret';
// Crockford base32: no I, L, O or U, so a pseudonym read aloud or copied by hand stays unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Keeps `head` and `tail` characters and stars the rest: enough to match a paper record, not to find a person. */
function keepEnds(text: string | null, head: number, tail: number): string | null {
  if (!text) return null;
  const chars = Array.from(text.trim());
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return `${chars.slice(0, head).join('')}${'*'.repeat(chars.length - head - tail)}${chars.slice(-tail).join('')}`;
}

/** 13812345678 → 138****5678. */
export const maskPhone = (phone: string | null) => keepEnds(phone, 3, 4);
/** Student and handbook numbers: the last two characters only. */
export const maskRecordNumber = (no: string | null) => keepEnds(no, 0, 2);

/**
 * A stable pseudonym per person: HMAC of the person id with a secret kept inside the encrypted
 * database, so the same person has the same code in every export from this database and nobody
 * without the database can link a code back to a person.
 */
function exportSecret(db: Db): Buffer {
  let secret = getSetting(db, SECRET_KEY);
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    setSetting(db, SECRET_KEY, secret);
  }
  return Buffer.from(secret, 'hex');
}

export function pseudonymiser(db: Db): (personId: number) => string {
  const key = exportSecret(db);
  return (personId) => {
    const digest = createHmac('sha256', key).update(`person:${personId}`).digest();
    let code = '';
    // 50 bits: collisions stay negligible (about 1 in a million for 50,000 people).
    for (let i = 0; i < 10; i++) code += ALPHABET[digest[i]! & 31];
    return `NM-${code.slice(0, 5)}-${code.slice(5)}`;
  };
}

/** The most a de-identified date moves, either way. */
export const MAX_DATE_SHIFT_DAYS = 30;

/**
 * Per person, a stable secret shift of 1–30 days either way: intervals between one person's dates
 * stay true (weeks pregnant, days to follow-up), while no date can be matched to a calendar.
 */
export function dateShifter(db: Db): (personId: number) => number {
  const key = exportSecret(db);
  return (personId) => {
    const digest = createHmac('sha256', key).update(`shift:${personId}`).digest();
    const days = (digest.readUInt16BE(0) % MAX_DATE_SHIFT_DAYS) + 1;
    return digest[2]! & 1 ? days : -days;
  };
}
