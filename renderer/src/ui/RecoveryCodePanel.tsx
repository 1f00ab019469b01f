import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alert';
import { PrintRecoverySheetButton, RecoverySheet } from './RecoverySheet';
import { ScreenTitle } from './ScreenTitle';
import styles from './RecoveryCodePanel.module.css';
import { Button } from './Button';

async function copyText(text: string, fallbackNode: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API can be denied (permissions, non-secure origin); fall back to a selection copy.
    if (!fallbackNode) return false;
    const range = document.createRange();
    range.selectNodeContents(fallbackNode);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** The one moment the recovery code is visible: it must be written down before going on. */
export function RecoveryCodePanel({
  code,
  orgName,
  afterReset = false,
  notes,
  onEnter,
}: {
  code: string;
  /** Printed on the recovery sheet. */
  orgName: string;
  afterReset?: boolean;
  /** What else the person must know now (e.g. accounts that need new passwords). */
  notes?: ReactNode;
  onEnter(): Promise<void> | void;
}) {
  const { t } = useTranslation();
  const codeRef = useRef<HTMLElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [acknowledged, setAcknowledged] = useState(false);
  const [entering, setEntering] = useState(false);
  const ackId = useId();
  const groups = code.split('-');

  async function handleCopy() {
    setCopy((await copyText(code, codeRef.current)) ? 'copied' : 'failed');
  }

  async function handleEnter() {
    setEntering(true);
    try {
      await onEnter();
    } finally {
      setEntering(false);
    }
  }

  return (
    <section className={styles.panel} aria-labelledby={`${ackId}-title`}>
      <ScreenTitle
        icon="lock"
        id={`${ackId}-title`}
        title={afterReset ? t('recoveryCode.titleAfterReset') : t('recoveryCode.title')}
        subtitle={`${t('recoveryCode.intro')}${afterReset ? ` ${t('recoveryCode.oldInvalid')}` : ''}`}
      />

      <div className={styles.box}>
        <p className={styles.label}>{t('recoveryCode.label')}</p>
        <code className={styles.code} ref={codeRef} data-testid="recovery-code">
          {groups.map((g, i) => (
            <span key={i}>
              {g}
              {i < groups.length - 1 ? <span className={styles.dash}>-</span> : null}
            </span>
          ))}
        </code>
        <Button
          variant="secondary"
          size="sm"
          icon={copy === 'copied' ? 'check' : 'copy'}
          onClick={() => void handleCopy()}
        >
          {copy === 'copied' ? t('common.copied') : t('common.copy')}
        </Button>
        <PrintRecoverySheetButton />
        {copy === 'failed' ? <p className="field-hint">{t('common.copyFailed')}</p> : null}
      </div>
      <RecoverySheet code={code} orgName={orgName} />
      {notes}

      <Alert kind="warning" title={t('recoveryCode.warningTitle')}>
        {t('recoveryCode.warning')}
      </Alert>

      <label className="checkbox" htmlFor={ackId}>
        <input
          id={ackId}
          type="checkbox"
          checked={acknowledged}
          onChange={(e) => setAcknowledged(e.target.checked)}
        />
        <span>{t('recoveryCode.ack')}</span>
      </label>

      <Button
        variant="primary"
        size="lg"
        block
        disabled={!acknowledged}
        busy={entering}
        onClick={() => void handleEnter()}
      >
        {t('recoveryCode.enter')}
      </Button>
    </section>
  );
}
