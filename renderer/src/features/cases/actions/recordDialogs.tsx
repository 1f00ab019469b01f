import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpIntervals } from '../../../../../shared/api/cases';
import { addDays } from '../../../../../shared/people/date';
import { invoke } from '../../../api/client';
import { SelectField, TextField } from '../../../ui/Field';
import { useContentLanguage } from '../../../lib/format';
import { todayIso } from '../../../lib/validation';
import { useSession } from '../../../store/session';
import { levelName, type Levels } from '../caseText';
import { ActionDialog, CheckField, TextAreaField, type ActionProps } from './ActionDialog';

const METHODS = ['面谈', '电话', '家访', '线上'] as const;
type Method = (typeof METHODS)[number];
const methodOptions = METHODS.map((m) => ({ value: m, label: m }));

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
      submit={() =>
        finding && note.trim()
          ? invoke('cases.confirmInPerson', { caseId: c.id, finding, note: note.trim() })
          : null
      }
    >
      {({ submitted, required }) => (
        <>
          <SelectField
            label={t(`${k}.finding`)}
            value={finding}
            onValue={(v) => setFinding(v as typeof finding)}
            options={[
              { value: '', label: t('cases.form.choose') },
              ...(['denied', 'reported'] as const).map((f) => ({ value: f, label: t(`${k}.findings.${f}`) })),
            ]}
            error={submitted && !finding ? t('cases.form.required', { field: t(`${k}.finding`) }) : null}
            required
          />
          <TextAreaField
            label={t(`${k}.note`)}
            value={note}
            onValue={setNote}
            placeholder={t(`${k}.notePlaceholder`)}
            error={required(note, t(`${k}.note`))}
            required
          />
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
  const k = 'cases.form.safety';
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      subtitle={t(`${k}.intro`)}
      testId="safety-dialog"
      saved={t('cases.saved.safety_check')}
      onClose={onClose}
      onSaved={onSaved}
      submit={() =>
        talked && riskAssessed && outcome.trim()
          ? invoke('cases.safetyCheck', {
              caseId: c.id,
              talked,
              riskAssessed,
              familyContacted,
              plan,
              outcome: outcome.trim(),
            })
          : null
      }
    >
      {({ submitted, required }) => (
        <>
          <fieldset className="form-section">
            <legend className="form-section-title">{t(`${k}.checklist`)}</legend>
            <CheckField label={t(`${k}.talked`)} checked={talked} onChecked={setTalked} />
            <CheckField label={t(`${k}.riskAssessed`)} checked={riskAssessed} onChecked={setRiskAssessed} />
            <CheckField
              label={t(`${k}.familyContacted`)}
              checked={familyContacted}
              onChecked={setFamilyContacted}
            />
            {submitted && !(talked && riskAssessed) ? (
              <p className="field-error">{t(`${k}.incomplete`)}</p>
            ) : null}
          </fieldset>
          <SelectField
            label={t(`${k}.plan`)}
            value={plan}
            onValue={(v) => setPlan(v as typeof plan)}
            options={(['referral', 'emergency', 'monitor'] as const).map((p) => ({
              value: p,
              label: t(`${k}.plans.${p}`),
            }))}
            required
          />
          <TextAreaField
            label={t(`${k}.outcome`)}
            value={outcome}
            onValue={setOutcome}
            placeholder={t(`${k}.outcomePlaceholder`)}
            error={required(outcome, t(`${k}.outcome`))}
            required
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
      submit={() =>
        summary.trim() && reason.trim()
          ? invoke('cases.interview', {
              caseId: c.id,
              summary: summary.trim(),
              confirmedLevel: level,
              reason: reason.trim(),
            })
          : null
      }
    >
      {({ required }) => {
        return (
          <>
            <TextAreaField
              label={t(`${k}.summary`)}
              value={summary}
              onValue={setSummary}
              error={required(summary, t(`${k}.summary`))}
              rows={4}
              maxLength={5000}
              required
            />
            <SelectField
              label={t(`${k}.level`)}
              value={level}
              onValue={setLevel}
              options={order.map((id) => ({
                value: id,
                label: t('common.aside', {
                  text: levelName(levels, id, lang),
                  note: t(`${k}.${direction(id)}`),
                }),
              }))}
              required
            />
            <TextAreaField
              label={t(`${k}.reason`)}
              value={reason}
              onValue={setReason}
              hint={t(`${k}.reasonHint`)}
              error={required(reason, t(`${k}.reason`))}
              required
            />
          </>
        );
      }}
    </ActionDialog>
  );
}

export function FollowUpDialog({
  c,
  intervals,
  onClose,
  onSaved,
}: ActionProps & { intervals: FollowUpIntervals | null }) {
  const { t } = useTranslation();
  const today = todayIso();
  const every = intervals?.[c.level]?.then;
  const [heldOn, setHeldOn] = useState(today);
  const [method, setMethod] = useState<Method>('面谈');
  const [content, setContent] = useState('');
  const [riskChange, setRiskChange] = useState<'lower' | 'same' | 'higher'>('same');
  // Until the user picks a date, the next follow-up is the level's interval after the date held.
  const [pickedNext, setNextOn] = useState<string | null>(null);
  const nextOn = pickedNext ?? (every && heldOn ? addDays(heldOn, every) : '');
  const k = 'cases.form.followUp';
  const heldError =
    heldOn > today ? t('validation.dateFuture') : !heldOn ? t('validation.dateInvalid') : undefined;
  const nextError = nextOn && nextOn < today ? t(`${k}.nextPast`) : undefined;

  return (
    <ActionDialog
      title={t(`${k}.title`)}
      testId="follow-up-dialog"
      saved={t('cases.saved.follow_up')}
      onClose={onClose}
      onSaved={onSaved}
      submit={() =>
        content.trim() && !heldError && !nextError
          ? invoke('cases.followUp', {
              caseId: c.id,
              heldOn,
              method,
              content: content.trim(),
              riskChange,
              ...(nextOn ? { nextOn } : {}),
            })
          : null
      }
    >
      {({ required }) => (
        <>
          <div className="form-grid">
            <TextField
              label={t(`${k}.date`)}
              type="date"
              value={heldOn}
              onValue={setHeldOn}
              max={today}
              error={heldError}
              required
            />
            <SelectField
              label={t(`${k}.method`)}
              value={method}
              onValue={(v) => setMethod(v as Method)}
              options={methodOptions}
              required
            />
          </div>
          <TextAreaField
            label={t(`${k}.content`)}
            value={content}
            onValue={setContent}
            error={required(content, t(`${k}.content`))}
            rows={4}
            maxLength={5000}
            required
          />
          <div className="form-grid">
            <SelectField
              label={t(`${k}.riskChange`)}
              value={riskChange}
              onValue={(v) => setRiskChange(v as typeof riskChange)}
              options={(['lower', 'same', 'higher'] as const).map((r) => ({
                value: r,
                label: t(`${k}.risk.${r}`),
              }))}
              required
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
        </>
      )}
    </ActionDialog>
  );
}

export function GuardianDialog({ c, onClose, onSaved }: ActionProps) {
  const { t } = useTranslation();
  const today = todayIso();
  const [contactedOn, setContactedOn] = useState(today);
  const [who, setWho] = useState('');
  const [method, setMethod] = useState<Method>('电话');
  const [response, setResponse] = useState('');
  const k = 'cases.form.guardian';
  const dateError = !contactedOn || contactedOn > today ? t('validation.dateFuture') : undefined;
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      testId="guardian-dialog"
      saved={t('cases.saved.guardian_contact')}
      onClose={onClose}
      onSaved={onSaved}
      submit={() =>
        who.trim() && response.trim() && !dateError
          ? invoke('cases.guardianContact', {
              caseId: c.id,
              contactedOn,
              who: who.trim(),
              method,
              response: response.trim(),
            })
          : null
      }
    >
      {({ required }) => {
        return (
          <>
            <div className="form-grid">
              <TextField
                label={t(`${k}.date`)}
                type="date"
                value={contactedOn}
                onValue={setContactedOn}
                max={today}
                error={dateError}
                required
              />
              <TextField
                label={t(`${k}.who`)}
                value={who}
                onValue={setWho}
                placeholder={t(`${k}.whoPlaceholder`)}
                maxLength={64}
                error={required(who, t(`${k}.who`))}
                required
              />
              <SelectField
                label={t(`${k}.method`)}
                value={method}
                onValue={(v) => setMethod(v as Method)}
                options={methodOptions}
                required
              />
            </div>
            <TextAreaField
              label={t(`${k}.response`)}
              value={response}
              onValue={setResponse}
              error={required(response, t(`${k}.response`))}
              required
            />
          </>
        );
      }}
    </ActionDialog>
  );
}
