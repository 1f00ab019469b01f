import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../../../shared/api/cases';
import type { ReferralStep } from '../../../../../shared/cases/transitions';
import { todayIso } from '../../../../../shared/people/date';
import { invoke } from '../../../api/client';
import { TextField } from '../../../ui/Field';
import { ActionDialog, CheckField, TextAreaField, type ActionProps } from './ActionDialog';

const pastDateError = (value: string, t: TFunction) =>
  !value ? t('validation.dateInvalid') : value > todayIso() ? t('validation.dateFuture') : undefined;

export function ReferDialog({ c, onClose, onSaved }: ActionProps) {
  const { t } = useTranslation();
  const [institution, setInstitution] = useState('');
  const [department, setDepartment] = useState('');
  const [referredOn, setReferredOn] = useState(todayIso());
  const [consent, setConsent] = useState(false);
  const k = 'cases.form.refer';
  const dateError = pastDateError(referredOn, t);
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      testId="refer-dialog"
      saved={t('cases.saved.referral')}
      onClose={onClose}
      onSaved={onSaved}
      submit={() =>
        institution.trim() && !dateError
          ? invoke('cases.refer', {
              caseId: c.id,
              institution: institution.trim(),
              ...(department.trim() ? { department: department.trim() } : {}),
              referredOn,
              consent,
            })
          : null
      }
    >
      {({ required }) => (
        <>
          <div className="form-grid">
            <TextField
              label={t(`${k}.institution`)}
              value={institution}
              onValue={setInstitution}
              placeholder={t(`${k}.institutionPlaceholder`)}
              maxLength={100}
              error={required(institution, t(`${k}.institution`))}
              required
            />
            <TextField
              label={t(`${k}.department`)}
              value={department}
              onValue={setDepartment}
              maxLength={100}
            />
            <TextField
              label={t(`${k}.date`)}
              type="date"
              value={referredOn}
              onValue={setReferredOn}
              max={todayIso()}
              error={dateError}
              required
            />
          </div>
          <CheckField label={t(`${k}.consent`)} checked={consent} onChecked={setConsent} />
        </>
      )}
    </ActionDialog>
  );
}

/** The next status of a referral: attended (到位), diagnosis recorded, or treatment/outcome. */
export function ReferralUpdateDialog({
  referral,
  step,
  onClose,
  onSaved,
}: Omit<ActionProps, 'c'> & { referral: Referral; step: ReferralStep }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(todayIso());
  const [text, setText] = useState('');
  const title = {
    attended: t('cases.form.attended.title'),
    diagnosed: t('cases.form.diagnosis.title'),
    closed: t('cases.form.outcome.title'),
  }[step];
  const dateLabel = step === 'attended' ? t('cases.form.attended.date') : t('cases.form.diagnosis.date');
  const dateError = step === 'closed' ? undefined : pastDateError(on, t);
  const referralId = referral.id;

  function submit() {
    if (dateError || (step !== 'attended' && !text.trim())) return null;
    if (step === 'attended')
      return invoke('cases.updateReferral', { referralId, status: step, attendedOn: on });
    if (step === 'diagnosed')
      return invoke('cases.updateReferral', {
        referralId,
        status: step,
        diagnosis: text.trim(),
        diagnosedOn: on,
      });
    return invoke('cases.updateReferral', { referralId, status: step, outcome: text.trim() });
  }

  return (
    <ActionDialog
      title={title}
      subtitle={referral.institution}
      testId="referral-update-dialog"
      saved={t('cases.saved.referralUpdate')}
      onClose={onClose}
      onSaved={onSaved}
      submit={submit}
    >
      {({ required }) => (
        <>
          {step === 'diagnosed' ? (
            <TextField
              label={t('cases.form.diagnosis.diagnosis')}
              value={text}
              onValue={setText}
              placeholder={t('cases.form.diagnosis.diagnosisPlaceholder')}
              hint={t('cases.form.diagnosis.hint')}
              maxLength={200}
              error={required(text, t('cases.form.diagnosis.diagnosis'))}
              required
            />
          ) : null}
          {step === 'closed' ? (
            <TextAreaField
              label={t('cases.form.outcome.outcome')}
              value={text}
              onValue={setText}
              error={required(text, t('cases.form.outcome.outcome'))}
              required
            />
          ) : (
            <TextField
              label={dateLabel}
              type="date"
              value={on}
              onValue={setOn}
              max={todayIso()}
              error={dateError}
              required
            />
          )}
        </>
      )}
    </ActionDialog>
  );
}
