import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorklistItem } from '../../../../shared/api/cases';
import { Icon } from '../../ui/Icon';
import { SortHeader } from '../../ui/SortHeader';
import { formatDate, useContentLanguage } from '../../lib/format';
import { LevelChip, levelName, RiskColours, taskKey, type Levels } from './caseText';
import type { SortKey } from './worklistFilters';

interface Column {
  key: string;
  header: string;
  sort?: SortKey;
  render(item: WorklistItem): ReactNode;
}

/** The worklist rows; overdue rows and escalated safety checks stand out. */
export function WorklistTable({
  items,
  levels,
  school,
  showReasons,
  linkTo,
  sort,
  onSort,
}: {
  items: readonly WorklistItem[];
  levels: Levels;
  school: boolean;
  showReasons: boolean;
  /** The case page for staff who keep files, the person's file for a class teacher. */
  linkTo(item: WorklistItem): string;
  sort: { key: SortKey | null; descending: boolean };
  onSort(key: SortKey, descending: boolean): void;
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const c = 'cases.worklist.columns';
  const columns: Column[] = [
    {
      key: 'name',
      header: t(`${c}.name`),
      sort: 'name',
      render: (i) => (
        <>
          <Link to={linkTo(i)} className="row-name cell-strong" data-testid="worklist-name">
            {i.name}
          </Link>
          {i.incomplete ? (
            <span
              className="chip chip-warn"
              title={t('cases.worklist.incompleteHint')}
              data-testid="incomplete"
            >
              <Icon name="alert" size={12} />
              {t('cases.worklist.incomplete')}
            </span>
          ) : null}
          {i.escalated ? (
            <span
              className="chip chip-warn"
              title={t('cases.worklist.escalatedHint')}
              data-testid="escalated"
            >
              <Icon name="alert" size={12} />
              {t('cases.worklist.escalated')}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'group',
      header: school ? t(`${c}.group`) : t(`${c}.groupPerinatal`),
      sort: 'group',
      render: (i) => i.group,
    },
    {
      key: 'level',
      header: t(`${c}.level`),
      sort: 'level',
      render: (i) => (
        <span className="case-chips">
          <LevelChip levels={levels} level={i.level} testId="worklist-level" />
          {i.confirmedLevel && i.confirmedLevel !== i.screenLevel ? (
            <span className="fact-note">
              {t('cases.worklist.screenLevel', {
                level: levelName(levels, i.screenLevel, lang),
              })}
            </span>
          ) : null}
          {i.colour || i.purple ? <RiskColours item={i} /> : null}
        </span>
      ),
    },
    ...(showReasons
      ? [
          {
            key: 'reasons',
            header: t(`${c}.reasons`),
            render: (i: WorklistItem) => i.reasons.join(t('common.clauseSeparator')),
          },
        ]
      : []),
    {
      key: 'flaggedAt',
      header: t(`${c}.flaggedAt`),
      sort: 'flaggedAt',
      render: (i) => formatDate(i.flaggedAt),
    },
    {
      key: 'responsible',
      header: t(`${c}.responsible`),
      sort: 'responsible',
      render: (i) => i.responsible ?? <span className="fact-note">{t('cases.worklist.noResponsible')}</span>,
    },
    {
      key: 'next',
      header: t(`${c}.next`),
      render: (i) => (i.nextTask ? t(taskKey(i.nextTask.kind)) : t('cases.worklist.noTask')),
    },
    {
      key: 'due',
      header: t(`${c}.due`),
      sort: 'due',
      render: (i) => (
        <span className={i.overdue ? 'case-due is-overdue' : 'case-due'} data-testid="worklist-due">
          {i.nextTask?.dueOn ?? '—'}
          {i.overdue ? <span className="chip chip-warn">{t('cases.worklist.overdue')}</span> : null}
        </span>
      ),
    },
  ];
  return (
    <div className="table-wrap">
      <table className="table worklist-table" data-testid="worklist">
        <thead>
          <tr>
            {columns.map((col) => (
              <SortHeader
                key={col.key}
                header={col.header}
                sortKey={col.sort}
                sort={sort.key}
                descending={sort.descending}
                onSort={onSort}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr
              key={item.caseId}
              className={`${item.overdue ? 'is-overdue' : ''}${item.escalated ? ' is-escalated' : ''}`}
              data-testid="worklist-row"
              data-level={item.level}
            >
              {columns.map((col) => (
                <td key={col.key} className={col.key === 'reasons' ? 'cell-wrap' : undefined}>
                  {col.render(item)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
