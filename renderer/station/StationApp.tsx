import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationDone, StationInfo, StationSession } from '../../shared/api/station';
import { BigField, RespondentFrame } from '../src/respondent/Frame';
import { normaliseDate } from '../src/respondent/model';
import { RespondentFlow, type FlowEnd, type RespondentBackend } from '../src/respondent/RespondentFlow';
import { RespondentIcon } from '../src/respondent/RespondentIcon';
import { ResultSummary } from '../src/respondent/ResultSummary';
import { ThankYou } from '../src/respondent/ThankYou';
import { StationError, stationClient, type IdentifyInput } from './api';
import { setStationLanguage, type StationLanguage } from './i18n';

// Kept in this browser so a reloaded lab PC resumes the same sheet at the same item.
const TOKEN_KEY = 'anxin.station.token';
// Not personal: the room's code and this PC's seat are typed once per lesson.
const CODE_KEY = 'anxin.station.code';
const SEAT_KEY = 'anxin.station.seat';
const THANKS_SECONDS = 15;

function read(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Private browsing: the sheet still works, it just cannot resume after a reload.
  }
}

type Stage =
  | { kind: 'boot' }
  | { kind: 'offline'; token: string }
  | { kind: 'identify'; message?: string }
  | { kind: 'flow'; session: StationSession }
  | { kind: 'thanks'; end: FlowEnd; audience: Audience; done: StationDone | null; session: StationSession };

type Audience = 'school' | 'perinatal';

/** Where to send someone for help, and how to address them. */
const audienceOf = (session: StationSession): Audience => session.programme;

export function StationApp() {
  const { t, i18n } = useTranslation();
  const client = useMemo(
    () => stationClient({ fallback: t('screening.station.failed'), offline: t('screening.station.offline') }),
    [t],
  );
  const [stage, setStage] = useState<Stage>({ kind: 'boot' });
  const [round, setRound] = useState(0);
  // Whose screening this is; the sign-in works without it (an older or unreachable station).
  const [info, setInfo] = useState<StationInfo | null>(null);

  useEffect(() => {
    client.info().then(setInfo, () => setInfo(null));
  }, [client]);

  const resume = useCallback(
    async (token: string) => {
      try {
        const session = await client.session(token);
        if (session.status === 'in_progress') return setStage({ kind: 'flow', session });
        // Reloaded right after finishing: the same closing screen, then the next respondent.
        write(TOKEN_KEY, null);
        setStage({
          kind: 'thanks',
          end: session.status,
          audience: audienceOf(session),
          done: session.done,
          session,
        });
      } catch (error) {
        if (error instanceof StationError && error.kind === 'network')
          return setStage({ kind: 'offline', token });
        // The station was restarted or the sheet closed elsewhere: start again from the sign-in.
        write(TOKEN_KEY, null);
        setStage({ kind: 'identify', message: t('screening.station.sessionEnded') });
      }
    },
    [client, t],
  );

  useEffect(() => {
    const token = read(TOKEN_KEY);
    if (token) void resume(token);
    else setStage({ kind: 'identify' });
    // Only on load: later stages move on their own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const finish = useCallback((end: FlowEnd, session: StationSession, done: StationDone | null) => {
    write(TOKEN_KEY, null);
    setStage({ kind: 'thanks', end, audience: audienceOf(session), done, session });
  }, []);

  // The sign-in lapsed or the teacher stopped the station: back to sign-in with the server's words.
  const expired = useCallback((message: string) => {
    write(TOKEN_KEY, null);
    setRound((n) => n + 1);
    setStage({ kind: 'identify', message });
  }, []);

  const next = useCallback(() => {
    // A fresh key clears every trace of the previous respondent from the component tree.
    setRound((n) => n + 1);
    setStage({ kind: 'identify' });
    window.scrollTo(0, 0);
  }, []);

  const lang = (i18n.language === 'en' ? 'en' : 'zh-CN') as StationLanguage;
  return (
    <RespondentFrame
      title={t('screening.station.title')}
      subtitle={
        stage.kind === 'flow'
          ? stage.session.displayName
          : info
            ? [info.orgName, info.campaignName].filter(Boolean).join(' · ')
            : t('screening.station.subtitle')
      }
      aside={
        <div className="rs-lang" role="group" aria-label={t('screening.station.language')}>
          {(['zh-CN', 'en'] as const).map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              aria-pressed={lang === l}
              onClick={() => setStationLanguage(l)}
            >
              {l === 'en' ? 'English' : '中文'}
            </button>
          ))}
        </div>
      }
      testId="station-app"
    >
      {stage.kind === 'boot' ? <p className="rs-hint">{t('screening.station.loading')}</p> : null}
      {stage.kind === 'offline' ? (
        <section className="rs-card rs-center" data-testid="station-offline">
          <RespondentIcon name="alert" size={40} />
          <h2 className="rs-title">{t('screening.station.offlineTitle')}</h2>
          <p className="rs-lead">{t('screening.station.offlineBody')}</p>
          <button type="button" className="rs-btn rs-btn-primary" onClick={() => void resume(stage.token)}>
            {t('screening.station.retry')}
          </button>
        </section>
      ) : null}
      {stage.kind === 'identify' ? (
        <Identify
          key={round}
          programme={info?.programme ?? 'school'}
          message={stage.message}
          onIdentify={async (input) => {
            const session = await client.identify(input);
            write(TOKEN_KEY, session.token);
            if (session.status !== 'in_progress') {
              write(TOKEN_KEY, null);
              throw new StationError(t('screening.respondent.cannotStart'), 'server');
            }
            setStage({ kind: 'flow', session });
          }}
        />
      ) : null}
      {stage.kind === 'flow' ? (
        <Flow
          key={stage.session.token}
          session={stage.session}
          client={client}
          onDone={(end, done) => finish(end, stage.session, done)}
          onExpired={expired}
        />
      ) : null}
      {stage.kind === 'thanks' ? (
        <ThankYou end={stage.end} audience={stage.audience} seconds={THANKS_SECONDS} onDone={next}>
          {/* The station sends a result only when the campaign lets respondents see their own. */}
          {stage.end === 'submitted' && stage.done?.result ? (
            <ResultSummary
              results={stage.done.result.instruments}
              defs={stage.session.instruments}
              perinatal={stage.audience === 'perinatal'}
            />
          ) : null}
        </ThankYou>
      ) : null}
    </RespondentFrame>
  );
}

function Flow({
  session,
  client,
  onDone,
  onExpired,
}: {
  session: StationSession;
  client: ReturnType<typeof stationClient>;
  onDone(end: FlowEnd, done: StationDone | null): void;
  onExpired(message: string): void;
}) {
  const done = useRef<StationDone | null>(null);
  async function guard(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      // 401: the sign-in expired; 503: the station closed. Answers so far are kept on the server.
      if (error instanceof StationError && (error.status === 401 || error.status === 503))
        onExpired(error.message);
      throw error;
    }
  }
  const backend: RespondentBackend = {
    consent: (accept) => guard(() => client.consent(session.token, accept)),
    answer: (instrumentId, itemId, value) =>
      guard(() => client.answer(session.token, instrumentId, itemId, value)),
    submit: () =>
      guard(async () => {
        done.current = await client.submit(session.token);
      }),
  };
  return (
    <RespondentFlow
      audience={audienceOf(session)}
      sheet={{
        consentText: session.consentText,
        consented: session.consented,
        instruments: session.instruments,
        answers: session.answers,
      }}
      backend={backend}
      // The station writes its messages for respondents; show them as they are.
      describeError={(error) => (error instanceof Error ? error.message : String(error))}
      onDone={(end) => onDone(end, done.current)}
    />
  );
}

/** The QR code opens the page as /station/#code=ABC123, so a phone arrives with the code filled in. */
function codeFromAddress(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('code');
  return fromHash ?? new URLSearchParams(window.location.search).get('code');
}

function Identify({
  programme,
  message,
  onIdentify,
}: {
  programme: Audience;
  message?: string;
  onIdentify(input: IdentifyInput): Promise<void>;
}) {
  // A woman confirms who she is with one number (her handbook or ID), a student with two.
  const perinatal = programme === 'perinatal';
  const { t } = useTranslation();
  const [method, setMethod] = useState<'number' | 'slip'>('number');
  const [code, setCode] = useState(() => codeFromAddress() ?? read(CODE_KEY));
  const [studentNo, setStudentNo] = useState('');
  const [birth, setBirth] = useState('');
  const [slip, setSlip] = useState('');
  const [seat, setSeat] = useState(() => read(SEAT_KEY));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(message ?? null);

  const birthIso = normaliseDate(birth);
  const codeOk = code.trim().length >= 4;
  const errors = {
    code: !codeOk ? t('screening.station.codeRequired') : null,
    studentNo: method === 'number' && !studentNo.trim() ? t('screening.respondent.numberRequired') : null,
    birth:
      method === 'number' && !perinatal
        ? !birth.trim()
          ? t('screening.respondent.birthRequired')
          : !birthIso
            ? t('screening.respondent.birthInvalid')
            : null
        : null,
    slip: method === 'slip' && slip.trim().length < 4 ? t('screening.station.slipRequired') : null,
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    setBusy(true);
    setError(null);
    const stationCode = code.trim().toUpperCase();
    const seatValue = seat.trim() || undefined;
    write(CODE_KEY, stationCode);
    write(SEAT_KEY, seatValue ?? null);
    try {
      await onIdentify(
        method === 'slip'
          ? { stationCode, slipCode: slip.trim().toUpperCase(), seat: seatValue }
          : perinatal
            ? { stationCode, recordNo: studentNo.trim(), seat: seatValue }
            : { stationCode, studentNo: studentNo.trim(), birthDate: birthIso!, seat: seatValue },
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : t('screening.station.failed'));
    } finally {
      setBusy(false);
    }
  }

  const show = (key: keyof typeof errors) => (submitted ? errors[key] : null);
  return (
    <section className="rs-card" data-testid="station-identify" aria-labelledby="station-identify-title">
      <div>
        <h2 id="station-identify-title" className="rs-title">
          {t('screening.respondent.welcome')}
        </h2>
        <p className="rs-lead">
          {t(perinatal ? 'screening.station.leadPerinatal' : 'screening.station.lead')}
        </p>
      </div>
      <form className="rs-form" noValidate onSubmit={(e) => void submit(e)} autoComplete="off">
        <BigField
          label={t('screening.station.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={show('code')}
          hint={t('screening.station.codeHint')}
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={12}
          data-testid="station-code-input"
        />
        <div className="rs-tabs" role="tablist" aria-label={t('screening.station.method')}>
          <button
            type="button"
            role="tab"
            className="rs-tab"
            aria-selected={method === 'number'}
            onClick={() => setMethod('number')}
          >
            {t(perinatal ? 'screening.station.byRecord' : 'screening.station.byNumber')}
          </button>
          <button
            type="button"
            role="tab"
            className="rs-tab"
            aria-selected={method === 'slip'}
            onClick={() => setMethod('slip')}
            data-testid="station-by-slip"
          >
            {t('screening.station.bySlip')}
          </button>
        </div>
        {method === 'number' && perinatal ? (
          <BigField
            label={t('screening.respondent.handbookNo')}
            value={studentNo}
            onChange={(e) => setStudentNo(e.target.value)}
            error={show('studentNo')}
            spellCheck={false}
            maxLength={32}
            data-testid="station-number"
          />
        ) : null}
        {method === 'number' && !perinatal ? (
          <div className="rs-form-row">
            <BigField
              label={t('screening.respondent.studentNo')}
              value={studentNo}
              onChange={(e) => setStudentNo(e.target.value)}
              error={show('studentNo')}
              inputMode="numeric"
              spellCheck={false}
              maxLength={32}
              data-testid="station-number"
            />
            <BigField
              label={t('screening.respondent.birthDate')}
              value={birth}
              onChange={(e) => setBirth(e.target.value)}
              error={show('birth')}
              hint={t('screening.respondent.birthHint')}
              placeholder={t('screening.respondent.birthPlaceholder')}
              inputMode="numeric"
              maxLength={16}
              data-testid="station-birth"
            />
          </div>
        ) : null}
        {method === 'slip' ? (
          <BigField
            label={t('screening.station.slip')}
            value={slip}
            onChange={(e) => setSlip(e.target.value)}
            error={show('slip')}
            hint={t(perinatal ? 'screening.station.slipHintPerinatal' : 'screening.station.slipHint')}
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={16}
            data-testid="station-slip"
          />
        ) : null}
        <BigField
          label={t('screening.station.seat')}
          value={seat}
          onChange={(e) => setSeat(e.target.value)}
          hint={t(perinatal ? 'screening.station.seatHintPerinatal' : 'screening.station.seatHint')}
          maxLength={32}
          data-testid="station-seat"
        />
        {error ? (
          <p className="rs-error" role="alert" data-testid="station-error">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          className="rs-btn rs-btn-primary rs-btn-block"
          disabled={busy}
          data-testid="station-start"
        >
          {busy ? t('screening.respondent.checking') : t('screening.respondent.start')}
        </button>
      </form>
      <p className="rs-hint">{t('screening.respondent.privacyNote')}</p>
    </section>
  );
}
