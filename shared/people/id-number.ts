import { type Parsed, failed, parsed } from './cell';
import { type IsoDate, isoFromParts, todayIso } from './date';
import type { Sex } from './normalise';
import { toHalfWidth } from './text';

export type IdFailure = 'format' | 'region' | 'birth_date' | 'checksum';
export type IdMismatch = 'sex' | 'birth_date';

export interface IdInfo {
  id: string;
  birthDate: IsoDate;
  sex: Sex;
}

// GB 11643-1999, ISO 7064 MOD 11-2: weight 2^(17-i) mod 11 for each of the first 17 digits.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// Provinces (11–65), Taiwan/HK/Macau residence permits (71, 81–83), foreign permanent residents (9x).
const REGION = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3]|9\d)/;

/** The 1-based position of the sequence digit whose parity gives the sex (odd: male, even: female). */
export const ID_SEX_DIGIT = 17;
/** The 1-based positions of the birth date (YYYYMMDD) in an 18-digit ID. */
export const ID_BIRTH_DIGITS = { from: 7, to: 14 } as const;

/** Half-width, no spaces, upper-case X: the form people mean however they typed it. */
export const normaliseIdNumber = (text: string): string =>
  toHalfWidth(text).replace(/\s+/gu, '').toUpperCase();

export function idCheckChar(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return CHECK_CHARS[sum % 11]!;
}

/** Validates an 18-digit resident ID and reads the birth date and sex it encodes. */
export function parseIdNumber(text: string, today: IsoDate = todayIso()): Parsed<IdInfo, IdFailure> {
  const id = normaliseIdNumber(text);
  if (!/^\d{17}[\dX]$/.test(id)) return failed('format');
  if (!REGION.test(id)) return failed('region');
  const birthDate = isoFromParts(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
  if (!birthDate || birthDate < '1900-01-01' || birthDate > today) return failed('birth_date');
  if (idCheckChar(id) !== id[17]) return failed('checksum');
  // The 17th digit is the sequence number: odd for men, even for women.
  return parsed({ id, birthDate, sex: Number(id[ID_SEX_DIGIT - 1]) % 2 === 1 ? 'M' : 'F' });
}

/** Which of the given facts contradict the ID; an empty list when all agree or none are given. */
export function checkIdConsistency(
  info: IdInfo,
  given: { sex?: Sex | null; birthDate?: IsoDate | null },
): IdMismatch[] {
  const mismatches: IdMismatch[] = [];
  if (given.sex && given.sex !== info.sex) mismatches.push('sex');
  if (given.birthDate && given.birthDate !== info.birthDate) mismatches.push('birth_date');
  return mismatches;
}
