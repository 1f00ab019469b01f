import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '../../../../shared/api/contract';
import type { CampaignProgress } from '../../../../shared/api/screening';
import { describeError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/query';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Icon, type IconName } from '../../ui/Icon';
import { LoadState } from '../../ui/LoadState';
import { PageHeader } from '../../ui/PageHeader';
import { Select } from '../../ui/Select';
import { Table, type Column } from '../../ui/Table';
import { Tag } from '../../ui/Tag';
import { SearchInput, Toolbar } from '../../ui/Toolbar';
import { campaignBattery, campaignPhase, percent, type GroupCounts, type Participant } from './api';
import { BackLink, PhaseTag, StackedBar, StatusBadge, StatusDot, StatusLegend, STATUS_ORDER } from './ui';
import sc from './screening.module.css';
import styles from './CampaignDetailPage.module.css';

/** Who still needs a sitting: not done and not declined (a decline is respected, not chased). */
const MAKE_UP: readonly Participant['status'][] = ['due', 'in_progress', 'absent'];

/**
 * A campaign's page: the ways to screen, the figures, progress by class and who still needs a
 * sitting. Pushed board events refresh the numbers as respondents submit.
 */
export function CampaignDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const progress = useApiQuery('campaigns.progress', { id });
  usePageTitle(progress.data?.campaign.name ?? t('screening.campaigns.title'));
  if (!progress.data)
    return (
      <div className="page">
        <BackLink to="/app/campaigns" label={t('screening.campaigns.title')} />
        <LoadState query={progress} failed={t('screening.detail.loadFailed')}>
          {() => null}
        </LoadState>
      </div>
    );
  return <CampaignDetail data={progress.data} />;
}

function CampaignDetail({ data }: { data: CampaignProgress }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.status?.user?.role);
  const canScreen = can(role, 'screening.start');
  const { campaign, overall, groups } = data;
  const perinatal = campaign.programme === 'perinatal';
  const phase = campaignPhase(campaign);
  const open = campaign.status === 'open';
  return (
    <div className="page" data-testid="campaign-detail">
      <PageHeader
        before={<BackLink to="/app/campaigns" label={t('screening.campaigns.title')} />}
        title={
          <span className={sc.campaignTitleRow}>
            {campaign.name}
            <PhaseTag phase={phase} />
          </span>
        }
        subtitle={
          <>
            {t('screening.common.dateRange', { from: campaign.startsOn, to: campaign.endsOn })}
            {' · '}
            {campaignBattery(campaign).join(' + ')}
            {' · '}
            {campaign.showResult ? t('screening.detail.resultShown') : t('screening.detail.resultHidden')}
          </>
        }
      />
      {canScreen && open ? <ModeLinks campaignId={campaign.id} perinatal={perinatal} /> : null}
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
      <GroupProgress groups={groups} perinatal={perinatal} />
      <MakeUpList data={data} canMark={canScreen && open} />
    </div>
  );
}

/** The ways to run the screening: kiosk, station board, paper, and importing answers. */
function ModeLinks({ campaignId, perinatal }: { campaignId: number; perinatal: boolean }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.status?.user?.role);
  const modes: { path: string; icon: IconName; title: string; body: string; testId: string }[] = [
    {
      path: 'kiosk',
      icon: 'lock',
      title: t('screening.detail.kiosk'),
      body: perinatal ? t('screening.detail.kioskBodyPerinatal') : t('screening.detail.kioskBody'),
      testId: 'mode-kiosk',
    },
    {
      path: 'board',
      icon: 'chart',
      title: perinatal ? t('screening.detail.boardPerinatal') : t('screening.detail.board'),
      body: perinatal ? t('screening.detail.boardBodyPerinatal') : t('screening.detail.boardBody'),
      testId: 'mode-board',
    },
    {
      path: 'paper',
      icon: 'printer',
      title: t('screening.detail.paper'),
      body: t('screening.detail.paperBody'),
      testId: 'mode-paper',
    },
  ];
  if (can(role, 'responses.import'))
    modes.push({
      path: 'import',
      icon: 'upload',
      title: t('responseImport.open'),
      body: t('responseImport.openBody'),
      testId: 'mode-import',
    });
  return (
    <section className={styles.modes} aria-label={t('screening.detail.modes')}>
      {modes.map((m) => (
        <Link
          key={m.path}
          to={`/app/campaigns/${campaignId}/${m.path}`}
          className={styles.mode}
          data-testid={m.testId}
        >
          <span className={styles.modeIcon}>
            <Icon name={m.icon} size={22} />
          </span>
          <span>
            <span className={styles.modeTitle}>{m.title}</span>
            <span className={styles.modeBody}>{m.body}</span>
          </span>
        </Link>
      ))}
    </section>
  );
}

function GroupProgress({ groups, perinatal }: { groups: readonly GroupCounts[]; perinatal: boolean }) {
  const { t } = useTranslation();
  const columns: Column<GroupCounts>[] = [
    {
      key: 'group',
      header: perinatal ? t('screening.common.township') : t('screening.common.class'),
      kind: 'strong',
      cell: (g) => g.group,
    },
    {
      key: 'bar',
      header: t('screening.detail.progress'),
      cell: (g) => (
        <div className={styles.barRow}>
          <StackedBar counts={g} />
          <span className={styles.barPct}>{percent(g.done, g.total)}%</span>
        </div>
      ),
    },
    { key: 'total', header: t('screening.detail.total'), kind: 'num', cell: (g) => g.total },
    ...STATUS_ORDER.map((s): Column<GroupCounts> => ({
      key: s,
      header: t(`screening.status.${s}`),
      kind: 'num',
      cell: (g) => (g[s] ? g[s] : <span className={styles.zero}>{g[s]}</span>),
    })),
  ];
  return (
    <section className="card">
      <div className={sc.cardHead}>
        <h2 className={sc.cardTitle}>
          {perinatal ? t('screening.detail.byTownship') : t('screening.detail.byClass')}
        </h2>
        <StatusLegend />
      </div>
      <Table
        columns={columns}
        rows={groups}
        rowKey={(g) => g.group}
        label={perinatal ? t('screening.detail.byTownship') : t('screening.detail.byClass')}
        testId="class-progress"
        rowTestId="class-row"
        empty={
          <EmptyState
            icon="users"
            title={t('screening.detail.noParticipants')}
            body={t('screening.detail.noParticipantsBody')}
          />
        }
      />
    </section>
  );
}

/** 补测名单: who has not sat the screening yet, with a way to mark someone absent. */
function MakeUpList({ data, canMark }: { data: CampaignProgress; canMark: boolean }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.status?.user?.role);
  // Which sheet holds a critical answer is for the staff who act on cases.
  const seesCritical = can(role, 'cases.get');
  const perinatal = data.campaign.programme === 'perinatal';
  const [groupFilter, setGroupFilter] = useState('');
  const [query, setQuery] = useState('');
  const markAbsent = useApiMutation('campaigns.markAbsent', ['campaigns.progress', 'campaigns.list']);
  const marking = markAbsent.isPending ? markAbsent.variables?.personId : null;

  const makeUp = useMemo(() => {
    const q = query.trim().toLowerCase();
    return data.people.filter(
      (p) =>
        MAKE_UP.includes(p.status) &&
        (!groupFilter || p.group === groupFilter) &&
        (!q || p.name.toLowerCase().includes(q) || (p.number ?? '').toLowerCase().includes(q)),
    );
  }, [data, groupFilter, query]);

  function mark(person: Participant) {
    markAbsent.mutate(
      { campaignId: data.campaign.id, personId: person.personId },
      {
        onSuccess: () => toast.success(t('screening.detail.markedAbsent', { name: person.name })),
        onError: (error) => toast.error(describeError(error)),
      },
    );
  }

  const groupLabel = perinatal ? t('screening.common.township') : t('screening.common.class');
  const columns: Column<Participant>[] = [
    {
      key: 'number',
      header: perinatal ? t('screening.common.handbookNo') : t('screening.common.studentNo'),
      kind: 'id',
      cell: (p) => p.number ?? '—',
    },
    { key: 'name', header: t('screening.common.name'), kind: 'strong', cell: (p) => p.name },
    { key: 'group', header: groupLabel, cell: (p) => p.group },
    {
      key: 'status',
      header: t('screening.common.status'),
      cell: (p) => (
        <>
          <StatusBadge status={p.status} />
          {seesCritical && p.criticalUnsubmitted ? (
            <Tag tone="warning" testId="makeup-critical">
              <Icon name="alert" size={12} />
              {t('screening.detail.criticalUnsubmitted')}
            </Tag>
          ) : null}
        </>
      ),
    },
    {
      key: 'actions',
      header: t('screening.common.actions'),
      cell: (p) =>
        canMark && p.status !== 'absent' ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => mark(p)}
            disabled={marking != null}
            busy={marking === p.personId}
          >
            {t('screening.detail.markAbsent')}
          </Button>
        ) : null,
    },
  ];
  return (
    <section className="card" data-testid="makeup-list">
      <div className={sc.cardHead}>
        <div>
          <h2 className={sc.cardTitle}>{t('screening.detail.makeUp')}</h2>
          <p className={sc.muted}>{t('screening.detail.makeUpBody')}</p>
        </div>
      </div>
      <Toolbar search count={t('screening.detail.makeUpCount', { count: makeUp.length })}>
        <SearchInput
          value={query}
          onValue={setQuery}
          placeholder={t('screening.detail.searchPlaceholder')}
          label={t('screening.detail.search')}
        />
        <Select
          className="toolbar-select"
          aria-label={groupLabel}
          value={groupFilter}
          onValue={setGroupFilter}
          placeholder={perinatal ? t('screening.detail.allTownships') : t('screening.detail.allClasses')}
          options={data.groups.map((g) => ({ value: g.group, label: g.group }))}
        />
      </Toolbar>
      <div className={styles.scroll}>
        <Table
          columns={columns}
          rows={makeUp}
          rowKey={(p) => p.personId}
          label={t('screening.detail.makeUp')}
          rowTestId="makeup-row"
          empty={<EmptyState icon="check" title={t('screening.detail.makeUpEmpty')} />}
        />
      </div>
    </section>
  );
}
