import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams } from 'react-router';
import type { Campaign } from '../../../../../shared/api/screening';
import type { InstrumentDefinition } from '../../../../../shared/instruments/schema';
import { useAlertCentre } from '../../alerts/store';
import { ApiCallError, invoke } from '../../../api/client';
import { useServerEvents } from '../../../api/events';
import { useApiQuery } from '../../../api/query';
import { useQueryClient } from '@tanstack/react-query';
import type { ApiOutput } from '../../../../../shared/api/contract';
import { describeError } from '../../../api/errors';
import { Alert } from '../../../ui/Alert';
import { TextField } from '../../../ui/Field';
import { LoadState } from '../../../ui/LoadState';
import { PageHeader } from '../../../ui/PageHeader';
import { usePageTitle } from '../../../lib/usePageTitle';
import { RespondentFrame } from '../../respondent/Frame';
import {
  Actions,
  Card,
  ErrorText,
  inputClass,
  Lead,
  MessageCard,
  RsButton,
  Title,
} from '../../respondent/kit';
import { RespondentIcon } from '../../respondent/RespondentIcon';
import { KioskLayer } from './IdlePrompt';
import styles from './Kiosk.module.css';
import { campaignBattery } from '../api';
import { BackLink } from '../ui';
import { AdminUnlock, isPinLocked } from './AdminUnlock';
import { KioskRespondent } from './KioskRespondent';
import { enterFullscreen, isolate, leaveFullscreen, lockDown } from './lockdown';
import { Button } from '../../../ui/Button';

const PIN_PATTERN = /^\d{4,8}$/;
/** A PIN as typed: digits only, at most eight. */
const digits = (value: string) => value.replace(/\D/g, '').slice(0, 8);
/** A new PIN's two fields: hidden digits the browser must not offer to remember. */
const pinInput = {
  type: 'password',
  inputMode: 'numeric',
  autoComplete: 'new-password',
  required: true,
} as const;

/** 本机施测: this computer becomes a locked questionnaire station until the screener enters the PIN. */
export function KioskPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const progress = useApiQuery('campaigns.progress', { id });
  const campaign = progress.data?.campaign;
  const perinatal = campaign?.programme === 'perinatal';
  usePageTitle(perinatal ? t('screening.kiosk.titlePerinatal') : t('screening.kiosk.title'));
  const navigate = useNavigate();
  const pin = useRef<string | null>(null);
  const [running, setRunning] = useState(false);
  const runningRef = useRef(false);

  // While running, every in-app navigation (the Back button included) is refused.
  const blocker = useBlocker(() => runningRef.current);
  useEffect(() => {
    if (blocker.state === 'blocked') blocker.reset();
  }, [blocker]);

  // The staff signal: set by a critical answer given here, or by any alert raised meanwhile
  // (pushed events carry no personal data). It opens the alert panel when the PIN ends the kiosk.
  const [raised, setRaised] = useState(false);
  const raisedRef = useRef(false);
  const markRaised = useCallback(() => {
    if (!runningRef.current) return;
    raisedRef.current = true;
    setRaised(true);
  }, []);
  useServerEvents(['alert.raised'], markRaised);
  const setQuiet = useAlertCentre((s) => s.setQuiet);
  const setPanelOpen = useAlertCentre((s) => s.setPanelOpen);
  useEffect(() => () => setQuiet('kiosk', false), [setQuiet]);

  const start = useCallback(
    (newPin: string) => {
      pin.current = newPin;
      runningRef.current = true;
      raisedRef.current = false;
      setRaised(false);
      // No sound, panel or alert fetch while respondents have the screen.
      setQuiet('kiosk', true);
      setPanelOpen(false);
      setRunning(true);
      // Called inside the click handler: browsers allow fullscreen only from a user gesture.
      void enterFullscreen();
      // The services then refuse everything but the respondent flow, and Electron locks its window.
      void invoke('kiosk.enter', { campaignId: id, pin: newPin });
    },
    [id, setQuiet, setPanelOpen],
  );

  const queryClient = useQueryClient();
  const stop = useCallback(() => {
    const entered = pin.current;
    runningRef.current = false;
    pin.current = null;
    setRunning(false);
    void leaveFullscreen();
    void (entered ? invoke('kiosk.exit', { pin: entered }) : Promise.resolve({})).finally(() => {
      setQuiet('kiosk', false);
      // Anything the services refused while the kiosk ran is asked again, now answered.
      void queryClient.resetQueries();
      // At the latest now, staff see what was raised while the kiosk ran.
      if (raisedRef.current) setPanelOpen(true);
      navigate(`/app/campaigns/${id}`);
    });
  }, [id, navigate, setQuiet, setPanelOpen, queryClient]);

  if (!campaign)
    return (
      <div className="page">
        <BackLink to={`/app/campaigns/${id}`} label={t('screening.kiosk.backToCampaign')} />
        <LoadState query={progress} failed={t('screening.detail.loadFailed')}>
          {() => null}
        </LoadState>
      </div>
    );
  if (running)
    return <KioskRunning campaign={campaign} raised={raised} onCritical={markRaised} onExit={stop} />;
  return <KioskSetup campaign={campaign} onStart={start} />;
}

function KioskSetup({ campaign, onStart }: { campaign: Campaign; onStart(pin: string): void }) {
  const { t } = useTranslation();
  const perinatal = campaign.programme === 'perinatal';
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const pinError = !PIN_PATTERN.test(pin) ? t('screening.kiosk.pinRule') : undefined;
  const confirmError = confirm !== pin ? t('screening.kiosk.pinMismatch') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (pinError || confirmError) return;
    onStart(pin);
  }

  return (
    <div className={`page ${styles.narrow}`} data-testid="kiosk-setup">
      <PageHeader
        before={<BackLink to={`/app/campaigns/${campaign.id}`} label={t('screening.kiosk.backToCampaign')} />}
        title={perinatal ? t('screening.kiosk.titlePerinatal') : t('screening.kiosk.title')}
        subtitle={`${campaign.name} · ${campaignBattery(campaign).join(' + ')}`}
      />
      <section className={`card card-pad ${styles.setup}`}>
        <ol className={styles.steps}>
          <li>{perinatal ? t('screening.kiosk.step1Perinatal') : t('screening.kiosk.step1')}</li>
          <li>{t('screening.kiosk.step2')}</li>
          <li>{perinatal ? t('screening.kiosk.step3Perinatal') : t('screening.kiosk.step3')}</li>
        </ol>
        <form className="form" noValidate onSubmit={submit}>
          <div className="form-grid">
            <TextField
              {...pinInput}
              label={t('screening.kiosk.pin')}
              value={pin}
              onValue={(v) => setPin(digits(v))}
              error={submitted ? pinError : undefined}
              hint={t('screening.kiosk.pinHint')}
              autoFocus
              data-testid="kiosk-pin"
            />
            <TextField
              {...pinInput}
              label={t('screening.kiosk.pinConfirm')}
              value={confirm}
              onValue={(v) => setConfirm(digits(v))}
              error={submitted ? confirmError : undefined}
              data-testid="kiosk-pin-confirm"
            />
          </div>
          <Alert kind="info">
            {perinatal ? t('screening.kiosk.browserNotePerinatal') : t('screening.kiosk.browserNote')}
          </Alert>
          <div>
            <Button variant="primary" size="lg" icon="lock" type="submit" data-testid="kiosk-begin">
              {perinatal ? t('screening.kiosk.beginPerinatal') : t('screening.kiosk.begin')}
            </Button>
          </div>
        </form>
      </section>
    </div>
  );
}

function KioskRunning({
  campaign,
  raised,
  pinLocked = false,
  onCritical,
  onExit,
}: {
  campaign: Campaign;
  raised: boolean;
  /** Resumed after a reload with the PIN already locked: the way out is an administrator's password. */
  pinLocked?: boolean;
  onCritical(): void;
  onExit(): void;
}) {
  const { t } = useTranslation();
  const perinatal = campaign.programme === 'perinatal';
  const [round, setRound] = useState(0);
  const [name, setName] = useState<string | null>(null);
  const [askPin, setAskPin] = useState(false);
  const [lostFullscreen, setLostFullscreen] = useState(false);
  // Instrument definitions are not personal; kept across respondents to save round trips.
  const [definitions] = useState(() => new Map<string, InstrumentDefinition>());
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => lockDown(), []);
  // Nothing behind the kiosk screen takes focus (Tab never reaches the hidden menu).
  useEffect(() => (root.current ? isolate(root.current) : undefined), []);

  useEffect(() => {
    let hadFullscreen = Boolean(document.fullscreenElement);
    function onChange() {
      if (document.fullscreenElement) {
        hadFullscreen = true;
        setLostFullscreen(false);
      } else if (hadFullscreen) setLostFullscreen(true);
    }
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const onAnswered = useCallback(
    (instrumentId: string, itemId: string, value: number) => {
      const rule = definitions.get(instrumentId)?.criticalItems.find((c) => c.item === itemId);
      if (rule && value >= rule.min) onCritical();
    },
    [definitions, onCritical],
  );

  const reset = useCallback(() => {
    // A new key drops every piece of the previous respondent's state; focus and scroll start over.
    setName(null);
    setRound((n) => n + 1);
    window.scrollTo(0, 0);
  }, []);

  return (
    <div className={styles.kiosk} data-testid="kiosk" ref={root}>
      <RespondentFrame
        title={campaign.name}
        subtitle={name ? t('screening.kiosk.answering', { name }) : t('screening.kiosk.subtitle')}
        aside={
          <button
            type="button"
            className={styles.exit}
            onClick={() => setAskPin(true)}
            aria-label={perinatal ? t('screening.kiosk.exitPerinatal') : t('screening.kiosk.exit')}
            data-testid="kiosk-exit"
          >
            <RespondentIcon name="lock" size={16} />
            <span>{perinatal ? t('screening.kiosk.teacherPerinatal') : t('screening.kiosk.teacher')}</span>
            <StaffSignal raised={raised} />
          </button>
        }
      >
        <KioskRespondent
          key={round}
          campaign={campaign}
          definitions={definitions}
          onReset={reset}
          onNameChange={setName}
          onAnswered={onAnswered}
        />
      </RespondentFrame>
      {lostFullscreen && !askPin ? (
        <KioskLayer testId="kiosk-fullscreen-lost">
          <MessageCard
            className={styles.layerCard}
            title={t('screening.kiosk.fullscreenLost')}
            body={t('screening.kiosk.fullscreenLostBody')}
          >
            <RsButton
              variant="primary"
              onClick={() => {
                setLostFullscreen(false);
                void enterFullscreen();
              }}
            >
              <RespondentIcon name="expand" size={20} />
              {t('screening.kiosk.backToFullscreen')}
            </RsButton>
          </MessageCard>
        </KioskLayer>
      ) : null}
      {askPin ? (
        <PinPad
          perinatal={perinatal}
          initiallyLocked={pinLocked}
          onCancel={() => setAskPin(false)}
          onUnlock={() => {
            setAskPin(false);
            onExit();
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * The screener's signal, which a respondent does not read as one: a small ring on the teacher
 * button that fills in (same quiet colour, no red, no text, no motion) once a critical answer
 * was given or any alert raised during this kiosk session. Staff are told in the README; after
 * the PIN the alert panel opens by itself.
 */
function StaffSignal({ raised }: { raised: boolean }) {
  return (
    <span
      className={raised ? `${styles.signal} ${styles.signalOn}` : styles.signal}
      aria-hidden="true"
      data-testid="kiosk-signal"
      data-state={raised ? 'raised' : 'idle'}
    />
  );
}

/**
 * The teacher's way out. The services check the PIN and count wrong ones; after five they accept
 * only an administrator's user name and password, typed here (AdminUnlock).
 */
function PinPad({
  perinatal,
  initiallyLocked,
  onCancel,
  onUnlock,
}: {
  perinatal: boolean;
  initiallyLocked: boolean;
  onCancel(): void;
  onUnlock(): void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [locked, setLocked] = useState(initiallyLocked);
  const [error, setError] = useState<string | null>(initiallyLocked ? t('screening.kiosk.pinLocked') : null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => inputRef.current?.focus(), []);
  const cancel = perinatal ? t('screening.kiosk.exitCancelPerinatal') : t('screening.kiosk.exitCancel');

  function check(event: FormEvent) {
    event.preventDefault();
    if (!value || busy) return;
    setBusy(true);
    invoke('kiosk.exit', { pin: value })
      .then(onUnlock)
      .catch((e: unknown) => {
        setValue('');
        if (isPinLocked(e)) {
          setLocked(true);
          setError(t('screening.kiosk.pinLocked'));
          return;
        }
        setError(
          e instanceof ApiCallError && e.code === 'wrong_password'
            ? t('screening.kiosk.pinWrong')
            : describeError(e),
        );
        inputRef.current?.focus();
      })
      .finally(() => setBusy(false));
  }

  return (
    <KioskLayer role="dialog" labelledBy="pin-title" testId="kiosk-pin-pad">
      <Card className={`${styles.layerCard} ${styles.pin}`}>
        <Title id="pin-title">
          {perinatal ? t('screening.kiosk.exitTitlePerinatal') : t('screening.kiosk.exitTitle')}
        </Title>
        <ErrorText>{error}</ErrorText>
        {locked ? (
          <AdminUnlock respondent onUnlocked={onUnlock} />
        ) : (
          <form onSubmit={check} noValidate>
            <Lead>{perinatal ? t('screening.kiosk.exitBodyPerinatal') : t('screening.kiosk.exitBody')}</Lead>
            <input
              ref={inputRef}
              className={`${inputClass} ${styles.pinInput}`}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              aria-label={t('screening.kiosk.pin')}
              value={value}
              onChange={(e) => setValue(digits(e.target.value))}
              data-testid="kiosk-pin-input"
            />
            <Actions split>
              <RsButton variant="ghost" onClick={onCancel}>
                {cancel}
              </RsButton>
              <RsButton type="submit" variant="primary" disabled={!value || busy}>
                {t('screening.kiosk.exitConfirm')}
              </RsButton>
            </Actions>
          </form>
        )}
        {locked ? (
          <Actions>
            <RsButton variant="ghost" onClick={onCancel}>
              {cancel}
            </RsButton>
          </Actions>
        ) : null}
      </Card>
    </KioskLayer>
  );
}

/**
 * What the services say on arrival (a page load): a kiosk still running means this page was
 * reloaded mid-kiosk, and the kiosk screen must come back instead of the staff pages (which the
 * services refuse meanwhile). Asked once per load: a kiosk this page starts itself is its own.
 */
export function useKioskOnArrival(): { kiosk: KioskStatus | null; ended(): void } {
  const [kiosk, setKiosk] = useState<KioskStatus | null>(null);
  useEffect(() => {
    let live = true;
    invoke('kiosk.status', {}).then(
      (status) => {
        if (live && status.active && status.campaign) setKiosk(status);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return { kiosk, ended: useCallback(() => setKiosk(null), []) };
}

type KioskStatus = ApiOutput<'kiosk.status'>;

/**
 * The kiosk screen again after a reload, over nothing else: respondents carry on, and the
 * screener's PIN (or, once locked, an administrator's password) ends it as usual. Every answer the
 * services refused while the kiosk ran is dropped, so no page keeps showing 请由施测老师输入 PIN 退出.
 */
export function ResumedKiosk({ kiosk, onEnded }: { kiosk: KioskStatus; onEnded(): void }) {
  const navigate = useNavigate();
  const setQuiet = useAlertCentre((s) => s.setQuiet);
  const setPanelOpen = useAlertCentre((s) => s.setPanelOpen);
  const queryClient = useQueryClient();
  const campaign = kiosk.campaign!;
  useEffect(() => {
    setQuiet('kiosk', true);
    setPanelOpen(false);
    return () => setQuiet('kiosk', false);
  }, [setQuiet, setPanelOpen]);
  const exit = useCallback(() => {
    void leaveFullscreen();
    // Whatever was refused meanwhile is asked again, now answered.
    void queryClient.resetQueries();
    onEnded();
    navigate(`/app/campaigns/${campaign.id}`);
  }, [campaign.id, navigate, onEnded, queryClient]);
  return (
    <KioskRunning
      campaign={campaign}
      raised={false}
      pinLocked={kiosk.pinLocked}
      onCritical={() => undefined}
      onExit={exit}
    />
  );
}
