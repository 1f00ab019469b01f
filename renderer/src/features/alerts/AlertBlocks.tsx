import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/Icon';
import { AlertList, useFreshAlerts, useOpenAlerts } from './AlertCentre';
import { unattended } from './model';
import { useAlertCentre } from './store';
import styles from './AlertCentre.module.css';
import { Button } from '../../ui/Button';

/** A block's header row: icon and title, then counts and controls (the last pushed to the right). */
function BlockHead({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <div className={styles.boardHead}>
      <h2 id={id} className={styles.boardTitle}>
        <Icon name="alert" size={18} />
        {title}
      </h2>
      {children}
    </div>
  );
}

// The dashboard names the newest few; the bell's panel holds all of them.
const DASHBOARD_SHOWN = 5;

/**
 * The live board's alerts for its campaign: a count row and a list of bounded height that
 * scrolls by itself, so a hundred open alerts never push the station controls off the screen
 * or cover them. Newest first; new ones are highlighted.
 */
export function CampaignAlerts({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const alerts = useOpenAlerts(campaignId);
  const fresh = useFreshAlerts(alerts.data);
  const [collapsed, setCollapsed] = useState(false);
  const list = alerts.data ?? [];
  if (!list.length) return null;
  const waiting = unattended(list);
  return (
    <section className={`card ${styles.board}`} aria-labelledby="al-board-title" data-testid="board-alerts">
      <BlockHead id="al-board-title" title={t('alerts.board.title')}>
        <span aria-live="polite" data-testid="board-alert-count">
          {t('alerts.board.count', { count: list.length })}
        </span>
        {waiting ? (
          <span className={styles.groupWaiting}>{t('alerts.board.unattended', { count: waiting })}</span>
        ) : null}
        <span className={styles.spacer} />
        <Button
          variant="ghost"
          size="sm"
          icon={collapsed ? 'chevronDown' : 'arrowUp'}
          aria-expanded={!collapsed}
          onClick={() => setCollapsed((c) => !c)}
          data-testid="board-alerts-toggle"
        >
          {collapsed ? t('alerts.board.expand') : t('alerts.board.collapse')}
        </Button>
      </BlockHead>
      {collapsed ? null : (
        <div className={styles.boardBody} data-testid="board-alert-list">
          <AlertList alerts={list} fresh={fresh} onChanged={alerts.refresh} />
        </div>
      )}
    </section>
  );
}

/** 工作台: open critical alerts in their own block above the routine tasks, never among them. */
export function UrgentAlerts() {
  const { t } = useTranslation();
  const alerts = useOpenAlerts();
  const setPanelOpen = useAlertCentre((s) => s.setPanelOpen);
  const list = useMemo(() => alerts.data ?? [], [alerts.data]);
  if (!list.length) return null;
  const shown = list.slice(0, DASHBOARD_SHOWN);
  return (
    <section className={`card ${styles.dash}`} aria-labelledby="al-dash-title" data-testid="dashboard-alerts">
      <BlockHead id="al-dash-title" title={t('alerts.dashboard.title')}>
        <span className={styles.dashCount} data-testid="dashboard-alerts-count">
          {list.length}
        </span>
        <span className={styles.muted}>{t('alerts.dashboard.body')}</span>
        <span className={styles.spacer} />
        <Button variant="secondary" size="sm" icon="bell" onClick={() => setPanelOpen(true)}>
          {t('alerts.dashboard.openAll')}
        </Button>
      </BlockHead>
      <div className={styles.boardBody}>
        <AlertList alerts={shown} fresh={new Set()} onChanged={alerts.refresh} />
        {list.length > shown.length ? (
          <p className="card-foot-note">
            {t('alerts.dashboard.more', { count: list.length - shown.length })}
          </p>
        ) : null}
      </div>
    </section>
  );
}
