import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { managedFilterSchema, type WorklistItem } from '../../../../shared/api/cases';
import { can } from '../../../../shared/api/contract';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { EmptyState } from '../../ui/EmptyState';
import { Spinner } from '../../ui/Spinner';
import { useContentLanguage } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { levelName, useLevels } from './caseText';
import { SavedViews } from './SavedViews';
import {
  activeFilters,
  fromView,
  groupOptions,
  NO_FILTERS,
  sortItems,
  type Managed,
  type SortKey,
  type WorklistFilters,
} from './worklistFilters';
import { WorklistTable } from './WorklistTable';
import { Button } from '../../ui/Button';

const MANAGED_COLOURS = managedFilterSchema.options.filter((o) => o !== 'any');

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
  const all = !filters.level && !filters.managed;
  return (
    <div
      className="segmented"
      role="group"
      aria-label={t('cases.worklist.levelFilter')}
      data-testid="level-tabs"
    >
      <button type="button" aria-pressed={all} onClick={() => onChange({ level: '', managed: '' })}>
        {t('cases.worklist.allLevels')} {counts.get('') ?? 0}
      </button>
      {levels.map((l) => (
        <button
          key={l.id}
          type="button"
          aria-pressed={filters.level === l.id}
          onClick={() => onChange({ level: l.id, managed: '' })}
        >
          {l.name} {counts.get(l.id) ?? 0}
        </button>
      ))}
      {perinatal ? (
        <button
          type="button"
          aria-pressed={filters.managed !== ''}
          onClick={() => onChange({ level: '', managed: 'any' })}
        >
          {t('cases.worklist.managed')} {counts.get('managed') ?? 0}
        </button>
      ) : null}
    </div>
  );
}

export function WorklistPage() {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const status = useSession((s) => s.status);
  const programme = status?.org?.type === 'maternal' ? 'perinatal' : 'school';
  const school = programme === 'school';
  const fullFiles = can(status?.user?.role, 'cases.get');
  usePageTitle(school ? t('cases.worklist.titleSchool') : t('cases.worklist.titlePerinatal'));

  const [filters, setFilters] = useState<WorklistFilters>(NO_FILTERS);
  const [sort, setSort] = useState<{ key: SortKey | null; descending: boolean }>({
    key: null,
    descending: false,
  });
  const levels = useLevels(programme);
  const intervals = useApi(() => invoke('followUp.intervals', { programme }), [programme]);
  const all = useApi(() => invoke('cases.worklist', { programme }), [programme]);
  const active = activeFilters(filters);
  const shown = useApi(
    () => invoke('cases.worklist', { programme, ...active }),
    [programme, JSON.stringify(active)],
  );

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

  const summary = [
    filters.level ? levelName(levels, filters.level, lang) : '',
    filters.managed
      ? `${t('cases.worklist.managed')}${filters.managed !== 'any' ? ` · ${t(`cases.colour.${filters.managed}`)}` : ''}`
      : '',
    filters.group,
    filters.responsible,
    filters.overdueOnly ? t('cases.worklist.overdueOnly') : '',
  ]
    .filter(Boolean)
    .join(' · ');

  const linkTo = (i: WorklistItem) => (fullFiles ? `/app/cases/${i.caseId}` : `/app/people/${i.personId}`);
  const filtered = Object.keys(active).length > 0;

  return (
    <div className="page worklist-page" data-testid="worklist-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {school ? t('cases.worklist.titleSchool') : t('cases.worklist.titlePerinatal')}
          </h1>
          <p className="page-subtitle">
            {!fullFiles
              ? t('cases.worklist.subtitleTeacher')
              : school
                ? t('cases.worklist.subtitleSchool')
                : t('cases.worklist.subtitlePerinatal')}
          </p>
        </div>
      </div>

      <section className="card">
        <div className="toolbar">
          <LevelTabs
            levels={flagged}
            counts={counts}
            filters={filters}
            perinatal={!school}
            onChange={change}
          />
          {filters.managed ? (
            <select
              className="input select toolbar-select"
              aria-label={t('cases.worklist.colourFilter')}
              value={filters.managed}
              onChange={(e) => change({ managed: e.target.value as Managed })}
            >
              <option value="any">{t('cases.worklist.allColours')}</option>
              {MANAGED_COLOURS.map((c) => (
                <option key={c} value={c}>
                  {t(`cases.colour.${c}`)}
                </option>
              ))}
            </select>
          ) : null}
          <select
            className="input select toolbar-select"
            aria-label={school ? t('cases.worklist.group') : t('cases.worklist.groupPerinatal')}
            value={filters.group}
            onChange={(e) => change({ group: e.target.value })}
            data-testid="group-filter"
          >
            <option value="">
              {school ? t('cases.worklist.allGroups') : t('cases.worklist.allTownships')}
            </option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {school && !g.includes(' ') ? g : school ? `\u3000${g}` : g}
              </option>
            ))}
          </select>
          <select
            className="input select toolbar-select"
            aria-label={t('cases.worklist.responsible')}
            value={filters.responsible}
            onChange={(e) => change({ responsible: e.target.value })}
          >
            <option value="">{t('cases.worklist.allResponsible')}</option>
            {responsibles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
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
          <span className="toolbar-count" data-testid="worklist-count">
            {shown.loading ? <Spinner /> : null}
            {filtered
              ? t('cases.worklist.countFiltered', { count: items.length, all: all.data?.length ?? 0 })
              : t('cases.worklist.count', { count: items.length })}
          </span>
        </div>
        <div className="toolbar">
          <SavedViews
            page={school ? 'worklist.school' : 'worklist.perinatal'}
            filters={active}
            summary={summary || t('cases.worklist.views.noFilters')}
            onApply={(f) => setFilters(fromView(f))}
          />
        </div>

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
          />
        )}
      </section>
    </div>
  );
}
