import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../../shared/api/contract';
import type { Campaign, CampaignProgress, CreatedCampaign } from '../../../../shared/api/screening';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { campaignBattery, campaignPhase, percent } from './api';
import { CreateCampaignDialog } from './CreateCampaignDialog';
import { PhaseTag, StackedBar, StatusLegend } from './ui';
import { Button } from '../../ui/Button';
import sc from './screening.module.css';
import styles from './CampaignsPage.module.css';

// Progress is fetched per campaign; older ones beyond this show their size only.
const PROGRESS_LIMIT = 12;

type Overall = CampaignProgress['overall'];

export function CampaignsPage() {
  const { t } = useTranslation();
  usePageTitle(t('screening.campaigns.title'));
  const navigate = useNavigate();
  const role = useSession((s) => s.status?.user?.role);
  const canCreate = can(role, 'campaigns.create');
  const list = useApi(() => invoke('campaigns.list', {}), []);
  const [progress, setProgress] = useState<Map<number, Overall>>(new Map());
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (!list.data) return;
    let current = true;
    const wanted = list.data.slice(0, PROGRESS_LIMIT);
    void Promise.all(
      wanted.map((c) =>
        invoke('campaigns.progress', { id: c.id })
          .then((p) => [c.id, p.overall] as const)
          // One campaign failing to load its numbers should not hide the others.
          .catch(() => null),
      ),
    ).then((rows) => {
      if (current) setProgress(new Map(rows.filter((r): r is readonly [number, Overall] => r !== null)));
    });
    return () => {
      current = false;
    };
  }, [list.data]);

  function created(campaign: CreatedCampaign) {
    toast.success(t('screening.campaigns.created', { name: campaign.name, count: campaign.participants }));
    // Said again once created: the plan's results will not show self-harm risk.
    for (const w of campaign.warnings)
      toast.info(t('screening.create.noCriticalItem', { battery: w.battery.join(' + ') }));
    navigate(`/app/campaigns/${campaign.id}`);
  }

  const campaigns = list.data ?? [];
  return (
    <div className="page" data-testid="campaigns-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('screening.campaigns.title')}</h1>
          <p className="page-subtitle">{t('screening.campaigns.subtitle')}</p>
        </div>
        {canCreate ? (
          <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
            {t('screening.campaigns.create')}
          </Button>
        ) : null}
      </div>

      {list.error ? (
        <Alert title={t('screening.campaigns.loadFailed')}>
          {describeError(list.error)}{' '}
          <Button variant="link" onClick={list.reload}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : null}

      {list.loading && !list.data ? (
        <section className="card card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </section>
      ) : null}

      {list.data && campaigns.length === 0 ? (
        <section className="card">
          <EmptyState
            icon="inbox"
            title={t('screening.campaigns.empty')}
            body={canCreate ? t('screening.campaigns.emptyBody') : undefined}
            testId="campaigns-empty"
            action={
              canCreate ? (
                <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
                  {t('screening.campaigns.create')}
                </Button>
              ) : null
            }
          />
        </section>
      ) : null}

      {campaigns.length > 0 ? (
        <>
          <StatusLegend />
          <ul className={styles.campaignList}>
            {campaigns.map((c) => (
              <CampaignCard key={c.id} campaign={c} overall={progress.get(c.id)} />
            ))}
          </ul>
        </>
      ) : null}

      {creating ? <CreateCampaignDialog onCreated={created} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

function CampaignCard({ campaign, overall }: { campaign: Campaign; overall: Overall | undefined }) {
  const { t } = useTranslation();
  const phase = campaignPhase(campaign);
  const battery = campaignBattery(campaign);
  const done = overall ? percent(overall.done, overall.total) : null;
  return (
    <li className="card sc-campaign" data-testid="campaign-card">
      <Link to={`/app/campaigns/${campaign.id}`} className={styles.campaignLink}>
        <div className={styles.campaignMain}>
          <div className={sc.campaignTitleRow}>
            <h2 className={styles.campaignName}>{campaign.name}</h2>
            <PhaseTag phase={phase} />
          </div>
          <p className={styles.campaignMeta}>
            <Icon name="clock" size={14} />
            {t('screening.common.dateRange', { from: campaign.startsOn, to: campaign.endsOn })}
            <span className={styles.dot} aria-hidden="true">
              ·
            </span>
            {battery.map((id) => (
              <span key={id} className="chip chip-muted">
                {id}
              </span>
            ))}
          </p>
        </div>
        <div className={styles.campaignProgress}>
          {overall ? (
            <>
              <div className={styles.campaignNumbers}>
                <span className={styles.bigNumber}>{done}%</span>
                <span className={sc.muted}>
                  {t('screening.common.doneCount', { done: overall.done, total: overall.total })}
                </span>
              </div>
              <StackedBar counts={overall} />
              <p className={styles.campaignSub}>
                {t('screening.campaigns.subCounts', {
                  inProgress: overall.in_progress,
                  due: overall.due,
                  declined: overall.declined,
                  absent: overall.absent,
                })}
              </p>
            </>
          ) : (
            <p className={sc.muted}>
              {t('screening.campaigns.participants', { count: campaign.participants })}
            </p>
          )}
        </div>
        <Icon name="chevronRight" size={18} className={styles.campaignChevron} />
      </Link>
    </li>
  );
}
