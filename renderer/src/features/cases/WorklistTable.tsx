import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorklistItem } from '../../../../shared/api/cases';
import { Icon } from '../../ui/Icon';
import { Table, type Column } from '../../ui/Table';
import { Tag } from '../../ui/Tag';
import { formatDate, useContentLanguage } from '../../lib/format';
import { reasonsText } from '../../i18n/reasons';
import { CaseChips, DueMark, LevelChip, levelName, RiskColours, taskKey, type Levels } from './caseText';
import type { SortKey } from './worklistFilters';
import styles from './Worklist.module.css';
import { selectColumn } from './WorklistSelection';

type ColumnKey = SortKey | 'reasons' | 'next' | 'select';

/** The worklist rows; overdue rows and escalated safety checks stand out. */
export function WorklistTable({
  items,
  levels,
  school,
  showReasons,
  linkTo,
  sort,
  onSort,
  selection,
}: {
  items: readonly WorklistItem[];
  levels: Levels;
  school: boolean;
  showReasons: boolean;
  /** The case page for staff who keep files, the person's file for a class teacher. */
  linkTo(item: WorklistItem): string;
  sort: { key: SortKey | null; descending: boolean };
  onSort(key: SortKey, descending: boolean): void;
  /** Rows picked for a bulk action (指派责任人); no checkbox column without it. */
  selection?: { selected: ReadonlySet<number>; toggle(caseId: number, on: boolean): void };
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const c = 'cases.worklist.columns';
  const columns: Column<WorklistItem, ColumnKey>[] = [
    ...(selection
      ? [
          selectColumn(selection.selected, selection.toggle, t('cases.assign.select'), (i) =>
            t('cases.assign.selectRow', { name: i.name }),
          ),
        ]
      : []),
    {
      key: 'name',
      header: t(`${c}.name`),
      sortable: true,
      kind: 'strong',
      cell: (i) => (
        <>
          <Link to={linkTo(i)} className={styles.name} data-testid="worklist-name">
            {i.name}
          </Link>
          {(['incomplete', 'escalated'] as const).map((mark) =>
            i[mark] ? (
              <Tag key={mark} tone="warning" title={t(`cases.worklist.${mark}Hint`)} testId={mark}>
                <Icon name="alert" size={12} />
                {t(`cases.worklist.${mark}`)}
              </Tag>
            ) : null,
          )}
        </>
      ),
    },
    {
      key: 'group',
      header: school ? t(`${c}.group`) : t(`${c}.groupPerinatal`),
      sortable: true,
      cell: (i) => i.group,
    },
    {
      key: 'level',
      header: t(`${c}.level`),
      sortable: true,
      cell: (i) => (
        <CaseChips>
          <LevelChip levels={levels} level={i.level} testId="worklist-level" />
          {i.confirmedLevel && i.confirmedLevel !== i.screenLevel ? (
            <span className="fact-note">
              {t('cases.worklist.screenLevel', {
                level: levelName(levels, i.screenLevel, lang),
              })}
            </span>
          ) : null}
          {i.colour || i.purple ? <RiskColours item={i} /> : null}
        </CaseChips>
      ),
    },
    ...(showReasons
      ? [
          {
            key: 'reasons' as const,
            header: t(`${c}.reasons`),
            kind: 'wrap' as const,
            cell: (i: WorklistItem) => reasonsText(i.reasons),
          },
        ]
      : []),
    {
      key: 'flaggedAt',
      header: t(`${c}.flaggedAt`),
      sortable: true,
      cell: (i) => formatDate(i.flaggedAt),
    },
    {
      key: 'responsible',
      header: t(`${c}.responsible`),
      sortable: true,
      cell: (i) => i.responsible ?? <span className="fact-note">{t('cases.worklist.noResponsible')}</span>,
    },
    {
      key: 'next',
      header: t(`${c}.next`),
      cell: (i) => (i.nextTask ? t(taskKey(i.nextTask.kind)) : t('cases.worklist.noTask')),
    },
    {
      key: 'due',
      header: t(`${c}.due`),
      sortable: true,
      cell: (i) => (
        <DueMark overdue={i.overdue} testId="worklist-due">
          {i.nextTask?.dueOn ?? '—'}
          {i.overdue ? <Tag tone="warning">{t('cases.worklist.overdue')}</Tag> : null}
        </DueMark>
      ),
    },
  ];
  return (
    <div className={styles.table}>
      <Table
        label={school ? t('cases.worklist.titleSchool') : t('cases.worklist.titlePerinatal')}
        columns={columns}
        rows={items}
        rowKey={(item) => item.caseId}
        sort={sort}
        onSort={(key, descending) => {
          if (key !== 'reasons' && key !== 'next' && key !== 'select') onSort(key, descending);
        }}
        testId="worklist"
        rowTestId="worklist-row"
        rowClassName={(item) =>
          [item.overdue ? styles.overdue : '', item.escalated ? styles.escalated : '']
            .filter(Boolean)
            .join(' ')
        }
      />
    </div>
  );
}
