import { useTranslation } from 'react-i18next';
import {
  RESPONSE_IDENTITY_KINDS,
  type ResponseColumnTarget,
  type ResponseImportPreview,
  type ResponseReading,
} from '../../../../../shared/api/responses';
import { Alert } from '../../../ui/Alert';
import { Select } from '../../../ui/Select';
import { Table } from '../../../ui/Table';
import { columnLetter } from '../../../../../shared/instruments/workbook/table';
import { useProgramme } from '../../../store/session';
import styles from './ResponseImport.module.css';

type Column = ResponseImportPreview['columns'][number];

/** A target as one select value: "kind" for identity columns, "item:PHQ-9:q9" for items. */
export function targetValue(target: ResponseColumnTarget): string {
  return target.kind === 'item' ? `item:${target.instrumentId}:${target.itemId}` : target.kind;
}

export function parseTarget(value: string): ResponseColumnTarget {
  if (value.startsWith('item:')) {
    const [, instrumentId = '', itemId = ''] = value.split(':');
    return { kind: 'item', instrumentId, itemId };
  }
  return { kind: value as Exclude<ResponseColumnTarget['kind'], 'item'> };
}

/**
 * Each column of the export: what it holds, and for items how the answers are read (option text
 * or option number) and in which option order a number counts (the form's language).
 */
export function ResponseMapping({
  preview,
  busy,
  onTarget,
  onReading,
}: {
  preview: ResponseImportPreview;
  busy: boolean;
  onTarget(column: number, target: ResponseColumnTarget): void;
  onReading(column: number, reading: ResponseReading): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const label = (c: Column) => c.header || columnLetter(c.index);
  // A clinic's respondents have no 学籍号 or class (a column already read as one stays listed).
  const school = useProgramme() === 'school';
  const kindsFor = (c: Column) =>
    RESPONSE_IDENTITY_KINDS.filter(
      (k) => school || (k !== 'studentNo' && k !== 'className') || targetValue(c.target) === k,
    );
  return (
    <div className={`mapping ${styles.mapping}`}>
      {preview.missingItems.length > 0 ? (
        <Alert kind="warning" title={t('responseImport.missingTitle')}>
          {t('responseImport.missingBody', {
            items: preview.missingItems
              .map((m) =>
                t('responseImport.itemOption', {
                  instrument: m.instrumentId,
                  number: m.number,
                  text: '',
                }).trim(),
              )
              .join(t('errors.listSeparator')),
          })}
        </Alert>
      ) : null}
      <Table
        columns={[
          {
            key: 'column',
            header: t('responseImport.column'),
            kind: 'id',
            cell: (c) => columnLetter(c.index),
          },
          { key: 'header', header: t('responseImport.header'), kind: 'strong', cell: (c) => c.header || '—' },
          {
            key: 'samples',
            header: t('responseImport.samples'),
            kind: 'wrap',
            cell: (c) => <span className="fact-note">{c.samples.join(' · ') || '—'}</span>,
          },
          {
            key: 'target',
            header: t('responseImport.target'),
            cell: (c) => (
              <select
                className="input select input-sm"
                value={targetValue(c.target)}
                disabled={busy}
                aria-label={t('responseImport.targetFor', { header: label(c) })}
                onChange={(e) => onTarget(c.index, parseTarget(e.target.value))}
                data-testid="mapping-target"
              >
                <option value="ignore">{t('responseImport.kind.ignore')}</option>
                {kindsFor(c).map((k) => (
                  <option key={k} value={k}>
                    {t(`responseImport.kind.${k}`)}
                  </option>
                ))}
                {preview.items.map((item) => (
                  <option
                    key={`${item.instrumentId}/${item.itemId}`}
                    value={targetValue({ kind: 'item', ...item })}
                  >
                    {t('responseImport.itemOption', {
                      instrument: item.instrumentId,
                      number: item.number,
                      text: shorten(item.text[lang]),
                    })}
                  </option>
                ))}
              </select>
            ),
          },
          {
            key: 'read',
            header: t('responseImport.read'),
            cell: (c) =>
              c.reading ? (
                <Select<ResponseReading['read']>
                  className="input-sm"
                  value={c.reading.read}
                  disabled={busy}
                  aria-label={t('responseImport.readFor', { header: label(c) })}
                  onValue={(read) => onReading(c.index, { ...c.reading!, read })}
                  options={[
                    { value: 'text', label: t('responseImport.readText') },
                    { value: 'number', label: t('responseImport.readNumber') },
                  ]}
                  data-testid="mapping-read"
                />
              ) : null,
          },
          {
            key: 'order',
            header: t('responseImport.order'),
            cell: (c) =>
              c.reading ? (
                <>
                  <Select<ResponseReading['order']>
                    className="input-sm"
                    value={c.reading.order}
                    // The order only counts when positions are read; option text carries its value.
                    disabled={busy || c.reading.read === 'text'}
                    aria-label={t('responseImport.orderFor', { header: label(c) })}
                    onValue={(order) => onReading(c.index, { ...c.reading!, order })}
                    options={[
                      { value: 'zh', label: t('responseImport.orderZh') },
                      { value: 'en', label: t('responseImport.orderEn') },
                    ]}
                    data-testid="mapping-order"
                  />
                  {c.orderMatters && c.reading.read === 'number' ? (
                    <p className="field-hint">{t('responseImport.orderDiffers')}</p>
                  ) : null}
                </>
              ) : null,
          },
        ]}
        rows={preview.columns}
        rowKey={(c) => c.index}
        label={t('responseImport.step.map')}
        testId="response-mapping"
        rowTestId="mapping-row"
        rowData={(c) => ({ column: c.index, unmapped: String(c.target.kind === 'ignore') })}
      />
    </div>
  );
}

function shorten(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}

export type OptionOrder = 'printed' | 'reversed';

/**
 * 问卷星 "by option number" writes positions in the form's own option list, and forms are typed
 * either way round: the import cannot tell 1 = 完全不会 from 1 = 几乎每天, so it asks.
 */
export function OptionOrderQuestion({
  value,
  busy,
  onChoose,
}: {
  value: OptionOrder | null;
  busy: boolean;
  onChoose(order: OptionOrder): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className={styles.orderQuestion} data-testid="option-order">
      <legend className={styles.orderLegend}>{t('responseImport.optionOrder.question')}</legend>
      {(['printed', 'reversed'] as const).map((order) => (
        <label key={order} className={styles.orderChoice}>
          <input
            type="radio"
            name="option-order"
            checked={value === order}
            disabled={busy}
            onChange={() => onChoose(order)}
            data-testid={`option-order-${order}`}
          />
          <span>{t(`responseImport.optionOrder.${order}`)}</span>
        </label>
      ))}
      {value === null ? (
        <p className="field-hint" data-testid="option-order-needed">
          {t('responseImport.optionOrder.needed')}
        </p>
      ) : null}
    </fieldset>
  );
}
