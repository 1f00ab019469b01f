import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WindowSettings } from '../../../../shared/api/people';
import {
  TIME_POINTS,
  windowProblems,
  type ScreeningWindows,
  type TimePoint,
  type WindowProblem,
} from '../../../../shared/people/perinatal';
import { useApiMutation, useApiQuery } from '../../api/query';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { FieldError } from '../../ui/Field';
import { LoadState } from '../../ui/LoadState';
import { Table, type Column } from '../../ui/Table';
import { Tag } from '../../ui/Tag';
import { formatDateTime } from '../../lib/format';
import { toast } from '../../store/toast';
import styles from './RulesPage.module.css';

/** What the table edits: pregnancy points in whole weeks, 产后42天 in days, as typed. */
type Draft = Record<TimePoint, { from: string; to: string }>;
const postpartum = (p: TimePoint) => p === 'postpartum42';

/** Weeks cover whole weeks: "14 to 27" is day 98 to day 195 (27+6). */
function toDraft(windows: ScreeningWindows): Draft {
  return Object.fromEntries(
    TIME_POINTS.map((p) => {
      const { from, to } = windows[p];
      if (postpartum(p)) return [p, { from: String(from), to: to === null ? '' : String(to) }];
      return [p, { from: String(Math.floor(from / 7)), to: to === null ? '' : String(Math.floor(to / 7)) }];
    }),
  ) as Draft;
}

const whole = (text: string): number | null => (/^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : null);

/** The windows the draft stands for, or the points whose numbers are not whole numbers. */
function fromDraft(draft: Draft): { windows: ScreeningWindows } | { notNumbers: TimePoint[] } {
  const notNumbers: TimePoint[] = [];
  const windows = Object.fromEntries(
    TIME_POINTS.map((p) => {
      const from = whole(draft[p].from);
      const to = draft[p].to.trim() === '' ? null : whole(draft[p].to);
      if (from === null || (draft[p].to.trim() !== '' && to === null)) notNumbers.push(p);
      if (postpartum(p)) return [p, { from: from ?? 0, to }];
      return [p, { from: (from ?? 0) * 7, to: to === null ? null : to * 7 + 6 }];
    }),
  ) as ScreeningWindows;
  return notNumbers.length ? { notNumbers } : { windows };
}

/**
 * 筛查时点窗口 (administrators): when each perinatal time point is due. Saved like the rules, as a
 * new version with who and when; version 1 is the built-in default. The checks are the shared
 * `windowProblems`, the same the server applies.
 */
export function TimePointWindows() {
  const { t } = useTranslation();
  const settings = useApiQuery('timepoints.get', {});
  return (
    <LoadState query={settings} failed={t('rules.windows.loadFailed')}>
      {(data) => <WindowsEditor settings={data} />}
    </LoadState>
  );
}

function WindowsEditor({ settings }: { settings: WindowSettings }) {
  const { t } = useTranslation();
  const initial = useMemo(() => toDraft(settings.active.windows), [settings.active.windows]);
  const [draft, setDraft] = useState(initial);
  useEffect(() => setDraft(initial), [initial]);
  // Saving changes every due list and status; the register and files read them again.
  const save = useApiMutation('timepoints.save', [
    'timepoints.get',
    'people.list',
    'people.get',
    'dashboard.get',
  ]);
  const parsed = fromDraft(draft);
  const problems: { point: TimePoint; code: WindowProblem['code'] | 'not_number' }[] =
    'windows' in parsed
      ? windowProblems(parsed.windows)
      : parsed.notNumbers.map((point) => ({ point, code: 'not_number' as const }));
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const problemOf = (p: TimePoint) => problems.find((x) => x.point === p)?.code;

  function submit() {
    if (!('windows' in parsed) || problems.length) return;
    save.mutate(
      { windows: parsed.windows },
      { onSuccess: (saved) => toast.success(t('rules.windows.saved', { version: saved.active.version })) },
    );
  }

  const label = (p: TimePoint) => t(`women.point.${p}`);
  const input = (p: TimePoint, end: 'from' | 'to') => (
    <input
      className={`input input-sm ${styles.windowInput}`}
      inputMode="numeric"
      size={4}
      value={draft[p][end]}
      aria-label={t(end === 'from' ? 'rules.windows.startFor' : 'rules.windows.endFor', { point: label(p) })}
      placeholder={end === 'to' && p === 'late' ? '—' : undefined}
      onChange={(e) => setDraft((d) => ({ ...d, [p]: { ...d[p], [end]: e.target.value } }))}
      data-testid={`window-${p}-${end}`}
    />
  );

  const columns: Column<TimePoint>[] = [
    { key: 'point', header: t('rules.windows.point'), cell: label },
    {
      key: 'unit',
      header: '',
      cell: (p) => (
        <span className="fact-note">
          {t(postpartum(p) ? 'rules.windows.unitDays' : 'rules.windows.unitWeeks')}
        </span>
      ),
    },
    { key: 'from', header: t('rules.windows.start'), cell: (p) => input(p, 'from') },
    {
      key: 'to',
      header: t('rules.windows.end'),
      cell: (p) => {
        const problem = problemOf(p);
        return (
          <>
            {input(p, 'to')}
            {p === 'late' ? <p className="fact-note">{t('rules.windows.untilDelivery')}</p> : null}
            {problem ? <FieldError>{t(`rules.windows.problem.${problem}`)}</FieldError> : null}
          </>
        );
      },
    },
  ];

  return (
    <Card
      title={t('rules.windows.title')}
      extra={<p className="card-subtitle">{t('rules.windows.subtitle')}</p>}
      testId="time-point-windows"
    >
      <Table
        columns={columns}
        rows={TIME_POINTS}
        rowKey={(p) => p}
        label={t('rules.windows.title')}
        testId="windows-table"
        dense
      />
      {save.error ? <Alert>{describeError(save.error)}</Alert> : null}
      <div className={styles.windowActions}>
        <Button variant="ghost" disabled={!dirty} onClick={() => setDraft(initial)}>
          {t('rules.windows.discard')}
        </Button>
        <Button
          variant="primary"
          disabled={!dirty || problems.length > 0}
          busy={save.isPending}
          onClick={submit}
          data-testid="save-windows"
        >
          {t('rules.windows.save')}
        </Button>
      </div>
      <div className={styles.windowHistory}>
        <p className="field-label">{t('rules.windows.history')}</p>
        <ol className={styles.history} data-testid="windows-history">
          {settings.history.map((h) => (
            <li
              key={h.version}
              className={h.version === settings.active.version ? styles.current : undefined}
            >
              <span className={styles.historyVersion}>
                {h.createdAt ? t('rules.versionN', { version: h.version }) : t('rules.windows.builtin')}
              </span>
              {h.version === settings.active.version ? <Tag>{t('rules.current')}</Tag> : null}
              {h.createdAt ? (
                <span
                  className={styles.historyMeta}
                >{`${formatDateTime(h.createdAt)} · ${h.createdBy ?? '—'}`}</span>
              ) : null}
            </li>
          ))}
        </ol>
      </div>
    </Card>
  );
}
