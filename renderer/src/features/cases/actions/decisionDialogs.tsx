import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { riskColourSchema, type Case } from '../../../../../shared/api/cases';
import {
  CLOSE_REASONS,
  closeReasonsNow,
  closeRefusal,
  type CloseReason,
  type CloseState,
} from '../../../../../shared/cases/close';
import type { PregnancyDates } from '../../../../../shared/people/perinatal';
import { todayIso } from '../../../../../shared/people/date';
import { ActionDialog, CheckField, ChoiceField, TextAreaField, type ActionProps } from './ActionDialog';

/** 解除预警: only by a recorded decision with its reason. */
export function LiftDialog({ c, onClose, onSaved }: ActionProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const k = 'cases.form.lift';
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      subtitle={t(`${k}.intro`)}
      testId="lift-dialog"
      saved={t('cases.saved.lifted')}
      onClose={onClose}
      onSaved={onSaved}
      method="cases.lift"
      input={() => (reason.trim() ? { caseId: c.id, reason: reason.trim() } : null)}
    >
      {({ need }) => (
        <TextAreaField
          {...need(t(`${k}.reason`), reason, setReason)}
          placeholder={t(`${k}.reasonPlaceholder`)}
        />
      )}
    </ActionDialog>
  );
}

const COLOURS = riskColourSchema.options;
type Colour = NonNullable<Case['colour']>;

/** The clinician's five-colour assignment; orange, red or purple opens 专案管理 with its plan. */
export function ColourDialog({
  c,
  initial,
  onClose,
  onSaved,
}: ActionProps & { initial?: { colour: Colour; reason: string } }) {
  const { t } = useTranslation();
  const [colour, setColour] = useState<Colour>(initial?.colour ?? c.colour ?? 'green');
  const [purple, setPurple] = useState(c.purple);
  const [reason, setReason] = useState(initial?.reason ?? '');
  const [plan, setPlan] = useState(c.plan ?? '');
  const managed = colour === 'orange' || colour === 'red' || purple;
  const k = 'cases.form.colour';
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      testId="colour-dialog"
      saved={t('cases.saved.colour')}
      onClose={onClose}
      onSaved={onSaved}
      method="cases.assignColour"
      input={() =>
        reason.trim()
          ? {
              caseId: c.id,
              colour,
              purple,
              reason: reason.trim(),
              ...(managed && plan.trim() ? { plan: plan.trim() } : {}),
            }
          : null
      }
    >
      {({ need }) => (
        <>
          <ChoiceField
            label={t(`${k}.colour`)}
            value={colour}
            onValue={setColour}
            choices={COLOURS}
            labelOf={(id) => t(`cases.colour.${id}`)}
            hint={t(`${k}.planHint`)}
          />
          {c.suggestedColour ? (
            <p className="fact-note" data-testid="colour-suggested-note">
              {t(`${k}.suggestedNote`, { colour: t(`cases.colour.${c.suggestedColour}`) })}
            </p>
          ) : null}
          <CheckField label={t(`${k}.purple`)} checked={purple} onChecked={setPurple} />
          <TextAreaField {...need(t(`${k}.reason`), reason, setReason)} />
          {managed ? (
            <TextAreaField
              label={t(`${k}.plan`)}
              value={plan}
              onValue={setPlan}
              placeholder={t(`${k}.planPlaceholder`)}
            />
          ) : null}
        </>
      )}
    </ActionDialog>
  );
}

/** What a 结案 reason is checked against, from the case and the woman's file (shared/cases/close.ts). */
export function closeStateOf(c: Case, person: CasePerson | undefined, today = todayIso()): CloseState {
  return {
    today,
    dates: person && person.kind === 'woman' ? person : null,
    referrals: c.referrals,
    openTasks: c.openTasks.map((task) => task.kind),
    contacted: c.events.some((e) => CONTACT_EVENTS.includes(e.kind)),
  };
}
const CONTACT_EVENTS: readonly Case['events'][number]['kind'][] = [
  'safety_check',
  'confirmed_in_person',
  'interview',
  'follow_up',
];

/** The person's facts a 结案 reason depends on (people.get's person). */
export type CasePerson = { kind: 'student' | 'woman' } & PregnancyDates;

/**
 * 结案 at 产后42天 or earlier, always with a reason ("other" needs a note). Only the reasons that fit
 * her state now are offered; why the others are not is listed below. The server checks again and
 * its refusal (if the state changed meanwhile) shows in place.
 */
export function CloseDialog({
  c,
  person,
  onClose,
  onSaved,
}: ActionProps & { person: CasePerson | undefined }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<CloseReason | ''>('');
  const [note, setNote] = useState('');
  const k = 'cases.form.close';
  const state = closeStateOf(c, person);
  const offered = closeReasonsNow(state);
  const unavailable = CLOSE_REASONS.flatMap((r) => {
    const refused = closeRefusal(r, state);
    return refused ? [{ reason: r, why: t(`errors.reasons.${refused.reason}`, refused.params ?? {}) }] : [];
  });
  return (
    <ActionDialog
      title={t(`${k}.title`)}
      subtitle={t(`${k}.intro`)}
      testId="close-dialog"
      saved={t('cases.saved.closed')}
      onClose={onClose}
      onSaved={onSaved}
      method="cases.close"
      input={() =>
        reason && (reason !== 'other' || note.trim())
          ? { caseId: c.id, reason, ...(note.trim() ? { note: note.trim() } : {}) }
          : null
      }
    >
      {({ submitted, required }) => (
        <>
          <ChoiceField
            label={t(`${k}.reason`)}
            value={reason}
            onValue={setReason}
            choices={offered}
            labelOf={(r) => t(`${k}.reasons.${r}`)}
            placeholder={t('cases.form.choose')}
            error={required(reason, t(`${k}.reason`))}
            testId="close-reason"
          />
          {unavailable.length ? (
            <div className="fact-note" data-testid="close-unavailable">
              <p>{t(`${k}.unavailable`)}</p>
              <ul>
                {unavailable.map((u) => (
                  <li key={u.reason} data-reason={u.reason}>
                    {t('common.aside', { text: t(`${k}.reasons.${u.reason}`), note: u.why })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <TextAreaField
            label={t(`${k}.note`)}
            value={note}
            onValue={setNote}
            error={submitted && reason === 'other' && !note.trim() ? t(`${k}.noteRequired`) : undefined}
            required={reason === 'other'}
          />
        </>
      )}
    </ActionDialog>
  );
}
