import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpIntervals } from '../../../../../shared/api/cases';
import { addDays, todayIso } from '../../../../../shared/people/date';
import { TextField } from '../../../ui/Field';
import { ActionDialog, TextAreaField, type ActionProps } from './ActionDialog';

/**
 * 重新开放 a lifted warning: why, and when the follow-up is due (by default the level's
 * first-contact interval, as the service would set it).
 */
export function ReopenDialog({
  c,
  intervals,
  onClose,
  onSaved,
}: ActionProps & { intervals: FollowUpIntervals | undefined }) {
  const { t } = useTranslation();
  const today = todayIso();
  const first = intervals?.[c.level]?.first;
  const [reason, setReason] = useState('');
  const [picked, setNextOn] = useState<string | null>(null);
  const nextOn = picked ?? (first !== undefined ? addDays(today, first) : '');
  const nextError = nextOn && nextOn < today ? t('cases.reopen.nextPast') : undefined;
  const k = 'cases.reopen';
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      subtitle={t(`${k}.intro`)}
      testId="reopen-dialog"
      saved={t(`${k}.saved`)}
      onClose={onClose}
      onSaved={onSaved}
      method="cases.reopen"
      input={() =>
        reason.trim() && !nextError
          ? { caseId: c.id, reason: reason.trim(), ...(nextOn ? { nextOn } : {}) }
          : null
      }
    >
      {({ need }) => (
        <>
          <TextAreaField
            {...need(t(`${k}.reason`), reason, setReason)}
            placeholder={t(`${k}.reasonPlaceholder`)}
          />
          <TextField
            label={t(`${k}.next`)}
            type="date"
            value={nextOn}
            onValue={setNextOn}
            min={today}
            error={nextError}
            hint={first !== undefined ? t(`${k}.nextHint`, { days: first }) : undefined}
          />
        </>
      )}
    </ActionDialog>
  );
}
