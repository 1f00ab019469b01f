import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowEnd } from './RespondentFlow';
import { RespondentIcon } from './RespondentIcon';

/**
 * The same calm screen whatever was answered: nothing on it hints at a score, so a classmate
 * glancing over sees no difference. Counts down, then hands the screen to the next respondent.
 */
export function ThankYou({
  end,
  audience,
  seconds,
  onDone,
  children,
}: {
  end: FlowEnd;
  /** Where to get help differs: a school's counselling room, a clinic's doctor. */
  audience: 'school' | 'perinatal';
  seconds: number;
  onDone(): void;
  /** Anything the campaign allows to be shown (the respondent's own result). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const perinatal = audience === 'perinatal';
  const [left, setLeft] = useState(seconds);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);

  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const next = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(next);
      if (next === 0) {
        clearInterval(timer);
        done.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [seconds]);

  return (
    <section className="rs-card rs-center rs-thanks" data-testid="rs-thanks" aria-live="polite">
      <div className="rs-thanks-icon" aria-hidden="true">
        <RespondentIcon name={end === 'submitted' ? 'check' : 'heart'} size={40} />
      </div>
      <h2 className="rs-title">
        {end === 'submitted'
          ? perinatal
            ? t('screening.respondent.thanksTitlePerinatal')
            : t('screening.respondent.thanksTitle')
          : perinatal
            ? t('screening.respondent.declinedTitlePerinatal')
            : t('screening.respondent.declinedTitle')}
      </h2>
      <p className="rs-lead">
        {end === 'submitted'
          ? perinatal
            ? t('screening.respondent.thanksBodyPerinatal')
            : t('screening.respondent.thanksBody')
          : perinatal
            ? t('screening.respondent.declinedBodyPerinatal')
            : t('screening.respondent.declinedBody')}
      </p>
      {children}
      <div className="rs-help">
        <RespondentIcon name="heart" size={22} className="rs-help-icon" />
        <p>{perinatal ? t('screening.respondent.helpPerinatal') : t('screening.respondent.helpSchool')}</p>
      </div>
      <button type="button" className="rs-btn rs-btn-secondary" onClick={onDone} data-testid="rs-thanks-done">
        {t('screening.respondent.finish')}
      </button>
      <p className="rs-hint" data-testid="rs-thanks-countdown">
        {t('screening.respondent.resetIn', { count: left })}
      </p>
    </section>
  );
}
