import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  contactMethodSchema,
  type ContactMethod,
  type FollowUpIntervals,
} from '../../../../../shared/api/cases';
import { addDays, todayIso } from '../../../../../shared/people/date';
import { TextField } from '../../../ui/Field';
import { useContentLanguage } from '../../../lib/format';
import { useSession } from '../../../store/session';
import { levelName, type Levels } from '../caseText';
import {
  ActionDialog,
  CheckField,
  ChoiceField,
  PastDateField,
  pastDateError,
  TextAreaField,
  type ActionProps,
} from './ActionDialog';
import { emptyReferral, ReferralFields, referralDetails } from './referralDialogs';
import { EventDateField, eventDateError } from './EventDateField';

/** How a follow-up or guardian contact was held: a key, worded in the UI language. */
function MethodField({
  label,
  value,
  onValue,
}: {
  label: string;
  value: ContactMethod;
  onValue(m: ContactMethod): void;
}) {
  const { t } = useTranslation();
  return (
    <ChoiceField
      label={label}
      value={value}
      onValue={onValue}
      choices={contactMethodSchema.options}
      labelOf={(m) => t(`cases.form.methods.${m}`)}
    />
  );
}

/** Closes a 需当面确认 task: what the person said about the blank critical item, and how that was found. */
export function ConfirmInPersonDialog({ c, onClose, onSaved }: ActionProps) {
  const { t } = useTranslation();
  const [finding, setFinding] = useState<'denied' | 'reported' | ''>('');
  const [note, setNote] = useState('');
  const k = 'cases.form.confirm';
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      subtitle={t(`${k}.intro`)}
      testId="confirm-dialog"
      saved={t('cases.saved.confirmed_in_person')}
      onClose={onClose}
      onSaved={onSaved}
      method="cases.confirmInPerson"
      input={() => (finding && note.trim() ? { caseId: c.id, finding, note: note.trim() } : null)}
    >
      {({ required, need }) => (
        <>
          <ChoiceField
            label={t(`${k}.finding`)}
            value={finding}
            onValue={setFinding}
            choices={['denied', 'reported'] as const}
            labelOf={(f) => t(`${k}.findings.${f}`)}
            placeholder={t('cases.form.choose')}
            error={required(finding, t(`${k}.finding`))}
          />
          <TextAreaField {...need(t(`${k}.note`), note, setNote)} placeholder={t(`${k}.notePlaceholder`)} />
        </>
      )}
    </ActionDialog>
  );
}

export function SafetyCheckDialog({ c, onClose, onSaved }: ActionProps) {
  const { t } = useTranslation();
  const [talked, setTalked] = useState(false);
  const [riskAssessed, setRiskAssessed] = useState(false);
  const [familyContacted, setFamilyContacted] = useState(false);
  const [plan, setPlan] = useState<'referral' | 'emergency' | 'monitor'>('monitor');
  const [outcome, setOutcome] = useState('');
  // 转介就医 makes the referral with the check: where to is asked here, not in a second dialog.
  const [referral, setReferral] = useState(emptyReferral);
  const [heldOn, setHeldOn] = useState(todayIso());
  const k = 'cases.form.safety';
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      subtitle={t(`${k}.intro`)}
      testId="safety-dialog"
      saved={t('cases.saved.safety_check')}
      onClose={onClose}
      onSaved={onSaved}
      method="cases.safetyCheck"
      input={() => {
        const details = plan === 'referral' ? referralDetails(referral) : null;
        if (!(talked && riskAssessed && outcome.trim()) || (plan === 'referral' && !details)) return null;
        if (eventDateError(heldOn, c.openedAt, t)) return null;
        return {
          caseId: c.id,
          talked,
          riskAssessed,
          familyContacted,
          plan,
          outcome: outcome.trim(),
          heldOn,
          ...(details ? { referral: details } : {}),
        };
      }}
    >
      {(form) => (
        <>
          <EventDateField
            label={t('cases.eventDate.safety')}
            value={heldOn}
            onValue={setHeldOn}
            openedAt={c.openedAt}
          />
          <fieldset className="form-section">
            <legend className="form-section-title">{t(`${k}.checklist`)}</legend>
            <CheckField label={t(`${k}.talked`)} checked={talked} onChecked={setTalked} />
            <CheckField label={t(`${k}.riskAssessed`)} checked={riskAssessed} onChecked={setRiskAssessed} />
            <CheckField
              label={t(`${k}.familyContacted`)}
              checked={familyContacted}
              onChecked={setFamilyContacted}
            />
            {form.submitted && !(talked && riskAssessed) ? (
              <p className="field-error">{t(`${k}.incomplete`)}</p>
            ) : null}
          </fieldset>
          <ChoiceField
            label={t(`${k}.plan`)}
            value={plan}
            onValue={setPlan}
            choices={['referral', 'emergency', 'monitor'] as const}
            labelOf={(p) => t(`${k}.plans.${p}`)}
            testId="safety-plan"
          />
          {plan === 'referral' ? (
            <fieldset className="form-section" data-testid="safety-referral">
              <legend className="form-section-title">{t(`${k}.referral`)}</legend>
              <ReferralFields draft={referral} onDraft={setReferral} form={form} />
            </fieldset>
          ) : null}
          <TextAreaField
            {...form.need(t(`${k}.outcome`), outcome, setOutcome)}
            placeholder={t(`${k}.outcomePlaceholder`)}
          />
        </>
      )}
    </ActionDialog>
  );
}

export function InterviewDialog({ c, levels, onClose, onSaved }: ActionProps & { levels: Levels }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const user = useSession((s) => s.status?.user);
  const [summary, setSummary] = useState('');
  const [level, setLevel] = useState(c.level);
  const [reason, setReason] = useState('');
  const [heldOn, setHeldOn] = useState(todayIso());
  const order = [...levels.keys()];
  const direction = (id: string) => {
    const diff = order.indexOf(id) - order.indexOf(c.level);
    return diff === 0 ? 'confirm' : diff < 0 ? 'raise' : 'lower';
  };
  const k = 'cases.form.interview';
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      subtitle={t(`${k}.interviewer`, { name: user?.displayName ?? '' })}
      testId="interview-dialog"
      saved={t('cases.saved.interview')}
      onClose={onClose}
      onSaved={onSaved}
      method="cases.interview"
      input={() =>
        summary.trim() && reason.trim() && !eventDateError(heldOn, c.openedAt, t)
          ? { caseId: c.id, summary: summary.trim(), confirmedLevel: level, reason: reason.trim(), heldOn }
          : null
      }
    >
      {({ need }) => (
        <>
          <EventDateField
            label={t('cases.eventDate.interview')}
            value={heldOn}
            onValue={setHeldOn}
            openedAt={c.openedAt}
          />
          <TextAreaField {...need(t(`${k}.summary`), summary, setSummary)} rows={4} maxLength={5000} />
          <ChoiceField
            label={t(`${k}.level`)}
            value={level}
            onValue={setLevel}
            choices={order}
            labelOf={(id) =>
              t('common.aside', { text: levelName(levels, id, lang), note: t(`${k}.${direction(id)}`) })
            }
          />
          <TextAreaField {...need(t(`${k}.reason`), reason, setReason)} hint={t(`${k}.reasonHint`)} />
        </>
      )}
    </ActionDialog>
  );
}

export function FollowUpDialog({
  c,
  intervals,
  onClose,
  onSaved,
}: ActionProps & { intervals: FollowUpIntervals | undefined }) {
  const { t } = useTranslation();
  const today = todayIso();
  const every = intervals?.[c.level]?.then;
  const [heldOn, setHeldOn] = useState(today);
  const [method, setMethod] = useState<ContactMethod>('in_person');
  const [content, setContent] = useState('');
  const [riskChange, setRiskChange] = useState<'lower' | 'same' | 'higher'>('same');
  // Until the user picks a date, the next follow-up is the level's interval after the date held.
  const [pickedNext, setNextOn] = useState<string | null>(null);
  const nextOn = pickedNext ?? (every && heldOn ? addDays(heldOn, every) : '');
  // A follow-up that ends in 转介/转诊 makes the referral, dated the day of the follow-up.
  const [refer, setRefer] = useState(false);
  const [referral, setReferral] = useState(emptyReferral);
  const k = 'cases.form.followUp';
  const nextError = nextOn && nextOn < today ? t(`${k}.nextPast`) : undefined;

  return (
    <ActionDialog
      title={t(`${k}.title`)}
      testId="follow-up-dialog"
      saved={t('cases.saved.follow_up')}
      onClose={onClose}
      onSaved={onSaved}
      method="cases.followUp"
      input={() => {
        const details = refer ? referralDetails(referral, heldOn) : null;
        if (!content.trim() || pastDateError(heldOn, t) || nextError || (refer && !details)) return null;
        return {
          caseId: c.id,
          heldOn,
          method,
          content: content.trim(),
          riskChange,
          ...(nextOn ? { nextOn } : {}),
          ...(details ? { referral: details } : {}),
        };
      }}
    >
      {(form) => (
        <>
          <div className="form-grid">
            <PastDateField label={t(`${k}.date`)} value={heldOn} onValue={setHeldOn} />
            <MethodField label={t(`${k}.method`)} value={method} onValue={setMethod} />
          </div>
          <TextAreaField {...form.need(t(`${k}.content`), content, setContent)} rows={4} maxLength={5000} />
          <div className="form-grid">
            <ChoiceField
              label={t(`${k}.riskChange`)}
              value={riskChange}
              onValue={setRiskChange}
              choices={['lower', 'same', 'higher'] as const}
              labelOf={(r) => t(`${k}.risk.${r}`)}
            />
            <TextField
              label={t(`${k}.next`)}
              type="date"
              value={nextOn}
              onValue={setNextOn}
              min={today}
              error={nextError}
              hint={every ? t(`${k}.nextHint`, { days: every }) : undefined}
            />
          </div>
          <CheckField label={t(`${k}.refer`)} checked={refer} onChecked={setRefer} testId="follow-up-refer" />
          {refer ? <ReferralFields draft={referral} onDraft={setReferral} form={form} /> : null}
        </>
      )}
    </ActionDialog>
  );
}

export function GuardianDialog({ c, onClose, onSaved }: ActionProps) {
  const { t } = useTranslation();
  const [contactedOn, setContactedOn] = useState(todayIso());
  const [who, setWho] = useState('');
  const [method, setMethod] = useState<ContactMethod>('phone');
  const [response, setResponse] = useState('');
  const k = 'cases.form.guardian';
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      testId="guardian-dialog"
      saved={t('cases.saved.guardian_contact')}
      onClose={onClose}
      onSaved={onSaved}
      method="cases.guardianContact"
      input={() =>
        who.trim() && response.trim() && !pastDateError(contactedOn, t)
          ? { caseId: c.id, contactedOn, who: who.trim(), method, response: response.trim() }
          : null
      }
    >
      {({ need }) => (
        <>
          <div className="form-grid">
            <PastDateField label={t(`${k}.date`)} value={contactedOn} onValue={setContactedOn} />
            <TextField
              {...need(t(`${k}.who`), who, setWho)}
              placeholder={t(`${k}.whoPlaceholder`)}
              maxLength={64}
            />
            <MethodField label={t(`${k}.method`)} value={method} onValue={setMethod} />
          </div>
          <TextAreaField {...need(t(`${k}.response`), response, setResponse)} />
        </>
      )}
    </ActionDialog>
  );
}
