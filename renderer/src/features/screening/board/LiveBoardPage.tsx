import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ServerEvent } from '../../../../../shared/api/events';
import type { Campaign, CampaignProgress } from '../../../../../shared/api/screening';
import type { CheckinCode, StationStatus } from '../../../../../shared/api/station';
import { CampaignAlerts } from '../../alerts/AlertBlocks';
import { SoundToggle } from '../../alerts/AlertCentre';
import { useAlertCentre } from '../../alerts/store';
import { invoke } from '../../../api/client';
import { describeError } from '../../../api/errors';
import { Alert } from '../../../ui/Alert';
import { Icon } from '../../../ui/Icon';
import { Spinner } from '../../../ui/Spinner';
import { useLive } from '../../../lib/usePoll';
import { usePageTitle } from '../../../lib/usePageTitle';
import { percent, stationApi, type NetworkInterface, type Participant } from '../api';
import { BackLink, StatusLegend } from '../ui';
import { PrintSlips } from './PrintSlips';
import { Button } from '../../../ui/Button';

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

  const ofThisBoard = useCallback(
    (event: ServerEvent) => event.type !== 'board.changed' || event.campaignId === id,
    [id],
  );
  const loadProgress = useCallback(() => invoke('campaigns.progress', { id }), [id]);
  const progress = useLive(loadProgress, ['board.changed', 'alert.raised'], {
    fallbackMs: FALLBACK_MS,
    accept: ofThisBoard,
  });
  const loadStation = useCallback(() => stationApi.status(), []);
  const station = useLive(loadStation, ['board.changed'], { fallbackMs: FALLBACK_MS, accept: ofThisBoard });

  const [projecting, setProjecting] = useState(false);
  const data = progress.data;
  const perinatal = data?.campaign.programme === 'perinatal';
  const status = station.data;
  const ours = status?.running && status.campaignId === id;
  return (
    <div className="page sc-board" data-testid="live-board">
      <BackLink to={`/app/campaigns/${id}`} label={t('screening.kiosk.backToCampaign')} />

      <div className="page-header">
        <div>
          <h1 className="page-title">{t('screening.board.title')}</h1>
          <p className="page-subtitle">{data?.campaign.name ?? ''}</p>
        </div>
        <div className="sc-header-actions">
          <SoundToggle />
        </div>
      </div>

      <CampaignAlerts campaignId={id} />

      <StationPanel
        campaignId={id}
        status={status}
        perinatal={perinatal}
        people={data?.people ?? []}
        campaign={data?.campaign ?? null}
        onChanged={station.refresh}
        onProject={() => setProjecting(true)}
      />

      {progress.error && !data ? <Alert>{describeError(progress.error)}</Alert> : null}
      {!data ? (
        <section className="card card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </section>
      ) : (
        <Tiles progress={data} />
      )}

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
  const [interfaces, setInterfaces] = useState<NetworkInterface[] | null>(null);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmStop, setConfirmStop] = useState(false);

  useEffect(() => {
    stationApi
      .interfaces()
      .then((list) => {
        // LAN addresses first: those are what lab PCs can reach; loopback is for a test on this PC.
        const sorted = [...list].sort((a, b) => Number(a.internal) - Number(b.internal));
        setInterfaces(sorted);
        setHost((h) => h || (sorted.find((i) => !i.internal)?.address ?? sorted[0]?.address ?? '127.0.0.1'));
      })
      .catch((err: unknown) => setError(err));
  }, []);

  async function start(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await stationApi.start({ campaignId, host: host || '127.0.0.1', port: Number(port) || 0 });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  /** One staff action on the running station; the panel redraws from its answer. */
  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function stop() {
    setBusy(true);
    setError(null);
    try {
      await stationApi.stop();
      setConfirmStop(false);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const running = status?.running;
  const ours = running && status.campaignId === campaignId;
  return (
    <section className="card" data-testid="station-panel">
      <div className="sc-card-head">
        <div>
          <h2 className="sc-card-title">
            {perinatal ? t('screening.board.stationPerinatal') : t('screening.board.station')}
          </h2>
          {running ? null : (
            <p className="sc-muted">
              {perinatal ? t('screening.board.stationBodyPerinatal') : t('screening.board.stationBody')}
            </p>
          )}
        </div>
        {running ? (
          <span className="sc-live" data-testid="station-running">
            <span className="sc-live-dot" aria-hidden="true" />
            {t('screening.board.running', { count: status.activeRespondents })}
          </span>
        ) : null}
      </div>
      <div className="card-pad">
        {ours && status ? (
          <div className="sc-station">
            <div className="sc-station-info">
              <div className="sc-station-fields">
                <div>
                  <p className="sc-station-label">{t('screening.board.url')}</p>
                  <p className="sc-station-url" data-testid="station-url">
                    {status.url}
                  </p>
                </div>
                <div>
                  <p className="sc-station-label">{t('screening.board.code')}</p>
                  <p className="sc-station-code" data-testid="station-code">
                    {status.stationCode}
                  </p>
                </div>
              </div>
              <p className="sc-muted" data-testid="station-sign-in">
                {t('screening.board.signInLabel')}
                {t('common.colon')}
                {status.signIn ? t(`screening.board.signIn.${status.signIn}`) : ''}
              </p>
              {status.signIn === 'slip' ? (
                <p className="sc-muted">{t('screening.board.slipsFirst')}</p>
              ) : null}
              <div className="sc-station-actions">
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
                    <span className="sc-muted">{t('screening.board.stopConfirm')}</span>
                    <Button
                      variant="primary"
                      className="sc-danger"
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
                className="sc-qr"
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
          <form className="sc-station-form" onSubmit={(e) => void start(e)} noValidate>
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
            <label className="field sc-port">
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
          <div className="sc-station-actions">
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
      className="sc-approvals"
      data-testid="station-approvals"
      role="region"
      aria-label={t('screening.board.approvals')}
    >
      <h3 className="sc-card-title">{t('screening.board.approvals')}</h3>
      <p className="sc-muted">{t('screening.board.approvalsHint')}</p>
      <ul className="sc-approval-list">
        {status.approvals.map((a) => (
          <li key={a.id} className="sc-approval" data-testid="station-approval">
            <span className="sc-approval-who">
              <strong>{a.name}</strong> {a.group}
              {a.seat ? ` · ${t('screening.board.approvalSeat', { seat: a.seat })}` : ''}
            </span>
            <span className="sc-muted">
              {a.reasons.map((r) => t(`screening.board.reason.${r}`)).join(t('common.clauseSeparator'))}
            </span>
            <span className="sc-approval-actions">
              <Button
                variant="primary"
                size="sm"
                disabled={busy}
                onClick={() => onDecide(a.id, true)}
                data-testid="approval-allow"
              >
                {t('screening.board.approve')}
              </Button>
              <Button
                variant="secondary"
                size="sm"
                disabled={busy}
                onClick={() => onDecide(a.id, false)}
                data-testid="approval-refuse"
              >
                {t('screening.board.refuse')}
              </Button>
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
    <form className="sc-checkin" onSubmit={(e) => void issue(e)} data-testid="station-checkin">
      <h3 className="sc-card-title">{t('screening.board.checkinTitle')}</h3>
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
        <div className="sc-checkin-code">
          <p className="sc-station-label">{t('screening.board.checkinShown', { name: issued.name })}</p>
          <p className="sc-station-code" data-testid="checkin-code">
            {issued.code}
          </p>
          <p className="sc-muted">{t('screening.board.checkinExpires')}</p>
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
    <section className="sc-tiles-wrap" aria-label={t('screening.board.tiles')}>
      <div className="sc-tiles-head">
        <p className="sc-tiles-summary" data-testid="board-summary">
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
      <div className="sc-tiles">
        {progress.groups.map((g) => {
          const people = [...(byGroup.get(g.group) ?? [])].sort(
            (a, b) => TILE_ORDER[a.status] - TILE_ORDER[b.status],
          );
          return (
            <article key={g.group} className="card sc-tile" data-testid="class-tile">
              <header className="sc-tile-head">
                <h3 className="sc-tile-title">{g.group}</h3>
                <span className="sc-tile-count">
                  {g.done}/{g.total}
                </span>
              </header>
              <div className="sc-tile-bar">
                <span style={{ width: `${percent(g.done, g.total)}%` }} />
              </div>
              <ul className="sc-people">
                {people.map((p) => (
                  <li
                    key={p.personId}
                    className={`sc-person sc-person-${p.status}`}
                    title={t(`screening.status.${p.status}`)}
                    data-testid="tile-person"
                    data-status={p.status}
                  >
                    {p.status === 'done' ? <Icon name="check" size={12} /> : null}
                    {p.name}
                    {p.status === 'in_progress' && p.seat ? (
                      <span className="sc-person-seat">{p.seat}</span>
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
      className="sc-projection"
      role="dialog"
      aria-modal="true"
      aria-label={t('screening.board.project')}
      data-testid="projection"
    >
      <button ref={closeRef} type="button" className="sc-projection-close" onClick={onClose}>
        <Icon name="x" size={18} />
        {t('common.close')}
      </button>
      <p className="sc-projection-lead">{t('screening.board.projectionLead')}</p>
      <p className="sc-projection-url">{status.url}</p>
      <div className="sc-projection-row">
        {status.qrSvg ? (
          <img
            className="sc-projection-qr"
            alt={t('screening.board.qrAlt')}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(status.qrSvg)}`}
          />
        ) : null}
        <div>
          <p className="sc-projection-label">{t('screening.board.code')}</p>
          <p className="sc-projection-code">{status.stationCode}</p>
        </div>
      </div>
    </div>
  );
}
