import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { managedFilterSchema, type WorklistItem } from '../../../../shared/api/cases';
import { can } from '../../../../shared/api/contract';
import { useApiQuery } from '../../api/query';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { EmptyState } from '../../ui/EmptyState';
import { Spinner } from '../../ui/Spinner';
import { useContentLanguage } from '../../lib/format';
import { PageHeader } from '../../ui/PageHeader';
import { Select } from '../../ui/Select';
import { Tabs } from '../../ui/Tabs';
import { Toolbar } from '../../ui/Toolbar';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { levelName, useLevels } from './caseText';
import { SavedViews } from './SavedViews';
import {
  activeFilters,
  fromResponsibleChoice,
  fromView,
  groupOptions,
  responsibleChoice,
  NO_FILTERS,
  sortItems,
  type Managed,
  type SortKey,
  type WorklistFilters,
} from './worklistFilters';
import { WorklistTable } from './WorklistTable';
import { BulkAssignBar, useSelection } from './WorklistSelection';
import { Button } from '../../ui/Button';

const MANAGED_COLOURS = managedFilterSchema.options.filter((o) => o !== 'any');

/** The level tabs with their counts; perinatal adds 专案管理 (managed cases of any colour). */
function LevelTabs({
  levels,
  counts,
  filters,
  perinatal,
  onChange,
}: {
  levels: { id: string; name: string }[];
  counts: Map<string, number>;
  filters: WorklistFilters;
  perinatal: boolean;
  onChange(next: Partial<WorklistFilters>): void;
}) {
  const { t } = useTranslation();
  const MANAGED = 'managed';
  const items = [
    { value: '', label: t('cases.worklist.allLevels'), count: counts.get('') ?? 0 },
    ...levels.map((l) => ({ value: l.id, label: l.name, count: counts.get(l.id) ?? 0 })),
    ...(perinatal
      ? [{ value: MANAGED, label: t('cases.worklist.managed'), count: counts.get('managed') ?? 0 }]
      : []),
  ];
  return (
    <Tabs
      label={t('cases.worklist.levelFilter')}
      testId="level-tabs"
      items={items}
      value={filters.managed ? MANAGED : filters.level}
      onChange={(v) => onChange(v === MANAGED ? { level: '', managed: 'any' } : { level: v, managed: '' })}
    />
  );
}

export function WorklistPage() {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const status = useSession((s) => s.status);
  const programme = status?.org?.type === 'maternal' ? 'perinatal' : 'school';
  const school = programme === 'school';
  const fullFiles = can(status?.user?.role, 'cases.get');
  const canAssign = can(status?.user?.role, 'cases.assign');
  usePageTitle(school ? t('cases.worklist.titleSchool') : t('cases.worklist.titlePerinatal'));

  const [filters, setFilters] = useState<WorklistFilters>(NO_FILTERS);
  const [sort, setSort] = useState<{ key: SortKey | null; descending: boolean }>({
    key: null,
    descending: false,
  });
  const levels = useLevels(programme);
  const intervals = useApiQuery('followUp.intervals', { programme });
  const all = useApiQuery('cases.worklist', { programme });
  const active = activeFilters(filters);
  const shown = useApiQuery('cases.worklist', { programme, ...active }, { keepPrevious: true });

  // The levels that open a case (those with a follow-up interval), most urgent first.
  const flagged = [...levels.values()]
    .filter((l) => intervals.data && l.id in intervals.data)
    .map((l) => ({ id: l.id, name: l.name[lang] }));
  const counts = useMemo(() => {
    const m = new Map<string, number>([['', all.data?.length ?? 0]]);
    for (const item of all.data ?? []) {
      m.set(item.level, (m.get(item.level) ?? 0) + 1);
      if (item.managed) m.set('managed', (m.get('managed') ?? 0) + 1);
    }
    return m;
  }, [all.data]);
  const groups = groupOptions(all.data ?? [], school);
  const responsibles = [...new Set((all.data ?? []).flatMap((i) => (i.responsible ? [i.responsible] : [])))];
  const items = sortItems(shown.data ?? [], sort.key, sort.descending, [...levels.keys()]);
  const change = (next: Partial<WorklistFilters>) => setFilters((f) => ({ ...f, ...next }));
  const selection = useSelection(items);

  const summary = [
    filters.level ? levelName(levels, filters.level, lang) : '',
    filters.managed
      ? `${t('cases.worklist.managed')}${filters.managed !== 'any' ? ` · ${t(`cases.colour.${filters.managed}`)}` : ''}`
      : '',
    filters.group,
    filters.responsible,
    filters.assigned ? t(`cases.assign.${filters.assigned}`) : '',
    filters.overdueOnly ? t('cases.worklist.overdueOnly') : '',
  ]
    .filter(Boolean)
    .join(' · ');

  const linkTo = (i: WorklistItem) => (fullFiles ? `/app/cases/${i.caseId}` : `/app/people/${i.personId}`);
  const filtered = Object.keys(active).length > 0;

  return (
    <div className="page" data-testid="worklist-page">
      <PageHeader
        title={school ? t('cases.worklist.titleSchool') : t('cases.worklist.titlePerinatal')}
        subtitle={
          !fullFiles
            ? t('cases.worklist.subtitleTeacher')
            : school
              ? t('cases.worklist.subtitleSchool')
              : t('cases.worklist.subtitlePerinatal')
        }
      />

      <section className="card">
        <Toolbar
          count={
            <span data-testid="worklist-count">
              {shown.isFetching ? <Spinner /> : null}
              {filtered
                ? t('cases.worklist.countFiltered', { count: items.length, all: all.data?.length ?? 0 })
                : t('cases.worklist.count', { count: items.length })}
            </span>
          }
        >
          <LevelTabs
            levels={flagged}
            counts={counts}
            filters={filters}
            perinatal={!school}
            onChange={change}
          />
          {filters.managed ? (
            <Select
              className="toolbar-select"
              aria-label={t('cases.worklist.colourFilter')}
              value={filters.managed}
              onValue={(managed) => change({ managed })}
              options={[
                { value: 'any' as Managed, label: t('cases.worklist.allColours') },
                ...MANAGED_COLOURS.map((c) => ({ value: c, label: t(`cases.colour.${c}`) })),
              ]}
            />
          ) : null}
          <Select
            className="toolbar-select"
            aria-label={school ? t('cases.worklist.group') : t('cases.worklist.groupPerinatal')}
            value={filters.group}
            onValue={(group) => change({ group })}
            placeholder={school ? t('cases.worklist.allGroups') : t('cases.worklist.allTownships')}
            options={groups.map((g) => ({ value: g, label: school && g.includes(' ') ? `\u3000${g}` : g }))}
            data-testid="group-filter"
          />
          <Select
            className="toolbar-select"
            aria-label={t('cases.worklist.responsible')}
            value={responsibleChoice(filters)}
            onValue={(choice) => change(fromResponsibleChoice(choice))}
            placeholder={t('cases.worklist.allResponsible')}
            options={[
              ...(canAssign ? [{ value: '@mine', label: t('cases.assign.mine') }] : []),
              { value: '@unassigned', label: t('cases.assign.unassigned') },
              ...responsibles.map((r) => ({ value: `name:${r}`, label: r })),
            ]}
            data-testid="responsible-filter"
          />
          <label className="check-inline">
            <input
              type="checkbox"
              checked={filters.overdueOnly}
              onChange={(e) => change({ overdueOnly: e.target.checked })}
              data-testid="overdue-only"
            />
            {t('cases.worklist.overdueOnly')}
          </label>
          {filtered ? (
            <Button variant="link" onClick={() => setFilters(NO_FILTERS)}>
              {t('cases.worklist.clearFilters')}
            </Button>
          ) : null}
        </Toolbar>
        <Toolbar>
          <SavedViews
            page={school ? 'worklist.school' : 'worklist.perinatal'}
            filters={active}
            summary={summary || t('cases.worklist.views.noFilters')}
            onApply={(f) => setFilters(fromView(f))}
          />
        </Toolbar>
        {canAssign && items.length > 0 ? <BulkAssignBar selection={selection} /> : null}

        {shown.error ? (
          <Alert title={t('cases.worklist.loadFailed')}>{describeError(shown.error)}</Alert>
        ) : shown.data && items.length === 0 ? (
          filtered ? (
            <EmptyState
              icon="search"
              title={t('cases.worklist.noMatch.title')}
              body={t('cases.worklist.noMatch.body')}
            />
          ) : (
            <EmptyState
              icon="inbox"
              title={t('cases.worklist.empty.title')}
              body={t('cases.worklist.empty.body')}
              testId="worklist-empty"
            />
          )
        ) : (
          <WorklistTable
            items={items}
            levels={levels}
            school={school}
            showReasons={fullFiles}
            linkTo={linkTo}
            sort={sort}
            onSort={(key, descending) => setSort({ key, descending })}
            selection={canAssign ? selection : undefined}
          />
        )}
      </section>
    </div>
  );
}
