import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosisInput, Referral, ReferralDetails } from '../../../../../shared/api/cases';
import type { ApiInput } from '../../../../../shared/api/contract';
import {
  conclusionTakesCode,
  diagnosisConclusionSchema,
  ICD10_CODES,
  icd10CodeSchema,
  type DiagnosisConclusion,
  type Icd10Code,
} from '../../../../../shared/cases/diagnosis';
import { SelectField, TextField } from '../../../ui/Field';
import type { ReferralStep } from '../../../../../shared/cases/transitions';
import { todayIso } from '../../../../../shared/people/date';
import { useContentLanguage } from '../../../lib/format';
import {
  ActionDialog,
  CheckField,
  ChoiceField,
  PastDateField,
  pastDateError,
  TextAreaField,
  type ActionProps,
  type FormState,
} from './ActionDialog';

/** Where a person is referred: the fields a referral, and a step that makes one, ask for. */
export interface ReferralDraft {
  institution: string;
  department: string;
  consent: boolean;
}
export const emptyReferral: ReferralDraft = { institution: '', department: '', consent: false };

/** The draft as the API takes it, or null while the institution is missing. */
export function referralDetails(draft: ReferralDraft, referredOn?: string): ReferralDetails | null {
  if (!draft.institution.trim()) return null;
  return {
    institution: draft.institution.trim(),
    ...(draft.department.trim() ? { department: draft.department.trim() } : {}),
    consent: draft.consent,
    ...(referredOn ? { referredOn } : {}),
  };
}

export function ReferralFields({
  draft,
  onDraft,
  form,
  children,
}: {
  draft: ReferralDraft;
  onDraft(draft: ReferralDraft): void;
  form: FormState;
  /** More fields in the grid (the referral date). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const k = 'cases.form.refer';
  return (
    <>
      <div className="form-grid">
        <TextField
          {...form.need(t(`${k}.institution`), draft.institution, (institution) =>
            onDraft({ ...draft, institution }),
          )}
          placeholder={t(`${k}.institutionPlaceholder`)}
          maxLength={100}
          data-testid="referral-institution"
        />
        <TextField
          label={t(`${k}.department`)}
          value={draft.department}
          onValue={(department) => onDraft({ ...draft, department })}
          maxLength={100}
        />
        {children}
      </div>
      <CheckField
        label={t(`${k}.consent`)}
        checked={draft.consent}
        onChecked={(consent) => onDraft({ ...draft, consent })}
      />
    </>
  );
}

export function ReferDialog({ c, onClose, onSaved }: ActionProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(emptyReferral);
  const [referredOn, setReferredOn] = useState(todayIso());
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
      input={() => {
        const details = referralDetails(draft);
        return details && !dateError ? { caseId: c.id, ...details, referredOn } : null;
      }}
    >
      {(form) => (
        <ReferralFields draft={draft} onDraft={setDraft} form={form}>
          <PastDateField label={t(`${k}.date`)} value={referredOn} onValue={setReferredOn} />
        </ReferralFields>
      )}
    </ActionDialog>
  );
}

/** The specialist's conclusion as a choice, an optional ICD-10 code, the free text and the date. */
function useFinding() {
  const [conclusion, setConclusion] = useState<DiagnosisConclusion | ''>('');
  const [icd10, setIcd10] = useState<Icd10Code | ''>('');
  const [text, setText] = useState('');
  const [on, setOn] = useState(todayIso());
  return { conclusion, setConclusion, icd10, setIcd10, text, setText, on, setOn };
}
type Finding = ReturnType<typeof useFinding>;

function findingInput(f: Finding, dateError: string | undefined): DiagnosisInput | null {
  if (!f.conclusion || dateError) return null;
  const code = f.icd10 && conclusionTakesCode(f.conclusion) ? f.icd10 : null;
  return {
    conclusion: f.conclusion,
    ...(code ? { icd10: code } : {}),
    ...(f.text.trim() ? { diagnosis: f.text.trim() } : {}),
    diagnosedOn: f.on,
  };
}

function FindingFields({ f, form }: { f: Finding; form: FormState }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const k = 'cases.form.diagnosis';
  const takesCode = !f.conclusion || conclusionTakesCode(f.conclusion);
  return (
    <>
      <div className="form-grid">
        <ChoiceField
          label={t(`${k}.conclusion`)}
          value={f.conclusion}
          onValue={f.setConclusion}
          choices={diagnosisConclusionSchema.options}
          labelOf={(c) => t(`${k}.conclusions.${c}`)}
          placeholder={t('cases.form.choose')}
          error={form.required(f.conclusion, t(`${k}.conclusion`))}
          testId="diagnosis-conclusion"
        />
        {takesCode ? (
          <SelectField
            label={t(`${k}.icd10`)}
            value={f.icd10}
            onValue={(v) => f.setIcd10(v as Icd10Code | '')}
            options={[
              { value: '', label: t(`${k}.icd10None`) },
              ...icd10CodeSchema.options.map((code) => ({
                value: code,
                label: `${code} ${ICD10_CODES[code][lang]}`,
              })),
            ]}
            hint={t(`${k}.icd10Hint`)}
            data-testid="diagnosis-icd10"
          />
        ) : null}
        <PastDateField label={t(`${k}.date`)} value={f.on} onValue={f.setOn} />
      </div>
      <TextField
        label={t(`${k}.diagnosis`)}
        value={f.text}
        onValue={f.setText}
        placeholder={t(`${k}.diagnosisPlaceholder`)}
        hint={t(`${k}.hint`)}
        maxLength={200}
      />
    </>
  );
}

/**
 * The next status of a referral: attended (到位), the specialist's conclusion, or treatment and
 * outcome. An attended referral's outcome goes through the conclusion, and ending a referral asks
 * for confirmation first: it cannot be undone.
 */
export function ReferralUpdateDialog({
  referral,
  step,
  onClose,
  onSaved,
}: Omit<ActionProps, 'c'> & { referral: Referral; step: ReferralStep }) {
  const { t } = useTranslation();
  const [attendedOn, setAttendedOn] = useState(todayIso());
  const [outcome, setOutcome] = useState('');
  const finding = useFinding();
  const needsFinding = step === 'diagnosed' || (step === 'closed' && referral.status === 'attended');
  const title = {
    attended: t('cases.form.attended.title'),
    diagnosed: t('cases.form.diagnosis.title'),
    closed: t('cases.form.outcome.title'),
  }[step];
  const referralId = referral.id;

  function input(): ApiInput<'cases.updateReferral'> | null {
    if (step === 'attended')
      return pastDateError(attendedOn, t) ? null : { referralId, status: step, attendedOn };
    const found = needsFinding ? findingInput(finding, pastDateError(finding.on, t)) : null;
    if (needsFinding && !found) return null;
    if (step === 'diagnosed') return { referralId, status: step, ...found! };
    if (!outcome.trim()) return null;
    return { referralId, status: step, outcome: outcome.trim(), ...(found ? { finding: found } : {}) };
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
      confirm={
        step === 'closed'
          ? { question: t('cases.form.outcome.confirm'), label: t('cases.form.outcome.confirmLabel') }
          : undefined
      }
    >
      {(form) => (
        <>
          {step === 'attended' ? (
            <PastDateField label={t('cases.form.attended.date')} value={attendedOn} onValue={setAttendedOn} />
          ) : null}
          {step === 'closed' && needsFinding ? (
            <p className="fact-note">{t('cases.form.outcome.conclusionFirst')}</p>
          ) : null}
          {needsFinding ? <FindingFields f={finding} form={form} /> : null}
          {step === 'closed' ? (
            <TextAreaField {...form.need(t('cases.form.outcome.outcome'), outcome, setOutcome)} />
          ) : null}
        </>
      )}
    </ActionDialog>
  );
}
