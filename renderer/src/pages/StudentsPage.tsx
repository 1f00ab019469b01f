import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Student } from '../../../shared/api/people';
import { invoke } from '../api/client';
import { describeError } from '../api/errors';
import { Alert } from '../components/Alert';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Spinner';
import { COMMON_GRADES, compareClasses, compareGrades } from '../lib/grades';
import { usePageTitle } from '../lib/usePageTitle';
import { useSession } from '../store/session';
import { toast } from '../store/toast';
import { useUi } from '../store/ui';
import { AddStudentDialog } from './AddStudentDialog';

const PAGE_SIZE = 50;
/** The server's maximum page; enough to collect grade and class names for the filters. */
const FACET_LIMIT = 1000;
const SEARCH_DELAY_MS = 250;
// Mirrors the roles on `students.add` in shared/api/contract.ts.
const CAN_ADD = ['admin', 'psychologist'] as const;

interface ListState {
  items: Student[];
  total: number;
}

interface Facets {
  all: number;
  grades: string[];
  classesByGrade: Map<string, string[]>;
}

function buildFacets(items: readonly Student[], all: number): Facets {
  const byGrade = new Map<string, Set<string>>();
  for (const s of items) {
    if (!byGrade.has(s.grade)) byGrade.set(s.grade, new Set());
    byGrade.get(s.grade)!.add(s.className);
  }
  const grades = [...byGrade.keys()].sort(compareGrades);
  const classesByGrade = new Map(grades.map((g) => [g, [...byGrade.get(g)!].sort(compareClasses)]));
  return { all, grades, classesByGrade };
}

export function StudentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('students.title'));
  const role = useSession((s) => s.status?.user?.role);
  const filters = useUi((s) => s.studentFilters);
  const setFilters = useUi((s) => s.setStudentFilters);
  const resetFilters = useUi((s) => s.resetStudentFilters);

  const [queryInput, setQueryInput] = useState(filters.query);
  const [list, setList] = useState<ListState | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [facets, setFacets] = useState<Facets>({ all: 0, grades: [], classesByGrade: new Map() });
  const [reloadKey, setReloadKey] = useState(0);
  const [adding, setAdding] = useState(false);

  const canAdd = role !== undefined && (CAN_ADD as readonly string[]).includes(role);
  const filtered = Boolean(filters.query || filters.grade || filters.className);

  // Typing is debounced so each keystroke does not query the database.
  useEffect(() => {
    if (queryInput.trim() === filters.query) return;
    const timer = setTimeout(() => setFilters({ query: queryInput.trim() }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [queryInput, filters.query, setFilters]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    invoke('students.list', {
      query: filters.query || undefined,
      grade: filters.grade || undefined,
      className: filters.className || undefined,
      limit: PAGE_SIZE,
      offset: filters.page * PAGE_SIZE,
    })
      .then((value) => {
        if (!current) return;
        setList(value);
        setLoadError(null);
      })
      .catch((error: unknown) => current && setLoadError(error))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [filters, reloadKey]);

  useEffect(() => {
    let current = true;
    invoke('students.list', { limit: FACET_LIMIT })
      .then((value) => current && setFacets(buildFacets(value.items, value.total)))
      // The filters are a convenience; the list's own error already tells the user.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [reloadKey]);

  const classOptions = useMemo(() => {
    if (filters.grade) return facets.classesByGrade.get(filters.grade) ?? [];
    return [...new Set([...facets.classesByGrade.values()].flat())].sort(compareClasses);
  }, [facets, filters.grade]);

  const gradeSuggestions = useMemo(
    () => [...new Set([...facets.grades, ...COMMON_GRADES])].sort(compareGrades),
    [facets.grades],
  );

  const total = list?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  function handleAdded(student: Student) {
    toast.success(t('students.added', { name: student.name }));
    setReloadKey((k) => k + 1);
  }

  function clearFilters() {
    setQueryInput('');
    resetFilters();
  }

  return (
    <div className="page" data-testid="students-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('students.title')}</h1>
          <p className="page-subtitle">{t('students.subtitle')}</p>
        </div>
        {canAdd ? (
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            <Icon name="plus" size={16} />
            {t('students.add')}
          </button>
        ) : null}
      </div>

      <section className="card">
        <div className="toolbar" role="search">
          <div className="search">
            <Icon name="search" size={16} className="search-icon" />
            <input
              type="search"
              className="input search-input"
              aria-label={t('students.search')}
              placeholder={t('students.searchPlaceholder')}
              value={queryInput}
              onChange={(e) => setQueryInput(e.target.value)}
              maxLength={64}
              data-testid="student-search"
            />
          </div>
          <select
            className="input select toolbar-select"
            aria-label={t('students.filterGrade')}
            value={filters.grade}
            onChange={(e) => setFilters({ grade: e.target.value, className: '' })}
            data-testid="grade-filter"
          >
            <option value="">{t('students.allGrades')}</option>
            {facets.grades.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
          <select
            className="input select toolbar-select"
            aria-label={t('students.filterClass')}
            value={filters.className}
            onChange={(e) => setFilters({ className: e.target.value })}
            data-testid="class-filter"
          >
            <option value="">{t('students.allClasses')}</option>
            {classOptions.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          {filtered ? (
            <button type="button" className="btn btn-link" onClick={clearFilters}>
              {t('students.clearFilters')}
            </button>
          ) : null}
          <p className="toolbar-count" aria-live="polite" data-testid="student-count">
            {loading ? <Spinner size={14} /> : null}
            {list
              ? filtered
                ? t('students.totalFiltered', { count: total, all: facets.all })
                : t('students.total', { count: total })
              : null}
          </p>
        </div>

        {loadError ? (
          <div className="card-pad">
            <Alert title={t('students.loadFailed')}>
              {describeError(loadError)}{' '}
              <button type="button" className="btn btn-link" onClick={() => setReloadKey((k) => k + 1)}>
                {t('common.retry')}
              </button>
            </Alert>
          </div>
        ) : null}

        {list && list.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table" data-testid="students-table">
              <thead>
                <tr>
                  <th scope="col">{t('students.columns.studentNo')}</th>
                  <th scope="col">{t('students.columns.name')}</th>
                  <th scope="col">{t('students.columns.sex')}</th>
                  <th scope="col">{t('students.columns.birthDate')}</th>
                  <th scope="col">{t('students.columns.grade')}</th>
                  <th scope="col">{t('students.columns.className')}</th>
                  <th scope="col">{t('students.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((s) => (
                  <tr key={s.id} data-testid="student-row">
                    <td className="cell-id">{s.studentNo}</td>
                    <td className="cell-strong">{s.name}</td>
                    <td>{t(`students.sex.${s.sex}`)}</td>
                    <td className="cell-num">{s.birthDate}</td>
                    <td>{s.grade}</td>
                    <td>{s.className}</td>
                    <td>
                      <span className={`badge badge-${s.status}`}>{t(`students.status.${s.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}

        {list && list.items.length === 0 && !loadError ? (
          filtered ? (
            <EmptyState
              icon="search"
              title={t('students.noMatch.title')}
              body={t('students.noMatch.body')}
              testId="students-empty"
              action={
                <button type="button" className="btn btn-secondary" onClick={clearFilters}>
                  {t('students.clearFilters')}
                </button>
              }
            />
          ) : (
            <EmptyState
              icon="users"
              title={t('students.empty.title')}
              body={canAdd ? t('students.empty.body') : undefined}
              testId="students-empty"
              action={
                canAdd ? (
                  <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
                    <Icon name="plus" size={16} />
                    {t('students.add')}
                  </button>
                ) : null
              }
            />
          )
        ) : null}

        {!list && loading ? (
          <div className="card-loading">
            <Spinner size={20} />
            {t('common.loading')}
          </div>
        ) : null}

        {pages > 1 ? (
          <div className="pager">
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              disabled={filters.page === 0}
              onClick={() => setFilters({ page: filters.page - 1 })}
            >
              <Icon name="chevronLeft" size={14} />
              {t('students.prevPage')}
            </button>
            <span className="pager-text">{t('students.page', { page: filters.page + 1, pages })}</span>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              disabled={filters.page + 1 >= pages}
              onClick={() => setFilters({ page: filters.page + 1 })}
            >
              {t('students.nextPage')}
              <Icon name="chevronRight" size={14} />
            </button>
          </div>
        ) : null}
      </section>

      {adding ? (
        <AddStudentDialog
          initialGrade={filters.grade}
          initialClass={filters.className}
          gradeSuggestions={gradeSuggestions}
          classSuggestions={classOptions}
          onAdded={handleAdded}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </div>
  );
}
