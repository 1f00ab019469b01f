import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const SECONDS = 20;

/** "Still there?" over the questionnaire; without an answer the screen is cleared for the next person. */
export function IdlePrompt({ title, onStay, onLeave }: { title: string; onStay(): void; onLeave(): void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(SECONDS);
  const leave = useRef(onLeave);
  const stayRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    leave.current = onLeave;
  }, [onLeave]);

  useEffect(() => {
    stayRef.current?.focus();
    const started = Date.now();
    const timer = setInterval(() => {
      const next = Math.max(0, SECONDS - Math.floor((Date.now() - started) / 1000));
      setLeft(next);
      if (next === 0) {
        clearInterval(timer);
        leave.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, []);

  return (
    <div
      className="kiosk-layer"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      data-testid="idle-prompt"
    >
      <div className="rs-card rs-center kiosk-layer-card">
        <h2 id="idle-title" className="rs-title">
          {title}
        </h2>
        <p className="rs-lead">{t('screening.kiosk.idleBody', { count: left })}</p>
        <div className="rs-actions">
          <button type="button" className="rs-btn rs-btn-ghost" onClick={onLeave}>
            {t('screening.kiosk.idleLeave')}
          </button>
          <button ref={stayRef} type="button" className="rs-btn rs-btn-primary" onClick={onStay}>
            {t('screening.kiosk.idleStay')}
          </button>
        </div>
      </div>
    </div>
  );
}
