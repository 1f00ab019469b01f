import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { closeCaseSchema, riskColourSchema, type Case } from '../../../../../shared/api/cases';
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

const CLOSE_REASONS = closeCaseSchema.shape.reason.options;
type CloseReason = (typeof CLOSE_REASONS)[number];

/** 结案 at 产后42天 or earlier, always with a reason ("other" needs a note). */
export function CloseDialog({ c, onClose, onSaved }: ActionProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<CloseReason | ''>('');
  const [note, setNote] = useState('');
  const k = 'cases.form.close';
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
            choices={CLOSE_REASONS}
            labelOf={(r) => t(`${k}.reasons.${r}`)}
            placeholder={t('cases.form.choose')}
            error={required(reason, t(`${k}.reason`))}
          />
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
