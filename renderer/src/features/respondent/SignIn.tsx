import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BigField } from './Frame';
import { Card, ErrorText, Hint, Lead, RsButton, RsForm, Title } from './kit';
import { parseTypedDate } from '../../../../shared/people/date';

/**
 * The sign-in pieces both respondent apps use: the kiosk (学籍号 + birth date, or a handbook
 * number) and the LAN station (its campaign's sign-in mode, or a check-in code). Each app decides
 * which fields to show and what to send; the card, the fields and their checks are one.
 */
export function SignInCard({
  testId,
  title,
  lead,
  note,
  busy,
  disabled = false,
  error,
  errorTestId,
  startTestId,
  onSubmit,
  children,
}: {
  testId: string;
  title: ReactNode;
  lead: ReactNode;
  /** Under the form: what happens to what they type. */
  note: ReactNode;
  busy: boolean;
  disabled?: boolean;
  /** What went wrong, one message per line (a refused sign-in, then a lock-out). */
  error?: ReactNode;
  errorTestId?: string;
  startTestId: string;
  onSubmit(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = `${testId}-title`;
  return (
    <Card testId={testId} aria-labelledby={titleId}>
      <div>
        <Title id={titleId}>{title}</Title>
        <Lead>{lead}</Lead>
      </div>
      <RsForm
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <ErrorText testId={errorTestId}>{error}</ErrorText>
        <RsButton type="submit" variant="primary" block disabled={busy || disabled} data-testid={startTestId}>
          {busy ? t('screening.respondent.checking') : t('screening.respondent.start')}
        </RsButton>
      </RsForm>
      <Hint>{note}</Hint>
    </Card>
  );
}

/** A typed birth date checked as people type it; `problem` is set only when the date is needed. */
export function checkBirth(
  raw: string,
  needed: boolean,
): { iso: string | null; problem: BirthProblem | null } {
  const iso = parseTypedDate(raw);
  if (!needed) return { iso, problem: null };
  return { iso, problem: !raw.trim() ? 'required' : !iso ? 'invalid' : null };
}
export type BirthProblem = 'required' | 'invalid';

interface TextFieldProps {
  value: string;
  onValue(value: string): void;
  /** Shown once the form was submitted. */
  error?: string | null;
  testId: string;
  autoFocus?: boolean;
}

/** 学籍号 or 母子健康手册编号: the respondent's own number. */
export function IdNumberField({
  perinatal,
  value,
  onValue,
  error,
  testId,
  autoFocus,
}: TextFieldProps & { perinatal: boolean }) {
  const { t } = useTranslation();
  return (
    <BigField
      label={perinatal ? t('screening.respondent.handbookNo') : t('screening.respondent.studentNo')}
      value={value}
      onChange={(e) => onValue(e.target.value)}
      error={error}
      inputMode={perinatal ? 'text' : 'numeric'}
      autoComplete="off"
      spellCheck={false}
      maxLength={32}
      autoFocus={autoFocus}
      data-testid={testId}
    />
  );
}

/** The birth date as a second factor, in any of the ways people write it (see parseTypedDate). */
export function BirthField({
  value,
  onValue,
  problem,
  hint,
  testId,
}: Omit<TextFieldProps, 'error'> & { problem: BirthProblem | null; hint?: string }) {
  const { t } = useTranslation();
  return (
    <BigField
      label={t('screening.respondent.birthDate')}
      value={value}
      onChange={(e) => onValue(e.target.value)}
      error={
        problem === 'required'
          ? t('screening.respondent.birthRequired')
          : problem === 'invalid'
            ? t('screening.respondent.birthInvalid')
            : null
      }
      hint={hint ?? t('screening.respondent.birthHint')}
      placeholder={t('screening.respondent.birthPlaceholder')}
      inputMode="numeric"
      autoComplete="off"
      maxLength={16}
      data-testid={testId}
    />
  );
}

/** A code copied from a slip or the board (station code, slip code, check-in code): read in capitals. */
export function CodeField({
  label,
  hint,
  value,
  onValue,
  error,
  maxLength,
  testId,
}: TextFieldProps & { label: string; hint: string; maxLength: number }) {
  return (
    <BigField
      label={label}
      value={value}
      onChange={(e) => onValue(e.target.value)}
      error={error}
      hint={hint}
      autoCapitalize="characters"
      autoComplete="off"
      spellCheck={false}
      maxLength={maxLength}
      data-testid={testId}
    />
  );
}
