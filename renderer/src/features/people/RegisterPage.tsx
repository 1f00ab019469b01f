import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { registerShowSchema, type PersonKind, type PersonListItem } from '../../../../shared/api/people';
import { describeError } from '../../api/errors';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Alert } from '../../ui/Alert';
import { PageHeader } from '../../ui/PageHeader';
import { Spinner } from '../../ui/Spinner';
import { SearchInput, Toolbar } from '../../ui/Toolbar';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PeopleFilters } from '../../store/ui';
import { LevelFilter, useLevels } from './levels';
import { PeopleTable, type Column, type RowTone } from './PeopleTable';
import { usePeoplePages, type PeoplePages, type PeopleQuery } from './usePeoplePages';
import { useRegister } from './useRegister';
import styles from './RegisterPage.module.css';

type Register = 'students' | 'women';
const REGISTERS: Record<
  Register,
  {
    kind: PersonKind;
    programme: 'school' | 'perinatal';
    table: string;
    row: string;
    count: string;
    search: string;
  }
> = {
  students: {
    kind: 'student',
    programme: 'school',
    table: 'students-table',
    row: 'student-row',
    count: 'student-count',
    search: 'student-search',
  },
  women: {
    kind: 'woman',
    programme: 'perinatal',
    table: 'women-table',
    row: 'woman-row',
    count: 'woman-count',
    search: 'woman-search',
  },
};

/** The filters that narrow the list (not the order): their reset, and whether any is set. */
const NARROWING = ['query', 'grade', 'className', 'township', 'stage', 'level', 'show'] as const;
const CLEARED = Object.fromEntries(NARROWING.map((k) => [k, ''])) as Pick<
  PeopleFilters,
  (typeof NARROWING)[number]
>;

/** The list input for the filters: empty filters are left out rather than sent blank. */
export function registerQuery(kind: PersonKind, filters: PeopleFilters): PeopleQuery {
  const query: PeopleQuery = { kind, sort: filters.sort, descending: filters.descending };
  for (const key of NARROWING) if (filters[key] && key !== 'show') query[key] = filters[key];
  const show = registerShowSchema.safeParse(filters.show);
  if (kind === 'woman' && show.success) query.show = show.data;
  return query;
}

export interface RegisterView {
  filters: PeopleFilters;
  setFilters(patch: Partial<PeopleFilters>): void;
}

/**
 * One register page for students and women: header, side list of groups, a toolbar (search,
 * the register's own filters, level, clear, count) and the windowed table or what to do when
 * it is empty. The two pages differ only in the pieces they pass.
 */
export function RegisterPage({
  register,
  actions,
  side,
  filters: extraFilters,
  columns,
  rowTone,
  all,
  emptyActions,
}: {
  register: Register;
  actions?: ReactNode;
  side(view: RegisterView): ReactNode;
  /** Controls of this register placed between the search box and the level filter. */
  filters(view: RegisterView): ReactNode;
  columns: Column[];
  rowTone(item: PersonListItem, index: number, pages: PeoplePages, view: RegisterView): RowTone;
  /** Everyone in the register, for "找到 N 名（共 M 名）". */
  all: number;
  /** What to do when the register holds nobody yet (import, add); none for who cannot. */
  emptyActions?: ReactNode;
}) {
  const { t } = useTranslation();
  const config = REGISTERS[register];
  usePageTitle(t(`${register}.title`));
  const { filters, setFilters, queryInput, setQueryInput, savedScroll, scrollTopRef } = useRegister(
    config.kind,
  );
  const view: RegisterView = { filters, setFilters };
  const levels = useLevels(config.programme);
  const pages = usePeoplePages(useMemo(() => registerQuery(config.kind, filters), [config.kind, filters]));
  const filtered = NARROWING.some((k) => filters[k]);
  const navigate = useNavigate();

  function clearFilters() {
    setQueryInput('');
    setFilters(CLEARED);
  }

  const total = pages.total;
  return (
    <div className={`page ${styles.fill}`} data-testid={`${register}-page`}>
      <PageHeader title={t(`${register}.title`)} subtitle={t(`${register}.subtitle`)} actions={actions} />
      <div className={styles.layout}>
        <aside className={`card ${styles.side}`}>{side(view)}</aside>
        <section className={`card ${styles.main}`}>
          <Toolbar
            search
            count={
              <span data-testid={config.count}>
                {pages.loading && total === null ? <Spinner size={14} /> : null}
                {total !== null
                  ? filtered
                    ? t(`${register}.totalFiltered`, { count: total, all })
                    : t(`${register}.total`, { count: total })
                  : null}
              </span>
            }
          >
            <SearchInput
              value={queryInput}
              onValue={setQueryInput}
              label={t(`${register}.search`)}
              placeholder={t(`${register}.searchPlaceholder`)}
              testId={config.search}
              maxLength={64}
              size={register === 'students' ? 'lg' : 'sm'}
            />
            {extraFilters(view)}
            <LevelFilter value={filters.level} levels={levels} onChange={(level) => setFilters({ level })} />
            {filtered ? (
              <Button variant="link" onClick={clearFilters}>
                {t('students.clearFilters')}
              </Button>
            ) : null}
          </Toolbar>

          {pages.error ? (
            <div className={styles.pad}>
              <Alert title={t(`${register}.loadFailed`)}>
                {describeError(pages.error)}{' '}
                <Button variant="link" onClick={pages.retry}>
                  {t('common.retry')}
                </Button>
              </Alert>
            </div>
          ) : null}

          {total !== null && total > 0 ? (
            <PeopleTable
              columns={columns}
              pages={pages}
              sort={filters.sort}
              descending={filters.descending}
              onSort={(sort, descending) => setFilters({ sort, descending })}
              onOpen={(p) => navigate(`/app/people/${p.id}`)}
              rowTone={(item, index) => rowTone(item, index, pages, view)}
              initialScroll={savedScroll}
              onScrollChange={(top) => (scrollTopRef.current = top)}
              label={t(`${register}.title`)}
              testId={config.table}
              rowTestId={config.row}
            />
          ) : null}

          {total === 0 && !pages.error ? (
            filtered ? (
              <EmptyState
                icon="search"
                title={t(`${register}.noMatch.title`)}
                body={t(`${register}.noMatch.body`)}
                testId={`${register}-empty`}
                action={
                  <Button variant="secondary" onClick={clearFilters}>
                    {t('students.clearFilters')}
                  </Button>
                }
              />
            ) : (
              <EmptyState
                icon={register === 'students' ? 'users' : 'maternal'}
                title={t(`${register}.empty.title`)}
                body={emptyActions ? t(`${register}.empty.body`) : undefined}
                testId={`${register}-empty`}
                action={emptyActions ? <div className={styles.emptyActions}>{emptyActions}</div> : null}
              />
            )
          ) : null}

          {total === null && !pages.error ? (
            <div className="card-loading">
              <Spinner size={20} />
              {t('common.loading')}
            </div>
          ) : null}
        </section>
      </div>
    </div>
  );
}

/** A picked group shown in the toolbar with a button that drops it. */
export function FilterChip({
  label,
  clearLabel,
  onClear,
  testId,
}: {
  /** Text, or a button that applies what the chip names (a saved view). */
  label: ReactNode;
  clearLabel: string;
  onClear(): void;
  testId?: string;
}) {
  return (
    <span className={styles.filterChip} data-testid={testId}>
      {label}
      <button type="button" className={styles.clear} aria-label={clearLabel} onClick={onClear}>
        <Icon name="x" size={12} />
      </button>
    </span>
  );
}
