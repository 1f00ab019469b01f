import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonListItem, Student } from '../../../../shared/api/people';
import { can } from '../../../../shared/api/contract';
import { useApiQuery } from '../../api/query';
import { compareGrades, gradeNames } from '../../../../shared/people/school';
import { useSession } from '../../store/session';
import { useUi } from '../../store/ui';
import { toast } from '../../store/toast';
import { Button, LinkButton } from '../../ui/Button';
import { Spinner } from '../../ui/Spinner';
import { Tag, type TagTone } from '../../ui/Tag';
import { AddStudentDialog } from './AddStudentDialog';
import { GroupTree } from './GroupTree';
import { LevelChip, useLevels } from './levels';
import { PersonLink, type Column } from './PeopleTable';
import { sexLabel, statusLabel } from './personText';
import { FilterChip, RegisterPage } from './RegisterPage';

const sameGroup = (a: PersonListItem | undefined, b: PersonListItem | undefined) =>
  Boolean(a && b && a.grade === b.grade && a.className === b.className);

const STATUS_TONE: Record<string, TagTone> = { enrolled: 'success', transferred: 'warning' };

export function StudentsPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.status?.user?.role);
  const filters = useUi((s) => s.peopleFilters.student);
  const [adding, setAdding] = useState(false);
  const canAdd = can(role, 'students.add');
  const canImport = can(role, 'people.importCommit');
  const levels = useLevels('school');

  const groups = useApiQuery('people.groups', {});
  const grades = groups.data?.grades;
  const all = grades?.reduce((n, g) => n + g.classes.reduce((m, c) => m + c.count, 0), 0) ?? 0;

  const columns: Column[] = [
    {
      key: 'studentNo',
      header: t('students.columns.studentNo'),
      width: '16%',
      sort: 'number',
      kind: 'id',
      render: (s) => s.studentNo,
    },
    {
      key: 'name',
      header: t('students.columns.name'),
      width: '13%',
      sort: 'name',
      kind: 'strong',
      render: (s) => <PersonLink item={s} />,
    },
    { key: 'sex', header: t('students.columns.sex'), width: '10%', render: (s) => sexLabel(s.sex) },
    {
      key: 'birthDate',
      header: t('students.columns.birthDate'),
      width: '13%',
      kind: 'num',
      render: (s) => s.birthDate ?? '—',
    },
    {
      key: 'grade',
      header: t('students.columns.grade'),
      width: '12%',
      sort: 'class',
      kind: 'group',
      render: (s) => s.grade,
    },
    {
      key: 'className',
      header: t('students.columns.className'),
      width: '10%',
      kind: 'group',
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
      render: (s) => (
        <Tag dot tone={STATUS_TONE[s.status] ?? 'muted'}>
          {statusLabel(s.status)}
        </Tag>
      ),
    },
  ];

  const gradeSuggestions = useMemo(
    () => [...new Set([...(grades?.map((g) => g.grade) ?? []), ...gradeNames])].sort(compareGrades),
    [grades],
  );
  const classSuggestions = useMemo(() => {
    const pick = filters.grade ? (grades ?? []).filter((g) => g.grade === filters.grade) : (grades ?? []);
    return [...new Set(pick.flatMap((g) => g.classes.map((c) => c.className)))];
  }, [grades, filters.grade]);

  const importButton = canImport ? (
    <LinkButton variant="secondary" icon="upload" to="/app/students/import">
      {t('students.import')}
    </LinkButton>
  ) : null;
  const addButton = canAdd ? (
    <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
      {t('students.add')}
    </Button>
  ) : null;

  return (
    <>
      <RegisterPage
        register="students"
        all={all}
        actions={
          <>
            {importButton}
            {addButton}
          </>
        }
        side={({ filters: f, setFilters }) =>
          grades ? (
            <GroupTree
              grades={grades}
              total={all}
              grade={f.grade}
              className={f.className}
              onPick={(grade, className) => setFilters({ grade, className })}
            />
          ) : (
            <div className="card-loading">
              <Spinner size={18} />
            </div>
          )
        }
        filters={({ filters: f, setFilters }) =>
          f.grade ? (
            <FilterChip
              label={f.className ? `${f.grade} · ${f.className}` : f.grade}
              clearLabel={t('students.clearGroup')}
              onClear={() => setFilters({ grade: '', className: '' })}
            />
          ) : null
        }
        columns={columns}
        rowTone={(s, i, pages, { filters: f }) =>
          f.sort !== 'class' ? '' : sameGroup(pages.at(i - 1), s) ? 'groupCont' : 'groupStart'
        }
        emptyActions={
          canAdd ? (
            <>
              {importButton}
              {addButton}
            </>
          ) : null
        }
      />
      {adding ? (
        <AddStudentDialog
          initialGrade={filters.grade}
          initialClass={filters.className}
          gradeSuggestions={gradeSuggestions}
          classSuggestions={classSuggestions}
          onAdded={(student: Student) => toast.success(t('students.added', { name: student.name }))}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </>
  );
}
