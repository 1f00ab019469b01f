import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Alert as ScreeningAlert, CampaignProgress } from '../../../../shared/api/screening';
import type { StationStatus } from '../../../../shared/api/station';
import type { InstrumentDefinition } from '../../../../shared/instruments/schema';
import { displayOptions } from '../../../../shared/instruments/options';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { percent, stationApi, type NetworkInterface, type Participant } from '../api';
import { BackLink, StatusLegend } from '../ui';
import { Beeper } from './beeper';
import { usePoll } from './usePoll';

const POLL_MS = 2_000;
// While an alert stays open the tone comes back, in case the first one was missed.
const REMIND_MS = 60_000;
// Mirrors the roles on alerts.acknowledge in shared/api/contract.ts.
const CAN_ACKNOWLEDGE = ['admin', 'psychologist'] as const;

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
  const role = useSession((s) => s.status?.user?.role);
  const canAck = role !== undefined && (CAN_ACKNOWLEDGE as readonly string[]).includes(role);

  const loadProgress = useCallback(() => invoke('campaigns.progress', { id }), [id]);
  const progress = usePoll(loadProgress, POLL_MS);
  const loadAlerts = useCallback(() => invoke('alerts.list', { openOnly: true }), []);
  const alerts = usePoll(loadAlerts, POLL_MS);
  const loadStation = useCallback(() => stationApi.status(), []);
  const station = usePoll(loadStation, POLL_MS);

  const [projecting, setProjecting] = useState(false);
  const [soundOn, setSoundOn] = useState(true);
  const [audioReady, setAudioReady] = useState(false);
  const beeper = useRef<Beeper | null>(null);
  const seen = useRef(new Set<number>());
  const [fresh, setFresh] = useState<Set<number>>(new Set());

  // One click anywhere on the page lets the browser play sound from then on.
  useEffect(() => {
    const b = new Beeper();
    beeper.current = b;
    const unlock = () => {
      b.unlock();
      setAudioReady(b.ready);
      setTimeout(() => setAudioReady(b.ready), 200);
    };
    window.addEventListener('pointerdown', unlock, { capture: true });
    window.addEventListener('keydown', unlock, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', unlock, { capture: true });
      window.removeEventListener('keydown', unlock, { capture: true });
      b.close();
    };
  }, []);

  const openAlerts = useMemo(() => alerts.data ?? [], [alerts.data]);
  useEffect(() => {
    const added = openAlerts.filter((a) => !seen.current.has(a.id));
    if (!added.length) return;
    for (const a of added) seen.current.add(a.id);
    setFresh(new Set(added.map((a) => a.id)));
    if (soundOn) beeper.current?.alarm();
  }, [openAlerts, soundOn]);

  useEffect(() => {
    if (!soundOn || openAlerts.length === 0) return;
    const timer = setInterval(() => beeper.current?.alarm(), REMIND_MS);
    return () => clearInterval(timer);
  }, [soundOn, openAlerts.length]);

  const defs = useDefinitions(openAlerts.flatMap((a) => (a.critical ? [a.critical.instrumentId] : [])));

  async function acknowledge(alert: ScreeningAlert) {
    try {
      await invoke('alerts.arrive', { id: alert.id });
      toast.success(t('screening.board.acknowledged', { name: alert.name }));
      alerts.refresh();
    } catch (error) {
      toast.error(describeError(error));
    }
  }

  const data = progress.data;
  const perinatal = data?.campaign.programme === 'perinatal';
  const status = station.data;
  const ours = status?.running && status.campaignId === id;
  return (
    <div className="page sc-board" data-testid="live-board">
      <BackLink to={`/app/campaigns/${id}`} label={t('screening.kiosk.backToCampaign')} />

      {openAlerts.length > 0 ? (
        <section className="sc-alerts" role="alert" aria-live="assertive" data-testid="alert-banner">
          {openAlerts.map((a) => (
            <AlertRow
              key={a.id}
              alert={a}
              def={a.critical ? defs[a.critical.instrumentId] : undefined}
              fresh={fresh.has(a.id)}
              canAck={canAck}
              perinatal={perinatal}
              onAcknowledge={() => void acknowledge(a)}
            />
          ))}
        </section>
      ) : null}

      <div className="page-header">
        <div>
          <h1 className="page-title">{t('screening.board.title')}</h1>
          <p className="page-subtitle">{data?.campaign.name ?? ''}</p>
        </div>
        <div className="sc-header-actions">
          <button
            type="button"
            className={`btn ${soundOn ? 'btn-secondary' : 'btn-ghost'}`}
            aria-pressed={soundOn}
            onClick={() => {
              beeper.current?.unlock();
              setSoundOn((v) => !v);
            }}
            data-testid="sound-toggle"
          >
            <Icon name={soundOn ? 'alert' : 'x'} size={16} />
            {soundOn ? t('screening.board.soundOn') : t('screening.board.soundOff')}
          </button>
          {soundOn && !audioReady ? (
            <span className="sc-muted sc-audio-hint">{t('screening.board.clickForSound')}</span>
          ) : null}
        </div>
      </div>

      <StationPanel
        campaignId={id}
        status={status}
        perinatal={perinatal}
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
        <Projection
          status={status}
          alertCount={openAlerts.length}
          perinatal={perinatal}
          onClose={() => setProjecting(false)}
        />
      ) : null}
    </div>
  );
}

/** Definitions of the instruments alerts name, fetched once each, for item wording. */
function useDefinitions(ids: readonly string[]): Record<string, InstrumentDefinition> {
  const [defs, setDefs] = useState<Record<string, InstrumentDefinition>>({});
  const asked = useRef(new Set<string>());
  const key = [...new Set(ids)].sort().join('|');
  useEffect(() => {
    for (const id of key ? key.split('|') : []) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      invoke('instruments.get', { id })
        .then((def) => setDefs((d) => ({ ...d, [id]: def })))
        .catch(() => asked.current.delete(id));
    }
  }, [key]);
  return defs;
}

function AlertRow({
  alert,
  def,
  fresh,
  canAck,
  perinatal,
  onAcknowledge,
}: {
  alert: ScreeningAlert;
  def: InstrumentDefinition | undefined;
  fresh: boolean;
  canAck: boolean;
  perinatal: boolean;
  onAcknowledge(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const item = def?.items.find((i) => i.number === alert.critical?.itemNumber);
  const reason = def?.criticalItems.find((c) => c.item === item?.id)?.reason[lang];
  const answer =
    def && item
      ? displayOptions(def, item.id, lang).find((o) => o.value === alert.critical?.value)?.label[lang]
      : undefined;
  return (
    <div className={`sc-alert${fresh ? ' sc-alert-fresh' : ''}`} data-testid="alert-row">
      <span className="sc-alert-icon" aria-hidden="true">
        <Icon name="alert" size={26} />
      </span>
      <div className="sc-alert-body">
        <p className="sc-alert-title">
          {t('screening.board.alertTitle')}
          <strong className="sc-alert-name">{alert.name}</strong>
        </p>
        <p className="sc-alert-facts">
          <span>{alert.group}</span>
          <span>
            {alert.seat ? t('screening.board.seat', { seat: alert.seat }) : t('screening.board.noSeat')}
          </span>
          {alert.critical ? (
            <span>
              {t('screening.board.item', {
                instrument: alert.critical.instrumentId,
                n: alert.critical.itemNumber,
              })}
              {reason ? `（${reason}）` : ''}
            </span>
          ) : null}
          {answer ? <span>{t('screening.board.answer', { answer })}</span> : null}
          <span>{formatDateTime(alert.raisedAt).slice(11)}</span>
        </p>
        <p className="sc-alert-advice">
          {perinatal ? t('screening.board.alertAdvicePerinatal') : t('screening.board.alertAdvice')}
        </p>
      </div>
      {canAck ? (
        <button type="button" className="btn sc-alert-ack" onClick={onAcknowledge} data-testid="alert-ack">
          <Icon name="check" size={16} />
          {t('screening.board.acknowledge')}
        </button>
      ) : (
        <span className="sc-alert-note">
          {perinatal ? t('screening.board.askPsychologistPerinatal') : t('screening.board.askPsychologist')}
        </span>
      )}
    </div>
  );
}

function StationPanel({
  campaignId,
  status,
  perinatal,
  onChanged,
  onProject,
}: {
  campaignId: number;
  status: StationStatus | null;
  perinatal: boolean;
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
              <p className="sc-muted">
                {perinatal ? t('screening.board.stationHintPerinatal') : t('screening.board.stationHint')}
              </p>
              <div className="sc-station-actions">
                <button type="button" className="btn btn-secondary" onClick={onProject}>
                  <Icon name="eye" size={16} />
                  {t('screening.board.project')}
                </button>
                {confirmStop ? (
                  <>
                    <span className="sc-muted">{t('screening.board.stopConfirm')}</span>
                    <button
                      type="button"
                      className="btn btn-primary sc-danger"
                      onClick={() => void stop()}
                      disabled={busy}
                    >
                      {busy ? <Spinner /> : null}
                      {t('screening.board.stopYes')}
                    </button>
                    <button type="button" className="btn btn-ghost" onClick={() => setConfirmStop(false)}>
                      {t('common.cancel')}
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="btn btn-secondary"
                    onClick={() => setConfirmStop(true)}
                    data-testid="station-stop"
                  >
                    <Icon name="x" size={16} />
                    {t('screening.board.stop')}
                  </button>
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
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              onClick={() => void stop()}
              disabled={busy}
            >
              {t('screening.board.stop')}
            </button>
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
                      : `${i.address}（${i.name}）`}
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
            <button
              type="submit"
              className="btn btn-primary btn-lg"
              disabled={busy}
              data-testid="station-start"
            >
              {busy ? <Spinner /> : <Icon name="globe" size={16} />}
              {t('screening.board.start')}
            </button>
          </form>
        )}
        {error ? <Alert>{describeError(error)}</Alert> : null}
      </div>
    </section>
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
 * The address for a projector: large, with the QR code and station code, and no names — a
 * projected alert says only that the teacher should look at their own screen.
 */
function Projection({
  status,
  alertCount,
  perinatal,
  onClose,
}: {
  status: StationStatus;
  alertCount: number;
  perinatal: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
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
      {alertCount > 0 ? (
        <p className="sc-projection-alert">
          {perinatal ? t('screening.board.projectionAlertPerinatal') : t('screening.board.projectionAlert')}
        </p>
      ) : null}
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
