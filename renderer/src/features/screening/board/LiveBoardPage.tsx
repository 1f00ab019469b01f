import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Campaign, CampaignProgress } from '../../../../../shared/api/screening';
import type { CheckinCode, StationStatus } from '../../../../../shared/api/station';
import { CampaignAlerts } from '../../alerts/AlertBlocks';
import { SoundToggle } from '../../alerts/AlertCentre';
import { useAlertCentre } from '../../alerts/store';
import { useApiQuery } from '../../../api/query';
import { describeError } from '../../../api/errors';
import { Alert } from '../../../ui/Alert';
import { Icon } from '../../../ui/Icon';
import { LoadState } from '../../../ui/LoadState';
import { PageHeader } from '../../../ui/PageHeader';
import { Spinner } from '../../../ui/Spinner';
import { usePageTitle } from '../../../lib/usePageTitle';
import { percent, stationApi, type Participant } from '../api';
import { BackLink, StatusLegend, statusTone } from '../ui';
import { FAILED, useAction } from '../useAction';
import { PrintSlips } from './PrintSlips';
import { Button } from '../../../ui/Button';
import sc from '../screening.module.css';
import styles from './LiveBoardPage.module.css';

// Pushed events are the fast path; this slower round only catches a change that sent none.
const FALLBACK_MS = 10_000;

/** Tiles list who still needs attention first: in progress, not started, absent, declined, done. */
const TILE_ORDER: Record<Participant['status'], number> = {
  in_progress: 0,
  due: 1,
  absent: 2,
  declined: 3,
  done: 4,
};

export function LiveBoardPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  usePageTitle(t('screening.board.title'));

  // Pushed board and alert events refresh both (EVENT_INVALIDATES); the slow poll is the fallback.
  const progress = useApiQuery('campaigns.progress', { id }, { refetchInterval: FALLBACK_MS });
  const station = useApiQuery('station.status', {}, { refetchInterval: FALLBACK_MS });

  const [projecting, setProjecting] = useState(false);
  const data = progress.data;
  const perinatal = data?.campaign.programme === 'perinatal';
  const status = station.data ?? null;
  const ours = status?.running && status.campaignId === id;
  return (
    <div className="page" data-testid="live-board">
      <PageHeader
        before={<BackLink to={`/app/campaigns/${id}`} label={t('screening.kiosk.backToCampaign')} />}
        title={t('screening.board.title')}
        subtitle={data?.campaign.name ?? ''}
        actions={<SoundToggle />}
      />

      <CampaignAlerts campaignId={id} />

      <StationPanel
        campaignId={id}
        status={status}
        perinatal={perinatal}
        people={data?.people ?? []}
        campaign={data?.campaign ?? null}
        onChanged={() => void station.refetch()}
        onProject={() => setProjecting(true)}
      />

      <LoadState query={progress} failed={t('screening.detail.loadFailed')}>
        {(loaded) => <Tiles progress={loaded} />}
      </LoadState>

      {projecting && ours && status ? (
        <Projection status={status} onClose={() => setProjecting(false)} />
      ) : null}
    </div>
  );
}

function StationPanel({
  campaignId,
  status,
  perinatal,
  people,
  campaign,
  onChanged,
  onProject,
}: {
  campaignId: number;
  status: StationStatus | null;
  perinatal: boolean;
  people: Participant[];
  campaign: Campaign | null;
  onChanged(): void;
  onProject(): void;
}) {
  const { t } = useTranslation();
  const listed = useApiQuery('station.interfaces', {});
  // LAN addresses first: those are what lab PCs can reach; loopback is for a test on this PC.
  const interfaces = useMemo(
    () => (listed.data ? [...listed.data].sort((a, b) => Number(a.internal) - Number(b.internal)) : null),
    [listed.data],
  );
  const [picked, setHost] = useState('');
  const host = picked || (interfaces?.find((i) => !i.internal)?.address ?? interfaces?.[0]?.address ?? '');
  const [port, setPort] = useState('');
  const action = useAction();
  const busy = action.busy;
  const error = action.error ?? listed.error;
  const [confirmStop, setConfirmStop] = useState(false);

  /** One staff action on the station (start, stop, a new code, a decision); the panel redraws after. */
  async function act(step: () => Promise<unknown>) {
    const done = (await action.run(step)) !== FAILED;
    if (done) onChanged();
    return done;
  }

  function start(event: FormEvent) {
    event.preventDefault();
    void act(() => stationApi.start({ campaignId, host: host || '127.0.0.1', port: Number(port) || 0 }));
  }

  async function stop() {
    if (await act(() => stationApi.stop())) setConfirmStop(false);
  }

  const running = status?.running;
  const ours = running && status.campaignId === campaignId;
  return (
    <section className="card" data-testid="station-panel">
      <div className={sc.cardHead}>
        <div>
          <h2 className={sc.cardTitle}>
            {perinatal ? t('screening.board.stationPerinatal') : t('screening.board.station')}
          </h2>
          {running ? null : (
            <p className={sc.muted}>
              {perinatal ? t('screening.board.stationBodyPerinatal') : t('screening.board.stationBody')}
            </p>
          )}
        </div>
        {running ? (
          <span className={styles.live} data-testid="station-running">
            <span className={styles.liveDot} aria-hidden="true" />
            {t('screening.board.running', { count: status.activeRespondents })}
          </span>
        ) : null}
      </div>
      <div className="card-pad">
        {ours && status ? (
          <div className={styles.station}>
            <div className={styles.stationInfo}>
              <div className={styles.stationFields}>
                {[
                  {
                    label: t('screening.board.url'),
                    value: status.url,
                    className: styles.stationUrl,
                    testId: 'station-url',
                  },
                  {
                    label: t('screening.board.code'),
                    value: status.stationCode,
                    className: styles.stationCode,
                    testId: 'station-code',
                  },
                ].map((field) => (
                  <div key={field.testId}>
                    <p className={styles.stationLabel}>{field.label}</p>
                    <p className={field.className} data-testid={field.testId}>
                      {field.value}
                    </p>
                  </div>
                ))}
              </div>
              <p className={sc.muted} data-testid="station-sign-in">
                {t('screening.board.signInLabel')}
                {t('common.colon')}
                {status.signIn ? t(`screening.board.signIn.${status.signIn}`) : ''}
              </p>
              {status.signIn === 'slip' ? (
                <p className={sc.muted}>{t('screening.board.slipsFirst')}</p>
              ) : null}
              <div className={styles.stationActions}>
                <Button
                  variant="secondary"
                  onClick={() => void act(() => stationApi.rotateCode())}
                  disabled={busy}
                  title={t('screening.board.rotateHint')}
                  data-testid="station-rotate"
                >
                  {t('screening.board.rotate')}
                </Button>
                <Button variant="secondary" icon="eye" onClick={onProject}>
                  {t('screening.board.project')}
                </Button>
                {confirmStop ? (
                  <>
                    <span className={sc.muted}>{t('screening.board.stopConfirm')}</span>
                    <Button
                      variant="primary"
                      className={styles.danger}
                      onClick={() => void stop()}
                      disabled={busy}
                    >
                      {busy ? <Spinner /> : null}
                      {t('screening.board.stopYes')}
                    </Button>
                    <Button variant="ghost" onClick={() => setConfirmStop(false)}>
                      {t('common.cancel')}
                    </Button>
                  </>
                ) : (
                  <Button
                    variant="secondary"
                    icon="x"
                    onClick={() => setConfirmStop(true)}
                    data-testid="station-stop"
                  >
                    {t('screening.board.stop')}
                  </Button>
                )}
              </div>
            </div>
            {status.qrSvg ? (
              <img
                className={styles.qr}
                alt={t('screening.board.qrAlt')}
                // As an image the SVG cannot run script, whatever the server sends.
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(status.qrSvg)}`}
                data-testid="station-qr"
              />
            ) : null}
          </div>
        ) : running ? (
          <Alert kind="warning" title={t('screening.board.otherCampaign')}>
            <Button variant="secondary" size="sm" onClick={() => void stop()} disabled={busy}>
              {t('screening.board.stop')}
            </Button>
          </Alert>
        ) : (
          <form className={styles.stationForm} onSubmit={start} noValidate>
            <label className="field">
              <span className="field-label">{t('screening.board.interface')}</span>
              <select
                className="input select"
                value={host}
                onChange={(e) => setHost(e.target.value)}
                data-testid="station-host"
              >
                {(interfaces ?? []).map((i) => (
                  <option key={`${i.name}-${i.address}`} value={i.address}>
                    {i.internal
                      ? t('screening.board.loopback', { address: i.address })
                      : t('common.aside', { text: i.address, note: i.name })}
                  </option>
                ))}
                {interfaces && !interfaces.some((i) => i.address === '127.0.0.1') ? (
                  <option value="127.0.0.1">{t('screening.board.loopback', { address: '127.0.0.1' })}</option>
                ) : null}
              </select>
            </label>
            <label className={`field ${sc.port}`}>
              <span className="field-label">{t('screening.board.port')}</span>
              <input
                className="input"
                inputMode="numeric"
                placeholder={t('screening.board.portAuto')}
                value={port}
                onChange={(e) => setPort(e.target.value.replace(/\D/g, '').slice(0, 5))}
                data-testid="station-port"
              />
            </label>
            <Button variant="primary" size="lg" type="submit" disabled={busy} data-testid="station-start">
              {busy ? <Spinner /> : <Icon name="globe" size={16} />}
              {t('screening.board.start')}
            </Button>
          </form>
        )}
        {campaign?.signIn === 'slip' ? (
          <div className={styles.stationActions}>
            <PrintSlips campaignId={campaignId} campaignName={campaign.name} />
          </div>
        ) : null}
        {ours && status ? (
          <>
            <Approvals
              status={status}
              busy={busy}
              onDecide={(id, approve) => void act(() => stationApi.decide(id, approve))}
            />
            <Checkin people={people} />
          </>
        ) : null}
        {error ? <Alert>{describeError(error)}</Alert> : null}
      </div>
    </section>
  );
}

/**
 * Sign-ins held for staff (the person is answering elsewhere, a device signing in several
 * people, mistyped details): who, where and why, with allow / refuse. Pushed board events
 * redraw it, so a request shows up without a reload.
 */
function Approvals({
  status,
  busy,
  onDecide,
}: {
  status: StationStatus;
  busy: boolean;
  onDecide(id: string, approve: boolean): void;
}) {
  const { t } = useTranslation();
  if (!status.approvals.length) return null;
  return (
    <div
      className={styles.approvals}
      data-testid="station-approvals"
      role="region"
      aria-label={t('screening.board.approvals')}
    >
      <h3 className={sc.cardTitle}>{t('screening.board.approvals')}</h3>
      <p className={sc.muted}>{t('screening.board.approvalsHint')}</p>
      <ul className={styles.approvalList}>
        {status.approvals.map((a) => (
          <li key={a.id} className={styles.approval} data-testid="station-approval">
            <span className={styles.approvalWho}>
              <strong>{a.name}</strong> {a.group}
              {a.seat ? ` · ${t('screening.board.approvalSeat', { seat: a.seat })}` : ''}
            </span>
            <span className={sc.muted}>
              {a.reasons.map((r) => t(`screening.board.reason.${r}`)).join('；')}
            </span>
            <span className={styles.approvalActions}>
              {([true, false] as const).map((approve) => (
                <Button
                  key={String(approve)}
                  variant={approve ? 'primary' : 'secondary'}
                  size="sm"
                  disabled={busy}
                  onClick={() => onDecide(a.id, approve)}
                  data-testid={approve ? 'approval-allow' : 'approval-refuse'}
                >
                  {approve ? t('screening.board.approve') : t('screening.board.refuse')}
                </Button>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A one-time code for one person (a woman at the desk, a student whose slip is lost). */
function Checkin({ people }: { people: Participant[] }) {
  const { t } = useTranslation();
  const open = people.filter((p) => p.status !== 'done' && p.status !== 'declined');
  const [personId, setPersonId] = useState('');
  const [issued, setIssued] = useState<CheckinCode | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function issue(event: FormEvent) {
    event.preventDefault();
    if (!personId) return;
    setError(null);
    try {
      setIssued(await stationApi.issueCheckin(Number(personId)));
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className={styles.checkin} onSubmit={(e) => void issue(e)} data-testid="station-checkin">
      <h3 className={sc.cardTitle}>{t('screening.board.checkinTitle')}</h3>
      <label className="field">
        <span className="field-label">{t('screening.board.checkinPick')}</span>
        <select
          className="input select"
          value={personId}
          onChange={(e) => {
            setPersonId(e.target.value);
            setIssued(null);
          }}
          data-testid="checkin-person"
        >
          <option value="" />
          {open.map((p) => (
            <option key={p.personId} value={p.personId}>
              {p.name} · {p.group}
            </option>
          ))}
        </select>
      </label>
      <Button variant="secondary" type="submit" disabled={!personId} data-testid="checkin-issue">
        {t('screening.board.checkinIssue')}
      </Button>
      {issued ? (
        <div className={styles.checkinCode}>
          <p className={styles.stationLabel}>{t('screening.board.checkinShown', { name: issued.name })}</p>
          <p className={styles.stationCode} data-testid="checkin-code">
            {issued.code}
          </p>
          <p className={sc.muted}>{t('screening.board.checkinExpires')}</p>
        </div>
      ) : null}
      {error ? <Alert>{describeError(error)}</Alert> : null}
    </form>
  );
}

function Tiles({ progress }: { progress: CampaignProgress }) {
  const { t } = useTranslation();
  const byGroup = useMemo(() => {
    const map = new Map<string, Participant[]>();
    for (const p of progress.people) {
      const list = map.get(p.group) ?? [];
      list.push(p);
      map.set(p.group, list);
    }
    return map;
  }, [progress.people]);
  const o = progress.overall;
  return (
    <section className={styles.tilesWrap} aria-label={t('screening.board.tiles')}>
      <div className={styles.tilesHead}>
        <p className={styles.tilesSummary} data-testid="board-summary">
          {t('screening.board.summary', {
            done: o.done,
            total: o.total,
            pct: percent(o.done, o.total),
            inProgress: o.in_progress,
            due: o.due,
          })}
        </p>
        <StatusLegend />
      </div>
      <div className={styles.tiles}>
        {progress.groups.map((g) => {
          const people = [...(byGroup.get(g.group) ?? [])].sort(
            (a, b) => TILE_ORDER[a.status] - TILE_ORDER[b.status],
          );
          return (
            <article key={g.group} className={`card ${styles.tile}`} data-testid="class-tile">
              <header className={styles.tileHead}>
                <h3 className={styles.tileTitle}>{g.group.trim() || t('common.unfilled')}</h3>
                <span className={styles.tileCount}>
                  {g.done}/{g.total}
                </span>
              </header>
              <div className={styles.tileBar}>
                <span style={{ width: `${percent(g.done, g.total)}%` }} />
              </div>
              <ul className={styles.people}>
                {people.map((p) => (
                  <li
                    key={p.personId}
                    className={`${styles.person} ${statusTone}`}
                    title={t(`screening.status.${p.status}`)}
                    data-testid="tile-person"
                    data-status={p.status}
                  >
                    {p.status === 'done' ? <Icon name="check" size={12} /> : null}
                    {p.name}
                    {p.status === 'in_progress' && p.seat ? (
                      <span className={styles.personSeat}>{p.seat}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </article>
          );
        })}
      </div>
    </section>
  );
}

/**
 * The address for a projector: large, with the QR code and station code, and nothing else — a
 * class reads it, so it says nothing about alerts, and while it shows the alert centre is silent
 * (the teacher's screen may be the projected one; staff see alerts on the board and the bell).
 */
function Projection({ status, onClose }: { status: StationStatus; onClose(): void }) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  const setQuiet = useAlertCentre((s) => s.setQuiet);
  useEffect(() => {
    setQuiet('projector', true);
    return () => setQuiet('projector', false);
  }, [setQuiet]);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div
      className={styles.projection}
      role="dialog"
      aria-modal="true"
      aria-label={t('screening.board.project')}
      data-testid="projection"
    >
      <button ref={closeRef} type="button" className={styles.projectionClose} onClick={onClose}>
        <Icon name="x" size={18} />
        {t('common.close')}
      </button>
      <p className={styles.projectionLead}>{t('screening.board.projectionLead')}</p>
      <p className={styles.projectionUrl}>{status.url}</p>
      <div className={styles.projectionRow}>
        {status.qrSvg ? (
          <img
            className={styles.projectionQr}
            alt={t('screening.board.qrAlt')}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(status.qrSvg)}`}
          />
        ) : null}
        <div>
          <p className={styles.projectionLabel}>{t('screening.board.code')}</p>
          <p className={styles.projectionCode}>{status.stationCode}</p>
        </div>
      </div>
    </div>
  );
}
