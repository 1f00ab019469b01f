import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Actions, MessageCard, RsButton } from '../../respondent/kit';
import { useCountdown } from '../../respondent/useCountdown';
import styles from './Kiosk.module.css';

const SECONDS = 20;

/** "Still there?" over the questionnaire; without an answer the screen is cleared for the next person. */
export function IdlePrompt({ title, onStay, onLeave }: { title: string; onStay(): void; onLeave(): void }) {
  const { t } = useTranslation();
  const left = useCountdown(SECONDS, onLeave);
  const stayRef = useRef<HTMLButtonElement>(null);
  useEffect(() => stayRef.current?.focus(), []);

  return (
    <KioskLayer role="alertdialog" labelledBy="idle-title" testId="idle-prompt">
      <MessageCard
        className={styles.layerCard}
        titleId="idle-title"
        title={title}
        body={t('screening.kiosk.idleBody', { count: left })}
      >
        <Actions>
          <RsButton variant="ghost" onClick={onLeave}>
            {t('screening.kiosk.idleLeave')}
          </RsButton>
          <RsButton ref={stayRef} variant="primary" onClick={onStay}>
            {t('screening.kiosk.idleStay')}
          </RsButton>
        </Actions>
      </MessageCard>
    </KioskLayer>
  );
}

/** A layer over the kiosk screen (idle question, PIN pad, lost full screen). */
export function KioskLayer({
  role,
  labelledBy,
  testId,
  children,
}: {
  role?: 'dialog' | 'alertdialog';
  labelledBy?: string;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <div
      className={styles.layer}
      role={role}
      aria-modal={role ? true : undefined}
      aria-labelledby={labelledBy}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
