import { randomInt } from 'node:crypto';

/**
 * Letters and digits nobody misreads on a slip or a projector: no 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V.
 * 22 symbols: an 8-symbol slip code has 22^8 ≈ 5·10^10 values, far beyond what the rate limit lets anyone try.
 */
export const CODE_ALPHABET = 'ACDEFGHJKMNPRTWXY34679';

export function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
