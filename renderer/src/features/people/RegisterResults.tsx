import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PersonListItem } from '../../../../shared/api/people';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { EmptyState } from '../../ui/EmptyState';
import { Spinner } from '../../ui/Spinner';
import type { PeopleFilters } from '../../store/ui';
import { PeopleTable, type Column } from './PeopleTable';
import type { PeoplePages } from './usePeoplePages';
import { Button } from '../../ui/Button';

type Register = 'students' | 'women';
const TEST_IDS: Record<Register, { table: string; row: string; count: string }> = {
  students: { table: 'students-table', row: 'student-row', count: 'student-count' },
  women: { table: 'women-table', row: 'woman-row', count: 'woman-count' },
};

/** "共 N 名" or "找到 N 名（共 M 名）", as the register's list loads. */
export function RegisterCount({
  register,
  pages,
  filtered,
  all,
}: {
  register: Register;
  pages: PeoplePages;
  filtered: boolean;
  all: number;
}) {
  const { t } = useTranslation();
  const total = pages.total;
  return (
    <p className="toolbar-count" aria-live="polite" data-testid={TEST_IDS[register].count}>
      {pages.loading && total === null ? <Spinner size={14} /> : null}
      {total !== null
        ? filtered
          ? t(`${register}.totalFiltered`, { count: total, all })
          : t(`${register}.total`, { count: total })
        : null}
    </p>
  );
}

/**
 * The register's list below its toolbar: a failure with a retry, the virtualised table, or what
 * to do when nothing is there (clear the filters, or `whenEmpty` for an empty register).
 */
export function RegisterResults({
  register,
  pages,
  columns,
  filters,
  onSort,
  rowClassName,
  filtered,
  onClearFilters,
  whenEmpty,
  savedScroll,
  scrollTopRef,
}: {
  register: Register;
  pages: PeoplePages;
  columns: Column[];
  filters: PeopleFilters;
  onSort(sort: PeopleFilters['sort'], descending: boolean): void;
  rowClassName(item: PersonListItem, index: number): string;
  filtered: boolean;
  onClearFilters(): void;
  whenEmpty: ReactNode;
  savedScroll: number;
  scrollTopRef: RefObject<number>;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const total = pages.total;
  return (
    <>
      {pages.error ? (
        <div className="card-pad">
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
          onSort={onSort}
          onOpen={(p) => navigate(`/app/people/${p.id}`)}
          rowClassName={rowClassName}
          initialScroll={savedScroll}
          onScrollChange={(top) => (scrollTopRef.current = top)}
          label={t(`${register}.title`)}
          testId={TEST_IDS[register].table}
          rowTestId={TEST_IDS[register].row}
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
              <Button variant="secondary" onClick={onClearFilters}>
                {t('students.clearFilters')}
              </Button>
            }
          />
        ) : (
          whenEmpty
        )
      ) : null}

      {total === null && !pages.error ? (
        <div className="card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </div>
      ) : null}
    </>
  );
}
