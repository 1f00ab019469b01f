import type { TFunction } from 'i18next';
import type { RefusalWords } from './api';

// Mirrors STATION_ERROR_STATUS and RESPONDENT_REASONS in shared/api/station.ts (this bundle has no zod).
const CODES = [
  'already_submitted',
  'already_declined',
  'consent_first',
  'approval_refused',
  'approval_expired',
] as const;
const REASONS = {
  'respondent.too_many_attempts': 'too_many_attempts',
  'respondent.session_expired': 'session_expired',
  'respondent.taken_over': 'taken_over',
  'respondent.closed': 'closed',
} as const;
const MODES = ['slip', 'student_no_birth_code', 'handbook_plus', 'checkin_code'] as const;

const isReason = (reason: string): reason is keyof typeof REASONS => Object.hasOwn(REASONS, reason);

/**
 * A refusal in the respondent's language: the station sends a code (already_submitted…) or a
 * reason (respondent.no_match with the sign-in mode), and the page words it; a mismatch keeps one
 * sentence per sign-in mode, so it never tells whether a number exists.
 */
export function refusalWords(t: TFunction, programme: 'school' | 'perinatal' = 'school'): RefusalWords {
  // A woman at a clinic is sent to the staff, never to a teacher (the no-match words are per mode).
  const group = programme === 'perinatal' ? 'refusalsPerinatal' : 'refusals';
  return (code, reason, params) => {
    if (reason === 'respondent.no_match') {
      const mode = MODES.find((m) => m === params.mode);
      return mode ? t(`screening.station.refusals.noMatch.${mode}`) : null;
    }
    if (isReason(reason)) return t(`screening.station.${group}.${REASONS[reason]}`);
    const known = CODES.find((c) => c === code);
    return known ? t(`screening.station.${group}.${known}`) : null;
  };
}
