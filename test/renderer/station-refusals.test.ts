import i18next from 'i18next';
import { beforeAll, expect, test } from 'vitest';
import { refusalWords } from '../../renderer/src/features/station/refusals';
import { screeningEn } from '../../renderer/src/features/screening/i18n.en';
import { screeningZhCN } from '../../renderer/src/features/screening/i18n.zh';
import {
  ALREADY_DONE_MESSAGE,
  stationNoMatchMessage,
  TAKEN_OVER_MESSAGE,
} from '../../electron/services/station/messages';

beforeAll(async () => {
  await i18next.init({
    resources: {
      'zh-CN': { translation: { screening: screeningZhCN } },
      en: { translation: { screening: screeningEn } },
    },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
});

test('the station page words a refusal from its code or reason in the respondent’s language', async () => {
  const words = refusalWords(i18next.t);
  // In Chinese, word for word what the station itself says, so old and new pages agree.
  expect(words('not_found', 'respondent.no_match', { mode: 'student_no_birth_code' })).toBe(
    stationNoMatchMessage('student_no_birth_code'),
  );
  expect(words('already_submitted', '', {})).toBe(ALREADY_DONE_MESSAGE);
  expect(words('unauthenticated', 'respondent.taken_over', {})).toBe(TAKEN_OVER_MESSAGE);
  // Unknown codes leave the server's sentence to stand.
  expect(words('internal', '', {})).toBeNull();
  await i18next.changeLanguage('en');
  expect(words('not_found', 'respondent.no_match', { mode: 'slip' })).toBe(
    'The details do not match. Check the screening code and the station code, or ask your teacher.',
  );
  expect(words('already_submitted', '', {})).toMatch(/^You have already completed this screening/);
});
