import { Alert } from '../../ui/Alert';
import styles from './HubApp.module.css';
import type { HubApiError } from './api';
import type { HubWords } from './i18n.zh';
import { useHubWords } from './words';

/** A failed call in the page's language (by its code; an unknown code reads as internal). */
export function errorText(w: HubWords, error: unknown): string {
  if ((error as HubApiError | null)?.reason === 'hub_report.pdf_unavailable') return w.errors.pdfUnavailable;
  const code = (error as HubApiError | null)?.code ?? 'internal';
  return Object.hasOwn(w.errors, code) ? w.errors[code as keyof HubWords['errors']] : w.errors.internal;
}

export function ErrorAlert({ error }: { error: unknown }) {
  const { w } = useHubWords();
  return error ? <Alert title={errorText(w, error)} testId="hub-error" /> : null;
}

/** One figure with its label; `danger` marks a count that needs action (overdue safety checks). */
export function Tile({
  label,
  value,
  danger = false,
  testId,
}: {
  label: string;
  value: string | number;
  danger?: boolean;
  testId?: string;
}) {
  return (
    <div className={danger ? `${styles.tile} ${styles.danger}` : styles.tile} data-testid={testId}>
      <div className={styles.tileLabel}>{label}</div>
      <div className={styles.tileValue}>{value}</div>
    </div>
  );
}

export function Swatch({ colour }: { colour: string }) {
  return <span className={styles.swatch} style={{ background: colour }} aria-hidden="true" />;
}
