import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/api/contract';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../store/session';
import { Button, LinkButton } from '../../ui/Button';
import { toast } from '../../store/toast';
import { AddPersonDialog, womanInputs } from './AddPersonDialog';
import { Tabs } from '../../ui/Tabs';
import { Tag } from '../../ui/Tag';
import { TownshipTree } from './GroupTree';
import { LevelChip, useLevels } from './levels';
import { PersonLink, type Column } from './PeopleTable';
import { CaseCell, TimePointsCell } from './WomenCells';
import { stageText } from './personText';
import { Select } from '../../ui/Select';
import { registerShowSchema } from '../../../../shared/api/people';
import { RegisterPage } from './RegisterPage';
import styles from './WomenPage.module.css';

const STAGES = ['', 'early', 'mid', 'late', 'postpartum'] as const;

export function WomenPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.status?.user?.role);
  const canImport = can(role, 'people.importCommit');
  const canAdd = can(role, 'people.add');
  const [adding, setAdding] = useState(false);
  const levels = useLevels('perinatal');
  const groups = useApiQuery('people.groups', {});
  const townships = groups.data?.townships ?? [];
  const all = townships.reduce((n, tw) => n + tw.count, 0);

  const columns: Column[] = [
    {
      key: 'name',
      header: t('women.columns.name'),
      width: '9%',
      sort: 'name',
      kind: 'strong',
      render: (w) => <PersonLink item={w} />,
    },
    {
      key: 'handbookNo',
      header: t('women.columns.handbookNo'),
      width: '12%',
      sort: 'number',
      kind: 'id',
      render: (w) => w.handbookNo ?? '—',
    },
    { key: 'township', header: t('women.columns.township'), width: '9%', render: (w) => w.township ?? '—' },
    {
      key: 'edd',
      header: t('women.columns.edd'),
      width: '10%',
      sort: 'edd',
      kind: 'num',
      render: (w) => w.edd ?? '—',
    },
    {
      key: 'stage',
      header: t('women.columns.stage'),
      width: '13%',
      render: (w) =>
        w.perinatal?.deliveryNeeded ? (
          <span className={styles.due} data-testid="stage">
            <span>{stageText(w.perinatal)}</span>
            <span>
              <Tag tone="danger" testId="delivery-needed">
                {t('women.deliveryNeeded')}
              </Tag>
            </span>
          </span>
        ) : (
          stageText(w.perinatal)
        ),
    },
    {
      key: 'level',
      header: t('people.level'),
      width: '10%',
      render: (w) => <LevelChip level={w.level} levels={levels} />,
    },
    {
      key: 'risk',
      header: t('women.columns.risk'),
      width: '12%',
      render: (w) => <CaseCell summary={w.perinatalCase} />,
    },
    {
      key: 'timePoints',
      header: t('women.columns.timePoints'),
      width: '22%',
      render: (w) => <TimePointsCell perinatal={w.perinatal} />,
    },
  ];

  const importButton = canImport ? (
    <LinkButton variant={canAdd ? 'secondary' : 'primary'} icon="upload" to="/app/women/import">
      {t('women.import')}
    </LinkButton>
  ) : null;
  const addButton = canAdd ? (
    <Button variant="primary" icon="plus" onClick={() => setAdding(true)} data-testid="add-woman">
      {t('women.add')}
    </Button>
  ) : null;
  const actions = (
    <>
      {importButton}
      {addButton}
    </>
  );

  return (
    <>
      <RegisterPage
        register="women"
        all={all}
        actions={actions}
        side={({ filters, setFilters }) => (
          <TownshipTree
            townships={townships}
            total={all}
            township={filters.township}
            onPick={(township) => setFilters({ township })}
          />
        )}
        filters={({ filters, setFilters }) => (
          <>
            <Select
              className="toolbar-select"
              aria-label={t('women.show.label')}
              value={registerShowSchema.safeParse(filters.show).success ? filters.show : ''}
              onValue={(show) => setFilters({ show: show === 'registered' ? '' : show })}
              options={registerShowSchema.options.map((show) => ({
                value: show === 'registered' ? '' : show,
                label: t(`women.show.${show}`),
              }))}
              data-testid="show-filter"
            />
            <Tabs
              label={t('women.filterStage')}
              testId="stage-filter"
              value={filters.stage as (typeof STAGES)[number]}
              onChange={(stage) => setFilters({ stage })}
              items={STAGES.map((stage) => ({
                value: stage,
                label: stage ? t(`women.stage.${stage}`) : t('women.allStages'),
              }))}
            />
          </>
        )}
        columns={columns}
        rowTone={(w) => (w.perinatal?.timePoints.some((tp) => tp.state === 'due') ? 'due' : '')}
        emptyActions={actions}
      />
      {adding ? (
        <AddPersonDialog
          kind="woman"
          inputs={womanInputs(townships.map((tw) => tw.township))}
          title={t('women.form.title')}
          intro={t('women.form.intro')}
          testId="add-woman-dialog"
          onAdded={(_id, name) => toast.success(t('women.added', { name }))}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </>
  );
}
