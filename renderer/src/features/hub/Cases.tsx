import { useEffect, useState } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Table, type Column } from '../../ui/Table';
import type { HubCaseList, HubCaseRow } from '../../../../shared/hub/views';
import styles from './HubApp.module.css';
import { hubCall } from './api';
import type { HubWords } from './i18n.zh';
import { ErrorAlert, Swatch } from './kit';
import { levelName } from './Dashboard';
import { fill, useHubWords } from './words';

const taskWord = (w: HubWords, kind: string): string =>
  Object.hasOwn(w.cases.task, kind) ? w.cases.task[kind as keyof HubWords['cases']['task']] : kind;

/** An installation's pseudonymous cases; the name and class columns only when its agreement sent names. */
export function Cases({ installationId, onBack }: { installationId: string; onBack(): void }) {
  const { w, en } = useHubWords();
  const [list, setList] = useState<HubCaseList | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    hubCall('hub.cases', { installationId })
      .then((value) => live && setList(value))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [installationId]);

  const back = (
    <div>
      <Button variant="link" onClick={onBack} data-testid="back">
        {w.common.back}
      </Button>
    </div>
  );
  if (error)
    return (
      <>
        {back}
        <ErrorAlert error={error} />
      </>
    );
  if (!list) return <p className={styles.who}>{w.common.loading}</p>;

  const named = list.cases.some((c) => c.name !== undefined);
  const levels = new Map(list.levels.map((l) => [l.id, l]));
  const columns: Column<HubCaseRow>[] = [
    { key: 'ref', header: w.cases.cols.ref, kind: 'id', cell: (c) => c.ref },
    ...(named
      ? ([
          { key: 'name', header: w.cases.cols.name, kind: 'strong', cell: (c) => c.name ?? w.common.none },
          {
            key: 'class',
            header: w.cases.cols.className,
            cell: (c) => [c.grade, c.className].filter(Boolean).join(' ') || w.common.none,
          },
        ] as Column<HubCaseRow>[])
      : []),
    {
      key: 'level',
      header: w.cases.cols.level,
      cell: (c) => {
        const level = c.level ? levels.get(c.level) : undefined;
        return (
          <span className={styles.level}>
            {level ? <Swatch colour={level.colour} /> : null}
            {level ? levelName(level, en) : (c.level ?? w.common.none)}
            {c.purple ? ` · ${w.cases.purple}` : ''}
          </span>
        );
      },
    },
    { key: 'status', header: w.cases.cols.status, cell: (c) => w.cases.status[c.status] },
    { key: 'opened', header: w.cases.cols.openedOn, cell: (c) => c.openedOn },
    {
      key: 'next',
      header: w.cases.cols.next,
      cell: (c) =>
        c.nextTask ? (
          <span className={c.overdue ? styles.dangerText : undefined}>
            {`${taskWord(w, c.nextTask.kind)} · ${fill(c.overdue ? w.cases.overdue : w.cases.due, { date: c.nextTask.dueOn })}`}
          </span>
        ) : (
          w.common.none
        ),
    },
    {
      key: 'safety',
      header: w.cases.cols.safety,
      cell: (c) =>
        c.safetyCheckDueOn ? (
          <span className={c.safetyCheckOverdue ? styles.dangerText : undefined}>
            {fill(c.safetyCheckOverdue ? w.cases.overdue : w.cases.due, { date: c.safetyCheckDueOn })}
          </span>
        ) : (
          w.common.none
        ),
    },
    { key: 'referral', header: w.cases.cols.referral, cell: (c) => w.cases.referral[c.referral] },
  ];

  return (
    <>
      {back}
      <Card title={fill(w.cases.heading, { name: list.installation.name })} testId="hub-cases">
        <Alert
          kind="info"
          title={list.installation.namesShared ? w.cases.namesShared : w.cases.pseudonymous}
        />
        <Table
          columns={columns}
          rows={list.cases}
          rowKey={(c) => c.ref}
          label={fill(w.cases.heading, { name: list.installation.name })}
          testId="hub-case-table"
          rowTestId="hub-case"
          rowData={(c) => ({ level: c.level ?? '', overdue: String(c.safetyCheckOverdue) })}
          empty={<p className={`card-pad ${styles.who}`}>{w.cases.empty}</p>}
        />
      </Card>
    </>
  );
}
