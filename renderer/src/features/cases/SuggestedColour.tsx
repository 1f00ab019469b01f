import styles from './CasePage.module.css';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../shared/api/cases';
import { useApiMutation } from '../../api/query';
import { CASE_CHANGES } from './actions/ActionDialog';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { ColourChip } from './caseText';
import { Button } from '../../ui/Button';

/** After a recorded perinatal-depression diagnosis: accept the suggested colour, or choose another with a reason. */
export function SuggestedColour({
  c,
  onSaved,
  onChange,
}: {
  c: Case;
  onSaved(c: Case, message: string): void;
  onChange(): void;
}) {
  const { t } = useTranslation();
  const assign = useApiMutation('cases.assignColour', CASE_CHANGES);
  const busy = assign.isPending;
  const suggested = c.suggestedColour;
  if (!suggested) return null;
  const colour = t(`cases.colour.${suggested}`);

  function accept() {
    if (!suggested) return;
    assign.mutate(
      { caseId: c.id, colour: suggested, purple: c.purple, reason: t('cases.page.acceptReason') },
      { onSuccess: (saved) => onSaved(saved, t('cases.saved.colour')) },
    );
  }

  return (
    <Alert kind="warning" title={t('cases.page.suggested', { colour })} testId="suggested-colour">
      <p>
        <ColourChip colour={suggested} /> {t('cases.page.suggestedBody', { colour })}
      </p>
      {assign.error ? <p className="field-error">{describeError(assign.error)}</p> : null}
      <div className={styles.buttons}>
        <Button variant="primary" size="sm" onClick={accept} busy={busy}>
          {t('cases.page.accept')}
        </Button>
        <Button variant="secondary" size="sm" onClick={onChange} disabled={busy}>
          {t('cases.page.change')}
        </Button>
      </div>
    </Alert>
  );
}
