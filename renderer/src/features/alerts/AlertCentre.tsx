import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/api/auth';
import { can } from '../../../../shared/api/contract';
import type { Alert } from '../../../../shared/api/screening';
import { displayOptions } from '../../../../shared/instruments/options';
import type { InstrumentDefinition } from '../../../../shared/instruments/schema';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime, useContentLanguage } from '../../lib/format';
import { useLive, type Polled } from '../../lib/usePoll';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { Beeper } from './beeper';
import { adviceKey, freshIds, groupByCampaign, since, unattended } from './model';
import { useAlertCentre } from './store';
import './alerts.css';
import { Button, LinkButton } from '../../ui/Button';

// Events are the fast path; this only catches one that was missed (a dropped connection).
const FALLBACK_MS = 30_000;
// While an alert stays unattended a softer tone comes back, in case the first one was missed.
const REMIND_MS = 60_000;

export const canListAlerts = (role: Role | undefined): boolean => can(role, 'alerts.list');

/**
 * Open alerts (all, or one campaign's), kept current by push: refetched on every alert event,
 * when the window regains focus and every 30 s. Off while a kiosk runs (the services refuse it,
 * and nothing about alerts may reach a respondent's screen).
 */
export function useOpenAlerts(campaignId?: number): Polled<Alert[]> {
  const role = useSession((s) => s.status?.user?.role);
  const kiosk = useAlertCentre((s) => s.quiet.includes('kiosk'));
  const load = useCallback(
    () =>
      invoke('alerts.list', campaignId === undefined ? { openOnly: true } : { openOnly: true, campaignId }),
    [campaignId],
  );
  return useLive(load, ['alert.raised', 'alerts.changed'], {
    fallbackMs: FALLBACK_MS,
    enabled: canListAlerts(role) && !kiosk,
  });
}

/** Ids that appeared after the first load, for a highlight (the first load is not news). */
export function useFreshAlerts(alerts: readonly Alert[] | null): ReadonlySet<number> {
  const seen = useRef<Set<number> | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    if (!alerts) return;
    if (!seen.current) {
      seen.current = new Set(alerts.map((a) => a.id));
      return;
    }
    const added = freshIds(seen.current, alerts);
    if (!added.length) return;
    for (const id of added) seen.current.add(id);
    setFresh(new Set(added));
  }, [alerts]);
  return fresh;
}

/** A clock for "5 分钟前" that moves on by itself. */
function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Definitions of the instruments alerts name, fetched once each, for item and answer wording. */
function useDefinitions(alerts: readonly Alert[]): Record<string, InstrumentDefinition> {
  const [defs, setDefs] = useState<Record<string, InstrumentDefinition>>({});
  const asked = useRef(new Set<string>());
  const key = [...new Set(alerts.flatMap((a) => (a.critical ? [a.critical.instrumentId] : [])))]
    .sort()
    .join('|');
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

/** Plays the alarm for each new alert and a gentle reminder while any stays unattended. */
function useAlarm(alerts: readonly Alert[] | null, fresh: ReadonlySet<number>): void {
  const beeper = useRef<Beeper | null>(null);
  const muted = useAlertCentre((s) => s.muted);
  const quiet = useAlertCentre((s) => s.quiet.length > 0);
  const setAudioReady = useAlertCentre((s) => s.setAudioReady);
  const silent = muted || quiet;

  // Browsers allow sound only after the page has had a click or a key press.
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
  }, [setAudioReady]);

  const silentRef = useRef(silent);
  useEffect(() => {
    silentRef.current = silent;
  }, [silent]);
  useEffect(() => {
    if (fresh.size && !silentRef.current) beeper.current?.alarm();
  }, [fresh]);

  const waiting = alerts ? unattended(alerts) : 0;
  useEffect(() => {
    if (silent || waiting === 0) return;
    const timer = setInterval(() => beeper.current?.reminder(), REMIND_MS);
    return () => clearInterval(timer);
  }, [silent, waiting]);
}

/** The mute switch for the alarm tone, shared by the panel and the live board. */
export function SoundToggle() {
  const { t } = useTranslation();
  const muted = useAlertCentre((s) => s.muted);
  const setMuted = useAlertCentre((s) => s.setMuted);
  const audioReady = useAlertCentre((s) => s.audioReady);
  return (
    <span className="al-sound">
      <button
        type="button"
        className={`btn btn-sm ${muted ? 'btn-ghost' : 'btn-secondary'}`}
        aria-pressed={!muted}
        onClick={() => setMuted(!muted)}
        data-testid="sound-toggle"
      >
        <Icon name={muted ? 'x' : 'bell'} size={15} />
        {muted ? t('alerts.soundOff') : t('alerts.soundOn')}
      </button>
      {!muted && !audioReady ? <span className="al-muted">{t('alerts.clickForSound')}</span> : null}
    </span>
  );
}

/** The header bell: the count of open critical alerts on every staff page, the sound, and the panel. */
export function AlertBell() {
  const role = useSession((s) => s.status?.user?.role);
  return canListAlerts(role) ? <Bell /> : null;
}

function Bell() {
  const { t } = useTranslation();
  const alerts = useOpenAlerts();
  const list = useMemo(() => alerts.data ?? [], [alerts.data]);
  const fresh = useFreshAlerts(alerts.data);
  useAlarm(alerts.data, fresh);
  const panelOpen = useAlertCentre((s) => s.panelOpen);
  const setPanelOpen = useAlertCentre((s) => s.setPanelOpen);
  const quiet = useAlertCentre((s) => s.quiet.length > 0);
  const waiting = unattended(list);

  // Opening the panel (by hand, or after a kiosk's PIN exit) always shows the latest.
  const { refresh } = alerts;
  useEffect(() => {
    if (panelOpen) refresh();
  }, [panelOpen, refresh]);

  return (
    <>
      <button
        type="button"
        className={`al-bell${list.length ? ' al-bell-on' : ''}${waiting ? ' al-bell-waiting' : ''}`}
        aria-label={t('alerts.bellCount', { count: list.length })}
        title={t('alerts.bellCount', { count: list.length })}
        aria-expanded={panelOpen}
        onClick={() => setPanelOpen(!panelOpen)}
        data-testid="alert-bell"
        data-count={list.length}
      >
        <Icon name="bell" size={19} />
        {list.length ? (
          <span className="al-bell-count" data-testid="alert-bell-count">
            {list.length}
          </span>
        ) : null}
      </button>
      {panelOpen && !quiet ? (
        <AlertPanel
          alerts={list}
          loading={!alerts.data}
          fresh={fresh}
          onChanged={refresh}
          onClose={() => setPanelOpen(false)}
        />
      ) : null}
    </>
  );
}

function AlertPanel({
  alerts,
  loading,
  fresh,
  onChanged,
  onClose,
}: {
  alerts: readonly Alert[];
  loading: boolean;
  fresh: ReadonlySet<number>;
  onChanged(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const groups = useMemo(() => groupByCampaign(alerts), [alerts]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="al-panel" role="dialog" aria-labelledby="al-panel-title" data-testid="alert-panel">
      <header className="al-panel-head">
        <div>
          <h2 id="al-panel-title" className="al-panel-title" ref={headingRef} tabIndex={-1}>
            {t('alerts.panelTitle')}
          </h2>
          <p className="al-muted">{t('alerts.panelSubtitle')}</p>
        </div>
        <Button variant="ghost" size="sm" icon="x" onClick={onClose} data-testid="alert-panel-close">
          {t('common.close')}
        </Button>
      </header>
      <div className="al-panel-tools">
        <SoundToggle />
      </div>
      <div className="al-panel-body">
        {loading ? (
          <p className="al-empty">
            <Spinner />
            {t('common.loading')}
          </p>
        ) : groups.length === 0 ? (
          <p className="al-empty" data-testid="alert-panel-empty">
            <Icon name="check" size={15} />
            {t('alerts.empty')}
          </p>
        ) : (
          groups.map((g) => (
            <section key={g.campaignId ?? 'none'} className="al-group" data-testid="alert-group">
              <h3 className="al-group-title">
                <span className="al-group-name">{g.campaignName ?? t('alerts.noCampaign')}</span>
                <span className="al-group-count" data-testid="alert-group-count">
                  {t('alerts.groupCount', { count: g.alerts.length })}
                </span>
                {g.unattended ? (
                  <span className="al-group-waiting">
                    {t('alerts.groupUnattended', { count: g.unattended })}
                  </span>
                ) : null}
              </h3>
              <AlertList alerts={g.alerts} fresh={fresh} onChanged={onChanged} onNavigate={onClose} />
            </section>
          ))
        )}
      </div>
    </aside>
  );
}

/** A compact list of alerts; each says who, where, since when, what to do, and leads to the case. */
export function AlertList({
  alerts,
  fresh,
  onChanged,
  onNavigate,
}: {
  alerts: readonly Alert[];
  fresh: ReadonlySet<number>;
  onChanged(): void;
  onNavigate?(): void;
}) {
  const defs = useDefinitions(alerts);
  const now = useNow();
  return (
    <ul className="al-list">
      {alerts.map((a) => (
        <AlertItem
          key={a.id}
          alert={a}
          def={a.critical ? defs[a.critical.instrumentId] : undefined}
          fresh={fresh.has(a.id)}
          now={now}
          onChanged={onChanged}
          onNavigate={onNavigate}
        />
      ))}
    </ul>
  );
}

function AlertItem({
  alert,
  def,
  fresh,
  now,
  onChanged,
  onNavigate,
}: {
  alert: Alert;
  def: InstrumentDefinition | undefined;
  fresh: boolean;
  now: number;
  onChanged(): void;
  onNavigate?(): void;
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const role = useSession((s) => s.status?.user?.role);
  const perinatal = useSession((s) => s.status?.org?.type === 'maternal');
  const [busy, setBusy] = useState(false);

  const critical = alert.critical;
  const item = critical ? def?.items.find((i) => i.number === critical.itemNumber) : undefined;
  const reason = def?.criticalItems.find((c) => c.item === item?.id)?.reason[lang];
  const answer =
    def && item && critical
      ? displayOptions(def, item.id, lang).find((o) => o.value === critical.value)?.label[lang]
      : undefined;
  const itemText = critical
    ? t('alerts.item', { instrument: critical.instrumentId, n: critical.itemNumber })
    : '';
  const ago = since(alert.raisedAt, now);
  const advice = `${adviceKey(alert)}${perinatal ? 'Perinatal' : ''}` as const;
  const toCase = alert.caseId !== null && can(role, 'cases.get');

  async function arrive() {
    setBusy(true);
    try {
      const updated = await invoke('alerts.arrive', { id: alert.id });
      toast.success(t('alerts.arrivedToast', { who: updated.arrivedBy ?? '', name: alert.name }));
      onChanged();
    } catch (error) {
      toast.error(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li
      className={`al-item${alert.live ? ' al-item-live' : ''}${fresh ? ' al-item-fresh' : ''}${alert.arrivedAt ? ' al-item-arrived' : ''}`}
      data-testid="alert-item"
      data-alert-id={alert.id}
    >
      <div className="al-item-main">
        <p className="al-item-head">
          <strong className="al-item-name">{alert.name}</strong>
          <span>{alert.group}</span>
          <span>{alert.seat ? t('alerts.seat', { seat: alert.seat }) : t('alerts.noSeat')}</span>
          <span className="al-item-ago" title={formatDateTime(alert.raisedAt)}>
            {t(`alerts.since.${ago.unit}`, { count: ago.count })}
          </span>
        </p>
        <p className="al-item-facts">
          <span className="al-item-source">
            {t(`alerts.source.${alert.source}`)}
            {alert.submitted ? '' : ` · ${t('alerts.notSubmitted')}`}
          </span>
          {critical ? (
            <span data-testid="alert-critical">
              {reason ? t('alerts.itemReason', { item: itemText, reason }) : itemText}
            </span>
          ) : null}
          {answer ? <span>{t('alerts.answer', { answer })}</span> : null}
        </p>
        <p className="al-item-advice" data-testid="alert-advice">
          {t(`alerts.advice.${advice}`)}
        </p>
      </div>
      <div className="al-item-actions">
        {alert.arrivedAt ? (
          <span className="al-arrived" data-testid="alert-arrived">
            <Icon name="check" size={14} />
            {t('alerts.arrived', {
              who: alert.arrivedBy ?? '',
              time: formatDateTime(alert.arrivedAt).slice(11),
            })}
          </span>
        ) : (
          <Button
            variant="primary"
            size="sm"
            className="al-arrive"
            onClick={() => void arrive()}
            disabled={busy}
            data-testid="alert-arrive"
          >
            {busy ? <Spinner /> : <Icon name="check" size={14} />}
            {t('alerts.arrive')}
          </Button>
        )}
        <LinkButton
          variant="secondary"
          size="sm"
          to={toCase ? `/app/cases/${alert.caseId}` : `/app/people/${alert.personId}`}
          onClick={onNavigate}
          data-testid="alert-open"
        >
          {toCase ? t('alerts.openCase') : t('alerts.openFile')}
          <Icon name="chevronRight" size={14} />
        </LinkButton>
      </div>
    </li>
  );
}
