import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../shared/api/cases';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Spinner } from '../../ui/Spinner';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const suggested = c.suggestedColour;
  if (!suggested) return null;
  const colour = t(`cases.colour.${suggested}`);

  async function accept() {
    if (!suggested) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await invoke('cases.assignColour', {
        caseId: c.id,
        colour: suggested,
        purple: c.purple,
        reason: t('cases.page.acceptReason'),
      });
      onSaved(saved, t('cases.saved.colour'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Alert kind="warning" title={t('cases.page.suggested', { colour })} testId="suggested-colour">
      <p>
        <ColourChip colour={suggested} /> {t('cases.page.suggestedBody', { colour })}
      </p>
      {error ? <p className="field-error">{describeError(error)}</p> : null}
      <div className="case-referral-actions">
        <Button variant="primary" size="sm" onClick={() => void accept()} disabled={busy}>
          {busy ? <Spinner /> : null}
          {t('cases.page.accept')}
        </Button>
        <Button variant="secondary" size="sm" onClick={onChange} disabled={busy}>
          {t('cases.page.change')}
        </Button>
      </div>
    </Alert>
  );
}
