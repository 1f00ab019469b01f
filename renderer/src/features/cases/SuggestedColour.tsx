import styles from './CasePage.module.css';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../shared/api/cases';
import { diagnosisConclusionSchema, icd10CodeSchema } from '../../../../shared/cases/diagnosis';
import { useApiMutation } from '../../api/query';
import { CASE_CHANGES } from './actions/ActionDialog';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { ColourChip, useConclusionText } from './caseText';
import { Button } from '../../ui/Button';

type CaseEvent = Case['events'][number];

/** Why the app suggested a colour, as the suggestion event recorded it; '' when it cannot be read. */
export function useSuggestionWhy() {
  const { t } = useTranslation();
  const conclusionText = useConclusionText();
  return (event: CaseEvent | undefined): string => {
    const why = event?.detail.why;
    if (!why || typeof why !== 'object') return '';
    const w = why as Record<string, unknown>;
    const conclusion = diagnosisConclusionSchema.safeParse(w.conclusion);
    const code = icd10CodeSchema.safeParse(w.icd10);
    // "专科确诊 F53.0 产后抑郁": the conclusion is 确诊 by construction, so only the code follows it.
    const diagnosis = code.success ? ` ${conclusionText(null, code.data)}` : '';
    if (!conclusion.success) return '';
    return t(w.critical === true ? 'cases.event.colourWhyCritical' : 'cases.event.colourWhy', { diagnosis });
  };
}

/** The case's pending suggestion event: its latest colour event, when that is a suggestion. */
export const suggestionEvent = (c: Case): CaseEvent | undefined => {
  const latest = c.events.find((e) => e.kind === 'colour');
  return latest?.detail.decision === 'suggested' ? latest : undefined;
};

/** After a 确诊 conclusion: accept the suggested colour, or choose another with a reason. */
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
  const why = useSuggestionWhy();
  const busy = assign.isPending;
  const suggested = c.suggestedColour;
  if (!suggested) return null;
  const colour = t(`cases.colour.${suggested}`);

  function accept() {
    if (!suggested) return;
    // Accepting needs no reason: the suggestion and its why are already in the timeline.
    assign.mutate(
      { caseId: c.id, colour: suggested, purple: c.purple },
      { onSuccess: (saved) => onSaved(saved, t('cases.saved.colour')) },
    );
  }

  return (
    <Alert kind="warning" title={t('cases.page.suggested', { colour })} testId="suggested-colour">
      <p>
        <ColourChip colour={suggested} />{' '}
        {t('cases.page.suggestedBody', { colour, why: why(suggestionEvent(c)) })}
      </p>
      {assign.error ? <p className="field-error">{describeError(assign.error)}</p> : null}
      <div className={styles.buttons}>
        <Button variant="primary" size="sm" onClick={accept} busy={busy} data-testid="suggested-accept">
          {t('cases.page.accept')}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={onChange}
          disabled={busy}
          data-testid="suggested-change"
        >
          {t('cases.page.change')}
        </Button>
      </div>
    </Alert>
  );
}
