import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { invoke } from '../../api/client';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { can } from '../../../../shared/api/contract';
import { useSession } from '../../store/session';
import type { Column } from './PeopleTable';
import { LevelChip, LevelFilter, useLevels } from './levels';
import { stageText, timePointLabel, windowText } from './personText';
import { usePeoplePages } from './usePeoplePages';
import { RegisterCount, RegisterResults } from './RegisterResults';
import { useRegister } from './useRegister';
import { Button, LinkButton } from '../../ui/Button';

const STAGES = ['early', 'mid', 'late', 'postpartum'] as const;

export function WomenPage() {
  const { t } = useTranslation();
  usePageTitle(t('women.title'));
  const role = useSession((s) => s.status?.user?.role);
  const { filters, setFilters, queryInput, setQueryInput, savedScroll, scrollTop } = useRegister('woman');
  const canImport = can(role, 'people.importCommit');
  const filtered = Boolean(filters.query || filters.township || filters.stage || filters.level);
  const levels = useLevels('perinatal');

  const groups = useApi(() => invoke('people.groups', {}), []);
  const townships = groups.data?.townships ?? [];
  const all = townships.reduce((n, tw) => n + tw.count, 0);

  const query = useMemo(
    () => ({
      kind: 'woman' as const,
      query: filters.query || undefined,
      township: filters.township || undefined,
      stage: filters.stage || undefined,
      level: filters.level || undefined,
      sort: filters.sort,
      descending: filters.descending,
    }),
    [filters],
  );
  const pages = usePeoplePages(query, 0);

  const columns: Column[] = [
    {
      key: 'name',
      header: t('women.columns.name'),
      width: '9%',
      sort: 'name',
      className: 'cell-strong',
      render: (w) => (
        <Link
          to={`/app/people/${w.id}`}
          className="row-name"
          onClick={(e) => e.stopPropagation()}
          tabIndex={-1}
        >
          {w.name}
        </Link>
      ),
    },
    {
      key: 'handbookNo',
      header: t('women.columns.handbookNo'),
      width: '14%',
      sort: 'number',
      className: 'cell-id',
      render: (w) => w.handbookNo ?? '—',
    },
    { key: 'township', header: t('women.columns.township'), width: '11%', render: (w) => w.township ?? '—' },
    {
      key: 'edd',
      header: t('women.columns.edd'),
      width: '13%',
      sort: 'edd',
      className: 'cell-num',
      render: (w) => w.edd ?? '—',
    },
    { key: 'stage', header: t('women.columns.stage'), width: '15%', render: (w) => stageText(w.perinatal) },
    {
      key: 'level',
      header: t('people.level'),
      width: '14%',
      render: (w) => <LevelChip level={w.level} levels={levels} />,
    },
    {
      key: 'nextDue',
      header: t('women.columns.nextDue'),
      width: '24%',
      render: (w) => {
        const due = w.perinatal?.nextDue;
        if (!due) return <span className="fact-note">{t('women.noneDue')}</span>;
        return (
          <span className={`due due-${due.status}`} data-testid="next-due">
            <span className="due-line">
              <span className="due-label">{timePointLabel(due.point)}</span>
              {due.status === 'current' ? <span className="chip chip-warn">{t('women.dueNow')}</span> : null}
            </span>
            <span className="due-window">{windowText(due)}</span>
          </span>
        );
      },
    },
  ];

  function clearFilters() {
    setQueryInput('');
    setFilters({ query: '', township: '', stage: '', level: '' });
  }

  return (
    <div className="page page-fill" data-testid="women-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('women.title')}</h1>
          <p className="page-subtitle">{t('women.subtitle')}</p>
        </div>
        <div className="page-actions">
          {canImport ? (
            <LinkButton variant="primary" icon="upload" to="/app/women/import">
              {t('women.import')}
            </LinkButton>
          ) : null}
        </div>
      </div>

      <div className="people-layout">
        <aside className="card people-side">
          <nav className="group-tree" aria-label={t('women.townships')} data-testid="township-list">
            <p className="tree-heading">{t('women.townships')}</p>
            <button
              type="button"
              className={`tree-node tree-all${!filters.township ? ' is-active' : ''}`}
              aria-current={!filters.township || undefined}
              onClick={() => setFilters({ township: '' })}
            >
              <Icon name="maternal" size={15} />
              <span className="tree-label">{t('women.allTownships')}</span>
              <span className="tree-count">{all}</span>
            </button>
            <ul className="tree-list">
              {townships.map((tw) => (
                <li key={tw.township}>
                  <button
                    type="button"
                    className={`tree-node tree-leaf${filters.township === tw.township ? ' is-active' : ''}`}
                    aria-current={filters.township === tw.township || undefined}
                    onClick={() => setFilters({ township: tw.township })}
                  >
                    <span className="tree-label">{tw.township}</span>
                    <span className="tree-count">{tw.count}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        </aside>

        <section className="card people-main">
          <div className="toolbar" role="search">
            <div className="search search-narrow">
              <Icon name="search" size={16} className="search-icon" />
              <input
                type="search"
                className="input search-input"
                aria-label={t('women.search')}
                placeholder={t('women.searchPlaceholder')}
                value={queryInput}
                onChange={(e) => setQueryInput(e.target.value)}
                maxLength={64}
                data-testid="woman-search"
              />
            </div>
            <div
              className="segmented"
              role="group"
              aria-label={t('women.filterStage')}
              data-testid="stage-filter"
            >
              <button type="button" aria-pressed={!filters.stage} onClick={() => setFilters({ stage: '' })}>
                {t('women.allStages')}
              </button>
              {STAGES.map((stage) => (
                <button
                  key={stage}
                  type="button"
                  aria-pressed={filters.stage === stage}
                  onClick={() => setFilters({ stage })}
                >
                  {t(`women.stage.${stage}`)}
                </button>
              ))}
            </div>
            <LevelFilter value={filters.level} levels={levels} onChange={(level) => setFilters({ level })} />
            {filtered ? (
              <Button variant="link" onClick={clearFilters}>
                {t('students.clearFilters')}
              </Button>
            ) : null}
            <RegisterCount register="women" pages={pages} filtered={filtered} all={all} />
          </div>

          <RegisterResults
            register="women"
            pages={pages}
            columns={columns}
            filters={filters}
            onSort={(sort, descending) => setFilters({ sort, descending })}
            rowClassName={(w) => (w.perinatal?.nextDue?.status === 'current' ? 'is-due' : '')}
            filtered={filtered}
            onClearFilters={clearFilters}
            savedScroll={savedScroll}
            scrollTopRef={scrollTop}
            whenEmpty={
              <EmptyState
                icon="maternal"
                title={t('women.empty.title')}
                body={canImport ? t('women.empty.body') : undefined}
                testId="women-empty"
                action={
                  canImport ? (
                    <LinkButton variant="primary" icon="upload" to="/app/women/import">
                      {t('women.import')}
                    </LinkButton>
                  ) : null
                }
              />
            }
          />
        </section>
      </div>
    </div>
  );
}
