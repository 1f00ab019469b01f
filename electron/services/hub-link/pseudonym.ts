import { createHmac } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * A stable pseudonym per person (or case) and installation: HMAC-SHA256 under the installation's
 * own pseudonym key (never sent), its first 80 bits as 16 lowercase base32 characters. The hub can
 * follow one person across bundles but cannot go back to her, nor match her with another
 * installation's records.
 */
export function pseudonymOf(key: Buffer, kind: 'person' | 'case', id: number): string {
  const bytes = createHmac('sha256', key).update(`${kind}:${id}`).digest().subarray(0, 10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}
