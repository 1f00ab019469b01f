import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { can } from '../../../../shared/api/contract';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { campaignBattery, campaignPhase, percent, type Participant } from './api';
import { BackLink, PhaseTag, StackedBar, StatusBadge, StatusDot, StatusLegend, STATUS_ORDER } from './ui';
import { Button } from '../../ui/Button';
import sc from './screening.module.css';
import styles from './CampaignDetailPage.module.css';

const REFRESH_MS = 10_000;

/** Who still needs a sitting: not done and not declined (a decline is respected, not chased). */
const MAKE_UP: readonly Participant['status'][] = ['due', 'in_progress', 'absent'];

export function CampaignDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const role = useSession((s) => s.status?.user?.role);
  const canScreen = can(role, 'screening.start');
  const canImport = can(role, 'responses.import');
  // Which sheet holds a critical answer is for the staff who act on cases.
  const seesCritical = can(role, 'cases.get');
  const progress = useApi(() => invoke('campaigns.progress', { id }), [id]);
  const data = progress.data;
  usePageTitle(data?.campaign.name ?? t('screening.campaigns.title'));
  const [groupFilter, setGroupFilter] = useState('');
  const [query, setQuery] = useState('');
  const [marking, setMarking] = useState<number | null>(null);
  const perinatal = data?.campaign.programme === 'perinatal';

  // The numbers change all morning; a quiet refresh keeps them honest without a reload button hunt.
  const reload = progress.reload;
  useEffect(() => {
    const timer = setInterval(() => {
      if (!document.hidden) reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const makeUp = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (data?.people ?? []).filter(
      (p) =>
        MAKE_UP.includes(p.status) &&
        (!groupFilter || p.group === groupFilter) &&
        (!q || p.name.toLowerCase().includes(q) || (p.number ?? '').toLowerCase().includes(q)),
    );
  }, [data, groupFilter, query]);

  async function markAbsent(person: Participant) {
    setMarking(person.personId);
    try {
      await invoke('campaigns.markAbsent', { campaignId: id, personId: person.personId });
      toast.success(t('screening.detail.markedAbsent', { name: person.name }));
      progress.reload();
    } catch (error) {
      toast.error(describeError(error));
    } finally {
      setMarking(null);
    }
  }

  if (progress.error && !data) {
    return (
      <div className="page">
        <BackLink to="/app/campaigns" label={t('screening.campaigns.title')} />
        <Alert title={t('screening.detail.loadFailed')}>
          {describeError(progress.error)}{' '}
          <Button variant="link" onClick={progress.reload}>
            {t('common.retry')}
          </Button>
        </Alert>
      </div>
    );
  }
  if (!data) {
    return (
      <div className="page">
        <section className="card card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </section>
      </div>
    );
  }

  const { campaign, overall, groups } = data;
  const phase = campaignPhase(campaign);
  const open = campaign.status === 'open';
  return (
    <div className="page" data-testid="campaign-detail">
      <BackLink to="/app/campaigns" label={t('screening.campaigns.title')} />
      <div className="page-header">
        <div>
          <div className={sc.campaignTitleRow}>
            <h1 className="page-title">{campaign.name}</h1>
            <PhaseTag phase={phase} />
          </div>
          <p className="page-subtitle">
            {t('screening.common.dateRange', { from: campaign.startsOn, to: campaign.endsOn })}
            {' · '}
            {campaignBattery(campaign).join(' + ')}
            {' · '}
            {campaign.showResult ? t('screening.detail.resultShown') : t('screening.detail.resultHidden')}
          </p>
        </div>
      </div>

      {canScreen && open ? (
        <section className={styles.modes} aria-label={t('screening.detail.modes')}>
          <Link to={`/app/campaigns/${id}/kiosk`} className={styles.mode} data-testid="mode-kiosk">
            <span className={styles.modeIcon}>
              <Icon name="lock" size={22} />
            </span>
            <span>
              <span className={styles.modeTitle}>{t('screening.detail.kiosk')}</span>
              <span className={styles.modeBody}>
                {perinatal ? t('screening.detail.kioskBodyPerinatal') : t('screening.detail.kioskBody')}
              </span>
            </span>
          </Link>
          <Link to={`/app/campaigns/${id}/board`} className={styles.mode} data-testid="mode-board">
            <span className={styles.modeIcon}>
              <Icon name="chart" size={22} />
            </span>
            <span>
              <span className={styles.modeTitle}>
                {perinatal ? t('screening.detail.boardPerinatal') : t('screening.detail.board')}
              </span>
              <span className={styles.modeBody}>
                {perinatal ? t('screening.detail.boardBodyPerinatal') : t('screening.detail.boardBody')}
              </span>
            </span>
          </Link>
          <Link to={`/app/campaigns/${id}/paper`} className={styles.mode} data-testid="mode-paper">
            <span className={styles.modeIcon}>
              <Icon name="printer" size={22} />
            </span>
            <span>
              <span className={styles.modeTitle}>{t('screening.detail.paper')}</span>
              <span className={styles.modeBody}>{t('screening.detail.paperBody')}</span>
            </span>
          </Link>
          {canImport ? (
            <Link to={`/app/campaigns/${id}/import`} className={styles.mode} data-testid="mode-import">
              <span className={styles.modeIcon}>
                <Icon name="upload" size={22} />
              </span>
              <span>
                <span className={styles.modeTitle}>{t('responseImport.open')}</span>
                <span className={styles.modeBody}>{t('responseImport.openBody')}</span>
              </span>
            </Link>
          ) : null}
        </section>
      ) : null}

      <section
        className={styles.stats}
        aria-label={t('screening.detail.overall')}
        data-testid="campaign-stats"
      >
        <div className={`${styles.stat} ${styles.statMain}`}>
          <span className={styles.statLabel}>{t('screening.detail.doneRate')}</span>
          <span className={styles.statValue}>{percent(overall.done, overall.total)}%</span>
          <StackedBar counts={overall} />
        </div>
        <div className={styles.stat}>
          <span className={styles.statLabel}>{t('screening.detail.total')}</span>
          <span className={styles.statValue}>{overall.total}</span>
        </div>
        {STATUS_ORDER.map((s) => (
          <div className={styles.stat} key={s}>
            <span className={styles.statLabel}>
              <StatusDot status={s} />
              {t(`screening.status.${s}`)}
            </span>
            <span className={styles.statValue} data-testid={`stat-${s}`}>
              {overall[s]}
            </span>
          </div>
        ))}
      </section>

      <section className="card">
        <div className={sc.cardHead}>
          <h2 className={sc.cardTitle}>
            {perinatal ? t('screening.detail.byTownship') : t('screening.detail.byClass')}
          </h2>
          <StatusLegend />
        </div>
        {groups.length === 0 ? (
          <EmptyState
            icon="users"
            title={t('screening.detail.noParticipants')}
            body={t('screening.detail.noParticipantsBody')}
          />
        ) : (
          <div className="table-wrap">
            <table className="table sc-table" data-testid="class-progress">
              <thead>
                <tr>
                  <th scope="col">
                    {perinatal ? t('screening.common.township') : t('screening.common.class')}
                  </th>
                  <th scope="col" className={styles.colBar}>
                    {t('screening.detail.progress')}
                  </th>
                  <th scope="col" className="cell-num">
                    {t('screening.detail.total')}
                  </th>
                  {STATUS_ORDER.map((s) => (
                    <th scope="col" key={s} className="cell-num">
                      {t(`screening.status.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.group} data-testid="class-row">
                    <td className="cell-strong">{g.group}</td>
                    <td className={styles.colBar}>
                      <div className={styles.barRow}>
                        <StackedBar counts={g} />
                        <span className={styles.barPct}>{percent(g.done, g.total)}%</span>
                      </div>
                    </td>
                    <td className="cell-num">{g.total}</td>
                    {STATUS_ORDER.map((s) => (
                      <td key={s} className={`cell-num${g[s] ? '' : styles.zero}`}>
                        {g[s]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" data-testid="makeup-list">
        <div className={sc.cardHead}>
          <div>
            <h2 className={sc.cardTitle}>{t('screening.detail.makeUp')}</h2>
            <p className={sc.muted}>{t('screening.detail.makeUpBody')}</p>
          </div>
        </div>
        <div className="toolbar">
          <div className="search">
            <Icon name="search" size={16} className="search-icon" />
            <input
              type="search"
              className="input search-input"
              placeholder={t('screening.detail.searchPlaceholder')}
              aria-label={t('screening.detail.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              maxLength={64}
            />
          </div>
          <select
            className="input select toolbar-select"
            aria-label={perinatal ? t('screening.common.township') : t('screening.common.class')}
            value={groupFilter}
            onChange={(e) => setGroupFilter(e.target.value)}
          >
            <option value="">
              {perinatal ? t('screening.detail.allTownships') : t('screening.detail.allClasses')}
            </option>
            {groups.map((g) => (
              <option key={g.group} value={g.group}>
                {g.group}
              </option>
            ))}
          </select>
          <p className="toolbar-count">{t('screening.detail.makeUpCount', { count: makeUp.length })}</p>
        </div>
        {makeUp.length === 0 ? (
          <EmptyState icon="check" title={t('screening.detail.makeUpEmpty')} />
        ) : (
          <div className={`table-wrap ${styles.scroll}`}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">
                    {perinatal ? t('screening.common.handbookNo') : t('screening.common.studentNo')}
                  </th>
                  <th scope="col">{t('screening.common.name')}</th>
                  <th scope="col">
                    {perinatal ? t('screening.common.township') : t('screening.common.class')}
                  </th>
                  <th scope="col">{t('screening.common.status')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('screening.common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {makeUp.map((p) => (
                  <tr key={p.personId} data-testid="makeup-row">
                    <td className="cell-id">{p.number ?? '—'}</td>
                    <td className="cell-strong">{p.name}</td>
                    <td>{p.group}</td>
                    <td>
                      <StatusBadge status={p.status} />
                      {seesCritical && p.criticalUnsubmitted ? (
                        <span className="chip chip-warn" data-testid="makeup-critical">
                          <Icon name="alert" size={12} />
                          {t('screening.detail.criticalUnsubmitted')}
                        </span>
                      ) : null}
                    </td>
                    <td className={styles.cellAction}>
                      {canScreen && open && p.status !== 'absent' ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          onClick={() => void markAbsent(p)}
                          disabled={marking !== null}
                        >
                          {marking === p.personId ? <Spinner size={12} /> : null}
                          {t('screening.detail.markAbsent')}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
