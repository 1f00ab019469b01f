import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../../shared/api/contract';
import type { Campaign, CreatedCampaign } from '../../../../shared/api/screening';
import { useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { LoadState } from '../../ui/LoadState';
import { PageHeader } from '../../ui/PageHeader';
import { Tag } from '../../ui/Tag';
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

export function CampaignsPage() {
  const { t } = useTranslation();
  usePageTitle(t('screening.campaigns.title'));
  const navigate = useNavigate();
  const role = useSession((s) => s.status?.user?.role);
  const canCreate = can(role, 'campaigns.create');
  const list = useApiQuery('campaigns.list', {});
  const [creating, setCreating] = useState(false);

  function created(campaign: CreatedCampaign) {
    toast.success(t('screening.campaigns.created', { name: campaign.name, count: campaign.participants }));
    // Said again once created: the plan's results will not show self-harm risk.
    for (const w of campaign.warnings)
      toast.info(t('screening.create.noCriticalItem', { battery: w.battery.join(' + ') }));
    navigate(`/app/campaigns/${campaign.id}`);
  }

  const createButton = canCreate ? (
    <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
      {t('screening.campaigns.create')}
    </Button>
  ) : null;
  return (
    <div className="page" data-testid="campaigns-page">
      <PageHeader
        title={t('screening.campaigns.title')}
        subtitle={t('screening.campaigns.subtitle')}
        actions={createButton}
      />
      <LoadState query={list} failed={t('screening.campaigns.loadFailed')}>
        {(campaigns) =>
          campaigns.length === 0 ? (
            <section className="card">
              <EmptyState
                icon="inbox"
                title={t('screening.campaigns.empty')}
                body={canCreate ? t('screening.campaigns.emptyBody') : undefined}
                testId="campaigns-empty"
                action={createButton}
              />
            </section>
          ) : (
            <>
              <StatusLegend />
              <ul className={styles.campaignList}>
                {campaigns.map((c, i) => (
                  <CampaignCard key={c.id} campaign={c} withProgress={i < PROGRESS_LIMIT} />
                ))}
              </ul>
            </>
          )
        }
      </LoadState>
      {creating ? <CreateCampaignDialog onCreated={created} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

function CampaignCard({ campaign, withProgress }: { campaign: Campaign; withProgress: boolean }) {
  const { t } = useTranslation();
  // Each card asks for its own numbers: one campaign failing to load them hides no other.
  const overall = useApiQuery('campaigns.progress', { id: campaign.id }, { enabled: withProgress }).data
    ?.overall;
  const phase = campaignPhase(campaign);
  const battery = campaignBattery(campaign);
  const done = overall ? percent(overall.done, overall.total) : null;
  return (
    <li className="card" data-testid="campaign-card">
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
              <Tag key={id} tone="muted">
                {id}
              </Tag>
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
