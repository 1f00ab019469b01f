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
import { apiKey, useApiMutation, useApiQuery } from '../../api/query';
import { useQueries } from '@tanstack/react-query';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { Beeper } from './beeper';
import { adviceKey, freshIds, groupByCampaign, since, unattended } from './model';
import { useAlertCentre } from './store';
import styles from './AlertCentre.module.css';
import { Button, LinkButton } from '../../ui/Button';

// Events are the fast path; this only catches one that was missed (a dropped connection).
const FALLBACK_MS = 30_000;
// While an alert stays unattended a softer tone comes back, in case the first one was missed.
const REMIND_MS = 60_000;

/** Open alerts as the bell, panel and boards use them: null until the first answer. */
export interface OpenAlerts {
  data: Alert[] | null;
  error: unknown;
  /** Fetch now (after an action, or when the panel opens) without waiting for a push. */
  refresh(): void;
}

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

export const canListAlerts = (role: Role | undefined): boolean => can(role, 'alerts.list');

/**
 * Open alerts (all, or one campaign's), kept current by push: refetched on every alert event,
 * when the window regains focus and every 30 s. Off while a kiosk runs (the services refuse it,
 * and nothing about alerts may reach a respondent's screen).
 */
export function useOpenAlerts(campaignId?: number): OpenAlerts {
  const role = useSession((s) => s.status?.user?.role);
  const kiosk = useAlertCentre((s) => s.quiet.includes('kiosk'));
  const query = useApiQuery(
    'alerts.list',
    campaignId === undefined ? { openOnly: true } : { openOnly: true, campaignId },
    { enabled: canListAlerts(role) && !kiosk, refetchInterval: FALLBACK_MS },
  );
  const { refetch } = query;
  const refresh = useCallback(() => void refetch(), [refetch]);
  return { data: query.data ?? null, error: query.error, refresh };
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
  const ids = [...new Set(alerts.flatMap((a) => (a.critical ? [a.critical.instrumentId] : [])))].sort();
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: apiKey('instruments.get', { id }),
      queryFn: () => invoke('instruments.get', { id }),
      staleTime: Infinity,
    })),
  });
  const defs: Record<string, InstrumentDefinition> = {};
  results.forEach((r, i) => {
    if (r.data) defs[ids[i]!] = r.data;
  });
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
    <span className={styles.sound}>
      <Button
        variant={muted ? 'ghost' : 'secondary'}
        size="sm"
        icon={muted ? 'x' : 'bell'}
        aria-pressed={!muted}
        onClick={() => setMuted(!muted)}
        data-testid="sound-toggle"
      >
        {muted ? t('alerts.soundOff') : t('alerts.soundOn')}
      </Button>
      {!muted && !audioReady ? <span className={styles.muted}>{t('alerts.clickForSound')}</span> : null}
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
        className={classes(styles.bell, list.length > 0 && styles.bellOn, waiting > 0 && styles.bellWaiting)}
        aria-label={t('alerts.bellCount', { count: list.length })}
        title={t('alerts.bellCount', { count: list.length })}
        aria-expanded={panelOpen}
        onClick={() => setPanelOpen(!panelOpen)}
        data-testid="alert-bell"
        data-count={list.length}
      >
        <Icon name="bell" size={19} />
        {list.length ? (
          <span className={styles.bellCount} data-testid="alert-bell-count">
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
    <aside className={styles.panel} role="dialog" aria-labelledby="al-panel-title" data-testid="alert-panel">
      <header className={styles.panelHead}>
        <div>
          <h2 id="al-panel-title" className={styles.panelTitle} ref={headingRef} tabIndex={-1}>
            {t('alerts.panelTitle')}
          </h2>
          <p className={styles.muted}>{t('alerts.panelSubtitle')}</p>
        </div>
        <Button variant="ghost" size="sm" icon="x" onClick={onClose} data-testid="alert-panel-close">
          {t('common.close')}
        </Button>
      </header>
      <div className={styles.panelTools}>
        <SoundToggle />
      </div>
      <div className={styles.panelBody}>
        {loading ? (
          <p className={styles.empty}>
            <Spinner />
            {t('common.loading')}
          </p>
        ) : groups.length === 0 ? (
          <p className={styles.empty} data-testid="alert-panel-empty">
            <Icon name="check" size={15} />
            {t('alerts.empty')}
          </p>
        ) : (
          groups.map((g) => (
            <section key={g.campaignId ?? 'none'} className={styles.group} data-testid="alert-group">
              <h3 className={styles.groupTitle}>
                <span className={styles.groupName}>{g.campaignName ?? t('alerts.noCampaign')}</span>
                <span className={styles.groupCount} data-testid="alert-group-count">
                  {t('alerts.groupCount', { count: g.alerts.length })}
                </span>
                {g.unattended ? (
                  <span className={styles.groupWaiting}>
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
    <ul className={styles.list}>
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
  const arrival = useApiMutation('alerts.arrive', ['alerts.list', 'cases.worklist', 'cases.get']);
  const busy = arrival.isPending;

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
  const advice = adviceKey(alert);
  const toCase = alert.caseId !== null && can(role, 'cases.get');

  function arrive() {
    arrival.mutate(
      { id: alert.id },
      {
        onSuccess: (updated) => {
          toast.success(t('alerts.arrivedToast', { who: updated.arrivedBy ?? '', name: alert.name }));
          onChanged();
        },
        onError: (error) => toast.error(describeError(error)),
      },
    );
  }

  return (
    <li
      className={classes(
        styles.item,
        alert.live && styles.itemLive,
        fresh && styles.itemFresh,
        alert.arrivedAt !== null && styles.itemArrived,
      )}
      data-testid="alert-item"
      data-alert-id={alert.id}
    >
      <div className={styles.itemMain}>
        <p className={styles.itemHead}>
          <strong className={styles.itemName}>{alert.name}</strong>
          <span>{alert.group}</span>
          <span>{alert.seat ? t('alerts.seat', { seat: alert.seat }) : t('alerts.noSeat')}</span>
          <span className={styles.itemAgo} title={formatDateTime(alert.raisedAt)}>
            {t(`alerts.since.${ago.unit}`, { count: ago.count })}
          </span>
        </p>
        <p className={styles.itemFacts}>
          <span className={styles.itemSource}>
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
        <p className={styles.itemAdvice} data-testid="alert-advice">
          {t(`alerts.advice.${advice}`)}
        </p>
      </div>
      <div className={styles.itemActions}>
        {alert.arrivedAt ? (
          <span className={styles.arrived} data-testid="alert-arrived">
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
            className={styles.arrive}
            onClick={arrive}
            busy={busy}
            icon="check"
            data-testid="alert-arrive"
          >
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
