import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign, ScreeningOutcome, ScreeningSession } from '../../../../../shared/api/screening';
import type { InstrumentDefinition } from '../../../../../shared/instruments/schema';
import { maskName } from '../../../../../shared/people/mask';
import { invoke, isApiCallError } from '../../../api/client';
import { describeError } from '../../../api/errors';
import { FieldRow } from '../../respondent/kit';
import { RespondentFlow, type FlowEnd, type RespondentBackend } from '../../respondent/RespondentFlow';
import { BirthField, checkBirth, IdNumberField, SignInCard } from '../../respondent/SignIn';
import { ThankYou } from '../../respondent/ThankYou';
import { useIdle } from '../../respondent/useIdle';
import { IdlePrompt } from './IdlePrompt';

const THANKS_SECONDS = 8;
// A respondent who walks away mid-form: ask, then clear the screen (answers stay saved for later).
const IDLE_MS = 120_000;
// Slows down someone trying 学籍号/birth-date pairs on a shared screen.
const MAX_TRIES = 5;
const LOCK_MS = 30_000;

type Stage =
  | { kind: 'identify' }
  | { kind: 'flow'; session: ScreeningSession; defs: InstrumentDefinition[] }
  | {
      kind: 'thanks';
      end: FlowEnd;
      outcome: ScreeningOutcome | null;
      session: ScreeningSession;
      defs: InstrumentDefinition[];
    };

/**
 * One respondent at the kiosk, from identification to the thank-you screen. The parent remounts
 * it (new key) for the next person, so nothing of this one survives in memory or on screen.
 */
export function KioskRespondent({
  campaign,
  definitions,
  onReset,
  onNameChange,
  onAnswered,
}: {
  campaign: Campaign;
  /** Instrument definitions are not personal; kept across respondents to save round trips. */
  definitions: Map<string, InstrumentDefinition>;
  onReset(): void;
  onNameChange(name: string | null): void;
  /** Told of each answer once it is saved (the kiosk's staff signal watches for critical ones). */
  onAnswered(instrumentId: string, itemId: string, value: number): void;
}) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'identify' });
  const [idle, setIdle] = useState(false);
  const [touched, setTouched] = useState(false);

  // Idle only matters once something personal is on screen (typed digits, a questionnaire).
  useIdle(IDLE_MS, () => setIdle(true), !idle && (stage.kind === 'flow' || touched));

  useEffect(() => {
    onNameChange(stage.kind === 'flow' ? maskName(stage.session.name) : null);
  }, [stage, onNameChange]);

  async function start(number: string, birthDate: string | undefined) {
    const { personId } = await invoke('screening.identify', { campaignId: campaign.id, number, birthDate });
    const session = await invoke('screening.start', { campaignId: campaign.id, personId, mode: 'kiosk' });
    if (session.status !== 'in_progress') throw new Error('closed');
    const defs = await Promise.all(
      session.battery.map(async (id) => {
        const known = definitions.get(id);
        if (known) return known;
        const def = await invoke('instruments.get', { id });
        definitions.set(id, def);
        return def;
      }),
    );
    setStage({ kind: 'flow', session, defs });
  }

  return (
    <>
      {stage.kind === 'identify' ? (
        <IdentifyForm programme={campaign.programme} onIdentify={start} onTouched={() => setTouched(true)} />
      ) : null}
      {stage.kind === 'flow' ? (
        <FlowStage
          audience={campaign.programme}
          session={stage.session}
          defs={stage.defs}
          onAnswered={onAnswered}
          onDone={(end, outcome) =>
            setStage({ kind: 'thanks', end, outcome, session: stage.session, defs: stage.defs })
          }
        />
      ) : null}
      {stage.kind === 'thanks' ? (
        <ThankYou
          end={stage.end}
          audience={campaign.programme}
          seconds={THANKS_SECONDS}
          onDone={onReset}
          result={
            stage.session.showResult && stage.outcome
              ? { results: stage.outcome.results, defs: stage.defs }
              : null
          }
        />
      ) : null}
      {idle ? (
        <IdlePrompt
          onStay={() => setIdle(false)}
          onLeave={onReset}
          title={
            campaign.programme === 'perinatal'
              ? t('screening.kiosk.idleTitlePerinatal')
              : t('screening.kiosk.idleTitle')
          }
        />
      ) : null}
      {stage.kind !== 'flow' ? null : <span className="sr-only">{t('screening.kiosk.saved')}</span>}
    </>
  );
}

function FlowStage({
  audience,
  session,
  defs,
  onAnswered,
  onDone,
}: {
  audience: Campaign['programme'];
  session: ScreeningSession;
  defs: InstrumentDefinition[];
  onAnswered(instrumentId: string, itemId: string, value: number): void;
  onDone(end: FlowEnd, outcome: ScreeningOutcome | null): void;
}) {
  const { t } = useTranslation();
  const perinatal = audience === 'perinatal';
  const outcome = useRef<ScreeningOutcome | null>(null);
  const backend: RespondentBackend = {
    consent: async (accept) => {
      await invoke(accept ? 'screening.consent' : 'screening.decline', { screeningId: session.screeningId });
    },
    answer: async (instrumentId, itemId, value) => {
      await invoke('screening.saveAnswer', { screeningId: session.screeningId, instrumentId, itemId, value });
      onAnswered(instrumentId, itemId, value);
    },
    submit: async () => {
      outcome.current = await invoke('screening.submit', { screeningId: session.screeningId });
    },
  };
  return (
    <RespondentFlow
      sheet={{ ...session, instruments: defs }}
      audience={audience}
      backend={backend}
      describeError={(error) =>
        describeError(error, {
          invalid_input: t('screening.respondent.incomplete'),
          conflict: perinatal
            ? t('screening.respondent.alreadyClosedPerinatal')
            : t('screening.respondent.alreadyClosed'),
          network: perinatal ? t('screening.respondent.networkPerinatal') : t('screening.respondent.network'),
        })
      }
      onDone={(end) => onDone(end, outcome.current)}
    />
  );
}

function IdentifyForm({
  programme,
  onIdentify,
  onTouched,
}: {
  programme: Campaign['programme'];
  onIdentify(number: string, birthDate: string | undefined): Promise<void>;
  onTouched(): void;
}) {
  const { t } = useTranslation();
  const school = programme === 'school';
  const [number, setNumber] = useState('');
  const [birth, setBirth] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tries, setTries] = useState(0);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);

  useEffect(() => {
    if (!lockedUntil) return;
    const update = () => {
      const left = Math.ceil((lockedUntil - Date.now()) / 1000);
      if (left <= 0) {
        setLockedUntil(null);
        setTries(0);
        setError(null);
      } else setSecondsLeft(left);
    };
    update();
    const timer = setInterval(update, 500);
    return () => clearInterval(timer);
  }, [lockedUntil]);

  const birthCheck = checkBirth(birth, school && submitted);
  const numberError = submitted && !number.trim() ? t('screening.respondent.numberRequired') : null;
  const locked = lockedUntil !== null;

  async function submit() {
    setSubmitted(true);
    if (locked || !number.trim() || (school && !checkBirth(birth, true).iso)) return;
    setBusy(true);
    setError(null);
    try {
      await onIdentify(number.trim(), school ? birthCheck.iso! : undefined);
    } catch (err) {
      const next = tries + 1;
      setTries(next);
      if (next >= MAX_TRIES) setLockedUntil(Date.now() + LOCK_MS);
      // One wording for "no such person" and "not in this campaign": the screen reveals nothing.
      if (isApiCallError(err, 'not_found') || isApiCallError(err, 'forbidden'))
        setError(
          school ? t('screening.respondent.noMatchSchool') : t('screening.respondent.noMatchPerinatal'),
        );
      else if (isApiCallError(err, 'conflict') || (err instanceof Error && err.message === 'closed'))
        setError(
          school ? t('screening.respondent.cannotStart') : t('screening.respondent.cannotStartPerinatal'),
        );
      else
        setError(
          describeError(err, {
            network: school ? t('screening.respondent.network') : t('screening.respondent.networkPerinatal'),
          }),
        );
    } finally {
      setBusy(false);
    }
  }

  const lockedMessage = locked
    ? school
      ? t('screening.respondent.tooManyTries', { count: secondsLeft })
      : t('screening.respondent.tooManyTriesPerinatal', { count: secondsLeft })
    : null;
  const numberField = (
    <IdNumberField
      perinatal={!school}
      value={number}
      onValue={(value) => {
        setNumber(value);
        onTouched();
      }}
      error={numberError}
      autoFocus
      testId="kiosk-number"
    />
  );
  return (
    <SignInCard
      testId="kiosk-identify"
      title={school ? t('screening.respondent.welcome') : t('screening.respondent.welcomePerinatal')}
      lead={
        school
          ? t('screening.respondent.identifyLeadSchool')
          : t('screening.respondent.identifyLeadPerinatal')
      }
      note={school ? t('screening.respondent.privacyNote') : t('screening.respondent.privacyNotePerinatal')}
      busy={busy}
      disabled={locked}
      // The lock-out is said on its own line so the refused sign-in stays readable above it.
      error={
        error || lockedMessage ? (
          <>
            {error}
            {error && lockedMessage ? <br /> : null}
            {lockedMessage}
          </>
        ) : null
      }
      errorTestId="kiosk-identify-error"
      startTestId="kiosk-start"
      onSubmit={() => void submit()}
    >
      {school ? (
        <FieldRow>
          {numberField}
          <BirthField
            value={birth}
            onValue={(value) => {
              setBirth(value);
              onTouched();
            }}
            problem={birthCheck.problem}
            testId="kiosk-birth"
          />
        </FieldRow>
      ) : (
        numberField
      )}
    </SignInCard>
  );
}
