import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonListItem } from '../../../../../shared/api/people';
import type {
  ResponseResolution,
  ResponseRow,
  ResponseRowOutcome,
} from '../../../../../shared/api/responses';
import { responseReasonValues } from '../../../../../shared/screening/response-issues';
import { invoke } from '../../../api/client';
import { useContentLanguage } from '../../../lib/format';
import { describeError } from '../../../api/errors';
import { Icon } from '../../../ui/Icon';
import { Spinner } from '../../../ui/Spinner';
import { toast } from '../../../store/toast';
import { Button } from '../../../ui/Button';
import sc from '../screening.module.css';
import styles from './ResponseImport.module.css';
import { Table, type Column } from '../../../ui/Table';
import { Tag, type TagTone } from '../../../ui/Tag';

/** Matched reads as fine, anything that will not be imported as needing a look, duplicates as quiet. */
const OUTCOME_TONE: Record<ResponseRowOutcome, TagTone> = {
  matched: 'success',
  not_in_campaign: 'warning',
  out_of_dates: 'warning',
  conflict_declined: 'warning',
  conflict_in_progress: 'warning',
  conflict_submitted: 'warning',
  duplicate: 'muted',
};

/** The row's reason in the UI's language, from its code (the service words it in Chinese for the CLI). */
export function ReasonText({ row }: { row: Pick<ResponseRow, 'reasonCode' | 'reasonParams'> }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  return <>{t(`responseImport.reasons.${row.reasonCode}`, responseReasonValues(row.reasonParams, lang))}</>;
}

/** Enough to read through; the counts above always cover the whole file. */
const MAX_SHOWN = 500;

function CriticalAnswers({ row }: { row: ResponseRow }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  return (
    <ul className={styles.critical} data-testid="critical-answers">
      {row.critical.map((a) => (
        <li key={`${a.instrumentId}/${a.itemId}`}>
          <Icon name="alert" size={13} />
          {t('responseImport.criticalAnswer', {
            instrument: a.instrumentId,
            number: a.itemNumber,
            label: a.label[lang],
          })}
        </li>
      ))}
    </ul>
  );
}

/**
 * One critical row that would not be imported: find the person and match, add them, or skip on
 * purpose. Nothing is decided for the user.
 */
function CriticalRow({
  row,
  resolution,
  kind,
  busy,
  onResolve,
  onAdd,
}: {
  row: ResponseRow;
  resolution: ResponseResolution | undefined;
  kind: 'student' | 'woman';
  busy: boolean;
  onResolve(resolution: ResponseResolution): void;
  onAdd(): void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(row.name || row.studentNo);
  const [results, setResults] = useState<PersonListItem[] | null>(null);
  const [searching, setSearching] = useState(false);

  async function search() {
    if (!query.trim()) return;
    setSearching(true);
    try {
      setResults(await invoke('people.search', { query: query.trim(), kind, limit: 8 }));
    } catch (error) {
      toast.error(describeError(error));
    } finally {
      setSearching(false);
    }
  }

  const chosen =
    resolution?.action === 'match'
      ? t('responseImport.matched', { name: row.personName ?? '' })
      : resolution?.action === 'import'
        ? t('responseImport.willImport', { what: t(`responseImport.actionImport.${row.outcome}`) })
        : resolution?.action === 'skip'
          ? t('responseImport.willSkip')
          : null;
  const canMatch = row.actions.includes('match');
  return (
    <li
      className={resolution ? `${styles.attentionRow} ${styles.resolved}` : styles.attentionRow}
      data-testid="critical-row"
      data-row={row.row}
    >
      <div className={styles.attentionHead}>
        <span className="cell-num">
          {t('responseImport.row')} {row.row}
        </span>
        <span className="cell-strong">{row.name || '—'}</span>
        <span className="cell-id">{row.studentNo || '—'}</span>
        <Tag tone="danger">{t(`responseImport.outcome.${row.outcome}`)}</Tag>
        <span className="fact-note">
          <ReasonText row={row} />
        </span>
      </div>
      <CriticalAnswers row={row} />
      {chosen ? (
        <p className={styles.chosen} data-testid="critical-choice">
          <Icon name="check" size={14} />
          {chosen}
        </p>
      ) : null}
      <form
        className={styles.search}
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        {canMatch ? (
          <>
            <input
              type="search"
              className="input input-sm"
              value={query}
              maxLength={64}
              placeholder={t('responseImport.searchPerson')}
              aria-label={t('responseImport.searchLabel', { row: row.row })}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="critical-search"
            />
            <Button
              variant="secondary"
              size="sm"
              type="submit"
              disabled={busy || searching}
              aria-label={t('responseImport.searchLabel', { row: row.row })}
            >
              {searching ? <Spinner size={12} /> : <Icon name="search" size={14} />}
            </Button>
          </>
        ) : null}
        {row.actions.includes('import') && row.personId !== null ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={busy}
            onClick={() => onResolve({ action: 'import' })}
          >
            {t(`responseImport.actionImport.${row.outcome}`)}
          </Button>
        ) : null}
        {kind === 'student' && canMatch ? (
          <Button variant="ghost" size="sm" icon="plus" disabled={busy} onClick={onAdd}>
            {t('responseImport.addPerson')}
          </Button>
        ) : null}
        <Button
          variant="ghost"
          size="sm"
          disabled={busy}
          onClick={() => onResolve({ action: 'skip' })}
          data-testid="critical-skip"
        >
          {t('responseImport.skipCritical')}
        </Button>
      </form>
      {results ? (
        results.length === 0 ? (
          <p className="fact-note">{t('responseImport.noResults')}</p>
        ) : (
          <ul className={styles.results}>
            {results.map((p) => (
              <li key={p.id}>
                <Button
                  variant="link"
                  disabled={busy}
                  onClick={() => onResolve({ action: 'match', personId: p.id })}
                  data-testid="critical-match"
                >
                  {t('responseImport.matchTo', { name: p.name })}
                </Button>
                <span className="cell-id">{p.studentNo ?? p.handbookNo ?? ''}</span>
                <span className="fact-note">{p.className ?? p.township ?? ''}</span>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </li>
  );
}

export function CriticalRows({
  rows,
  resolutions,
  kind,
  busy,
  onResolve,
  onAdd,
}: {
  rows: ResponseRow[];
  resolutions: Record<string, ResponseResolution>;
  kind: 'student' | 'woman';
  busy: boolean;
  onResolve(row: number, resolution: ResponseResolution): void;
  onAdd(row: ResponseRow): void;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section className={styles.attention} data-testid="critical-rows" aria-labelledby="ri-attention-title">
      <h2 id="ri-attention-title" className={sc.cardTitle}>
        <Icon name="alert" size={16} />
        {t('responseImport.attentionTitle', { count: rows.length })}
      </h2>
      <p className={sc.muted}>{t('responseImport.attentionBody')}</p>
      <ul className={styles.attentionList}>
        {rows.map((row) => (
          <CriticalRow
            key={row.row}
            row={row}
            resolution={resolutions[String(row.row)]}
            kind={kind}
            busy={busy}
            onResolve={(r) => onResolve(row.row, r)}
            onAdd={() => onAdd(row)}
          />
        ))}
      </ul>
    </section>
  );
}

export function RowsTable({
  rows,
  busy,
  onChoose,
}: {
  rows: ResponseRow[];
  busy: boolean;
  onChoose(row: number, action: 'import' | 'skip'): void;
}) {
  const { t } = useTranslation();
  const columns: Column<ResponseRow>[] = [
    { key: 'row', header: t('responseImport.row'), kind: 'num', cell: (row) => row.row },
    {
      key: 'status',
      header: t('responseImport.statusCol'),
      cell: (row) => <Tag tone={OUTCOME_TONE[row.outcome]}>{t(`responseImport.outcome.${row.outcome}`)}</Tag>,
    },
    { key: 'number', header: t('responseImport.number'), kind: 'id', cell: (row) => row.studentNo || '—' },
    {
      key: 'name',
      header: t('responseImport.name'),
      kind: 'strong',
      cell: (row) => row.personName ?? (row.name || '—'),
    },
    {
      key: 'reason',
      header: t('responseImport.reason'),
      kind: 'wrap',
      cell: (row) => (
        <>
          <ReasonText row={row} />
          {row.critical.length ? <CriticalAnswers row={row} /> : null}
        </>
      ),
    },
    {
      key: 'choice',
      header: t('responseImport.choice'),
      cell: (row) =>
        row.needsChoice ? (
          <span className={styles.mustChoose}>{t('responseImport.chooseAbove')}</span>
        ) : row.action === 'match' ? (
          t('responseImport.matched', { name: row.personName ?? '' })
        ) : row.actions.filter((a) => a !== 'match').length > 1 ? (
          <select
            className="input select input-sm"
            value={row.action}
            disabled={busy}
            aria-label={t('responseImport.choiceFor', { row: row.row })}
            onChange={(e) => onChoose(row.row, e.target.value as 'import' | 'skip')}
            data-testid="row-choice"
          >
            {row.actions
              .filter((a) => a !== 'match')
              .map((a) => (
                <option key={a} value={a}>
                  {a === 'import'
                    ? t(`responseImport.actionImport.${row.outcome}`)
                    : t(`responseImport.action.${a}`)}
                </option>
              ))}
          </select>
        ) : row.action === 'import' ? (
          t(`responseImport.actionImport.${row.outcome}`)
        ) : (
          t(`responseImport.action.${row.action}`)
        ),
    },
  ];
  return (
    <div className="preview-scroll">
      <Table
        columns={columns}
        rows={rows.slice(0, MAX_SHOWN)}
        rowKey={(row) => row.row}
        label={t('responseImport.step.outcomes')}
        testId="response-rows"
        rowTestId="response-row"
        rowData={(row) => ({ row: row.row, outcome: row.outcome })}
      />
      {rows.length > MAX_SHOWN ? (
        <p className="card-pad fact-note">
          {t('responseImport.truncated', { shown: MAX_SHOWN, count: rows.length })}
        </p>
      ) : null}
    </div>
  );
}
