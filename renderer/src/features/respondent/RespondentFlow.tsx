import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition } from '../../../../shared/instruments/schema';
import { addressedTo } from '../../../../shared/instruments/audience';
import { consentFor } from '../../../../shared/screening/consent';
import {
  answerOf,
  answeredCount,
  askedSteps,
  buildSteps,
  firstUnanswered,
  itemText,
  optionsFor,
  textLanguage,
  withAnswer,
  type Answers,
  type Step,
} from './model';
import { Actions, Card, ErrorText, Hint, IconBadge, Lead, RsButton, Title } from './kit';
import { RespondentIcon } from './RespondentIcon';
import styles from './RespondentFlow.module.css';

/** What the flow needs from the server; the kiosk wires it to the staff API, the station to its own. */
export interface RespondentBackend {
  /** Records the choice on the consent screen; a decline closes the sheet. */
  consent(accept: boolean): Promise<void>;
  /** Saves one answer at once, so a crash or a reload never loses it. */
  answer(instrumentId: string, itemId: string, value: number): Promise<void>;
  submit(): Promise<void>;
}

export interface RespondentSheet {
  consentText: string;
  /** True when the respondent agreed earlier (a resumed sheet goes straight to its next item). */
  consented: boolean;
  instruments: readonly InstrumentDefinition[];
  answers: Answers;
}

export type FlowEnd = 'submitted' | 'declined';

// Long enough to see the chosen answer light up, short enough not to feel slow.
const ADVANCE_MS = 280;

type Phase = 'consent' | 'confirmDecline' | 'question' | 'review';

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div className={styles.progress} data-testid="rs-progress">
      <div
        className={styles.track}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-label={label}
      >
        <div className={styles.fill} style={{ width: `${pct}%` }} />
      </div>
      <span className={styles.progressText}>{label}</span>
    </div>
  );
}

/** Consent → one item per screen → check and submit. The caller shows the thank-you screen. */
export function RespondentFlow({
  sheet,
  audience,
  backend,
  describeError,
  onDone,
}: {
  sheet: RespondentSheet;
  /** Students are addressed as 你 and pointed to teachers; women as 您 and pointed to staff. */
  audience: 'school' | 'perinatal';
  backend: RespondentBackend;
  describeError(error: unknown): string;
  onDone(end: FlowEnd): void;
}) {
  const { t, i18n } = useTranslation();
  // Students read 你, women 您 (the campaign's programme decides, wherever the sheet is shown).
  const allSteps = useMemo(
    () => buildSteps(sheet.instruments.map((def) => addressedTo(def, audience))),
    [sheet.instruments, audience],
  );
  const [answers, setAnswers] = useState<Answers>(sheet.answers);
  // A skipped question (PHQ-9 item 10 after all 0) is neither shown nor counted.
  const steps = useMemo(() => askedSteps(allSteps, answers), [allSteps, answers]);
  const resumed = sheet.consented || answeredCount(sheet.answers, steps) > 0;
  const [phase, setPhase] = useState<Phase>(() => {
    if (!resumed) return 'consent';
    return firstUnanswered(sheet.answers, steps) === -1 ? 'review' : 'question';
  });
  const [index, setIndex] = useState(() => Math.max(0, firstUnanswered(sheet.answers, steps)));
  const consentText = consentFor(audience, sheet.consentText, textLanguage(i18n.language));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(describeError(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function accept() {
    if (await run(() => backend.consent(true))) setPhase('question');
  }

  async function decline() {
    if (await run(() => backend.consent(false))) onDone('declined');
  }

  async function submit() {
    if (await run(() => backend.submit())) onDone('submitted');
  }

  // The step count can shrink with the answer just given (a skipped question), and the advance
  // timer holds the previous render's goTo: it reads the count as of now.
  const stepCount = useRef(steps.length);
  useLayoutEffect(() => {
    stepCount.current = steps.length;
  }, [steps.length]);
  const goTo = useCallback((next: number) => {
    setError(null);
    if (next >= stepCount.current) setPhase('review');
    else {
      setIndex(Math.max(0, next));
      setPhase('question');
    }
  }, []);

  const answered = answeredCount(answers, steps);

  if (phase === 'consent' || phase === 'confirmDecline') {
    return (
      <ConsentStep
        text={consentText}
        perinatal={audience === 'perinatal'}
        confirming={phase === 'confirmDecline'}
        busy={busy}
        error={error}
        onAccept={() => void accept()}
        onDecline={() => (phase === 'confirmDecline' ? void decline() : setPhase('confirmDecline'))}
        onCancelDecline={() => setPhase('consent')}
      />
    );
  }

  if (phase === 'review') {
    const missing = firstUnanswered(answers, steps);
    return (
      <Card center testId="rs-review" aria-labelledby="rs-review-title">
        <ProgressBar
          value={answered}
          max={steps.length}
          label={t('screening.respondent.answeredOf', { count: answered, total: steps.length })}
        />
        <IconBadge name={missing === -1 ? 'check' : 'pencil'} size={36} />
        <Title id="rs-review-title">
          {missing === -1
            ? t('screening.respondent.reviewDone')
            : t('screening.respondent.reviewMissing', { count: steps.length - answered })}
        </Title>
        <Lead>
          {missing === -1
            ? t('screening.respondent.reviewDoneBody')
            : t('screening.respondent.reviewMissingBody')}
        </Lead>
        <ErrorText>{error}</ErrorText>
        <Actions>
          <RsButton
            variant="ghost"
            onClick={() => goTo(missing === -1 ? steps.length - 1 : missing)}
            disabled={busy}
            data-testid="rs-review-back"
          >
            <RespondentIcon name="arrowLeft" size={20} />
            {missing === -1 ? t('screening.respondent.backToEdit') : t('screening.respondent.goToMissing')}
          </RsButton>
          {missing === -1 ? (
            <RsButton
              variant="primary"
              onClick={() => void submit()}
              disabled={busy}
              data-testid="rs-submit"
              autoFocus
            >
              {busy ? t('screening.respondent.submitting') : t('screening.respondent.submit')}
            </RsButton>
          ) : null}
        </Actions>
      </Card>
    );
  }

  // Past the end (the question there was skipped meanwhile): the review screen is next.
  const step = steps[Math.min(index, steps.length - 1)]!;
  return (
    <QuestionStep
      key={`${step.def.id}/${step.itemId}`}
      step={step}
      index={index}
      total={steps.length}
      parts={sheet.instruments.length}
      answered={answered}
      value={answerOf(answers, step)}
      error={error}
      busy={busy}
      onChoose={async (value) => {
        const previous = answers;
        // Shown at once; put back if the save fails so the screen never claims an unsaved answer.
        setAnswers(withAnswer(answers, step, value));
        const saved = await run(() => backend.answer(step.def.id, step.itemId, value));
        if (!saved) setAnswers(previous);
        return saved;
      }}
      onBack={index > 0 ? () => goTo(index - 1) : undefined}
      onNext={() => goTo(index + 1)}
    />
  );
}

function ConsentStep({
  text,
  perinatal,
  confirming,
  busy,
  error,
  onAccept,
  onDecline,
  onCancelDecline,
}: {
  text: string;
  perinatal: boolean;
  confirming: boolean;
  busy: boolean;
  error: string | null;
  onAccept(): void;
  onDecline(): void;
  onCancelDecline(): void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  if (confirming) {
    return (
      <Card center aria-labelledby={titleId} testId="rs-decline-confirm">
        <Title id={titleId}>{t('screening.respondent.declineTitle')}</Title>
        <Lead>
          {perinatal ? t('screening.respondent.declineBodyPerinatal') : t('screening.respondent.declineBody')}
        </Lead>
        <ErrorText>{error}</ErrorText>
        <Actions>
          <RsButton variant="ghost" onClick={onCancelDecline} disabled={busy}>
            <RespondentIcon name="arrowLeft" size={20} />
            {t('screening.respondent.declineBack')}
          </RsButton>
          <RsButton onClick={onDecline} disabled={busy} data-testid="rs-decline-confirm-button">
            {t('screening.respondent.declineConfirm')}
          </RsButton>
        </Actions>
      </Card>
    );
  }
  return (
    <Card aria-labelledby={titleId} testId="rs-consent">
      <Title id={titleId}>{t('screening.respondent.consentTitle')}</Title>
      <div className={styles.consentText}>
        {text.split(/\n+/).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </div>
      <Hint>
        {perinatal ? t('screening.respondent.consentHintPerinatal') : t('screening.respondent.consentHint')}
      </Hint>
      <ErrorText>{error}</ErrorText>
      <Actions split>
        <RsButton onClick={onDecline} disabled={busy} data-testid="rs-decline">
          {t('screening.respondent.decline')}
        </RsButton>
        <RsButton variant="primary" onClick={onAccept} disabled={busy} data-testid="rs-accept" autoFocus>
          {t('screening.respondent.accept')}
        </RsButton>
      </Actions>
    </Card>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

function QuestionStep({
  step,
  index,
  total,
  parts,
  answered,
  value,
  error,
  busy,
  onChoose,
  onBack,
  onNext,
}: {
  step: Step;
  index: number;
  total: number;
  parts: number;
  answered: number;
  value: number | undefined;
  error: string | null;
  busy: boolean;
  onChoose(value: number): Promise<boolean>;
  onBack?: () => void;
  onNext(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = textLanguage(i18n.language);
  const options = optionsFor(step, lang);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const optionRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const advance = useRef<ReturnType<typeof setTimeout> | null>(null);
  const selected = options.findIndex((o) => o.value === value);
  const [cursor, setCursor] = useState(selected);
  const headingId = useId();
  const isLast = index === total - 1;

  // Each new item is announced by moving focus to its text (the component is keyed per item).
  useEffect(() => {
    headingRef.current?.focus();
    return () => {
      if (advance.current) clearTimeout(advance.current);
    };
  }, []);

  async function choose(position: number) {
    const option = options[position];
    if (!option || busy) return;
    setCursor(position);
    if (advance.current) clearTimeout(advance.current);
    const saved = await onChoose(option.value);
    if (saved) advance.current = setTimeout(onNext, ADVANCE_MS);
  }

  function onKey(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    const digit = /^[1-9]$/.test(event.key) ? Number(event.key) : null;
    if (digit !== null && digit <= options.length) {
      event.preventDefault();
      void choose(digit - 1);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const delta = event.key === 'ArrowDown' ? 1 : -1;
      const start = cursor === -1 ? (delta > 0 ? -1 : options.length) : cursor;
      const next = (start + delta + options.length) % options.length;
      setCursor(next);
      optionRefs.current[next]?.focus();
    } else if (event.key === 'Enter') {
      // A focused button handles Enter itself; this covers focus on the question text.
      if (event.target instanceof HTMLButtonElement) return;
      event.preventDefault();
      if (cursor !== -1 && options[cursor]?.value !== value) void choose(cursor);
      else if (value !== undefined) onNext();
    } else if (event.key === 'ArrowLeft' && onBack) {
      event.preventDefault();
      onBack();
    } else if (event.key === 'ArrowRight' && value !== undefined) {
      event.preventDefault();
      onNext();
    }
  }

  // The listener is installed once per item and always calls the latest handler. Layout effects,
  // so a key pressed the instant a new item appears already reaches that item.
  const keyHandler = useRef(onKey);
  useLayoutEffect(() => {
    keyHandler.current = onKey;
  });
  useLayoutEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const stem = step.def.instructions[lang];
  return (
    <Card testId="rs-question" data-item={`${step.def.id}/${step.itemId}`}>
      <ProgressBar
        value={answered}
        max={total}
        label={t('screening.respondent.questionOf', { n: index + 1, total })}
      />
      <div className={styles.head}>
        {parts > 1 ? (
          <p className={styles.part}>{t('screening.respondent.part', { part: step.part + 1, parts })}</p>
        ) : null}
        <p className={styles.stem}>{stem}</p>
      </div>
      <h2 ref={headingRef} id={headingId} className={styles.item} tabIndex={-1} data-testid="rs-item-text">
        <span className={styles.itemNumber}>{step.itemNumber}.</span> {itemText(step, lang)}
      </h2>
      <div className={styles.options} role="radiogroup" aria-labelledby={headingId} aria-busy={busy}>
        {options.map((option, position) => {
          const checked = option.value === value;
          return (
            <button
              key={option.value}
              ref={(el) => {
                optionRefs.current[position] = el;
              }}
              type="button"
              role="radio"
              aria-checked={checked}
              tabIndex={position === (selected === -1 ? 0 : selected) ? 0 : -1}
              className={[styles.option, checked && styles.checked, cursor === position && styles.cursor]
                .filter(Boolean)
                .join(' ')}
              onClick={() => void choose(position)}
              data-testid="rs-option"
            >
              <span className={styles.key} aria-hidden="true">
                {position + 1}
              </span>
              <span className={styles.optionLabel}>{option.label[lang]}</span>
              {checked ? <RespondentIcon name="check" size={24} className={styles.check} /> : null}
            </button>
          );
        })}
      </div>
      <ErrorText testId="rs-error">{error}</ErrorText>
      <div className={styles.nav}>
        <RsButton variant="ghost" onClick={onBack} disabled={!onBack} data-testid="rs-back">
          <RespondentIcon name="arrowLeft" size={20} />
          {t('screening.respondent.back')}
        </RsButton>
        <p className={styles.keys} aria-hidden="true">
          {t('screening.respondent.keysHint', { max: options.length })}
        </p>
        <RsButton
          variant="primary"
          onClick={onNext}
          disabled={value === undefined || busy}
          data-testid="rs-next"
        >
          {isLast ? t('screening.respondent.toReview') : t('screening.respondent.next')}
          <RespondentIcon name="arrowRight" size={20} />
        </RsButton>
      </div>
    </Card>
  );
}
