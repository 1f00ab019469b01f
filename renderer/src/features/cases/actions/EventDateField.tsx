import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { caseOpenedOn, eventDateProblem } from '../../../../../shared/cases/dates';
import { todayIso } from '../../../../../shared/people/date';
import { TextField } from '../../../ui/Field';

/**
 * Why the day a step on this case took place cannot be recorded (the service's rule, in the
 * dialog's words: a record's date, not a birth date), or undefined when it can.
 */
export function eventDateError(value: string, openedAt: string, t: TFunction): string | undefined {
  if (!value) return t('validation.dateInvalid');
  switch (eventDateProblem(value, openedAt)) {
    case 'future':
      return t('cases.eventDate.future');
    case 'before_opened':
      return t('cases.eventDate.beforeOpened', { date: caseOpenedOn(openedAt) });
    default:
      return undefined;
  }
}

/** The day a step took place: today by default, between the case's opening and today. */
export function EventDateField({
  label,
  value,
  onValue,
  openedAt,
}: {
  label: string;
  value: string;
  onValue(value: string): void;
  openedAt: string;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={label}
      type="date"
      value={value}
      onValue={onValue}
      min={caseOpenedOn(openedAt)}
      max={todayIso()}
      error={eventDateError(value, openedAt, t)}
      required
      data-testid="event-date"
    />
  );
}
