import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonListItem, Student } from '../../../../shared/api/people';
import { invoke } from '../../api/client';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import { compareGrades, gradeNames } from '../../../../shared/people/school';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { can } from '../../../../shared/api/contract';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { AddStudentDialog } from './AddStudentDialog';
import { GroupTree } from './GroupTree';
import { LevelChip, LevelFilter, useLevels } from './levels';
import type { Column } from './PeopleTable';
import { sexLabel, statusLabel } from './personText';
import { usePeoplePages } from './usePeoplePages';
import { RegisterCount, RegisterResults } from './RegisterResults';
import { useRegister } from './useRegister';
import { Button, LinkButton } from '../../ui/Button';

const sameGroup = (a: PersonListItem | undefined, b: PersonListItem | undefined) =>
  Boolean(a && b && a.grade === b.grade && a.className === b.className);

export function StudentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('students.title'));
  const role = useSession((s) => s.status?.user?.role);
  const { filters, setFilters, queryInput, setQueryInput, savedScroll, scrollTop } = useRegister('student');
  const [reloadKey, setReloadKey] = useState(0);
  const [adding, setAdding] = useState(false);

  const canAdd = can(role, 'students.add');
  const canImport = can(role, 'people.importCommit');
  const filtered = Boolean(filters.query || filters.grade || filters.className || filters.level);
  const levels = useLevels('school');

  const groups = useApi(() => invoke('people.groups', {}), [reloadKey]);
  const all = groups.data?.grades.reduce((n, g) => n + g.classes.reduce((m, c) => m + c.count, 0), 0) ?? 0;

  const query = useMemo(
    () => ({
      kind: 'student' as const,
      query: filters.query || undefined,
      grade: filters.grade || undefined,
      className: filters.className || undefined,
      level: filters.level || undefined,
      sort: filters.sort,
      descending: filters.descending,
    }),
    [filters],
  );
  const pages = usePeoplePages(query, reloadKey);

  const grouped = filters.sort === 'class';
  const columns: Column[] = [
    {
      key: 'studentNo',
      header: t('students.columns.studentNo'),
      width: '16%',
      sort: 'number',
      className: 'cell-id',
      render: (s) => s.studentNo,
    },
    {
      key: 'name',
      header: t('students.columns.name'),
      width: '13%',
      sort: 'name',
      className: 'cell-strong',
      render: (s) => (
        <Link
          to={`/app/people/${s.id}`}
          className="row-name"
          onClick={(e) => e.stopPropagation()}
          tabIndex={-1}
        >
          {s.name}
        </Link>
      ),
    },
    { key: 'sex', header: t('students.columns.sex'), width: '10%', render: (s) => sexLabel(s.sex) },
    {
      key: 'birthDate',
      header: t('students.columns.birthDate'),
      width: '13%',
      className: 'cell-num',
      render: (s) => s.birthDate ?? '—',
    },
    {
      key: 'grade',
      header: t('students.columns.grade'),
      width: '12%',
      sort: 'class',
      className: 'cell-group',
      render: (s) => s.grade,
    },
    {
      key: 'className',
      header: t('students.columns.className'),
      width: '10%',
      className: 'cell-group',
      render: (s) => s.className,
    },
    {
      key: 'level',
      header: t('people.level'),
      width: '12%',
      render: (s) => <LevelChip level={s.level} levels={levels} />,
    },
    {
      key: 'status',
      header: t('students.columns.status'),
      width: '12%',
      render: (s) => <span className={`badge badge-${s.status}`}>{statusLabel(s.status)}</span>,
    },
  ];

  const gradeSuggestions = useMemo(
    () =>
      [...new Set([...(groups.data?.grades.map((g) => g.grade) ?? []), ...gradeNames])].sort(compareGrades),
    [groups.data],
  );
  const classSuggestions = useMemo(() => {
    const grades = groups.data?.grades ?? [];
    const pick = filters.grade ? grades.filter((g) => g.grade === filters.grade) : grades;
    return [...new Set(pick.flatMap((g) => g.classes.map((c) => c.className)))];
  }, [groups.data, filters.grade]);

  function handleAdded(student: Student) {
    toast.success(t('students.added', { name: student.name }));
    setReloadKey((k) => k + 1);
  }

  function clearFilters() {
    setQueryInput('');
    setFilters({ query: '', grade: '', className: '', level: '' });
  }

  return (
    <div className="page page-fill" data-testid="students-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('students.title')}</h1>
          <p className="page-subtitle">{t('students.subtitle')}</p>
        </div>
        <div className="page-actions">
          {canImport ? (
            <LinkButton variant="secondary" icon="upload" to="/app/students/import">
              {t('students.import')}
            </LinkButton>
          ) : null}
          {canAdd ? (
            <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
              {t('students.add')}
            </Button>
          ) : null}
        </div>
      </div>

      <div className="people-layout">
        <aside className="card people-side">
          {groups.data ? (
            <GroupTree
              grades={groups.data.grades}
              total={all}
              grade={filters.grade}
              className={filters.className}
              onPick={(grade, className) => setFilters({ grade, className })}
            />
          ) : (
            <div className="card-loading">
              <Spinner size={18} />
            </div>
          )}
        </aside>

        <section className="card people-main">
          <div className="toolbar" role="search">
            <div className="search search-wide">
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
            <LevelFilter value={filters.level} levels={levels} onChange={(level) => setFilters({ level })} />
            {filters.grade ? (
              <span className="filter-chip">
                {filters.className ? `${filters.grade} · ${filters.className}` : filters.grade}
                <button
                  type="button"
                  aria-label={t('students.clearGroup')}
                  onClick={() => setFilters({ grade: '', className: '' })}
                >
                  <Icon name="x" size={12} />
                </button>
              </span>
            ) : null}
            {filtered ? (
              <Button variant="link" onClick={clearFilters}>
                {t('students.clearFilters')}
              </Button>
            ) : null}
            <RegisterCount register="students" pages={pages} filtered={filtered} all={all} />
          </div>

          <RegisterResults
            register="students"
            pages={pages}
            columns={columns}
            filters={filters}
            onSort={(sort, descending) => setFilters({ sort, descending })}
            rowClassName={(s, i) =>
              grouped ? (sameGroup(pages.at(i - 1), s) ? 'is-group-cont' : 'is-group-start') : ''
            }
            filtered={filtered}
            onClearFilters={clearFilters}
            savedScroll={savedScroll}
            scrollTopRef={scrollTop}
            whenEmpty={
              <EmptyState
                icon="users"
                title={t('students.empty.title')}
                body={canAdd ? t('students.empty.body') : undefined}
                testId="students-empty"
                action={
                  canAdd ? (
                    <div className="empty-actions">
                      {canImport ? (
                        <LinkButton variant="secondary" icon="upload" to="/app/students/import">
                          {t('students.import')}
                        </LinkButton>
                      ) : null}
                      <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
                        {t('students.add')}
                      </Button>
                    </div>
                  ) : null
                }
              />
            }
          />
        </section>
      </div>

      {adding ? (
        <AddStudentDialog
          initialGrade={filters.grade}
          initialClass={filters.className}
          gradeSuggestions={gradeSuggestions}
          classSuggestions={classSuggestions}
          onAdded={handleAdded}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </div>
  );
}
