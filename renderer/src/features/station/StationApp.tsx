import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInMode } from '../../../../shared/api/screening';
import type {
  StationDone,
  StationInfo,
  StationPending,
  StationSession,
} from '../../../../shared/api/station';
import { BigField, RespondentFrame } from '../respondent/Frame';
import { ChoiceTabs, Hint, MessageCard, RsButton } from '../respondent/kit';
import { RespondentFlow, type FlowEnd, type RespondentBackend } from '../respondent/RespondentFlow';
import { BirthField, checkBirth, CodeField, IdNumberField, SignInCard } from '../respondent/SignIn';
import { ThankYou } from '../respondent/ThankYou';
import { useIdle } from '../respondent/useIdle';
import styles from './StationApp.module.css';
import { StationError, stationClient, type IdentifyInput } from './api';
import { setStationLanguage, type StationLanguage } from './i18n';
import { refusalWords } from './refusals';

// Not personal: the room's code and this PC's seat are typed once per lesson, and the device id
// only tells this browser from another. The sign-in token is never stored: it lives in memory,
// so a lab PC keeps nothing of a respondent after submit, idle or a reload (issue 12).
const CODE_KEY = 'anxin.station.code';
const SEAT_KEY = 'anxin.station.seat';
const DEVICE_KEY = 'anxin.station.device';
// Where version 1 pages kept the token: removed on load, so no old token outlives an upgrade.
const LEGACY_TOKEN_KEY = 'anxin.station.token';
const THANKS_SECONDS = 15;
const POLL_MS = 2_000;
const DEFAULT_IDLE_SECONDS = 600;

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
    // Private browsing: the code and seat are simply typed again.
  }
}

/** A random id for this browser, made once; with the address it names this device to the station. */
function deviceId(): string {
  const kept = read(DEVICE_KEY);
  if (/^[A-Za-z0-9_-]{16,64}$/.test(kept)) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const made = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  write(DEVICE_KEY, made);
  return made;
}

type Stage =
  | { kind: 'boot' }
  | { kind: 'offline' }
  | { kind: 'identify'; message?: string }
  | { kind: 'waiting'; pending: StationPending }
  | { kind: 'flow'; session: StationSession }
  | { kind: 'thanks'; end: FlowEnd; audience: Audience; done: StationDone | null; session: StationSession };

type Audience = 'school' | 'perinatal';

/** Where to send someone for help, and how to address them. */
const audienceOf = (session: StationSession): Audience => session.programme;
const isPending = (r: StationSession | StationPending): r is StationPending =>
  r.status === 'pending_approval';

export function StationApp() {
  const { t, i18n } = useTranslation();
  const [device] = useState(deviceId);
  // Whose screening this is and how to sign in.
  const [info, setInfo] = useState<StationInfo | null>(null);
  // A maternal service's page speaks of staff and 您, never of teachers (info says which).
  const perinatal = info?.programme === 'perinatal';
  const client = useMemo(
    () =>
      stationClient(
        {
          fallback: perinatal ? t('screening.station.failedPerinatal') : t('screening.station.failed'),
          offline: perinatal ? t('screening.station.offlinePerinatal') : t('screening.station.offline'),
          refusal: refusalWords(t, perinatal ? 'perinatal' : 'school'),
        },
        device,
      ),
    [t, device, perinatal],
  );
  const [stage, setStage] = useState<Stage>({ kind: 'boot' });
  const [round, setRound] = useState(0);

  const loadInfo = useCallback(() => {
    client.info().then(
      (value) => {
        setInfo(value);
        setStage((s) => (s.kind === 'boot' || s.kind === 'offline' ? { kind: 'identify' } : s));
      },
      () => setStage({ kind: 'offline' }),
    );
  }, [client]);

  useEffect(() => {
    write(LEGACY_TOKEN_KEY, null);
    loadInfo();
    // Only on load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /**
   * Back to an empty sign-in form: a fresh key drops every trace of the last respondent from the
   * component tree, and the server is told this device is no longer theirs.
   */
  const reset = useCallback(
    (message?: string, token?: string) => {
      if (token) void client.signout(token).catch(() => undefined);
      setRound((n) => n + 1);
      setStage({ kind: 'identify', message });
      window.scrollTo(0, 0);
    },
    [client],
  );

  const finish = useCallback(
    (end: FlowEnd, session: StationSession, done: StationDone | null) => {
      void client.signout(session.token).catch(() => undefined);
      setStage({ kind: 'thanks', end, audience: audienceOf(session), done, session });
    },
    [client],
  );

  const begin = useCallback(
    (reply: StationSession | StationPending) => {
      if (isPending(reply)) return setStage({ kind: 'waiting', pending: reply });
      if (reply.status !== 'in_progress') {
        void client.signout(reply.token).catch(() => undefined);
        throw new StationError(
          reply.programme === 'perinatal'
            ? t('screening.respondent.cannotStartPerinatal')
            : t('screening.respondent.cannotStart'),
          'server',
        );
      }
      setStage({ kind: 'flow', session: reply });
    },
    [client, t],
  );

  // A lab PC left alone: after the idle time everything of the respondent goes, whatever the stage.
  useIdle(
    (info?.idleSeconds ?? DEFAULT_IDLE_SECONDS) * 1000,
    () => {
      const token = stage.kind === 'flow' ? stage.session.token : undefined;
      reset(
        stage.kind === 'flow' || stage.kind === 'waiting' ? t('screening.station.idleCleared') : undefined,
        token,
      );
    },
    stage.kind !== 'boot' && stage.kind !== 'offline',
  );

  const lang = (i18n.language === 'en' ? 'en' : 'zh-CN') as StationLanguage;
  // station.html's <title> is Chinese; the tab follows the language the respondent picked.
  useEffect(() => {
    document.title = t('screening.station.documentTitle');
  }, [t, lang]);
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
        <div className={styles.lang} role="group" aria-label={t('screening.station.language')}>
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
      {stage.kind === 'boot' ? <Hint>{t('screening.station.loading')}</Hint> : null}
      {stage.kind === 'offline' ? (
        <MessageCard
          icon="alert"
          title={t('screening.station.offlineTitle')}
          body={perinatal ? t('screening.station.offlinePerinatal') : t('screening.station.offline')}
          testId="station-offline"
        >
          <RsButton variant="primary" onClick={loadInfo}>
            {t('screening.station.retry')}
          </RsButton>
        </MessageCard>
      ) : null}
      {stage.kind === 'identify' && info ? (
        <Identify
          key={round}
          programme={info.programme}
          mode={info.signIn}
          message={stage.message}
          onIdentify={async (input) => begin(await client.identify(input))}
        />
      ) : null}
      {stage.kind === 'waiting' ? (
        <Waiting
          perinatal={perinatal}
          pending={stage.pending}
          poll={() => client.approval(stage.pending.ticket)}
          onReply={(reply) => {
            try {
              begin(reply);
            } catch (error) {
              reset(error instanceof Error ? error.message : undefined);
            }
          }}
          onEnd={(message) => reset(message)}
          onCancel={() => {
            void client.withdraw(stage.pending.ticket).catch(() => undefined);
            reset();
          }}
        />
      ) : null}
      {stage.kind === 'flow' ? (
        <Flow
          key={stage.session.token}
          session={stage.session}
          client={client}
          onDone={(end, done) => finish(end, stage.session, done)}
          onExpired={(message) => reset(message)}
        />
      ) : null}
      {stage.kind === 'thanks' ? (
        <ThankYou
          end={stage.end}
          audience={stage.audience}
          seconds={THANKS_SECONDS}
          onDone={() => reset()}
          // The station sends a result only when the campaign lets respondents see their own.
          result={
            stage.done?.result
              ? { results: stage.done.result.instruments, defs: stage.session.instruments }
              : null
          }
        />
      ) : null}
    </RespondentFrame>
  );
}

/** Waiting for staff: the ticket is asked about every few seconds; nothing of the sheet is here yet. */
function Waiting({
  perinatal,
  pending,
  poll,
  onReply,
  onEnd,
  onCancel,
}: {
  perinatal: boolean;
  pending: StationPending;
  poll(): Promise<StationSession | StationPending>;
  onReply(reply: StationSession): void;
  onEnd(message?: string): void;
  /** The respondent gave up waiting: the request is withdrawn from the board. */
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const latest = useRef({ poll, onReply, onEnd });
  useEffect(() => {
    latest.current = { poll, onReply, onEnd };
  });
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(() => {
      latest.current.poll().then(
        (reply) => {
          if (!stopped && !isPending(reply)) {
            stopped = true;
            latest.current.onReply(reply);
          }
        },
        (error: unknown) => {
          // A network hiccup: ask again next time. Refused or expired: back to the sign-in.
          if (stopped || !(error instanceof StationError) || error.kind === 'network') return;
          stopped = true;
          latest.current.onEnd(error.message);
        },
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [pending.ticket]);
  return (
    <MessageCard
      icon="alert"
      title={perinatal ? t('screening.station.waitingTitlePerinatal') : t('screening.station.waitingTitle')}
      body={perinatal ? t('screening.station.waitingBodyPerinatal') : t('screening.station.waitingBody')}
      testId="station-waiting"
      live
    >
      <RsButton onClick={onCancel} data-testid="station-waiting-cancel">
        {t('screening.station.waitingCancel')}
      </RsButton>
    </MessageCard>
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
      sheet={session}
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

const LEAD = {
  slip: 'screening.station.leadSlip',
  student_no_birth_code: 'screening.station.leadStudentNo',
  handbook_plus: 'screening.station.leadHandbook',
  checkin_code: 'screening.station.leadCheckin',
} as const satisfies Record<SignInMode, string>;
const PRIMARY_LABEL = {
  slip: 'screening.station.bySlip',
  student_no_birth_code: 'screening.station.byNumber',
  handbook_plus: 'screening.station.byRecord',
  checkin_code: 'screening.station.byCheckin',
} as const satisfies Record<SignInMode, string>;

/** The campaign's own way in, or a check-in code staff issued (always accepted). */
type Method = 'primary' | 'checkin';

function Identify({
  programme,
  mode,
  message,
  onIdentify,
}: {
  programme: Audience;
  mode: SignInMode;
  message?: string;
  onIdentify(input: IdentifyInput): Promise<void>;
}) {
  const perinatal = programme === 'perinatal';
  const { t } = useTranslation();
  const [method, setMethod] = useState<Method>(mode === 'checkin_code' ? 'checkin' : 'primary');
  const [code, setCode] = useState(() => codeFromAddress() ?? read(CODE_KEY));
  const [studentNo, setStudentNo] = useState('');
  const [birth, setBirth] = useState('');
  const [second, setSecond] = useState<'birth' | 'phone'>('birth');
  const [phone, setPhone] = useState('');
  const [slip, setSlip] = useState('');
  const [checkin, setCheckin] = useState('');
  const [seat, setSeat] = useState(() => read(SEAT_KEY));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(message ?? null);

  const way: SignInMode | 'checkin' = method === 'checkin' ? 'checkin' : mode;
  const needsBirth = way === 'student_no_birth_code' || (way === 'handbook_plus' && second === 'birth');
  const birth_ = checkBirth(birth, needsBirth);
  const errors = {
    code: code.trim().length < 4 ? t('screening.station.codeRequired') : null,
    studentNo:
      (way === 'student_no_birth_code' || way === 'handbook_plus') && !studentNo.trim()
        ? t('screening.respondent.numberRequired')
        : null,
    birth: birth_.problem,
    phone:
      way === 'handbook_plus' && second === 'phone' && !/^\d{4}$/.test(phone.trim())
        ? t('screening.station.phoneRequired')
        : null,
    slip: way === 'slip' && slip.trim().length < 4 ? t('screening.station.slipRequired') : null,
    checkin: way === 'checkin' && checkin.trim().length < 4 ? t('screening.station.checkinRequired') : null,
  };

  function request(stationCode: string, seatValue: string | undefined): IdentifyInput {
    const base = { stationCode, seat: seatValue };
    switch (way) {
      case 'checkin':
      case 'checkin_code':
        return { ...base, checkinCode: checkin.trim().toUpperCase() };
      case 'slip':
        return { ...base, slipCode: slip.trim().toUpperCase() };
      case 'student_no_birth_code':
        return { ...base, studentNo: studentNo.trim(), birthDate: birth_.iso! };
      case 'handbook_plus':
        return second === 'birth'
          ? { ...base, recordNo: studentNo.trim(), birthDate: birth_.iso! }
          : { ...base, recordNo: studentNo.trim(), phoneLast4: phone.trim() };
    }
  }

  async function submit() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    setBusy(true);
    setError(null);
    const stationCode = code.trim().toUpperCase();
    const seatValue = seat.trim() || undefined;
    write(CODE_KEY, stationCode);
    write(SEAT_KEY, seatValue ?? null);
    try {
      await onIdentify(request(stationCode, seatValue));
    } catch (err) {
      setError(
        err instanceof Error
          ? err.message
          : perinatal
            ? t('screening.station.failedPerinatal')
            : t('screening.station.failed'),
      );
    } finally {
      setBusy(false);
    }
  }

  const show = <K extends keyof typeof errors>(key: K) => (submitted ? errors[key] : null);
  return (
    <SignInCard
      testId="station-identify"
      title={perinatal ? t('screening.respondent.welcomePerinatal') : t('screening.respondent.welcome')}
      lead={t(LEAD[mode])}
      note={
        perinatal ? t('screening.respondent.privacyNotePerinatal') : t('screening.respondent.privacyNote')
      }
      busy={busy}
      error={error}
      errorTestId="station-error"
      startTestId="station-start"
      onSubmit={() => void submit()}
    >
      <CodeField
        label={t('screening.station.code')}
        value={code}
        onValue={setCode}
        error={show('code')}
        hint={perinatal ? t('screening.station.codeHintPerinatal') : t('screening.station.codeHint')}
        maxLength={12}
        testId="station-code-input"
      />
      {mode === 'checkin_code' ? null : (
        <ChoiceTabs<Method>
          label={t('screening.station.method')}
          value={method}
          onChange={setMethod}
          items={[
            {
              value: 'primary',
              label: t(PRIMARY_LABEL[mode]),
              testId: mode === 'slip' ? 'station-by-slip' : 'station-by-number',
            },
            { value: 'checkin', label: t('screening.station.byCheckin'), testId: 'station-by-checkin' },
          ]}
        />
      )}
      {way === 'slip' ? (
        <CodeField
          label={t('screening.station.slip')}
          value={slip}
          onValue={setSlip}
          error={show('slip')}
          hint={t(perinatal ? 'screening.station.slipHintPerinatal' : 'screening.station.slipHint')}
          maxLength={16}
          testId="station-slip"
        />
      ) : null}
      {way === 'checkin' || way === 'checkin_code' ? (
        <CodeField
          label={t('screening.station.checkin')}
          value={checkin}
          onValue={setCheckin}
          error={show('checkin')}
          hint={t('screening.station.checkinHint')}
          maxLength={16}
          testId="station-checkin"
        />
      ) : null}
      {way === 'student_no_birth_code' || way === 'handbook_plus' ? (
        <IdNumberField
          perinatal={perinatal}
          value={studentNo}
          onValue={setStudentNo}
          error={show('studentNo')}
          testId="station-number"
        />
      ) : null}
      {way === 'handbook_plus' ? (
        <ChoiceTabs<'birth' | 'phone'>
          label={t('screening.station.secondFactor')}
          value={second}
          onChange={setSecond}
          items={[
            { value: 'birth', label: t('screening.station.byBirth'), testId: 'station-second-birth' },
            { value: 'phone', label: t('screening.station.byPhone'), testId: 'station-second-phone' },
          ]}
        />
      ) : null}
      {needsBirth ? (
        <BirthField
          value={birth}
          onValue={setBirth}
          problem={show('birth')}
          hint={way === 'handbook_plus' ? t('screening.station.birthWithHandbook') : undefined}
          testId="station-birth"
        />
      ) : null}
      {way === 'handbook_plus' && second === 'phone' ? (
        <BigField
          label={t('screening.station.phoneLast4')}
          value={phone}
          onChange={(e) => setPhone(e.target.value.replace(/\D/g, '').slice(0, 4))}
          error={show('phone')}
          inputMode="numeric"
          maxLength={4}
          data-testid="station-phone"
        />
      ) : null}
      <BigField
        label={t(perinatal ? 'screening.station.seatPerinatal' : 'screening.station.seat')}
        value={seat}
        onChange={(e) => setSeat(e.target.value)}
        hint={t(perinatal ? 'screening.station.seatHintPerinatal' : 'screening.station.seatHint')}
        maxLength={32}
        data-testid="station-seat"
      />
    </SignInCard>
  );
}
