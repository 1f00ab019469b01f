import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../../../shared/api/cases';
import type { ApiInput } from '../../../../../shared/api/contract';
import { TextField } from '../../../ui/Field';
import type { ReferralStep } from '../../../../../shared/cases/transitions';
import { todayIso } from '../../../../../shared/people/date';
import {
  ActionDialog,
  CheckField,
  PastDateField,
  pastDateError,
  TextAreaField,
  type ActionProps,
} from './ActionDialog';

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
      method="cases.refer"
      input={() =>
        institution.trim() && !dateError
          ? {
              caseId: c.id,
              institution: institution.trim(),
              ...(department.trim() ? { department: department.trim() } : {}),
              referredOn,
              consent,
            }
          : null
      }
    >
      {({ need }) => (
        <>
          <div className="form-grid">
            <TextField
              {...need(t(`${k}.institution`), institution, setInstitution)}
              placeholder={t(`${k}.institutionPlaceholder`)}
              maxLength={100}
            />
            <TextField
              label={t(`${k}.department`)}
              value={department}
              onValue={setDepartment}
              maxLength={100}
            />
            <PastDateField label={t(`${k}.date`)} value={referredOn} onValue={setReferredOn} />
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

  function input(): ApiInput<'cases.updateReferral'> | null {
    if (dateError || (step !== 'attended' && !text.trim())) return null;
    if (step === 'attended') return { referralId, status: step, attendedOn: on };
    if (step === 'diagnosed') return { referralId, status: step, diagnosis: text.trim(), diagnosedOn: on };
    return { referralId, status: step, outcome: text.trim() };
  }

  return (
    <ActionDialog
      title={title}
      subtitle={referral.institution}
      testId="referral-update-dialog"
      saved={t('cases.saved.referralUpdate')}
      onClose={onClose}
      onSaved={onSaved}
      method="cases.updateReferral"
      input={input}
    >
      {({ need }) => (
        <>
          {step === 'diagnosed' ? (
            <TextField
              {...need(t('cases.form.diagnosis.diagnosis'), text, setText)}
              placeholder={t('cases.form.diagnosis.diagnosisPlaceholder')}
              hint={t('cases.form.diagnosis.hint')}
              maxLength={200}
            />
          ) : null}
          {step === 'closed' ? (
            <TextAreaField {...need(t('cases.form.outcome.outcome'), text, setText)} />
          ) : (
            <PastDateField label={dateLabel} value={on} onValue={setOn} />
          )}
        </>
      )}
    </ActionDialog>
  );
}
